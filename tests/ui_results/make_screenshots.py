"""Screenshots of the results screens in Chinese at 1366x768 (docs/screenshots/results-*.png).

Xvfb :95 -screen 0 1366x768x24 &  DISPLAY=:95 .venv/bin/python -m tests.ui_results.make_screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")
    from kmjudge.db.engine import open_database
    from kmjudge.results.release import release
    from tests.ui_results.conftest import build_event
    from ui import fonts, i18n
    from ui.context import AppContext
    from ui.mainwindow import MainWindow
    from ui.results.board_window import BoardWindow
    from ui.widgets import STYLE
    from ui.worker import Worker

    app = QApplication(sys.argv)
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)
    db = open_database(tmp / "v.sqlite3")
    ev = build_event(db, extra=8)
    OUT.mkdir(parents=True, exist_ok=True)

    def wait(ms: int = 400) -> None:
        for _ in range(ms // 20):
            app.processEvents()
            QTest.qWait(20)

    def window() -> MainWindow:
        w = MainWindow(AppContext(db, ev.login("chief"), Worker(), "zh", ev.event_id))
        w.resize(1366, 768)
        w.show()
        assert w.show_page("results")
        wait(2500)
        return w

    w = window()
    w.grab().save(str(OUT / "results-provisional.png"))
    w.close()
    ev.lock()
    w = window()
    w.grab().save(str(OUT / "results-locked.png"))
    w.close()

    ctx = AppContext(db, ev.login("chief"), Worker(), "zh", ev.event_id)
    board = BoardWindow(ctx, ev.event_id)
    board.resize(1366, 768)
    board.show()
    wait(800)
    board.grab().save(str(OUT / "results-board-empty.png"))
    release(db, ctx.actor, ev.event_id)
    board.reload()
    wait(2000)
    board.grab().save(str(OUT / "results-board.png"))
    board.close()
    w = window()
    w.grab().save(str(OUT / "results-released.png"))
    w.close()
    wait(200)
    print("saved to", OUT)


if __name__ == "__main__":
    main()
