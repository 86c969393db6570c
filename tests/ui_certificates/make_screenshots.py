"""Screenshots of the certificates screens in Chinese at 1366x768, on the demo's finished event
locked by the chief judge (docs/screenshots/certificates-page.png, certificates-verify.png).

Xvfb :98 -screen 0 1366x768x24 &
DISPLAY=:98 .venv/bin/python -m tests.ui_certificates.make_screenshots [OUT_FOLDER]

With ``KMJUDGE_SHOTS_ALL=1`` it also saves the overlay/calibration, print log, forged and
unlocked views (for looking at them while working on the screens).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")
    from kmjudge import accounts, demo
    from kmjudge import certificates as certs
    from kmjudge.judging import lock
    from ui import fonts, i18n
    from ui.context import AppContext
    from ui.mainwindow import MainWindow
    from ui.widgets import STYLE
    from ui.worker import Worker

    app = QApplication(sys.argv)
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)
    db = demo.ensure_demo(tmp / "demo.sqlite3")
    chief = accounts.login(db, "chief", "2580")
    event_id = demo.finished_event(db)
    lock.lock_event(db, chief, event_id)
    out.mkdir(parents=True, exist_ok=True)
    every = bool(os.environ.get("KMJUDGE_SHOTS_ALL"))

    def wait(ms: int = 400) -> None:
        for _ in range(ms // 20):
            app.processEvents()
            QTest.qWait(20)

    w = MainWindow(AppContext(db, chief, Worker(), "zh", event_id))
    w.resize(1366, 768)
    w.show()
    assert w.show_page("certificates")
    wait(3000)
    page: Any = w.pages["certificates"]
    page.batch.table.selectRow(1)
    wait(1200)
    w.grab().save(str(out / "certificates-page.png"))
    if every:
        page.layout_combo.setCurrentIndex(page.layout_combo.findData("stock-landscape"))
        page.tabs.setCurrentWidget(page.calibration)
        page.calibration.dx.setValue(4)
        wait(1500)
        w.grab().save(str(out / "certificates-overlay.png"))
        page.layout_combo.setCurrentIndex(page.layout_combo.findData("landscape"))
        page.tabs.setCurrentIndex(0)

    plan = certs.plan_batch(db, chief, event_id)
    issued = certs.issue_certificates(db, chief, plan, tmp / "batch.pdf")
    assert w.show_page("verify")
    verify: Any = w.pages["verify"]
    wait(500)
    token = issued.certificates[0].token
    verify.verify_text(token)
    wait(1500)
    w.grab().save(str(out / "certificates-verify.png"))
    if every:
        verify.verify_text(token[:120] + ("A" if token[120] != "A" else "B") + token[121:])
        wait(1000)
        w.grab().save(str(out / "certificates-verify-forged.png"))
        assert w.show_page("certificates")
        page.reload()
        wait(1500)
        page.tabs.setCurrentWidget(page.log)
        wait(300)
        w.grab().save(str(out / "certificates-log.png"))
    w.close()


if __name__ == "__main__":
    main()
