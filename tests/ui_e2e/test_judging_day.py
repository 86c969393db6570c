"""The judging day of the demo venue, through the real main window, as its users do it.

On a fresh demo database (``kmjudge.demo.ensure_demo``), today's 电工 event:

1. six contestants check in through the core (their ticket QR codes scanned at the desk); after
   the cut-off the other 54 are marked absent (缺考);
2. judge1..judge5 each sign in, open 评分 from the navigation list and mark every station.
   judge1 types every mark with the keyboard (digits + Enter, 0–3 keys in judgement columns,
   Enter alone on an empty deduction cell), criterion after criterion (↓ in the criterion
   box), and signs each criterion off with the PIN dialog. judge2..judge5 enter their marks
   through ``JudgePage.commit`` — the method the grid's Enter and 0–3 keys call — to keep
   the test fast; judge3 marks criterion C on paper instead (below). judge1 and judge5 are
   3 grades apart on one judgement panel (A2.3 at the first station): the spread we made;
3. the admin prints judge3's criterion C sheet from 纸质评分表 (the dialog opens on today's
   event); clerk1 scans it and types pass 1 by keyboard, clerk2 types the blind pass 2;
4. the chief judge sees nothing missing and exactly our spread flag, accepts it with a written
   reason, imports the theory scores the demo leaves beside the database, rechecks the sample
   and locks;
5. 成绩 as chief shows the ranking with names (theory × 30 % + practical × 70 %);
6. a judge's window has no results page and the core refuses them results before release;
7. the audit chain verifies and every stored mark and check-in matches it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import accounts, audit, demo, events
from kmjudge.accounts import Actor
from kmjudge.checkin import issue, service
from kmjudge.db.engine import Database
from kmjudge.errors import PermissionDenied
from kmjudge.judging.views import AspectColumn
from kmjudge.results.release import view_results
from tests.ui.conftest import ime_type
from ui.context import AppContext
from ui.judging.chief_page import ChiefPage
from ui.judging.judge_page import JudgePage, PinDialog
from ui.judging.paper_page import PaperPage
from ui.judging.sheets_dialog import PrintSheetsDialog
from ui.mainwindow import MainWindow
from ui.results.models import ResultsTableModel
from ui.results.results_page import ResultsPage
from ui.worker import Worker

from .conftest import close_all, pump_until

PIN = demo.DEMO_PIN
JUDGES = ("judge1", "judge2", "judge3", "judge4", "judge5")
CHECKED_IN = 6
SPREAD_ASPECT = "A2.3"  # judgement, 5 judges, drop highest and lowest
PAPER = ("judge3", "C")  # judge3's criterion C is marked on paper


def mark(judge: str, station: int, a: AspectColumn, first_station: int) -> str:
    """A valid mark by the scheme's rules ("" = leave the cell empty)."""
    if a.kind == "D":
        return ""  # no violation seen
    j = JUDGES.index(judge)
    if a.kind == "J":
        if (station, a.code) == (first_station, SPREAD_ASPECT):
            return {"judge1": "0", "judge5": "3"}.get(judge, "2")
        return str(2 + (station + j) % 2)  # 2 or 3: within the spread limit of 1
    if a.all_or_nothing:
        return "0" if (station + j) % 5 == 0 else format(a.max_mark.normalize(), "f")
    step = a.step or Decimal(1)
    steps = int(a.max_mark / step)
    value = step * (steps - (station + 2 * j) % 3)  # the top three steps, varied
    return format(value.normalize(), "f")


class Day:
    """The demo database and the windows opened on it (one Worker per sign-in, as a laptop)."""

    def __init__(self, db: Database, qtbot: QtBot) -> None:
        self.db = db
        self.qtbot = qtbot
        self.event_id = demo.todays_event(db)
        self.windows: list[MainWindow] = []
        self.workers: list[Worker] = []

    def actor(self, username: str) -> Actor:
        return accounts.login(self.db, username, PIN)

    def sign_in(self, username: str) -> MainWindow:
        worker = Worker()
        self.workers.append(worker)
        win = MainWindow(AppContext(self.db, self.actor(username), worker, "zh"))
        self.windows.append(win)
        win.resize(1366, 768)
        win.show()
        self.qtbot.waitExposed(win)
        win.activateWindow()
        pump_until(lambda: QApplication.activeWindow() is win)  # keys go to this laptop
        pump_until(lambda: win.ctx.event_id == self.event_id)  # today's event, chosen by itself
        return win

    def open_page(self, win: MainWindow, key: str) -> QWidget:
        """Click the page's entry in the navigation list."""
        nav = win.nav
        item = nav.item(win.nav_keys().index(key))
        self.qtbot.mouseClick(
            nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
        )
        assert win.current_page_key() == key
        return win.pages[key]

    def idle(self, win: MainWindow) -> None:
        pump_until(lambda: not win.ctx.worker.busy)

    def sign_out(self, win: MainWindow) -> None:
        self.idle(win)
        win.close()

    def close_all(self) -> None:
        close_all(list(self.windows), self.workers)


@pytest.fixture
def day(qtbot: QtBot, tmp_path: Path) -> Day:
    d = Day(demo.ensure_demo(tmp_path / "demo.sqlite3"), qtbot)
    yield d  # type: ignore[misc]
    d.close_all()
    d.db.dispose()


def key(qtbot: QtBot, k: Qt.Key | str) -> None:
    w = QApplication.focusWidget()
    assert w is not None, f"no keyboard focus (active window: {QApplication.activeWindow()})"
    qtbot.keyClick(w, k)


def type_text(qtbot: QtBot, text: str) -> None:
    for ch in text:
        key(qtbot, ch)


# --------------------------------------------------------------------------- steps


def check_in(day: Day) -> dict[int, str]:
    """Six tickets scanned during check-in, the rest absent after the cut-off. Returns the
    stations drawn, with the contestant's name (for the results check later)."""
    admin, registrar = day.actor("admin"), day.actor("registrar")
    detail = events.get_event(day.db, admin, day.event_id)
    opens = detail.checkin_opens_at
    closes = detail.checkin_closes_at
    assert opens is not None and closes is not None
    at = datetime.combine(opens.date(), time(9, 0))  # the event's own day, whatever the clock
    tickets = issue.issue_tickets(day.db, admin, day.event_id, today=opens.date())
    stations: dict[int, str] = {}
    for t in tickets[:CHECKED_IN]:
        verdict = service.scan(day.db, registrar, day.event_id, t.token, now=at)
        assert verdict.ok and verdict.station_no is not None, verdict
        stations[verdict.station_no] = verdict.name
    absent = service.mark_absent(day.db, registrar, day.event_id, now=closes + timedelta(minutes=1))
    assert absent.count == 60 - CHECKED_IN
    return stations


def judge_window(day: Day, username: str) -> tuple[MainWindow, JudgePage]:
    win = day.sign_in(username)
    assert "results" not in win.nav_keys() and "chief" not in win.nav_keys()
    page = day.open_page(win, "judging")
    assert isinstance(page, JudgePage)
    pump_until(lambda: page.grid is not None and not win.ctx.worker.busy)
    assert page.grid is not None
    assert len(page.grid.stations) == CHECKED_IN
    return win, page


def criterion_codes(page: JudgePage) -> list[str]:
    assert page.grid is not None
    return [c.code for c in page.grid.criteria]


def type_criterion_by_keyboard(
    qtbot: QtBot, page: JudgePage, username: str, first_station: int
) -> int:
    """Every cell of the criterion shown, by keys only; the grid moves on by itself."""
    m = page.model
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (0, 0)
    typed = 0
    for r, station in enumerate(m.stations):
        for c, a in enumerate(m.aspects):
            assert page.table.currentIndex().row() == r
            assert page.table.currentIndex().column() == c, (station, a.code)
            text = mark(username, station, a, first_station)
            if a.kind == "J":
                key(qtbot, text)  # a quick key stores the grade at once
            elif text:
                type_text(qtbot, text)
                key(qtbot, Qt.Key.Key_Return)
            else:  # an empty deduction: Enter opens the cell, Enter leaves it empty
                key(qtbot, Qt.Key.Key_Return)
                key(qtbot, Qt.Key.Key_Return)
            typed += bool(text)
    return typed


def submit_by_dialog(qtbot: QtBot, page: JudgePage, code: str) -> None:
    """Click 提交本模块…, type the PIN in the dialog, Enter."""
    assert page.criterion_combo.currentData() == code
    assert page.submit_button.isEnabled(), page.submit_button.toolTip()

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, PinDialog)
        qtbot.keyClicks(dlg.pin, PIN)
        qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(page.submitted, timeout=30_000) as sig:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert sig.args == [code]
    # (offscreen Qt does not give the window back its activation when a dialog closes)
    page.window().activateWindow()
    pump_until(lambda: QApplication.activeWindow() is page.window())


def judge1_by_keyboard(day: Day, qtbot: QtBot) -> int:
    win, page = judge_window(day, "judge1")
    first_station = page.model.stations[0]
    codes = criterion_codes(page)
    assert codes == ["A", "B", "C"]
    assert page.criterion_combo.currentData() == "A"  # 23 columns do not fit: one criterion
    page.table.setFocus()
    for i, code in enumerate(codes):
        if i:  # the next criterion with the keyboard: ↓ in the criterion box
            page.criterion_combo.setFocus()
            qtbot.keyClick(page.criterion_combo, Qt.Key.Key_Down)
            assert page.criterion_combo.currentData() == code
            page.table.setFocus()
        type_criterion_by_keyboard(qtbot, page, "judge1", first_station)
        pump_until(lambda: page.in_flight == 0 and not win.ctx.worker.busy)
        assert page.model.missing() == 0
        assert not page.error.isVisible(), page.error.text()
        submit_by_dialog(qtbot, page, code)
        pump_until(lambda: not win.ctx.worker.busy)
    day.sign_out(win)
    return first_station


def judge_by_page(day: Day, username: str, first_station: int, skip: str = "") -> None:
    """The same path as Enter in the grid (``JudgePage.commit``), cell by cell."""
    win, page = judge_window(day, username)
    assert page.model.stations[0] == first_station
    for code in criterion_codes(page):
        page.criterion_combo.setCurrentIndex(page.criterion_combo.findData(code))
        if code == skip:
            continue
        m = page.model
        for r, station in enumerate(m.stations):
            for c, a in enumerate(m.aspects):
                text = mark(username, station, a, first_station)
                if text:
                    page.commit(r, c, text)
        pump_until(lambda: page.in_flight == 0 and not win.ctx.worker.busy)
        assert page.model.missing() == 0, (username, code)
        page.submit_criterion(code, PIN)
        pump_until(lambda: not win.ctx.worker.busy)
    assert not page.error.isVisible(), page.error.text()
    day.sign_out(win)


def print_paper_sheet(day: Day, tmp_path: Path) -> str:
    """The admin prints judge3's criterion C sheet from 纸质评分表 → 打印评分表…."""
    win = day.sign_in("admin")
    page = day.open_page(win, "paper")
    assert isinstance(page, PaperPage)
    day.qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dlg = page.dialogs[-1]
    assert isinstance(dlg, PrintSheetsDialog)
    pump_until(lambda: dlg.options is not None and not win.ctx.worker.busy)
    # the dialog opens on the event of the page (today's), not on the first event listed
    assert dlg.event_id == day.event_id
    assert dlg.event_combo.currentText().startswith(demo.todays_event_name())
    dlg.criterion_combo.setCurrentIndex(dlg.criterion_combo.findData(PAPER[1]))
    pump_until(lambda: not win.ctx.worker.busy)
    dlg.set_judges([PAPER[0]])
    dlg.path_edit.setText(str(tmp_path / "评分表.pdf"))
    with day.qtbot.waitSignal(dlg.written, timeout=30_000) as sig:
        assert dlg.generate()
    (sheet,) = sig.args[0].sheets
    assert sheet.judge_username == PAPER[0] and len(sheet.stations) == CHECKED_IN
    for w in QApplication.topLevelWidgets():  # the PDF preview
        if w.objectName() == "pdfPreview":
            w.close()
    dlg.close()
    day.sign_out(win)
    return str(sheet.code)


def clerk_types_pass(day: Day, qtbot: QtBot, clerk: str, code: str, first_station: int) -> None:
    win = day.sign_in(clerk)
    page = day.open_page(win, "paper")
    assert isinstance(page, PaperPage)
    entry = page.entry
    entry.scan.setFocus()
    with qtbot.waitSignal(entry.opened, timeout=30_000):
        qtbot.keyClicks(entry.scan, code)  # the scanner types; the pause ends the scan
    pump_until(lambda: not entry.busy and not win.ctx.worker.busy)
    m = entry.model
    for a in m.aspects:  # the sheet reads along each aspect's row, station by station
        for station in m.stations:
            text = mark(PAPER[0], station, a, first_station)
            if text:
                type_text(qtbot, text)
            key(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(entry.opened, timeout=30_000):  # saved, then shown again
        ctrl = Qt.KeyboardModifier.ControlModifier
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, ctrl)
    pump_until(lambda: not win.ctx.worker.busy)
    assert "已保存" in entry.status.text(), entry.status.text()
    day.sign_out(win)


def judge_signs_paper_criterion(day: Day, first_station: int) -> None:
    """judge3 sees the marks the clerks typed from the sheet in the grid and signs C off."""
    username, code = PAPER
    win, page = judge_window(day, username)
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData(code))
    m = page.model
    shown = {(st, a.code): m.grid_cell(r, c).cell.value for r, st in enumerate(m.stations)
             for c, a in enumerate(m.aspects)}  # fmt: skip
    assert shown == {
        (st, a.code): Decimal(mark(username, st, a, first_station))
        for st in m.stations
        for a in m.aspects
    }
    with day.qtbot.waitSignal(page.submitted, timeout=30_000):
        page.submit_criterion(code, PIN)
    day.sign_out(win)


def chief_reviews_and_locks(day: Day, qtbot: QtBot, first_station: int) -> MainWindow:
    win = day.sign_in("chief")
    page = day.open_page(win, "chief")
    assert isinstance(page, ChiefPage)
    pump_until(lambda: page.review is not None and not win.ctx.worker.busy)
    assert not page.unlock_box.isEnabled()  # nothing locked: no PIN to type for nothing
    # nothing missing, every judge signed off
    assert page.missing_model.rowCount() == 0
    states = [row[4] for row in page.criteria_model.rows]
    assert states == ["已评完", "已评完", "已评完"]
    assert page.unsubmitted_label.text() == "全部裁判已签名提交各自的模块。"
    # exactly the spread we made
    assert [(f.station_no, f.aspect_code) for f in page.flags] == [(first_station, SPREAD_ASPECT)]
    grades = page.flag_model.rows[0][4]
    assert "赵裁判 0" in grades and "吴裁判 3" in grades
    page.tabs.setCurrentIndex(1)
    page.flag_table.selectRow(0)
    ime_type(page.reason_edit, "经复看现场录像，两位裁判评分均有依据，维持原评分")
    with qtbot.waitSignal(page.done, timeout=30_000) as sig:
        qtbot.keyClick(page.reason_edit, Qt.Key.Key_Return)
    assert sig.args == ["override"], page.banner.text()
    pump_until(lambda: not page.flags and not win.ctx.worker.busy)

    # the theory scores the demo left beside its database, through 导入理论成绩…
    assert page.theory_button is not None
    qtbot.mouseClick(page.theory_button, Qt.MouseButton.LeftButton)
    wizard = QApplication.activeModalWidget()
    assert wizard is not None and hasattr(wizard, "load_file")
    wizard.load_file(str(demo.theory_sheet_path(day.db.path)))  # what 选择文件… gives it
    pump_until(lambda: wizard.commit_button.isEnabled())
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    wizard.close()

    # 复核: draw the sample (all six are in the top 10), each station checked: no error
    page.tabs.setCurrentWidget(page.recheck_tab)
    tab = page.recheck_tab
    tab.confirm_draw = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(page.done, timeout=30_000) as sig:
        qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["draw"], page.banner.text()
    pump_until(lambda: len(tab.rows) == CHECKED_IN and not win.ctx.worker.busy)
    for _ in range(CHECKED_IN):
        row = next(i for i, r in enumerate(tab.rows) if not r.checked)
        tab.table.selectRow(row)
        with qtbot.waitSignal(page.done, timeout=30_000) as sig:
            qtbot.mouseClick(tab.ok_button, Qt.MouseButton.LeftButton)
        assert sig.args == ["recheck"], page.banner.text()
        pump_until(lambda: not win.ctx.worker.busy)

    # lock
    page.tabs.setCurrentWidget(page.lock_tab)
    pump_until(lambda: page.review is not None and not page.review.blockers)
    with qtbot.waitSignal(page.done, timeout=30_000) as sig:
        qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["lock"], page.banner.text()
    pump_until(lambda: not win.ctx.worker.busy)
    assert page.unlock_box.isEnabled() and not page.lock_button.isEnabled()
    return win


def results_with_names(day: Day, win: MainWindow, names: dict[int, str]) -> None:
    page = day.open_page(win, "results")
    assert isinstance(page, ResultsPage)
    pump_until(lambda: page.view is not None and page.view.stage == "locked")
    pump_until(lambda: not win.ctx.worker.busy)
    assert page.view is not None and page.view.names_visible
    assert "已锁定" in page.stage_label.text()
    assert page.buttons["release"].isEnabled()
    model = page.models[0]
    t = ResultsTableModel

    def cell(r: int, c: int) -> str:
        return str(model.index(r, c).data() or "")

    ranked = [r for r in range(model.rowCount()) if cell(r, t.RANK).isdigit()]
    assert len(ranked) == CHECKED_IN
    assert model.rowCount() == 60  # the absent are listed, never ranked
    ranks = [int(cell(r, t.RANK)) for r in ranked]
    totals = [Decimal(cell(r, t.TOTAL)) for r in ranked]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert totals == sorted(totals, reverse=True)
    for r in ranked:
        station = int(cell(r, t.STATION))
        assert cell(r, t.NAME) == names[station]  # the right name at the right station
        theory, practical = Decimal(cell(r, t.THEORY)), Decimal(cell(r, t.PRACTICAL))
        expected = (theory * Decimal("0.3") + practical * Decimal("0.7")).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        # the shown practical mark is rounded, the total is computed from the exact one
        assert abs(Decimal(cell(r, t.TOTAL)) - expected) <= Decimal("0.01")


# --------------------------------------------------------------------------- the day


def test_the_demo_judging_day_through_the_main_window(
    day: Day, qtbot: QtBot, tmp_path: Path
) -> None:
    """Five judges mark today's demo event on screen (one of them partly on paper, typed by
    two clerks); the chief judge sees nothing missing and exactly the one spread made,
    overrides it with a reason, rechecks and locks; 成绩 shows the ranking with names; judges
    never see results; the audit chain holds and matches every mark and check-in."""
    names = check_in(day)
    first_station = judge1_by_keyboard(day, qtbot)
    for username in JUDGES[1:]:
        judge_by_page(day, username, first_station, skip=PAPER[1] if username == PAPER[0] else "")
    code = print_paper_sheet(day, tmp_path)
    clerk_types_pass(day, qtbot, "clerk1", code, first_station)
    clerk_types_pass(day, qtbot, "clerk2", code, first_station)
    judge_signs_paper_criterion(day, first_station)

    win = chief_reviews_and_locks(day, qtbot, first_station)
    results_with_names(day, win, names)

    # judges: no results page, and the core refuses results before they are released
    judge = day.actor("judge2")
    with pytest.raises(PermissionDenied):
        view_results(day.db, judge, day.event_id)

    report = audit.verify(day.db)
    assert report.ok, report.problems
    assert audit.verify_records(day.db) == []


def test_print_dialog_opens_on_the_event_of_the_page(day: Day) -> None:
    """The demo lists yesterday's event first; 打印评分表… from today's 纸质评分表 must offer
    today's event (it used to fall back to the first one listed)."""
    win = day.sign_in("admin")
    page = day.open_page(win, "paper")
    assert isinstance(page, PaperPage)
    page.open_print_dialog()
    dlg = page.dialogs[-1]
    assert isinstance(dlg, PrintSheetsDialog)
    pump_until(lambda: dlg.options is not None and not win.ctx.worker.busy)
    assert dlg.event_combo.itemText(0) != dlg.event_combo.currentText()
    assert dlg.event_id == day.event_id
    assert dlg.event_combo.currentText().startswith(demo.todays_event_name())
    dlg.close()
