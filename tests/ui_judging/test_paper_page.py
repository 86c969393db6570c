"""The paper path on screen: printing marking sheets, clerks typing them blind with the
keyboard (scanner-typed codes, inline refusals), the same clerk refused a second pass, the
correction view side by side, and resolving a difference into a stored score."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge.db.models import Score, SheetEntry, User
from kmjudge.judging import paper
from tests.judging.conftest import NAMES, Venue
from ui.judging.paper_page import PaperPage
from ui.judging.sheets_dialog import PrintSheetsDialog

from .conftest import WAIT_MS

# Sheet of judge j2, criterion A, stations 1-2: rows A1.1 (0 or 10), A1.2 (0-10 step 0.5),
# A1.3 (deduction count); typed along each row, station 1 then 2, as on the paper.
PASS1 = {(1, "A1.1"): "10", (2, "A1.1"): "0", (1, "A1.2"): "8.5", (2, "A1.2"): "6"}


def _sheet(v: Venue, stations: list[int] | None = None) -> str:
    (info,) = paper.create_sheets(v.db, v.chief, v.event_id, "j2", stations or [1, 2], "A")
    return info.code


def _page(qtbot: QtBot, ctx) -> PaperPage:  # type: ignore[no-untyped-def]
    page = PaperPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def _type(qtbot: QtBot, text: str) -> None:
    """Key presses to whatever has the keyboard focus (the grid, then its cell editor)."""
    for ch in text:
        w = QApplication.focusWidget()
        assert isinstance(w, QWidget)
        qtbot.keyClick(w, ch)


def _key(
    qtbot: QtBot, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    w = QApplication.focusWidget()
    assert w is not None
    qtbot.keyClick(w, key, mod)


def _scan(qtbot: QtBot, page: PaperPage, code: str) -> None:
    """The scanner types the code fast and sends no Enter: the pause ends the scan."""
    page.entry.scan.setFocus()
    with qtbot.waitSignal(page.entry.opened, timeout=WAIT_MS):
        qtbot.keyClicks(page.entry.scan, code)
    qtbot.waitUntil(lambda: not page.entry.busy, timeout=WAIT_MS)


def _type_row(qtbot: QtBot, values: list[str]) -> None:
    for text in values:
        _type(qtbot, text)
        _key(qtbot, Qt.Key.Key_Return)


def _save_by_keyboard(qtbot: QtBot, page: PaperPage) -> None:
    with qtbot.waitSignals([page.entry.opened], timeout=WAIT_MS):
        _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)


def _entries(v: Venue) -> dict[tuple[int, str, int], Decimal]:
    from kmjudge.db.models import Aspect, Registration

    with v.db.read() as s:
        rows = s.execute(
            select(Registration.station_no, Aspect.code, SheetEntry.pass_no, SheetEntry.value)
            .join(Registration, Registration.id == SheetEntry.registration_id)
            .join(Aspect, Aspect.id == SheetEntry.aspect_id)
        ).all()
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def _type_pass(qtbot: QtBot, page: PaperPage, a12_station2: str = "6") -> None:
    """Pass values of the A sheet by keyboard only: A1.1 row, A1.2 row, A1.3 left empty."""
    _type_row(qtbot, ["10", "0"])
    _type_row(qtbot, ["8.5", a12_station2])
    _key(qtbot, Qt.Key.Key_Return)  # A1.3 station 1: no violation, Enter moves on
    _key(qtbot, Qt.Key.Key_Return)  # A1.3 station 2: the last cell, focus on 保存 now


def test_print_dialog_makes_sheets_whose_barcode_opens_that_sheet(
    qtbot: QtBot, venue: Venue, make_ctx, tmp_path: Path
) -> None:
    """The chief judge picks criterion A, judge j2 and stations 1-3 and makes the PDF: the
    sheet is created, the PDF (read back with pypdf) names the judge and the criterion and no
    contestant, a preview opens, and the barcode decoded from a pdftoppm render with zxing-cpp
    is the code that opens that very sheet."""
    ctx = make_ctx("chief")
    dlg = PrintSheetsDialog(ctx, venue.event_id)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=WAIT_MS):
        dlg.show()
    dlg.criterion_combo.setCurrentIndex(dlg.criterion_combo.findData("A"))
    assert [dlg.judge_list.item(i).text() for i in range(dlg.judge_list.count())][:3] == [
        "赵裁判（j1）",
        "钱裁判（j2）",
        "孙裁判（j3）",
    ]
    dlg.set_judges(["j2"])
    qtbot.keyClicks(dlg.stations_edit, "1-3")
    assert dlg.some_stations.isChecked() and dlg.stations_note.text() == "3 个工位"
    out = tmp_path / "sheets.pdf"
    dlg.path_edit.setText(str(out))
    with qtbot.waitSignal(dlg.written, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(dlg.generate_button, Qt.MouseButton.LeftButton)
    result = sig.args[0]
    assert result.path == out and out.is_file() and len(result.codes) == 1
    assert dlg.banner.kind == "success" and str(out.parent) in dlg.banner.text()
    assert dlg.preview is not None and dlg.preview.document.pageCount() == 1
    code = result.codes[0]
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "钱裁判" in text and "A 安全文明" in text and code in text
    assert "1 号" in text and "3 号" in text and "4 号" not in text
    assert not any(name in text for name in NAMES)
    sheet = paper.open_sheet(venue.db, venue.actor("clerk1"), code)
    assert (sheet.judge_username, sheet.criterion_code, sheet.stations) == ("j2", "A", (1, 2, 3))
    # the dialog now lists the sheet as printed (for a reprint), j2 still the only one ticked
    qtbot.waitUntil(lambda: code in dlg.existing.text(), timeout=WAIT_MS)
    assert dlg.judges() == ["j2"] and dlg.reprint_button.isEnabled()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed: barcode decoding not checked")
    import zxingcpp
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png")))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [code]
    assert paper.open_sheet(venue.db, venue.actor("clerk1"), decoded[0]).code == code


def test_print_dialog_refuses_stations_already_on_a_sheet_and_reprints_them(
    qtbot: QtBot, venue: Venue, make_ctx, tmp_path: Path
) -> None:
    """Creating sheets again for stations already on one is refused with the core's message
    (nothing created); "reprint these sheets" writes the existing sheet with its own code."""
    code = _sheet(venue, [1, 2])
    dlg = PrintSheetsDialog(make_ctx("chief"), venue.event_id)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=WAIT_MS):
        dlg.show()
    dlg.criterion_combo.setCurrentIndex(dlg.criterion_combo.findData("A"))
    dlg.set_judges(["j2"])
    assert code in dlg.existing.text() and dlg.reprint_button.isEnabled()
    dlg.path_edit.setText(str(tmp_path / "again.pdf"))
    dlg.generate()
    qtbot.waitUntil(lambda: not dlg.running, timeout=WAIT_MS)
    assert dlg.banner.kind == "error" and "已在 钱裁判 的模块 A 评分表中" in dlg.banner.text()
    assert not (tmp_path / "again.pdf").exists()
    assert [s.code for s in paper.list_sheets(venue.db, venue.chief, venue.event_id)] == [code]
    dlg.path_edit.setText(str(tmp_path / "reprint.pdf"))
    with qtbot.waitSignal(dlg.written, timeout=WAIT_MS) as sig:
        dlg.reprint_button.click()
    assert sig.args[0].reprint and sig.args[0].codes == (code,)
    assert code in PdfReader(tmp_path / "reprint.pdf").pages[0].extract_text()


def test_clerk_scans_and_types_pass_one_with_the_keyboard_only(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """clerk1's scanner types the code (fast, no Enter): the sheet opens as printed (aspects x
    stations, pass 1 chosen, cursor in the first cell); numbers and Enter fill it, the strip
    repeats the station, Enter on 保存 saves pass 1; only pass-1 entries exist."""
    code = _sheet(venue)
    page = _page(qtbot, make_ctx("clerk1"))
    assert page.tabs.currentIndex() == page.ENTRY
    assert "1 张" in page.counters.text() and "1 未录入" in page.counters.text().replace(" ", " ")
    _scan(qtbot, page, code.lower())  # a scanner with Caps Lock on: still found
    entry = page.entry
    assert entry.view is not None and entry.view.code == code
    assert [a.code for a in entry.model.aspects] == ["A1.1", "A1.2", "A1.3"]
    assert entry.model.stations == (1, 2)
    assert entry.pass_no == 1 and entry.pass_buttons[1].isChecked()
    assert (entry.grid.currentIndex().row(), entry.grid.currentIndex().column()) == (0, 0)
    _type_row(qtbot, ["10", "0"])
    assert entry.confirm.text() == "2 号工位 · A1.1 穿戴防护用品 · 0 分"
    _type_row(qtbot, ["8.5", "6"])
    assert entry.confirm.text() == "2 号工位 · A1.2 工具使用 · 6 分"
    assert entry.model.dirty_count() == 4
    _key(qtbot, Qt.Key.Key_Return)  # A1.3 (deductions): empty = no violation
    _key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is entry.save_button
    with qtbot.waitSignal(entry.saved, timeout=WAIT_MS) as sig:
        _key(qtbot, Qt.Key.Key_Return)  # Enter on 保存
    result = sig.args[0]
    assert (result.pass_no, result.saved, result.confirmed, result.waiting) == (1, 4, 0, 4)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy and not entry.busy, timeout=WAIT_MS)
    assert entry.status.kind == "success" and "第 1 遍" in entry.status.text()
    assert _entries(venue) == {(st, a, 1): Decimal(x) for (st, a), x in PASS1.items()}
    # saved cells show a tick; the list now says one pass typed, by clerk1
    assert entry.model.index(1, 0).data() == "8.5 ✓"
    qtbot.waitUntil(lambda: page.states and page.states[0].state == "one_pass", timeout=WAIT_MS)
    assert page.sheet_model.rows[0][4] == "已录一遍" and "clerk1" in page.sheet_model.rows[0][5]


def test_a_range_error_shows_inline_and_nothing_is_stored(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """12 in A1.2 (0-10, steps of 0.5) and 7.3 are refused as typed, in Chinese, naming the
    station; Enter keeps the editor open and saving stores nothing for that cell."""
    code = _sheet(venue)
    page = _page(qtbot, make_ctx("clerk1"))
    _scan(qtbot, page, code)
    entry = page.entry
    entry.grid.setCurrentIndex(entry.model.index(1, 0))  # A1.2, station 1
    entry.grid.setFocus()
    _type(qtbot, "12")
    assert entry.error.kind == "error" and entry.error.isVisible()
    assert "1 号工位" in entry.error.text() and "0 到 10 分之间" in entry.error.text()
    _key(qtbot, Qt.Key.Key_Return)
    assert entry.grid.state() == entry.grid.State.EditingState  # refused: stays open
    editor = QApplication.focusWidget()
    editor.clear()  # type: ignore[union-attr]
    _type(qtbot, "7.3")
    assert "0.5" in entry.error.text()
    _key(qtbot, Qt.Key.Key_Return)
    assert entry.model.cell(1, 0).text == ""
    editor = QApplication.focusWidget()
    editor.clear()  # type: ignore[union-attr]
    _type(qtbot, "7.5")
    assert entry.error.isHidden()
    _key(qtbot, Qt.Key.Key_Escape)  # the clerk thinks again: nothing kept
    assert entry.model.cell(1, 0).text == "" and entry.model.dirty_count() == 0
    assert not entry.save_button.isEnabled()
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    assert _entries(venue) == {}


def test_the_same_clerk_is_refused_pass_two_with_the_cores_message(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """clerk1 typed pass 1; opening the sheet again offers pass 1 (their own values shown);
    switching to pass 2 and saving is refused with the core's message; nothing changes."""
    code = _sheet(venue)
    paper.enter_sheet_values(venue.db, venue.actor("clerk1"), code, 1, PASS1)
    page = _page(qtbot, make_ctx("clerk1"))
    _scan(qtbot, page, code)
    entry = page.entry
    assert entry.pass_no == 1 and entry.model.cell(1, 0).text == "8.5"
    qtbot.mouseClick(entry.pass_buttons[2], Qt.MouseButton.LeftButton)
    assert entry.pass_no == 2 and "第 2 遍" in entry.save_button.text()
    entry.grid.setCurrentIndex(entry.model.index(1, 1))
    entry.grid.setFocus()
    _type(qtbot, "6")
    _key(qtbot, Qt.Key.Key_Return)
    before = _entries(venue)
    with qtbot.waitSignal(entry.failed, timeout=WAIT_MS) as sig:
        entry.save_button.click()
    assert "两遍录入须由两名不同的录分员完成" in sig.args[0]
    assert "不能核对自己录入的成绩" in entry.status.text() and entry.status.kind == "error"
    assert "未保存" in entry.status.text()
    assert _entries(venue) == before and len(before) == 4


def test_second_clerk_blind_pass_difference_listed_side_by_side_and_decided(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """clerk2 opens the sheet clerk1 typed: pass 2 is offered and no pass-1 value is shown.
    clerk2 types one value differently; the three matching cells count, and the correction
    view lists exactly that cell — values hidden for clerk2, side by side for the chief judge,
    who decides it with a reason: a Score row with that value exists afterwards."""
    code = _sheet(venue)
    paper.enter_sheet_values(venue.db, venue.actor("clerk1"), code, 1, PASS1)
    page = _page(qtbot, make_ctx("clerk2"))
    _scan(qtbot, page, code)
    entry = page.entry
    assert entry.pass_no == 2
    assert all(c.text == "" for row in entry.model.cells for c in row)  # blind
    assert "第 1 遍：clerk1 已录入" in entry.pass_info.text()
    _type_pass(qtbot, page, a12_station2="6.5")
    with qtbot.waitSignal(entry.saved, timeout=WAIT_MS) as sig:
        _key(qtbot, Qt.Key.Key_Return)
    result = sig.args[0]
    assert result.confirmed == 3 and result.differing == ((2, "A1.2"),)
    assert entry.status.kind == "warning" and "2 号 A1.2" in entry.status.text()
    qtbot.waitUntil(lambda: len(page.diffs) == 1, timeout=WAIT_MS)
    assert page.tabs.tabText(page.DIFFERENCES) == "差异核对（1）"
    row = page.corrections.model.rows[0]
    assert row[:4] == [code, "j2", "2 号", "A1.2"]
    assert row[4] == "clerk1 已录" and row[5] == "clerk2 已录"  # values hidden from clerks
    assert "差异" in page.counters.text()

    chief = _page(qtbot, make_ctx("chief"))
    panel = chief.corrections
    assert len(chief.diffs) == 1 and panel.model.rowCount() == 1
    side = panel.model.rows[0]
    assert side[2:6] == ["2 号", "A1.2", "6  (clerk1)", "6.5  (clerk2)"]
    chief.tabs.setCurrentIndex(chief.DIFFERENCES)
    qtbot.mouseClick(panel.use1, Qt.MouseButton.LeftButton)
    assert panel.value_edit.text() == "6"
    panel.reason_edit.setFocus()
    panel.reason_edit.insert("对照纸质评分表，第一遍正确")  # Chinese comes through the IME
    with qtbot.waitSignal(panel.resolved, timeout=WAIT_MS) as sig:
        qtbot.keyClick(panel.reason_edit, Qt.Key.Key_Return)
    view = sig.args[0]
    assert view is not None and view.value == Decimal(6) and view.status == "corrected"
    qtbot.waitUntil(lambda: chief.diffs == [] and not chief.ctx.worker.busy, timeout=WAIT_MS)
    with venue.db.read() as s:
        users = {u.username: u.id for u in s.scalars(select(User))}
        scores = s.scalars(select(Score).where(Score.judge_id == users["j2"])).all()
    reg2 = venue.registration(2).id
    decided = [x for x in scores if x.registration_id == reg2 and x.status == "corrected"]
    assert len(decided) == 1 and decided[0].value == Decimal(6)
    assert decided[0].confirmed_by == users["chief"] and decided[0].source == "paper"
    assert len(scores) == 4
    qtbot.waitUntil(lambda: chief.states[0].state == "done", timeout=WAIT_MS)


def test_a_third_clerk_settles_a_difference_blind(qtbot: QtBot, venue: Venue, make_ctx) -> None:
    """clerk1 and clerk2 differ on one cell. clerk1 cannot make the third entry (the panel
    says why); clerk3 types the paper value blind and, matching pass 2, it counts."""
    code = _sheet(venue)
    paper.enter_sheet_values(venue.db, venue.actor("clerk1"), code, 1, PASS1)
    paper.enter_sheet_values(venue.db, venue.actor("clerk2"), code, 2, {**PASS1, (1, "A1.2"): "9"})
    mine = _page(qtbot, make_ctx("clerk1"))
    assert len(mine.diffs) == 1
    assert not mine.corrections.resolve_button.isEnabled()
    assert "第三遍须由另一名录分员" in mine.corrections.cell_label.text()
    page = _page(qtbot, make_ctx("clerk3"))
    panel = page.corrections
    page.tabs.setCurrentIndex(page.DIFFERENCES)
    assert panel.resolve_button.isEnabled()
    panel.value_edit.setFocus()
    qtbot.keyClicks(panel.value_edit, "9")
    with qtbot.waitSignal(panel.resolved, timeout=WAIT_MS) as sig:
        qtbot.keyClick(panel.value_edit, Qt.Key.Key_Return)
    assert sig.args[0] is not None and sig.args[0].value == Decimal(9)
    assert "9" in panel.banner.text() and panel.banner.kind == "success"
    qtbot.waitUntil(lambda: page.diffs == [], timeout=WAIT_MS)
    with venue.db.read() as s:
        row = s.scalar(
            select(Score).where(
                Score.registration_id == venue.registration(1).id, Score.value == Decimal(9)
            )
        )
        clerk3 = s.scalar(select(User.id).where(User.username == "clerk3"))
    assert row is not None and row.confirmed_by == clerk3


def test_a_scan_while_values_are_unsaved_warns_first(qtbot: QtBot, venue: Venue, make_ctx) -> None:
    """With typed values not saved, scanning another sheet keeps them and says how to go on;
    the same scan again drops them and opens the new sheet."""
    first = _sheet(venue, [1, 2])
    (other,) = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j2", [3, 4], "A")
    page = _page(qtbot, make_ctx("clerk1"))
    _scan(qtbot, page, first)
    _type_row(qtbot, ["10"])
    entry = page.entry
    assert entry.model.dirty_count() == 1
    # the scanner types while the grid has the focus: its first letter takes the focus to the
    # scan field (a mark never holds a letter) and the rest of the code follows it there
    assert QApplication.focusWidget() is entry.grid
    _type(qtbot, other.code)
    qtbot.waitUntil(lambda: entry.status.kind == "warning", timeout=WAIT_MS)
    assert entry.view is not None and entry.view.code == first
    assert "1 个数值尚未保存" in entry.status.text() and entry.router.redirected >= 1
    _scan(qtbot, page, other.code)
    assert entry.view is not None and entry.view.code == other.code
    assert entry.model.stations == (3, 4) and entry.model.dirty_count() == 0


def test_cancelling_the_print_leaves_no_pdf_and_says_the_sheets_exist(
    qtbot: QtBot, venue: Venue, make_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel pressed while the PDF is being written (here: as soon as the first sheet is
    drawn): no PDF and no partial file are left, the dialog says so and that the sheets made
    meanwhile can be reprinted; they are listed as printed."""
    from ui.judging import sheets_dialog

    class CancelAfterFirst(sheets_dialog.Progress):
        def __call__(self, done: int, total: int) -> None:
            super().__call__(done, total)
            self.cancel.set()  # what 「取消打印」 does, at a known moment

    monkeypatch.setattr(sheets_dialog, "Progress", CancelAfterFirst)
    dlg = PrintSheetsDialog(make_ctx("admin"), venue.event_id)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=WAIT_MS):
        dlg.show()
    dlg.criterion_combo.setCurrentIndex(dlg.criterion_combo.findData("B"))
    dlg.set_judges(["j1", "j3"])
    folder = tmp_path / "out"
    folder.mkdir()
    dlg.path_edit.setText(str(folder / "sheets.pdf"))
    assert dlg.generate()
    assert dlg.cancel_button.isVisible()
    qtbot.waitUntil(lambda: not dlg.running, timeout=WAIT_MS)
    assert dlg.banner.kind == "info" and "已取消，未生成文件" in dlg.banner.text()
    assert "2 张评分表仍然有效" in dlg.banner.text()
    assert list(folder.iterdir()) == [] and dlg.result_pdf is None
    made = paper.list_sheets(venue.db, venue.chief, venue.event_id)
    assert sorted(s.judge_username for s in made) == ["j1", "j3"]
    qtbot.waitUntil(lambda: "2 张" in dlg.existing.text(), timeout=WAIT_MS)


def test_a_scan_during_a_save_opens_that_sheet_afterwards(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """The clerk saves and scans the next sheet at once: the scan waits for the save instead
    of being lost, then the new sheet opens."""
    first = _sheet(venue, [1, 2])
    (other,) = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j2", [3, 4], "A")
    page = _page(qtbot, make_ctx("clerk1"))
    _scan(qtbot, page, first)
    entry = page.entry
    _type_row(qtbot, ["10", "0"])
    entry.save()
    assert entry.busy
    entry.open_code(other.code)  # the scanner, while the save is still running
    qtbot.waitUntil(
        lambda: entry.view is not None and entry.view.code == other.code, timeout=WAIT_MS
    )
    assert _entries(venue) == {(1, "A1.1", 1): Decimal(10), (2, "A1.1", 1): Decimal(0)}
