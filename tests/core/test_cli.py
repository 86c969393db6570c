"""The kmjudge CLI: exit codes 0/1/2, --db, --json, and the commands a venue scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kmjudge.cli import main
from tests.conftest import EXAMPLES

ADMIN = {"KMJUDGE_USER": "admin", "KMJUDGE_SECRET": "2580"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict | None, str]:
    code = main(list(argv))
    cap = capsys.readouterr()
    payload = json.loads(cap.out) if "--json" in argv and cap.out.strip() else None
    return code, payload, cap.err


@pytest.fixture
def venue_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> str:
    path = str(tmp_path / "venue.sqlite3")
    monkeypatch.setenv("KMJUDGE_NEW_SECRET", "2580")
    assert run(capsys, "user", "first-admin", "admin", "--db", path)[0] == 0
    for k, v in ADMIN.items():
        monkeypatch.setenv(k, v)
    assert run(capsys, "event", "import", str(EXAMPLES / "event-setup.toml"), "--db", path)[0] == 0
    return path


def test_json_output_is_one_object(venue_db: str, capsys) -> None:
    code, payload, _ = run(capsys, "event", "list", "--db", venue_db, "--json")
    assert code == 0 and payload is not None
    assert {e["trade"] for e in payload["events"]} == {"电工", "焊工"}


def test_registration_import_preview_then_commit(venue_db: str, tmp_path: Path, capsys) -> None:
    """Preview writes nothing; --commit writes; rejected rows go to an xlsx."""
    from datetime import date

    import openpyxl

    from kmjudge.registration.idcard import make_id_number

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "工作单位"])
    ws.append(["张三", make_id_number("530102", date(1990, 5, 6), 11, "M"), "昆钢"])
    ws.append(["李四", "530102199005061234", "昆钢"])  # wrong check digit
    sheet = tmp_path / "r.xlsx"
    wb.save(sheet)
    rej = tmp_path / "rej.xlsx"
    code, p, _ = run(
        capsys,
        "registration",
        "import",
        "电工",
        str(sheet),
        "--db",
        venue_db,
        "--json",
        "--rejections",
        str(rej),
    )
    assert code == 0 and p["new"] == 1 and p["rejected_rows"] == [3] and not p["committed"]
    assert openpyxl.load_workbook(rej).active.max_row >= 2
    code, p, _ = run(capsys, "registration", "list", "电工", "--db", venue_db, "--json")
    assert p["registrations"] == []
    code, p, _ = run(
        capsys, "registration", "import", "电工", str(sheet), "--db", venue_db, "--json", "--commit"
    )
    assert code == 0 and p["created"] == 1
    code, p, _ = run(capsys, "registration", "list", "电工", "--db", venue_db, "--json")
    assert [r["name"] for r in p["registrations"]] == ["张三"]
    assert p["registrations"][0]["id"].count("*") == 10  # masked


def test_refusals_exit_1_with_a_message(venue_db: str, capsys, monkeypatch) -> None:
    code, _, err = run(capsys, "event", "show", "no-such-event", "--db", venue_db)
    assert code == 1 and "No event" in err
    monkeypatch.setenv("KMJUDGE_SECRET", "0000")
    code, _, err = run(capsys, "registration", "list", "电工", "--db", venue_db)
    assert code == 1 and "Wrong username or PIN" in err
    code, p, _ = run(
        capsys, "registration", "list", "电工", "--db", venue_db, "--json", "--lang", "zh"
    )
    assert code == 1 and p["error"] == "auth" and "PIN" in p["message"]


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["registration", "frobnicate"])
    assert info.value.code == 2


def test_db_check_backup_restore_cycle(venue_db: str, capsys) -> None:
    code, p, _ = run(capsys, "db", "check", "--db", venue_db, "--json")
    assert code == 0 and p["ok"]
    code, p, _ = run(capsys, "db", "backup", "--db", venue_db, "--json")
    backup = p["backup"]
    assert Path(backup).exists()
    Path(venue_db).write_bytes(b"SQLite format 3\x00" + b"\x00" * 3000)
    code, _, _err = run(capsys, "db", "check", "--db", venue_db)
    assert code == 1
    code, p, _ = run(capsys, "db", "restore", "--db", venue_db, "--json")
    assert code == 0
    code, p, _ = run(capsys, "event", "list", "--db", venue_db, "--json")
    assert len(p["events"]) == 2


def test_scheme_check_and_template(tmp_path: Path, capsys) -> None:
    code, p, _ = run(capsys, "scheme", "check", str(EXAMPLES / "scheme-electrician.xlsx"), "--json")
    assert code == 0 and p["total"] == "100"
    out = tmp_path / "t.xlsx"
    assert run(capsys, "scheme", "template", str(out))[0] == 0 and out.exists()


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    """The installed entry point works (python -m kmjudge.cli) and KMJUDGE_DB is honoured."""
    env = {
        **os.environ,
        "KMJUDGE_DB": str(tmp_path / "x.sqlite3"),
        "KMJUDGE_HOME": str(tmp_path / "home"),
    }
    out = subprocess.run(
        [sys.executable, "-m", "kmjudge.cli", "db", "info", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["path"].endswith("x.sqlite3")
