"""Release rules: who sees provisional results, when names appear, releasing, the public board."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kmjudge import accounts, audit
from kmjudge.db.engine import Database
from kmjudge.db.models import AuditEntry, Event
from kmjudge.errors import PermissionDenied
from kmjudge.results import release
from kmjudge.results.model import ResultsError
from tests.conftest import make_admin
from tests.results.helpers import PIN, ScoredEvent, marks


@pytest.fixture
def ev(db: Database) -> ScoredEvent:
    admin = make_admin(db)
    e = ScoredEvent.create(db, admin)
    accounts.create_user(db, admin, "reg", "检录员", ["registrar"], PIN)
    accounts.create_user(db, admin, "city", "市级办公室", ["city"], PIN)
    e.add(1, name="张三", marks=marks(38, [3, 2, 2, 1, 3], 27, 1), theory="84.5")
    e.add(2, name="李四", marks=marks("35.5", [2, 2, 2, 2, 2], 30), theory=90)
    e.add(3, name="王五", status="absent")
    return e


@pytest.mark.parametrize("username", ["judge1", "reg", "city"])
def test_provisional_results_are_refused_to_everyone_but_chief_and_admin(
    ev: ScoredEvent, username: str
) -> None:
    """Judges, registrars and the city office get PermissionDenied before the release."""
    with pytest.raises(PermissionDenied):
        release.view_results(ev.db, ev.login(username), ev.event_id)
    ev.lock()
    with pytest.raises(PermissionDenied):
        release.view_results(ev.db, ev.login(username), ev.event_id)


@pytest.mark.parametrize("username", ["admin", "chief"])
def test_before_the_lock_even_permitted_viewers_see_stations_only(
    ev: ScoredEvent, username: str
) -> None:
    """Provisional: marks and ranks, but no identity at all; who() is the station number."""
    view = release.view_results(ev.db, ev.login(username), ev.event_id)
    assert view.stage == "provisional" and not view.names_visible and not view.identities
    assert [view.who(r) for r in view.results.ranked] == ["2号工位", "1号工位"]
    assert "张三" not in repr(view)


def test_chief_may_reveal_names_before_the_lock_and_it_is_audited(ev: ScoredEvent) -> None:
    """reveal_names: chief judge yes (written to the audit trail), admin no."""
    with pytest.raises(PermissionDenied):
        release.view_results(ev.db, ev.login("admin"), ev.event_id, reveal_names=True)
    view = release.view_results(ev.db, ev.login("chief"), ev.event_id, reveal_names=True)
    assert view.names_visible and view.who(view.results.ranked[0]) == "李四"
    with ev.db.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-1] == "results.reveal_names"
    assert audit.verify(ev.db).ok


def test_names_appear_at_the_lock(ev: ScoredEvent) -> None:
    ev.lock()
    view = release.view_results(ev.db, ev.login("admin"), ev.event_id)
    assert view.stage == "locked" and view.names_visible
    assert [view.who(r) for r in view.results.ranked] == ["李四", "张三"]


def test_release_is_refused_before_the_lock_and_to_non_chiefs(ev: ScoredEvent) -> None:
    chief = ev.login("chief")
    with pytest.raises(ResultsError) as info:
        release.release(ev.db, chief, ev.event_id)
    assert info.value.code == "not_locked"
    ev.lock()
    for who in ("admin", "judge1"):
        with pytest.raises(PermissionDenied):
            release.release(ev.db, ev.login(who), ev.event_id)
    with ev.db.read() as s:
        assert s.get(Event, ev.event_id).released_at is None  # type: ignore[union-attr]


def test_release_is_refused_while_anyone_is_incomplete(ev: ScoredEvent) -> None:
    """A theory-only entrant blocks the release until completed or marked absent."""
    ev.add(4, name="钱七", theory=60)
    ev.lock()
    with pytest.raises(ResultsError) as info:
        release.release(ev.db, ev.login("chief"), ev.event_id)
    assert info.value.code == "incomplete" and "4号工位" in info.value.message_zh


def test_release_publishes_audits_and_feeds_the_public_board(ev: ScoredEvent) -> None:
    """Nothing public before; after: released_at, status, an audit entry with the digest, and a
    public board with names and awards but no ID numbers. Releasing twice changes nothing."""
    with pytest.raises(release.NotReleased):
        release.released_results(ev.db, ev.event_id)
    ev.lock()
    with pytest.raises(release.NotReleased):
        release.released_results(ev.db, ev.event_id)
    chief = ev.login("chief")
    when = release.release(ev.db, chief, ev.event_id)
    with ev.db.read() as s:
        event = s.get(Event, ev.event_id)
        assert event is not None and event.released_at == when and event.status == "released"
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.action == "results.release"
    view = release.view_results(ev.db, chief, ev.event_id)
    assert entry.after["digest"] == release.results_digest(view.results)
    assert audit.verify(ev.db).ok

    board = release.released_results(ev.db, ev.event_id)
    assert [(r.rank, r.name, r.total, r.award) for r in board.rows[:2]] == [
        (1, "李四", "86.85", "一等奖"),
        (2, "张三", "83.68", "二等奖"),
    ]
    assert board.rows[2].state == "缺考" and board.rows[2].total == ""
    with ev.db.read() as s:
        from kmjudge.db.models import Contestant

        ids = [c.id_number for c in s.scalars(select(Contestant))]
    text = repr(board)
    assert ids and not any(i in text for i in ids)
    assert not hasattr(board.rows[0], "id_number") and not hasattr(board.rows[0], "key")

    assert release.release(ev.db, chief, ev.event_id) == when  # a second release: no-op
    # once released, any signed-in user may look
    assert release.view_results(ev.db, ev.login("judge1"), ev.event_id).stage == "released"


def test_unlocking_after_a_release_makes_results_provisional_again(ev: ScoredEvent) -> None:
    ev.lock()
    release.release(ev.db, ev.login("chief"), ev.event_id)
    ev.unlock()
    with pytest.raises(release.NotReleased):
        release.released_results(ev.db, ev.event_id)
    with pytest.raises(PermissionDenied):
        release.view_results(ev.db, ev.login("judge1"), ev.event_id)
    ev.lock()  # a new lock, later than the old release: still not released
    with pytest.raises(release.NotReleased):
        release.released_results(ev.db, ev.event_id)


def test_signoff_info_carries_the_audit_head_and_the_signers(ev: ScoredEvent) -> None:
    from kmjudge.db.models import Device

    info = release.signoff_info(ev.db, ev.event_id)
    with ev.db.read() as s:
        dev = s.get(Device, ev.db.device.id)
        assert dev is not None
    assert info.audit_head == dev.audit_head and len(info.audit_head) == 64
    assert [n for n, role in info.signers if role == "裁判员"] == [f"JUDGE{i}" for i in range(1, 6)]
    assert ("裁判长甲", "裁判长") in info.signers
