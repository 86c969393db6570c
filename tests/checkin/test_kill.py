"""A check-in desk process killed (SIGKILL) mid-scan loses no confirmed check-in.

The child scans tickets and prints each verdict only after ``scan`` returned, i.e. after the
commit. The parent kills it at varied moments; afterwards every verdict the child printed as
valid (or already) has its check-in in the database, the file passes integrity_check and
the audit chain verifies.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from kmjudge import audit, checkin
from kmjudge.db.engine import open_database
from kmjudge.db.models import CheckIn, Registration, Scan
from kmjudge.maintenance import check_database
from tests.checkin.conftest import add_contestants, build_venue

ROOT = Path(__file__).resolve().parents[2]

DESK = """
import sys, json, uuid
from kmjudge import accounts, checkin
from kmjudge.db.engine import open_database
db = open_database(sys.argv[1])
registrar = accounts.login(db, "reg1", "2580")
event = uuid.UUID(sys.argv[2])
for token in json.load(open(sys.argv[3])):
    v = checkin.scan(db, registrar, event, token)
    print(v.kind.value, v.ticket_no, v.station_no, flush=True)
"""


def test_killed_desk_keeps_every_confirmed_check_in(tmp_path: Path) -> None:
    db_path = tmp_path / "desk.sqlite3"
    db = open_database(db_path)
    v = build_venue(db, tmp_path)
    add_contestants(db, v.admin, v.event_id, 52, tmp_path, offset=300)
    tokens = [t.token for t in checkin.issue_tickets(db, v.admin, v.event_id)]
    assert len(tokens) == 60
    db.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    confirmed: dict[str, int] = {}
    kills = ((1, 0.0), (4, 0.002), (9, 0.01), (15, 0.0), (22, 0.005))
    for rounds, (stop_after, pause) in enumerate(kills):
        remaining = [t for t in tokens if t not in confirmed]
        todo = tmp_path / f"todo-{rounds}.json"
        todo.write_text(json.dumps(remaining))
        proc = subprocess.Popen(
            [sys.executable, "-c", DESK, str(db_path), str(v.event_id), str(todo)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        lines = []
        for _ in range(stop_after):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.split())
        time.sleep(pause)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        for (kind, ticket_no, station), token in zip(lines, remaining, strict=False):
            # "already": the previous child committed this one but was killed before printing
            assert kind in ("valid", "already"), (kind, ticket_no)
            confirmed[token] = int(station)
        db = open_database(db_path)
        try:
            with db.read() as s:
                stored = {
                    r.ticket_no: r.station_no
                    for r in s.scalars(
                        select(Registration)
                        .join(CheckIn, CheckIn.registration_id == Registration.id)
                        .where(CheckIn.undone_at.is_(None))
                    )
                }
                scans = len(s.scalars(select(Scan)).all())
            for _kind, ticket_no, station in lines:
                assert stored[ticket_no] == int(station)
            assert scans >= len(confirmed) and len(stored) >= len(confirmed)
            assert len(set(stored.values())) == len(stored)  # stations still distinct
            report = check_database(db)
            assert report.ok, report.lines_en
            assert audit.verify(db).ok
        finally:
            db.dispose()
    assert len(confirmed) >= 1 + 4 + 9 + 15
