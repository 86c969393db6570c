"""检录: the check-in desk.

The scan field keeps the keyboard: a scanner's keys reach it wherever the focus wandered in
this window (``ScanKeyRouter``), with or without Enter, and never through an input method. Each
scan goes to ``kmjudge.checkin.scan`` on the database worker (in order; the next scan can be
typed while one is checked), and the verdict replaces the previous one in the big panel with a
sound. Nothing on this page is a modal dialog: a question (a reason, "mark absent?") is asked
in place, so a scan is never blocked and never presses a dialog's button.

On the right: manual look-up (no ticket; undo, withdraw, disqualify, reinstate, reprint), the
newest scans from every desk, and the tools (tickets PDF, station draw, no-show list, mark
absent, scanner self-test, webcam, sound).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge import checkin, events
from kmjudge.accounts import Actor, Perm
from kmjudge.checkin import CheckinCounts, ScanLogRow, Verdict
from kmjudge.db.engine import Database
from kmjudge.registration.service import RegistrationView
from ui.checkin.draw_dialog import DrawDialog
from ui.checkin.lookup import LookupPanel
from ui.checkin.models import RecentScansModel
from ui.checkin.scan_field import ScanField, ScanInput, ScanKeyRouter, is_text_input
from ui.checkin.selftest import SelfTestDialog, is_selftest
from ui.checkin.sound import Sounds
from ui.checkin.tickets_dialog import TicketsDialog
from ui.checkin.tools_panel import ToolsPanel
from ui.checkin.verdict_panel import VerdictPanel, look_of
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import heading, hint

REFRESH_DELAY_MS = 150  # counters and the scan list follow a burst of scans once
SEARCH_IDLE_MS = 20_000  # an idle look-up field hands the keyboard back to the scan field
LIVE_REFRESH_MS = 15_000  # other desks' scans (a shared PostgreSQL database) show up
RECENT_SCANS = 40
SIDE_WIDTH = 430

PAGE_STYLE = """
QLineEdit#scanField {
    font-size: 17pt; padding: 6px 10px; border: 3px solid #b85600; border-radius: 8px;
    background: #fffaf2;
}
QLineEdit#scanField:focus { border: 3px solid #17803a; background: white; }
QLabel#scanStatus { font-size: 11pt; color: #3d4852; }
QLabel#scanStatus[warn="true"] { color: #b85600; font-weight: bold; }
QFrame#counterTile { background: white; border: 1px solid #dde3ea; border-radius: 8px; }
QLabel#counterValue { font-size: 22pt; font-weight: bold; color: #1d5fa7; }
QLabel#counterValue[tone="in"] { color: #17803a; }
QLabel#counterValue[tone="waiting"] { color: #b85600; }
QLabel#counterValue[tone="off"] { color: #5d6975; }
QLabel#counterCaption { color: #5d6975; font-size: 10pt; }
QLabel#windowLabel { color: #3d4852; font-size: 11pt; }
QTabWidget#sideTabs::pane { background: white; border: 1px solid #dde3ea; }
"""

_Header = tuple[uuid.UUID, str, str]


def load_header(db: Database, actor: Actor, event_id: uuid.UUID) -> _Header:
    """Runs on the worker: the event's title and its check-in window as text."""
    detail = events.get_event(db, actor, event_id)
    s = detail.summary
    title = s.name if s.trade in s.name else f"{s.name}（{s.trade}）"
    opens, closes = detail.checkin_opens_at, detail.checkin_closes_at
    window = ""
    if opens and closes:
        same_day = opens.date() == closes.date()
        window = (
            f"{opens:%m-%d %H:%M}–{closes:%H:%M}"
            if same_day
            else f"{opens:%m-%d %H:%M} – {closes:%m-%d %H:%M}"
        )
    elif opens:
        window = f"{opens:%m-%d %H:%M} –"
    elif closes:
        window = f"– {closes:%m-%d %H:%M}"
    return event_id, title, window


def load_numbers(
    db: Database, actor: Actor, event_id: uuid.UUID
) -> tuple[uuid.UUID, CheckinCounts, list[ScanLogRow]]:
    """Runs on the worker: the counters and the newest scans."""
    return (
        event_id,
        checkin.counters(db, event_id),
        checkin.recent_scans(db, actor, event_id, RECENT_SCANS),
    )


class CounterTile(QFrame):
    def __init__(self, key: str, caption: str, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterTile")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 4, 12, 6)
        lay.setSpacing(0)
        self.value = QLabel("–", self)
        self.value.setObjectName("counterValue")
        self.value.setProperty("tone", tone)
        self.value.setProperty("key", key)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.value)
        label = QLabel(caption, self)
        label.setObjectName("counterCaption")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(label)


class CheckinPage(QWidget):
    """The check-in desk of the selected event."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.event_title = ""
        self.last_verdict: Verdict | None = None
        self.counts: CheckinCounts | None = None
        self.in_flight = 0
        self.tickets_dialog: TicketsDialog | None = None
        self.draw_dialog: DrawDialog | None = None
        self.selftest_dialog: SelfTestDialog | None = None
        self._announce = False  # statuses changed by scans since other pages were told
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PAGE_STYLE)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 12, 18, 10)
        lay.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(12)
        title_box = QVBoxLayout()
        title_box.setSpacing(0)
        title_box.addWidget(heading(self.tr("Check-in"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        title_box.addWidget(self.event_label)
        self.window_label = QLabel(self)
        self.window_label.setObjectName("windowLabel")
        title_box.addWidget(self.window_label)
        top.addLayout(title_box, 1)
        self.tiles: dict[str, CounterTile] = {}
        for key, caption, tone in (
            ("registered", self.tr("Registered"), ""),
            ("checked_in", self.tr("Checked in"), "in"),
            ("waiting", self.tr("Not yet in"), "waiting"),
            ("absent", self.tr("Absent"), "off"),
            ("withdrawn", self.tr("Withdrawn / DQ"), "off"),
        ):
            tile = CounterTile(key, caption, tone, self)
            tile.setMinimumWidth(92)
            self.tiles[key] = tile
            top.addWidget(tile)
        lay.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(6)
        self.scan = ScanField(self)
        self.scan.setPlaceholderText(
            self.tr("Scan the ticket's QR code (or type it and press Enter)")
        )
        self.scan.setMinimumHeight(50)
        self.scan.scanned.connect(self.submit_scan)
        left.addWidget(self.scan)
        self.scan_status = QLabel(self)
        self.scan_status.setObjectName("scanStatus")
        left.addWidget(self.scan_status)
        self.verdict = VerdictPanel(self)
        left.addWidget(self.verdict, 1)
        body.addLayout(left, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sideTabs")
        self.tabs.setFixedWidth(SIDE_WIDTH)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.lookup = LookupPanel(ctx, self)
        self.lookup.verdict.connect(self._manual_verdict)
        self.lookup.changed.connect(self._statuses_changed)
        self.lookup.reprint_requested.connect(self.open_reprint)
        self.lookup.done.connect(self.focus_scan)
        self.lookup.table.clicked.connect(lambda _i: self.focus_scan())
        self.tabs.addTab(self.lookup, self.tr("Manual look-up"))
        self.recent_model = RecentScansModel(self)
        self.recent = QTableView(self)
        self.recent.setObjectName("recentScans")
        self.recent.setModel(self.recent_model)
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent.verticalHeader().setVisible(False)
        self.recent.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate(RecentScansModel.WIDTHS):
            self.recent.setColumnWidth(col, width)
        self.recent.horizontalHeader().setSectionResizeMode(
            RecentScansModel.RESULT, QHeaderView.ResizeMode.Stretch
        )
        self.tabs.addTab(self.recent, self.tr("Recent scans"))
        self.tools = ToolsPanel(ctx, self)
        self.tools.tickets_requested.connect(self.open_tickets)
        self.tools.draw_requested.connect(self.open_draw)
        self.tools.selftest_requested.connect(self.open_selftest)
        self.tools.refresh_requested.connect(self.refresh_all)
        self.tools.statuses_changed.connect(self._statuses_changed)
        self.tools.statuses_changed.connect(self.lookup.mark_stale)
        self.tools.camera_text.connect(self._camera_decoded)
        self.tools.sound_toggled.connect(self._sound_toggled)
        self.tools.done.connect(self.focus_scan)
        self.tabs.addTab(self.tools, self.tr("Tools"))
        body.addWidget(self.tabs)
        lay.addLayout(body, 1)

        self.router = ScanKeyRouter(self.scan, self)
        self.sounds = Sounds(self)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh_numbers)
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_REFRESH_MS)
        self.live_timer.timeout.connect(self.refresh_numbers)
        self.search_idle = QTimer(self)
        self.search_idle.setSingleShot(True)
        self.search_idle.setInterval(SEARCH_IDLE_MS)
        self.search_idle.timeout.connect(self._search_idle)
        self.lookup.search.textEdited.connect(lambda _t: self.search_idle.start())
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.focus_search)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.lookup.search, self.focus_scan)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)

        ctx.bus.event_changed.connect(self.set_event)
        ctx.bus.registrations_changed.connect(self._registrations_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._update_status()
        self.set_event(ctx.event_id)

    # ------------------------------------------------------------------ focus

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.router)
        self.live_timer.start()
        self.focus_scan()

    def hideEvent(self, event: QHideEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.router)
        self.live_timer.stop()
        if self.tools.camera.switch.isChecked():
            self.tools.camera.switch.setChecked(False)  # let go of the webcam
        if self._announce and self.event_id is not None:
            self._announce = False
            self.ctx.bus.registrations_changed.emit(self.event_id)
        super().hideEvent(event)

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.lookup)
        self.lookup.search.setFocus()
        self.lookup.search.selectAll()

    def _search_idle(self) -> None:
        if QApplication.focusWidget() is self.lookup.search:
            self.focus_scan()

    def _sound_toggled(self, on: bool) -> None:
        self.sounds.enabled = on
        self.focus_scan()

    # ------------------------------------------------------------------ event

    def set_event(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.event_title = ""
        self.counts = None
        self.event_label.setText("")
        self.window_label.setText("")
        for tile in self.tiles.values():
            tile.value.setText("–")
        self.recent_model.set_rows([])
        self.lookup.set_event(event_id)
        self.tools.set_event(event_id)
        if event_id is None:
            self.verdict.show_idle(
                self.tr("No event selected"),
                self.tr("Choose the competition event at the top of the window."),
            )
            return
        self.verdict.show_idle(self.tr("Scan a ticket's QR code"), self.verdict.idle_hint())
        ctx = self.ctx
        ctx.worker.run(
            load_header, ctx.db, ctx.actor, event_id, **guarded(self, self._header, self._failed)
        )
        self.refresh_numbers()

    def _header(self, result: _Header) -> None:
        event_id, title, window = result
        if event_id != self.event_id:
            return
        self.event_title = title
        self.tools.event_title = title
        self.event_label.setText(title)
        self.window_label.setText(
            self.tr("Check-in: {window}").format(window=window) if window else ""
        )

    def _failed(self, exc: BaseException) -> None:
        self.tools.failed(exc)

    def _registrations_changed(self, event_id: object) -> None:
        if event_id == self.event_id and not self.isVisible():
            self.lookup.mark_stale()
            self.refresh_numbers()

    def refresh_all(self) -> None:
        self.lookup.reload()
        self.refresh_numbers()
        self.focus_scan()

    def refresh_numbers(self) -> None:
        if self.event_id is None:
            return
        ctx = self.ctx
        ctx.worker.run(
            load_numbers,
            ctx.db,
            ctx.actor,
            self.event_id,
            **guarded(self, self._numbers, self._failed),
        )

    def _numbers(self, result: tuple[uuid.UUID, CheckinCounts, list[ScanLogRow]]) -> None:
        event_id, counts, scans = result
        if event_id != self.event_id:
            return
        self.counts = counts
        self.tools.waiting = counts.waiting
        values = {
            "registered": counts.registered,
            "checked_in": counts.checked_in,
            "waiting": counts.waiting,
            "absent": counts.absent,
            "withdrawn": counts.withdrawn + counts.disqualified,
        }
        for key, value in values.items():
            self.tiles[key].value.setText(str(value))
        self.tiles["withdrawn"].setToolTip(
            self.tr("{w} withdrawn, {d} disqualified").format(
                w=counts.withdrawn, d=counts.disqualified
            )
        )
        self.recent_model.set_rows(scans)
        self._update_status()

    def counter_values(self) -> dict[str, str]:
        return {k: t.value.text() for k, t in self.tiles.items()}

    # ------------------------------------------------------------------ scanning

    def typing_elsewhere(self) -> bool:
        """Another text field of this window has the keyboard: a scan would go there."""
        focus = QApplication.focusWidget()
        return (
            focus is not None
            and focus is not self.scan
            and focus.window() is self.window()
            and is_text_input(focus)
        )

    def _focus_changed(self, _old: object, _new: object) -> None:
        if self.isVisible():
            self._update_status()

    def _update_status(self) -> None:
        warn = self.typing_elsewhere()
        self.scan_status.setProperty("warn", warn)
        self.scan_status.style().unpolish(self.scan_status)
        self.scan_status.style().polish(self.scan_status)
        if warn:
            self.scan_status.setText(
                self.tr(
                    "⚠ You are typing elsewhere: press Esc or click the scan field before scanning."
                )
            )
            return
        if self.in_flight:
            text = self.tr("Checking… ({n} waiting)").format(n=self.in_flight)
        else:
            text = self.tr("Ready: scan the next ticket.")
        if self.counts is not None:
            text += "  " + self.tr("{scans} scans today, {rejected} refused").format(
                scans=self.counts.scans, rejected=self.counts.rejected_scans
            )
        self.scan_status.setText(text)

    def submit_scan(self, inp: ScanInput) -> bool:
        """Send one scan to the core (the verdict comes back on the main thread). Returns
        whether it was sent."""
        text = inp.text
        if is_selftest(text):
            self.verdict.show_notice(
                "info",
                self.tr("Scanner test code"),
                self.tr("This is the scanner self-test code, not a ticket. The scanner works."),
            )
            self.sounds.play("already")
            return False
        if self.event_id is None:
            self.verdict.show_notice(
                "warning",
                self.tr("No event selected"),
                self.tr("Choose the competition event at the top of the window, then scan again."),
            )
            self.sounds.play("refused")
            return False
        ctx = self.ctx
        self.in_flight += 1
        self._update_status()
        ctx.worker.run(
            checkin.scan,
            ctx.db,
            ctx.actor,
            self.event_id,
            text,
            **guarded(self, self._scanned, self._scan_failed),
        )
        return True

    def _scanned(self, verdict: Verdict) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.show_verdict(verdict)
        if verdict.kind == checkin.VerdictKind.VALID and verdict.registration_id is not None:
            self._announce = True
            self.lookup.apply_checkin(verdict.registration_id, verdict.station_no)
        self.refresh_timer.start()
        self._update_status()

    def _scan_failed(self, exc: BaseException) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.verdict.show_notice(
            "refused", self.tr("✖ Scan not processed"), self.ctx.error_text(exc)
        )
        self.sounds.play("refused")
        self._update_status()

    def show_verdict(self, verdict: Verdict) -> None:
        self.last_verdict = verdict
        self.verdict.show_verdict(verdict, self.ctx.lang, datetime.now())
        look = look_of(verdict.kind)
        self.sounds.play({"ok": "ok", "already": "already"}.get(look, "refused"))

    def _camera_decoded(self, text: str) -> None:
        self.submit_scan(ScanInput(text, 0, (), "camera", (), 0.0))

    def _manual_verdict(self, verdict: Verdict) -> None:
        self.show_verdict(verdict)

    def _statuses_changed(self) -> None:
        self.refresh_timer.start()
        if self.event_id is not None:
            self._announce = False
            self.ctx.bus.registrations_changed.emit(self.event_id)

    # ------------------------------------------------------------------ tools

    def open_tickets(self) -> TicketsDialog | None:
        if self.event_id is None or not self.ctx.actor.can(Perm.PRINT_TICKETS):
            return None
        self.tickets_dialog = TicketsDialog(self.ctx, self.event_id, self.event_title, self)
        self.tickets_dialog.finished.connect(self._dialog_closed)
        self.tickets_dialog.show()
        return self.tickets_dialog

    def open_reprint(self, person: RegistrationView) -> TicketsDialog | None:
        if self.event_id is None:
            return None
        self.tickets_dialog = TicketsDialog(
            self.ctx, self.event_id, self.event_title, self, person=person
        )
        self.tickets_dialog.written.connect(lambda _r: self.lookup.mark_stale())
        self.tickets_dialog.finished.connect(self._dialog_closed)
        self.tickets_dialog.show()
        return self.tickets_dialog

    def open_draw(self) -> DrawDialog | None:
        if self.event_id is None:
            return None
        self.draw_dialog = DrawDialog(self.ctx, self.event_id, self.event_title, self)
        self.draw_dialog.drawn.connect(lambda _r: self._statuses_changed())
        self.draw_dialog.drawn.connect(lambda _r: self.lookup.mark_stale())
        self.draw_dialog.finished.connect(self._dialog_closed)
        self.draw_dialog.show()
        return self.draw_dialog

    def open_selftest(self) -> SelfTestDialog:
        if self.selftest_dialog is None:
            self.selftest_dialog = SelfTestDialog(self)
            self.selftest_dialog.finished.connect(self._dialog_closed)
        self.selftest_dialog.clear()
        self.selftest_dialog.show()
        self.selftest_dialog.raise_()
        self.selftest_dialog.activateWindow()
        return self.selftest_dialog

    def _dialog_closed(self, _result: int = 0) -> None:
        """A tool window closed: the desk window and its scan field take the keyboard back."""
        if self.isVisible():
            self.window().activateWindow()
            self.focus_scan()
