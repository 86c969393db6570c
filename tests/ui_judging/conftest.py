"""Fixtures for the judging screens: the judging tests' venue (A: A1.1 M 10 all-or-nothing,
A1.2 M 10 step 0.5, A1.3 D; B: B1.1 M 50 step 1, B1.2 J 30; judges j1..j3, trainee tj, chief;
six contestants at stations 1..6; PIN 2580), copied per test, in Chinese with the app style."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.judging.conftest import JUDGES, PIN, Venue, _template, venue  # noqa: F401
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

WAIT_MS = 15_000


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


@pytest.fixture
def make_ctx(venue: Venue) -> Iterator:  # noqa: F811
    workers: list[Worker] = []

    def make(username: str) -> AppContext:
        w = Worker()
        workers.append(w)
        return AppContext(venue.db, venue.actor(username), w, "zh", venue.event_id)

    yield make
    for w in workers:
        w.shutdown()
