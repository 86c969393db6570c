"""Completeness before lock: which judge still owes which mark, per criterion.

Expected marks: every counting (non-trainee) judge x every station whose contestant is still
competing x every measurement and judgement aspect the judge is assigned (for that
contestant's ranking group), less the contestants the judge is excluded from (回避).
Deduction aspects are not expected: an empty deduction means no violation was seen.
Trainee marks never block. Absent, withdrawn and disqualified contestants are left out.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.db.models import Event, Score
from kmjudge.judging import common
from kmjudge.judging.views import (
    Completeness,
    CriterionCompleteness,
    MissingCell,
    Understaffed,
)
from kmjudge.scheme import PANEL_RULE_MIN_JUDGES


def compute(s: Session, ev: Event, scheme: common.SchemeIndex | None = None) -> Completeness:
    scheme = scheme or common.scheme_index(s, ev.id)
    covs = common.coverages(s, ev.id)
    names = common.usernames(s, covs)
    seats = common.seats(s, ev)
    active = [x for x in seats if x.active and x.station_no is not None]
    unstationed = sum(1 for x in seats if x.active and x.station_no is None)
    excluded = common.excluded_pairs(s, ev.id)
    have = {
        (r[0], r[1], r[2])
        for r in s.execute(
            select(Score.judge_id, Score.registration_id, Score.aspect_id).where(
                Score.event_id == ev.id
            )
        )
    }
    subs = common.submissions(s, [c.id for c in scheme.criteria])
    judges = sorted(covs.values(), key=lambda c: names.get(c.user_id, ("", ""))[0])
    criteria: list[CriterionCompleteness] = []
    unsubmitted: list[tuple[str, str]] = []
    for crit in scheme.criteria:
        aspects = [a for a in scheme.in_criterion(crit.id) if a.kind in ("M", "J")]
        expected = entered = 0
        missing: list[MissingCell] = []
        for cov in judges:
            uname, dname = names.get(cov.user_id, ("?", "?"))
            counting_here = False
            for a in aspects:
                for seat in active:
                    if cov.trainee_for(a, seat.group) is not False:
                        continue
                    counting_here = True
                    if (cov.user_id, seat.registration_id) in excluded:
                        continue
                    expected += 1
                    if (cov.user_id, seat.registration_id, a.id) in have:
                        entered += 1
                    else:
                        assert seat.station_no is not None
                        missing.append(MissingCell(uname, dname, seat.station_no, a.code))
            state = subs.get((crit.id, cov.user_id))
            if counting_here and (state is None or state.get("open", False)):
                unsubmitted.append((uname, crit.code))
        missing.sort(key=lambda m: (m.judge_username, m.station_no, m.aspect_code))
        criteria.append(
            CriterionCompleteness(
                crit.code, crit.title, crit.locked_at is not None, expected, entered, tuple(missing)
            )
        )
    understaffed: list[Understaffed] = []
    for a in scheme.aspects:
        if a.kind not in ("M", "J"):
            continue
        need = max(PANEL_RULE_MIN_JUDGES.get(a.panel_rule, 1), a.judges_min or 1)
        have_judges = sum(1 for c in covs.values() if c.trainee_for(a, None) is False)
        if have_judges < need:
            understaffed.append(Understaffed(a.code, have_judges, need))
    return Completeness(
        event_id=ev.id,
        active_stations=len(active),
        unstationed=unstationed,
        criteria=tuple(criteria),
        understaffed=tuple(understaffed),
        unsubmitted=tuple(unsubmitted),
    )


def missing(db: Database, actor: Actor, event_id: uuid.UUID) -> Completeness:
    """Per criterion: every (judge, station, aspect) still missing, with counts. For the
    chief judge (and anyone who may lock) before locking."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        return compute(s, ev)


__all__ = ["compute", "missing"]
