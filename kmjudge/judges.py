"""Judges on an event: assignments (per criterion, trainee or counting) and the panel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, Role, require
from kmjudge.db.engine import Database
from kmjudge.db.models import Criterion, Event, JudgeAssignment, User
from kmjudge.errors import KmError, NotFound


@dataclass(frozen=True)
class AssignmentView:
    id: uuid.UUID
    username: str
    display_name: str
    criterion_code: str  # "" = every criterion
    trainee: bool


def assign_judge(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    username: str,
    criterion_code: str = "",
    trainee: bool = False,
) -> AssignmentView:
    """Put a judge on an event's panel (optionally for one criterion only)."""
    require(actor, Perm.ASSIGN_JUDGES)
    with db.write() as s:
        ev = s.get(Event, event_id)
        if ev is None:
            raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"没有用户 {username}。", f"No user {username}.")
        if Role.JUDGE.value not in user.roles:
            raise KmError(f"{user.display_name} 不是裁判员账号。", f"{username} is not a judge.")
        crit_id = None
        if criterion_code:
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
                JudgeAssignment.criterion_id.is_(crit_id)
                if crit_id is None
                else JudgeAssignment.criterion_id == crit_id,
            )
        )
        if dup is not None:
            raise KmError(
                f"{user.display_name} 已在该评分组中。", f"{username} is already on that panel."
            )
        row = JudgeAssignment(
            event_id=ev.id, user_id=user.id, criterion_id=crit_id, trainee=trainee
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "judge.assign",
            entity="judge_assignment",
            entity_id=row.id,
            event_id=ev.id,
            after={"judge": username, "criterion": criterion_code, "trainee": trainee},
        )
        return AssignmentView(row.id, user.username, user.display_name, criterion_code, trainee)


def list_assignments(db: Database, event_id: uuid.UUID) -> list[AssignmentView]:
    with db.read() as s:
        rows = s.execute(
            select(JudgeAssignment, User, Criterion)
            .join(User, User.id == JudgeAssignment.user_id)
            .outerjoin(Criterion, Criterion.id == JudgeAssignment.criterion_id)
            .where(JudgeAssignment.event_id == event_id)
            .order_by(User.username)
        ).all()
    return [
        AssignmentView(a.id, u.username, u.display_name, c.code if c else "", a.trainee)
        for a, u, c in rows
    ]
