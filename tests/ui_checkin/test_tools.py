"""The desk's tools: tickets PDF (batch, cancel, reprint), station draw, webcam decoding,
scanner self-test. PDFs are read back with pypdf; QR images are decoded by zxing-cpp."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
import qrcode
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kmjudge import checkin
from kmjudge.checkin import VerdictKind
from ui.checkin.camera import CameraScanner, decode_qr
from ui.checkin.selftest import SELFTEST_TEXT
from ui.context import AppContext

from . import scanner
from .conftest import WAIT_MS, Desk, Keep
from .helpers import open_page, wait_verdict

K = VerdictKind


def qr_image(text: str, box: int = 6) -> QImage:
    """A QR code as the camera would deliver a frame: rendered by the qrcode library."""
    buf = io.BytesIO()
    qrcode.make(text, box_size=box, border=4).save(buf, format="PNG")
    image = QImage.fromData(buf.getvalue())
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_RGB32)


def test_tickets_pdf_for_the_demo_event_has_the_expected_pages(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """打印准考证, 6 per page: 60 contestants make a 10-page PDF (read back with pypdf); the
    progress bar ran to 60 and the dialog says where the file is."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    dialog = page.open_tickets()
    assert dialog is not None and not dialog.isModal()
    target = tmp_path / "准考证.pdf"
    dialog.path_edit.setText(str(target))
    assert dialog.per_page == 6
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_pdf is not None, timeout=60_000)
    assert target.exists()
    assert len(PdfReader(target).pages) == 10
    assert dialog.result_pdf is not None and dialog.result_pdf.tickets == 60
    said = dialog.banner.text()
    assert "60 张" in said and "10 页" in said and target.name in said and str(tmp_path) in said
    assert dialog.progress is not None and dialog.progress.done == 60


def test_four_per_page_gives_fifteen_pages(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """The layout choice reaches the core: 4 per page makes 15 pages for 60 tickets."""
    page = open_page(qtbot, keep, make_ctx("admin"))
    dialog = page.open_tickets()
    assert dialog is not None
    target = tmp_path / "four.pdf"
    dialog.path_edit.setText(str(target))
    dialog.per_page_buttons[4].setChecked(True)
    assert dialog.generate()
    qtbot.waitUntil(lambda: dialog.result_pdf is not None, timeout=60_000)
    assert len(PdfReader(target).pages) == 15


def test_cancelling_the_tickets_pdf_leaves_no_file(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """取消生成 right after starting: the dialog says nothing was written, and there is no
    file (not even a partial one) in the folder."""
    page = open_page(qtbot, keep, make_ctx("registrar"))
    dialog = page.open_tickets()
    assert dialog is not None
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "准考证.pdf"
    dialog.path_edit.setText(str(target))
    assert dialog.generate()
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.banner.text() == "已取消，未生成文件。"
    assert not target.exists()
    assert list(folder.iterdir()) == []


def test_reprinting_one_ticket_revokes_the_old_one(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """补发 from the look-up (with a reason): a one-page PDF whose QR is a new token; the old
    ticket now scans as 准考证已作废 (red) and the new one checks in."""
    from .pdftools import qr_texts

    page = open_page(qtbot, keep, make_ctx("registrar"))
    page.tabs.setCurrentWidget(page.lookup)
    qtbot.waitUntil(lambda: page.lookup.model.total == 60, timeout=WAIT_MS)
    person = desk.reg(13)
    qtbot.keyClicks(page.lookup.search, person.ticket_no)
    qtbot.waitUntil(lambda: page.lookup.selected() is not None, timeout=WAIT_MS)
    assert page.lookup.request("reprint")
    dialog = page.tickets_dialog
    assert dialog is not None and dialog.person == person and dialog.per_page == 1
    target = tmp_path / "补发.pdf"
    dialog.path_edit.setText(str(target))
    assert not dialog.generate()  # no reason yet
    assert dialog.banner.text() == "请填写补发原因。"
    dialog.reason.setCurrentIndex(0)
    assert dialog.generate()
    qtbot.waitUntil(lambda: dialog.result_pdf is not None, timeout=60_000)
    assert len(PdfReader(target).pages) == 1
    (new_token,) = qr_texts(target, tmp_path)
    assert new_token != desk.token(13)

    scanner.scan(page.scan, desk.token(13))
    wait_verdict(qtbot, page, K.REVOKED)
    assert page.verdict.look == "refused" and "作废" in page.verdict.texts()["headline"]
    scanner.scan(page.scan, new_token)
    wait_verdict(qtbot, page, K.VALID, person.name)


def test_batch_station_draw_and_the_printable_draw_list(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """With drawing at check-in switched off (by the administrator, in the draw dialog), two
    check-ins get no station (the panel says 未分配); 为已检录但无工位的选手抽签 gives both distinct
    stations; the draw list PDF is written and lists them."""
    page = open_page(qtbot, keep, make_ctx("admin"))
    dialog = page.open_draw()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.at_checkin.isChecked(), timeout=WAIT_MS)
    dialog.at_checkin.setChecked(False)
    dialog.save_settings()
    qtbot.waitUntil(lambda: dialog.banner.kind == "success", timeout=WAIT_MS)
    assert not checkin.get_settings(desk.db, desk.event_id).draw_at_checkin

    for i in (14, 15):
        scanner.scan(page.scan, desk.token(i))
        wait_verdict(qtbot, page, K.VALID, desk.reg(i).name)
        assert page.verdict.texts()["station"] == "未分配"
    qtbot.mouseClick(dialog.draw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=WAIT_MS)
    assert dialog.last_result is not None and len(dialog.last_result.drawn) == 2
    stations = {d.station_no for d in dialog.last_result.drawn}
    assert len(stations) == 2
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT_MS)
    assert {row[0] for row in dialog.model.texts()} == {str(s) for s in stations}

    pdf = tmp_path / "抽签表.pdf"
    assert dialog.save_pdf(str(pdf))
    qtbot.waitUntil(lambda: dialog.last_pdf is not None, timeout=WAIT_MS)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "工位抽签表" in text and desk.reg(14).ticket_no in text


def test_the_webcam_option_is_hidden_without_a_camera(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """Offscreen there is no camera (QMediaDevices.videoInputs() is empty): the webcam
    switch is not offered, and the tools tab shows the rest."""
    from PySide6.QtMultimedia import QMediaDevices

    assert QMediaDevices.videoInputs() == []
    page = open_page(qtbot, keep, make_ctx())
    page.tabs.setCurrentIndex(2)
    assert not page.tools.camera.isVisible()
    assert not page.tools.camera.switch.isVisibleTo(page)
    assert page.tools.selftest_button.isVisible()


def test_a_camera_frame_with_a_ticket_checks_the_contestant_in(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A frame holding a real ticket's QR (rendered by the qrcode library) fed to the frame
    handler is decoded on the pool and checks the contestant in; the same frame again at once
    is not decoded again (throttle), and the same code seen again is not reported twice."""
    page = open_page(qtbot, keep, make_ctx())
    token = desk.token(16)
    image = qr_image(token)
    assert decode_qr(image) == [token]
    cam: CameraScanner = page.tools.camera.scanner
    seen: list[str] = []
    cam.decoded.connect(seen.append)
    assert cam.handle_image(image)
    assert not cam.handle_image(image)  # a decode is running: this frame is dropped
    wait_verdict(qtbot, page, K.VALID, desk.reg(16).name)
    assert desk.status(16) == "checked_in"
    qtbot.wait(250)
    assert cam.handle_image(image)
    qtbot.waitUntil(lambda: not cam._busy, timeout=WAIT_MS)
    assert seen == [token]
    assert desk.counts().scans == 1


def test_scanner_self_test_reports_characters_timing_enter_and_controls(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """The self-test window (not modal) keeps its own keys: a good scanner (upper case, Enter)
    is reported as working; a lower-case one with STX and no Enter is still accepted, with the
    pause, the removed STX and the timing shown; a wrong keyboard layout (Z typed as Y) is
    reported with the first wrong character. The desk's counters never moved."""
    page = open_page(qtbot, keep, make_ctx())
    dialog = page.open_selftest()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert not dialog.isModal()
    assert dialog.qr.matrix and len(dialog.qr.matrix) == 41  # version 6, like a ticket

    scanner.scan(dialog.field, SELFTEST_TEXT)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    r = dialog.report
    assert r is not None and r.exact and r.ended_by == "enter" and r.length == 150
    assert "完全一致" in dialog.rows["content"].text()
    assert "回车" in dialog.rows["ending"].text()
    assert "毫秒" in dialog.rows["timing"].text()
    assert "正常" in dialog.verdict.text()

    dialog.clear()
    scanner.scan(dialog.field, SELFTEST_TEXT.lower(), enter=False, prefix=scanner.STX)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    r = dialog.report
    assert r is not None and r.matches and not r.exact and r.ended_by == "pause"
    assert r.stripped == (0x02,)
    assert "STX" in dialog.rows["controls"].text()
    assert "小写" in dialog.rows["content"].text()
    assert "停顿" in dialog.rows["ending"].text()

    dialog.clear()
    scanner.scan(dialog.field, SELFTEST_TEXT.replace("Z", "Y"))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    r = dialog.report
    z = SELFTEST_TEXT.index("Z")
    assert r is not None and not r.matches and r.first_difference == z
    assert f"第 {z + 1} 个字符" in dialog.rows["content"].text()
    assert "不正确" in dialog.verdict.text()
    assert page.verdict.verdict is None and desk.counts().scans == 0
    dialog.close()


def test_the_webcam_option_appears_when_a_camera_is_plugged_in(
    qtbot: QtBot,
    keep: Keep,
    desk: Desk,
    make_ctx: Callable[..., AppContext],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the edge of the machine (no real camera here): when Qt reports a camera, the
    switch is offered with its name; when it is unplugged again, the option goes away."""
    import ui.checkin.camera as camera_mod

    class FakeCamera:
        def description(self) -> str:
            return "USB2.0 HD UVC WebCam"

    page = open_page(qtbot, keep, make_ctx())
    page.tabs.setCurrentIndex(2)
    assert not page.tools.camera.isVisible()
    monkeypatch.setattr(camera_mod, "video_inputs", lambda: [FakeCamera()])
    assert page.tools.camera.refresh_devices()
    assert page.tools.camera.isVisible() and page.tools.camera.switch.isVisible()
    assert page.tools.camera.devices.itemText(0) == "USB2.0 HD UVC WebCam"
    monkeypatch.setattr(camera_mod, "video_inputs", lambda: [])
    assert not page.tools.camera.refresh_devices()
    assert not page.tools.camera.isVisible()
