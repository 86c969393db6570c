"""Two laptops, one database: no confirmed mark is ever lost, no stale write wins.

- real processes writing to one SQLite file at the same time;
- optimistic versioning on every backend (PostgreSQL too): of two writers that saw the same
  version, exactly one succeeds, the other gets ConflictError.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from kmjudge import audit
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Aspect, Registration, Score
from kmjudge.errors import ConflictError, KmError
from kmjudge.judging import entry
from tests.judging.conftest import Venue

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, uuid
from kmjudge import accounts
from kmjudge.db.engine import open_database
from kmjudge.errors import ConflictError
from kmjudge.judging import entry
db = open_database(sys.argv[1])
judge = accounts.login(db, sys.argv[2], "2580")
event = uuid.UUID(sys.argv[3])
values = {"A1.1": "10", "A1.2": sys.argv[4], "B1.1": sys.argv[5], "B1.2": "2"}
for station in range(1, 7):
    for aspect, value in values.items():
        cell = entry.judge_sheet(db, judge, event).cell(station, aspect)
        try:
            got = entry.enter_score(db, judge, event, station, aspect, value, cell.version)
        except ConflictError:
            print("conflict", station, aspect, flush=True)
            continue
        print("ok" if got.changed else "same", station, aspect, got.version, got.value, flush=True)
"""


def _run(db_path: Path, home: Path, args: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "KMJUDGE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def _stored(db: Database) -> dict[tuple[str, int, str], tuple[Decimal, int]]:
    with db.read() as s:
        rows = s.execute(
            select(Score, Registration.station_no, Aspect.code)
            .join(Registration, Registration.id == Score.registration_id)
            .join(Aspect, Aspect.id == Score.aspect_id)
        ).all()
        from kmjudge.db.models import User

        users = {u.id: u.username for u in s.scalars(select(User))}
    return {(users[sc.judge_id], st, code): (sc.value, sc.version) for sc, st, code in rows}


def test_two_processes_writing_scores_to_one_sqlite_file_lose_nothing(
    venue: Venue, tmp_path: Path
) -> None:
    """Two judges' laptops (processes) write 24 marks each into one SQLite file at once:
    every mark each reported as committed is there afterwards, and the audit chain holds."""
    path = venue.db.path
    assert path is not None
    ev = str(venue.event_id)
    procs = {
        "j1": _run(path, tmp_path / "laptop1", ["j1", ev, "8.5", "40"]),
        "j2": _run(path, tmp_path / "laptop2", ["j2", ev, "7", "33"]),
    }
    confirmed: dict[tuple[str, int, str], Decimal] = {}
    for judge, p in procs.items():
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        for line in out.splitlines():
            parts = line.split()
            assert parts[0] in ("ok", "same"), line  # different judges never conflict
            confirmed[(judge, int(parts[1]), parts[2])] = Decimal(parts[4])
    assert len(confirmed) == 48
    stored = _stored(venue.db)
    for key, value in confirmed.items():
        assert stored[key][0] == value, key
    assert audit.verify(venue.db).ok


def test_one_judge_on_two_laptops_never_loses_an_update(venue: Venue, tmp_path: Path) -> None:
    """The same judge writes the same cells from two processes with the versions they saw:
    each cell's successful writes have distinct versions (no two both won the same version),
    and the stored value is the one written last. (A1.1 and B1.2 get the same value from
    both: the second is a no-op, not a change.)"""
    path = venue.db.path
    assert path is not None
    ev = str(venue.event_id)
    procs = [
        _run(path, tmp_path / "laptop1", ["j3", ev, "5", "20"]),
        _run(path, tmp_path / "laptop2", ["j3", ev, "6", "21"]),
    ]
    wins: dict[tuple[int, str], list[tuple[int, Decimal]]] = {}
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        for line in out.splitlines():
            parts = line.split()
            if parts[0] == "ok":
                wins.setdefault((int(parts[1]), parts[2]), []).append(
                    (int(parts[3]), Decimal(parts[4]))
                )
    stored = _stored(venue.db)
    assert len(wins) == 24
    for (station, aspect), ws in wins.items():
        versions = [v for v, _ in ws]
        assert len(versions) == len(set(versions)), (station, aspect, ws)
        last_version, last_value = max(ws)
        assert stored[("j3", station, aspect)] == (last_value, last_version)


def test_optimistic_version_conflict_on_each_backend(any_venue: Venue) -> None:
    """Two laptops (two engines) saw version 1 of a mark; the first write wins, the second is
    refused with ConflictError; then both race from version 2 at the same instant: exactly
    one wins. Runs on SQLite and on PostgreSQL."""
    v = any_venue
    j1 = v.actor("j1")
    entry.enter_score(v.db, j1, v.event_id, 3, "B1.1", "30")
    laptop_a = open_database(v.db.url)
    laptop_b = open_database(v.db.url)
    try:
        seen_a = entry.judge_sheet(laptop_a, j1, v.event_id).cell(3, "B1.1").version
        seen_b = entry.judge_sheet(laptop_b, j1, v.event_id).cell(3, "B1.1").version
        assert seen_a == seen_b == 1
        entry.enter_score(laptop_a, j1, v.event_id, 3, "B1.1", "35", expected_version=seen_a)
        try:
            entry.enter_score(laptop_b, j1, v.event_id, 3, "B1.1", "36", expected_version=seen_b)
        except ConflictError as exc:
            assert "已被修改" in exc.message_zh
        else:
            raise AssertionError("the stale write was accepted")

        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def write(db: Database, value: str) -> None:
            barrier.wait()
            try:
                entry.enter_score(db, j1, v.event_id, 3, "B1.1", value, expected_version=2)
                outcomes.append("ok:" + value)
            except KmError as exc:
                outcomes.append(exc.code)

        threads = [
            threading.Thread(target=write, args=(laptop_a, "40")),
            threading.Thread(target=write, args=(laptop_b, "41")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(o.split(":")[0] for o in outcomes) == ["ok", "version"], outcomes
        winner = next(o for o in outcomes if o.startswith("ok:")).split(":")[1]
        final = entry.judge_sheet(v.db, j1, v.event_id).cell(3, "B1.1")
        assert (final.value, final.version) == (Decimal(winner), 3)
    finally:
        laptop_a.dispose()
        laptop_b.dispose()


def test_first_marks_racing_from_two_laptops_one_wins(any_venue: Venue) -> None:
    """Neither laptop saw a mark; both create it at once with different values: one is
    stored, the other refused (no silent overwrite), on each backend."""
    v = any_venue
    j2 = v.actor("j2")
    laptops = [open_database(v.db.url), open_database(v.db.url)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def write(db: Database, value: str) -> None:
        barrier.wait()
        try:
            entry.enter_score(db, j2, v.event_id, 4, "B1.1", value)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    try:
        threads = [
            threading.Thread(target=write, args=(db, val))
            for db, val in zip(laptops, ("12", "13"), strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        for db in laptops:
            db.dispose()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert entry.judge_sheet(v.db, j2, v.event_id).cell(4, "B1.1").version == 1
