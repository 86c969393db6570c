"""SIGKILL at random moments during real operations loses no confirmed action and leaves
nothing half-written (see harness.py for what is checked after every kill).

Normal suite: ``KMJUDGE_KILL_ITERATIONS`` kills per operation (default 3).
Slow mode: ``pytest -m slow tests/reliability/test_kill.py`` kills each operation 200 times.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from kmjudge import accounts
from kmjudge.db.engine import Database
from tests.reliability import harness
from tests.reliability.operations import OPERATIONS, optional_operations

ALL = OPERATIONS + optional_operations()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[object, harness.Template]:
    """Templates built once per session (operations sharing a builder share it)."""
    return {}


def _run(
    op: harness.KillOperation, tmp_path: Path, n: int, cache: dict[object, harness.Template]
) -> harness.KillReport:
    if op.build not in cache:
        cache[op.build] = op.build(tmp_path / "template")
    template = cache[op.build]
    report = harness.run_kills(op, template, tmp_path / "work", n, harness.seed())
    print(report.line())
    assert report.iterations == n and report.lost == 0
    return report


@pytest.mark.parametrize("op", ALL, ids=[op.name for op in ALL])
def test_killed_operation_keeps_every_confirmed_action(
    op: harness.KillOperation, tmp_path: Path, templates: dict[object, harness.Template]
) -> None:
    """A few random SIGKILLs per operation: every confirmed action survives, the file passes
    integrity_check, the audit chain verifies, nothing is half-written."""
    report = _run(op, tmp_path, harness.iterations(), templates)
    assert report.confirmed > 0, "no action was confirmed before the kills: widen the window"


@pytest.mark.slow
@pytest.mark.parametrize("op", ALL, ids=[op.name for op in ALL])
def test_killed_operation_200_times(op: harness.KillOperation, tmp_path: Path) -> None:
    """Slow mode: 200 random kills per operation (``KMJUDGE_KILL_ITERATIONS`` overrides)."""
    _run(op, tmp_path, harness.iterations(harness.SLOW_ITERATIONS), {})


# --------------------------------------------------------------------------- the checks can fail


def _copy(template: harness.Template, tmp_path: Path) -> Database:
    db_path, home = harness._fresh_copy(template, tmp_path / "copy")
    return harness.open_as(db_path, home)


def test_the_checks_notice_a_lost_or_half_written_action(
    tmp_path: Path, templates: dict[object, harness.Template]
) -> None:
    """Each operation's check fails on a confirmation that is not in the database, and on a
    half-written state made by hand (so a passing kill run means something)."""
    import sqlite3

    from kmjudge.registration import service
    from tests.reliability import operations as ops

    for op in (ops.SCORE_ENTRY, ops.CHECKIN, ops.IMPORT, ops.BACKUP):
        if op.build not in templates:
            templates[op.build] = op.build(tmp_path / f"t-{op.name}")
    t_scores, t_desk, t_import = (
        templates[ops.SCORE_ENTRY.build],
        templates[ops.CHECKIN.build],
        templates[ops.IMPORT.build],
    )

    db = _copy(t_scores, tmp_path / "s")
    lost = {"judge": "j1", "station": 1, "aspect": "B1.1", "value": "40", "version": 1}
    with pytest.raises(AssertionError, match="missing"):
        ops.check_scores(db, [lost], t_scores.ctx)
    db.dispose()

    db = _copy(t_desk, tmp_path / "d")
    lost = {"kind": "valid", "scan": str(uuid.uuid4()), "ticket": "260001", "station": 1}
    with pytest.raises(AssertionError, match="not stored"):
        ops.check_checkin(db, [lost], t_desk.ctx)
    with pytest.raises(AssertionError, match="vanished"):
        ops.check_backup(db, [{"path": str(tmp_path / "gone.sqlite3")}], t_desk.ctx)
    db.dispose()

    db = _copy(t_import, tmp_path / "i")
    admin = accounts.login(db, "admin", "2580")
    ev = uuid.UUID(t_import.ctx["event_id"])
    service.import_file(db, admin, ev, t_import.ctx["sheets"][0]["path"])
    ops.check_import(db, [{"sheet": 0}], t_import.ctx)  # whole: passes
    assert db.path is not None
    con = sqlite3.connect(db.path)  # now make it half: one person and registration gone
    cid = con.execute("SELECT contestant_id FROM registration LIMIT 1").fetchone()[0]
    con.execute("DELETE FROM registration WHERE contestant_id = ?", (cid,))
    con.execute("DELETE FROM contestant WHERE id = ?", (cid,))
    con.commit()
    con.close()
    with pytest.raises(AssertionError, match="half-imported"):
        ops.check_import(db, [{"sheet": 0}], t_import.ctx)
    db.dispose()
