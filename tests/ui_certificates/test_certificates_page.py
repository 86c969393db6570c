"""The certificates page (证书打印) driven like the chief judge: a real SQLite file, the real
certificates core, PDFs read back with pypdf, printed pages decoded with zxing-cpp."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import certificates as certs
from kmjudge.db.engine import Database
from kmjudge.results.release import view_results
from tests.results.helpers import ScoredEvent
from tests.ui_certificates.conftest import WAIT_MS, build_event
from tests.ui_certificates.helpers import (
    dark_box,
    listed_names,
    open_page,
    pdf_text,
    preview_image,
    quiet,
    settle,
    squeeze,
)
from ui.certificates.page import CertificatesPage
from ui.certificates.printing import page_image
from ui.context import AppContext
from ui.mainwindow import pages_for
from ui.worker import Worker

Make = Callable[[str], AppContext]
MM_PER_INCH = 25.4


def winners_by_tier(ev: ScoredEvent) -> dict[str, list[str]]:
    """The award winners as the results core sees them (checked in and ranked)."""
    view = view_results(ev.db, ev.login("chief"), ev.event_id)
    out: dict[str, list[str]] = {}
    for r in view.results.ranked:
        if r.award:
            out.setdefault(r.award, []).append(view.identities[r.key].name)
    return out


def pdf_printer(path: Path, dpi: int = 200) -> QPrinter:
    """A printer that writes a PDF: how printing is tested without a printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def wait_done(qtbot: QtBot, page: CertificatesPage, *what: str) -> None:
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w in what):
        pass


def click_and_wait(qtbot: QtBot, page: CertificatesPage, button: QWidget, *what: str) -> None:
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w in what):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_locked_event_lists_every_checked_in_winner_in_tier_order(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    assert page.lock_state == "locked"
    assert "锁定，可以发放证书" in page.lock_banner.text()
    tiers = winners_by_tier(ev)
    expected = [n for t in ("first", "second", "third", "merit") for n in tiers.get(t, [])]
    assert len(expected) >= 5
    assert listed_names(page) == expected
    # nobody absent or withdrawn, and everyone new
    assert "卫五" not in listed_names(page) and "蒋六" not in listed_names(page)
    m = page.batch.model
    assert {m.text(r, m.STATE) for r in range(m.rowCount())} == {"新发"}
    assert page.batch.save_button.isEnabled() and page.batch.print_button.isEnabled()
    assert f"待打印 {len(expected)} 张" in page.batch.summary.text()
    # the preview shows the selected (first) winner
    assert page.preview_title.text() == f"预览：{expected[0]} · 一等奖"
    assert expected[0] in squeeze(
        PdfReader(_bytes_io(page.preview.last_pdf)).pages[0].extract_text()
    )


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def test_unchecking_a_tier_removes_its_winners_and_checking_brings_them_back(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    second = winners_by_tier(ev)["second"]
    before = listed_names(page)
    assert set(second) <= set(before)
    box = page.batch.tier_boxes["second"]
    assert box.text() == "二等奖"
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w == "planned"):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().topLeft() + _inside())
    assert not box.isChecked()
    after = listed_names(page)
    assert not set(second) & set(after)
    assert after == [n for n in before if n not in second]
    assert "二等奖" not in page.batch.summary.text()
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w == "planned"):
        box.click()
    assert listed_names(page) == before


def _inside() -> QPoint:
    return QPoint(6, 6)


def test_save_pdf_writes_one_pdf_with_every_listed_winner_and_logs_it(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    names = listed_names(page)
    out = tmp_path / "证书.pdf"
    asked: list[str] = []

    def ask(title: str, suggested: Path) -> str:
        asked.append(suggested.name)
        return str(out)

    page.ask_save_path = ask  # type: ignore[method-assign]
    click_and_wait(qtbot, page, page.batch.save_button, "issued")
    assert asked == ["测试电工项目-荣誉证书.pdf"]
    reader = PdfReader(str(out))
    assert len(reader.pages) == len(names)
    text = squeeze(pdf_text(out))
    for name in names:
        assert name in text
    assert "荣誉证书" in text
    assert page.banner.kind == "success" and str(out) in page.banner.text()
    assert f"新发 {len(names)} 张" in page.banner.text()
    settle(qtbot, page)
    # the core recorded numbers and the print log; the page shows both
    issued = certs.list_certificates(ev.db, ev.login("chief"), ev.event_id)
    assert sorted(c.name for c in issued) == sorted(names)
    qtbot.waitUntil(lambda: page.log.model.rowCount() == 1, timeout=WAIT_MS)
    log = page.log.model
    assert log.text(0, log.WHO) == "chief" and log.text(0, log.COUNT) == str(len(names))
    assert log.text(0, log.KIND) == "批量打印"
    assert page.issued.model.rowCount() == len(names)
    # planned again: everyone holds a certificate now, nothing left to print
    m = page.batch.model
    assert {m.text(r, m.STATE) for r in range(m.rowCount())} == {"已发，本批不打印"}
    assert all(m.text(r, m.NUMBER).startswith("KM2026-") for r in range(m.rowCount()))
    assert not page.batch.save_button.isEnabled()


def test_cancelled_save_writes_no_file_and_issues_nothing(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    ev.lock()
    ctx = make_ctx("chief")
    page = open_page(qtbot, ctx)
    out = tmp_path / "cancelled.pdf"
    page.ask_save_path = lambda title, suggested: str(out)  # type: ignore[method-assign]
    gate = threading.Event()
    ctx.worker.run(gate.wait, 10)  # hold the database worker so Cancel comes first
    qtbot.mouseClick(page.batch.save_button, Qt.MouseButton.LeftButton)
    assert page.job is not None and page.running
    assert not page.batch.print_button.isEnabled()  # no second batch meanwhile
    dialog = page.job.dialog
    assert not dialog.isVisible()  # no flash for a quick job...
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)  # ...shown once it takes a while
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w == "cancelled"):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        gate.set()
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf")) == []
    assert certs.list_certificates(ev.db, ev.login("chief"), ev.event_id) == []
    assert "没有生成文件" in page.banner.text()
    assert page.batch.save_button.isEnabled()


def test_a_name_without_a_glyph_is_named_and_blocks_printing_until_acknowledged(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    ev = build_event(db, rename={5: "钱𠮷"})
    ev.lock()
    worker = Worker()
    try:
        page = open_page(qtbot, AppContext(db, ev.login("chief"), worker, "zh", ev.event_id))
        b = page.batch
        notices = [b.notices.item(i).text() for i in range(b.notices.count())]
        glyph = [n for n in notices if "𠮷" in n]
        assert glyph and "钱𠮷" in glyph[0] and glyph[0].startswith("⚠")
        assert b.notices.isVisible() and b.ack_box.isVisible()
        # the row is marked, and printing is blocked
        m = b.model
        row = listed_names(page).index("钱𠮷")
        assert m.data(m.index(row, m.NAME), Qt.ItemDataRole.ForegroundRole).color().name() == (
            "#a61b1b"
        )
        assert "𠮷" in m.data(m.index(row, m.NAME), Qt.ItemDataRole.ToolTipRole)
        assert not b.save_button.isEnabled() and not b.print_button.isEnabled()
        assert "红色警告" in b.blocked_hint.text()
        out = tmp_path / "forced.pdf"
        page.ask_save_path = lambda title, suggested: str(out)  # type: ignore[method-assign]
        page.save_batch()  # even called directly (a shortcut), nothing happens
        assert not out.exists() and page.banner.kind == "error"
        # acknowledged: printing goes ahead, everyone is in the PDF
        qtbot.mouseClick(b.ack_box, Qt.MouseButton.LeftButton, pos=_inside())
        assert b.ack_box.isChecked() and b.save_button.isEnabled()
        click_and_wait(qtbot, page, b.save_button, "issued")
        assert len(PdfReader(str(out)).pages) == len(listed_names(page))
        assert "钱" in squeeze(pdf_text(out))
        quiet(qtbot, page)
    finally:
        worker.shutdown()


def test_changing_overlay_offsets_moves_the_printed_fields_in_the_preview(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    stock = page.layout_combo.findData("stock-landscape")
    assert stock >= 0
    page.layout_combo.setCurrentIndex(stock)
    settle(qtbot, page)
    assert page.overlay and page.stock_box.isVisible()
    dpi = 60
    left0, top0, right0, bottom0, n0 = dark_box(preview_image(page, dpi))
    assert n0 > 500  # the name, award, date, number and QR are drawn in dark ink
    page.tabs.setCurrentWidget(page.calibration)
    dx = page.calibration.dx
    dx.selectAll()
    qtbot.keyClicks(dx, "10")  # 10 mm to the right, typed like a person
    dy = page.calibration.dy
    dy.selectAll()
    qtbot.keyClicks(dy, "-5")  # 5 mm up
    assert page.calibration.offsets() == (10.0, -5.0)
    settle(qtbot, page)
    left1, top1, right1, bottom1, n1 = dark_box(preview_image(page, dpi))
    px = dpi / MM_PER_INCH
    for before, after, mm in ((left0, left1, 10), (right0, right1, 10), (top0, top1, -5),
                              (bottom0, bottom1, -5)):  # fmt: skip
        assert abs((after - before) - mm * px) <= 1.5
    assert abs(n1 - n0) < n0 * 0.05  # the same fields, only moved
    # changes that come together render once (the debounce), showing the last values
    renders = page.preview.renders
    for v in (1.0, 2.0, 3.0, 4.0):
        page.calibration.dx.setValue(v)
    settle(qtbot, page)
    assert page.preview.renders == renders + 1
    left2 = dark_box(preview_image(page, dpi))[0]
    assert abs((left2 - left0) - 4 * px) <= 1.5
    assert "未保存" in page.offsets_label.text()


def test_saved_offsets_belong_to_the_printer_and_come_back(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    page = open_page(qtbot, make_ctx("chief"))
    page.printer_combo.setEditText("")
    qtbot.keyClicks(page.printer_combo.lineEdit(), "Office HP M403")
    page.calibration.dx.setValue(1.5)
    page.calibration.dy.setValue(-2.0)
    click_and_wait(qtbot, page, page.calibration.save_button, "offsets")
    assert certs.printer_offsets(ev.db, "Office HP M403") == (1.5, -2.0)
    assert page.calibration.state_label.text() == "已保存。"
    # another printer starts at zero; back to the first, its offsets return
    page.printer_combo.setEditText("另一台")
    assert page.calibration.offsets() == (0.0, 0.0)
    page.printer_combo.setEditText("Office HP M403")
    assert page.calibration.offsets() == (1.5, -2.0)
    # the calibration page carries the printer and its offsets
    out = tmp_path / "cal.pdf"
    page.ask_save_path = lambda title, suggested: str(out)  # type: ignore[method-assign]
    click_and_wait(qtbot, page, page.calibration.save_pdf_button, "calibration")
    text = squeeze(pdf_text(out))
    assert "证书套打校准页" in text and "OfficeHPM403" in text
    assert "X+1.5" in text and "Y-2.0" in text.replace("−", "-")
    # a fresh page (the next day) finds the saved profile
    page2 = open_page(qtbot, make_ctx("admin"))
    page2.printer_combo.setEditText("Office HP M403")
    assert page2.calibration.offsets() == (1.5, -2.0)


def test_printing_sends_every_page_at_actual_size_and_the_printed_qr_verifies(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    names = listed_names(page)
    printed = tmp_path / "printer-output.pdf"
    orientations: list[str] = []

    def choose(orientation: str, title: str) -> QPrinter:
        orientations.append(orientation)
        return pdf_printer(printed)  # left in portrait: the page sets the certificate's own

    page.choose_printer = choose  # type: ignore[method-assign]
    click_and_wait(qtbot, page, page.batch.print_button, "printed")
    assert orientations == ["landscape"]
    assert page.last_pages_printed == len(names)
    reader = PdfReader(str(printed))
    assert len(reader.pages) == len(names)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    # the first printed page's QR, read back by a real decoder, verifies as genuine
    image = page_image(printed, dpi=200, page=0)
    from PySide6.QtGui import QImage

    found = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
    texts = [r.text for r in found if r.text.startswith("KMC1")]
    assert len(texts) == 1
    result = certs.verify(ev.db, texts[0])
    assert result.status == "valid" and result.record is not None
    assert result.record.name == names[0]
    # recorded, logged, and the temporary PDF is gone
    assert "已发送到打印机" in page.banner.text()
    settle(qtbot, page)
    qtbot.waitUntil(lambda: page.log.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.log.model.text(0, page.log.model.COUNT) == str(len(names))
    from ui.certificates.jobs import print_folder

    assert list(print_folder().glob("*.pdf")) == []


def test_a_reprint_is_marked_logged_with_its_reason_and_keeps_the_number(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    ev.lock()
    chief = ev.login("chief")
    first = certs.issue_certificates(
        ev.db, chief, certs.plan_batch(ev.db, chief, ev.event_id), tmp_path / "batch.pdf"
    )
    page = open_page(qtbot, make_ctx("chief"))
    qtbot.waitUntil(
        lambda: page.issued.model.rowCount() == len(first.certificates), timeout=WAIT_MS
    )
    target = first.certificates[1]
    page.tabs.setCurrentWidget(page.issued)
    assert page.issued.select_number(target.number)
    assert page.issued.reprint_button.isEnabled()
    out = tmp_path / "reprint.pdf"
    page.ask_reason = lambda *a, **k: ("证书遗失", "pdf")  # type: ignore[method-assign]
    page.ask_save_path = lambda title, suggested: str(out)  # type: ignore[method-assign]
    click_and_wait(qtbot, page, page.issued.reprint_button, "reprinted")
    text = squeeze(pdf_text(out))
    assert "补发" in text and target.name in text and target.number in text
    assert len(PdfReader(str(out)).pages) == 1
    settle(qtbot, page)
    log = page.log.model
    qtbot.waitUntil(lambda: log.rowCount() == 2, timeout=WAIT_MS)
    assert log.text(0, log.KIND) == "补发"  # newest first
    assert log.text(0, log.NUMBER) == target.number and log.text(0, log.REASON) == "证书遗失"
    assert "其中补发 1 张" in page.log.total_label.text()
    row = next(r for r in page.issued.model.rows if r.number == target.number)
    assert row.printed == 2


def test_an_unlocked_event_shows_why_and_enables_no_issue_button(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    page = open_page(qtbot, make_ctx("chief"))
    assert page.lock_state == "unlocked"
    text = page.lock_banner.text()
    assert "尚未锁定" in text and "裁判长" in text and "锁定" in text
    assert page.chief_button.isVisible()  # the chief judge can go and lock
    with qtbot.waitSignal(page.navigate) as sig:
        page.chief_button.click()
    assert sig.args == ["chief"]
    for b in (page.batch.save_button, page.batch.print_button, page.issued.reprint_button):
        assert not b.isEnabled()
    assert page.batch.model.rowCount() == 0
    # layout choice and calibration still work before the lock: the sample preview renders
    assert page.preview.renders > 0 and page.preview_title.text() == "预览：示例证书"
    # once locked, the page (shown again) offers the batch
    ev.lock()
    page.hide()
    with qtbot.waitSignal(page.done, timeout=WAIT_MS, check_params_cb=lambda w: w == "planned"):
        page.show()
    assert page.lock_state == "locked" and page.batch.save_button.isEnabled()


def test_the_admin_sees_no_lock_button_and_others_do_not_see_the_page(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    page = open_page(qtbot, make_ctx("admin"))
    assert page.lock_state == "unlocked" and not page.chief_button.isVisible()
    keys = {s.key for s in pages_for(ev.login("admin"))}
    assert {"certificates", "verify"} <= keys
    for user, role in (("judge1", "judge"), ("reg", "registrar")):
        if user == "reg":
            from kmjudge import accounts

            accounts.create_user(ev.db, ev.admin, "reg", "检录员", [role], "2580")
        keys = {s.key for s in pages_for(ev.login(user))}
        assert "certificates" not in keys and "verify" in keys


@pytest.mark.parametrize("layout", ["portrait", "landscape"])
def test_the_preview_follows_the_layout_choice(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, layout: str
) -> None:
    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    page.layout_combo.setCurrentIndex(page.layout_combo.findData(layout))
    settle(qtbot, page)
    image = preview_image(page, dpi=20)
    assert (image.width() < image.height()) == (layout == "portrait")
    assert certs.get_settings(ev.db).layout == layout  # remembered as the default


def red_lines(
    image: QImage, box_mm: tuple[float, float, float, float], dpi: int
) -> tuple[float, float]:
    """Where the calibration cross's red vertical and horizontal lines are (mm from the
    top-left corner), looking only inside ``box_mm`` (x0, y0, x1, y1)."""
    px = dpi / MM_PER_INCH
    x0, y0, x1, y1 = (round(v * px) for v in box_mm)
    cols: dict[int, int] = {}
    rows: dict[int, int] = {}
    for y in range(y0, y1):
        for x in range(x0, x1):
            c = image.pixelColor(x, y)
            if c.red() > 150 and c.green() < 110 and c.blue() < 110:
                cols[x] = cols.get(x, 0) + 1
                rows[y] = rows.get(y, 0) + 1
    return (max(cols, key=lambda k: cols[k]) / px, max(rows, key=lambda k: rows[k]) / px)


def test_the_printed_calibration_page_is_actual_size_and_carries_the_offsets(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    """Printed through QPrinter (PDF output), the top-left cross lands 30 mm from the paper's
    edges plus the printer's offsets: no scaling, no margins."""
    page = open_page(qtbot, make_ctx("chief"))
    page.tabs.setCurrentWidget(page.calibration)
    page.calibration.dx.setValue(5.0)
    page.calibration.dy.setValue(3.0)
    printed = tmp_path / "calibration-printed.pdf"
    page.choose_printer = lambda orientation, title: pdf_printer(printed, 150)  # type: ignore[method-assign]
    click_and_wait(qtbot, page, page.calibration.print_button, "calibration")
    reader = PdfReader(str(printed))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    dpi = 100
    image = page_image(printed, dpi=dpi)
    x_mm, y_mm = red_lines(image, (20, 20, 50, 50), dpi)
    assert abs(x_mm - 35.0) < 0.6 and abs(y_mm - 33.0) < 0.6
    assert "十字" in page.banner.text()
