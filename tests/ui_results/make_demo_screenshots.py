"""Screenshots of the results screens on the demo's finished event (docs/screenshots/
results-demo.png, board-demo.png), the way a newcomer gets there: ``--demo``, chief judge,
成绩 on yesterday's event (provisional, by station), lock, release, big screen.

    Xvfb :93 -screen 0 1366x768x24 &
    DISPLAY=:93 .venv/bin/python -m tests.ui_results.make_demo_screenshots [OUT]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-demo-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")
    from kmjudge import accounts, demo
    from kmjudge.judging import lock
    from kmjudge.results.release import release
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
    db = demo.ensure_demo()
    chief = accounts.login(db, "chief", demo.DEMO_PIN)
    event_id = demo.finished_event(db)
    out.mkdir(parents=True, exist_ok=True)

    def wait(ms: int = 400) -> None:
        for _ in range(ms // 20):
            app.processEvents()
            QTest.qWait(20)

    def window(name: str) -> None:
        w = MainWindow(AppContext(db, chief, Worker(), "zh", event_id))
        w.resize(1366, 768)
        w.show()
        assert w.show_page("results")
        wait(2500)
        w.grab().save(str(out / name))
        w.close()

    window("results-demo-provisional.png")
    lock.lock_event(db, chief, event_id)
    window("results-demo-locked.png")
    release(db, chief, event_id)
    window("results-demo.png")
    board = BoardWindow(AppContext(db, chief, Worker(), "zh", event_id), event_id)
    board.resize(1366, 768)
    board.show()
    wait(2000)
    board.grab().save(str(out / "board-demo.png"))
    board.close()
    wait(200)
    print("saved to", out)


if __name__ == "__main__":
    main()
