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
from tests.reliability.ops_judging import JUDGING_OPERATIONS
from tests.reliability.ops_sync import SYNC_OPERATIONS

ALL = OPERATIONS + optional_operations() + JUDGING_OPERATIONS + SYNC_OPERATIONS


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


_edit = harness.edit_behind_the_app


def _template(templates: dict[object, harness.Template], op: harness.KillOperation, where: Path):
    if op.build not in templates:
        templates[op.build] = op.build(where / f"t-{op.name}")
    return templates[op.build]


def test_the_judging_room_checks_notice_a_lost_or_half_written_action(
    tmp_path: Path, templates: dict[object, harness.Template]
) -> None:
    """The paper-entry and chief-judge checks pass on work done through the app, and fail on
    a confirmation that is not there, a pass with a cell missing, two agreeing passes
    without their mark, and a criterion unlocked in SQLite behind the lock entry."""
    from kmjudge.judging import lock, paper
    from tests.reliability import ops_judging as oj

    t_paper = _template(templates, oj.PAPER_ENTRY, tmp_path)
    sheet = t_paper.ctx["sheets"][1]  # passes agree
    cells = {(int(k.split("|")[0]), k.split("|")[1]): v for k, v in sheet["pass1"].items()}
    done = [{"kind": "pass", "code": sheet["code"], "pass_no": p} for p in (1, 2)]

    def typed(where: str) -> Database:
        db = _copy(t_paper, tmp_path / where)
        c1, c2 = (_user(db, n) for n in ("clerk1", "clerk2"))
        paper.enter_sheet_values(db, c1, sheet["code"], 1, cells)
        paper.enter_sheet_values(db, c2, sheet["code"], 2, cells)
        oj.check_paper(db, done, t_paper.ctx)  # whole: passes
        return db

    db = typed("p1")
    lost = {"kind": "pass", "code": t_paper.ctx["sheets"][5]["code"], "pass_no": 1}
    with pytest.raises(AssertionError, match="confirmed pass lost"):
        oj.check_paper(db, [*done, lost], t_paper.ctx)
    _edit(db, "DELETE FROM sheet_entry WHERE rowid = (SELECT min(rowid) FROM sheet_entry)")
    with pytest.raises(AssertionError, match="half"):
        oj.check_paper(db, done, t_paper.ctx)
    db.dispose()
    db = typed("p2")
    _edit(db, "DELETE FROM score WHERE rowid = (SELECT min(rowid) FROM score)")
    with pytest.raises(AssertionError, match="both passes agree but no mark"):
        oj.check_paper(db, done, t_paper.ctx)
    db.dispose()

    t_chief = _template(templates, oj.CHIEF_ACTIONS, tmp_path)
    db = _copy(t_chief, tmp_path / "c")
    ev = uuid.UUID(t_chief.ctx["event_id"])
    lock.lock_criterion(db, _user(db, "chief"), ev, "A")
    oj.check_chief(db, [{"kind": "lock", "what": "criterion:A"}], t_chief.ctx)
    with pytest.raises(AssertionError, match="confirmed"):
        oj.check_chief(db, [{"kind": "lock", "what": "event"}], t_chief.ctx)
    with pytest.raises(AssertionError, match="lost"):
        oj.check_chief(
            db, [{"kind": "appeal", "id": str(uuid.uuid4()), "text": "申诉"}], t_chief.ctx
        )
    _edit(db, "UPDATE criterion SET locked_at = NULL WHERE code = 'A'")
    with pytest.raises(AssertionError, match="criteria locked"):
        oj.check_chief(db, [], t_chief.ctx)
    db.dispose()


def test_the_city_import_check_notices_a_lost_or_half_imported_package(
    tmp_path: Path, templates: dict[object, harness.Template]
) -> None:
    """The package-import check passes after two packages imported through the app, and
    fails on a confirmed import that is not logged and on a package whose log row stayed
    but one of whose marks is gone (half-imported)."""
    from kmjudge import sync
    from tests.reliability import ops_sync

    t_city = _template(templates, ops_sync.PACKAGE_IMPORT, tmp_path)
    db = _copy(t_city, tmp_path / "city")
    city = ops_sync.city_actor(db)
    done = []
    for i, p in enumerate(t_city.ctx["packages"][:2]):
        res = sync.import_package(db, city, p["path"], p["fingerprint"], backup=False)
        done.append({"index": i, "status": res.status, "sha": res.sha256, "changed": 1})
    ops_sync.check_city(db, done, t_city.ctx)
    third = t_city.ctx["packages"][2]
    with pytest.raises(AssertionError, match="lost"):
        ops_sync.check_city(
            db, [*done, {"index": 2, "status": "imported", "sha": third["sha"]}], t_city.ctx
        )
    _edit(db, "DELETE FROM score WHERE rowid = (SELECT max(rowid) FROM score)")
    with pytest.raises(AssertionError, match="half-imported"):
        ops_sync.check_city(db, done, t_city.ctx)
    db.dispose()


def _user(db: Database, username: str) -> accounts.Actor:
    from sqlalchemy import select

    from kmjudge.accounts import Role
    from kmjudge.db.models import User

    with db.read() as s:
        u = s.scalar(select(User).where(User.username == username))
        assert u is not None
        return accounts.Actor(
            u.id, u.username, u.display_name, frozenset(Role(r) for r in u.roles), db.device.id
        )
