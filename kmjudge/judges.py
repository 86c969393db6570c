"""Judges on an event: assignments, the chief judge, and conflicts of interest (回避).

An assignment puts a judge on an event, optionally only for one criterion or one aspect and
only for one ranking group ("" = every group). Trainee judges (见习裁判) mark like the others;
their marks are stored with ``Score.trainee`` set and never count. Several assignments of one
judge add up; where a counting and a trainee assignment overlap, the counting one wins.

Conflict of interest: ``conflicts`` lists every judge whose employer (工作单位) is the same as
a contestant's; ``exclude`` records the exclusion (``JudgeExclusion``), after which the judge
cannot mark that contestant (marks already given are removed; the audit entry keeps them).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, Role, require
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
    SubCriterion,
    User,
)
from kmjudge.errors import KmError, NotFound


@dataclass(frozen=True)
class AssignmentView:
    id: uuid.UUID
    username: str
    display_name: str
    criterion_code: str  # "" = every criterion
    trainee: bool
    aspect_code: str = ""  # "" = every aspect (of the criterion)
    ranking_group: str = ""  # "" = every ranking group
    is_chief: bool = False


@dataclass(frozen=True)
class ConflictPair:
    """A judge and a contestant from the same employer (staff view: it carries the name)."""

    judge_username: str
    judge_name: str
    judge_employer: str
    registration_id: uuid.UUID
    station_no: int | None
    ticket_no: str
    contestant_name: str
    contestant_employer: str
    exact: bool  # same employer after normalising; False: one name contains the other
    excluded: bool


@dataclass(frozen=True)
class ExclusionView:
    id: uuid.UUID
    judge_username: str
    judge_name: str
    registration_id: uuid.UUID
    station_no: int | None
    ticket_no: str
    contestant_name: str
    reason: str


def _event(s: Session, event_id: uuid.UUID) -> Event:
    ev = s.get(Event, event_id)
    if ev is None:
        raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
    return ev


def _locked_refusal(ev: Event) -> None:
    if ev.locked_at is not None:
        raise KmError(
            "该场次成绩已锁定，不能再调整裁判。", "The event is locked; judges cannot change."
        )


def assign_judge(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    username: str,
    criterion_code: str = "",
    trainee: bool = False,
    aspect_code: str = "",
    ranking_group: str = "",
) -> AssignmentView:
    """Put a judge on an event's panel: the whole event, one criterion or one aspect, for
    every ranking group or one; counting or trainee."""
    from kmjudge.judging.common import normalise_group

    require(actor, Perm.ASSIGN_JUDGES)
    group = normalise_group(ranking_group)
    with db.write() as s:
        ev = _event(s, event_id)
        _locked_refusal(ev)
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"没有用户 {username}。", f"No user {username}.")
        if Role.JUDGE.value not in user.roles:
            raise KmError(f"{user.display_name} 不是裁判员账号。", f"{username} is not a judge.")
        crit_id = None
        aspect_id = None
        if aspect_code:
            row = s.execute(
                select(Aspect.id, Criterion.id, Criterion.code)
                .join(SubCriterion, SubCriterion.id == Aspect.subcriterion_id)
                .join(Criterion, Criterion.id == SubCriterion.criterion_id)
                .where(Aspect.event_id == ev.id, Aspect.code == aspect_code)
            ).first()
            if row is None:
                raise NotFound(
                    f"评分标准中没有评分项 {aspect_code}。",
                    f"The scheme has no aspect {aspect_code}.",
                )
            if criterion_code and criterion_code != row[2]:
                raise KmError(
                    f"评分项 {aspect_code} 属于模块 {row[2]}，不属于 {criterion_code}。",
                    f"Aspect {aspect_code} belongs to criterion {row[2]}, not {criterion_code}.",
                )
            aspect_id, crit_id, criterion_code = row[0], row[1], row[2]
        elif criterion_code:
            crit = s.scalar(
                select(Criterion).where(
                    Criterion.event_id == ev.id, Criterion.code == criterion_code
                )
            )
            if crit is None:
                raise NotFound(
                    f"评分标准中没有模块 {criterion_code}。",
                    f"The scheme has no criterion {criterion_code}.",
                )
            crit_id = crit.id
        dup = s.scalar(
            select(JudgeAssignment).where(
                JudgeAssignment.event_id == ev.id,
                JudgeAssignment.user_id == user.id,
                JudgeAssignment.is_chief.is_(False),
                JudgeAssignment.criterion_id.is_(None)
                if crit_id is None
                else JudgeAssignment.criterion_id == crit_id,
                JudgeAssignment.aspect_id.is_(None)
                if aspect_id is None
                else JudgeAssignment.aspect_id == aspect_id,
                JudgeAssignment.ranking_group == group,
            )
        )
        if dup is not None:
            raise KmError(
                f"{user.display_name} 已在该评分组中。", f"{username} is already on that panel."
            )
        row_ = JudgeAssignment(
            event_id=ev.id,
            user_id=user.id,
            criterion_id=crit_id,
            aspect_id=aspect_id,
            ranking_group=group,
            trainee=trainee,
        )
        s.add(row_)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "judge.assign",
            entity="judge_assignment",
            entity_id=row_.id,
            event_id=ev.id,
            after={
                "judge": username,
                "criterion": criterion_code,
                "aspect": aspect_code,
                "ranking_group": group,
                "trainee": trainee,
            },
        )
        return AssignmentView(
            row_.id, user.username, user.display_name, criterion_code, trainee, aspect_code, group
        )


def assign_chief(db: Database, actor: Actor, event_id: uuid.UUID, username: str) -> AssignmentView:
    """Name the event's chief judge (裁判长). Once an event names one, only the named chief
    judge(s) may review, override, lock and unlock it."""
    require(actor, Perm.ASSIGN_JUDGES)
    with db.write() as s:
        ev = _event(s, event_id)
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"没有用户 {username}。", f"No user {username}.")
        if Role.CHIEF.value not in user.roles:
            raise KmError(
                f"{user.display_name} 不是裁判长账号。", f"{username} is not a chief judge."
            )
        dup = s.scalar(
            select(JudgeAssignment).where(
                JudgeAssignment.event_id == ev.id,
                JudgeAssignment.user_id == user.id,
                JudgeAssignment.is_chief.is_(True),
            )
        )
        if dup is not None:
            raise KmError(
                f"{user.display_name} 已是本场次裁判长。", f"{username} is chief judge already."
            )
        row = JudgeAssignment(event_id=ev.id, user_id=user.id, is_chief=True)
        s.add(row)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "judge.assign_chief",
            entity="judge_assignment",
            entity_id=row.id,
            event_id=ev.id,
            after={"chief": username},
        )
        return AssignmentView(row.id, user.username, user.display_name, "", False, is_chief=True)


def remove_assignment(db: Database, actor: Actor, assignment_id: uuid.UUID) -> None:
    """Take an assignment away. Refused when the judge has marks that no remaining
    assignment would cover (they would stop counting silently); a judge who marked under
    the whole-event assignment can still be narrowed once a narrower one covers those marks."""
    from kmjudge.judging import common

    require(actor, Perm.ASSIGN_JUDGES)
    with db.write() as s:
        row = s.get(JudgeAssignment, assignment_id)
        if row is None:
            raise NotFound("找不到该裁判分配。", f"No assignment {assignment_id}.")
        ev = _event(s, row.event_id)
        _locked_refusal(ev)
        user = s.get(User, row.user_id)
        crit_code = s.scalar(select(Criterion.code).where(Criterion.id == row.criterion_id))
        aspect_code = s.scalar(select(Aspect.code).where(Aspect.id == row.aspect_id))
        if not row.is_chief:
            scores = s.execute(
                select(Score.registration_id, Score.aspect_id).where(
                    Score.event_id == ev.id, Score.judge_id == row.user_id
                )
            ).all()
            if scores:
                rest = common.Coverage(
                    row.user_id,
                    [
                        common.Rule(a.criterion_id, a.aspect_id, a.ranking_group, a.trainee)
                        for a in s.scalars(
                            select(JudgeAssignment).where(
                                JudgeAssignment.event_id == ev.id,
                                JudgeAssignment.user_id == row.user_id,
                                JudgeAssignment.is_chief.is_(False),
                                JudgeAssignment.id != row.id,
                            )
                        )
                    ],
                )
                scheme = common.scheme_index(s, ev.id)
                group = {x.registration_id: x.group for x in common.seats(s, ev)}
                orphans = [
                    (reg, asp)
                    for reg, asp in scores
                    if asp in scheme.by_id
                    and rest.trainee_for(scheme.by_id[asp], group.get(reg)) is None
                ]
                if orphans:
                    raise KmError(
                        f"{user.display_name if user else ''} 已按此分工评了 {len(orphans)} 项，"
                        "取消后这些评分将无人认领，不能取消；如需调整，请先增加覆盖这些评分项的"
                        "分工，或由裁判长处理。",
                        f"The judge has {len(orphans)} mark(s) under this assignment; removing "
                        "it would orphan them. Add an assignment that covers them first.",
                        code="has_marks",
                    )
        s.delete(row)
        audit.record(
            s,
            db,
            actor,
            "judge.unassign",
            entity="judge_assignment",
            entity_id=assignment_id,
            event_id=ev.id,
            before={
                "judge": user.username if user else "",
                "chief": row.is_chief,
                "criterion": crit_code or "",
                "aspect": aspect_code or "",
                "ranking_group": row.ranking_group,
                "trainee": row.trainee,
            },
        )


def list_assignments(db: Database, event_id: uuid.UUID) -> list[AssignmentView]:
    with db.read() as s:
        rows = s.execute(
            select(JudgeAssignment, User, Criterion, Aspect)
            .join(User, User.id == JudgeAssignment.user_id)
            .outerjoin(Criterion, Criterion.id == JudgeAssignment.criterion_id)
            .outerjoin(Aspect, Aspect.id == JudgeAssignment.aspect_id)
            .where(JudgeAssignment.event_id == event_id)
            .order_by(JudgeAssignment.is_chief.desc(), User.username)
        ).all()
    return [
        AssignmentView(
            a.id,
            u.username,
            u.display_name,
            c.code if c else "",
            a.trainee,
            asp.code if asp else "",
            a.ranking_group,
            a.is_chief,
        )
        for a, u, c, asp in rows
    ]


# --------------------------------------------------------------------------- 回避


_PUNCT = re.compile(r"[\s()（）·,，.。、\-—_]")


def normalise_employer(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def _match(a: str, b: str) -> bool | None:
    """True: same employer; False: one contains the other (worth a look); None: unrelated."""
    x, y = normalise_employer(a), normalise_employer(b)
    if not x or not y:
        return None
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and short in long_:
        return False
    return None


def conflicts(db: Database, actor: Actor, event_id: uuid.UUID) -> list[ConflictPair]:
    """Every (judge, contestant) pair from the same employer, for the warning list."""
    require(actor, Perm.ASSIGN_JUDGES)
    require(actor, Perm.VIEW_NAMES)
    with db.read() as s:
        _event(s, event_id)
        judge_rows = s.execute(
            select(User.id, User.username, User.display_name, User.employer)
            .join(JudgeAssignment, JudgeAssignment.user_id == User.id)
            .where(JudgeAssignment.event_id == event_id, JudgeAssignment.is_chief.is_(False))
            .distinct()
        ).all()
        regs = s.execute(
            select(
                Registration.id,
                Registration.station_no,
                Registration.ticket_no,
                Registration.employer,
                Contestant.name,
                Contestant.employer,
            )
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == event_id)
        ).all()
        excluded = {
            (r[0], r[1])
            for r in s.execute(
                select(JudgeExclusion.user_id, JudgeExclusion.registration_id)
                .join(Registration, Registration.id == JudgeExclusion.registration_id)
                .where(Registration.event_id == event_id)
            )
        }
    out: list[ConflictPair] = []
    for jid, uname, jname, jemp in judge_rows:
        if not jemp:
            continue
        for rid, station, ticket, remp, cname, cemp in regs:
            employer = remp or cemp
            m = _match(jemp, employer)
            if m is None:
                continue
            out.append(
                ConflictPair(
                    uname,
                    jname,
                    jemp,
                    rid,
                    station,
                    ticket,
                    cname,
                    employer,
                    m,
                    (jid, rid) in excluded,
                )
            )
    out.sort(key=lambda c: (c.judge_username, c.station_no or 0, c.ticket_no))
    return out


def _reg_by_station_or_id(
    s: Session, event_id: uuid.UUID, station_no: int | None, registration_id: uuid.UUID | None
) -> Registration:
    if registration_id is not None:
        reg = s.get(Registration, registration_id)
    else:
        reg = s.scalar(
            select(Registration).where(
                Registration.event_id == event_id, Registration.station_no == station_no
            )
        )
    if reg is None or reg.event_id != event_id:
        raise NotFound("找不到该选手（工位号）。", "No such contestant/station in this event.")
    return reg


def exclude(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    judge_username: str,
    *,
    registration_id: uuid.UUID | None = None,
    station_no: int | None = None,
    reason: str = "同一工作单位",
) -> ExclusionView:
    """Exclude a judge from marking one contestant (回避). Marks the judge already gave that
    contestant are removed (their values are kept in the audit entry)."""
    require(actor, Perm.ASSIGN_JUDGES)
    text = " ".join(reason.split()) or "回避"
    with db.write() as s:
        ev = _event(s, event_id)
        _locked_refusal(ev)
        judge = s.scalar(select(User).where(User.username == judge_username))
        if judge is None:
            raise NotFound(f"没有用户 {judge_username}。", f"No user {judge_username}.")
        reg = _reg_by_station_or_id(s, ev.id, station_no, registration_id)
        if s.scalar(
            select(JudgeExclusion).where(
                JudgeExclusion.user_id == judge.id, JudgeExclusion.registration_id == reg.id
            )
        ):
            raise KmError(
                f"{judge.display_name} 对该选手已回避。", f"{judge_username} is excluded already."
            )
        row = JudgeExclusion(user_id=judge.id, registration_id=reg.id, reason=text)
        s.add(row)
        s.flush()
        # Marks already given are removed: the results engine reads every Score row, so a
        # mark that must not count cannot stay. Their values stay in this audit entry.
        removed = []
        for score in s.scalars(
            select(Score).where(Score.registration_id == reg.id, Score.judge_id == judge.id)
        ):
            removed.append(
                {
                    "score": score.id,
                    "aspect": str(score.aspect_id),
                    "value": score.value,
                    "version": score.version,
                    "source": score.source,
                }
            )
            s.delete(score)
        audit.record(
            s,
            db,
            actor,
            "judge.exclude",
            entity="judge_exclusion",
            entity_id=row.id,
            event_id=ev.id,
            after={
                "judge": judge_username,
                "registration": reg.id,
                "station": reg.station_no,
                "reason": text,
                "removed_scores": removed,
            },
        )
        person = s.get(Contestant, reg.contestant_id)
        return ExclusionView(
            row.id,
            judge.username,
            judge.display_name,
            reg.id,
            reg.station_no,
            reg.ticket_no,
            person.name if person else "",
            text,
        )


def remove_exclusion(db: Database, actor: Actor, exclusion_id: uuid.UUID, reason: str) -> None:
    """Lift an exclusion (with a reason). Removed marks do not come back; the judge marks
    afresh."""
    require(actor, Perm.ASSIGN_JUDGES)
    text = " ".join(reason.split())
    if len(text) < 2:
        raise KmError("请填写理由。", "A reason is required.", code="reason_required")
    with db.write() as s:
        row = s.get(JudgeExclusion, exclusion_id)
        if row is None:
            raise NotFound("找不到该回避记录。", f"No exclusion {exclusion_id}.")
        reg = s.get(Registration, row.registration_id)
        assert reg is not None
        ev = _event(s, reg.event_id)
        _locked_refusal(ev)
        s.delete(row)
        audit.record(
            s,
            db,
            actor,
            "judge.exclusion_lifted",
            entity="judge_exclusion",
            entity_id=exclusion_id,
            event_id=ev.id,
            before={"judge": str(row.user_id), "registration": reg.id},
            after={"reason": text},
        )


def list_exclusions(db: Database, actor: Actor, event_id: uuid.UUID) -> list[ExclusionView]:
    require(actor, Perm.VIEW_NAMES)
    with db.read() as s:
        rows = s.execute(
            select(JudgeExclusion, User, Registration, Contestant)
            .join(User, User.id == JudgeExclusion.user_id)
            .join(Registration, Registration.id == JudgeExclusion.registration_id)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == event_id)
            .order_by(User.username, Registration.station_no)
        ).all()
    return [
        ExclusionView(
            x.id, u.username, u.display_name, r.id, r.station_no, r.ticket_no, c.name, x.reason
        )
        for x, u, r, c in rows
    ]


# --------------------------------------------------------------------------- overview


@dataclass(frozen=True)
class JudgeAccount:
    """A judge (or chief judge) account and what it has on this event."""

    username: str
    display_name: str
    employer: str
    active: bool
    assignments: tuple[AssignmentView, ...]

    @property
    def assigned(self) -> bool:
        return any(not a.is_chief for a in self.assignments)


@dataclass(frozen=True)
class AspectStaffing:
    """How many judges mark one aspect (the worst ranking group), against what it needs."""

    aspect_code: str
    title: str
    criterion_code: str
    kind: str
    counting: int
    trainees: int
    needed: int  # the panel rule's minimum (0 for deductions: never required)
    group: str  # the ranking group with the fewest counting judges ("" = everyone)
    planned: int = 0  # the event's planned panel size (0 for deductions)

    @property
    def short(self) -> bool:
        """Below the panel rule's minimum: marks cannot be aggregated as the scheme says."""
        return self.counting < self.needed

    @property
    def below_plan(self) -> bool:
        """Fewer counting judges than the event plans per panel."""
        return self.counting < self.planned


@dataclass(frozen=True)
class JudgesOverview:
    """Everything the judges-and-assignments screen shows, in one read."""

    event_name: str
    locked: bool
    judges_per_panel: int
    judges: tuple[JudgeAccount, ...]  # every judge account, assigned or not
    chiefs: tuple[JudgeAccount, ...]  # every chief judge account
    named_chiefs: tuple[str, ...]  # usernames named with assign_chief
    criteria: tuple[tuple[str, str], ...]  # (code, title)
    aspects: tuple[tuple[str, str, str], ...]  # (code, title, criterion code)
    groups: tuple[tuple[str, str], ...]  # (stored value, label); "" = every group
    staffing: tuple[AspectStaffing, ...]

    @property
    def unassigned(self) -> tuple[JudgeAccount, ...]:
        return tuple(j for j in self.judges if j.active and not j.assigned)

    @property
    def understaffed(self) -> tuple[AspectStaffing, ...]:
        return tuple(a for a in self.staffing if a.short)


def group_label(group: str) -> str:
    return {"": "全部组别", "M": "男子组", "F": "女子组"}.get(group, group)


def _groups(ev: Event) -> list[str]:
    mode = ev.ranking_groups
    if mode == "gender":
        return ["M", "F"]
    if isinstance(mode, list):
        return [str(x) for x in mode]
    return []


def judges_overview(db: Database, actor: Actor, event_id: uuid.UUID) -> JudgesOverview:
    """Judge accounts with their assignments (unassigned ones too), the chief judge(s), the
    choices for a new assignment and how well every aspect is staffed."""
    from kmjudge.judging import common
    from kmjudge.scheme import PANEL_RULE_MIN_JUDGES

    require(actor, Perm.ASSIGN_JUDGES)
    assignments = list_assignments(db, event_id)
    with db.read() as s:
        ev = _event(s, event_id)
        users = list(s.scalars(select(User).order_by(User.username)))
        scheme = common.scheme_index(s, ev.id)
        covs = common.coverages(s, ev.id)
        groups = _groups(ev)
        staffing = []
        for a in scheme.aspects:
            worst: tuple[int, int, str] | None = None
            for g in groups or [""]:
                counting = sum(1 for c in covs.values() if c.trainee_for(a, g) is False)
                trainees = sum(1 for c in covs.values() if c.trainee_for(a, g) is True)
                if worst is None or counting < worst[0]:
                    worst = (counting, trainees, g)
            assert worst is not None
            need = (
                0
                if a.kind == "D"
                else max(PANEL_RULE_MIN_JUDGES.get(a.panel_rule, 1), a.judges_min or 1)
            )
            staffing.append(
                AspectStaffing(
                    a.code,
                    a.title,
                    a.criterion_code,
                    a.kind,
                    worst[0],
                    worst[1],
                    need,
                    worst[2],
                    0 if a.kind == "D" else max(need, ev.judges_per_panel),
                )
            )
        by_user: dict[str, list[AssignmentView]] = {}
        for av in assignments:
            by_user.setdefault(av.username, []).append(av)

        def account(u: User) -> JudgeAccount:
            return JudgeAccount(
                u.username,
                u.display_name,
                u.employer,
                u.active,
                tuple(by_user.get(u.username, [])),
            )

        judge_accounts = [account(u) for u in users if Role.JUDGE.value in u.roles]
        chief_accounts = [account(u) for u in users if Role.CHIEF.value in u.roles]
        return JudgesOverview(
            event_name=ev.name,
            locked=ev.locked_at is not None,
            judges_per_panel=ev.judges_per_panel,
            judges=tuple(sorted(judge_accounts, key=lambda j: (j.assigned, j.username))),
            chiefs=tuple(chief_accounts),
            named_chiefs=tuple(a.username for a in assignments if a.is_chief),
            criteria=tuple((c.code, c.title) for c in scheme.criteria),
            aspects=tuple((a.code, a.title, a.criterion_code) for a in scheme.aspects),
            groups=tuple((g, group_label(g)) for g in ["", *groups]),
            staffing=tuple(staffing),
        )


__all__ = [
    "AspectStaffing",
    "AssignmentView",
    "ConflictPair",
    "ExclusionView",
    "JudgeAccount",
    "JudgesOverview",
    "assign_chief",
    "assign_judge",
    "conflicts",
    "exclude",
    "group_label",
    "judges_overview",
    "list_assignments",
    "list_exclusions",
    "normalise_employer",
    "remove_assignment",
    "remove_exclusion",
]
