"""申诉 appeals: written, accepted only within 2 hours of the event's end; decision recorded.

Event times are the venue's wall-clock times (stored naive, see ``kmjudge.events``), so the
deadline is compared with the local clock. An event without an end time cannot take appeals
(the deadline would be unknown): set the end time first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Appeal, Registration, User
from kmjudge.errors import KmError, NotFound
from kmjudge.judging import common
from kmjudge.judging.views import AppealView

APPEAL_WINDOW = timedelta(hours=2)
OUTCOMES = {"upheld": "维持申诉（成立）", "rejected": "驳回", "pending": "待处理"}


def _view(a: Appeal, station: int | None) -> AppealView:
    return AppealView(
        a.id, station, a.submitted_at, a.submitted_by, a.text, a.outcome, a.decision, a.decided_at
    )


def appeals_in(s: Session, event_id: uuid.UUID) -> list[AppealView]:
    rows = s.execute(
        select(Appeal, Registration.station_no)
        .outerjoin(Registration, Registration.id == Appeal.registration_id)
        .where(Appeal.event_id == event_id)
        .order_by(Appeal.submitted_at)
    ).all()
    return [_view(a, st) for a, st in rows]


def _local_to_utc(value: datetime) -> datetime:
    """A venue wall-clock time (naive local) as the naive UTC the database stores."""
    return value.astimezone(UTC).replace(tzinfo=None)


def deadline(end_at: datetime | None) -> datetime | None:
    return end_at + APPEAL_WINDOW if end_at is not None else None


def submit_appeal(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    text: str,
    submitted_by: str,
    station_no: int | None = None,
    *,
    now: datetime | None = None,
) -> AppealView:
    """Record a written appeal handed in by ``submitted_by`` (the contestant or team leader).

    ``now`` is when it was handed in, on the venue's local wall clock (default: this
    computer's clock); an appeal received on paper at 19:20 and typed in at 19:40 is on time.
    It is stored as the appeal's time; the audit entry also keeps when it was typed in."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.VIEW_NAMES)
    body = (text or "").strip()
    who = " ".join((submitted_by or "").split())
    if len(body) < 5:
        raise KmError(
            "申诉须书面提出：请录入申诉内容。",
            "An appeal must be written: enter its text.",
            code="appeal_text",
        )
    if not who:
        raise KmError("请填写申诉人。", "Enter who submits the appeal.", code="appeal_by")
    now = now or datetime.now()
    with db.write() as s:
        ev = common.load_event(s, event_id)
        due = deadline(ev.end_at)
        if due is None:
            raise KmError(
                "本场次未设置结束时间，无法判断申诉时限；请先设置比赛结束时间。",
                "The event has no end time, so the appeal deadline is unknown; set it first.",
                code="no_end_time",
            )
        if now > due:
            raise KmError(
                f"申诉须在比赛结束后 2 小时内提出（截止 {due:%Y-%m-%d %H:%M}），"
                "现已超过时限，不予受理。",
                f"Appeals are accepted only within 2 hours of the end of the event (until "
                f"{due:%Y-%m-%d %H:%M}); this one is too late.",
                code="appeal_late",
            )
        reg_id = None
        if station_no is not None:
            reg_id = common.seat_at(s, ev, station_no).registration_id
        row = Appeal(
            event_id=ev.id,
            registration_id=reg_id,
            submitted_at=_local_to_utc(now),
            submitted_by=who[:100],
            text=body,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "appeal.submit",
            entity="appeal",
            entity_id=row.id,
            event_id=ev.id,
            after={
                "station": station_no,
                "by": who,
                "text": body,
                "received": now,
                "deadline": due,
            },
        )
        return _view(row, station_no)


def decide_appeal(
    db: Database, actor: Actor, appeal_id: uuid.UUID, outcome: str, decision: str
) -> AppealView:
    """The chief judge's written decision: ``upheld`` or ``rejected``."""
    if outcome not in ("upheld", "rejected"):
        raise KmError("处理结果只能是“成立”或“驳回”。", "Outcome must be upheld or rejected.")
    text = common.need_reason(decision)
    with db.write() as s:
        row = s.get(Appeal, appeal_id, with_for_update=True)
        if row is None:
            raise NotFound("找不到该申诉。", f"No appeal {appeal_id}.")
        common.require_chief(s, actor, row.event_id, Perm.REVIEW_SCORES)
        if row.outcome != "pending":
            raise KmError(
                "该申诉已有处理结果，不能再改。",
                "This appeal was decided already.",
                code="decided",
            )
        row.outcome = outcome
        row.decision = text
        row.decided_at = utcnow()
        row.decided_by = actor.user_id
        s.flush()
        station = (
            s.scalar(select(Registration.station_no).where(Registration.id == row.registration_id))
            if row.registration_id
            else None
        )
        audit.record(
            s,
            db,
            actor,
            "appeal.decide",
            entity="appeal",
            entity_id=row.id,
            event_id=row.event_id,
            before={"outcome": "pending"},
            after={"outcome": outcome, "decision": text},
        )
        return _view(row, station)


def list_appeals(db: Database, actor: Actor, event_id: uuid.UUID) -> list[AppealView]:
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.VIEW_NAMES)
    with db.read() as s:
        common.load_event(s, event_id)
        return appeals_in(s, event_id)


@dataclass(frozen=True)
class AppealEntry:
    """An appeal on the chief judge's list, with who decided it."""

    appeal: AppealView
    decided_by: str  # display name ("" while pending)


@dataclass(frozen=True)
class AppealDesk:
    """The event's appeal window (venue wall-clock times) and every appeal, oldest first."""

    event_name: str
    end_at: datetime | None
    deadline: datetime | None
    now: datetime
    entries: tuple[AppealEntry, ...]

    @property
    def open(self) -> bool:
        """Appeals may still be handed in."""
        return self.deadline is not None and self.now <= self.deadline

    @property
    def time_left(self) -> timedelta | None:
        """Until the deadline (negative once it has passed; None without an end time)."""
        return self.deadline - self.now if self.deadline is not None else None

    @property
    def pending(self) -> int:
        return sum(1 for e in self.entries if e.appeal.outcome == "pending")


def appeal_desk(
    db: Database, actor: Actor, event_id: uuid.UUID, *, now: datetime | None = None
) -> AppealDesk:
    """The appeal window and the appeals with their decisions (who, when)."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.VIEW_NAMES)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        views = appeals_in(s, ev.id)
        deciders = {
            a.id: a.decided_by
            for a in s.scalars(select(Appeal).where(Appeal.event_id == ev.id))
            if a.decided_by is not None
        }
        names = {
            uid: name
            for uid, name in s.execute(
                select(User.id, User.display_name).where(User.id.in_(set(deciders.values())))
            )
        }
        return AppealDesk(
            event_name=ev.name,
            end_at=ev.end_at,
            deadline=deadline(ev.end_at),
            now=now or datetime.now(),
            entries=tuple(
                AppealEntry(v, names.get(deciders[v.id], "") if v.id in deciders else "")
                for v in views
            ),
        )


__all__ = [
    "APPEAL_WINDOW",
    "AppealDesk",
    "AppealEntry",
    "appeal_desk",
    "decide_appeal",
    "list_appeals",
    "submit_appeal",
]
