"""A failed test of the Qt suites runs once more (pytest-rerunfailures).

A widget test waits on a background read of another thread, and on two loaded cores a test
that waited for the wrong thing can lose that race once in a while. Such a failure should be
seen and repaired, not turn a whole CI run red: the first failure stays in the report ("1
rerun", an R in the progress line) and a second failure fails the run. Only the Qt suites: the
core, sync and reliability tests get no second chance (the reliability harness once found a
real bug through a test that failed only sometimes). ``KMJUDGE_TEST_RERUNS=0`` turns it off.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: the folders under tests/ that hold Qt widget tests
GUI_SUITES = frozenset(
    {
        "ui",
        "ui_pages",
        "ui_checkin",
        "ui_judging",
        "ui_results",
        "ui_certificates",
        "ui_sync",
        "ui_e2e",
    }
)


def mark_gui_reruns(config: pytest.Config, items: list[pytest.Item], tests_dir: Path) -> None:
    """Give every collected test in a GUI suite folder of ``tests_dir`` one rerun."""
    reruns = int(os.environ.get("KMJUDGE_TEST_RERUNS", "1"))
    if reruns <= 0 or not config.pluginmanager.hasplugin("rerunfailures"):
        return
    for item in items:
        try:
            suite = Path(str(item.path)).resolve().relative_to(tests_dir).parts[0]
        except ValueError:
            continue
        if suite in GUI_SUITES:
            item.add_marker(pytest.mark.flaky(reruns=reruns, reruns_delay=1))
