"""Screenshots of the judging screens in Chinese at 1366x768 (docs/screenshots/judging-*.png).

Xvfb :96 -screen 0 1366x768x24 &  DISPLAY=:96 .venv/bin/python -m tests.ui_judging.make_screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")
    from kmjudge.db.engine import open_database
    from tests.judging.conftest import build_venue
    from ui import fonts, i18n
    from ui.context import AppContext
    from ui.mainwindow import MainWindow
    from ui.widgets import STYLE
    from ui.worker import Worker

    app = QApplication(sys.argv)
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)
    db = open_database(tmp / "v.sqlite3")
    v = build_venue(db, tmp)
    low = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "1"}
    v.fill(("j2",), low)
    v.fill(("j3",), {**low, "B1.2": "3"})
    OUT.mkdir(parents=True, exist_ok=True)

    def wait(ms: int = 400) -> None:
        for _ in range(ms // 20):
            app.processEvents()
            QTest.qWait(20)

    def window(user: str, key: str) -> MainWindow:
        w = MainWindow(AppContext(db, v.actor(user), Worker(), "zh", v.event_id))
        w.resize(1366, 768)
        w.show()
        w.show_page(key)
        w.activateWindow()
        wait(800)
        return w

    def keys(text: str) -> None:
        for ch in text:
            QTest.keyClick(QApplication.focusWidget(), ch)
            wait(60)

    def enter() -> None:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        wait(150)

    w = window("j1", "judging")
    page = w.pages["judging"]
    page.table.setFocus()
    for text in ("10", "8.5", "0", "42"):
        keys(text)
        enter()
    keys("2")
    wait(300)
    for text in ("10", "9"):
        keys(text)
        enter()
    keys("0")
    enter()
    keys("55")
    wait(400)
    w.grab().save(str(OUT / "judging-grid.png"))
    w.close()

    w = window("chief", "chief")
    page = w.pages["chief"]
    page.tabs.setCurrentIndex(0)
    wait(300)
    w.grab().save(str(OUT / "judging-chief-completeness.png"))
    page.tabs.setCurrentIndex(1)
    wait(300)
    w.grab().save(str(OUT / "judging-chief-flags.png"))
    page.tabs.setCurrentWidget(page.lock_tab)
    page.lock_button.click()
    wait(800)
    w.grab().save(str(OUT / "judging-chief-lock.png"))
    w.close()
    db.dispose()
    print("saved to", OUT)


if __name__ == "__main__":
    main()
