"""Opening the check-in page the way a registrar finds it, and waiting for what it shows."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kmjudge.checkin import VerdictKind
from ui.checkin.checkin_page import CheckinPage
from ui.context import AppContext

from .conftest import WAIT_MS, Keep

PAGE_SIZE = (1176, 660)  # what the page gets in the main window at 1366×768


def open_page(qtbot: QtBot, keep: Keep, ctx: AppContext) -> CheckinPage:
    page = CheckinPage(ctx)
    keep(page)
    page.resize(*PAGE_SIZE)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.counts is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=WAIT_MS)
    return page


def wait_verdict(qtbot: QtBot, page: CheckinPage, kind: VerdictKind, name: str = "") -> None:
    """Until the panel shows a verdict of ``kind`` (for ``name``, if given)."""

    def shown() -> bool:
        v = page.verdict.verdict
        return v is not None and v.kind == kind and (not name or v.name == name)

    qtbot.waitUntil(shown, timeout=WAIT_MS)


def no_modal_dialog() -> bool:
    """Nothing modal is open (a scan could always go on)."""
    return QApplication.activeModalWidget() is None
