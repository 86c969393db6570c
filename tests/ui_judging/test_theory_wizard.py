"""The theory score import wizard: preview with per-row errors in Chinese, commit of the
good rows, refusal of a file without the needed columns."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge.db.models import Contestant, Registration, TheoryScore
from tests.judging.conftest import Venue
from ui.judging.theory_wizard import TheoryWizard, open_theory_wizard

from .conftest import WAIT_MS


def _people(v: Venue) -> list[tuple[str, str]]:
    """(ticket, name) by station."""
    with v.db.read() as s:
        rows = s.execute(
            select(Registration.ticket_no, Contestant.name)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == v.event_id)
            .order_by(Registration.station_no)
        ).all()
    return [(r[0], r[1]) for r in rows]


def _stored(v: Venue) -> dict[str, Decimal]:
    with v.db.read() as s:
        rows = s.execute(
            select(Registration.ticket_no, TheoryScore.value).join(
                TheoryScore, TheoryScore.registration_id == Registration.id
            )
        ).all()
    return {r[0]: r[1] for r in rows}


def _xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2026 年理论考试成绩"])  # a title row above the header, as exports have
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _choose(
    qtbot: QtBot, wizard: TheoryWizard, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click 选择文件… and pick ``path`` in the (replaced) file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)


def test_preview_names_the_bad_row_and_field_and_commit_imports_the_good_rows(
    qtbot: QtBot, venue: Venue, make_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook with six rows, one score out of range (Excel row 5) and one 缺考: the preview
    counts 4 new, 1 rejected, 1 absent and says in Chinese which row and column is wrong and
    why; 确认导入 writes the four good scores in one go and leaves the bad row out."""
    p = _people(venue)
    rows: list[list[object]] = [[t, n, 80 + i] for i, (t, n) in enumerate(p)]
    rows[2][2] = 105  # Excel row 5 (title, header, then data from row 3)
    rows[5][2] = "缺考"
    path = _xlsx(tmp_path / "理论成绩.xlsx", ["准考证号", "姓名", "理论成绩"], rows)
    wizard = open_theory_wizard(make_ctx("chief"), None, venue.event_id)
    qtbot.addWidget(wizard)
    assert wizard.isVisible() and wizard.step == wizard.CHOOSE
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS):
        _choose(qtbot, wizard, path, monkeypatch)
    assert wizard.step == wizard.PREVIEW
    counts = (
        wizard.count_new.value(),
        wizard.count_update.value(),
        wizard.count_rejected.value(),
        wizard.count_skipped.value(),
    )
    assert counts == (4, 0, 1, 1)
    assert wizard.tabs.currentIndex() == 0 and wizard.tabs.tabText(0) == "有误（1）"
    assert wizard.rejected_model.rows == [
        ["5", "理论成绩", "105", "理论成绩应在 0 到 100 分之间，表中为 105。"]
    ]
    assert "有误的 1 行不导入" in wizard.plan_label.text()
    assert "准考证号 ← “准考证号”" in wizard.columns_label.text()
    assert _stored(venue) == {}  # the preview wrote nothing
    assert wizard.commit_button.isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    result = sig.args[0]
    assert (result.created, result.updated, result.skipped) == (4, 0, 1)
    assert wizard.step == wizard.DONE
    assert wizard.result_labels["rejected"].text() == "1 行"
    assert _stored(venue) == {p[i][0]: Decimal(80 + i) for i in (0, 1, 3, 4)}


def test_a_file_without_the_needed_columns_stays_on_step_one_with_the_reason(
    qtbot: QtBot, venue: Venue, make_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet with no ticket/ID column is refused before any preview, naming what is needed;
    nothing is written and the wizard waits for another file."""
    path = _xlsx(tmp_path / "x.xlsx", ["姓名", "实操成绩"], [["张伟", 80]])
    wizard = TheoryWizard(make_ctx("admin"), venue.event_id)
    qtbot.addWidget(wizard)
    wizard.show()
    with qtbot.waitSignal(wizard.failed, timeout=WAIT_MS) as sig:
        _choose(qtbot, wizard, path, monkeypatch)
    assert "找不到表头" in sig.args[0] and "准考证号" in sig.args[0]
    assert wizard.step == wizard.CHOOSE and wizard.file_banner.kind == "error"
    assert _stored(venue) == {}


def test_the_paper_page_toolbar_opens_the_wizard_for_the_chief(
    qtbot: QtBot, venue: Venue, make_ctx
) -> None:
    """The chief judge's 导入理论成绩… button opens the wizard on the selected event; a score
    clerk does not get the button."""
    from ui.judging.paper_page import PaperPage

    page = PaperPage(make_ctx("chief"))
    qtbot.addWidget(page)
    page.show()
    assert page.theory_button.isVisible() and page.print_button.isVisible()
    qtbot.mouseClick(page.theory_button, Qt.MouseButton.LeftButton)
    wizard = page.dialogs[-1]
    assert isinstance(wizard, TheoryWizard) and wizard.event_id == venue.event_id
    assert wizard.isVisible()
    wizard.reject()
    clerk = PaperPage(make_ctx("clerk1"))
    qtbot.addWidget(clerk)
    clerk.show()
    assert not clerk.theory_button.isVisible() and not clerk.print_button.isVisible()
