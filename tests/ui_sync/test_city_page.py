"""The city office page: after the venues' packages are imported, the year's targets and
training head counts are loaded from files, progress is shown per district (table and bar
chart), results per event and the people lists come from the core, and the report is
written as xlsx and PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kmjudge import sync
from kmjudge.sync import reports
from tests.sync.venues import Venue
from ui.context import AppContext
from ui.sync import city_page
from ui.sync.city_page import CityPage

from .conftest import WAIT_MS, City

MakeCtx = Callable[..., AppContext]
YEAR = 2026  # the venues' competition year (tests/sync/venues.py)

TARGETS = """
year = 2026
[city]
competitions = 20
trades = 40
trained = 10000
[districts."五华区"]
competitions = 4
trades = 10
[districts."盘龙区"]
competitions = 4
trades = 10
[districts."官渡区"]
competitions = 4
trades = 10
[districts."西山区"]
competitions = 4
trades = 10
[districts."呈贡区"]
competitions = 4
trades = 10
[districts."*"]
competitions = 3
trades = 8
"""


def _city_with_venues(city: City, venue: Callable[[str], Venue], usb: Path) -> None:
    for key in ("wuhua", "panlong", "guandu"):
        v = venue(key)
        res = sync.export_package(v.db, v.admin, usb)
        sync.import_package(city.db, city.admin, res.path, res.fingerprint)


def _page(qtbot: QtBot, ctx: AppContext) -> CityPage:
    page = CityPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.year.setValue(YEAR)
    qtbot.waitUntil(lambda: page.progress is not None and not page.loading, timeout=WAIT_MS)
    return page


def _pick(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _reloaded(qtbot: QtBot, page: CityPage, click: object) -> None:
    before = page.progress
    qtbot.mouseClick(click, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.progress is not before and not page.loading, timeout=WAIT_MS)


def _row(page: CityPage, label: str) -> list[str]:
    return next(r.cells for r in page.progress_model.rows if r.cells[0] == label)


def test_targets_and_training_load_from_files_and_progress_is_shown_per_district(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _city_with_venues(city, venue, tmp_path / "usb")
    page = _page(qtbot, make_ctx(city.db, city.city))
    assert page.banner.kind == "info" and "2026" in page.banner.text()  # no targets yet
    assert "3 个竞赛场次" in page.summary.text()

    targets = tmp_path / "2026-targets.toml"
    targets.write_text(TARGETS, encoding="utf-8")
    _pick(monkeypatch, targets)
    _reloaded(qtbot, page, page.targets_button)
    assert "2026" in page.banner.text() and page.banner.kind == "success"
    assert _row(page, "五华区")[1:5] == ["1 / 4", "1 / 10", "0", "尚未达标"]
    assert _row(page, "市级")[1] == "0 / 20" and _row(page, "市级")[3] == "0 / 10,000"
    assert _row(page, "西山区")[1] == "0 / 4"  # a district with a target and no event yet
    assert "五华区职工职业技能竞赛（电工）" in _row(page, "五华区")[5]
    labels = [g.label for g in page.chart.groups]
    assert labels[0] == "市级" and {"五华区", "盘龙区", "官渡区", "西山区", "呈贡区"} <= set(labels)
    city_bars = page.chart.groups[0].bars
    assert [(b.done, b.goal) for b in city_bars] == [(0, 20), (0, 40), (0, 10000)]
    wuhua_bars = next(g for g in page.chart.groups if g.label == "五华区").bars
    assert [(b.done, b.goal, b.met) for b in wuhua_bars] == [(1, 4, False), (1, 10, False)]
    assert page.chart.height() >= page.chart.sizeHint().height() - 1

    sheet = tmp_path / "培训人数.csv"
    sheet.write_text("区县,单位,人数\n五华区,五华区总工会,1200\n盘龙区,盘龙区总工会,800\n", "utf-8")
    _pick(monkeypatch, sheet)
    _reloaded(qtbot, page, page.training_button)
    assert "2,000" in page.banner.text()
    assert _row(page, "市级")[3] == "2,000 / 10,000"
    assert _row(page, "五华区")[3] == "1,200"
    assert "2,000" in page.summary.text()
    _reloaded(qtbot, page, page.training_button)  # the same sheet again
    assert "此前已导入" in page.banner.text()
    assert _row(page, "市级")[3] == "2,000 / 10,000"


def test_a_bad_targets_file_is_refused_naming_the_place_and_nothing_is_stored(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page(qtbot, make_ctx(city.db, city.city))
    bad = tmp_path / "targets.csv"
    bad.write_text("区县,竞赛数,工种数\n全市,20,四十\n", encoding="utf-8")
    _pick(monkeypatch, bad)
    qtbot.mouseClick(page.targets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.kind == "error", timeout=WAIT_MS)
    assert "第 2 行" in page.banner.text() and "工种数" in page.banner.text()
    assert reports.targets(city.db, YEAR) == []


def test_results_lists_and_the_report_files_come_from_the_core(
    qtbot: QtBot,
    venue: Callable[[str], Venue],
    city: City,
    make_ctx: MakeCtx,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The event table and the winners / upgrade / nomination lists show what the core
    computed; "Save as Excel/PDF" write the core's report, read back here."""
    _city_with_venues(city, venue, tmp_path / "usb")
    page = _page(qtbot, make_ctx(city.db, city.city))
    core = reports.year_results(city.db, city.city, YEAR)
    assert page.events_model.rowCount() == len(core.events) == 3
    assert page.events_model.column_texts(0) == [e.event for e in core.events]
    assert page.winners_model.rowCount() == len(core.winners) > 0
    assert page.winners_model.column_texts(2) == [r.name for r in core.winners]
    assert page.upgrades_model.rowCount() == len(core.upgrades)
    assert page.nominations_model.rowCount() == len(core.nominations)
    # open conflicts of the events are counted on the event table
    conflicts = {e.event: e.open_conflicts for e in core.events}
    assert [t or "0" for t in page.events_model.column_texts(8)] == [
        str(conflicts[e]) for e in page.events_model.column_texts(0)
    ]

    xlsx, pdf = tmp_path / "out" / "city.xlsx", tmp_path / "out" / "city.pdf"
    xlsx.parent.mkdir()
    for button, target in ((page.xlsx_button, xlsx), (page.pdf_button, pdf)):
        monkeypatch.setattr(city_page, "ask_save_path", lambda *a, t=target, **k: str(t))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda t=target: page.last_written == t, timeout=WAIT_MS)
        assert page.open_button.isVisible()
    wb = load_workbook(xlsx, read_only=True)
    assert "目标进度" in wb.sheetnames and "各场次" in wb.sheetnames
    wb.close()
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "目标完成情况" in text.replace(" ", "")
    assert core.winners[0].name in text.replace(" ", "")
