"""The desk's other work: manual look-up check-in, undo (admin, with a reason), withdraw, mark
absent after the cut-off, the no-show list. All through the widgets, on a real database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from kmjudge import events
from kmjudge.checkin import VerdictKind
from ui.checkin.checkin_page import CheckinPage
from ui.context import AppContext

from . import scanner
from .conftest import WAIT_MS, Desk, Keep
from .helpers import no_modal_dialog, open_page, wait_verdict

K = VerdictKind


def ime_type(widget: object, text: str) -> None:
    """Chinese arrives from an input method as a committed string (QTest cannot type 张)."""
    widget.setFocus()  # type: ignore[attr-defined]
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def find_and_select(qtbot: QtBot, page: CheckinPage, name: str) -> None:
    page.tabs.setCurrentWidget(page.lookup)
    qtbot.waitUntil(lambda: page.lookup.model.total == 60, timeout=WAIT_MS)
    ime_type(page.lookup.search, name)
    assert page.lookup.search.text() == name
    qtbot.waitUntil(lambda: page.lookup.selected() is not None, timeout=WAIT_MS)
    selected = page.lookup.selected()
    assert selected is not None and selected.name == name


def unique_name(desk: Desk, start: int = 20) -> int:
    """Index of a contestant whose name no one else in the demo shares."""
    names = [r.name for r in desk.regs]
    return next(i for i in range(start, 60) if names.count(names[i]) == 1)


def test_manual_check_in_by_name_for_someone_without_a_ticket(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """The registrar types the Chinese name (through the input method), the one match is
    selected, 手工检录 asks for the reason inline (prefilled), and confirming checks the person in:
    the big panel shows them with their station, the counters move, nothing modal appeared,
    and the keyboard is back in the scan field."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    i = unique_name(desk)
    person = desk.reg(i)
    find_and_select(qtbot, page, person.name)
    assert page.lookup.request("checkin")
    assert page.lookup.confirm_box.isVisible()
    assert no_modal_dialog()
    assert page.lookup.reason.currentText() == "未带准考证，已核对身份证"
    # the reason field has the keyboard now: the desk says a scan would go there
    assert page.typing_elsewhere() and "⚠" in page.scan_status.text()
    qtbot.mouseClick(page.lookup.confirm_button, Qt.MouseButton.LeftButton)
    wait_verdict(qtbot, page, K.VALID, person.name)
    assert page.last_verdict is not None and page.last_verdict.method == "manual"
    assert "手工检录" in page.verdict.texts()["info"]
    assert desk.status(i) == "checked_in"
    qtbot.waitUntil(lambda: page.counter_values()["checked_in"] == "1", timeout=WAIT_MS)
    assert QApplication.focusWidget() is page.scan
    assert not page.typing_elsewhere() and "⚠" not in page.scan_status.text()


def test_undo_needs_an_administrator_and_a_reason(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A registrar is not offered 撤销检录. The administrator is, but an empty reason is
    refused in place (the check-in stays); with a reason the check-in is undone and the
    counters go back."""
    registrar_page = open_page(qtbot, keep, make_ctx("registrar"))
    assert "undo" not in registrar_page.lookup.buttons
    registrar_page.close()

    page = open_page(qtbot, keep, make_ctx("admin"))
    scanner.scan(page.scan, desk.token(12))
    wait_verdict(qtbot, page, K.VALID, desk.reg(12).name)
    qtbot.waitUntil(lambda: page.counter_values()["checked_in"] == "1", timeout=WAIT_MS)
    page.tabs.setCurrentWidget(page.lookup)
    qtbot.waitUntil(lambda: page.lookup.model.total == 60 and not page.lookup.loading)
    qtbot.keyClicks(page.lookup.search, desk.reg(12).ticket_no)
    qtbot.waitUntil(lambda: page.lookup.selected() is not None, timeout=WAIT_MS)
    assert page.lookup.buttons["undo"].isEnabled()
    assert page.lookup.request("undo")
    assert page.lookup.reason.currentText() == ""
    assert not page.lookup.confirm()
    assert page.lookup.banner.text() == "请先填写原因。"
    qtbot.wait(100)
    assert desk.status(12) == "checked_in"
    ime_type(page.lookup.reason.lineEdit(), "检录错人，应为其同事")
    qtbot.mouseClick(page.lookup.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.status(12) == "registered", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.counter_values()["checked_in"] == "0", timeout=WAIT_MS)
    assert "已撤销" in page.lookup.banner.text()


def test_a_withdrawn_contestant_is_refused_at_the_scanner(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """退赛 with a reason from the look-up; the contestant's ticket then scans as 已退赛 in red,
    with no personal data, and the 退赛 counter shows 1."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    i = unique_name(desk, 30)
    find_and_select(qtbot, page, desk.reg(i).name)
    assert page.lookup.request("withdraw")
    ime_type(page.lookup.reason.lineEdit(), "本人申请退赛")
    assert page.lookup.confirm()
    qtbot.waitUntil(lambda: page.lookup.banner.kind == "success", timeout=WAIT_MS)
    assert desk.status(i) == "withdrawn"
    assert QApplication.focusWidget() is page.scan
    scanner.scan(page.scan, desk.token(i))
    wait_verdict(qtbot, page, K.WITHDRAWN)
    assert page.verdict.look == "refused"
    assert page.verdict.texts()["name"] == ""
    qtbot.waitUntil(lambda: page.counter_values()["withdrawn"] == "1", timeout=WAIT_MS)


def test_mark_absent_is_refused_before_the_cut_off_and_works_after_it(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """While check-in is still open the core refuses, and the page says so in place. After the
    cut-off, the inline confirmation marks everyone not checked in as absent."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    scanner.scan(page.scan, desk.token(0))
    wait_verdict(qtbot, page, K.VALID)
    qtbot.waitUntil(lambda: page.counter_values()["waiting"] == "59", timeout=WAIT_MS)
    page.tools.ask_mark_absent()
    assert "59" in page.tools.absent_text.text() and no_modal_dialog()
    qtbot.mouseClick(page.tools.absent_confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tools.banner.kind == "error", timeout=WAIT_MS)
    assert "截止后才能标记缺考" in page.tools.banner.text()
    assert desk.counts().absent == 0

    now = datetime.now()
    events.update_event(
        desk.db,
        desk.admin,
        desk.event_id,
        checkin_opens_at=now - timedelta(hours=3),
        checkin_closes_at=now - timedelta(minutes=1),
    )
    page.refresh_all()
    page.tools.ask_mark_absent()
    qtbot.mouseClick(page.tools.absent_confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.counter_values()["absent"] == "59", timeout=WAIT_MS)
    assert page.counter_values()["waiting"] == "0"
    assert "59" in page.tools.banner.text()


def test_the_no_show_list_is_written_as_xlsx_and_reads_back(
    qtbot: QtBot,
    keep: Keep,
    desk: Desk,
    make_ctx: Callable[..., AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """导出缺考名单 after two check-ins: the .xlsx (read with openpyxl) lists the 58 others with
    masked ID numbers, and neither of the two who came."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    for i in (1, 2):
        scanner.scan(page.scan, desk.token(i))
        wait_verdict(qtbot, page, K.VALID, desk.reg(i).name)
    target = tmp_path / "缺考名单"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.tools.noshow_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "缺考名单.xlsx"
    qtbot.waitUntil(written.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.tools.banner.kind == "success", timeout=WAIT_MS)
    sheet = openpyxl.load_workbook(written).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "准考证号", "姓名")
    listed = {r[1] for r in rows[1:]}
    assert len(rows) - 1 == 58
    assert desk.reg(1).ticket_no not in listed and desk.reg(2).ticket_no not in listed
    assert desk.reg(3).ticket_no in listed
    id_column = [r[4] for r in rows[1:]]
    assert all("*" in v for v in id_column)
    assert "58" in page.tools.banner.text()
