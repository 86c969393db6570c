"""Competitions, events and their marking schemes: create, read, change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Aspect,
    CheckIn,
    Competition,
    Criterion,
    Event,
    Registration,
    Score,
    SubCriterion,
    Trade,
)
from kmjudge.errors import KmError, NotFound
from kmjudge.scheme import AspectSpec, CriterionSpec, SchemeSpec, SubCriterionSpec, load_scheme
from kmjudge.setupfile import EventSpec, SetupSpec, load_setup

LEVEL_ZH = {
    "city": "市级",
    "district": "区级",
    "county": "县级",
    "park": "园区",
    "industry": "行业",
}
STATUS_ZH = {"setup": "筹备", "open": "进行中", "locked": "已锁定", "released": "已公布"}


@dataclass(frozen=True)
class EventSummary:
    id: uuid.UUID
    competition: str
    year: int
    name: str
    trade: str
    level: str
    district: str
    venue: str
    start_at: datetime | None
    status: str
    registered: int = 0
    checked_in: int = 0

    @property
    def level_zh(self) -> str:
        return LEVEL_ZH.get(self.level, self.level)


@dataclass(frozen=True)
class EventDetail:
    summary: EventSummary
    organiser: str
    end_at: datetime | None
    checkin_opens_at: datetime | None
    checkin_closes_at: datetime | None
    theory_weight: Decimal
    practical_weight: Decimal
    pass_mark: Decimal
    spread_limit: Decimal
    judges_per_panel: int
    ranking_groups: Any
    award: dict[str, Any]
    tie_break: list[str]
    trade_code: str
    trade_grade: str
    scheme: SchemeSpec | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _dt(value: date | datetime | None) -> datetime | None:
    """Event schedule times are the venue's local wall-clock times (a timetable, not an
    instant): a time given with an offset is converted to local time and stored naive."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    return datetime.combine(value, time(8, 0))


def _trade(s: Session, name: str, code: str, grade: str) -> Trade:
    row = s.scalar(select(Trade).where(Trade.name == name, Trade.grade == grade))
    if row is None:
        row = Trade(name=name, occupation_code=code, grade=grade)
        s.add(row)
        s.flush()
    elif code and not row.occupation_code:
        row.occupation_code = code
    return row


def _competition(s: Session, name: str, campaign: str, year: int) -> Competition:
    row = s.scalar(select(Competition).where(Competition.name == name, Competition.year == year))
    if row is None:
        row = Competition(name=name, campaign=campaign, year=year)
        s.add(row)
        s.flush()
    return row


def _write_scheme(s: Session, event: Event, scheme: SchemeSpec) -> None:
    event.scheme_title = scheme.title
    event.spread_limit = scheme.spread_limit
    for old in list(event.criteria):
        s.delete(old)
    s.flush()
    for ci, crit in enumerate(scheme.criteria):
        c = Criterion(event_id=event.id, code=crit.code, title=crit.title, position=ci)
        s.add(c)
        s.flush()
        for si, sub in enumerate(crit.subcriteria):
            sc = SubCriterion(criterion_id=c.id, code=sub.code, title=sub.title, position=si)
            s.add(sc)
            s.flush()
            for ai, a in enumerate(sub.aspects):
                s.add(
                    Aspect(
                        event_id=event.id,
                        subcriterion_id=sc.id,
                        code=a.code,
                        title=a.title,
                        description=a.description,
                        kind=a.kind,
                        max_mark=a.max_mark,
                        step=a.step,
                        all_or_nothing=a.all_or_nothing,
                        panel_rule=a.panel_rule,
                        cap=a.cap,
                        judges_min=a.judges_min,
                        position=ai,
                    )
                )
    s.flush()
    s.expire(event, ["criteria"])


def _event_fields(spec: EventSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "level": spec.level,
        "district": spec.district,
        "organiser": spec.organiser,
        "venue": spec.venue,
        "start_at": _dt(spec.start),
        "end_at": _dt(spec.end),
        "checkin_opens_at": _dt(spec.checkin_opens),
        "checkin_closes_at": _dt(spec.checkin_closes),
        "theory_weight": spec.theory_weight,
        "practical_weight": spec.practical_weight,
        "pass_mark": spec.pass_mark,
        "ranking_groups": (
            spec.ranking_groups
            if isinstance(spec.ranking_groups, str)
            else [getattr(band, "text", str(band)) for band in spec.ranking_groups]
        ),
        "award": audit.jsonable(spec.award.to_dict()),
        "tie_break": list(spec.tie_break),
        "judges_per_panel": spec.judges_per_panel,
    }


def create_from_setup(db: Database, actor: Actor, spec: SetupSpec) -> list[uuid.UUID]:
    """Create the competition and every event of a set-up file in one transaction."""
    require(actor, Perm.SETUP_EVENTS)
    ids: list[uuid.UUID] = []
    with db.write() as s:
        comp = _competition(
            s, spec.competition.name, spec.competition.campaign, spec.competition.year
        )
        for ev in spec.events:
            exists = s.scalar(
                select(Event).where(Event.competition_id == comp.id, Event.name == ev.name)
            )
            if exists is not None:
                raise KmError(
                    f"竞赛“{comp.name}”中已有场次“{ev.name}”，未重复创建。",
                    f"Competition {comp.name!r} already has an event {ev.name!r}; "
                    "nothing was created.",
                    code="exists",
                )
            trade = _trade(s, ev.trade, ev.trade_code, ev.trade_grade)
            event = Event(
                competition_id=comp.id,
                trade_id=trade.id,
                origin_device_id=db.device.id,
                **_event_fields(ev),
            )
            s.add(event)
            s.flush()
            _write_scheme(s, event, ev.scheme)
            audit.record(
                s,
                db,
                actor,
                "event.create",
                entity="event",
                entity_id=event.id,
                event_id=event.id,
                after={**_event_fields(ev), "trade": ev.trade, "scheme": ev.scheme.to_dict()},
            )
            ids.append(event.id)
    return ids


def import_setup_file(db: Database, actor: Actor, path: str | Path) -> list[uuid.UUID]:
    require(actor, Perm.SETUP_EVENTS)
    return create_from_setup(db, actor, load_setup(path))


def _count(s: Session, event_id: uuid.UUID, status: str | None = None) -> int:
    q = select(func.count()).select_from(Registration).where(Registration.event_id == event_id)
    if status:
        q = q.where(Registration.status == status)
    return s.scalar(q) or 0


def _summary(s: Session, ev: Event) -> EventSummary:
    return EventSummary(
        id=ev.id,
        competition=ev.competition.name,
        year=ev.competition.year,
        name=ev.name,
        trade=ev.trade.name,
        level=ev.level,
        district=ev.district,
        venue=ev.venue,
        start_at=ev.start_at,
        status=ev.status,
        registered=_count(s, ev.id),
        checked_in=_count(s, ev.id, "checked_in"),
    )


def list_events(db: Database, actor: Actor) -> list[EventSummary]:
    """Every event (any signed-in user may see the list of events)."""
    with db.read() as s:
        rows = s.scalars(select(Event).order_by(Event.start_at, Event.name)).all()
        return [_summary(s, ev) for ev in rows]


def _load(s: Session, event_id: uuid.UUID) -> Event:
    ev = s.get(Event, event_id)
    if ev is None:
        raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
    return ev


def find_event(db: Database, ref: str) -> uuid.UUID:
    """An event by UUID, UUID prefix or exact name (for the CLI)."""
    with db.read() as s:
        events = s.scalars(select(Event)).all()
    matches = [e for e in events if str(e.id) == ref or e.name == ref]
    if not matches and len(ref) >= 4:
        matches = [e for e in events if str(e.id).startswith(ref)]
    if not matches:
        matches = [e for e in events if ref and ref in e.name]
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise NotFound(f"找不到竞赛场次“{ref}”。", f"No event matches {ref!r}.")
    raise KmError(
        f"“{ref}”对应多个场次，请用编号。", f"{ref!r} matches several events; use the id."
    )


def scheme_of(s: Session, ev: Event) -> SchemeSpec:
    criteria = []
    for c in ev.criteria:
        subs = []
        for sc in c.subcriteria:
            aspects = tuple(
                AspectSpec(
                    code=a.code,
                    title=a.title,
                    kind=a.kind,  # type: ignore[arg-type]
                    max_mark=a.max_mark,
                    step=a.step,
                    all_or_nothing=a.all_or_nothing,
                    panel_rule=a.panel_rule,  # type: ignore[arg-type]
                    cap=a.cap,
                    description=a.description,
                    judges_min=a.judges_min,
                )
                for a in sc.aspects
            )
            subs.append(SubCriterionSpec(code=sc.code, title=sc.title, aspects=aspects))
        criteria.append(CriterionSpec(code=c.code, title=c.title, subcriteria=tuple(subs)))
    return SchemeSpec(title=ev.scheme_title, criteria=tuple(criteria), spread_limit=ev.spread_limit)


def get_event(db: Database, actor: Actor, event_id: uuid.UUID) -> EventDetail:
    with db.read() as s:
        ev = _load(s, event_id)
        counts = {
            st: _count(s, ev.id, st)
            for st in ("registered", "checked_in", "absent", "withdrawn", "disqualified")
        }
        return EventDetail(
            summary=_summary(s, ev),
            organiser=ev.organiser,
            end_at=ev.end_at,
            checkin_opens_at=ev.checkin_opens_at,
            checkin_closes_at=ev.checkin_closes_at,
            theory_weight=ev.theory_weight,
            practical_weight=ev.practical_weight,
            pass_mark=ev.pass_mark,
            spread_limit=ev.spread_limit,
            judges_per_panel=ev.judges_per_panel,
            ranking_groups=ev.ranking_groups,
            award=dict(ev.award or {}),
            tie_break=list(ev.tie_break or []),
            trade_code=ev.trade.occupation_code,
            trade_grade=ev.trade.grade,
            scheme=scheme_of(s, ev) if ev.criteria else None,
            counts=counts,
        )


def replace_scheme(db: Database, actor: Actor, event_id: uuid.UUID, scheme: SchemeSpec) -> None:
    """Replace an event's marking scheme; refused once any score exists or it is locked."""
    require(actor, Perm.SETUP_EVENTS)
    with db.write() as s:
        ev = _load(s, event_id)
        if ev.locked_at is not None:
            raise KmError(
                "该场次已锁定，不能修改评分标准。",
                "The event is locked; its marking scheme cannot change.",
            )
        scored = s.scalar(select(func.count()).select_from(Score).where(Score.event_id == ev.id))
        if scored:
            raise KmError(
                f"已有 {scored} 条评分，不能再更换评分标准。",
                f"{scored} scores exist already; the marking scheme can no longer be replaced.",
                code="scores_exist",
            )
        before = scheme_of(s, ev).to_dict() if ev.criteria else None
        _write_scheme(s, ev, scheme)
        audit.record(
            s,
            db,
            actor,
            "event.scheme_replace",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            before=before,
            after=scheme.to_dict(),
        )


def import_scheme_file(
    db: Database, actor: Actor, event_id: uuid.UUID, path: str | Path
) -> SchemeSpec:
    require(actor, Perm.SETUP_EVENTS)
    scheme = load_scheme(path)
    replace_scheme(db, actor, event_id, scheme)
    return scheme


EDITABLE = {
    "name",
    "district",
    "organiser",
    "venue",
    "start_at",
    "end_at",
    "checkin_opens_at",
    "checkin_closes_at",
    "theory_weight",
    "practical_weight",
    "pass_mark",
    "judges_per_panel",
}


def update_event(db: Database, actor: Actor, event_id: uuid.UUID, **changes: Any) -> None:
    """Change an event's settings (weights must still add up to 100)."""
    require(actor, Perm.SETUP_EVENTS)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise KmError(
            f"不能修改的字段：{', '.join(sorted(unknown))}",
            f"Fields that cannot be changed here: {', '.join(sorted(unknown))}",
        )
    with db.write() as s:
        ev = _load(s, event_id)
        if ev.locked_at is not None:
            raise KmError("该场次已锁定，不能修改。", "The event is locked.")
        before = {k: getattr(ev, k) for k in changes}
        for k, v in changes.items():
            setattr(ev, k, Decimal(str(v)) if k.endswith(("weight", "mark")) else v)
        if ev.theory_weight + ev.practical_weight != 100:
            raise KmError(
                f"理论与实操权重之和须为 100%（现为 {ev.theory_weight + ev.practical_weight}%）。",
                f"Theory and practical weights must add up to 100% "
                f"(they add up to {ev.theory_weight + ev.practical_weight}%).",
            )
        ev.version += 1
        audit.record(
            s,
            db,
            actor,
            "event.update",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            before=before,
            after=changes,
        )


def checked_in_counts(db: Database, event_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    with db.read() as s:
        rows = s.execute(
            select(Registration.event_id, func.count(CheckIn.id))
            .join(CheckIn, CheckIn.registration_id == Registration.id)
            .where(Registration.event_id.in_(list(event_ids)), CheckIn.undone_at.is_(None))
            .group_by(Registration.event_id)
        ).all()
    return {r[0]: r[1] for r in rows}


__all__ = [
    "EventDetail",
    "EventSummary",
    "create_from_setup",
    "find_event",
    "get_event",
    "import_scheme_file",
    "import_setup_file",
    "list_events",
    "replace_scheme",
    "update_event",
]
