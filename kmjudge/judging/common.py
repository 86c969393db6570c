"""What the judging services share: the scheme of an event, who marks what, locks, guards,
submissions, and the one function that writes a score (with its version and audit entry).

Everything here works inside a caller's ``Session`` so that a check and the write it guards
happen in one transaction (``Database.write()`` = ``BEGIN IMMEDIATE`` on SQLite; row locks
with ``SELECT ... FOR UPDATE`` on PostgreSQL).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.clock import iso_utc, utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Aspect,
    Contestant,
    Criterion,
    Event,
    JudgeAssignment,
    JudgeExclusion,
    Registration,
    Score,
    Setting,
    SubCriterion,
    User,
)
from kmjudge.errors import ConflictError, KmError, NotFound, PermissionDenied
from kmjudge.judging import rules
from kmjudge.judging.views import AspectColumn, ScoreView

#: Registrations that are still competing (may be scored).
ACTIVE = ("registered", "checked_in")
#: Listed, never ranked, never scored.
INACTIVE = ("absent", "withdrawn", "disqualified")
STATUS_ZH = {
    "registered": "已报名",
    "checked_in": "已检录",
    "absent": "缺考",
    "withdrawn": "退赛",
    "disqualified": "取消资格",
}

_GENDER_GROUPS = {"男": "M", "m": "M", "male": "M", "女": "F", "f": "F", "female": "F"}


class Locked(KmError):
    code = "locked"


def require_any(actor: Actor, *perms: Perm) -> None:
    """Refuse unless ``actor`` holds at least one of ``perms``."""
    if not any(actor.can(p) for p in perms):
        require(actor, perms[0])


def need_reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if len(text) < 2:
        raise KmError("请填写书面理由。", "A written reason is required.", code="reason_required")
    return text[:1000]


def own_id(actor: Actor) -> uuid.UUID:
    if actor.user_id is None:
        raise PermissionDenied("请以本人账号登录后评分。", "Sign in with your own account to mark.")
    return actor.user_id


def load_event(s: Session, event_id: uuid.UUID, *, lock: bool = False) -> Event:
    ev = s.get(Event, event_id, with_for_update=lock)
    if ev is None:
        raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
    return ev


def normalise_group(group: str) -> str:
    text = "".join((group or "").split())
    return _GENDER_GROUPS.get(text.lower(), text)


# --------------------------------------------------------------------------- scheme


@dataclass(frozen=True)
class CriterionInfo:
    id: uuid.UUID
    code: str
    title: str
    locked_at: datetime | None


@dataclass(frozen=True)
class AspectInfo:
    id: uuid.UUID
    code: str
    title: str
    description: str
    kind: str
    max_mark: Decimal
    step: Decimal | None
    all_or_nothing: bool
    cap: Decimal | None
    panel_rule: str
    judges_min: int | None
    criterion_id: uuid.UUID
    criterion_code: str
    criterion_title: str

    def column(self, trainee: bool = False) -> AspectColumn:
        zh, en = rules.hint(self)
        return AspectColumn(
            code=self.code,
            title=self.title,
            description=self.description,
            kind=self.kind,
            max_mark=self.max_mark,
            step=self.step,
            all_or_nothing=self.all_or_nothing,
            cap=self.cap,
            criterion_code=self.criterion_code,
            criterion_title=self.criterion_title,
            hint_zh=zh,
            hint_en=en,
            trainee=trainee,
        )


@dataclass
class SchemeIndex:
    criteria: list[CriterionInfo]
    aspects: list[AspectInfo]
    by_code: dict[str, AspectInfo] = field(default_factory=dict)
    by_id: dict[uuid.UUID, AspectInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_code = {a.code: a for a in self.aspects}
        self.by_id = {a.id: a for a in self.aspects}

    def aspect(self, code: str) -> AspectInfo:
        found = self.by_code.get(code.strip())
        if found is None:
            raise NotFound(f"评分标准中没有评分项 {code}。", f"The scheme has no aspect {code}.")
        return found

    def criterion(self, code: str) -> CriterionInfo:
        for c in self.criteria:
            if c.code == code.strip():
                return c
        raise NotFound(f"评分标准中没有模块 {code}。", f"The scheme has no criterion {code}.")

    def criterion_by_id(self, criterion_id: uuid.UUID) -> CriterionInfo:
        return next(c for c in self.criteria if c.id == criterion_id)

    def in_criterion(self, criterion_id: uuid.UUID) -> list[AspectInfo]:
        return [a for a in self.aspects if a.criterion_id == criterion_id]


def _aspect_info(a: Aspect, c: Criterion) -> AspectInfo:
    return AspectInfo(
        id=a.id,
        code=a.code,
        title=a.title,
        description=a.description,
        kind=a.kind,
        max_mark=a.max_mark,
        step=a.step,
        all_or_nothing=a.all_or_nothing,
        cap=a.cap,
        panel_rule=a.panel_rule,
        judges_min=a.judges_min,
        criterion_id=c.id,
        criterion_code=c.code,
        criterion_title=c.title,
    )


def scheme_index(s: Session, event_id: uuid.UUID) -> SchemeIndex:
    criteria = list(
        s.scalars(
            select(Criterion).where(Criterion.event_id == event_id).order_by(Criterion.position)
        )
    )
    rows = s.execute(
        select(Aspect, Criterion)
        .join(SubCriterion, SubCriterion.id == Aspect.subcriterion_id)
        .join(Criterion, Criterion.id == SubCriterion.criterion_id)
        .where(Aspect.event_id == event_id)
        .order_by(Criterion.position, SubCriterion.position, Aspect.position)
    ).all()
    return SchemeIndex(
        [CriterionInfo(c.id, c.code, c.title, c.locked_at) for c in criteria],
        [_aspect_info(a, c) for a, c in rows],
    )


def one_aspect(s: Session, event_id: uuid.UUID, code: str) -> tuple[AspectInfo, Criterion]:
    """One aspect by code with its criterion row (cheaper than the whole scheme)."""
    row = s.execute(
        select(Aspect, Criterion)
        .join(SubCriterion, SubCriterion.id == Aspect.subcriterion_id)
        .join(Criterion, Criterion.id == SubCriterion.criterion_id)
        .where(Aspect.event_id == event_id, Aspect.code == code.strip())
    ).first()
    if row is None:
        raise NotFound(f"评分标准中没有评分项 {code}。", f"The scheme has no aspect {code}.")
    return _aspect_info(row[0], row[1]), row[1]


# --------------------------------------------------------------------------- who marks what


@dataclass(frozen=True)
class Rule:
    criterion_id: uuid.UUID | None
    aspect_id: uuid.UUID | None
    group: str
    trainee: bool


@dataclass
class Coverage:
    """One judge's assignments on an event (chief-judge rows left out)."""

    user_id: uuid.UUID
    rules: list[Rule] = field(default_factory=list)

    def _matching(self, aspect: AspectInfo, group: str | None) -> list[Rule]:
        return [
            r
            for r in self.rules
            if (r.aspect_id is None or r.aspect_id == aspect.id)
            and (r.criterion_id is None or r.criterion_id == aspect.criterion_id)
            and (group is None or not r.group or r.group == group)
        ]

    def trainee_for(self, aspect: AspectInfo, group: str | None) -> bool | None:
        """None: not this judge's to mark; False: a counting mark; True: a trainee's mark.
        ``group=None`` asks about any ranking group. One counting assignment wins."""
        found = self._matching(aspect, group)
        if not found:
            return None
        return all(r.trainee for r in found)

    def aspects(self, scheme: SchemeIndex) -> list[AspectInfo]:
        return [a for a in scheme.aspects if self._matching(a, None)]


def coverages(
    s: Session, event_id: uuid.UUID, user_id: uuid.UUID | None = None
) -> dict[uuid.UUID, Coverage]:
    q = select(JudgeAssignment).where(
        JudgeAssignment.event_id == event_id, JudgeAssignment.is_chief.is_(False)
    )
    if user_id is not None:
        q = q.where(JudgeAssignment.user_id == user_id)
    out: dict[uuid.UUID, Coverage] = {}
    for a in s.scalars(q):
        out.setdefault(a.user_id, Coverage(a.user_id)).rules.append(
            Rule(a.criterion_id, a.aspect_id, a.ranking_group, a.trainee)
        )
    return out


def require_chief(s: Session, actor: Actor, event_id: uuid.UUID, perm: Perm) -> None:
    """The chief judge's rights, and, when the event names its chief judge(s) (an
    ``is_chief`` assignment), being one of them."""
    require(actor, perm)
    if actor.user_id is None:
        return
    chiefs = set(
        s.scalars(
            select(JudgeAssignment.user_id).where(
                JudgeAssignment.event_id == event_id, JudgeAssignment.is_chief.is_(True)
            )
        )
    )
    if chiefs and actor.user_id not in chiefs:
        raise PermissionDenied(
            f"{actor.display_name} 不是本场次的裁判长。",
            f"{actor.username} is not a chief judge of this event.",
        )


# --------------------------------------------------------------------------- seats


@dataclass(frozen=True)
class Seat:
    """A registration as judging sees it internally (never handed to judges as such)."""

    registration_id: uuid.UUID
    station_no: int | None
    status: str
    group: str
    ticket_no: str

    @property
    def active(self) -> bool:
        return self.status not in INACTIVE

    @property
    def shown_status(self) -> str:
        return self.status if self.status in INACTIVE else "active"


def _group(ev: Event, reg_group: str, gender: str | None, birth: date | None) -> str:
    if reg_group:
        return normalise_group(reg_group)
    mode = ev.ranking_groups
    if mode == "gender" and gender:
        return gender
    if isinstance(mode, list) and birth is not None:
        from kmjudge.registration.idcard import age_on
        from kmjudge.setupfile import parse_age_band

        day = (ev.start_at or utcnow()).date()
        age = age_on(birth, day)
        for text in mode:
            band = parse_age_band(str(text))
            if band is not None and band.contains(age):
                return band.text
    return ""


def seats(s: Session, ev: Event) -> list[Seat]:
    """Every registration of the event, by station number (unstationed last)."""
    needs_person = ev.ranking_groups != "all"
    if needs_person:
        rows = s.execute(
            select(
                Registration.id,
                Registration.station_no,
                Registration.status,
                Registration.ranking_group,
                Registration.ticket_no,
                Contestant.gender,
                Contestant.birth_date,
            )
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == ev.id)
        ).all()
        out = [Seat(r[0], r[1], r[2], _group(ev, r[3], r[5], r[6]), r[4]) for r in rows]
    else:
        plain = s.execute(
            select(
                Registration.id,
                Registration.station_no,
                Registration.status,
                Registration.ranking_group,
                Registration.ticket_no,
            ).where(Registration.event_id == ev.id)
        ).all()
        out = [Seat(r[0], r[1], r[2], normalise_group(r[3]), r[4]) for r in plain]
    out.sort(key=lambda x: (x.station_no is None, x.station_no or 0, x.ticket_no))
    return out


def seat_at(s: Session, ev: Event, station_no: int) -> Seat:
    reg = s.scalar(
        select(Registration).where(
            Registration.event_id == ev.id, Registration.station_no == int(station_no)
        )
    )
    if reg is None:
        raise NotFound(f"本场次没有 {station_no} 号工位。", f"No station {station_no} here.")
    gender = birth = None
    if ev.ranking_groups != "all" and not reg.ranking_group:
        person = s.get(Contestant, reg.contestant_id)
        if person is not None:
            gender, birth = person.gender, person.birth_date
    return Seat(
        reg.id,
        reg.station_no,
        reg.status,
        _group(ev, reg.ranking_group, gender, birth),
        reg.ticket_no,
    )


def ensure_active(seat: Seat) -> None:
    if not seat.active:
        zh = STATUS_ZH.get(seat.status, seat.status)
        raise KmError(
            f"{seat.station_no} 号工位的选手为“{zh}”，不能评分。",
            f"The contestant at station {seat.station_no} is {seat.status}; no marks.",
            code="inactive",
        )


def excluded_pairs(
    s: Session, event_id: uuid.UUID, user_id: uuid.UUID | None = None
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """(judge id, registration id) pairs under 回避."""
    q = (
        select(JudgeExclusion.user_id, JudgeExclusion.registration_id)
        .join(Registration, Registration.id == JudgeExclusion.registration_id)
        .where(Registration.event_id == event_id)
    )
    if user_id is not None:
        q = q.where(JudgeExclusion.user_id == user_id)
    return {(r[0], r[1]) for r in s.execute(q)}


def is_excluded(s: Session, user_id: uuid.UUID, registration_id: uuid.UUID) -> bool:
    return (
        s.scalar(
            select(JudgeExclusion.id).where(
                JudgeExclusion.user_id == user_id,
                JudgeExclusion.registration_id == registration_id,
            )
        )
        is not None
    )


# --------------------------------------------------------------------------- locks


def ensure_unlocked(ev: Event, crit_code: str, crit_locked_at: datetime | None) -> None:
    if ev.locked_at is not None:
        raise Locked(
            "本场次成绩已锁定，不能再录入或修改；如需更正，请裁判长验证身份并说明理由。",
            "The event is locked; marks cannot change without the chief judge "
            "(re-authentication and a reason).",
        )
    if crit_locked_at is not None:
        raise Locked(
            f"模块 {crit_code} 已锁定，不能再录入或修改；如需更正，请裁判长验证身份并说明理由。",
            f"Criterion {crit_code} is locked; marks cannot change without the chief judge "
            "(re-authentication and a reason).",
        )


# --------------------------------------------------------------------------- submissions
# Stored as one Setting row per (criterion, judge): there is no submission table (yet).


def submission_key(criterion_id: uuid.UUID, judge_id: uuid.UUID) -> str:
    return f"jsub:{criterion_id.hex}:{judge_id.hex}"


def get_submission(
    s: Session, criterion_id: uuid.UUID, judge_id: uuid.UUID, *, lock: bool = False
) -> Setting | None:
    return s.get(Setting, submission_key(criterion_id, judge_id), with_for_update=lock)


def is_closed(row: Setting | None) -> bool:
    return row is not None and not row.value.get("open", False)


def submissions(
    s: Session, criterion_ids: Iterable[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]]:
    """(criterion id, judge id) -> the stored submission state."""
    ids = list(criterion_ids)
    if not ids:
        return {}
    rows = s.scalars(
        select(Setting).where(or_(*[Setting.key.like(f"jsub:{c.hex}:%") for c in ids]))
    )
    out: dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]] = {}
    for row in rows:
        _, crit_hex, judge_hex = row.key.split(":")
        out[(uuid.UUID(crit_hex), uuid.UUID(judge_hex))] = dict(row.value)
    return out


def now_text() -> str:
    return iso_utc(utcnow())


# --------------------------------------------------------------------------- writing a score


def usernames(s: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, tuple[str, str]]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = s.execute(select(User.id, User.username, User.display_name).where(User.id.in_(wanted)))
    return {r[0]: (r[1], r[2]) for r in rows}


def score_view(
    score: Score, station_no: int, aspect_code: str, username: str, changed: bool = True
) -> ScoreView:
    return ScoreView(
        station_no=station_no,
        aspect_code=aspect_code,
        judge_username=username,
        value=score.value,
        version=score.version,
        trainee=score.trainee,
        status=score.status,
        source=score.source,
        changed=changed,
    )


def put_score(
    s: Session,
    db: Database,
    actor: Actor,
    *,
    event_id: uuid.UUID,
    aspect: AspectInfo,
    seat: Seat,
    judge_id: uuid.UUID,
    judge_username: str,
    value: Decimal,
    trainee: bool,
    source: str,
    entered_by: uuid.UUID,
    confirmed_by: uuid.UUID | None = None,
    status: str = "entered",
    reason: str = "",
    expected_version: int | None = None,
    check_version: bool = True,
    action: str = "score.enter",
) -> ScoreView:
    """Insert or update one judge's mark, with optimistic versioning and an audit entry.

    ``check_version``: ``expected_version`` None/0 means "I saw no mark yet"; a stale number
    is refused with ``ConflictError`` (the row is locked ``FOR UPDATE`` first, so two laptops
    on one PostgreSQL server cannot both pass the check).
    """
    assert seat.station_no is not None
    row = s.scalar(
        select(Score)
        .where(
            Score.registration_id == seat.registration_id,
            Score.aspect_id == aspect.id,
            Score.judge_id == judge_id,
        )
        .with_for_update()
    )
    now = utcnow()
    where_zh = f"{seat.station_no} 号工位 {aspect.code}"
    if row is not None and check_version:
        seen = expected_version or 0
        if seen != row.version:
            if row.value == value and seen == 0:
                return score_view(row, seat.station_no, aspect.code, judge_username, changed=False)
            raise ConflictError(
                f"{where_zh} 的评分已被修改（现为 {rules.canonical(row.value)}，"
                f"第 {row.version} 版），请刷新后再改。",
                f"The mark for station {seat.station_no} {aspect.code} was changed meanwhile "
                f"(now {row.value}, version {row.version}); reload and try again.",
                code="version",
            )
    elif row is None and check_version and expected_version:
        raise ConflictError(
            f"{where_zh} 的评分已不存在（第 {expected_version} 版已被撤销），请刷新后再试。",
            f"The mark for station {seat.station_no} {aspect.code} no longer exists; reload.",
            code="version",
        )
    confirmed_at = now if confirmed_by is not None else None
    if row is None:
        row = Score(
            event_id=event_id,
            registration_id=seat.registration_id,
            aspect_id=aspect.id,
            judge_id=judge_id,
            value=value,
            trainee=trainee,
            status=status,
            source=source,
            entered_by=entered_by,
            entered_at=now,
            confirmed_by=confirmed_by,
            confirmed_at=confirmed_at,
            device_id=db.device.id,
            override_reason=reason,
            version=1,
        )
        s.add(row)
        s.flush()
        before = None
    else:
        same = (
            row.value == value
            and row.status == status
            and row.source == source
            and row.trainee == trainee
            and row.confirmed_by == confirmed_by
        )
        if same and not reason:
            return score_view(row, seat.station_no, aspect.code, judge_username, changed=False)
        before = {
            "value": row.value,
            "version": row.version,
            "status": row.status,
            "source": row.source,
            "override_reason": row.override_reason,
        }
        row.value = value
        row.trainee = trainee
        row.status = status
        row.source = source
        row.entered_by = entered_by
        row.entered_at = now
        row.confirmed_by = confirmed_by
        row.confirmed_at = confirmed_at
        row.device_id = db.device.id
        row.override_reason = reason
        row.version += 1
        s.flush()
    audit.record(
        s,
        db,
        actor,
        action,
        entity="score",
        entity_id=row.id,
        event_id=event_id,
        before=before,
        after={
            "station": seat.station_no,
            "registration": seat.registration_id,
            "aspect": aspect.code,
            "judge": judge_username,
            "value": value,
            "version": row.version,
            "trainee": trainee,
            "source": source,
            "status": status,
            "reason": reason,
        },
    )
    return score_view(row, seat.station_no, aspect.code, judge_username)
