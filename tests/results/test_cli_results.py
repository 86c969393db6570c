"""``kmjudge results``: JSON, xlsx, PDF kinds, release, public board; sign-in and permissions.

``register`` is wired into ``kmjudge.cli.build_parser`` by the caller; until (or whether or
not) it is, these tests add it the same way, through the parser's own ``leaf`` shape.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf
import pytest

from kmjudge import cli, cli_results
from kmjudge.db.engine import open_database
from tests.conftest import make_admin
from tests.results.helpers import PIN, ScoredEvent, marks

_real_build_parser = cli.build_parser


def _build_parser_with_results() -> argparse.ArgumentParser:
    parser = _real_build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "results" in top.choices:  # already wired in kmjudge.cli
        return parser
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None)
    common.add_argument("--json", action="store_true")
    common.add_argument("--lang", choices=["zh", "en"], default=None)
    common.add_argument("--user", default=None)

    def leaf(sub: Any, name: str, handler: Any, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help_)
        p.set_defaults(handler=handler)
        return p

    cli_results.register(top, leaf)
    return parser


@pytest.fixture
def venue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ScoredEvent]:
    monkeypatch.setattr(cli, "build_parser", _build_parser_with_results)
    path = tmp_path / "venue.sqlite3"
    db = open_database(path)
    ev = ScoredEvent.create(db, make_admin(db))
    ev.add(1, name="张三", marks=marks(38, [3, 2, 2, 1, 3], 27, 1), theory="84.5")
    ev.add(2, name="李四", marks=marks("35.5", [2, 2, 2, 2, 2], 30), theory=90)
    db.dispose()
    monkeypatch.setenv("KMJUDGE_SECRET", PIN)
    return str(path), ev


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any] | None, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    payload = json.loads(out.out) if "--json" in argv and out.out.strip() else None
    return code, payload, out.err


def test_results_json_for_the_chief_before_the_lock_has_stations_only(venue, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = venue
    code, p, _ = run(capsys, "results", "测试电工项目", "--db", path, "--user", "chief", "--json")
    assert code == 0 and p is not None
    assert p["stage"] == "provisional" and not p["names_visible"]
    assert [(r["station"], r["rank"], r["total"], r["name"]) for r in p["rows"]] == [
        (2, 1, "86.85", None),
        (1, 2, "83.68", None),
    ]


def test_a_judge_is_refused_with_exit_1(venue, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = venue
    code, p, err = run(
        capsys, "results", "测试电工项目", "--db", path, "--user", "judge1", "--json"
    )
    assert code == 1 and p is not None and p["error"] == "permission"
    assert "may not view provisional results" in err


def test_no_user_is_refused(venue, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, _ = venue
    monkeypatch.delenv("KMJUDGE_USER", raising=False)
    code, _, err = run(capsys, "results", "测试电工项目", "--db", path)
    assert code == 1 and "--user" in err


def test_release_then_files_and_the_public_board(venue, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Release refused before the lock; after it: xlsx, each PDF kind, --public without sign-in."""
    path, ev = venue
    code, _, err = run(
        capsys, "results", "测试电工项目", "--db", path, "--user", "chief", "--release"
    )
    assert code == 1 and "not locked" in err
    code, _, _ = run(capsys, "results", "测试电工项目", "--db", path, "--public")
    assert code == 1
    db = open_database(path)
    ev.db = db
    ev.lock()
    db.dispose()
    code, p, _ = run(
        capsys, "results", "测试电工项目", "--db", path, "--user", "chief", "--release", "--json"
    )
    assert code == 0 and p is not None and p["stage"] == "released" and p["released_at"]
    assert p["rows"][0]["name"] == "李四" and p["rows"][0]["award"] == "first"
    xlsx = tmp_path / "board.xlsx"
    assert (
        run(
            capsys, "results", "测试电工项目", "--db", path, "--user", "admin", "--xlsx", str(xlsx)
        )[0]
        == 0
    )
    assert xlsx.stat().st_size > 0
    for kind, needle in (
        ("board", "成绩公示表"),
        ("winners", "获奖名单"),
        ("transcripts", "成绩单"),
        ("signoff", "裁判签字表"),
    ):
        pdf = tmp_path / f"{kind}.pdf"
        argv = (
            "results",
            "测试电工项目",
            "--db",
            path,
            "--user",
            "admin",
            "--pdf",
            str(pdf),
            "--kind",
            kind,
        )
        assert run(capsys, *argv)[0] == 0
        assert needle in pypdf.PdfReader(pdf).pages[0].extract_text()
    code, p, _ = run(capsys, "results", "测试电工项目", "--db", path, "--public", "--json")
    assert code == 0 and p is not None
    assert [(r["rank"], r["name"], r["total"]) for r in p["rows"]] == [
        (1, "李四", "86.85"),
        (2, "张三", "83.68"),
    ]
    assert "id_number" not in json.dumps(p) and "registration" not in json.dumps(p)


def test_severity_report_in_json(venue, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = venue
    code, p, _ = run(
        capsys, "results", "测试电工项目", "--db", path, "--user", "chief", "--severity", "--json"
    )
    assert code == 0 and p is not None
    j4 = next(s for s in p["severity"] if s["judge"] == "judge4" and s["kind"] == "J")
    assert Decimal(j4["mean_deviation"]) < 0  # judge4 gave the 1 that was dropped
