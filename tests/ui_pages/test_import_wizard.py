"""导入报名表 wizard: preview (nothing written), refusals with Chinese reasons, commit, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from kmjudge.registration import service as registration
from ui.context import AppContext
from ui.registration import ContestantsPage, ImportWizard
from ui.registration.models import IssueTableModel

from .sheets import messy_sheet, only_bad_sheet, update_sheet
from .typing import type_text


def names(ctx: AppContext) -> set[str]:
    assert ctx.event_id is not None
    return {r.name for r in registration.list_registrations(ctx.db, ctx.actor, ctx.event_id)}


def open_page(qtbot: QtBot, ctx: AppContext) -> ContestantsPage:
    page = ContestantsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total_count > 0 and not page.loading, timeout=10_000)
    return page


def choose(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: ContestantsPage, path: Path
) -> ImportWizard:
    """Click 导入报名表…, then 选择文件… in the wizard, answering the file dialog with ``path``."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.import_wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    return wizard


def reasons(model: IssueTableModel) -> dict[int, str]:
    out: dict[int, str] = {}
    for r in range(model.rowCount()):
        row = int(model.data(model.index(r, IssueTableModel.ROW)))
        out[row] = out.get(row, "") + model.data(model.index(r, IssueTableModel.REASON))
    return out


def test_messy_sheet_shows_exact_rejections_then_commits_good_rows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """Title row + bad checksum + duplicate + 15-digit ID: rows 5, 7, 8 are refused with Chinese
    reasons; 确认导入 writes the 4 good rows and the contestant list then shows them."""
    path = tmp_path / "电工报名表.xlsx"
    info = messy_sheet(path)
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)

    assert wizard.step == ImportWizard.PREVIEW
    assert wizard.rejected_model.row_numbers() == info["rejected_rows"]
    why = reasons(wizard.rejected_model)
    assert "校验位不正确" in why[5]
    assert "与第 3 行重复" in why[7]
    assert "15 位的旧身份证号码" in why[8]
    assert wizard.rejected_model.headerData(3, Qt.Orientation.Horizontal) == "原因"
    assert wizard.count_new.value() == 4
    assert wizard.count_update.value() == 0
    assert wizard.count_rejected.value() == 3
    assert wizard.tabs.tabText(0) == "未通过（3）"
    assert "第 2 行" in wizard.sheet_label.text()  # the header under the title row was found
    assert names(admin_ctx).isdisjoint(info["new_names"])  # the preview wrote nothing
    assert wizard.commit_button.isEnabled()

    with qtbot.waitSignal(admin_ctx.bus.registrations_changed, timeout=10_000):
        qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step == ImportWizard.DONE, timeout=10_000)
    assert wizard.import_result is not None
    assert (wizard.import_result.created, wizard.import_result.rejected) == (4, 3)
    assert wizard.result_labels["created"].text() == "4 人"
    assert wizard.result_labels["backup"].text().endswith(".sqlite3")
    after = names(admin_ctx)
    assert set(info["new_names"]) <= after
    assert not after & set(info["rejected_names"])

    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    qtbot.waitUntil(lambda: page.model.total_count == 64, timeout=10_000)
    type_text(qtbot, page.search, "欧阳晓峰")
    assert [r.name for r in page.model.visible_rows()] == ["欧阳晓峰"]
    assert page.model.visible_rows()[0].ticket_no == "260061"


def test_cancel_at_preview_writes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """Closing the wizard at the preview step leaves the registrations exactly as they were."""
    path = tmp_path / "报名表.xlsx"
    messy_sheet(path)
    before = names(admin_ctx)
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)
    assert wizard.step == ImportWizard.PREVIEW and wizard.count_new.value() == 4
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    qtbot.wait(200)
    assert names(admin_ctx) == before
    assert len(before) == 60


def test_rejection_list_exports_to_xlsx_that_reads_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """导出错误清单… writes an .xlsx whose 未通过 sheet lists rows 5, 7, 8 with their reasons."""
    path = tmp_path / "报名表.xlsx"
    messy_sheet(path)
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)
    target = tmp_path / "out" / "错误清单"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert wizard.export_button.isEnabled()
    qtbot.mouseClick(wizard.export_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".xlsx")
    qtbot.waitUntil(lambda: wizard.preview_banner.kind == "success", timeout=10_000)
    assert str(saved) in wizard.preview_banner.text()
    wb = openpyxl.load_workbook(saved)
    rows = list(wb["未通过"].iter_rows(values_only=True))
    assert rows[0] == ("行号", "列", "内容", "原因")
    assert sorted({int(r[0]) for r in rows[1:]}) == [5, 7, 8]
    assert any("校验位" in str(r[3]) for r in rows[1:])


def test_file_level_error_is_shown_in_chinese_and_nothing_happens(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """A sheet without a header gets the core's Chinese message in the wizard, not a crash."""
    path = tmp_path / "成绩.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["这不是报名表"])
    ws.append(["甲", "乙", "丙"])
    wb.save(path)
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)
    assert wizard.step == ImportWizard.CHOOSE
    assert wizard.file_banner.kind == "error"
    assert "“成绩.xlsx”无法导入" in wizard.file_banner.text()
    assert "没有找到报名表的表头" in wizard.file_banner.text()
    assert not wizard.commit_button.isVisible()

    text_file = tmp_path / "名单.txt"
    text_file.write_text("张三 530102199001011234", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(text_file), ""))
    )
    qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.busy and "名单.txt" in wizard.file_banner.text())
    assert wizard.file_banner.kind == "error"
    assert wizard.step == ImportWizard.CHOOSE
    assert len(names(admin_ctx)) == 60


def test_sheet_without_acceptable_rows_disables_confirm(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """When every row is refused, 确认导入 is disabled and the wizard says why."""
    path = tmp_path / "全错.xlsx"
    only_bad_sheet(path)
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)
    assert wizard.step == ImportWizard.PREVIEW
    assert wizard.rejected_model.row_numbers() == [2, 3]
    assert not wizard.commit_button.isEnabled()
    assert "没有可以导入的内容" in wizard.plan_label.text()
    wizard.commit()  # even a programmatic attempt is ignored
    qtbot.wait(200)
    assert wizard.step == ImportWizard.PREVIEW
    assert len(names(admin_ctx)) == 60


def test_reimport_shows_old_and_new_values_of_updates(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """A known contestant with a new phone number appears under 将更新 as old → new."""
    assert admin_ctx.event_id is not None
    person = registration.list_registrations(admin_ctx.db, admin_ctx.actor, admin_ctx.event_id)[3]
    path = tmp_path / "更正.xlsx"
    update_sheet(path, person.name, person.id_number, "13999990000")
    page = open_page(qtbot, admin_ctx)
    wizard = choose(qtbot, monkeypatch, page, path)
    assert wizard.count_update.value() == 1 and wizard.count_new.value() == 0
    assert wizard.tabs.currentWidget() is wizard.updates_table
    m = wizard.updates_model
    assert m.rowCount() == 1
    assert m.data(m.index(0, 2)) == "联系电话"
    assert m.data(m.index(0, 3)) == f"{person.phone}  →  13999990000"
    qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step == ImportWizard.DONE, timeout=10_000)
    again = registration.list_registrations(admin_ctx.db, admin_ctx.actor, admin_ctx.event_id)
    assert next(r for r in again if r.id == person.id).phone == "13999990000"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent(QPoint, ...) in 6.12
def test_dropping_a_file_on_the_wizard_previews_it(
    qtbot: QtBot, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """Dragging a sheet from the file manager onto step 1 starts the preview."""
    path = tmp_path / "拖进来.xlsx"
    messy_sheet(path)
    assert admin_ctx.event_id is not None
    wizard = ImportWizard(admin_ctx, admin_ctx.event_id)
    qtbot.addWidget(wizard)
    wizard.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = wizard.drop_area.geometry().center()
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(wizard, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPoint(pos).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(wizard, drop)
    qtbot.waitUntil(lambda: wizard.step == ImportWizard.PREVIEW, timeout=10_000)
    assert wizard.rejected_model.row_numbers() == [5, 7, 8]
