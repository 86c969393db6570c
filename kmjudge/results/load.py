"""An event's results inputs, read from the database in a handful of bulk queries.

Reads the Score, TheoryScore, Registration and Contestant tables directly. What a stored value
means follows the judging rules (``kmjudge.judging.rules``): M = points, J = grade 0-3,
D = number of occurrences, turned into points here (occurrences x per-occurrence deduction,
at most the cap) so that the engine only ever sees points.

Speed (issue 5: load + compute 1,000 contestants x 5 judges x 40 aspects within 1 s): the
200,000 score rows are the whole cost. They are selected with Core (ids cast to text, so that
no ``uuid.UUID`` is built per row, on PostgreSQL either) and read from the DBAPI cursor as
plain tuples (``_read_marks``); one ``Mark`` is shared by every identical (judge, value);
the cycle collector is paused while the objects are built (``model.gc_paused``). The same
code runs on SQLite and PostgreSQL; ``tests/results/test_load_db.py`` checks it against the
ORM on both, and ``benchmarks/bench_results.py [--pg URL]`` prints the numbers.

Why not ``kmjudge.judging.results_input.scores_for_results``: results also need each
contestant's gender and birth date (ranking groups) and identity (kept apart from the engine),
which that view does not carry, and it goes through ORM objects, which is most of the time at
200,000 scores. Both read the same rows with the same meaning;
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

from sqlalchemy import String, cast, select, type_coerce
from sqlalchemy.engine import Connection
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
    gc_paused,
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


def _id_text(column: Any) -> Any:
    """An id column read as text: SQLite stores a UUID as 32 hex digits, PostgreSQL returns
    ``xxxxxxxx-xxxx-...``; either way a plain string that the driver hands over as is (on
    PostgreSQL, without the cast, psycopg would build a ``uuid.UUID`` for every row)."""
    return cast(column, String)


#: rows fetched from the driver at a time (keeps memory flat; no effect on the result)
_CHUNK = 4096


def _read_marks(
    conn: Connection, event_id: uuid.UUID, judge_name: Mapping[str, str]
) -> tuple[dict[tuple[str, str], list[Mark]], set[str]]:
    """Every score of the event, grouped by (registration, aspect) as raw text ids, and the
    judges (usernames) who gave them.

    The hot path of loading results (200,000 rows for 1,000 contestants x 40 aspects x 5
    judges), measured in ``benchmarks/bench_results.py``. SQLAlchemy compiles and runs the
    select (parameters bound per dialect, the same statement on SQLite and PostgreSQL), and the
    rows are then read straight from the DBAPI cursor: plain tuples, no ``Row`` objects and no
    result processors, which only work here because every column is selected in its raw form
    (ids cast to text, the value as its stored text, ``trainee`` as 0/1 or a bool).

    Marks repeat a lot (5 judges giving the same few values), so one ``Mark`` per judge and
    value text is built and shared: a ``Mark`` is an immutable named tuple. Values stay as
    stored (deduction occurrences are turned into points by the caller, per aspect).
    """
    stmt = select(
        _id_text(Score.registration_id),
        _id_text(Score.aspect_id),
        _id_text(Score.judge_id),
        type_coerce(Score.value, String),
        Score.trainee,
    ).where(Score.event_id == event_id)
    counting: dict[str, dict[str, Mark]] = {}
    trainees: dict[str, dict[str, Mark]] = {}
    buckets: dict[tuple[str, str], list[Mark]] = {}
    result = conn.execute(stmt)
    cursor = result.cursor
    try:
        for chunk in iter(lambda: cursor.fetchmany(_CHUNK), []):
            for reg, aspect, judge, text, trainee in chunk:
                try:
                    mark = (trainees if trainee else counting)[judge][text]
                except KeyError:
                    cache = (trainees if trainee else counting).setdefault(judge, {})
                    value = Decimal(text if isinstance(text, str) else str(text))
                    mark = cache[text] = Mark(judge_name.get(judge, judge), value, bool(trainee))
                try:
                    buckets[reg, aspect].append(mark)
                except KeyError:
                    buckets[reg, aspect] = [mark]
    finally:
        result.close()
    seen = {m.judge for cache in (counting, trainees) for ms in cache.values() for m in ms.values()}
    return buckets, seen


_PointsCache = dict[tuple[str, Mark], Mark]


def _points(cache: _PointsCache, a: AspectDef, m: Mark) -> Mark:
    """A deduction mark as points: occurrences x per-occurrence deduction, at most the cap
    (the rule of ``kmjudge.judging.rules.deduction_points``)."""
    try:
        return cache[a.key, m]
    except KeyError:
        pts = m.value * a.max_mark
        if a.cap is not None and pts > a.cap:
            pts = a.cap
        out = cache[a.key, m] = Mark(m.judge, pts, m.trainee)
        return out


def load_event(db: Database, event_id: uuid.UUID) -> LoadedEvent:
    """Everything the results of one event are computed from (one read transaction)."""
    with gc_paused(), db.read() as s:
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
        for a, crit_code, crit_title in aspect_rows:
            code_of[a.id] = a.code
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
        by_key = {a.key: a for a in aspects}

        conn = s.connection()
        # Ids are read as text (``_id_text``): one uuid.UUID per registration, aspect and
        # judge, never one per score row (600,000 of them would cost seconds).
        aspect_of: dict[str, AspectDef] = {}
        for raw, aspect_id in conn.execute(
            select(_id_text(Aspect.id), Aspect.id).where(Aspect.event_id == event_id)
        ):
            code = code_of.get(aspect_id)
            if code is not None:
                aspect_of[raw] = by_key[code]
        judge_rows = conn.execute(select(_id_text(User.id), User.username, User.display_name)).all()
        judge_name: dict[str, str] = {raw: name for raw, name, _ in judge_rows}
        buckets, used_judges = _read_marks(conn, event_id, judge_name)

        marks: dict[str, dict[str, tuple[Mark, ...]]] = {}
        points: _PointsCache = {}
        for (reg_raw, aspect_raw), ms in buckets.items():
            a = aspect_of.get(aspect_raw)
            if a is None:
                continue
            if a.kind == "D":  # occurrences -> points (as judging.rules.deduction_points)
                ms = [_points(points, a, m) for m in ms]
            try:
                marks[reg_raw][a.key] = tuple(ms)
            except KeyError:
                marks[reg_raw] = {a.key: tuple(ms)}

        theory: dict[str, Decimal] = {
            reg: value
            for reg, value in conn.execute(
                select(_id_text(TheoryScore.registration_id), TheoryScore.value)
                .join(Registration, TheoryScore.registration_id == Registration.id)
                .where(Registration.event_id == event_id)
            )
        }

        reg_rows = conn.execute(
            select(
                _id_text(Registration.id),
                Registration.id,
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
    for raw, reg_id, *r in reg_rows:
        key = str(reg_id)
        contestants.append(
            ContestantInput(
                key=key,
                station=r[0],
                status=r[1],
                gender=r[8],
                birth_date=r[9],
                theory=theory.get(raw),
                marks=marks.get(raw, {}),
                completion_seconds=r[3],
                declared_group=r[2] or "",
            )
        )
        identities[key] = Identity(
            name=r[7],
            gender=r[8],
            employer=r[5] or r[10] or "",
            district=r[6] or r[11] or "",
            ticket_no=r[4],
            id_masked=_mask(r[12] or ""),
        )
    contestants.sort(key=lambda c: (c.station is None, c.station or 0, c.key))
    return LoadedEvent(
        meta=meta,
        inputs=EventInputs(rules, tuple(aspects), tuple(contestants)),
        identities=identities,
        judges={name: shown for _, name, shown in judge_rows if name in used_judges},
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
