"""Who may see which results, when; and releasing (公布) them.

Three stages of an event's results:

1. **provisional** (not locked): only holders of ``VIEW_PROVISIONAL_RESULTS`` (the chief judge
   and the admin) see them, and by station number only. Blind marking (加密) lasts until the
   lock: provisional boards are checked on screens in the judging room, and a chief judge
   reviews by station anyway. The chief judge alone may reveal names earlier
   (``reveal_names=True``, e.g. for an appeal); that is written to the audit trail.
2. **locked** (final, not yet published): the same viewers, now with names.
3. **released**: ``release`` (chief judge, ``RELEASE_RESULTS``) is refused unless the event is
   locked and every contestant still competing has complete scores. Then any signed-in user may
   view the results, and ``released_results`` feeds a public big screen (names, employers,
   marks and awards; never ID numbers). A release older than the current lock (the event was
   unlocked and locked again) no longer counts: results must be released again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, Role, require
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Device, Event, JudgeAssignment, Score, User
from kmjudge.errors import ConflictError, NotFound, PermissionDenied
from kmjudge.results.engine import compute, group_label, judge_severity
from kmjudge.results.load import EventMeta, Identity, LoadedEvent, load_event
from kmjudge.results.model import (
    AspectDef,
    ContestantResult,
    JudgeSeverity,
    ResultsError,
    ResultSet,
    contestant_label,
)

Stage = Literal["provisional", "locked", "released"]
STAGE_ZH: dict[str, str] = {
    "provisional": "临时成绩（未锁定），仅供核对，不得公示",
    "locked": "成绩已锁定，尚未公布",
    "released": "正式成绩",
}


class NotReleased(ResultsError):
    code = "not_released"


@dataclass(frozen=True)
class ResultsView:
    """Results as one viewer may see them now. ``identities`` is empty while names are hidden."""

    meta: EventMeta
    results: ResultSet
    stage: Stage
    names_visible: bool
    identities: Mapping[str, Identity]
    judges: Mapping[str, str]
    aspects: tuple[AspectDef, ...]

    def identity(self, key: str) -> Identity | None:
        return self.identities.get(key) if self.names_visible else None

    def who(self, row: ContestantResult) -> str:
        """The name when visible, otherwise the station (工位号)."""
        ident = self.identity(row.key)
        return ident.name if ident is not None else contestant_label(row.station, row.key)

    def severity(self) -> tuple[JudgeSeverity, ...]:
        return judge_severity(r.score for r in self.results.rows)


def _stage(meta: EventMeta) -> Stage:
    if meta.released:
        return "released"
    return "locked" if meta.locked else "provisional"


def view_results(
    db: Database, actor: Actor, event_id: uuid.UUID, *, reveal_names: bool = False
) -> ResultsView:
    """The event's results for ``actor`` (see the module docstring for the rules)."""
    loaded = load_event(db, event_id)
    stage = _stage(loaded.meta)
    if stage == "released":
        names = True
    else:
        require(actor, Perm.VIEW_PROVISIONAL_RESULTS)
        names = stage == "locked" and actor.can(Perm.VIEW_NAMES)
        if reveal_names and not names:
            if not (actor.has_role(Role.CHIEF) and actor.can(Perm.VIEW_NAMES)):
                raise PermissionDenied(
                    "锁定前只有裁判长可以查看选手姓名。",
                    "Before the lock only the chief judge may see contestants' names.",
                )
            with db.write() as s:
                audit.record(
                    s,
                    db,
                    actor,
                    "results.reveal_names",
                    entity="event",
                    entity_id=event_id,
                    event_id=event_id,
                    after={"stage": stage},
                )
            names = True
    return _view(loaded, stage, names)


def _view(loaded: LoadedEvent, stage: Stage, names: bool) -> ResultsView:
    return ResultsView(
        meta=loaded.meta,
        results=compute(loaded.inputs),
        stage=stage,
        names_visible=names,
        identities=dict(loaded.identities) if names else {},
        judges=loaded.judges,
        aspects=loaded.inputs.aspects,
    )


def results_digest(results: ResultSet) -> str:
    """SHA-256 of what is published (station, state, rank, reported marks, award, title), so the
    audit trail and the sign-off sheet pin down exactly which results were released."""
    rows = [
        [
            r.key,
            r.station,
            r.state,
            r.rank,
            str(r.theory) if r.theory is not None else None,
            str(r.practical) if r.practical is not None else None,
            str(r.total) if r.total is not None else None,
            r.award,
            r.title,
        ]
        for r in sorted(results.rows, key=lambda r: r.key)
    ]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def release(db: Database, actor: Actor, event_id: uuid.UUID) -> datetime:
    """Publish the results of a locked event (sets ``released_at``; audited with a digest).

    Refused unless the event is locked and nobody competing has incomplete scores (they must be
    completed, or their status set to 缺考/退赛/取消资格, first). Releasing again is a no-op.
    """
    require(actor, Perm.RELEASE_RESULTS)
    loaded = load_event(db, event_id)
    meta = loaded.meta
    if meta.locked_at is None:
        raise ResultsError(
            "成绩尚未锁定，不能公布。请裁判长先锁定成绩。",
            "The results are not locked; lock them before releasing.",
            code="not_locked",
        )
    if meta.released and meta.released_at is not None:
        return meta.released_at
    results = compute(loaded.inputs)
    if results.incomplete:
        stations = "、".join(contestant_label(r.station, r.key) for r in results.incomplete[:10])
        raise ResultsError(
            f"{len(results.incomplete)} 名选手成绩不完整（{stations}），不能公布：请补全成绩，"
            "或将其标记为缺考、退赛或取消资格。",
            f"{len(results.incomplete)} contestant(s) have incomplete scores; complete them or "
            "mark them absent, withdrawn or disqualified before releasing.",
            code="incomplete",
        )
    digest = results_digest(results)
    now = utcnow()
    with db.write() as s:
        ev = s.get(Event, event_id)
        if ev is None:
            raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
        if ev.locked_at != meta.locked_at:
            raise ConflictError(
                "成绩锁定状态刚刚发生变化，请重新查看后再公布。",
                "The lock changed meanwhile; review the results again before releasing.",
            )
        before = {"released_at": ev.released_at, "status": ev.status}
        ev.released_at = now
        ev.status = "released"
        ev.version += 1
        audit.record(
            s,
            db,
            actor,
            "results.release",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            before=before,
            after={
                "released_at": now,
                "status": "released",
                "digest": digest,
                "ranked": len(results.ranked),
                "groups": {g.label: g.awarded for g in results.groups},
            },
        )
    return now


# --------------------------------------------------------------------------- public board


@dataclass(frozen=True)
class PublicRow:
    """One line of the public big screen: no ID numbers, no phone, no registration ids."""

    group: str
    rank: int | None
    station: int | None
    name: str
    employer: str
    theory: str
    practical: str
    total: str
    award: str
    title: str
    state: str


@dataclass(frozen=True)
class PublicBoard:
    event: str
    competition: str
    trade: str
    released_at: datetime
    groups: tuple[str, ...]
    rows: tuple[PublicRow, ...]


def released_results(db: Database, event_id: uuid.UUID) -> PublicBoard:
    """The released results for a public display; ``NotReleased`` before the release."""
    loaded = load_event(db, event_id)
    meta = loaded.meta
    if not meta.released or meta.released_at is None:
        raise NotReleased(
            "该场次成绩尚未公布。", "The results of this event have not been released."
        )
    results = compute(loaded.inputs)

    def num(v: object) -> str:
        return "" if v is None else str(v)

    rows = []
    for r in results.rows:
        ident = loaded.identities.get(r.key)
        ranked = r.state == "ranked"
        rows.append(
            PublicRow(
                group=group_label(r.group, results.rules),
                rank=r.rank,
                station=r.station,
                name=ident.name if ident else "",
                employer=ident.employer if ident else "",
                theory=num(r.theory) if ranked else "",
                practical=num(r.practical) if ranked else "",
                total=num(r.total) if ranked else "",
                award=r.award_zh,
                title=r.title,
                state=r.state_zh,
            )
        )
    return PublicBoard(
        event=meta.name,
        competition=meta.competition,
        trade=meta.trade,
        released_at=meta.released_at,
        groups=tuple(g.label for g in results.groups),
        rows=tuple(rows),
    )


# --------------------------------------------------------------------------- sign-off


@dataclass(frozen=True)
class SignoffInfo:
    """What the judges' sign-off sheet certifies: the audit chain's head on this device."""

    device_name: str
    audit_seq: int
    audit_head: str
    #: (display name, role text) of everyone who signs: panel judges, then the chief judge
    signers: tuple[tuple[str, str], ...]


def signoff_info(db: Database, event_id: uuid.UUID) -> SignoffInfo:
    with db.read() as s:
        dev = s.scalar(select(Device).where(Device.id == db.device.id))
        rows = s.execute(
            select(User.display_name, User.username, JudgeAssignment.trainee)
            .join(JudgeAssignment, JudgeAssignment.user_id == User.id)
            .where(JudgeAssignment.event_id == event_id)
            .order_by(User.username)
        ).all()
        scorers = s.execute(
            select(User.display_name, User.username, Score.trainee)
            .join(Score, Score.judge_id == User.id)
            .where(Score.event_id == event_id)
            .distinct()
            .order_by(User.username)
        ).all()
        chiefs = s.execute(
            select(User.display_name, User.roles).where(User.active).order_by(User.username)
        ).all()
    seen: set[str] = set()
    signers: list[tuple[str, str]] = []
    for name, username, trainee in sorted([*rows, *scorers], key=lambda r: (r[2], r[1])):
        if username in seen:
            continue
        seen.add(username)
        signers.append((name, "见习裁判" if trainee else "裁判员"))
    for name, roles in chiefs:
        if Role.CHIEF.value in (roles or []):
            signers.append((name, "裁判长"))
    return SignoffInfo(
        device_name=dev.name if dev else "",
        audit_seq=dev.audit_seq if dev else 0,
        audit_head=dev.audit_head if dev else "",
        signers=tuple(signers),
    )


__all__ = [
    "STAGE_ZH",
    "NotReleased",
    "PublicBoard",
    "PublicRow",
    "ResultsView",
    "SignoffInfo",
    "release",
    "released_results",
    "results_digest",
    "signoff_info",
    "view_results",
]
