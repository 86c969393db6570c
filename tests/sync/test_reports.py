"""City office roll-ups: targets as data, training head counts, progress per district,
results recomputed per event, the winners / upgrade / nomination lists, xlsx and PDF."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from kmjudge import sync
from kmjudge.errors import ValidationFailed
from kmjudge.sync import reports
from tests.sync.conftest import City, table_dump
from tests.sync.venues import Venue

TARGETS = Path(__file__).parent / "data" / "targets-2020.toml"


@pytest.fixture
def loaded_city(venues: dict[str, Venue], city: City, tmp_path: Path) -> City:
    """The city after importing the three venues, with targets and a training sheet."""
    for v in venues.values():
        p = sync.export_package(v.db, v.admin, tmp_path / "usb")
        sync.import_package(city.db, city.admin, p.path, p.fingerprint)
    year, rows = reports.parse_targets(TARGETS)
    assert year == 2026
    reports.set_targets(city.db, city.admin, year, rows)
    sheet = tmp_path / "培训人数.csv"
    sheet.write_text(
        "年度,区县,单位,工种,培训人数\n"
        "2026,五华区,五华区总工会,电工,3000\n"
        "2026,盘龙区,盘龙区总工会,焊工,2500\n"
        "2026,晋宁区,晋宁区总工会,,500\n",
        "utf-8-sig",
    )
    done = reports.import_training(city.db, city.admin, sheet)
    assert (done.rows, done.people, done.duplicate) == (3, 6000, False)
    assert reports.import_training(city.db, city.admin, sheet).duplicate
    return city


def test_progress_against_the_years_targets(loaded_city: City) -> None:
    prog = reports.progress(loaded_city.db, loaded_city.admin, 2026)
    assert prog.city.target is not None and prog.city.target.trades == 40
    assert prog.trained_total == 6000 and prog.city.trained == 6000
    assert not prog.city.met("trained")
    by = {r.district: r for r in prog.districts}
    assert set(by) >= {"五华区", "盘龙区", "官渡区", "西山区", "呈贡区", "晋宁区"}
    wuhua = by["五华区"]
    assert (wuhua.competitions, wuhua.trades, wuhua.trained) == (1, 1, 3000)
    assert wuhua.target is not None and (wuhua.target.competitions, wuhua.target.trades) == (4, 10)
    assert wuhua.trade_names == ["电工"] and wuhua.met("trades") is False
    assert by["官渡区"].trade_names == ["钳工"]
    jinning = by["晋宁区"]  # not named in the notice: the "others" target
    assert jinning.target is not None and (jinning.target.competitions, jinning.target.trades) == (
        3,
        8,
    )
    assert by["西山区"].competitions == 0


def test_lists_follow_the_venues_results(loaded_city: City, venues: dict[str, Venue]) -> None:
    res = reports.year_results(loaded_city.db, loaded_city.admin, 2026)
    assert len(res.events) == 3 and all(e.status == "未锁定（暂定）" for e in res.events)
    expected = 0
    for v in venues.values():
        expected += sum(1 for r in v.results() if r[7] in ("first", "second", "third"))
    assert len(res.winners) == expected > 0
    assert all(w.award in ("一等奖", "二等奖", "三等奖") and w.name for w in res.winners)
    assert res.nominations == []  # no city-level event among the three
    assert {e.open_conflicts for e in res.events} <= {0, 1, 2}


def test_xlsx_and_pdf_reports(loaded_city: City, tmp_path: Path) -> None:
    xlsx = reports.report_xlsx(loaded_city.db, loaded_city.admin, 2026, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [
        "目标进度",
        "各场次",
        "获奖名单",
        "晋升职业资格等级",
        "推荐人选",
        "培训人数",
    ]
    ws = wb["目标进度"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["市级"][5] == 40 and rows["五华区"][4] == 1 and rows["五华区"][7] == 3000
    assert len(ws._charts) == 1
    pdf = reports.report_pdf(loaded_city.db, loaded_city.admin, 2026, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "目标完成情况" in text and "五华区" in text and "获奖名单" in text
    assert "6,000" in text
    out = subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
        capture_output=True,
    )
    assert out.returncode == 0 and list(tmp_path.glob("p-*.png"))


def test_bad_target_and_training_files_are_refused_whole(city: City, tmp_path: Path) -> None:
    bad = tmp_path / "targets.toml"
    bad.write_text('year = 2026\n[city]\ncompetitions = -1\ntrades = "forty"\n', "utf-8")
    with pytest.raises(ValidationFailed) as err:
        reports.parse_targets(bad)
    assert "competitions" in err.value.message_en
    sheet = tmp_path / "t.csv"
    sheet.write_text("年度,区县,人数\n2026,五华区,100\n2026,盘龙区,很多\n", "utf-8")
    before = table_dump(city.db)
    with pytest.raises(ValidationFailed) as err2:
        reports.import_training(city.db, city.admin, sheet)
    assert "第 3 行" in err2.value.message_zh
    assert table_dump(city.db) == before


def test_report_commands(loaded_city: City, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kmjudge.cli import main

    db = loaded_city.db.url
    monkeypatch.setenv("KMJUDGE_USER", "city")
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    assert main(["report", "progress", "--year", "2026", "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["trained_total"] == 6000
    assert main(["report", "lists", "--year", "2026", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"]
    x, p = tmp_path / "c.xlsx", tmp_path / "c.pdf"
    assert (
        main(["report", "write", "--year", "2026", "--xlsx", str(x), "--pdf", str(p), "--db", db])
        == 0
    )
    assert x.exists() and p.exists()
