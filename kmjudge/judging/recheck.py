"""复核 recheck: all of the top 10 plus a random 15 % of the rest, then the error rate.

``recheck_sample`` draws once per event (with ``secrets``; a second call returns the same
draw, so nobody can redraw until a convenient sample comes up). The ranking it draws from is a
parameter: registration id -> rank within its ranking group. By default it comes from the
results engine (``kmjudge.results``); without it, from a simple ranking by practical total
(mean of the counting judges' marks). ``record_recheck`` stores each outcome. When the errors
found in the sample exceed 5 % of the sample, every other ranked contestant is added for a
full recheck (reason ``full``), and locking the event waits until all are checked.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Event, Recheck, Registration, Score
from kmjudge.errors import KmError, NotFound
from kmjudge.judging import common, rules
from kmjudge.judging.views import RecheckItem, RecheckStatus

TOP_N = 10
SAMPLE_RATIO = Decimal("0.15")
ERROR_LIMIT = Decimal("0.05")
SAMPLE_REASONS = ("top", "sample")


def sample_size(rest: int, ratio: Decimal = SAMPLE_RATIO) -> int:
    """ceil(ratio x rest), exactly (15 % of 20 is 3, of 21 is 4)."""
    return math.ceil(Decimal(rest) * ratio)


def simple_ranking(s: Session, ev: Event) -> dict[uuid.UUID, int]:
    """Competition ranks (1, 2, 2, 4) by practical total: mean of the counting judges on each
    aspect, J as max x mean/3, deductions as mean occurrences x per occurrence (capped), never
    below 0. The fallback when the results engine is not there."""
    scheme = common.scheme_index(s, ev.id)
    active = {x.registration_id for x in common.seats(s, ev) if x.active}
    marks: dict[tuple[uuid.UUID, uuid.UUID], list[Decimal]] = {}
    for reg_id, asp_id, value in s.execute(
        select(Score.registration_id, Score.aspect_id, Score.value).where(
            Score.event_id == ev.id, Score.trainee.is_(False)
        )
    ):
        marks.setdefault((reg_id, asp_id), []).append(value)
    totals: dict[uuid.UUID, Decimal] = {}
    for reg_id in active:
        total = Decimal(0)
        for a in scheme.aspects:
            vals = marks.get((reg_id, a.id))
            if not vals:
                continue
            mean = sum(vals, Decimal(0)) / len(vals)
            if a.kind == "J":
                total += a.max_mark * mean / 3
            elif a.kind == "D":
                total -= rules.deduction_points(a, mean)
            else:
                total += mean
        totals[reg_id] = max(total, Decimal(0))
    ordered = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    ranks: dict[uuid.UUID, int] = {}
    for i, (reg_id, total) in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        ranks[reg_id] = ranks[prev[0]] if prev and prev[1] == total else i + 1
    return ranks


def default_ranking(db: Database, event_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Ranks from the results engine when it ranks everyone still competing; otherwise (e.g.
    theory scores not imported yet, so the engine ranks nobody) ``simple_ranking``."""
    with db.read() as s:
        ev = common.load_event(s, event_id)
        competing = set(_competing(s, ev))
        fallback = simple_ranking(s, ev)
    try:
        from kmjudge.results.engine import compute
        from kmjudge.results.load import load_event
    except ImportError:  # pragma: no cover - the engine ships with the core
        return fallback
    result = compute(load_event(db, event_id).inputs)
    ranks = {uuid.UUID(r.key): r.rank for r in result.rows if r.rank is not None}
    return ranks if competing and competing <= set(ranks) else fallback


def _items(s: Session, event_id: uuid.UUID) -> list[RecheckItem]:
    rows = s.execute(
        select(Recheck, Registration.station_no)
        .join(Registration, Registration.id == Recheck.registration_id)
        .where(Recheck.event_id == event_id)
    ).all()
    order = {"top": 0, "sample": 1, "full": 2}
    items = [
        RecheckItem(
            r.id,
            st,
            r.registration_id,
            r.reason,
            r.checked_at is not None,
            r.found_error,
            r.note,
        )
        for r, st in rows
    ]
    items.sort(key=lambda i: (order.get(i.reason, 3), i.station_no or 0))
    return items


def status_in(s: Session, event_id: uuid.UUID, limit: Decimal = ERROR_LIMIT) -> RecheckStatus:
    items = _items(s, event_id)
    sample = [i for i in items if i.reason in SAMPLE_REASONS]
    errors = sum(1 for i in sample if i.found_error)
    rate = Decimal(errors) / Decimal(len(sample)) if sample else Decimal(0)
    full_required = rate > limit
    has_full = any(i.reason == "full" for i in items)
    return RecheckStatus(
        drawn=bool(items),
        items=tuple(items),
        sample_size=len(sample),
        errors=errors,
        error_rate=rate,
        limit=limit,
        full_required=full_required,
        complete=bool(items) and all(i.checked for i in items) and (has_full or not full_required),
    )


def recheck_sample(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    ranking: Mapping[uuid.UUID, int] | None = None,
    *,
    top_n: int = TOP_N,
    ratio: Decimal = SAMPLE_RATIO,
) -> RecheckStatus:
    """Draw the recheck sample: everyone ranked ``top_n`` or better (ties included) plus
    ceil(``ratio`` x the rest) drawn at random. Drawn once; later calls return that draw."""
    with db.read() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        common.load_event(s, event_id)
        if s.scalar(select(Recheck.id).where(Recheck.event_id == event_id)) is not None:
            return status_in(s, event_id)
    ranks = dict(ranking) if ranking is not None else default_ranking(db, event_id)
    if not ranks:
        raise KmError(
            "还没有可排名的选手，不能抽取复核样本。",
            "Nobody is ranked yet; nothing to draw a recheck sample from.",
            code="no_ranking",
        )
    top = sorted((r for r, k in ranks.items() if k <= top_n), key=lambda r: ranks[r])
    rest = sorted((r for r in ranks if r not in set(top)), key=str)
    drawn = secrets.SystemRandom().sample(rest, sample_size(len(rest), ratio))
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id, lock=True)
        if s.scalar(select(Recheck.id).where(Recheck.event_id == ev.id)) is not None:
            return status_in(s, ev.id)  # drawn meanwhile on another computer
        known = set(s.scalars(select(Registration.id).where(Registration.event_id == ev.id)))
        stray = [r for r in ranks if r not in known]
        if stray:
            raise NotFound(
                "排名中有不属于本场次的选手。", "The ranking names unknown registrations."
            )
        for reg_id, reason in [*((r, "top") for r in top), *((r, "sample") for r in drawn)]:
            s.add(Recheck(event_id=ev.id, registration_id=reg_id, reason=reason))
        s.flush()
        station = {
            r[0]: r[1]
            for r in s.execute(
                select(Registration.id, Registration.station_no).where(
                    Registration.event_id == ev.id
                )
            )
        }
        audit.record(
            s,
            db,
            actor,
            "recheck.draw",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            after={
                "top": [station.get(r) for r in top],
                "sample": sorted(station.get(r) or 0 for r in drawn),
                "population": len(ranks),
                "ratio": ratio,
            },
        )
        return status_in(s, ev.id)


def record_recheck(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    station_no: int,
    found_error: bool,
    note: str = "",
) -> RecheckStatus:
    """Record one recheck's outcome. Errors above 5 % of the sample add everyone else."""
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id, lock=True)
        seat = common.seat_at(s, ev, station_no)
        row = s.scalar(
            select(Recheck).where(
                Recheck.event_id == ev.id, Recheck.registration_id == seat.registration_id
            )
        )
        if row is None:
            raise NotFound(
                f"{station_no} 号工位不在复核名单中。",
                f"Station {station_no} is not on the recheck list.",
            )
        if found_error and len(" ".join(note.split())) < 2:
            raise KmError(
                "发现差错时请写明差错内容。", "Describe the error found.", code="reason_required"
            )
        before = {"found_error": row.found_error, "note": row.note}
        row.found_error = bool(found_error)
        row.note = " ".join(note.split())[:1000]
        row.checked_at = utcnow()
        row.checked_by = actor.user_id
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "recheck.record",
            entity="recheck",
            entity_id=row.id,
            event_id=ev.id,
            before=before,
            after={"station": station_no, "found_error": row.found_error, "note": row.note},
        )
        st = status_in(s, ev.id)
        if st.full_required and not any(i.reason == "full" for i in st.items):
            ranked = set(_competing(s, ev))
            on_list = {i.registration_id for i in st.items}
            extra = sorted(ranked - on_list, key=str)
            for reg_id in extra:
                s.add(Recheck(event_id=ev.id, registration_id=reg_id, reason="full"))
            s.flush()
            audit.record(
                s,
                db,
                actor,
                "recheck.full_required",
                entity="event",
                entity_id=ev.id,
                event_id=ev.id,
                after={
                    "errors": st.errors,
                    "sample": st.sample_size,
                    "rate": st.error_rate,
                    "added": len(extra),
                },
            )
            st = status_in(s, ev.id)
        return st


def _competing(s: Session, ev: Event) -> list[uuid.UUID]:
    """Everyone still competing (the population of a full recheck)."""
    return [x.registration_id for x in common.seats(s, ev) if x.active]


def recheck_status(db: Database, actor: Actor, event_id: uuid.UUID) -> RecheckStatus:
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        common.load_event(s, event_id)
        return status_in(s, event_id)


__all__ = [
    "ERROR_LIMIT",
    "SAMPLE_RATIO",
    "TOP_N",
    "default_ranking",
    "recheck_sample",
    "recheck_status",
    "record_recheck",
    "sample_size",
    "simple_ranking",
]
