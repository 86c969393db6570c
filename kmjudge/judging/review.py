"""The chief judge's desk: judgement spread flags and overrides, and the review list.

A judgement (J) panel is flagged when the spread (highest minus lowest grade of the counting
judges, trainees left out) exceeds the event's spread limit (default 1). The judges re-score
(their changed marks clear the flag once the spread is within the limit), or the chief judge
overrides: ``override`` marks the panel's marks ``accepted`` with the written reason
(audited). Changing any mark of an accepted panel puts it back to ``entered``, so a new
disagreement is flagged again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.db.models import AuditEntry, Event, Score, User
from kmjudge.errors import KmError
from kmjudge.judging import common, rules
from kmjudge.judging.views import (
    PanelValue,
    ReopenRequest,
    ReviewList,
    SpreadFlag,
)


def compute_flags(
    s: Session,
    ev: Event,
    scheme: common.SchemeIndex | None = None,
    *,
    include_accepted: bool = False,
    only: tuple[uuid.UUID, uuid.UUID] | None = None,
) -> list[SpreadFlag]:
    scheme = scheme or common.scheme_index(s, ev.id)
    j_aspects = {a.id: a for a in scheme.aspects if a.kind == "J"}
    if not j_aspects:
        return []
    station = {
        x.registration_id: x.station_no
        for x in common.seats(s, ev)
        if x.active and x.station_no is not None
    }
    q = select(Score).where(
        Score.event_id == ev.id,
        Score.aspect_id.in_(list(j_aspects)),
        Score.trainee.is_(False),
    )
    if only is not None:
        q = q.where(Score.registration_id == only[0], Score.aspect_id == only[1])
    panels: dict[tuple[uuid.UUID, uuid.UUID], list[Score]] = {}
    for sc in s.scalars(q):
        panels.setdefault((sc.registration_id, sc.aspect_id), []).append(sc)
    names = common.usernames(s, {sc.judge_id for p in panels.values() for sc in p})
    limit = ev.spread_limit
    out: list[SpreadFlag] = []
    for (reg_id, asp_id), marks in panels.items():
        if reg_id not in station or len(marks) < 2:
            continue
        spread = max(m.value for m in marks) - min(m.value for m in marks)
        if spread <= limit:
            continue
        accepted = all(m.status == "accepted" for m in marks)
        if accepted and not include_accepted:
            continue
        a = j_aspects[asp_id]
        marks.sort(key=lambda m: names.get(m.judge_id, ("", ""))[0])
        st = station[reg_id]
        assert st is not None
        out.append(
            SpreadFlag(
                station_no=st,
                aspect_code=a.code,
                criterion_code=a.criterion_code,
                spread=spread,
                limit=limit,
                values=tuple(
                    PanelValue(
                        names.get(m.judge_id, ("?", "?"))[0],
                        names.get(m.judge_id, ("?", "?"))[1],
                        m.value,
                        m.status,
                        m.version,
                    )
                    for m in marks
                ),
                accepted=accepted,
                reason=marks[0].override_reason if accepted else "",
            )
        )
    out.sort(key=lambda f: (f.criterion_code, f.station_no, f.aspect_code))
    return out


def spread_flags(
    db: Database, actor: Actor, event_id: uuid.UUID, include_accepted: bool = False
) -> list[SpreadFlag]:
    """Judgement panels whose spread exceeds the limit, with the grades that trigger it."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        return compute_flags(s, common.load_event(s, event_id), include_accepted=include_accepted)


def override(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    station_no: int,
    aspect_code: str,
    reason: str,
) -> SpreadFlag:
    """The chief judge accepts a flagged panel as it stands, with a written reason."""
    text = common.need_reason(reason)
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id)
        aspect, crit = common.one_aspect(s, event_id, aspect_code)
        common.ensure_unlocked(ev, crit.code, crit.locked_at)
        seat = common.seat_at(s, ev, station_no)
        flags = compute_flags(s, ev, only=(seat.registration_id, aspect.id))
        if not flags:
            raise KmError(
                f"{station_no} 号工位 {aspect.code} 没有超出差异上限的评分，无需裁定。",
                f"Station {station_no} {aspect.code} is not flagged; nothing to override.",
                code="not_flagged",
            )
        marks = list(
            s.scalars(
                select(Score)
                .where(
                    Score.registration_id == seat.registration_id,
                    Score.aspect_id == aspect.id,
                    Score.trainee.is_(False),
                )
                .with_for_update()
            )
        )
        before = [{"score": m.id, "value": m.value, "status": m.status} for m in marks]
        for m in marks:
            old = {"value": m.value, "version": m.version, "status": m.status}
            m.status = "accepted"
            m.override_reason = text
            m.version += 1
            s.flush()
            # One entry per mark, like every other change of a mark, so the rows still agree
            # with the chain (``audit.verify_records`` compares value and version).
            audit.record(
                s,
                db,
                actor,
                "score.accept",
                entity="score",
                entity_id=m.id,
                event_id=ev.id,
                before=old,
                after={
                    "station": station_no,
                    "registration": seat.registration_id,
                    "aspect": aspect.code,
                    "value": m.value,
                    "version": m.version,
                    "status": m.status,
                    "reason": text,
                },
            )
        audit.record(
            s,
            db,
            actor,
            "score.override",
            entity="score_panel",
            entity_id=f"{seat.registration_id}:{aspect.code}"[:40],
            event_id=ev.id,
            before=before,
            after={
                "station": station_no,
                "aspect": aspect.code,
                "spread": flags[0].spread,
                "limit": ev.spread_limit,
                "reason": text,
            },
        )
        return compute_flags(s, ev, include_accepted=True, only=(seat.registration_id, aspect.id))[
            0
        ]


def reopen_requests_in(s: Session, ev: Event, scheme: common.SchemeIndex) -> list[ReopenRequest]:
    subs = common.submissions(s, [c.id for c in scheme.criteria])
    names = common.usernames(s, [j for (_c, j), v in subs.items() if v.get("request")])
    out = []
    for (crit_id, judge_id), v in subs.items():
        req = v.get("request")
        if not req or v.get("open", False):
            continue
        u = names.get(judge_id, ("?", "?"))
        out.append(
            ReopenRequest(
                u[0],
                u[1],
                scheme.criterion_by_id(crit_id).code,
                str(req.get("reason", "")),
                str(req.get("at", "")),
            )
        )
    out.sort(key=lambda r: r.requested_at)
    return out


def review_list(db: Database, actor: Actor, event_id: uuid.UUID) -> ReviewList:
    """Everything waiting for the chief judge: spread flags, paper differences, reopen
    requests, pending appeals, completeness, the recheck, and what blocks a lock."""
    from kmjudge.judging import appeals, completeness, lock, paper, recheck

    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        comp = completeness.compute(s, ev, scheme)
        flags = compute_flags(s, ev, scheme)
        diffs = paper.differences_in(s, ev.id, hide=not actor.can(Perm.REVIEW_SCORES))
        requests = reopen_requests_in(s, ev, scheme)
        pending = [a for a in appeals.appeals_in(s, ev.id) if a.outcome == "pending"]
        rc = recheck.status_in(s, ev.id)
        blockers = lock.blockers_in(
            s,
            ev,
            scheme,
            None,
            comp=comp,
            flags=flags,
            diffs=diffs,
            requests=requests,
            appeals=pending,
            recheck=rc,
        )
        return ReviewList(
            flags=tuple(flags),
            differences=tuple(diffs),
            reopen_requests=tuple(requests),
            appeals=tuple(pending),
            completeness=comp,
            recheck=rc,
            blockers=tuple(blockers),
        )


# --------------------------------------------------------------------------- corrections


@dataclass(frozen=True)
class PanelMark:
    """One judge's mark on one station and aspect, for the chief judge's correction form."""

    judge_username: str
    judge_name: str
    trainee: bool
    value: Decimal | None  # None: no mark yet
    version: int  # 0: no mark yet
    status: str
    source: str
    excluded: bool  # 回避: the judge may not mark this contestant


@dataclass(frozen=True)
class PanelMarks:
    station_no: int
    aspect_code: str
    aspect_title: str
    criterion_code: str
    kind: str
    hint_zh: str
    hint_en: str
    locked: bool  # criterion or event locked: a correction needs the chief judge's PIN
    competing: bool  # False: absent / withdrawn / disqualified (nothing to correct)
    marks: tuple[PanelMark, ...]


def panel_marks(
    db: Database, actor: Actor, event_id: uuid.UUID, station_no: int, aspect_code: str
) -> PanelMarks:
    """Every judge who marks (or marked) one station's aspect, with the mark and its version:
    what the chief judge sees before correcting one of them."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        aspect = scheme.aspect(aspect_code)
        crit = scheme.criterion_by_id(aspect.criterion_id)
        seat = common.seat_at(s, ev, station_no)
        scores = {
            sc.judge_id: sc
            for sc in s.scalars(
                select(Score).where(
                    Score.registration_id == seat.registration_id, Score.aspect_id == aspect.id
                )
            )
        }
        covs = common.coverages(s, event_id)
        judge_ids = {
            uid for uid, c in covs.items() if c.trainee_for(aspect, seat.group) is not None
        } | set(scores)
        names = common.usernames(s, judge_ids)
        excluded = {u for u, _r in common.excluded_pairs(s, event_id) if _r == seat.registration_id}
        marks = []
        for uid in judge_ids:
            sc = scores.get(uid)
            cov = covs.get(uid)
            trainee = (
                sc.trainee if sc is not None else bool(cov and cov.trainee_for(aspect, seat.group))
            )
            uname, dname = names.get(uid, ("?", "?"))
            marks.append(
                PanelMark(
                    uname,
                    dname,
                    trainee,
                    sc.value if sc else None,
                    sc.version if sc else 0,
                    sc.status if sc else "",
                    sc.source if sc else "",
                    uid in excluded,
                )
            )
        marks.sort(key=lambda m: (m.trainee, m.judge_username))
        zh, en = rules.hint(aspect)
        return PanelMarks(
            station_no=station_no,
            aspect_code=aspect.code,
            aspect_title=aspect.title,
            criterion_code=crit.code,
            kind=aspect.kind,
            hint_zh=zh,
            hint_en=en,
            locked=ev.locked_at is not None or crit.locked_at is not None,
            competing=seat.active,
            marks=tuple(marks),
        )


@dataclass(frozen=True)
class DeskChoices:
    """What the chief judge's forms offer: stations, aspects and criteria of the event."""

    stations: tuple[tuple[int, str], ...]  # (station, shown status: active | absent ...)
    aspects: tuple[tuple[str, str, str, str], ...]  # (code, title, criterion code, kind)
    criteria: tuple[tuple[str, str, bool], ...]  # (code, title, locked)
    event_locked: bool


def desk_choices(db: Database, actor: Actor, event_id: uuid.UUID) -> DeskChoices:
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        return DeskChoices(
            stations=tuple(
                (x.station_no, x.shown_status)
                for x in common.seats(s, ev)
                if x.station_no is not None
            ),
            aspects=tuple((a.code, a.title, a.criterion_code, a.kind) for a in scheme.aspects),
            criteria=tuple((c.code, c.title, c.locked_at is not None) for c in scheme.criteria),
            event_locked=ev.locked_at is not None,
        )


@dataclass(frozen=True)
class CorrectionView:
    """A mark the chief judge corrected (from the audit trail, so nothing is ever lost)."""

    at: datetime  # naive UTC
    by: str  # username of the chief judge
    station_no: int | None
    aspect_code: str
    judge_username: str
    before: Decimal | None
    after: Decimal | None
    reason: str
    locked: bool  # made on locked marks (with the PIN)
    by_name: str = ""  # the chief judge's display name


def corrections(db: Database, actor: Actor, event_id: uuid.UUID) -> list[CorrectionView]:
    """Every correction of the event, newest first."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        common.load_event(s, event_id)
        entries = s.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.event_id == event_id,
                AuditEntry.action.in_(("score.correct", "score.correct_locked")),
            )
            .order_by(AuditEntry.id.desc())
        ).all()
        names = {
            u: n
            for u, n in s.execute(
                select(User.username, User.display_name).where(
                    User.username.in_({e.username for e in entries})
                )
            )
        }
        out = []
        for e in entries:
            after = e.after or {}
            before = e.before or {}
            station = after.get("station")
            out.append(
                CorrectionView(
                    at=datetime.strptime(e.at, "%Y-%m-%dT%H:%M:%S.%fZ"),
                    by=e.username,
                    station_no=int(station) if station is not None else None,
                    aspect_code=str(after.get("aspect", "")),
                    judge_username=str(after.get("judge", "")),
                    before=decimal_or_none(before.get("value")),
                    after=decimal_or_none(after.get("value")),
                    reason=str(after.get("reason", "")),
                    locked=e.action == "score.correct_locked",
                    by_name=names.get(e.username, ""),
                )
            )
        return out


def decimal_or_none(value: object) -> Decimal | None:
    """A value from an audit entry's JSON (text or number) as a Decimal; None if absent or
    not a number."""
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def spread_of(values: list[Decimal]) -> Decimal:
    return max(values) - min(values) if values else Decimal(0)


__all__ = [
    "CorrectionView",
    "DeskChoices",
    "PanelMark",
    "PanelMarks",
    "compute_flags",
    "corrections",
    "desk_choices",
    "override",
    "panel_marks",
    "review_list",
    "spread_flags",
]
