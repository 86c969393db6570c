"""The main window: role-aware navigation, the event selector, the status bar.

Adding a page is one line in ``PAGES``: the menu title, where the class lives, and who sees it.
Page classes are imported lazily and guarded, so a page that is missing or broken shows a
placeholder instead of taking the whole window down.
"""

from __future__ import annotations

import importlib
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events, paths
from kmjudge.accounts import Actor, Role
from kmjudge.db import backup as backup_mod
from ui import i18n
from ui.context import AppContext
from ui.widgets import alive, heading, hint, roles_text

log = logging.getLogger(__name__)

LAST_EVENT_KEY = "main/last_event"
ALL_ROLES: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source text in the "Nav" translation context
    target: str  # "module:Class"; the class is constructed as Class(ctx, parent)
    roles: frozenset[Role] = ALL_ROLES

    def visible_to(self, actor: Actor) -> bool:
        return bool(self.roles & actor.roles)


# fmt: off
PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", QT_TRANSLATE_NOOP("Nav", "Home"), "ui.home:HomePage"),
    PageSpec("setup", QT_TRANSLATE_NOOP("Nav", "Competition setup"), "ui.setup.events_page:EventsPage", frozenset({Role.ADMIN})),  # noqa: E501
    PageSpec("registration", QT_TRANSLATE_NOOP("Nav", "Registration"), "ui.registration.contestants_page:ContestantsPage", frozenset({Role.ADMIN, Role.REGISTRAR, Role.CHIEF})),  # noqa: E501
    PageSpec("checkin", QT_TRANSLATE_NOOP("Nav", "Check-in"), "ui.checkin.checkin_page:CheckinPage", frozenset({Role.ADMIN, Role.REGISTRAR})),  # noqa: E501
    PageSpec("judging", QT_TRANSLATE_NOOP("Nav", "Marking"), "ui.judging.judge_page:JudgePage", frozenset({Role.JUDGE})),  # noqa: E501
    PageSpec("assign", QT_TRANSLATE_NOOP("Nav", "Judges"), "ui.judging.assign_page:AssignPage", frozenset({Role.ADMIN, Role.CHIEF})),  # noqa: E501
    PageSpec("chief", QT_TRANSLATE_NOOP("Nav", "Chief judge review"), "ui.judging.chief_page:ChiefPage", frozenset({Role.CHIEF})),  # noqa: E501
    PageSpec("paper", QT_TRANSLATE_NOOP("Nav", "Paper sheets"), "ui.judging.paper_page:PaperPage", frozenset({Role.CLERK, Role.CHIEF, Role.ADMIN})),  # noqa: E501
    PageSpec("results", QT_TRANSLATE_NOOP("Nav", "Results"), "ui.results.results_page:ResultsPage", frozenset({Role.ADMIN, Role.CHIEF})),  # noqa: E501
    PageSpec("certificates", QT_TRANSLATE_NOOP("Nav", "Certificates"), "ui.certificates.page:CertificatesPage", frozenset({Role.ADMIN, Role.CHIEF})),  # noqa: E501
    PageSpec("verify", QT_TRANSLATE_NOOP("Nav", "Verify certificate"), "ui.certificates.verify_page:VerifyPage"),  # noqa: E501
    PageSpec("exchange", QT_TRANSLATE_NOOP("Nav", "Data exchange"), "ui.sync.exchange_page:ExchangePage", frozenset({Role.ADMIN, Role.CHIEF, Role.CITY})),  # noqa: E501
    PageSpec("conflicts", QT_TRANSLATE_NOOP("Nav", "Conflicts"), "ui.sync.conflicts_page:ConflictsPage", frozenset({Role.ADMIN, Role.CHIEF, Role.CITY})),  # noqa: E501
    PageSpec("city", QT_TRANSLATE_NOOP("Nav", "City overview"), "ui.sync.city_page:CityPage", frozenset({Role.CITY, Role.ADMIN})),  # noqa: E501
    PageSpec("users", QT_TRANSLATE_NOOP("Nav", "Accounts"), "ui.users_page:UsersPage", frozenset({Role.ADMIN})),  # noqa: E501
    PageSpec("data", QT_TRANSLATE_NOOP("Nav", "Data and backups"), "ui.data_page:DataPage", frozenset({Role.ADMIN})),  # noqa: E501
)
# fmt: on


def pages_for(actor: Actor) -> list[PageSpec]:
    return [p for p in PAGES if p.visible_to(actor)]


def nav_title(spec: PageSpec) -> str:
    return QCoreApplication.translate("Nav", spec.title)


def backup_interval_s() -> int:
    """Seconds between automatic backups (KMJUDGE_BACKUP_INTERVAL_S, default one hour)."""
    try:
        return max(1, int(os.environ.get("KMJUDGE_BACKUP_INTERVAL_S", "3600")))
    except ValueError:
        return 3600


class PlaceholderPage(QWidget):
    """Stands in for a page whose module is not installed (yet) or failed to load."""

    def __init__(self, title: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 28, 32, 28)
        lay.addWidget(heading(title, self))
        msg = hint(self.tr("This part of kmjudge is not available in this installation."), self)
        msg.setObjectName("placeholderText")
        lay.addWidget(msg)
        detail = hint(reason, self)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(detail)
        lay.addStretch(1)


def build_page(spec: PageSpec, ctx: AppContext, parent: QWidget) -> QWidget:
    module_name, _, class_name = spec.target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        log.info("page %s unavailable: %s", spec.key, exc)
        return PlaceholderPage(nav_title(spec), f"{module_name}: {exc}", parent)
    try:
        page: QWidget = cls(ctx, parent)
    except Exception as exc:  # a broken page must not take the window down
        log.exception("page %s failed to open", spec.key)
        return PlaceholderPage(nav_title(spec), f"{type(exc).__name__}: {exc}", parent)
    return page


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._events: list[events.EventSummary] = []
        self._closing_for_sign_out = False
        self.setWindowTitle(self.tr("kmjudge on-site judging"))
        self.setMinimumSize(1000, 600)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_top_bar())
        body = QHBoxLayout()
        body.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget(central)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        for spec in pages_for(ctx.actor):
            page = build_page(spec, ctx, self.stack)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(nav_title(spec), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            navigate = getattr(page, "navigate", None)
            if navigate is not None and hasattr(navigate, "connect"):
                navigate.connect(self.show_page)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setCurrentRow(0)

        self._build_menus()
        self._build_status_bar()

        ctx.bus.events_changed.connect(self.reload_events)
        ctx.bus.event_changed.connect(self._event_selected_elsewhere)
        ctx.bus.backup_done.connect(self._backup_done)

        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(backup_interval_s() * 1000)
        self.backup_timer.timeout.connect(self.automatic_backup)
        if ctx.db.path is not None:
            self.backup_timer.start()

        self.reload_events()
        self._load_last_backup()

    # ------------------------------------------------------------------ layout

    def _build_top_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(16, 8, 16, 8)
        lay.setSpacing(10)
        brand = QLabel(self.tr("kmjudge on-site judging"), bar)
        brand.setObjectName("brand")
        lay.addWidget(brand)
        lay.addSpacing(24)
        label = QLabel(self.tr("Event:"), bar)
        lay.addWidget(label)
        self.event_combo = QComboBox(bar)
        self.event_combo.setObjectName("eventCombo")
        self.event_combo.setMinimumWidth(320)
        self.event_combo.setMaximumWidth(560)
        # as wide as the longest event name (within the maximum), so no name is cut off
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.event_combo.currentIndexChanged.connect(self._combo_changed)
        label.setBuddy(self.event_combo)
        lay.addWidget(self.event_combo)
        lay.addStretch(1)
        self.user_label = QLabel(self._user_text(), bar)
        self.user_label.setObjectName("topUser")
        lay.addWidget(self.user_label)
        self.sign_out_button = QPushButton(self.tr("Sign out"), bar)
        self.sign_out_button.setObjectName("signOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        lay.addWidget(self.sign_out_button)
        return bar

    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        self.action_sign_out = QAction(self.tr("Sign out"), self)
        self.action_sign_out.setShortcut(QKeySequence("Ctrl+L"))
        self.action_sign_out.triggered.connect(self.sign_out)
        menu_file.addAction(self.action_sign_out)
        menu_file.addSeparator()
        self.action_quit = QAction(self.tr("Quit"), self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.close)
        menu_file.addAction(self.action_quit)

        menu_settings = self.menuBar().addMenu(self.tr("&Settings"))
        menu_lang = menu_settings.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, text in (("zh", "简体中文"), ("en", "English")):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == self.ctx.lang)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            group.addAction(action)
            menu_lang.addAction(action)
            self.lang_actions[code] = action

        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About kmjudge"), self)
        about.triggered.connect(self._about)
        menu_help.addAction(about)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_event = QLabel(sb)
        self.status_event.setObjectName("statusEvent")
        self.status_user = QLabel(self._user_text(), sb)
        self.status_user.setObjectName("statusUser")
        dev = self.ctx.db.device
        self.status_device = QLabel(
            self.tr("Device {name} · key {fp}").format(name=dev.name, fp=dev.fingerprint), sb
        )
        self.status_device.setObjectName("statusDevice")
        self.status_device.setToolTip(self.tr("Device id: {id}").format(id=dev.id))
        self.status_backup = QLabel(sb)
        self.status_backup.setObjectName("statusBackup")
        if self.ctx.db.path is None:
            self.status_backup.setText(self.tr("PostgreSQL: back up with pg_dump"))
        else:
            self.status_backup.setText(self.tr("No backup yet"))
        sb.addWidget(self.status_event, 1)
        for w in (self.status_user, self.status_device, self.status_backup):
            sb.addPermanentWidget(w)
        self._show_event_in_status(None)

    def _user_text(self) -> str:
        a = self.ctx.actor
        return f"{a.display_name} · {roles_text(a.roles, self.ctx.lang)}"

    # ------------------------------------------------------------------ navigation

    def show_page(self, key: str) -> bool:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)
                return True
        return False

    def current_page_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def nav_keys(self) -> list[str]:
        return [
            str(self.nav.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.nav.count())
        ]

    def nav_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def _nav_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        page = self.pages.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if page is not None:
            self.stack.setCurrentWidget(page)

    # ------------------------------------------------------------------ events

    def reload_events(self) -> None:
        self.ctx.worker.run(
            events.list_events,
            self.ctx.db,
            self.ctx.actor,
            on_success=alive(self, self._fill_events),
            on_error=alive(self, self._events_failed),
        )

    def _events_failed(self, exc: BaseException) -> None:
        log.error("could not list events: %s", exc)
        self.statusBar().showMessage(self.ctx.error_text(exc), 10_000)

    def _fill_events(self, rows: list[events.EventSummary]) -> None:
        self._events = list(rows)
        wanted = self.ctx.event_id
        if wanted is None:
            saved = str(i18n.settings().value(LAST_EVENT_KEY, "") or "")
            wanted = next((e.id for e in rows if str(e.id) == saved), None)
        if wanted not in {e.id for e in rows}:
            # nothing chosen yet: the event running today (the list is oldest first)
            today = [e.id for e in rows if e.start_at and e.start_at.date() == date.today()]
            wanted = today[0] if today else rows[0].id if rows else None
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        if not rows:
            self.event_combo.addItem(self.tr("(no events yet)"), None)
            self.event_combo.setEnabled(False)
        else:
            self.event_combo.setEnabled(True)
            for e in rows:
                self.event_combo.addItem(self._event_label(e), str(e.id))
            self.event_combo.setCurrentIndex([e.id for e in rows].index(wanted))
        self.event_combo.blockSignals(False)
        # Announce even an unchanged selection: counts or names may have changed.
        self.ctx.select_event(wanted)

    def _event_label(self, e: events.EventSummary) -> str:
        name = e.name if str(e.year) in e.name else f"{e.year} {e.name}"
        if self.ctx.lang == "zh":
            return f"{name}（{e.level_zh}）"
        return f"{name} ({e.level})"

    def _combo_changed(self, index: int) -> None:
        data = self.event_combo.itemData(index)
        event_id = uuid.UUID(data) if data else None
        if event_id != self.ctx.event_id:
            self.ctx.select_event(event_id)

    def _event_selected_elsewhere(self, event_id: uuid.UUID | None) -> None:
        if event_id is not None:
            s = i18n.settings()
            s.setValue(LAST_EVENT_KEY, str(event_id))
            s.sync()
            idx = self.event_combo.findData(str(event_id))
            if idx < 0:  # a page created it: reload the list (which selects it again)
                if event_id not in {e.id for e in self._events}:
                    self.reload_events()
                    return
            elif idx != self.event_combo.currentIndex():
                self.event_combo.blockSignals(True)
                self.event_combo.setCurrentIndex(idx)
                self.event_combo.blockSignals(False)
        self._show_event_in_status(event_id)

    def _show_event_in_status(self, event_id: uuid.UUID | None) -> None:
        ev = next((e for e in self._events if e.id == event_id), None)
        if ev is None:
            self.status_event.setText(self.tr("No event selected"))
            self.setWindowTitle(self.tr("kmjudge on-site judging"))
        else:
            self.status_event.setText(self.tr("Event: {name}").format(name=ev.name))
            self.setWindowTitle(f"{ev.name} — kmjudge")

    def selected_event(self) -> events.EventSummary | None:
        return next((e for e in self._events if e.id == self.ctx.event_id), None)

    # ------------------------------------------------------------------ backups

    def automatic_backup(self) -> None:
        if self.ctx.db.path is None:
            return
        self.ctx.worker.run(
            self.ctx.db.backup,
            "hourly",
            on_success=alive(self, lambda path: self.ctx.bus.backup_done.emit(str(path))),
            on_error=alive(self, self._backup_failed),
        )

    def _backup_failed(self, exc: BaseException) -> None:
        log.error("automatic backup failed: %s", exc)
        self.status_backup.setText(self.tr("Backup failed!"))
        self.status_backup.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.status_backup.setToolTip(self.ctx.error_text(exc))

    def _load_last_backup(self) -> None:
        path = self.ctx.db.path
        if path is None:
            return
        self.ctx.worker.run(
            backup_mod.list_backups,
            paths.backups_dir(),
            path.stem,
            pool=True,
            on_success=alive(self, self._show_last_backup),
        )

    def _show_last_backup(self, found: list[backup_mod.BackupInfo]) -> None:
        if found:
            self._set_backup_time(found[0].path)

    def _backup_done(self, path: str) -> None:
        self._set_backup_time(Path(path))

    def _set_backup_time(self, path: Path) -> None:
        try:
            stamp = path.stat().st_mtime
        except OSError:
            return
        from datetime import datetime

        when = datetime.fromtimestamp(stamp).strftime("%m-%d %H:%M")
        self.status_backup.setStyleSheet("")
        self.status_backup.setText(self.tr("Last backup {time}").format(time=when))
        self.status_backup.setToolTip(str(path))

    # ------------------------------------------------------------------ session

    def switch_language(self, lang: str) -> None:
        if lang == self.ctx.lang:
            return
        i18n.save_lang(lang)
        self.language_changed.emit(lang)

    def sign_out(self) -> None:
        self._closing_for_sign_out = True
        self.backup_timer.stop()
        self.sign_out_requested.emit()

    def _about(self) -> None:
        from ui.about import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()
