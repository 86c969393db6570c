"""工位抽签: how stations are drawn, the batch draw, and the printable draw list.

By default each contestant draws a station when checking in. An event can instead draw them
all at once after check-in (``draw_all``, one audited transaction, ``secrets`` shuffle). The
list (station, ticket number, name, employer) is shown here and saved as a PDF to sign and
post at the venue. Not modal: scanning goes on.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import checkin
from kmjudge.accounts import Perm
from kmjudge.checkin import CheckinSettings, DrawResult
from kmjudge.checkin.draw import DrawListRow
from ui.checkin.common import ask_save_path, default_folder, safe_filename
from ui.checkin.models import DrawListModel
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner, heading, hint


class DrawDialog(QDialog):
    """Draw settings (administrators), the batch draw, the list and its PDF."""

    drawn = Signal(object)  # DrawResult

    def __init__(
        self,
        ctx: AppContext,
        event_id: uuid.UUID,
        event_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.event_title = event_title
        self.busy = False
        self.last_pdf: Path | None = None
        self.last_result: DrawResult | None = None
        self.setObjectName("drawDialog")
        self.setWindowTitle(self.tr("Station draw"))
        self.resize(760, 560)
        can_set = ctx.actor.can(Perm.SETUP_EVENTS)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.setSpacing(8)
        lay.addWidget(heading(self.tr("Station draw"), self))

        settings = QHBoxLayout()
        self.at_checkin = QCheckBox(self.tr("Draw a station when each contestant checks in"), self)
        self.at_checkin.setObjectName("drawAtCheckin")
        settings.addWidget(self.at_checkin)
        settings.addSpacing(16)
        settings.addWidget(QLabel(self.tr("Stations:"), self))
        self.stations = QSpinBox(self)
        self.stations.setObjectName("stationCount")
        self.stations.setRange(0, 100_000)
        self.stations.setSpecialValueText(self.tr("one per contestant"))
        self.stations.setMinimumWidth(130)
        settings.addWidget(self.stations)
        self.save_settings_button = QPushButton(self.tr("Save settings"), self)
        self.save_settings_button.setObjectName("saveDrawSettings")
        self.save_settings_button.setAutoDefault(False)
        self.save_settings_button.clicked.connect(self.save_settings)
        settings.addWidget(self.save_settings_button)
        settings.addStretch(1)
        lay.addLayout(settings)
        for w in (self.at_checkin, self.stations, self.save_settings_button):
            w.setEnabled(can_set)
        if not can_set:
            lay.addWidget(hint(self.tr("Only an administrator can change these settings."), self))

        actions = QHBoxLayout()
        self.draw_button = QPushButton(
            self.tr("Draw for everyone checked in without a station"), self
        )
        self.draw_button.setObjectName("primary")
        self.draw_button.setAutoDefault(False)
        self.draw_button.clicked.connect(self.draw_all)
        actions.addWidget(self.draw_button)
        actions.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Save the draw list as PDF…"), self)
        self.pdf_button.setObjectName("drawListPdf")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        actions.addWidget(self.pdf_button)
        lay.addLayout(actions)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = DrawListModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("drawTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for col, width in enumerate(DrawListModel.WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(
            DrawListModel.EMPLOYER, QHeaderView.ResizeMode.Stretch
        )
        lay.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("drawCount")
        lay.addWidget(self.count_label)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.reload()

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        ctx = self.ctx
        ctx.worker.run(
            checkin.get_settings,
            ctx.db,
            self.event_id,
            **guarded(self, self._settings_loaded, self._failed),
        )
        ctx.worker.run(
            checkin.draw_list,
            ctx.db,
            ctx.actor,
            self.event_id,
            **guarded(self, self._list_loaded, self._failed),
        )

    def _settings_loaded(self, settings: CheckinSettings) -> None:
        self.at_checkin.setChecked(settings.draw_at_checkin)
        self.stations.setValue(settings.stations or 0)

    def _list_loaded(self, rows: list[DrawListRow]) -> None:
        self.model.set_rows(rows)
        with_station = sum(1 for r in rows if r.station_no)
        self.count_label.setText(
            self.tr("{drawn} with a station, {waiting} checked in without one").format(
                drawn=with_station, waiting=len(rows) - with_station
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.banner.error(self.ctx.error_text(exc))

    # ------------------------------------------------------------------ actions

    def save_settings(self) -> None:
        ctx = self.ctx
        ctx.worker.run(
            checkin.set_settings,
            ctx.db,
            ctx.actor,
            self.event_id,
            draw_at_checkin=self.at_checkin.isChecked(),
            stations=self.stations.value() or None,
            **guarded(
                self, lambda _s: self.banner.success(self.tr("Settings saved.")), self._failed
            ),
        )

    def draw_all(self) -> bool:
        if self.busy:
            return False
        self.busy = True
        ctx = self.ctx
        ctx.worker.run(
            checkin.draw_all,
            ctx.db,
            ctx.actor,
            self.event_id,
            **guarded(self, self._drawn, self._failed),
        )
        return True

    def _drawn(self, result: DrawResult) -> None:
        self.busy = False
        self.last_result = result
        text = self.tr("Stations drawn for {n} contestant(s) (stations 1–{total}).").format(
            n=len(result.drawn), total=result.stations
        )
        if result.left_without:
            text += " " + self.tr("{n} got none: no free station left.").format(
                n=result.left_without
            )
            self.banner.show_message(text, "warning")
        else:
            self.banner.success(text)
        self.drawn.emit(result)
        self.reload()

    def save_pdf(self, path: str = "") -> bool:
        suggested = default_folder() / safe_filename(f"工位抽签表-{self.event_title}.pdf")
        path = path or ask_save_path(
            self, self.tr("Save the draw list as"), suggested, "PDF (*.pdf)"
        )
        if not path:
            return False
        ctx = self.ctx
        ctx.worker.run(
            checkin.write_draw_list_pdf,
            ctx.db,
            ctx.actor,
            self.event_id,
            path,
            **guarded(self, self._pdf_written, self._failed),
        )
        return True

    def _pdf_written(self, path: Path) -> None:
        self.last_pdf = Path(path)
        self.banner.success(self.tr("Draw list saved to {path}").format(path=path))
