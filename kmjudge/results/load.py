"""An event's results inputs, read from the database in a handful of bulk queries.

Reads the Score, TheoryScore, Registration and Contestant tables directly (Core selects, no ORM
objects per score: 200,000 scores load in well under a second on SQLite). What a stored value
means follows the judging rules (``kmjudge.judging.rules``): M = points, J = grade 0-3,
D = number of occurrences, turned into points here (occurrences x per-occurrence deduction,
at most the cap) so that the engine only ever sees points.

Why not ``kmjudge.judging.results_input.scores_for_results``: results also need each
contestant's gender and birth date (ranking groups) and identity (kept apart from the engine),
which that view does not carry, and it builds a ``uuid.UUID`` per score row (the ORM path),
which is most of the time at 200,000 scores. Both read the same rows with the same meaning;
``tests/results/test_load_db.py`` checks that they agree mark for mark.

Names and employers go into ``LoadedEvent.identities``, never into the engine's inputs; the
release rules (``release.py``) decide who gets them and when.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Aspect,
    Competition,
    Contestant,
    Criterion,
    Event,
    Registration,
    Score,
    Setting,
    SubCriterion,
    TheoryScore,
    Trade,
    User,
)
from kmjudge.errors import NotFound
from kmjudge.results.model import (
    DEFAULT_TIE_BREAK,
    TIE_BREAK_KEYS,
    AspectDef,
    AwardRules,
    ContestantInput,
    EventInputs,
    EventRules,
    Mark,
    UpgradeRule,
)

#: Optional site-wide results settings (a ``setting`` row; no schema change needed), e.g.
#: ``{"titles": {"city": {"1": "技术状元"}}, "upgrade": {"min_tier": "third", "top_n": null},
#: "titles_require_pass": true, "short_panel": "fallback"}``.
RESULTS_SETTING_KEY = "results.rules"


@dataclass(frozen=True)
class EventMeta:
    """What the outputs print about the event."""

    id: uuid.UUID
    name: str
    competition: str
    campaign: str
    year: int
    trade: str
    trade_grade: str
    level: str
    district: str
    organiser: str
    venue: str
    start_at: datetime | None
    end_at: datetime | None
    scheme_title: str
    status: str
    locked_at: datetime | None
    released_at: datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    @property
    def released(self) -> bool:
        """Released and still final: a release older than the current lock does not count."""
        return (
            self.locked_at is not None
            and self.released_at is not None
            and self.released_at >= self.locked_at
        )


@dataclass(frozen=True)
class Identity:
    """Who a registration is. Never given to the engine; ``id_masked`` only, never the ID."""

    name: str
    gender: str
    employer: str
    district: str
    ticket_no: str
    id_masked: str


@dataclass(frozen=True)
class LoadedEvent:
    meta: EventMeta
    inputs: EventInputs
    identities: Mapping[str, Identity]
    #: judge key (username) -> display name
    judges: Mapping[str, str]


def _mask(id_number: str) -> str:
    return id_number[:6] + "*" * 8 + id_number[-4:] if len(id_number) == 18 else "*" * 6


def _settings(s: Session) -> dict[str, Any]:
    row = s.get(Setting, RESULTS_SETTING_KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def rules_of(ev: Event, settings: Mapping[str, Any] | None = None) -> EventRules:
    """The engine's rules from an event row (and the optional ``results.rules`` setting).

    Ages for age-band groups are taken on the event's start date (its end date, or today, if
    the start is not set). An empty ``tie_break`` means the default chain.
    """
    settings = settings or {}
    groups_raw = ev.ranking_groups
    groups: str | tuple[str, ...]
    if isinstance(groups_raw, list | tuple):
        groups = tuple(str(g) for g in groups_raw)
    elif isinstance(groups_raw, str) and groups_raw:
        groups = groups_raw
    else:
        groups = "all"
    when = ev.start_at or ev.end_at
    age_day: date = when.date() if when is not None else utcnow().date()
    chain = tuple(str(t) for t in (ev.tie_break or []) if str(t) in TIE_BREAK_KEYS)
    titles_all = settings.get("titles")
    titles = None
    if isinstance(titles_all, dict) and isinstance(titles_all.get(ev.level), dict):
        titles = {int(k): str(v) for k, v in titles_all[ev.level].items()}
    up = settings.get("upgrade") if isinstance(settings.get("upgrade"), dict) else {}
    assert isinstance(up, dict)
    min_tier = up.get("min_tier", "third")
    top_n = up.get("top_n")
    return EventRules(
        theory_weight=Decimal(ev.theory_weight),
        practical_weight=Decimal(ev.practical_weight),
        pass_mark=Decimal(ev.pass_mark),
        ranking_groups=groups,
        age_on=age_day,
        award=AwardRules.from_json(ev.award if isinstance(ev.award, dict) else None),
        tie_break=chain or DEFAULT_TIE_BREAK,
        level=ev.level,
        titles=titles,
        titles_require_pass=bool(settings.get("titles_require_pass", True)),
        upgrade=UpgradeRule(
            min_tier=min_tier if min_tier in ("first", "second", "third", "") else "third",
            top_n=int(top_n) if isinstance(top_n, int) else None,
        ),
        short_panel="incomplete" if settings.get("short_panel") == "incomplete" else "fallback",
    )


def event_meta(s: Session, event_id: uuid.UUID) -> tuple[Event, EventMeta]:
    ev = s.get(Event, event_id)
    if ev is None:
        raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
    comp = s.get(Competition, ev.competition_id)
    trade = s.get(Trade, ev.trade_id)
    meta = EventMeta(
        id=ev.id,
        name=ev.name,
        competition=comp.name if comp else "",
        campaign=comp.campaign if comp else "",
        year=comp.year if comp else 0,
        trade=trade.name if trade else "",
        trade_grade=trade.grade if trade else "",
        level=ev.level,
        district=ev.district,
        organiser=ev.organiser,
        venue=ev.venue,
        start_at=ev.start_at,
        end_at=ev.end_at,
        scheme_title=ev.scheme_title,
        status=ev.status,
        locked_at=ev.locked_at,
        released_at=ev.released_at,
    )
    return ev, meta


def load_event(db: Database, event_id: uuid.UUID) -> LoadedEvent:
    """Everything the results of one event are computed from (one read transaction)."""
    with db.read() as s:
        ev, meta = event_meta(s, event_id)
        rules = rules_of(ev, _settings(s))

        aspect_rows = s.execute(
            select(Aspect)
            .join(SubCriterion, Aspect.subcriterion_id == SubCriterion.id)
            .join(Criterion, SubCriterion.criterion_id == Criterion.id)
            .where(Aspect.event_id == event_id)
            .order_by(Criterion.position, SubCriterion.position, Aspect.position)
            .add_columns(Criterion.code, Criterion.title)
        ).all()
        aspects: list[AspectDef] = []
        code_of: dict[uuid.UUID, str] = {}
        by_code: dict[str, Aspect] = {}
        for a, crit_code, crit_title in aspect_rows:
            code_of[a.id] = a.code
            by_code[a.code] = a
            aspects.append(
                AspectDef(
                    key=a.code,
                    code=a.code,
                    kind=a.kind,
                    max_mark=a.max_mark,
                    panel_rule=a.panel_rule,
                    cap=a.cap,
                    title=a.title,
                    criterion=crit_code,
                    criterion_title=crit_title,
                    judges_min=a.judges_min,
                )
            )

        # Ids come back raw (no uuid.UUID per row: 600,000 of them cost seconds); the few
        # registrations, aspects and judges are mapped from their raw ids once.
        conn = s.connection()
        aspect_raw = {
            raw: code_of[uuid.UUID(str(raw)) if not isinstance(raw, uuid.UUID) else raw]
            for (raw,) in conn.execute(
                select(type_coerce(Aspect.id, String)).where(Aspect.event_id == event_id)
            )
        }
        judges: dict[Any, tuple[uuid.UUID, str, str]] = {
            raw: (uuid.UUID(str(raw)) if not isinstance(raw, uuid.UUID) else raw, name, shown)
            for raw, name, shown in conn.execute(
                select(type_coerce(User.id, String), User.username, User.display_name)
            )
        }
        per_occurrence: dict[Any, tuple[Decimal, Decimal | None]] = {
            raw: (a.max_mark, a.cap)
            for raw, a in ((raw, by_code[code]) for raw, code in aspect_raw.items())
            if a.kind == "D"
        }
        judge_name = {raw: j[1] for raw, j in judges.items()}
        buckets: dict[tuple[Any, Any], list[Mark]] = {}
        value_cache: dict[str, Decimal] = {}
        score_rows = conn.execute(
            select(
                type_coerce(Score.registration_id, String),
                type_coerce(Score.aspect_id, String),
                type_coerce(Score.judge_id, String),
                type_coerce(Score.value, String),
                Score.trainee,
            ).where(Score.event_id == event_id)
        ).all()
        new_mark = tuple.__new__  # Mark is a NamedTuple: skip its Python-level __new__
        for reg_raw, aspect_raw_id, judge_raw, text, trainee in score_rows:
            try:
                value = value_cache[text]
            except KeyError:
                value = value_cache[text] = Decimal(text)
            if aspect_raw_id in per_occurrence:
                per, cap = per_occurrence[aspect_raw_id]
                value = value * per
                if cap is not None and value > cap:
                    value = cap
            judge = judge_name.get(judge_raw) or str(judge_raw)
            mark = new_mark(Mark, (judge, value, bool(trainee)))
            try:
                buckets[reg_raw, aspect_raw_id].append(mark)
            except KeyError:
                buckets[reg_raw, aspect_raw_id] = [mark]
        used_judges = {m.judge for ms in buckets.values() for m in ms}
        marks: dict[Any, dict[str, tuple[Mark, ...]]] = {}
        for (reg_raw, aspect_raw_id), ms in buckets.items():
            code = aspect_raw.get(aspect_raw_id)
            if code is not None:
                marks.setdefault(reg_raw, {})[code] = tuple(ms)

        theory: dict[Any, Decimal] = {
            reg: value
            for reg, value in conn.execute(
                select(type_coerce(TheoryScore.registration_id, String), TheoryScore.value)
                .join(Registration, TheoryScore.registration_id == Registration.id)
                .where(Registration.event_id == event_id)
            )
        }

        reg_rows = conn.execute(
            select(
                type_coerce(Registration.id, String),
                Registration.station_no,
                Registration.status,
                Registration.ranking_group,
                Registration.completion_seconds,
                Registration.ticket_no,
                Registration.employer,
                Registration.district,
                Contestant.name,
                Contestant.gender,
                Contestant.birth_date,
                Contestant.employer,
                Contestant.district,
                Contestant.id_number,
            )
            .join(Contestant, Registration.contestant_id == Contestant.id)
            .where(Registration.event_id == event_id)
        ).all()

    contestants: list[ContestantInput] = []
    identities: dict[str, Identity] = {}
    for r in reg_rows:
        key = str(uuid.UUID(str(r[0]))) if not isinstance(r[0], uuid.UUID) else str(r[0])
        reg_marks = marks.get(r[0], {})
        contestants.append(
            ContestantInput(
                key=key,
                station=r[1],
                status=r[2],
                gender=r[9],
                birth_date=r[10],
                theory=theory.get(r[0]),
                marks=reg_marks,
                completion_seconds=r[4],
                declared_group=r[3] or "",
            )
        )
        identities[key] = Identity(
            name=r[8],
            gender=r[9],
            employer=r[6] or r[11] or "",
            district=r[7] or r[12] or "",
            ticket_no=r[5],
            id_masked=_mask(r[13] or ""),
        )
    contestants.sort(key=lambda c: (c.station is None, c.station or 0, c.key))
    return LoadedEvent(
        meta=meta,
        inputs=EventInputs(rules, tuple(aspects), tuple(contestants)),
        identities=identities,
        judges={j[1]: j[2] for j in judges.values() if j[1] in used_judges},
    )


__all__ = [
    "RESULTS_SETTING_KEY",
    "EventMeta",
    "Identity",
    "LoadedEvent",
    "event_meta",
    "load_event",
    "rules_of",
]
