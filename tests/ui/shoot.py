"""Screenshots for docs/screenshots (not a test): the real windows at 1366×768.

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python tests/ui/shoot.py [out-folder]

Uses a throw-away data folder; the demo venue is built there.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["KMJUDGE_HOME"] = tempfile.mkdtemp(prefix="kmshots-")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QWidget  # noqa: E402

from kmjudge import accounts, demo  # noqa: E402
from kmjudge.db.engine import open_database  # noqa: E402
from ui import fonts, i18n  # noqa: E402
from ui.app import open_database_interactive  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.login import LoginWindow  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.widgets import STYLE  # noqa: E402
from ui.worker import Worker  # noqa: E402

SIZE = (1366, 768)


def settle(app: QApplication, worker: Worker, seconds: float = 1.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end or worker.busy:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, worker: Worker, w: QWidget, path: Path) -> None:
    w.resize(*SIZE)
    w.move(0, 0)
    w.show()
    w.raise_()
    settle(app, worker)
    w.grab().save(str(path))
    print("wrote", path)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)
    worker = Worker()

    empty = open_database(Path(os.environ["KMJUDGE_HOME"]) / "first.sqlite3")
    first = LoginWindow(empty, worker)
    shoot(app, worker, first, out / "first-run.png")
    first.close()

    db = demo.ensure_demo()
    db.backup("open")
    db.backup("manual")
    login = LoginWindow(db, worker, demo=True)
    shoot(app, worker, login, out / "login.png")
    login.close()

    admin = accounts.login(db, "admin", demo.DEMO_PIN)
    win = MainWindow(AppContext(db, admin, worker, "zh"))
    shoot(app, worker, win, out / "home.png")
    for key in ("users", "data", "registration", "setup"):
        win.show_page(key)
        if key == "data":
            win.pages["data"].verify_audit()  # type: ignore[attr-defined]
        shoot(app, worker, win, out / f"{key}.png")
    win.close()

    judge = accounts.login(db, "judge1", demo.DEMO_PIN)
    jw = MainWindow(AppContext(db, judge, worker, "zh"))
    shoot(app, worker, jw, out / "home-judge.png")
    jw.close()

    i18n.install("en")
    ew = MainWindow(AppContext(db, admin, worker, "en"))
    shoot(app, worker, ew, out / "home-en.png")
    ew.close()

    # The recovery dialog for a damaged database file (grabbed, then answered "quit").
    bad = Path(os.environ["KMJUDGE_HOME"]) / "demo.sqlite3"
    db.dispose()
    bad.write_bytes(os.urandom(32 * 1024))

    def grab_dialog() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "recoveryDialog")
        box.grab().save(str(out / "recovery-dialog.png"))
        print("wrote", out / "recovery-dialog.png")
        box.findChild(QPushButton, "quitButton").click()

    i18n.install("zh")
    QTimer.singleShot(800, grab_dialog)
    open_database_interactive(None, demo=True)

    worker.shutdown()


if __name__ == "__main__":
    main()
