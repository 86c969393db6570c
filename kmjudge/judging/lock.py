"""Locking and unlocking marks, per criterion and per event (chief judge).

A lock is refused while anything is open: missing marks, contestants still competing without a
station, judgement spread flags not re-scored or overridden, paper sheet differences, judges'
reopen requests; for the whole event also an unfinished recheck (复核, incl. a required full
recheck) and undecided appeals. The refusal lists every blocker.

Unlocking needs the chief judge's PIN again and a written reason, and is audited. Once the
event is locked, judges may see who sat at which station (``entry.station_names``).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, reauthenticate
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Criterion, Event
from kmjudge.errors import Issue, KmError, ValidationFailed
from kmjudge.judging import common
from kmjudge.judging.views import (
    AppealView,
    Blocker,
    Completeness,
    RecheckStatus,
    ReopenRequest,
    SheetDifference,
    SpreadFlag,
)


def blockers_in(
    s: Session,
    ev: Event,
    scheme: common.SchemeIndex,
    criterion_code: str | None,
    *,
    comp: Completeness | None = None,
    flags: list[SpreadFlag] | None = None,
    diffs: list[SheetDifference] | None = None,
    requests: list[ReopenRequest] | None = None,
    appeals: list[AppealView] | None = None,
    recheck: RecheckStatus | None = None,
) -> list[Blocker]:
    """What stops locking one criterion (``criterion_code``) or the event (None)."""
    from kmjudge.judging import appeals as appeals_mod
    from kmjudge.judging import completeness, paper, review
    from kmjudge.judging import recheck as recheck_mod

    comp = comp or completeness.compute(s, ev, scheme)
    flags = flags if flags is not None else review.compute_flags(s, ev, scheme)
    diffs = diffs if diffs is not None else paper.differences_in(s, ev.id)
    requests = requests if requests is not None else review.reopen_requests_in(s, ev, scheme)

    def mine(code: str) -> bool:
        return criterion_code is None or code == criterion_code

    out: list[Blocker] = []
    for c in comp.criteria:
        if mine(c.code) and c.missing:
            ex = c.missing[0]
            out.append(
                Blocker(
                    "missing",
                    c.code,
                    len(c.missing),
                    f"模块 {c.code} 还缺 {len(c.missing)} 项评分"
                    f"（如 {ex.judge_name} {ex.station_no} 号工位 {ex.aspect_code}）。",
                    f"Criterion {c.code}: {len(c.missing)} mark(s) missing "
                    f"(e.g. {ex.judge_username} station {ex.station_no} {ex.aspect_code}).",
                )
            )
    if comp.unstationed:
        out.append(
            Blocker(
                "unstationed",
                "",
                comp.unstationed,
                f"{comp.unstationed} 名仍在比赛的选手没有工位号（未检录的请标记为缺考）。",
                f"{comp.unstationed} competing contestant(s) have no station "
                "(mark no-shows absent).",
            )
        )
    open_flags = [f for f in flags if mine(f.criterion_code) and not f.accepted]
    if open_flags:
        f = open_flags[0]
        out.append(
            Blocker(
                "flag",
                criterion_code or "",
                len(open_flags),
                f"{len(open_flags)} 个评价项评分差异超限，须重评或由裁判长书面裁定"
                f"（如 {f.station_no} 号工位 {f.aspect_code}，差 {f.spread}）。",
                f"{len(open_flags)} judgement panel(s) over the spread limit must be re-scored "
                f"or overridden (e.g. station {f.station_no} {f.aspect_code}).",
            )
        )
    open_diffs = [d for d in diffs if mine(d.criterion_code)]
    if open_diffs:
        d = open_diffs[0]
        out.append(
            Blocker(
                "difference",
                criterion_code or "",
                len(open_diffs),
                f"{len(open_diffs)} 处纸质评分表两遍录入不一致待更正"
                f"（如 {d.code} {d.station_no} 号工位 {d.aspect_code}）。",
                f"{len(open_diffs)} paper entry difference(s) to correct "
                f"(e.g. {d.code} station {d.station_no} {d.aspect_code}).",
            )
        )
    open_requests = [r for r in requests if mine(r.criterion_code)]
    if open_requests:
        r = open_requests[0]
        out.append(
            Blocker(
                "reopen_request",
                criterion_code or "",
                len(open_requests),
                f"{len(open_requests)} 位裁判申请重新打开评分待处理（如 {r.judge_name} 模块 "
                f"{r.criterion_code}）。",
                f"{len(open_requests)} reopen request(s) waiting (e.g. {r.judge_username} "
                f"{r.criterion_code}).",
            )
        )
    if criterion_code is None:
        rc = recheck or recheck_mod.status_in(s, ev.id)
        if not rc.drawn:
            out.append(
                Blocker(
                    "recheck",
                    "",
                    0,
                    "尚未抽取复核样本（前 10 名及其余 15%）。",
                    "The recheck sample (top 10 + 15 %) has not been drawn.",
                )
            )
        elif not rc.complete:
            left = sum(1 for i in rc.items if not i.checked)
            full = "（差错率超过 5%，须全部复核）" if rc.full_required else ""
            out.append(
                Blocker(
                    "recheck",
                    "",
                    left,
                    f"复核未完成：还有 {left} 名选手待复核{full}。",
                    f"Recheck unfinished: {left} contestant(s) left"
                    + (" (error rate above 5 %: full recheck)." if rc.full_required else "."),
                )
            )
        pending = [
            a
            for a in (appeals if appeals is not None else appeals_mod.appeals_in(s, ev.id))
            if a.outcome == "pending"
        ]
        if pending:
            out.append(
                Blocker(
                    "appeal",
                    "",
                    len(pending),
                    f"{len(pending)} 件申诉尚未处理。",
                    f"{len(pending)} appeal(s) not decided.",
                )
            )
    return out


def lock_blockers(
    db: Database, actor: Actor, event_id: uuid.UUID, criterion_code: str | None = None
) -> list[Blocker]:
    common.require_any(actor, Perm.LOCK, Perm.REVIEW_SCORES)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        if criterion_code is not None:
            scheme.criterion(criterion_code)
        return blockers_in(s, ev, scheme, criterion_code)


def _refuse(blockers: list[Blocker], what_zh: str, what_en: str) -> ValidationFailed:
    return ValidationFailed(
        [Issue(b.criterion_code or "场次", b.kind, b.message_zh, b.message_en) for b in blockers],
        f"不能锁定{what_zh}：" + "；".join(b.message_zh for b in blockers),
        f"Cannot lock {what_en}: " + "; ".join(b.message_en for b in blockers),
    )


def lock_criterion(db: Database, actor: Actor, event_id: uuid.UUID, criterion_code: str) -> None:
    """Lock one criterion's marks (refused with every blocker listed)."""
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.LOCK)
        ev = common.load_event(s, event_id, lock=True)
        scheme = common.scheme_index(s, event_id)
        info = scheme.criterion(criterion_code)
        if info.locked_at is not None or ev.locked_at is not None:
            raise KmError(f"模块 {info.code} 已锁定。", f"Criterion {info.code} is locked already.")
        found = blockers_in(s, ev, scheme, info.code)
        if found:
            raise _refuse(found, f"模块 {info.code}", f"criterion {info.code}")
        crit = s.get(Criterion, info.id)
        assert crit is not None
        crit.locked_at = utcnow()
        crit.locked_by = actor.user_id
        audit.record(
            s,
            db,
            actor,
            "judging.lock_criterion",
            entity="criterion",
            entity_id=crit.id,
            event_id=ev.id,
            after={"criterion": crit.code},
        )


def lock_event(db: Database, actor: Actor, event_id: uuid.UUID) -> None:
    """Lock every mark of the event (and every criterion); names are revealed to judges."""
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.LOCK)
        ev = common.load_event(s, event_id, lock=True)
        if ev.locked_at is not None:
            raise KmError("本场次已锁定。", "The event is locked already.")
        scheme = common.scheme_index(s, event_id)
        found = blockers_in(s, ev, scheme, None)
        if found:
            raise _refuse(found, "本场次", "the event")
        now = utcnow()
        newly = []
        for c in ev.criteria:
            if c.locked_at is None:
                c.locked_at = now
                c.locked_by = actor.user_id
                newly.append(c.code)
        before = {"status": ev.status}
        ev.locked_at = now
        ev.locked_by = actor.user_id
        ev.status = "locked"
        ev.version += 1
        audit.record(
            s,
            db,
            actor,
            "judging.lock_event",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            before=before,
            after={"status": "locked", "criteria_locked": newly},
        )


def unlock_criterion(
    db: Database, actor: Actor, event_id: uuid.UUID, criterion_code: str, secret: str, reason: str
) -> None:
    """Unlock one criterion: the chief judge's PIN again and a written reason. If the event
    was locked it is unlocked too (it is no longer entirely locked)."""
    text = common.need_reason(reason)
    with db.read() as s:
        common.require_chief(s, actor, event_id, Perm.UNLOCK)
    reauthenticate(db, actor, secret)
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.UNLOCK)
        ev = common.load_event(s, event_id, lock=True)
        info = common.scheme_index(s, event_id).criterion(criterion_code)
        crit = s.get(Criterion, info.id)
        assert crit is not None
        if crit.locked_at is None and ev.locked_at is None:
            raise KmError(f"模块 {crit.code} 未锁定。", f"Criterion {crit.code} is not locked.")
        before = {
            "criterion_locked_at": crit.locked_at,
            "event_locked_at": ev.locked_at,
            "status": ev.status,
        }
        crit.locked_at = None
        crit.locked_by = None
        if ev.locked_at is not None:
            ev.locked_at = None
            ev.locked_by = None
            ev.status = "open"
            ev.version += 1
        audit.record(
            s,
            db,
            actor,
            "judging.unlock_criterion",
            entity="criterion",
            entity_id=crit.id,
            event_id=ev.id,
            before=before,
            after={"criterion": crit.code, "reason": text},
        )


def unlock_event(db: Database, actor: Actor, event_id: uuid.UUID, secret: str, reason: str) -> None:
    """Unlock the event (its criteria stay locked until unlocked one by one): the chief
    judge's PIN again and a written reason."""
    text = common.need_reason(reason)
    with db.read() as s:
        common.require_chief(s, actor, event_id, Perm.UNLOCK)
    reauthenticate(db, actor, secret)
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.UNLOCK)
        ev = common.load_event(s, event_id, lock=True)
        if ev.locked_at is None:
            raise KmError("本场次未锁定。", "The event is not locked.")
        before = {"locked_at": ev.locked_at, "status": ev.status}
        ev.locked_at = None
        ev.locked_by = None
        ev.status = "open"
        ev.version += 1
        audit.record(
            s,
            db,
            actor,
            "judging.unlock_event",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            before=before,
            after={"status": "open", "reason": text},
        )


__all__ = [
    "blockers_in",
    "lock_blockers",
    "lock_criterion",
    "lock_event",
    "unlock_criterion",
    "unlock_event",
]
