"""大屏显示: the released results on a venue screen (projector or TV), nothing else.

Only ``released_results`` is ever shown (names, employers, marks, awards; never ID numbers):
before the release the screen says 成绩尚未公布. Rows page by themselves every few seconds;
the data is re-read every minute. F11 toggles full screen, Esc closes; frameless when asked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge.results.release import NotReleased, PublicBoard, PublicRow, released_results
from ui.context import AppContext
from ui.results.models import BoardPageModel
from ui.widgets import alive, local_time

PAGE_MS = 8_000
RELOAD_MS = 60_000

BOARD_STYLE = """
QWidget#board { background: #0d2240; }
QLabel { color: #ffffff; background: transparent; }
QLabel#boardTitle { font-size: 30pt; font-weight: bold; }
QLabel#boardSubtitle { color: #b9c9de; font-size: 16pt; }
QLabel#boardGroup { color: #ffd166; font-size: 20pt; font-weight: bold; }
QLabel#boardPager, QLabel#boardFoot { color: #b9c9de; font-size: 14pt; }
QLabel#boardEmpty { font-size: 48pt; font-weight: bold; color: #ffffff; }
QLabel#boardEmptyHint { font-size: 18pt; color: #b9c9de; }
QTableView#boardTable {
    background: #0d2240; alternate-background-color: #132d52; color: #ffffff;
    border: none; gridline-color: #0d2240; font-size: 22pt; selection-background-color: #0d2240;
}
QTableView#boardTable::item { padding: 0px 16px; }
QTableView#boardTable QHeaderView::section {
    background: #1d5fa7; color: #ffffff; font-size: 18pt; font-weight: bold;
    border: none; padding: 6px 16px;
}
"""


@dataclass(frozen=True)
class BoardPage:
    group: str
    rows: tuple[PublicRow, ...]


def paginate(board: PublicBoard, per_page: int) -> list[BoardPage]:
    """Pages of at most ``per_page`` rows, never mixing two ranking groups on one page."""
    per_page = max(1, per_page)
    pages: list[BoardPage] = []
    order = list(board.groups) or sorted({r.group for r in board.rows})
    for group in order:
        rows = [r for r in board.rows if r.group == group]
        for i in range(0, len(rows), per_page):
            pages.append(BoardPage(group, tuple(rows[i : i + per_page])))
    return pages


class BoardWindow(QWidget):
    """The public results board for one event."""

    def __init__(self, ctx: AppContext, event_id: uuid.UUID, *, frameless: bool = False) -> None:
        super().__init__(None)
        self.ctx = ctx
        self.event_id = event_id
        self.board: PublicBoard | None = None
        self.pages: list[BoardPage] = []
        self.page_index = 0
        self.setObjectName("board")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(self.tr("Results board"))
        if frameless:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setStyleSheet(BOARD_STYLE)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 24, 40, 20)
        lay.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("boardTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("boardSubtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.subtitle)

        self.stack = QStackedWidget(self)
        lay.addWidget(self.stack, 1)

        results = QWidget(self.stack)
        rl = QVBoxLayout(results)
        rl.setContentsMargins(0, 8, 0, 0)
        rl.setSpacing(6)
        top = QHBoxLayout()
        self.group_label = QLabel(results)
        self.group_label.setObjectName("boardGroup")
        top.addWidget(self.group_label, 1)
        self.pager = QLabel(results)
        self.pager.setObjectName("boardPager")
        top.addWidget(self.pager, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        rl.addLayout(top)
        self.model = BoardPageModel(self)
        self.table = QTableView(results)
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        font = QFont(self.font())
        font.setPointSize(22)
        self.table.setFont(font)
        self.row_height = 54
        self.table.verticalHeader().setDefaultSectionSize(self.row_height)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BoardPageModel.EMPLOYER, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        rl.addWidget(self.table, 1)
        self.stack.addWidget(results)

        empty = QWidget(self.stack)
        el = QVBoxLayout(empty)
        el.addStretch(1)
        self.empty_label = QLabel(self.tr("Results not yet released"), empty)
        self.empty_label.setObjectName("boardEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        el.addWidget(self.empty_label)
        self.empty_hint = QLabel(
            self.tr("The results will appear here as soon as the chief judge releases them."),
            empty,
        )
        self.empty_hint.setObjectName("boardEmptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        el.addWidget(self.empty_hint)
        el.addStretch(2)
        self.stack.addWidget(empty)
        self.stack.setCurrentIndex(1)

        self.foot = QLabel(self)
        self.foot.setObjectName("boardFoot")
        self.foot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.foot)

        self.page_timer = QTimer(self)
        self.page_timer.setInterval(PAGE_MS)
        self.page_timer.timeout.connect(self.next_page)
        self.reload_timer = QTimer(self)
        self.reload_timer.setInterval(RELOAD_MS)
        self.reload_timer.timeout.connect(self.reload)
        self.reload_timer.start()
        self.reload()

    # ------------------------------------------------------------------ data

    @property
    def released(self) -> bool:
        return self.board is not None

    def reload(self) -> None:
        self.ctx.worker.run(
            released_results,
            self.ctx.db,
            self.event_id,
            on_success=alive(self, self._loaded),
            on_error=alive(self, self._failed),
        )

    def _failed(self, exc: BaseException) -> None:
        self.board = None
        self.pages = []
        self.page_timer.stop()
        self.title.setText(self.tr("Results board"))
        self.subtitle.setText("")
        self.foot.setText("")
        if isinstance(exc, NotReleased):
            self.empty_label.setText(self.tr("Results not yet released"))
            self.empty_hint.setText(
                self.tr("The results will appear here as soon as the chief judge releases them.")
            )
        else:
            self.empty_label.setText(self.tr("Results cannot be shown"))
            self.empty_hint.setText(self.ctx.error_text(exc))
        self.stack.setCurrentIndex(1)

    def _loaded(self, board: PublicBoard) -> None:
        self.board = board
        name = board.event
        self.title.setText(name if board.trade in name else f"{name}（{board.trade}）")
        official = self.tr("Official results")
        self.subtitle.setText(f"{board.competition}  ·  {official}")
        self.foot.setText(self.tr("Released %1").replace("%1", local_time(board.released_at)))
        self.stack.setCurrentIndex(0)
        self._repaginate()
        if not self.page_timer.isActive():
            self.page_timer.start()

    def rows_per_page(self) -> int:
        viewport = self.table.viewport().height()
        if not self.table.isVisible() or viewport < self.row_height:
            viewport = max(self.height() - 260, self.row_height)
        return max(1, viewport // self.row_height)

    def _repaginate(self) -> None:
        if self.board is None:
            return
        self.pages = paginate(self.board, self.rows_per_page())
        if self.page_index >= len(self.pages):
            self.page_index = 0
        self._show_page()

    def _show_page(self) -> None:
        if not self.pages:
            self.model.set_rows([])
            self.group_label.setText("")
            self.pager.setText("")
            return
        page = self.pages[self.page_index]
        self.model.set_rows(page.rows)
        self.group_label.setText(page.group)
        self.pager.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(self.page_index + 1))
            .replace("%2", str(len(self.pages)))
        )

    def next_page(self) -> None:
        if not self.pages:
            return
        self.page_index = (self.page_index + 1) % len(self.pages)
        self._show_page()

    # ------------------------------------------------------------------ window

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._repaginate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        elif event.key() == Qt.Key.Key_F11:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.showFullScreen()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.next_page()
        else:
            super().keyPressEvent(event)

    def show_on_best_screen(self) -> None:
        """Full screen on a second screen when there is one (the projector), else a window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()
