"""Screenshots of the data exchange and conflicts screens in Chinese at 1366x768:
docs/screenshots/exchange-export.png, exchange-import-trust.png, conflicts.png.

Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 .venv/bin/python -m tests.ui_sync.make_screenshots
(``--out DIR`` writes elsewhere, e.g. to look at them before replacing the committed ones;
``--all`` adds exchange-import-done.png and conflicts-checkin.png.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    if "--out" in sys.argv:
        out = Path(sys.argv[sys.argv.index("--out") + 1])
    out.mkdir(parents=True, exist_ok=True)
    extra = "--all" in sys.argv  # also the import results and a check-in conflict
    tmp = Path(tempfile.mkdtemp(prefix="kmjudge-sync-shots-"))
    os.environ["KMJUDGE_HOME"] = str(tmp / "home")

    from kmjudge import accounts, sync
    from kmjudge.db.engine import open_database
    from tests.sync import venues as v
    from tests.ui_sync.conftest import SPECS
    from ui import fonts, i18n
    from ui.context import AppContext
    from ui.mainwindow import MainWindow
    from ui.sync.conflicts_page import ConflictsPage
    from ui.sync.exchange_page import ExchangePage
    from ui.widgets import STYLE
    from ui.worker import Worker

    app = QApplication(sys.argv)
    i18n.install("zh")
    fonts.apply_ui_font(app)
    app.setStyleSheet(STYLE)

    def wait(ms: int = 400) -> None:
        for _ in range(max(1, ms // 20)):
            app.processEvents()
            QTest.qWait(20)

    def until(cond: object, ms: int = 30_000) -> None:
        for _ in range(ms // 20):
            if cond():  # type: ignore[operator]
                return
            wait(20)
        raise SystemExit("timed out")

    laptops = {k: v.build(spec, tmp / k) for k, spec in SPECS.items()}
    usb = tmp / "U盘"

    def main_window(db: object, actor: object, page: str) -> MainWindow:
        w = MainWindow(AppContext(db, actor, Worker(), "zh", None))  # type: ignore[arg-type]
        w.resize(1366, 768)
        w.show()
        assert w.show_page(page), page
        wait(1500)
        return w

    # 1. 五华 exports onto the stick
    wuhua = laptops["wuhua"]
    w = main_window(wuhua.db, wuhua.admin, "exchange")
    page = w.pages["exchange"]
    assert isinstance(page, ExchangePage)
    panel = page.export_panel
    panel.set_folder(usb)
    panel.export()
    until(lambda: panel.result is not None and not panel.running)
    until(panel.incremental_radio.isEnabled)
    wait(500)
    w.grab().save(str(out / "exchange-export.png"))
    w.close()
    for k in ("panlong", "guandu"):
        sync.export_package(laptops[k].db, laptops[k].admin, usb)

    # 2. the city office picks the stick's packages; the first new laptop asks for its
    #    fingerprint
    ident = v.named_device(tmp / "city-device", "市总工会办公室")
    city = open_database(tmp / "city.sqlite3", device=ident)
    accounts.create_first_admin(city, "admin", "市总工会技能办", v.PIN)
    admin = accounts.login(city, "admin", v.PIN)
    accounts.create_user(city, admin, "city", "市级办公室", ["city"], v.PIN)
    actor = accounts.login(city, "city", v.PIN)
    w = main_window(city, actor, "exchange")
    page = w.pages["exchange"]
    assert isinstance(page, ExchangePage)
    page.tabs.setCurrentWidget(page.import_panel)
    ipanel = page.import_panel
    ipanel.add_files(sorted(usb.glob("*.zip")))
    until(lambda: len(ipanel.items) == 3 and not ipanel.running)
    ipanel.import_all()
    until(lambda: ipanel.trust_dialog is not None)
    dialog = ipanel.trust_dialog
    assert dialog is not None
    fp = dialog.fingerprint
    QTest.keyClicks(dialog.field, fp[:9])  # half-way through typing what is read out
    wait(600)
    composite(w, dialog).save(str(out / "exchange-import-trust.png"))
    dialog.field.setText(fp)
    dialog.accept()
    for _ in range(2):
        until(lambda d=dialog: ipanel.trust_dialog not in (None, d))
        dialog = ipanel.trust_dialog
        assert dialog is not None
        dialog.field.setText(dialog.fingerprint)
        dialog.accept()
    until(lambda: not ipanel.running)
    wait(300)
    if extra:
        w.grab().save(str(out / "exchange-import-done.png"))

    # 3. the conflicts
    assert w.show_page("conflicts")
    cpage = w.pages["conflicts"]
    assert isinstance(cpage, ConflictsPage)
    until(lambda: len(cpage.conflicts) > 0)
    row = next(i for i, c in enumerate(cpage.conflicts) if c.kind == sync.CONFLICT_CONTESTANT)
    cpage.table.selectRow(row)
    wait(500)
    w.grab().save(str(out / "conflicts.png"))
    if extra:
        row = next(i for i, c in enumerate(cpage.conflicts) if c.kind == sync.CONFLICT_CHECKIN)
        cpage.table.selectRow(row)
        wait(500)
        w.grab().save(str(out / "conflicts-checkin.png"))
    if extra:
        from tests.ui_sync.test_city_page import TARGETS
        from ui.sync.city_page import CityPage

        (tmp / "targets.toml").write_text(TARGETS, encoding="utf-8")
        (tmp / "training.csv").write_text(
            "区县,单位,人数\n五华区,五华区总工会,1200\n盘龙区,盘龙区总工会,800\n", "utf-8"
        )
        assert w.show_page("city")
        city_page = w.pages["city"]
        assert isinstance(city_page, CityPage)
        city_page.year.setValue(2026)
        city_page.load_targets(tmp / "targets.toml")
        wait(2000)
        city_page.load_training(tmp / "training.csv")
        wait(2000)
        until(lambda: not city_page.loading)
        w.grab().save(str(out / "city-overview.png"))
        city_page.tabs.setCurrentIndex(2)
        wait(300)
        w.grab().save(str(out / "city-winners.png"))
    w.close()
    print(out)


def composite(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with the dialog drawn over its middle, as the screen shows them."""
    shot = window.grab()
    over = dialog.grab()
    p = QPainter(shot)
    at = QPoint((shot.width() - over.width()) // 2, (shot.height() - over.height()) // 2)
    p.fillRect(at.x() + 6, at.y() + 6, over.width(), over.height(), QColor(0, 0, 0, 60))
    p.drawPixmap(at, over)
    p.setPen(QColor("#5d6975"))
    p.drawRect(at.x(), at.y(), over.width() - 1, over.height() - 1)
    p.end()
    return shot


if __name__ == "__main__":
    main()
