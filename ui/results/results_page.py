"""成绩: the chief judge's and the admin's results screen for the selected event.

Before the lock the results are provisional and shown by station only (the core hides the
names); after the lock with names. From here the chief judge exports the 公示表 (PDF, xlsx),
the 获奖名单, the 成绩单 and the 签字页, releases (公布) the results, and opens the big screen.
Everything is computed by ``kmjudge.results`` on the worker; this page only shows it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.accounts import Perm
from kmjudge.db.engine import Database
from kmjudge.results import publish
from kmjudge.results.release import ResultsView, release, signoff_info, view_results
from ui.context import AppContext
from ui.results.models import ResultsTableModel
from ui.widgets import MessageBanner, alive, heading, hint

STAGE_STYLE = {
    "provisional": "background: #fff4d6; color: #7a5200; border: 1px solid #e0b84a;",
    "locked": "background: #e3eefb; color: #1d4f8a; border: 1px solid #8fb3de;",
    "released": "background: #e2f4e6; color: #1d6b2c; border: 1px solid #86c596;",
}


def export_signoff(db: Database, view: ResultsView, path: str) -> Path:
    """Runs on the worker: the sign-off sheet needs the audit head read from the database."""
    return publish.signoff_pdf(view, path, signoff_info(db, view.meta.id))


class ResultsPage(QWidget):
    """Provisional / locked / released results of the selected event, by ranking group."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.view: ResultsView | None = None
        self.board_window: QWidget | None = None
        self.tables: list[QTableView] = []
        self.models: list[ResultsTableModel] = []
        self._loading = 0
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.allowed = ctx.actor.can(Perm.VIEW_PROVISIONAL_RESULTS)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(10)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(heading(self.tr("Results"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        self.event_label.setWordWrap(False)
        title_row.addWidget(self.event_label, 1, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(title_row)

        self.stage_label = QLabel(self)
        self.stage_label.setObjectName("stageBanner")
        self.stage_label.setWordWrap(True)
        self.stage_label.hide()
        lay.addWidget(self.stage_label)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}

        def button(key: str, text: str, slot: Callable[[], None]) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(f"{key}Button")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
            return b

        button("boardPdf", self.tr("Export board PDF"), lambda: self.export("board_pdf"))
        button("boardXlsx", self.tr("Export board xlsx"), lambda: self.export("board_xlsx"))
        button("winners", self.tr("Winners list"), lambda: self.export("winners"))
        button("transcripts", self.tr("Transcripts"), lambda: self.export("transcripts"))
        button("signoff", self.tr("Sign-off sheet"), lambda: self.export("signoff"))
        bar.addStretch(1)
        button("refresh", self.tr("Refresh"), self.reload)
        button("bigScreen", self.tr("Big screen"), self.open_board)
        rel = button("release", self.tr("Release results"), self.ask_release)
        rel.setProperty("primary", True)
        rel.setVisible(ctx.actor.can(Perm.RELEASE_RESULTS))
        lay.addLayout(bar)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("groupTabs")
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("QLabel#emptyState { color: #5d6975; font-size: 12pt; }")
        lay.addWidget(self.empty, 1)
        self.warnings = hint("", self)
        self.warnings.setObjectName("warnings")
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.warnings)

        self._set_enabled(False)
        ctx.bus.event_changed.connect(self.set_event)
        self.set_event(ctx.event_id)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page shows the results as they are now (the chief judge may
        have locked, or marks changed, since they were computed)."""
        super().showEvent(event)
        if self.view is not None:
            self.reload()

    # ------------------------------------------------------------------ loading

    def _set_enabled(self, on: bool) -> None:
        for key, b in self.buttons.items():
            if key != "refresh":
                b.setEnabled(on)
        self.buttons["refresh"].setEnabled(self.allowed and self.event_id is not None)

    def _show_empty(self, text: str) -> None:
        self.tabs.hide()
        self.empty.setText(text)
        self.empty.show()
        self.warnings.setText("")

    def set_event(self, event_id: uuid.UUID | None) -> None:
        if event_id is not None and event_id == self.event_id and self.view is not None:
            self.reload()  # the same event chosen again: refresh in place
            return
        self.event_id = event_id
        self.view = None
        self._set_enabled(False)
        self.stage_label.hide()
        if not self.allowed:
            self._show_empty(
                self.tr("Only the chief judge and the administrator may see results here.")
            )
            return
        if event_id is None:
            self.event_label.setText("")
            self._show_empty(self.tr("Choose an event first."))
            return
        self.reload()

    def reload(self) -> None:
        if not self.allowed or self.event_id is None:
            return
        self._loading += 1
        ticket = self._loading
        self.buttons["refresh"].setEnabled(False)
        self.ctx.worker.run(
            view_results,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, lambda v: self._loaded(ticket, v)),
            on_error=alive(self, lambda e: self._failed(ticket, e)),
            progress=(self, self.tr("Computing the results…")),
        )

    def _failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._loading:
            return
        self._set_enabled(False)
        self._show_empty(self.ctx.error_text(exc))

    def _loaded(self, ticket: int, view: ResultsView) -> None:
        if ticket != self._loading or view.meta.id != self.event_id:
            return
        self.view = view
        meta = view.meta
        name = meta.name
        self.event_label.setText(name if meta.trade in name else f"{name}（{meta.trade}）")
        texts = {
            "provisional": self.tr(
                "Provisional results (not locked, visible only to the chief judge and the "
                "administrator)"
            ),
            "locked": self.tr("Locked: final results, not yet released"),
            "released": self.tr("Locked and released"),
        }
        self.stage_label.setText(texts[view.stage])
        self.stage_label.setProperty("stage", view.stage)
        self.stage_label.setStyleSheet(
            f"QLabel#stageBanner {{ {STAGE_STYLE[view.stage]} border-radius: 4px;"
            " padding: 6px 10px; font-weight: bold; font-size: 11pt; }"
        )
        self.stage_label.show()
        self._set_enabled(True)
        # Only locked results can be released: before the lock the button would only refuse.
        self.buttons["release"].setEnabled(view.stage == "locked")
        self.buttons["release"].setToolTip(
            {
                "provisional": self.tr("The chief judge locks the event first; then release."),
                "locked": self.tr("Publish the locked results with names."),
                "released": self.tr("The results are released."),
            }[view.stage]
        )
        self._fill(view)

    def _fill(self, view: ResultsView) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.tables = []
        self.models = []
        groups = view.results.groups
        if not view.results.rows:
            self._show_empty(self.tr("No contestants in this event yet."))
            return
        if all(r.theory is None and r.practical is None for r in view.results.rows):
            # 60 rows of "incomplete" and a list of registration numbers say nothing
            self._set_enabled(False)  # nothing to export or release either
            self._show_empty(
                self.tr(
                    "No scores yet: the provisional results appear here as soon as the "
                    "judges mark and the theory scores are imported."
                )
            )
            return
        for g in groups:
            rows = [r for r in view.results.rows if r.group == g.key]
            model = ResultsTableModel(self)
            model.set_rows(view, rows)
            table = QTableView(self.tabs)
            table.setObjectName("resultsTable")
            table.setModel(model)
            table.setAlternatingRowColors(True)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setWordWrap(False)
            table.verticalHeader().setVisible(False)
            table.verticalHeader().setDefaultSectionSize(30)
            header = table.horizontalHeader()
            header.setHighlightSections(False)
            for col, width in enumerate(ResultsTableModel.WIDTHS):
                table.setColumnWidth(col, width)
            header.setStretchLastSection(True)  # the notes take what is left
            table.setColumnHidden(ResultsTableModel.NAME, not view.names_visible)
            out = len(rows) - g.ranked
            label = self.tr("%1 (%2 ranked)").replace("%1", g.label).replace("%2", str(g.ranked))
            if out:
                label += self.tr(", %1 unranked").replace("%1", str(out))
            self.tabs.addTab(table, label)
            self.tables.append(table)
            self.models.append(model)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self.empty.hide()
        self.tabs.show()
        warns = list(view.results.warnings)
        if warns:
            more = len(warns) - 6
            text = "\n".join(warns[:6])
            if more > 0:
                text += "\n" + self.tr("… and %1 more").replace("%1", str(more))
            self.warnings.setText(text)
        else:
            self.warnings.setText("")

    # ------------------------------------------------------------------ exports

    def ask_save_path(self, suggested: str, filter_text: str) -> str:
        """The save dialog (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), str(Path.home() / suggested), filter_text
        )
        return path

    def export(self, kind: str) -> None:
        view = self.view
        if view is None:
            return
        base = view.meta.name
        pdf = self.tr("PDF files (*.pdf)")
        specs: dict[str, tuple[str, str, Callable[..., Any], tuple[Any, ...]]] = {
            "board_pdf": (f"{base}-成绩公示表.pdf", pdf, publish.board_pdf, (view,)),
            "board_xlsx": (
                f"{base}-成绩公示表.xlsx",
                self.tr("Excel workbooks (*.xlsx)"),
                publish.board_xlsx,
                (view,),
            ),
            "winners": (f"{base}-获奖名单.pdf", pdf, publish.winners_pdf, (view,)),
            "transcripts": (f"{base}-成绩单.pdf", pdf, publish.transcripts_pdf, (view,)),
            "signoff": (f"{base}-签字页.pdf", pdf, export_signoff, (self.ctx.db, view)),
        }
        suggested, filter_text, fn, args = specs[kind]
        path = self.ask_save_path(suggested, filter_text)
        if not path:
            return
        self.banner.clear()
        self.ctx.worker.run(
            fn,
            *args,
            path,
            on_success=alive(self, self._exported),
            on_error=alive(self, lambda e: self.banner.error(self.ctx.error_text(e))),
            progress=(self, self.tr("Writing the file…")),
        )

    def _exported(self, path: Path) -> None:
        self.last_export = Path(path)
        self.banner.success(self.tr("Saved: %1").replace("%1", str(path)))

    # ------------------------------------------------------------------ release

    def confirm_release(self) -> bool:
        """Asks before releasing (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Release results"),
            self.tr(
                "Release the results? Everyone signed in, and the big screen, will then see "
                "them with names."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_release(self) -> None:
        if self.event_id is None or not self.confirm_release():
            return
        self.banner.clear()
        self.ctx.worker.run(
            release,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, self._released),
            on_error=alive(self, lambda e: self.banner.error(self.ctx.error_text(e))),
            progress=(self, self.tr("Releasing…")),
        )

    def _released(self, _when: object) -> None:
        self.banner.success(self.tr("The results are released."))
        self.reload()

    # ------------------------------------------------------------------ big screen

    def open_board(self) -> None:
        from ui.results.board_window import BoardWindow

        if self.event_id is None:
            return
        if self.board_window is not None:
            self.board_window.close()
        self.board_window = BoardWindow(self.ctx, self.event_id)
        self.board_window.show_on_best_screen()
