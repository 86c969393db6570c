"""End-to-end GUI tests: the real main window on a fresh demo database, in Chinese, with the
app's look. Everything here is a GUI test (``-m "not gui"`` skips it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui import fonts, i18n
from ui.widgets import STYLE
from ui.worker import Worker

WAIT_S = 30.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def chinese_app(qapp: QApplication) -> Iterator[None]:
    i18n.install("zh")
    fonts.apply_ui_font(qapp)
    qapp.setStyleSheet(STYLE)
    yield
    i18n.install("zh")


def pump_until(condition: Callable[[], object], timeout_s: float = WAIT_S) -> None:
    """Let Qt deliver events until ``condition()`` holds.

    Sleeps between rounds instead of ``QTest.qWait``: qWait keeps Python's GIL, so the app's
    database worker thread would get it only between waits and every background commit would
    take ~150 ms instead of ~10 ms."""
    app = QApplication.instance()
    assert app is not None
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"still waiting after {timeout_s} s for {condition}")
        app.processEvents()
        time.sleep(0.002)


def close_all(windows: list[QWidget], workers: list[Worker]) -> None:
    """Close the windows and delete them (with their pages' timers) before the workers stop:
    a timer firing after a worker's shutdown would find no thread to run on."""
    for w in workers:
        pump_until(lambda w=w: not w.busy)
    for win in windows:
        if shiboken6.isValid(win):
            win.close()
            win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    for w in workers:
        pump_until(lambda w=w: not w.busy)
        w.shutdown()
