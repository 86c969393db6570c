"""``kmjudge judging ...`` commands, driven through argparse like the real CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from kmjudge import cli, cli_judging
from kmjudge.errors import KmError
from tests.judging.conftest import PIN, Venue


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db")
    common.add_argument("--json", action="store_true")
    common.add_argument("--lang", choices=["zh", "en"])
    common.add_argument("--user")
    parser = argparse.ArgumentParser(prog="kmjudge")
    top = parser.add_subparsers(dest="command", required=True)

    def leaf(sub: Any, name: str, handler: Any, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help_)
        p.set_defaults(handler=handler)
        return p

    cli_judging.register(top, leaf)
    return parser


def run(
    venue: Venue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    user: str,
    *argv: str,
) -> dict[str, Any]:
    """One command as the CLI runs it (JSON out); KmError -> exit 1 like cli.main."""
    monkeypatch.setenv("KMJUDGE_SECRET", PIN)
    args = _parser().parse_args([*argv, "--db", str(venue.db.path), "--user", user, "--json"])
    try:
        result = args.handler(args)
    except KmError as exc:
        return {"error": exc.code, "message": exc.message_en}
    result.pop("_exit", None)
    result.pop("_text")
    cli._print(args, result, [])
    return dict(json.loads(capsys.readouterr().out))


def test_judge_enters_and_submits_from_the_command_line(
    venue: Venue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """enter -> grid shows it (no names) -> stale version refused -> lock refused while
    marks are missing, with the reason."""
    ev = str(venue.event_id)
    out = run(venue, monkeypatch, capsys, "j1", "judging", "enter", ev, "2", "A1.2", "8.5")
    assert (out["value"], out["version"]) == ("8.5", 1)
    grid = run(venue, monkeypatch, capsys, "j1", "judging", "grid", ev)
    assert grid["stations"][1]["cells"][1]["value"] == "8.5"
    stale = run(
        venue, monkeypatch, capsys, "j1", "judging", "enter", ev, "2", "A1.2", "9", "--version", "0"
    )
    assert stale["error"] == "version"
    refused = run(venue, monkeypatch, capsys, "chief", "judging", "lock", ev, "--criterion", "A")
    assert refused["error"] == "invalid" and "missing" in refused["message"]
    missing = run(venue, monkeypatch, capsys, "chief", "judging", "missing", ev)
    assert missing["criteria"][0]["entered"] == 1


def test_paper_sheets_and_double_entry_from_the_command_line(
    venue: Venue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Sheets with a PDF, pass 1, the same clerk refused pass 2, a second clerk's pass 2 confirms
    the matching cell and lists the differing one, which the chief sees side by side."""
    ev = str(venue.event_id)
    pdf = tmp_path / "s.pdf"
    made = run(
        venue,
        monkeypatch,
        capsys,
        "chief",
        "judging",
        "sheets",
        ev,
        "j2",
        "A",
        "--stations",
        "1-2",
        "--pdf",
        str(pdf),
    )
    code = made["sheets"][0]["code"]
    assert made["sheets"][0]["stations"] == [1, 2] and pdf.stat().st_size > 5000
    cells = ["1:A1.1=10", "2:A1.2=7.5"]
    one = run(venue, monkeypatch, capsys, "clerk1", "judging", "paper-enter", code, "1", *cells)
    assert one["waiting"] == 2
    same = run(venue, monkeypatch, capsys, "clerk1", "judging", "paper-enter", code, "2", *cells)
    assert same["error"] == "same_clerk"
    two = run(
        venue,
        monkeypatch,
        capsys,
        "clerk2",
        "judging",
        "paper-enter",
        code,
        "2",
        "1:A1.1=10",
        "2:A1.2=8",
    )
    assert (two["confirmed"], two["differing"]) == (1, ["2:A1.2"])
    diffs = run(venue, monkeypatch, capsys, "chief", "judging", "differences", ev)
    assert [(d["pass1"], d["pass2"]) for d in diffs["differences"]] == [("7.5", "8")]


def test_judge_asks_to_reopen_and_the_chief_reopens_from_the_command_line(
    venue: Venue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An open criterion cannot be 'asked to reopen'; after submit the request is stored and
    the chief judge's reopen makes the judge's marks editable again."""
    from kmjudge.judging import entry, review

    ev = str(venue.event_id)
    venue.fill(("j1",))
    early = run(
        venue,
        monkeypatch,
        capsys,
        "j1",
        "judging",
        "reopen-request",
        ev,
        "A",
        "--reason",
        "3 号工位写错",
    )
    assert "not submitted" in early["message"]
    run(venue, monkeypatch, capsys, "j1", "judging", "submit", ev, "A")
    asked = run(
        venue,
        monkeypatch,
        capsys,
        "j1",
        "judging",
        "reopen-request",
        ev,
        "A",
        "--reason",
        "2 号写错",
    )
    assert asked["reopen_requested"] == "A"
    desk = review.review_list(venue.db, venue.actor("chief"), venue.event_id)
    assert [(r.judge_username, r.reason) for r in desk.reopen_requests] == [("j1", "2 号写错")]
    run(
        venue,
        monkeypatch,
        capsys,
        "chief",
        "judging",
        "reopen",
        ev,
        "A",
        "j1",
        "--reason",
        "同意修改 2 号",
    )
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert not next(c for c in grid.criteria if c.code == "A").submitted


def test_bad_station_list_is_refused_with_a_message_not_a_crash(
    venue: Venue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--stations 1-a`` names the bad part (it used to end in a ValueError traceback)."""
    ev = str(venue.event_id)
    out = run(
        venue, monkeypatch, capsys, "chief", "judging", "sheets", ev, "j1", "A", "--stations", "1-a"
    )
    assert out["error"] and "1-a" in out["message"]
