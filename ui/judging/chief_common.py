"""Pieces the chief judge's tabs and the judges page share: read-only tables, the tab base
(which reaches the page's banner, worker and refresh), and small text helpers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.judging.models import SimpleTableModel
from ui.widgets import alive

if TYPE_CHECKING:
    from ui.judging.chief_page import ChiefPage


def make_table(parent: QWidget, name: str, model: SimpleTableModel) -> QTableView:
    """A read-only, single-row-select table that stretches its last column."""
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(True)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def selected_row(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def duration_text(delta: timedelta) -> str:
    """ "1 小时 05 分" / "1 h 05 min" (absolute value; whole minutes)."""
    minutes = int(abs(delta).total_seconds() // 60)
    h, m = divmod(minutes, 60)
    if h:
        return QCoreApplication.translate("ChiefText", "{h} h {m:02d} min").format(h=h, m=m)
    return QCoreApplication.translate("ChiefText", "{m} min").format(m=m)


class ChiefTab(QWidget):
    """A tab of the chief judge's page: loads its own data, acts through the page."""

    loaded = Signal()

    def __init__(self, page: ChiefPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx

    @property
    def event_id(self) -> uuid.UUID | None:
        return self.page.event_id

    def zh(self) -> bool:
        return self.ctx.lang == "zh"

    def refresh(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def load(self, fn: Callable[..., Any], *args: Any, then: Callable[[Any], None]) -> None:
        """Read in the background; show failures in the page banner."""
        self.ctx.worker.run(
            fn,
            *args,
            on_success=alive(self, then),
            on_error=alive(self, lambda exc: self.page.banner.error(self.ctx.error_text(exc))),
        )

    def act(
        self,
        what: str,
        message: str,
        fn: Callable[..., Any],
        *args: Any,
        on_ok: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run one core action; on success run ``on_ok`` (clear the form), show ``message``
        (green) and refresh the page; on refusal show the core's message (red) and keep
        what was typed. ``page.done`` says which."""

        def ok(_result: Any) -> None:
            if on_ok is not None:
                on_ok()
            self.page.finished(what, message)

        self.ctx.worker.run(
            fn,
            *args,
            on_success=alive(self, ok),
            on_error=alive(self, self.page.failed),
            **kwargs,
        )
