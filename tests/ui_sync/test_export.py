"""The export tab: a venue writes a package onto a "USB stick" from the page; the screen shows
the file, its SHA-256 and the device fingerprint, and prints the handover slip."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kmjudge import sync
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from tests.sync.venues import Venue
from ui.certificates.printing import page_image
from ui.context import AppContext
from ui.sync import common
from ui.sync.exchange_page import ExchangePage
from ui.sync.export_panel import ExportPanel

from .conftest import WAIT_MS

MakeCtx = Callable[[Database, Actor], AppContext]


def _page(qtbot: QtBot, ctx: AppContext) -> ExchangePage:
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    panel = page.export_panel
    qtbot.waitUntil(lambda: panel.events_list.count() > 0, timeout=WAIT_MS)
    return page


def click_option(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a radio button or check box on its indicator (a click far right of a short
    label is not a click on the button)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def export_from_page(qtbot: QtBot, panel: ExportPanel, usb: Path) -> sync.ExportResult:
    """Type the stick's folder and press Export, as a person would; wait for the result."""
    before = panel.result
    panel.folder_combo.lineEdit().clear()
    qtbot.keyClicks(panel.folder_combo.lineEdit(), str(usb))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not before and not panel.running, timeout=WAIT_MS)
    assert panel.result is not None
    return panel.result


def test_export_writes_the_package_and_shows_the_hash_of_that_very_file(
    qtbot: QtBot, venue: Callable[[str], Venue], make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """The SHA-256 on screen (grouped for reading aloud) is the SHA-256 of the file on the
    stick, and the fingerprint shown is this laptop's."""
    wuhua = venue("wuhua")
    page = _page(qtbot, make_ctx(wuhua.db, wuhua.admin))
    panel = page.export_panel
    usb = tmp_path / "usb"
    res = export_from_page(qtbot, panel, usb)
    files = list(usb.glob("kmjudge-venue-*.zip"))
    assert files == [res.path]
    shown = panel.result_hash.text()
    assert "\n" in shown and " " in shown  # groups, lines: readable aloud
    assert (
        shown.replace("\n", "").replace(" ", "").lower()
        == hashlib.sha256(files[0].read_bytes()).hexdigest()
    )
    assert panel.result_fp.text() == wuhua.db.device.fingerprint
    assert page.fingerprint.text() == wuhua.db.device.fingerprint
    assert str(files[0]) == panel.result_path.text()
    # what it holds, in Chinese table names
    assert "选手" in panel.result_counts.text() and "评分" in panel.result_counts.text()
    assert panel.result_events.text() == wuhua.spec.district + "职工职业技能竞赛（电工）"
    assert panel.banner.kind == "success"


def test_the_second_export_is_incremental_since_the_first_and_says_so(
    qtbot: QtBot, venue: Callable[[str], Venue], make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """Before any export only a full package is possible; afterwards "since the last export"
    names that package's number and the next package is an incremental no. 2."""
    wuhua = venue("wuhua")
    page = _page(qtbot, make_ctx(wuhua.db, wuhua.admin))
    panel = page.export_panel
    assert not panel.incremental_radio.isEnabled() and panel.full_radio.isChecked()
    first = export_from_page(qtbot, panel, tmp_path / "usb")
    assert first.full and first.seq == 1
    qtbot.waitUntil(lambda: panel.incremental_radio.isEnabled(), timeout=WAIT_MS)
    assert "1" in panel.since_label.text()
    click_option(qtbot, panel.incremental_radio)
    assert panel.incremental_radio.isChecked()
    second = export_from_page(qtbot, panel, tmp_path / "usb")
    assert second.seq == 2 and not second.full
    assert "2" in panel.result_meta.text()
    # the log tab lists both
    qtbot.waitUntil(lambda: page.log_panel.model.rowCount() == 2, timeout=WAIT_MS)


def test_handover_slip_pdf_carries_the_package_hash_and_fingerprint(
    qtbot: QtBot, venue: Callable[[str], Venue], make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """ "Print handover slip" writes the 数据移交单 through the core and previews it; read back,
    the PDF holds the package's SHA-256 and the device fingerprint, and it renders."""
    wuhua = venue("wuhua")
    page = _page(qtbot, make_ctx(wuhua.db, wuhua.admin))
    panel = page.export_panel
    res = export_from_page(qtbot, panel, tmp_path / "usb")
    qtbot.mouseClick(panel.slip_button, Qt.MouseButton.LeftButton)
    dialog = panel.slip_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=WAIT_MS)  # type: ignore[attr-defined]
    pdf = dialog.pdf  # type: ignore[attr-defined]
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    flat = "".join(text.split())
    assert res.sha256 in flat.lower()
    # the screen groups the hash exactly as the slip prints it: line for line
    for line in panel.result_hash.text().splitlines():
        assert line in text, (line, text)
    assert res.fingerprint.replace(" ", "") in flat
    assert "数据移交单" in flat or "数据移交单" in text.replace(" ", "")
    image = page_image(pdf, dpi=50)
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 160
    )
    assert dark > 600  # an A4 page with print on it (a blank page has none)
    assert dialog.doc.pageCount() == 1  # type: ignore[attr-defined]


def test_usb_sticks_are_listed_first_in_the_folder_choice(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Mount points under /media/<user>/ are found, and a plugged-in stick is the default
    target of the export."""
    media = tmp_path / "media"
    stick = media / "kunming" / "KINGSTON"
    stick.mkdir(parents=True)
    (media / "kunming" / "not-mounted").mkdir()
    found = common.removable_drives(
        roots=[str(media)], is_mount=lambda p: p == str(stick), platform="linux"
    )
    assert [d.path for d in found] == [stick]
    monkeypatch.setattr(common, "removable_drives", lambda: found)
    wuhua = venue("wuhua")
    page = _page(qtbot, make_ctx(wuhua.db, wuhua.admin))
    panel = page.export_panel
    assert panel.folder() == stick
    assert "KINGSTON" in panel.folder_combo.currentText()
    res = export_from_page(qtbot, panel, stick)
    assert res.path.parent == stick
