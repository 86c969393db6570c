"""Screenshots of the registration and set-up pages, in Chinese, at the size they get at 1366×768.

    Xvfb :98 -screen 0 1366x768x24 &
    DISPLAY=:98 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui_pages.make_screenshots

Writes docs/screenshots/reg-*.png and setup-*.png from a fresh demo venue in a temporary
data folder. Pages are grabbed at 1176×660: the window's width minus the navigation column, and
its height minus the top bar, menu, status bar and window frame.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from .catalogue import FONT, ROOT, compile_catalogue, read_tsv
from .sheets import bad_checksum, messy_sheet

OUT = ROOT / "docs" / "screenshots"
PAGE_SIZE = (1176, 660)


def spin(app: QApplication, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(app: QApplication, condition: object, timeout: float = 10) -> None:
    end = time.time() + timeout
    while not condition():  # type: ignore[operator]
        if time.time() > end:
            raise TimeoutError(condition)
        app.processEvents()
        time.sleep(0.01)
    spin(app, 0.2)


def save(widget: QWidget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print("wrote", path.relative_to(ROOT))


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="kmjudge-shots-"))
    os.environ["KMJUDGE_HOME"] = str(home / "home")
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    family = next(
        f for f in QFontDatabase.applicationFontFamilies(font_id) if "mono" not in f.lower()
    )
    app.setFont(QFont(family, 10))
    from ui.widgets import STYLE

    app.setStyleSheet(STYLE)
    translator = QTranslator(app)
    translator.load(str(compile_catalogue(read_tsv(), home)))
    app.installTranslator(translator)

    from kmjudge import accounts, demo
    from ui.context import AppContext
    from ui.registration import ContestantsPage, WalkInDialog
    from ui.setup import EventsPage
    from ui.worker import Worker

    db = demo.ensure_demo(home / "demo.sqlite3")
    admin = accounts.login(db, "admin", demo.DEMO_PIN)
    event_id = demo.todays_event(db)
    ctx = AppContext(db=db, actor=admin, worker=Worker(), lang="zh", event_id=event_id)

    # 选手报名 with data, and filtered
    page = ContestantsPage(ctx)
    page.resize(*PAGE_SIZE)
    page.show()
    wait(app, lambda: page.model.total_count == 60)
    save(page, "reg-contestants.png")
    page.search.setText("昆明地铁")
    spin(app, 0.2)
    save(page, "reg-contestants-search.png")
    page.search.clear()

    # 导入报名表: a file-level error, then the preview of a messy sheet
    sheet = home / "电工报名表（各单位汇总）.xlsx"
    messy_sheet(sheet)
    bad = home / "成绩表.xlsx"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["这不是报名表"])
    wb.save(bad)
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(bad), ""))  # type: ignore[method-assign]
    wizard = page.open_import_wizard()
    assert wizard is not None
    wizard.choose_file()
    wait(app, lambda: not wizard.busy)
    save(wizard, "reg-import-file-error.png")
    wizard.load_file(str(sheet))
    wait(app, lambda: wizard.step == wizard.PREVIEW)
    save(wizard, "reg-import-preview.png")
    wizard.commit()
    wait(app, lambda: wizard.step == wizard.DONE)
    save(wizard, "reg-import-done.png")
    wizard.accept()

    # 现场报名 with an inline error, then done
    dialog = WalkInDialog(ctx, event_id)
    dialog.show()
    spin(app, 0.2)
    import datetime

    from kmjudge.registration.idcard import make_id_number

    good = make_id_number("530102", datetime.date(1990, 4, 18), 871, "M")
    dialog.name.setText("诸葛明")
    dialog.id_number.setText(bad_checksum(good))
    dialog.phone.setText("1388800600")
    dialog._touch("phone")
    spin(app, 0.2)
    save(dialog, "reg-walkin-error.png")
    dialog.id_number.setText(good)
    dialog.phone.setText("13888006006")
    spin(app, 0.2)
    save(dialog, "reg-walkin-valid.png")
    dialog.submit()
    wait(app, lambda: dialog.result_view is not None)
    save(dialog, "reg-walkin-done.png")
    dialog.close()

    # a judge's view
    judge = accounts.login(db, "judge1", demo.DEMO_PIN)
    judge_page = ContestantsPage(
        AppContext(db=db, actor=judge, worker=ctx.worker, lang="zh", event_id=event_id)
    )
    judge_page.resize(*PAGE_SIZE)
    judge_page.show()
    spin(app, 0.3)
    save(judge_page, "reg-contestants-judge.png")

    # 竞赛设置
    setup = EventsPage(ctx)
    setup.resize(*PAGE_SIZE)
    setup.show()
    wait(app, lambda: setup.detail is not None)
    setup.tabs.setCurrentWidget(setup.scheme_view)
    spin(app, 0.2)
    save(setup, "setup-scheme.png")
    setup.tabs.setCurrentWidget(setup.form)
    setup.form.theory.setValue(25)
    setup.form.save()
    wait(app, lambda: setup.form.banner.kind == "error")
    save(setup, "setup-event-form-weights.png")
    setup.form.revert()

    scheme_95 = home / "评分标准-少5分.toml"
    scheme_95.write_text(
        (ROOT / "resources" / "examples" / "scheme-electrician.toml")
        .read_text(encoding="utf-8")
        .replace("max_mark = 12\n    step = 4", "max_mark = 7\n    step = 1"),
        encoding="utf-8",
    )
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(scheme_95), ""))  # type: ignore[method-assign]
    setup.tabs.setCurrentWidget(setup.scheme_view)
    setup.scheme_view.import_scheme()
    wait(app, lambda: setup.scheme_view.issues_dialog is not None)
    save(setup, "setup-scheme-refused.png")
    issues = setup.scheme_view.issues_dialog
    assert issues is not None
    spin(app, 0.2)
    save(issues, "setup-scheme-refused-dialog.png")
    issues.close()

    QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: (str(ROOT / "resources" / "examples" / "event-setup.toml"), "")
    )
    setup.import_setup()
    wait(app, lambda: setup.model.rowCount() == 3 and setup.detail is not None)
    wait(app, lambda: setup.detail is not None and setup.detail.summary.trade == "电工")
    setup.tabs.setCurrentWidget(setup.form)
    spin(app, 0.3)
    save(setup, "setup-events.png")

    # the pages inside the shell's main window, when it is there
    try:
        from ui.mainwindow import MainWindow
    except ImportError as exc:
        print("main window not available:", exc)
    else:
        window = MainWindow(ctx)
        window.resize(1366, 740)
        window.show()
        spin(app, 1.0)
        window.show_page("registration")
        spin(app, 1.0)
        save(window, "reg-in-window.png")
        window.show_page("setup")
        spin(app, 0.5)
        save(window, "setup-in-window.png")
    ctx.worker.shutdown()


if __name__ == "__main__":
    main()
