"""The demo's finished event (``kmjudge/demo_finished.py``) end to end: its results are exactly
docs/scoring.md's example 4, the 公示表 comes out as PDF and xlsx with names only after the
lock, nobody but the chief judge and the admin sees anything before the lock, and the chief
judge can lock and release it straight away.

The demo is built once (``ensure_demo``, as ``python main.py --demo`` does); tests that change
it work on a copy.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from kmjudge import accounts, audit, cli, demo, device, events
from kmjudge.db.engine import Database, open_database
from kmjudge.errors import PermissionDenied
from kmjudge.judging import lock, review
from kmjudge.results import release
from kmjudge.results.engine import compute
from kmjudge.results.load import load_event
from kmjudge.results.model import ResultSet, exact_text
from tests.results.test_worked_examples import check, doc_table

PIN = demo.DEMO_PIN


@dataclass
class Demo:
    path: Path
    home: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = demo.ensure_demo(folder / "demo.sqlite3")
        db.dispose()
    return Demo(folder / "demo.sqlite3", folder / "home")


@pytest.fixture
def venue(built: Demo, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo, opened as the installation that built it."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(built.path, target)
    db = open_database(target, device=device.load_or_create(built.home))
    yield db
    db.dispose()


def _values(vals: tuple[Any, ...]) -> str:
    return " ".join(format(v, "f") for v in sorted(vals))


def _num(v: object) -> str:
    return "" if v is None else str(v)


def _by_key(table: list[dict[str, str]], computed: list[dict[str, str]], *key: str) -> None:
    """Check the document's rows against the computed rows with the same key columns."""
    index = {tuple(c[k] for k in key): c for c in computed}
    check(table, [index[tuple(row[k] for k in key)] for row in table])


def _results(db: Database) -> ResultSet:
    return compute(load_event(db, demo.finished_event(db)).inputs)


def test_demo_results_are_example_4_of_the_scoring_document(venue: Database) -> None:
    """Every number of docs/scoring.md example 4 (aspects by hand, totals, the tie broken by
    practical at the 一等奖 boundary, the shared 6th place at the 二等奖 boundary, the award
    counts, the whole board) is what the engine computes from the demo database."""
    res = _results(venue)
    aspects = [
        {
            "工位": str(r.station),
            "评分项": a.aspect.code,
            "评分方式": a.rule,
            "裁判给分": " ".join(format(m.value, "f") for m in a.marks),
            "计入的分": _values(a.used),
            "去掉的分": _values(a.dropped),
            "合议值": exact_text(a.aggregate) if a.aggregate is not None else "",
            "得分": exact_text(a.mark),
        }
        for r in res.ranked
        for a in r.score.aspects
    ]
    _by_key(doc_table("demo-aspects"), aspects, "工位", "评分项")
    totals = [
        {
            "工位": str(r.station),
            "理论": _num(r.theory),
            "实操（未舍入）": exact_text(r.score.practical) if r.score.practical else "",
            "总成绩（未舍入）": exact_text(r.score.total) if r.score.total else "",
            "总成绩": _num(r.total),
            "名次": str(r.rank),
            "奖项": r.award_zh,
        }
        for r in res.ranked
    ]
    _by_key(doc_table("demo-totals"), totals, "工位")
    (g,) = res.groups
    check(
        doc_table("demo-groups"),
        [
            {
                "排名人数": str(g.ranked),
                "一等奖名额": str(g.places[0]),
                "一二等奖名额": str(g.places[1]),
                "一二三等奖名额": str(g.places[2]),
                "一等奖": str(g.awarded["first"]),
                "二等奖": str(g.awarded["second"]),
                "三等奖": str(g.awarded["third"]),
            }
        ],
    )
    board = [
        {
            "工位": _num(r.station),
            "理论": _num(r.theory),
            "实操": _num(r.practical),
            "总成绩": _num(r.total),
            "名次": str(r.rank) if r.state == "ranked" else r.state_zh,
            "奖项": r.award_zh,
            "称号": r.title,
            "晋升资格": "是" if r.upgrade else "",
        }
        for r in res.rows
    ]
    check(doc_table("demo-board"), board)
    # the same facts literally, in case a formatting slip fooled both sides
    six, eight = res.by_station(6), res.by_station(8)
    assert six.score.total == eight.score.total and str(six.total) == "88.68"
    assert (six.rank, six.award, eight.rank, eight.award) == (2, "first", 3, "second")
    assert six.tie is not None and six.tie.compared == ("practical",) and not six.tie.shared
    seven, fourteen = res.by_station(7), res.by_station(14)
    assert seven.rank == fourteen.rank == 6 and seven.award == fourteen.award == "second"
    assert seven.tie is not None and seven.tie.shared
    assert [r.state for r in res.rows].count("absent") == 2
    assert res.by_station(20).state == "withdrawn" and not res.warnings


def test_demo_marks_are_the_same_in_every_build(built: Demo, tmp_path: Path) -> None:
    """A second, independent build holds the same marks, theory scores and stations (the demo
    is seeded), only new ids."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(tmp_path / "home2"))
        again = demo.ensure_demo(tmp_path / "again.sqlite3")
    first = open_database(built.path, device=device.load_or_create(built.home))
    try:

        def shape(db: Database) -> list[tuple[Any, ...]]:
            inputs = load_event(db, demo.finished_event(db)).inputs
            return sorted(
                (
                    c.station or 0,
                    c.status,
                    c.theory,
                    c.completion_seconds,
                    sorted((code, tuple(ms)) for code, ms in c.marks.items()),
                )
                for c in inputs.contestants
            )

        assert shape(first) == shape(again)
        assert len(shape(first)) == 23
    finally:
        first.dispose()
        again.dispose()


@pytest.mark.parametrize("username", ["judge1", "registrar", "clerk1", "city"])
def test_before_the_lock_nobody_else_gets_the_results(venue: Database, username: str) -> None:
    """Judges, the registrar, a score clerk and the city office are refused by the core."""
    who = accounts.login(venue, username, PIN)
    with pytest.raises(PermissionDenied):
        release.view_results(venue, who, demo.finished_event(venue))
    with pytest.raises(release.NotReleased):
        release.released_results(venue, demo.finished_event(venue))


@pytest.mark.parametrize("username", ["chief", "admin"])
def test_chief_and_admin_see_provisional_results_by_station(venue: Database, username: str) -> None:
    """Before the lock the chief judge and the admin get provisional results without names."""
    view = release.view_results(
        venue, accounts.login(venue, username, PIN), demo.finished_event(venue)
    )
    assert view.stage == "provisional" and not view.names_visible and not view.identities
    assert view.who(view.results.rows[0]) == "13号工位"


def test_the_chief_judge_can_lock_and_release_at_once(venue: Database) -> None:
    """Nothing blocks the lock (marks complete, the spread flag overridden, recheck done);
    after it names appear, and after the release everyone and the big screen see them."""
    chief = accounts.login(venue, "chief", PIN)
    event_id = demo.finished_event(venue)
    assert lock.lock_blockers(venue, chief, event_id) == []
    (flag,) = review.spread_flags(venue, chief, event_id, include_accepted=True)
    assert (flag.station_no, flag.aspect_code, flag.accepted) == (5, "C1.3", True)
    assert (
        flag.reason == "裁判长复看作品：各裁判评分均有依据，维持原评分（去掉最高最低后不影响得分）"
    )
    lock.lock_event(venue, chief, event_id)
    locked = release.view_results(venue, chief, event_id)
    assert locked.stage == "locked" and locked.names_visible
    winner = locked.identity(locked.results.rows[0].key)
    assert winner is not None and winner.name
    release.release(venue, chief, event_id)
    board = release.released_results(venue, event_id)
    assert board.rows[0].name == winner.name and board.rows[0].title == "技术状元"
    judge = release.view_results(venue, accounts.login(venue, "judge1", PIN), event_id)
    assert judge.stage == "released" and judge.names_visible


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code = cli.main([*argv, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    payload: dict[str, Any] = json.loads(out.out)
    return payload


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def _xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        " ".join(str(c) for c in row if c is not None)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def test_cli_writes_the_board_as_pdf_and_xlsx_with_names_only_after_the_lock(
    venue: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kmjudge results`` on the demo's finished event: the 公示表 PDF and xlsx read back with
    station numbers and the provisional warning before the lock, and with the names after it
    (the names are taken from the registrations, so the check cannot pass by accident)."""
    monkeypatch.setenv("KMJUDGE_SECRET", PIN)
    path = str(venue.path)
    event_id = events.find_event(venue, "电工·高级工")
    assert event_id == demo.finished_event(venue)
    loaded = load_event(venue, event_id)
    competing = [
        loaded.identities[c.key].name for c in loaded.inputs.contestants if c.status == "checked_in"
    ]
    assert len(competing) == 20
    out = Path(path).parent
    before_pdf, before_xlsx = out / "before.pdf", out / "before.xlsx"
    p = _cli(
        capsys, "results", str(event_id), "--db", path, "--user", "chief",
        "--pdf", str(before_pdf), "--xlsx", str(before_xlsx),
    )  # fmt: skip
    assert p["stage"] == "provisional" and not p["names_visible"]
    assert [r["rank"] for r in p["rows"][:7]] == [1, 2, 3, 4, 5, 6, 6]
    text, sheet = _pdf_text(before_pdf), _xlsx_text(before_xlsx)
    assert "成绩公示表" in text and "临时成绩" in text and "88.68" in text
    assert "88.68" in sheet
    assert not any(n in text or n in sheet for n in competing)

    lock.lock_event(venue, accounts.login(venue, "chief", PIN), event_id)
    after_pdf, after_xlsx = out / "after.pdf", out / "after.xlsx"
    p = _cli(
        capsys, "results", str(event_id), "--db", path, "--user", "chief",
        "--pdf", str(after_pdf), "--xlsx", str(after_xlsx),
    )  # fmt: skip
    assert p["stage"] == "locked" and p["names_visible"]
    text, sheet = _pdf_text(after_pdf), _xlsx_text(after_xlsx)
    assert "成绩已锁定" in text
    assert all(n in text and n in sheet for n in competing)


def test_the_demo_audit_chain_verifies(venue: Database) -> None:
    """The chain of the demo database (generated marks and check-ins, the chief judge's
    override included) verifies, and every mark and check-in agrees with its audit entry."""
    report = audit.verify(venue)
    assert report.ok, [p.message_en for p in report.problems]
    assert audit.verify_records(venue) == []
