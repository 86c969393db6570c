"""The check-in desk while another laptop holds the database: the registrar reads a plain
Chinese "in use, not saved, try again" on the verdict panel (no crash, no raw driver text,
no modal dialog), and the next scan after the lock is gone checks the contestant in."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmjudge.checkin import VerdictKind
from kmjudge.db import engine as engine_mod
from tests.reliability.test_busy import Holder
from tests.ui_checkin import scanner
from tests.ui_checkin.conftest import (  # noqa: F401 - fixtures used by name
    WAIT_MS,
    Desk,
    Keep,
    chinese_app,
    demo_template,
    desk,
    keep,
    make_ctx,
    worker,
)
from tests.ui_checkin.helpers import no_modal_dialog, open_page, wait_verdict
from ui.context import AppContext

pytestmark = pytest.mark.gui


def test_scan_while_another_laptop_holds_the_database_says_busy_then_works(
    qtbot: QtBot,
    keep: Keep,  # noqa: F811
    desk: Desk,  # noqa: F811
    make_ctx: Callable[..., AppContext],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(qtbot, keep, make_ctx())
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 300)
    desk.db.engine.dispose()  # new connections get the short timeout
    assert desk.db.path is not None
    holder = Holder(desk.db.path, tmp_path / "laptop2", 3)
    scanner.scan(page.scan, desk.token(0))
    qtbot.waitUntil(lambda: "占用" in page.verdict.texts()["message"], timeout=WAIT_MS)
    shown = page.verdict.texts()
    assert "未处理" in shown["headline"] or "未" in shown["headline"], shown
    assert "没有保存" in shown["message"] and "sqlite" not in shown["message"].lower()
    assert no_modal_dialog()
    assert page.scan.text() == ""
    shots = os.environ.get("KMJUDGE_SHOTS")  # a folder: save what the registrar saw
    if shots:
        page.grab().save(str(Path(shots) / "reliability-checkin-busy.png"))
    holder.finish()
    assert desk.status(0) != "checked_in"
    scanner.scan(page.scan, desk.token(0))
    wait_verdict(qtbot, page, VerdictKind.VALID)
    assert desk.status(0) == "checked_in"
