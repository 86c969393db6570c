"""Blind judge entry: the marking grid, one mark at a time, submitting, reopening.

- ``judge_sheet`` shows stations x the aspects this judge owns; station numbers only.
- ``enter_score`` commits one mark durably in its own transaction, audited with before/after,
  with optimistic versioning (``expected_version``): a stale version is refused, never lost.
- ``submit`` (PIN again) closes the judge's entry for a criterion; only the chief judge can
  ``reopen`` it (with a reason). A judge may ``request_reopen``.
- ``correct_score``: the chief judge's correction; on a locked criterion or event it needs the
  chief judge's PIN and a reason.
- ``station_names``: who sat where; judges only once the event is locked.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, reauthenticate, require
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, Event, Registration, Score, Setting, User
from kmjudge.errors import ConflictError, KmError, NotFound, PermissionDenied
from kmjudge.judging import common, rules
from kmjudge.judging.common import Locked
from kmjudge.judging.views import (
    Cell,
    CriterionState,
    JudgeGrid,
    RevealedStation,
    ScoreView,
    StationRow,
    SubmissionView,
)


def _spread_flagged(
    s: Session, event_id: uuid.UUID, aspect_ids: list[uuid.UUID], limit: Decimal
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """(registration, aspect) panels of judgement aspects whose counting spread exceeds the
    limit and that the chief judge has not accepted."""
    if not aspect_ids:
        return set()
    panels: dict[tuple[uuid.UUID, uuid.UUID], list[tuple[Decimal, str]]] = {}
    for reg_id, asp_id, value, status in s.execute(
        select(Score.registration_id, Score.aspect_id, Score.value, Score.status).where(
            Score.event_id == event_id,
            Score.aspect_id.in_(aspect_ids),
            Score.trainee.is_(False),
        )
    ):
        panels.setdefault((reg_id, asp_id), []).append((value, status))
    return {
        key
        for key, vals in panels.items()
        if len(vals) > 1
        and max(v for v, _ in vals) - min(v for v, _ in vals) > limit
        and not all(st == "accepted" for _, st in vals)
    }


def judge_sheet(db: Database, actor: Actor, event_id: uuid.UUID) -> JudgeGrid:
    """The acting judge's grid: every station x every aspect assigned to them."""
    require(actor, Perm.ENTER_OWN_SCORES)
    judge_id = common.own_id(actor)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        cov = common.coverages(s, event_id, judge_id).get(judge_id)
        if cov is None:
            raise PermissionDenied(
                f"{actor.display_name} 未被分配到本场次评分。",
                f"{actor.username} is not assigned to mark this event.",
            )
        aspects = cov.aspects(scheme)
        seats = [x for x in common.seats(s, ev) if x.station_no is not None]
        excluded = {r for _u, r in common.excluded_pairs(s, event_id, judge_id)}
        mine = {
            (r[0], r[1]): r
            for r in s.execute(
                select(
                    Score.registration_id,
                    Score.aspect_id,
                    Score.value,
                    Score.version,
                    Score.status,
                    Score.source,
                ).where(Score.event_id == event_id, Score.judge_id == judge_id)
            )
        }
        crit_ids = [c.id for c in scheme.criteria]
        subs = {c: v for (c, j), v in common.submissions(s, crit_ids).items() if j == judge_id}
        flagged = _spread_flagged(
            s, event_id, [a.id for a in aspects if a.kind == "J"], ev.spread_limit
        )
        crit_locked = {c.id: c.locked_at is not None for c in scheme.criteria}
        event_locked = ev.locked_at is not None
        rows: list[StationRow] = []
        for seat in seats:
            assert seat.station_no is not None
            cells: list[Cell] = []
            for a in aspects:
                blocked = ""
                if cov.trainee_for(a, seat.group) is None:
                    blocked = "not_assigned"
                elif not seat.active:
                    blocked = seat.status
                elif seat.registration_id in excluded:
                    blocked = "excluded"
                elif event_locked or crit_locked[a.criterion_id]:
                    blocked = "locked"
                elif a.criterion_id in subs and not subs[a.criterion_id].get("open", False):
                    blocked = "submitted"
                r = mine.get((seat.registration_id, a.id))
                cells.append(
                    Cell(
                        value=r[2] if r else None,
                        version=r[3] if r else 0,
                        status=r[4] if r else "",
                        source=r[5] if r else "",
                        blocked=blocked,
                        flagged=(seat.registration_id, a.id) in flagged and not blocked,
                    )
                )
            rows.append(StationRow(seat.station_no, seat.shown_status, tuple(cells)))
        own_crits = {a.criterion_id for a in aspects}
        criteria = tuple(
            CriterionState(
                code=c.code,
                title=c.title,
                locked=c.locked_at is not None or event_locked,
                submitted=c.id in subs and not subs[c.id].get("open", False),
                reopen_requested=bool(subs.get(c.id, {}).get("request")),
            )
            for c in scheme.criteria
            if c.id in own_crits
        )
        return JudgeGrid(
            event_id=ev.id,
            event_name=ev.name,
            judge_username=actor.username,
            judge_name=actor.display_name,
            event_locked=event_locked,
            aspects=tuple(a.column(cov.trainee_for(a, None) is True) for a in aspects),
            stations=tuple(rows),
            criteria=criteria,
        )


def _conflict_on_race(exc: IntegrityError) -> ConflictError:
    return ConflictError(
        "另一台电脑刚刚录入了同一项评分，请刷新后再试。",
        "Another computer entered the same mark a moment ago; reload and try again.",
        code="version",
    )


def enter_score(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    station_no: int,
    aspect_code: str,
    value: object,
    expected_version: int | None = None,
) -> ScoreView:
    """Commit one of the acting judge's marks (own durable transaction, audited).

    ``expected_version`` is the version the judge's screen showed (0/None: no mark yet).
    Refused: aspects not assigned to the judge (or not for that ranking group), locked
    criteria or events, contestants the judge is excluded from (回避), absent, withdrawn or
    disqualified contestants, a submitted criterion, out-of-rule values, stale versions.
    """
    require(actor, Perm.ENTER_OWN_SCORES)
    judge_id = common.own_id(actor)
    try:
        with db.write() as s:
            ev = common.load_event(s, event_id)
            aspect, crit = common.one_aspect(s, event_id, aspect_code)
            common.ensure_unlocked(ev, crit.code, crit.locked_at)
            seat = common.seat_at(s, ev, station_no)
            cov = common.coverages(s, event_id, judge_id).get(judge_id)
            trainee = cov.trainee_for(aspect, seat.group) if cov else None
            if trainee is None:
                raise PermissionDenied(
                    f"评分项 {aspect.code}（{station_no} 号工位）不在 {actor.display_name} 的"
                    "评分范围内。",
                    f"Aspect {aspect.code} at station {station_no} is not assigned to "
                    f"{actor.username}.",
                )
            common.ensure_active(seat)
            if common.is_excluded(s, judge_id, seat.registration_id):
                raise PermissionDenied(
                    f"{actor.display_name} 对 {station_no} 号工位的选手须回避，不能评分。",
                    f"{actor.username} is excluded (conflict of interest) from station "
                    f"{station_no}.",
                    code="excluded",
                )
            if common.is_closed(common.get_submission(s, crit.id, judge_id)):
                raise Locked(
                    f"模块 {crit.code} 的评分已提交；如需修改，请向裁判长申请重新打开。",
                    f"Criterion {crit.code} was submitted; ask the chief judge to reopen it.",
                    code="submitted",
                )
            v = rules.check_value(aspect, value, f"{station_no} 号工位 {aspect.code}")
            return common.put_score(
                s,
                db,
                actor,
                event_id=ev.id,
                aspect=aspect,
                seat=seat,
                judge_id=judge_id,
                judge_username=actor.username,
                value=v,
                trainee=trainee,
                source="screen",
                entered_by=judge_id,
                expected_version=expected_version,
            )
    except IntegrityError as exc:
        raise _conflict_on_race(exc) from exc


def submit(
    db: Database, actor: Actor, event_id: uuid.UUID, criterion_code: str, secret: str
) -> SubmissionView:
    """The judge signs off a criterion with their PIN; their entry for it closes."""
    require(actor, Perm.ENTER_OWN_SCORES)
    judge_id = common.own_id(actor)
    reauthenticate(db, actor, secret)
    try:
        with db.write() as s:
            ev = common.load_event(s, event_id)
            scheme = common.scheme_index(s, event_id)
            crit = scheme.criterion(criterion_code)
            cov = common.coverages(s, event_id, judge_id).get(judge_id)
            aspects = [a for a in (cov.aspects(scheme) if cov else []) if a.criterion_id == crit.id]
            if not aspects:
                raise PermissionDenied(
                    f"{actor.display_name} 没有模块 {crit.code} 的评分任务。",
                    f"{actor.username} has nothing to mark in criterion {crit.code}.",
                )
            assert cov is not None
            row = common.get_submission(s, crit.id, judge_id, lock=True)
            if common.is_closed(row):
                raise KmError(
                    f"模块 {crit.code} 已经提交过了。",
                    f"Criterion {crit.code} was submitted already.",
                    code="submitted",
                )
            missing = _own_missing(s, ev, cov, aspects, judge_id)
            if missing:
                shown = "、".join(f"{st} 号工位 {code}" for st, code in missing[:5])
                more = f" 等 {len(missing)} 项" if len(missing) > 5 else ""
                raise KmError(
                    f"还有未评分的项目：{shown}{more}。全部评完后再提交。",
                    f"{len(missing)} mark(s) still missing (e.g. {missing[0][0]} "
                    f"{missing[0][1]}); finish before submitting.",
                    code="incomplete",
                )
            at = common.now_text()
            value = dict(row.value) if row is not None else {}
            history = list(value.get("history", []))
            history.append({"submitted_at": at})
            value.update(
                event=str(ev.id),
                criterion=crit.code,
                judge=actor.username,
                submitted_at=at,
                open=False,
                request=None,
                history=history,
            )
            if row is None:
                s.add(Setting(key=common.submission_key(crit.id, judge_id), value=value))
            else:
                row.value = value
            audit.record(
                s,
                db,
                actor,
                "judging.submit",
                entity="criterion",
                entity_id=crit.id,
                event_id=ev.id,
                after={"criterion": crit.code, "judge": actor.username},
            )
            return SubmissionView(actor.username, crit.code, at, False)
    except IntegrityError as exc:
        raise _conflict_on_race(exc) from exc


def _own_missing(
    s: Session,
    ev: Event,
    cov: common.Coverage,
    aspects: list[common.AspectInfo],
    judge_id: uuid.UUID,
) -> list[tuple[int, str]]:
    have = {
        (r[0], r[1])
        for r in s.execute(
            select(Score.registration_id, Score.aspect_id).where(
                Score.event_id == ev.id, Score.judge_id == judge_id
            )
        )
    }
    excluded = {r for _u, r in common.excluded_pairs(s, ev.id, judge_id)}
    out: list[tuple[int, str]] = []
    for seat in common.seats(s, ev):
        if seat.station_no is None or not seat.active or seat.registration_id in excluded:
            continue
        for a in aspects:
            if a.kind == "D" or cov.trainee_for(a, seat.group) is not False:
                continue
            if (seat.registration_id, a.id) not in have:
                out.append((seat.station_no, a.code))
    return out


def _submission_for(
    s: Session, event_id: uuid.UUID, criterion_code: str, username: str
) -> tuple[common.CriterionInfo, User, Setting]:
    scheme = common.scheme_index(s, event_id)
    crit = scheme.criterion(criterion_code)
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"没有用户 {username}。", f"No user {username}.")
    row = common.get_submission(s, crit.id, user.id, lock=True)
    if row is None:
        raise KmError(
            f"{user.display_name} 尚未提交模块 {crit.code}。",
            f"{username} has not submitted criterion {crit.code}.",
            code="not_submitted",
        )
    return crit, user, row


def request_reopen(
    db: Database, actor: Actor, event_id: uuid.UUID, criterion_code: str, reason: str
) -> None:
    """A judge asks the chief judge to reopen their submitted criterion (to fix a mark)."""
    require(actor, Perm.ENTER_OWN_SCORES)
    text = common.need_reason(reason)
    with db.write() as s:
        ev = common.load_event(s, event_id)
        crit, _user, row = _submission_for(s, ev.id, criterion_code, actor.username)
        if not common.is_closed(row):
            raise KmError(
                f"模块 {crit.code} 未处于提交状态，可以直接修改。",
                f"Criterion {crit.code} is open; change the marks directly.",
            )
        value = dict(row.value)
        value["request"] = {"reason": text, "at": common.now_text()}
        row.value = value
        audit.record(
            s,
            db,
            actor,
            "judging.reopen_request",
            entity="criterion",
            entity_id=crit.id,
            event_id=ev.id,
            after={"criterion": crit.code, "judge": actor.username, "reason": text},
        )


def reopen(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    criterion_code: str,
    judge_username: str,
    reason: str,
) -> SubmissionView:
    """The chief judge reopens a judge's submitted criterion, with a written reason."""
    text = common.need_reason(reason)
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id)
        crit, user, row = _submission_for(s, ev.id, criterion_code, judge_username)
        common.ensure_unlocked(ev, crit.code, crit.locked_at)
        if not common.is_closed(row):
            raise KmError(
                f"{user.display_name} 的模块 {crit.code} 已处于打开状态。",
                f"{judge_username}'s criterion {crit.code} is open already.",
            )
        value = dict(row.value)
        history = list(value.get("history", []))
        history.append({"reopened_at": common.now_text(), "by": actor.username, "reason": text})
        value.update(open=True, request=None, history=history)
        row.value = value
        audit.record(
            s,
            db,
            actor,
            "judging.reopen",
            entity="criterion",
            entity_id=crit.id,
            event_id=ev.id,
            before={"open": False},
            after={"criterion": crit.code, "judge": judge_username, "open": True, "reason": text},
        )
        return SubmissionView(judge_username, crit.code, str(value.get("submitted_at", "")), True)


def correct_score(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    station_no: int,
    aspect_code: str,
    judge_username: str,
    value: object,
    reason: str,
    secret: str | None = None,
    expected_version: int | None = None,
) -> ScoreView:
    """The chief judge corrects (or enters) a judge's mark, with a written reason.

    Works on a submitted criterion; on a locked criterion or event it needs the chief judge's
    PIN (``secret``), and stays visible in the audit trail. Exclusions still hold.
    """
    text = common.need_reason(reason)
    with db.read() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id)
        _a, crit = common.one_aspect(s, event_id, aspect_code)
        locked = ev.locked_at is not None or crit.locked_at is not None
    if locked:
        if secret is None:
            raise Locked(
                "成绩已锁定：更正须由裁判长重新输入 PIN 验证身份。",
                "Marks are locked: the chief judge must re-enter the PIN to correct one.",
                code="reauth_required",
            )
        reauthenticate(db, actor, secret)
    try:
        with db.write() as s:
            ev = common.load_event(s, event_id)
            aspect, crit = common.one_aspect(s, event_id, aspect_code)
            seat = common.seat_at(s, ev, station_no)
            common.ensure_active(seat)
            judge = s.scalar(select(User).where(User.username == judge_username))
            if judge is None:
                raise NotFound(f"没有用户 {judge_username}。", f"No user {judge_username}.")
            cov = common.coverages(s, event_id, judge.id).get(judge.id)
            trainee = cov.trainee_for(aspect, seat.group) if cov else None
            if trainee is None:
                raise KmError(
                    f"评分项 {aspect.code} 不在 {judge.display_name} 的评分范围内。",
                    f"Aspect {aspect.code} is not assigned to {judge_username}.",
                )
            if common.is_excluded(s, judge.id, seat.registration_id):
                raise PermissionDenied(
                    f"{judge.display_name} 对 {station_no} 号工位的选手须回避。",
                    f"{judge_username} is excluded from station {station_no}.",
                    code="excluded",
                )
            v = rules.check_value(aspect, value, f"{station_no} 号工位 {aspect.code}")
            source = s.scalar(
                select(Score.source).where(
                    Score.registration_id == seat.registration_id,
                    Score.aspect_id == aspect.id,
                    Score.judge_id == judge.id,
                )
            )
            return common.put_score(
                s,
                db,
                actor,
                event_id=ev.id,
                aspect=aspect,
                seat=seat,
                judge_id=judge.id,
                judge_username=judge.username,
                value=v,
                trainee=trainee,
                source=source or "screen",
                entered_by=actor.user_id or judge.id,
                confirmed_by=actor.user_id,
                status="corrected",
                reason=text,
                expected_version=expected_version,
                check_version=expected_version is not None,
                action="score.correct_locked" if locked else "score.correct",
            )
    except IntegrityError as exc:
        raise _conflict_on_race(exc) from exc


def station_names(db: Database, actor: Actor, event_id: uuid.UUID) -> dict[int, RevealedStation]:
    """Station number -> who sat there. Staff with the right to see names always; judges
    only once the event is locked (blind marking)."""
    with db.read() as s:
        ev = common.load_event(s, event_id)
        if not actor.can(Perm.VIEW_NAMES) and (
            not actor.can(Perm.ENTER_OWN_SCORES) or ev.locked_at is None
        ):
            raise PermissionDenied(
                "成绩锁定前，裁判员只能看到工位号，不能查看选手姓名。",
                "Judges see station numbers only until the marks are locked.",
                code="blind",
            )
        rows = s.execute(
            select(Registration, Contestant)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == event_id, Registration.station_no.is_not(None))
        ).all()
        out: dict[int, RevealedStation] = {}
        for reg, person in rows:
            assert reg.station_no is not None
            out[reg.station_no] = RevealedStation(
                reg.station_no,
                reg.ticket_no,
                person.name,
                reg.employer or person.employer,
                reg.status,
            )
        return dict(sorted(out.items()))


__all__ = [
    "correct_score",
    "enter_score",
    "judge_sheet",
    "reopen",
    "request_reopen",
    "station_names",
    "submit",
]
