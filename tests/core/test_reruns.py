"""The rerun policy of tests/reruns.py, run on a throwaway tree: a GUI-suite test that fails
once passes on its rerun and the rerun is reported; a core test that fails once fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAILS_ONCE = """
from pathlib import Path

def test_fails_the_first_time():
    flag = Path(__file__).with_suffix(".ran")
    if not flag.exists():
        flag.write_text("x")
        raise AssertionError("the first run fails")
"""

CONFTEST = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from tests.reruns import mark_gui_reruns

def pytest_collection_modifyitems(config, items):
    mark_gui_reruns(config, items, Path(__file__).resolve().parent)
"""


def _tree(tmp_path: Path) -> Path:
    for suite in ("ui_judging", "core"):
        (tmp_path / suite).mkdir()
        (tmp_path / suite / f"test_{suite}_once.py").write_text(FAILS_ONCE)
    (tmp_path / "conftest.py").write_text(CONFTEST)
    return tmp_path


def _run(tree: Path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )
    return done.stdout


def test_a_gui_test_gets_one_reported_rerun_and_a_core_test_none(tmp_path: Path) -> None:
    out = _run(_tree(tmp_path))
    assert "1 failed, 1 passed, 1 rerun" in out, out
    assert "FAILED core/test_core_once.py" in out, out


def test_reruns_can_be_switched_off(tmp_path: Path) -> None:
    out = _run(_tree(tmp_path), KMJUDGE_TEST_RERUNS="0")
    assert "2 failed" in out and "rerun" not in out, out
