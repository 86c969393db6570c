"""The check-in commands of the kmjudge CLI: exit codes, --json, files written."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from kmjudge import checkin, events
from kmjudge.cli import main
from kmjudge.db.engine import open_database
from tests.checkin.conftest import Venue, build_venue
from tests.checkin.pdftools import decode_qr


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


@pytest.fixture
def cli_venue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Venue]:
    path = tmp_path / "venue.sqlite3"
    db = open_database(path)
    v = build_venue(db, tmp_path)
    db.dispose()
    monkeypatch.setenv("KMJUDGE_USER", "reg1")
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    return str(path), v


def test_tickets_then_scan_exit_codes_and_counts(
    cli_venue: tuple[str, Venue], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tickets writes a PDF whose QR codes scan: exit 0 for valid and already, 1 otherwise."""
    db, v = cli_venue
    ev = str(v.event_id)
    pdf = tmp_path / "t.pdf"
    code, out = run(capsys, "tickets", ev, "--out", str(pdf), "--per-page", "4", "--db", db)
    assert code == 0 and out["tickets"] == 8 and out["pages"] == 2 and pdf.exists()
    token = decode_qr(pdf, tmp_path)[0].text
    code, out = run(capsys, "checkin", "scan", ev, token, "--db", db)
    assert code == 0 and out["verdict"] == "valid" and out["station"] is not None
    code, again = run(capsys, "checkin", "scan", ev, token.lower(), "--db", db)
    assert code == 0 and again["verdict"] == "already" and again["station"] == out["station"]
    code, bad = run(capsys, "checkin", "scan", ev, "not a ticket", "--db", db)
    assert code == 1 and bad["verdict"] == "malformed" and "name" not in bad
    code, counts = run(capsys, "checkin", "counts", ev, "--db", db)
    assert code == 0 and counts["checked_in"] == 1 and counts["scans"] == 3
    assert counts["rejected_scans"] == 1 and counts["registered"] == 8


def test_absent_draw_and_noshow(
    cli_venue: tuple[str, Venue], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path, v = cli_venue
    ev = str(v.event_id)
    code, out = run(capsys, "checkin", "absent", ev, "--db", db_path)
    assert code == 1 and out["error"] == "not_closed"
    db = open_database(db_path)
    checkin.set_settings(db, v.admin, v.event_id, draw_at_checkin=False)
    for t in checkin.issue_tickets(db, v.admin, v.event_id)[:3]:
        checkin.scan(db, v.registrar, v.event_id, t.token)
    now = datetime.now().replace(microsecond=0)
    events.update_event(
        db,
        v.admin,
        v.event_id,
        checkin_opens_at=now - timedelta(hours=3),
        checkin_closes_at=now - timedelta(minutes=1),
    )
    db.dispose()
    code, out = run(capsys, "checkin", "absent", ev, "--db", db_path)
    assert code == 0 and out["absent"] == 5
    listing = tmp_path / "draw.pdf"
    code, out = run(capsys, "checkin", "draw", ev, "--out", str(listing), "--db", db_path)
    assert code == 0 and sorted(d["station"] for d in out["drawn"]) == [1, 2, 3]
    assert listing.exists()
    xlsx = tmp_path / "noshow.xlsx"
    code, out = run(capsys, "checkin", "noshow", ev, "--out", str(xlsx), "--db", db_path)
    assert code == 0 and out["rows"] == 5
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None and ws.max_row == 6


def test_reprint_needs_a_reason_and_revokes_the_old_ticket(
    cli_venue: tuple[str, Venue], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path, v = cli_venue
    ev = str(v.event_id)
    db = open_database(db_path)
    old = checkin.issue_tickets(db, v.admin, v.event_id)[0]
    db.dispose()
    out_pdf = tmp_path / "r.pdf"
    code, _ = run(
        capsys, "tickets", ev, "--out", str(out_pdf), "--reprint", old.ticket_no, "--db", db_path
    )
    assert code == 1 and not out_pdf.exists()
    code, out = run(
        capsys,
        "tickets",
        ev,
        "--out",
        str(out_pdf),
        "--reprint",
        old.ticket_no,
        "--reason",
        "遗失",
        "--db",
        db_path,
    )
    assert code == 0 and out["tickets"] == 1
    code, out = run(capsys, "checkin", "scan", ev, old.token, "--db", db_path)
    assert code == 1 and out["verdict"] == "revoked"
