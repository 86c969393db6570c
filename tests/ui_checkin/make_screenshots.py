"""Screenshots of the check-in screens, in Chinese, in the main window at 1366×768.

    Xvfb :97 -screen 0 1366x768x24 &
    DISPLAY=:97 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui_checkin.make_screenshots

Writes docs/screenshots/checkin-*.png from a fresh demo venue in a temporary data folder
(check-in window moved to now, tickets issued). Scans are typed by the simulated scanner.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="kmjudge-checkin-shots-"))
    os.environ["KMJUDGE_HOME"] = str(home / "home")
    from PySide6.QtWidgets import QApplication, QWidget

    from kmjudge import accounts, checkin, demo, events
    from kmjudge.registration import service as registration
    from ui import fonts, i18n
    from ui.context import AppContext
    from ui.mainwindow import MainWindow
    from ui.widgets import STYLE
    from ui.worker import Worker

    from . import scanner

    app = QApplication(sys.argv[:1])
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)
    OUT.mkdir(parents=True, exist_ok=True)

    db = demo.ensure_demo(home / "demo.sqlite3")
    admin = accounts.login(db, "admin", demo.DEMO_PIN)
    event_id = demo.todays_event(db)
    now = datetime.now().replace(microsecond=0)
    events.update_event(
        db,
        admin,
        event_id,
        start_at=now + timedelta(hours=1),
        end_at=now + timedelta(hours=8),
        checkin_opens_at=now - timedelta(minutes=30),
        checkin_closes_at=now + timedelta(minutes=60),
    )
    issued = checkin.issue_tickets(db, admin, event_id)
    regs = registration.list_registrations(db, admin, event_id)
    token = {t.registration_id: t.token for t in issued}
    # one stand-in photo (the core has no photo import yet), to show how a photo looks
    from kmjudge.db.models import Contestant, Registration

    from .conftest import portrait_png

    with db.write() as s:
        reg = s.get(Registration, regs[0].id)
        person = s.get(Contestant, reg.contestant_id) if reg else None
        if person is not None:
            person.photo = portrait_png()
    # a few people already in, so the counters and the scan list are not empty
    for r in regs[5:17]:
        checkin.scan(db, admin, event_id, token[r.id])
    checkin.scan(db, admin, event_id, "6901234567892")

    worker = Worker()
    registrar = accounts.login(db, "registrar", demo.DEMO_PIN)
    ctx = AppContext(db, registrar, worker, "zh", event_id=event_id)
    win = MainWindow(ctx)
    win.resize(1366, 768)
    win.move(0, 0)
    win.show()
    win.activateWindow()
    win.show_page("checkin")
    page = win.pages["checkin"]

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end or worker.busy:
            app.processEvents()
            time.sleep(0.01)

    def shoot(w: QWidget, name: str) -> None:
        settle()
        w.grab().save(str(OUT / name))
        print("wrote", (OUT / name).relative_to(ROOT))

    settle(1.5)
    shoot(win, "checkin-ready.png")
    scanner.scan(page.scan, token[regs[0].id])
    shoot(win, "checkin-valid.png")
    scanner.scan(page.scan, token[regs[5].id])
    shoot(win, "checkin-already.png")
    scanner.scan(page.scan, "6901234567892")
    shoot(win, "checkin-garbage.png")
    good = token[regs[20].id]
    forged = good[:60] + ("B" if good[60] == "A" else "A") + good[61:]
    scanner.scan(page.scan, forged)
    shoot(win, "checkin-forged.png")

    page.tabs.setCurrentWidget(page.lookup)
    settle()
    page.lookup.search.setText(regs[30].name)
    settle()
    page.lookup.request("checkin")
    shoot(win, "checkin-lookup.png")
    page.lookup.confirm()
    settle(1.0)
    shoot(win, "checkin-manual-done.png")

    dialog = page.open_selftest()
    dialog.move(120, 60)
    settle(0.5)
    scanner.scan(dialog.field, dialog.qr.text.lower(), enter=False, prefix=scanner.STX)
    settle(0.5)
    shoot(dialog, "checkin-selftest.png")
    dialog.close()

    tickets = page.open_tickets()
    assert tickets is not None
    tickets.path_edit.setText(str(home / "准考证-2026年昆明市职工职业技能竞赛（电工）.pdf"))
    tickets.move(300, 150)
    tickets.generate()
    while tickets.running:
        app.processEvents()
        time.sleep(0.01)
    shoot(tickets, "checkin-tickets.png")
    tickets.close()

    draw = page.open_draw()
    assert draw is not None
    shoot(draw, "checkin-draw.png")
    draw.close()

    win.activateWindow()
    page.tabs.setCurrentIndex(2)
    page.focus_scan()
    shoot(win, "checkin-tools.png")
    win.close()
    settle()
    worker.shutdown()
    db.dispose()


if __name__ == "__main__":
    main()
