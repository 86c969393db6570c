"""Screenshots of the chief judge's recheck and appeals tabs and the judges page, in Chinese at
1366x768 (docs/screenshots/chief-recheck.png, chief-appeals.png, judges-assignments.png).

    Xvfb :92 -screen 0 1366x768x24 &
    DISPLAY=:92 .venv/bin/python -m tests.ui_judging.make_chief_screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
N = 25


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-chief-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")
    from kmjudge import accounts, judges
    from kmjudge.db.engine import open_database
    from kmjudge.db.models import Event
    from kmjudge.judging import appeals, entry, recheck
    from tests.judging.conftest import JUDGES, PIN, build_venue
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
    v = build_venue(db, tmp, n=N)
    ev = v.event_id
    for j in JUDGES:
        for st in range(1, N + 1):
            for code, value in (("A1.1", "10"), ("A1.2", "8.5"), ("B1.1", str(20 + st)),
                                ("B1.2", "2")):  # fmt: skip
                entry.enter_score(db, v.actor(j), ev, st, code, value)
    st = recheck.recheck_sample(db, v.chief, ev)
    for i, item in enumerate(st.items[:5]):
        assert item.station_no is not None
        if i == 3:
            recheck.record_recheck(db, v.chief, ev, item.station_no, True, "B1.1 小计漏加 1 分")
        else:
            recheck.record_recheck(db, v.chief, ev, item.station_no, False)
    end = (datetime.now() - timedelta(minutes=55)).replace(second=0, microsecond=0)
    with db.write() as s:
        row = s.get(Event, ev)
        assert row is not None
        row.end_at = end
    a = appeals.submit_appeal(
        db, v.admin, ev, "对 7 号工位“线路连接正确”一项的扣分有异议，申请复核。", "李娜", 7,
        now=end + timedelta(minutes=20),
    )  # fmt: skip
    appeals.decide_appeal(db, v.chief, a.id, "rejected", "经复核评分表及现场照片，扣分符合细则。")
    appeals.submit_appeal(
        db, v.admin, ev, "本人操作时间被计时员少记 2 分钟，请核实。", "杨磊", 12,
        now=end + timedelta(minutes=41),
    )  # fmt: skip
    entry.submit(db, v.actor("j2"), ev, "A", PIN)
    entry.request_reopen(db, v.actor("j2"), ev, "A", "9 号工位 A1.2 误录为 8.5，应为 9")
    entry.correct_score(db, v.chief, ev, 19, "B1.1", "j3", "40", "复核发现小计漏加 1 分")
    accounts.create_user(db, v.admin, "j9", "吴裁判", ["judge"], PIN, "昆明地铁运营有限公司")
    judges.exclude(db, v.admin, ev, "j1", station_no=1, reason="同一工作单位")
    OUT.mkdir(parents=True, exist_ok=True)

    def wait(ms: int = 400) -> None:
        for _ in range(ms // 20):
            app.processEvents()
            QTest.qWait(20)

    def window(user: str, key: str) -> MainWindow:
        w = MainWindow(AppContext(db, v.actor(user), Worker(), "zh", ev))
        w.resize(1366, 768)
        w.show()
        w.show_page(key)
        w.activateWindow()
        wait(900)
        return w

    w = window("chief", "chief")
    page = w.pages["chief"]
    page.tabs.setCurrentWidget(page.recheck_tab)
    wait(300)
    w.grab().save(str(OUT / "chief-recheck.png"))
    page.tabs.setCurrentWidget(page.appeals_tab)
    wait(300)
    w.grab().save(str(OUT / "chief-appeals.png"))
    page.tabs.setCurrentWidget(page.corrections_tab)
    page.corrections_tab.prefill(7, "B1.1")
    wait(500)
    w.grab().save(str(tmp / "chief-corrections.png"))
    page.tabs.setCurrentWidget(page.lock_tab)
    wait(300)
    w.grab().save(str(tmp / "chief-lock.png"))
    w.close()

    w = window("admin", "assign")
    wait(300)
    w.grab().save(str(OUT / "judges-assignments.png"))
    page = w.pages["assign"]
    page.tabs.setCurrentIndex(1)
    wait(300)
    w.grab().save(str(tmp / "judges-conflicts.png"))
    w.close()
    db.dispose()
    print("saved to", OUT, "and", tmp)


if __name__ == "__main__":
    main()
