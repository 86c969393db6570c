"""The desk's 工具 tab: tickets, station draw, no-show list, mark absent, scanner self-test,
webcam, sound.

The windows (tickets, draw, self-test) are opened by the page, which owns them; this panel
asks for them by signal. The no-show export and "mark absent" run here. "Mark absent" is
confirmed in place, never in a modal box: a scanner typing into a 是/否 box could answer it.
"""

from __future__ import annotations

import uuid
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge import checkin
from kmjudge.accounts import Perm
from kmjudge.checkin import AbsentResult
from ui.checkin.camera import CameraPanel
from ui.checkin.common import ask_save_path, default_folder, safe_filename
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner


class ToolsPanel(QWidget):
    tickets_requested = Signal()
    draw_requested = Signal()
    selftest_requested = Signal()
    refresh_requested = Signal()
    statuses_changed = Signal()  # absentees marked
    camera_text = Signal(str)  # a code the webcam read
    sound_toggled = Signal(bool)
    done = Signal()  # the keyboard may go back to the scan field

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.event_title = ""
        self.waiting = 0
        self.last_export: Path | None = None
        self.setObjectName("toolsTab")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(8)
        grid = QGridLayout()
        grid.setSpacing(8)

        def button(name: str, text: str, signal: Any, visible: bool = True) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click does not take the keyboard
            b.setMinimumHeight(34)
            b.clicked.connect(lambda _c=False: signal())
            b.setVisible(visible)
            return b

        self.tickets_button = button(
            "ticketsButton",
            self.tr("Print tickets…"),
            self.tickets_requested.emit,
            ctx.actor.can(Perm.PRINT_TICKETS),
        )
        self.draw_button = button("drawButton", self.tr("Station draw…"), self.draw_requested.emit)
        self.noshow_button = button(
            "noshowButton", self.tr("Export no-show list…"), self.export_noshow
        )
        self.absent_button = button(
            "absentButton", self.tr("Mark absentees…"), self.ask_mark_absent
        )
        self.selftest_button = button(
            "selftestButton", self.tr("Scanner self-test…"), self.selftest_requested.emit
        )
        self.refresh_button = button(
            "refreshButton", self.tr("Refresh"), self.refresh_requested.emit
        )
        self.event_buttons = (
            self.tickets_button,
            self.draw_button,
            self.noshow_button,
            self.absent_button,
            self.refresh_button,
        )
        for i, b in enumerate((*self.event_buttons[:4], self.selftest_button, self.refresh_button)):
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid)

        self.absent_box = QFrame(self)
        self.absent_box.setObjectName("absentConfirm")
        self.absent_box.setStyleSheet(
            "QFrame#absentConfirm { background: #fff6e0; border: 1px solid #e9cf8c;"
            " border-radius: 6px; }"
        )
        box = QVBoxLayout(self.absent_box)
        self.absent_text = QLabel(self.absent_box)
        self.absent_text.setWordWrap(True)
        box.addWidget(self.absent_text)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self.absent_box)
        cancel.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        cancel.clicked.connect(self._absent_cancelled)
        row.addWidget(cancel)
        self.absent_confirm = QPushButton(self.tr("Mark them absent"), self.absent_box)
        self.absent_confirm.setObjectName("absentConfirmButton")
        self.absent_confirm.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.absent_confirm.clicked.connect(self.mark_absent)
        row.addWidget(self.absent_confirm)
        box.addLayout(row)
        self.absent_box.hide()
        lay.addWidget(self.absent_box)

        self.camera = CameraPanel(ctx.worker, self)
        self.camera.decoded.connect(self.camera_text)
        lay.addWidget(self.camera)
        self._watch_cameras()

        self.sound_switch = QCheckBox(self.tr("Sound after each scan"), self)
        self.sound_switch.setObjectName("soundSwitch")
        self.sound_switch.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sound_switch.setChecked(True)
        self.sound_switch.toggled.connect(self.sound_toggled)
        lay.addWidget(self.sound_switch)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        lay.addStretch(1)

    def _watch_cameras(self) -> None:
        """Offer the webcam as soon as one is plugged in (and withdraw it when unplugged)."""
        try:
            from PySide6.QtMultimedia import QMediaDevices

            self._media_devices: Any = QMediaDevices(self)
            self._media_devices.videoInputsChanged.connect(self.camera.refresh_devices)
        except Exception:  # pragma: no cover - no QtMultimedia in this build
            self._media_devices = None

    def set_event(self, event_id: uuid.UUID | None, title: str = "") -> None:
        self.event_id = event_id
        self.event_title = title
        self.absent_box.hide()
        self.banner.clear()
        for b in self.event_buttons:
            b.setEnabled(event_id is not None)

    def shutdown(self) -> None:
        self.camera.shutdown()

    # ------------------------------------------------------------------ no-show list

    def export_noshow(self, path: str = "") -> bool:
        if self.event_id is None:
            return False
        suggested = default_folder() / safe_filename(f"缺考名单-{self.event_title}.xlsx")
        path = path or ask_save_path(
            self, self.tr("Save the no-show list as"), suggested, "Excel (*.xlsx)"
        )
        self.done.emit()
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        ctx = self.ctx
        ctx.worker.run(
            checkin.export_noshow_xlsx,
            ctx.db,
            ctx.actor,
            self.event_id,
            path,
            **guarded(self, partial(self._exported, path), self.failed),
        )
        return True

    def _exported(self, path: str, count: int) -> None:
        self.last_export = Path(path)
        self.banner.success(
            self.tr("No-show list saved ({n} contestants): {path}").format(n=count, path=path)
        )

    def failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))

    # ------------------------------------------------------------------ absentees

    def ask_mark_absent(self) -> None:
        self.absent_text.setText(
            self.tr(
                "After the check-in cut-off: mark the {n} contestant(s) not checked in as "
                "absent? An administrator can reinstate a mistake."
            ).format(n=self.waiting)
        )
        self.absent_box.show()

    def _absent_cancelled(self) -> None:
        self.absent_box.hide()
        self.done.emit()

    def mark_absent(self) -> bool:
        if self.event_id is None:
            return False
        self.absent_box.hide()
        ctx = self.ctx
        ctx.worker.run(
            checkin.mark_absent,
            ctx.db,
            ctx.actor,
            self.event_id,
            **guarded(self, self._absent_marked, self.failed),
        )
        self.done.emit()
        return True

    def _absent_marked(self, result: AbsentResult) -> None:
        self.banner.success(self.tr("{n} contestant(s) marked absent.").format(n=result.count))
        self.statuses_changed.emit()
