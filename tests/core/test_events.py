"""Event set-up through the services: from a file, scheme replacement, settings."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kmjudge import events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.errors import KmError
from tests.conftest import EXAMPLES, make_admin


def test_setup_file_creates_competition_events_and_schemes(any_db: Database) -> None:
    """The example set-up file creates both events with their schemes, on each backend."""
    admin = make_admin(any_db)
    ids = events.import_setup_file(any_db, admin, EXAMPLES / "event-setup.toml")
    assert len(ids) == 2
    listed = {e.trade: e for e in events.list_events(any_db, admin)}
    assert set(listed) == {"电工", "焊工"}
    detail = events.get_event(any_db, admin, listed["电工"].id)
    assert detail.scheme is not None and detail.scheme.total_max == Decimal(100)
    assert detail.theory_weight == 30 and detail.practical_weight == 70
    weld = events.get_event(any_db, admin, listed["焊工"].id)
    assert weld.summary.district == "五华区" and weld.ranking_groups == ["<=35", ">35"]


def test_importing_the_same_setup_twice_is_refused_whole(db: Database, admin: Actor) -> None:
    events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    with pytest.raises(KmError) as info:
        events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    assert "已有场次" in info.value.message_zh
    assert len(events.list_events(db, admin)) == 2


def test_scheme_round_trips_through_the_database(db: Database, admin: Actor) -> None:
    """What is stored reads back as the same scheme (Decimal exact, order kept)."""
    from kmjudge.scheme import load_scheme

    (ev, _) = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    stored = events.get_event(db, admin, ev).scheme
    assert stored is not None
    original = load_scheme(EXAMPLES / "scheme-electrician.toml")
    assert stored.to_dict()["criteria"] == original.to_dict()["criteria"]


def test_bad_scheme_file_changes_nothing(db: Database, admin: Actor, tmp_path: Path) -> None:
    """A scheme totalling 95 is refused with the amount; the old scheme stays."""
    (ev, _) = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    before = events.get_event(db, admin, ev).scheme
    text = (EXAMPLES / "scheme-electrician.toml").read_text("utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("max_mark = 10", "max_mark = 5", 1), "utf-8")
    assert bad.read_text("utf-8") != text
    with pytest.raises(ValueError) as info:
        events.import_scheme_file(db, admin, ev, bad)
    assert "95" in str(info.value)
    assert events.get_event(db, admin, ev).scheme == before


def test_update_event_checks_weights(db: Database, admin: Actor) -> None:
    (ev, _) = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    with pytest.raises(KmError) as info:
        events.update_event(db, admin, ev, theory_weight=40)
    assert "100" in info.value.message_zh
    events.update_event(db, admin, ev, theory_weight=20, practical_weight=80, venue="新场地")
    d = events.get_event(db, admin, ev)
    assert (d.theory_weight, d.practical_weight, d.summary.venue) == (20, 80, "新场地")


def test_find_event_by_name_part_or_id(db: Database, admin: Actor, tmp_path: Path) -> None:
    (ev, weld) = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    assert events.find_event(db, "电工") == ev
    assert events.find_event(db, str(weld)[:8]) == weld
    with pytest.raises(KmError):
        events.find_event(db, "项目")  # both names contain it
    shutil.rmtree(tmp_path, ignore_errors=True)
