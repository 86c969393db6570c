"""Starting the app: --smoke, a damaged database, unhandled exceptions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import accounts, paths
from kmjudge.db.engine import open_database
from tests.ui.conftest import PIN, answer_dialog
from ui import app as app_mod
from ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_with_demo_exits_0_and_writes_a_screenshot(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--demo --smoke` builds the demo venue, signs in as admin (PIN 2580), shows the main
    window with the demo event and exits 0; the screenshot it writes is a real image."""
    shot = tmp_path / "smoke.png"
    monkeypatch.setenv("KMJUDGE_SMOKE_SHOT", str(shot))
    assert app_mod.main(["--demo", "--smoke"]) == 0
    assert shot.stat().st_size > 10_000
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 600
    assert paths.demo_db_path().exists()
    assert any(paths.backups_dir().glob("demo-*-open.sqlite3")), "no backup on open"
    log = (paths.logs_dir() / "kmjudge.log").read_text("utf-8")
    assert "kmjudge" in log and "starting" in log


def test_main_py_smoke_in_a_fresh_process_remembers_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python main.py --smoke --lang en` on a new database starts (first-run screen), exits 0,
    and stores English as the language for the next start."""
    home = tmp_path / "fresh-home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KMJUDGE_HOME": str(home),
        "KMJUDGE_SMOKE_SHOT": str(tmp_path / "first.png"),
    }
    env.pop("KMJUDGE_DB", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--smoke", "--lang", "en"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (home / "kmjudge.sqlite3").exists()
    monkeypatch.setenv("KMJUDGE_HOME", str(home))
    assert i18n.saved_lang() == "en"
    assert (tmp_path / "first.png").stat().st_size > 0


def _damaged_venue(tmp_path: Path, *, with_backup: bool) -> Path:
    path = tmp_path / "venue.sqlite3"
    db = open_database(path)
    accounts.create_first_admin(db, "admin", "王管理", PIN)
    if with_backup:
        db.backup("manual")
    db.dispose()
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        extra.unlink(missing_ok=True)
    path.write_bytes(os.urandom(64 * 1024))  # a disk that returned garbage
    return path


def _click(object_name: str):  # type: ignore[no-untyped-def]
    def act(box: QWidget) -> None:
        button = box.findChild(QPushButton, object_name)
        assert button is not None, f"{object_name} missing"
        button.click()

    return act


def test_damaged_database_offers_the_newest_backup_and_restores_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A database file full of random bytes is not opened: a Chinese dialog explains it and
    offers the newest good backup; choosing 从备份恢复 brings the data back (the admin can sign
    in) and keeps the damaged file beside it."""
    path = _damaged_venue(tmp_path, with_backup=True)
    texts: list[str] = []

    def restore(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text() + box.informativeText())
        _click("restoreButton")(box)

    seen = answer_dialog("recoveryDialog", restore)
    db = app_mod.open_database_interactive(str(path))
    assert seen, "the recovery dialog never opened"
    assert db is not None
    try:
        assert "不是 kmjudge 数据库" in texts[0]
        assert "最近的完好备份" in texts[0]
        assert accounts.login(db, "admin", PIN).username == "admin"
    finally:
        db.dispose()
    assert list(tmp_path.glob("venue.sqlite3.damaged-*")), "the damaged file was not kept"


def test_damaged_database_without_backup_lets_the_person_quit(qtbot: QtBot, tmp_path: Path) -> None:
    """With no backup to offer, the dialog says so, has only 退出, and main() returns 1
    without touching the file."""
    path = _damaged_venue(tmp_path, with_backup=False)
    damaged = path.read_bytes()
    seen = answer_dialog("recoveryDialog", _click("quitButton"))
    assert app_mod.main(["--db", str(path)]) == 1
    assert seen
    box = seen[0]
    assert box.findChild(QPushButton, "restoreButton") is None
    assert "没有找到此数据库的完好备份" in box.informativeText()  # type: ignore[attr-defined]
    assert path.read_bytes() == damaged


def test_restore_then_the_app_runs_normally(qtbot: QtBot, tmp_path: Path) -> None:
    """Through main(): damaged file -> restore -> the login screen lists the admin; closing
    it ends the app with 0."""
    path = _damaged_venue(tmp_path, with_backup=True)
    seen = answer_dialog("recoveryDialog", _click("restoreButton"))
    logins: list[QWidget] = []

    def close_login(w: QWidget) -> None:
        users = w.sign_in.users  # type: ignore[attr-defined]
        if users.count() == 0:  # still loading: look again
            answer_dialog("loginRoot", close_login)
            return
        logins.append(w)
        w.close()

    answer_dialog("loginRoot", close_login, timeout_ms=30_000)
    assert app_mod.main(["--db", str(path)]) == 0
    assert seen and logins
    assert logins[0].sign_in.users.item(0).text() == "王管理（admin）"  # type: ignore[attr-defined]


def test_unhandled_exception_is_logged_and_shown_with_copy_details(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The except hook writes the traceback to the rotating log and shows a Chinese message;
    复制详情 copies the traceback without closing the message, 关闭 closes it."""
    handler = app_mod.setup_logging()
    reporter = app_mod.CrashReporter()
    seen_buttons: list[str] = []

    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text() == "kmjudge 遇到了意外错误。"
        copy = box.findChild(QPushButton, "copyDetails")
        assert copy is not None and copy.text() == "复制详情"
        copy.click()
        seen_buttons.append(copy.text())
        assert box.isVisible(), "copying must not close the message"
        box.button(QMessageBox.StandardButton.Close).click()

    seen = answer_dialog("crashDialog", act)
    try:
        try:
            raise ZeroDivisionError("division by zero in a slot")
        except ZeroDivisionError:
            reporter(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        import logging

        logging.getLogger().removeHandler(handler)
        handler.close()
    assert seen and seen_buttons == ["已复制"]
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    log = (paths.logs_dir() / "kmjudge.log").read_text("utf-8")
    assert "division by zero in a slot" in log
    assert reporter.failures


def test_main_installs_and_restores_the_except_hook(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """While main() runs, sys.excepthook is the crash reporter; afterwards the previous hook
    is back (so tests and embedding code are not left with a GUI hook)."""
    hooks: list[object] = []
    real_open = app_mod.open_database_interactive

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        hooks.append(sys.excepthook)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_mod, "open_database_interactive", spy)
    before = sys.excepthook
    assert app_mod.main(["--db", str(tmp_path / "x.sqlite3"), "--smoke"]) == 0
    assert isinstance(hooks[0], app_mod.CrashReporter)
    assert sys.excepthook is before
    assert i18n.saved_lang() == "zh"
    QApplication.processEvents()


def test_a_background_failure_nobody_handles_reaches_the_person(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job started without an error callback that fails is not only logged: a refusal shows
    its own Chinese message (not "unexpected error"), anything else the error dialog."""
    from kmjudge.errors import ConflictError
    from ui.worker import Worker

    reporter = app_mod.CrashReporter()
    texts: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    worker = Worker()
    worker.report = reporter.notify  # as ui/app.py's main() sets it
    try:
        seen = answer_dialog("refusalDialog", close)

        def refuse() -> None:
            raise ConflictError("该模块已锁定，不能修改。", "The criterion is locked.")

        worker.run(refuse)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert texts == ["该模块已锁定，不能修改。"] and len(reporter.refusals) == 1

        seen = answer_dialog("crashDialog", close)
        worker.run(lambda: 1 / 0)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert texts[-1] == "kmjudge 遇到了意外错误。"
        assert "ZeroDivisionError" in reporter.failures[-1]
    finally:
        worker.shutdown()
