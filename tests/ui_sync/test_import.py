"""The import tab at the city office: packages are inspected and listed, a new laptop is
trusted only after its fingerprint is typed in, and every refusal writes nothing."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kmjudge import sync
from kmjudge.accounts import Actor
from kmjudge.db.models import CheckIn, Contestant, Registration, Score
from tests.sync.venues import Venue
from ui.context import AppContext
from ui.sync import import_panel as ip
from ui.sync.exchange_page import ExchangePage
from ui.sync.import_panel import ImportPanel
from ui.sync.trust_dialog import TrustDialog

from .conftest import WAIT_MS, City, row_count, table_dump
from .test_export import export_from_page

MakeCtx = Callable[..., AppContext]


def _page(qtbot: QtBot, ctx: AppContext) -> ExchangePage:
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.tabs.setCurrentWidget(page.import_panel)
    return page


def choose(qtbot: QtBot, panel: ImportPanel, monkeypatch: pytest.MonkeyPatch, *files: Path) -> None:
    """Press "Choose package files…" and pick ``files`` in the (replaced) file dialog."""
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(f) for f in files], "")),
    )
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not panel.running and {i.path for i in panel.items} >= set(files),
        timeout=WAIT_MS,
    )


def start_import(qtbot: QtBot, panel: ImportPanel) -> None:
    assert panel.import_button.isEnabled()
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)


def wait_dialog(qtbot: QtBot, panel: ImportPanel) -> TrustDialog:
    qtbot.waitUntil(lambda: panel.trust_dialog is not None, timeout=WAIT_MS)
    dialog = panel.trust_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def wait_done(qtbot: QtBot, panel: ImportPanel) -> None:
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT_MS)


def confirm(qtbot: QtBot, dialog: TrustDialog, fingerprint: str) -> None:
    qtbot.keyClicks(dialog.field, fingerprint.lower())  # read aloud: case does not matter
    assert dialog.trust_button.isEnabled()
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)


def shown_counts(panel: ImportPanel, row: int = 0) -> dict[str, list[int]]:
    """The per-table counts in the details pane: label -> [added, updated, unchanged, ...]."""
    panel.table.selectRow(row)
    out = {}
    for line in panel.details.toPlainText().splitlines():
        m = re.match(r"\s+(.+?): (\d+) / (\d+) / (\d+) / (\d+) / (\d+) / (\d+)$", line)
        if m:
            out[m.group(1)] = [int(x) for x in m.groups()[1:]]
    return out


def test_venue_exports_on_the_page_and_the_city_imports_it_after_comparing_the_fingerprint(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Venue A exports from its page; at the city the file is inspected (new device); the
    fingerprint dialog appears; Cancel writes nothing; a wrong fingerprint cannot be
    confirmed; the right one imports, and the counts shown are what the database holds."""
    wuhua = venue("wuhua")
    vpage = ExchangePage(make_ctx(wuhua.db, wuhua.admin))
    qtbot.addWidget(vpage)
    qtbot.waitUntil(lambda: vpage.export_panel.events_list.count() > 0, timeout=WAIT_MS)
    package = export_from_page(qtbot, vpage.export_panel, tmp_path / "usb").path

    page = _page(qtbot, make_ctx(city.db, city.city))
    panel = page.import_panel
    before = table_dump(city.db)
    choose(qtbot, panel, monkeypatch, package)
    row = panel.model.rows[0].cells
    assert row[1] == "五华赛点笔记本" and row[2] == wuhua.db.device.fingerprint
    assert row[3] == "新设备"  # not trusted yet
    assert "核对指纹" in row[6]
    assert "五华赛点笔记本" in panel.banner.text()

    # 1. cancel: nothing is written
    start_import(qtbot, panel)
    dialog = wait_dialog(qtbot, panel)
    assert dialog.shown.text() == wuhua.db.device.fingerprint
    assert not dialog.trust_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, panel)
    assert panel.items[0].state == ip.NOT_TRUSTED
    assert "未确认" in panel.result_texts()[0]
    assert table_dump(city.db) == before

    # 2. choose it again; a wrong fingerprint cannot be confirmed
    choose(qtbot, panel, monkeypatch, package)
    start_import(qtbot, panel)
    dialog = wait_dialog(qtbot, panel)
    wrong = "0000 1111 2222 3333"
    qtbot.keyClicks(dialog.field, wrong)
    assert not dialog.trust_button.isEnabled()
    assert dialog.banner.kind == "error" and "不一致" in dialog.banner.text()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # Enter does not get round it
    assert dialog.isVisible()
    dialog.field.clear()
    confirm(qtbot, dialog, wuhua.db.device.fingerprint)
    wait_done(qtbot, panel)
    item = panel.items[0]
    assert item.state == ip.IMPORTED, item.message
    assert "已导入" in panel.result_texts()[0]
    assert panel.model.rows[0].cells[3] == "是（本次确认）"
    assert panel.banner.kind in ("success", "warning")

    # The counts shown are what the database now holds (the city had no contestants).
    counts = shown_counts(panel)
    assert counts["选手"][0] == row_count(city.db, Contestant) == 8
    assert counts["报名"][0] == row_count(city.db, Registration)
    assert counts["检录"][0] == row_count(city.db, CheckIn) == 7
    assert counts["评分"][0] == row_count(city.db, Score) > 0
    added = sum(c[0] for c in counts.values())
    assert f"新增 {added} 条" in panel.result_texts()[0]

    # the device is trusted now, on the devices tab
    devices = page.devices_panel
    qtbot.waitUntil(
        lambda: any(
            r.cells[0] == "五华赛点笔记本" and r.cells[2] == "是" for r in devices.model.rows
        ),
        timeout=WAIT_MS,
    )


def _trusted_import(city: City, path: Path, fingerprint: str) -> None:
    sync.import_package(city.db, city.admin, path, fingerprint)


def test_importing_the_same_package_again_says_nothing_changed(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A package imported before is reported as such, no fingerprint is asked, and the
    database does not change by one row."""
    wuhua = venue("wuhua")
    res = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    _trusted_import(city, res.path, res.fingerprint)
    before = table_dump(city.db)
    page = _page(qtbot, make_ctx(city.db, city.city))
    panel = page.import_panel
    choose(qtbot, panel, monkeypatch, res.path)
    assert panel.model.rows[0].cells[3] == "是"
    start_import(qtbot, panel)
    wait_done(qtbot, panel)
    assert panel.trust_dialog is None
    assert panel.items[0].state == ip.DUPLICATE
    assert panel.result_texts()[0] == "此前已导入：没有任何改动。"
    assert "1 个此前已导入" in panel.banner.text()
    assert table_dump(city.db) == before


def test_a_tampered_copy_is_refused_without_asking_and_writes_nothing(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One byte changed in the middle of the file: the package is refused with a message,
    no fingerprint dialog appears (a forged package must not be "trusted"), nothing is
    written; the untouched original still imports."""
    wuhua = venue("wuhua")
    res = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    bad = tmp_path / "copy" / res.path.name
    bad.parent.mkdir()
    shutil.copy(res.path, bad)
    data = bytearray(bad.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    before = table_dump(city.db)

    page = _page(qtbot, make_ctx(city.db, city.city))
    panel = page.import_panel
    choose(qtbot, panel, monkeypatch, bad)
    assert panel.model.rows[0].color == "#a61b1b"  # red before anything is done
    if panel.import_button.isEnabled():
        start_import(qtbot, panel)
        wait_done(qtbot, panel)
    assert panel.trust_dialog is None
    text = panel.result_texts()[0]
    assert "拒绝" in text or "不是数据包" in text, text
    assert "哈希" in text or "SHA-256" in text or "损坏" in text or "签名" in text, text
    assert table_dump(city.db) == before


def test_a_gap_in_the_sequence_is_refused_naming_the_missing_package(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Packages 1 and 3 of a laptop, without 2: no. 1 imports, no. 3 is refused with a
    message naming no. 2, and nothing of no. 3 is written."""
    wuhua = venue("wuhua")
    first = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb1")
    sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb2")
    third = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb3")
    assert (first.seq, third.seq) == (1, 3) and not third.full
    page = _page(qtbot, make_ctx(city.db, city.city))
    panel = page.import_panel
    choose(qtbot, panel, monkeypatch, third.path, first.path)
    # listed in sequence order, whatever order they were picked in
    assert [i.path for i in panel.items] == [first.path, third.path]
    start_import(qtbot, panel)
    confirm(qtbot, wait_dialog(qtbot, panel), first.fingerprint)
    qtbot.waitUntil(lambda: panel.items[0].state == ip.IMPORTED, timeout=WAIT_MS)
    wait_done(qtbot, panel)
    after_first = table_dump(city.db)
    assert panel.items[1].state == ip.REFUSED
    text = panel.result_texts()[1]
    assert "2" in re.findall(r"\d+", text.split("缺少")[1])[0:1], text
    assert "未写入" in text
    assert "1 个已导入" in panel.banner.text() and "1 个被拒绝" in panel.banner.text()
    assert panel.banner.kind == "error"
    assert table_dump(city.db) == after_first


def test_an_untrusted_device_is_asked_for_again(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stop trusting a laptop on the devices tab (with a reason): its next package needs the
    fingerprint compared again; cancelling writes nothing."""
    wuhua = venue("wuhua")
    first = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb1")
    _trusted_import(city, first.path, first.fingerprint)
    page = _page(qtbot, make_ctx(city.db, city.city))
    devices = page.devices_panel
    qtbot.waitUntil(lambda: devices.model.rowCount() >= 2, timeout=WAIT_MS)
    assert devices.select_device(wuhua.db.device.id)
    assert not devices.untrust_button.isEnabled()  # a reason first
    qtbot.keyClicks(devices.reason, "laptop lost")
    qtbot.mouseClick(devices.untrust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            r.cells[0] == "五华赛点笔记本" and r.cells[2] == "否" for r in devices.model.rows
        ),
        timeout=WAIT_MS,
    )
    second = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb2")
    before = table_dump(city.db)
    panel = page.import_panel
    choose(qtbot, panel, monkeypatch, second.path)
    start_import(qtbot, panel)
    dialog = wait_dialog(qtbot, panel)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, panel)
    assert panel.items[0].state == ip.NOT_TRUSTED
    assert table_dump(city.db) == before


def test_a_registrar_sees_no_exchange_page_and_the_chief_judge_can_exchange(
    city: City, make_ctx: MakeCtx, qtbot: QtBot
) -> None:
    """The page is for the administrator, the chief judge and the city office. The chief
    judge's laptop collects the judges' laptops' packages and sends the venue's on, so the
    chief may import and export."""
    from ui.mainwindow import PAGES

    spec = next(p for p in PAGES if p.key == "exchange")
    reg = _actor(city, "reg", "registrar")
    chief = _actor(city, "chief", "chief")
    assert not spec.visible_to(reg) and spec.visible_to(chief)
    assert spec.visible_to(city.city) and spec.visible_to(city.admin)
    page = _page(qtbot, make_ctx(city.db, chief))
    assert page.import_panel.allowed
    assert page.export_panel.export_button.isEnabled()


def _actor(city: City, username: str, role: str) -> Actor:
    from kmjudge import accounts

    accounts.create_user(city.db, city.admin, username, username, [role], "2580")
    return accounts.login(city.db, username, "2580")
