"""The issue's "done when", on the screens: three venues export onto one stick, the city office
picks all three packages at once (in any order), confirms each new laptop's fingerprint,
imports them, imports the same stick again (nothing changes), and sees every conflict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmjudge import sync
from kmjudge.db.models import Contestant, Event
from tests.sync.venues import Venue
from ui.context import AppContext
from ui.sync import import_panel as ip
from ui.sync.conflicts_page import ConflictsPage

from .conftest import WAIT_MS, ZHANG, City, row_count, table_dump
from .test_import import _page, choose, confirm, start_import, wait_dialog

MakeCtx = Callable[..., AppContext]


def test_three_venues_imported_in_any_order_twice_with_every_conflict_listed(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path / "usb"
    laptops = {k: venue(k) for k in ("guandu", "panlong", "wuhua")}
    files = [sync.export_package(v.db, v.admin, usb).path for v in laptops.values()]
    page = _page(qtbot, make_ctx(city.db, city.city))
    panel = page.import_panel
    choose(qtbot, panel, monkeypatch, *reversed(files))
    assert len(panel.items) == 3
    start_import(qtbot, panel)
    by_fp = {v.db.device.fingerprint: v for v in laptops.values()}
    for _ in range(3):
        dialog = wait_dialog(qtbot, panel)
        assert dialog.fingerprint in by_fp  # each laptop's own fingerprint is shown
        confirm(qtbot, dialog, dialog.fingerprint)
        qtbot.waitUntil(lambda d=dialog: panel.trust_dialog is not d, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT_MS)
    assert [i.state for i in panel.items] == [ip.IMPORTED] * 3, panel.result_texts()
    assert "3 个已导入" in panel.banner.text()
    assert panel.conflicts_button.isVisible()
    assert row_count(city.db, Event) == 3
    # 8 contestants per venue, 李晓敏 at two venues, 张卫东/张卫栋 one ID number at two
    assert row_count(city.db, Contestant) == 8 * 3 - 2

    # The same stick again: nothing changes, nothing is asked.
    snapshot = table_dump(city.db)
    choose(qtbot, panel, monkeypatch, *files)
    start_import(qtbot, panel)
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT_MS)
    assert [i.state for i in panel.items] == [ip.DUPLICATE] * 3
    assert panel.trust_dialog is None
    assert table_dump(city.db) == snapshot

    # Every conflict is on the conflicts screen, the personal-data one with both names.
    with qtbot.waitSignal(page.navigate, timeout=WAIT_MS) as sig:
        panel.conflicts_button.click()
    assert sig.args == ["conflicts"]
    conflicts = ConflictsPage(make_ctx(city.db, city.city))
    qtbot.addWidget(conflicts)
    conflicts.show()
    found = sync.list_conflicts(city.db, city.admin)
    qtbot.waitUntil(lambda: len(conflicts.conflicts) == len(found), timeout=WAIT_MS)
    kinds = sorted(c.kind for c in conflicts.conflicts)
    assert kinds.count(sync.CONFLICT_CHECKIN) == 2 and sync.CONFLICT_CONTESTANT in kinds
    row = next(i for i, c in enumerate(conflicts.conflicts) if c.kind == sync.CONFLICT_CONTESTANT)
    conflicts.table.selectRow(row)
    name = next(r for r in conflicts.compare_texts() if r[0] == "姓名")
    assert sorted(name[1:]) == sorted([ZHANG.name, "张卫栋"])
    assert conflicts.highlighted_fields()[0] == "name"
    assert f"{len(found)} 条待处理" in conflicts.count_label.text()
