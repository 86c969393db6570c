"""``scores_for_results``: what judging hands to anything that computes results, as plain data.

The results engine (``kmjudge.results.load``) reads the same tables itself; this function is the
judging side's statement of what the rows mean, for other consumers (exports, the city
office's checks, tests). Values are as stored: M = points, J = grade 0-3, D = occurrences
(``rules.deduction_points`` turns them into points). Trainee marks are included with their
flag and must never be counted. No names.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kmjudge.db.engine import Database
from kmjudge.db.models import Registration, Score, TheoryScore
from kmjudge.judging import common
from kmjudge.judging.views import AspectInput, JudgeMark, RegistrationScores, ResultsInput


def scores_for_results(db: Database, event_id: uuid.UUID) -> ResultsInput:
    with db.read() as s:
        ev = common.load_event(s, event_id)
        scheme = common.scheme_index(s, event_id)
        code = {a.id: a.code for a in scheme.aspects}
        names = common.usernames(
            s, set(s.scalars(select(Score.judge_id).where(Score.event_id == ev.id).distinct()))
        )
        marks: dict[uuid.UUID, dict[str, list[JudgeMark]]] = {}
        for reg_id, asp_id, judge_id, value, trainee, status, source in s.execute(
            select(
                Score.registration_id,
                Score.aspect_id,
                Score.judge_id,
                Score.value,
                Score.trainee,
                Score.status,
                Score.source,
            ).where(Score.event_id == ev.id)
        ):
            if asp_id not in code:
                continue
            marks.setdefault(reg_id, {}).setdefault(code[asp_id], []).append(
                JudgeMark(
                    judge_id, names.get(judge_id, ("?", ""))[0], value, trainee, status, source
                )
            )
        theory = {
            r[0]: r[1]
            for r in s.execute(
                select(TheoryScore.registration_id, TheoryScore.value)
                .join(Registration, Registration.id == TheoryScore.registration_id)
                .where(Registration.event_id == ev.id)
            )
        }
        regs = s.execute(
            select(
                Registration.id,
                Registration.station_no,
                Registration.ticket_no,
                Registration.ranking_group,
                Registration.status,
                Registration.completion_seconds,
            ).where(Registration.event_id == ev.id)
        ).all()
        out = []
        for rid, station, ticket, group, status, seconds in regs:
            per = marks.get(rid, {})
            out.append(
                RegistrationScores(
                    registration_id=rid,
                    station_no=station,
                    ticket_no=ticket,
                    ranking_group=group,
                    status=status,
                    theory=theory.get(rid),
                    completion_seconds=seconds,
                    marks={
                        k: tuple(sorted(v, key=lambda m: m.judge_username)) for k, v in per.items()
                    },
                )
            )
        out.sort(key=lambda r: (r.station_no is None, r.station_no or 0, r.ticket_no))
        return ResultsInput(
            event_id=ev.id,
            locked=ev.locked_at is not None,
            theory_weight=ev.theory_weight,
            practical_weight=ev.practical_weight,
            pass_mark=ev.pass_mark,
            spread_limit=ev.spread_limit,
            aspects=tuple(
                AspectInput(
                    a.code,
                    a.criterion_code,
                    a.kind,
                    a.max_mark,
                    a.step,
                    a.all_or_nothing,
                    a.cap,
                    a.panel_rule,
                    a.judges_min,
                )
                for a in scheme.aspects
            ),
            registrations=tuple(out),
        )


__all__ = ["scores_for_results"]
