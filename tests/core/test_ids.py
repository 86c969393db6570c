"""Record ids sort by creation time (UUID version 7), so one batch's rows sit together in
an index; they stay unique UUIDs that travel between machines."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kmjudge import demo
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, Registration, Score
from kmjudge.ids import new_id


def test_new_ids_are_version_7_unique_and_increasing() -> None:
    ids = [new_id() for _ in range(50_000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert {i.version for i in ids} == {7}
    assert {i.variant for i in ids} == {uuid.RFC_4122}


def test_an_id_starts_with_its_creation_time_in_milliseconds() -> None:
    import time

    before = time.time_ns() // 1_000_000
    u = new_id()
    after = time.time_ns() // 1_000_000
    # a burst may borrow the next millisecond or two, never an earlier one
    assert before <= u.int >> 80 <= after + 2


def test_marks_get_time_ordered_ids_and_people_keep_random_ones(db: Database) -> None:
    """Marks are many and nobody types their ids; events, people and registrations are
    looked up by an id prefix in the CLI, so theirs stay random (version 4)."""
    demo.create_demo(db)
    with db.read() as s:
        marks = list(s.scalars(select(Score.id)))
        people = list(s.scalars(select(Contestant.id)))
        regs = list(s.scalars(select(Registration.id)))
    assert marks and people and regs
    assert {u.version for u in marks} == {7}
    assert {u.version for u in people + regs} == {4}
    # eight characters still tell people apart
    assert len({str(u)[:8] for u in people}) == len(people)
