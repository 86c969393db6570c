"""The worked examples of docs/scoring.md as engine inputs (shared by the test and the doc).

Each ``example_N()`` returns ``EventInputs``; ``test_worked_examples.py`` computes them and
checks the tables in the document number for number.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from kmjudge.results.model import (
    AspectDef,
    AwardRules,
    ContestantInput,
    EventInputs,
    EventRules,
    Mark,
)

JUDGES = ("甲", "乙", "丙", "丁", "戊", "己", "庚")


def panel(*values: object) -> tuple[Mark, ...]:
    return tuple(Mark(JUDGES[i], D(str(v))) for i, v in enumerate(values))


# --------------------------------------------------------------------------- example 1

EX1_ASPECTS = (
    AspectDef("A1", "A1", "M", D(20), "mean", title="线路连接尺寸"),
    AspectDef("A2", "A2", "M", D(30), "median", title="功能测试"),
    AspectDef("B1", "B1", "J", D(25), "trim1", title="工艺美观"),
    AspectDef("B2", "B2", "J", D(25), "trim2", title="布线规范"),
    AspectDef("C1", "C1", "D", D(5), "mean", cap=D(10), title="安全违规"),
    AspectDef("C2", "C2", "D", D(2), "mean", cap=D(4), title="工位不整洁"),
)
#: deductions are given to the engine in points: occurrences x per-occurrence, at most the cap
EX1_MARKS = {
    "A1": panel(18, "18.5", 17, 19, 18),
    "A2": panel(24, 27, 25, 30, 26),
    "B1": panel(2, 3, 2, 1, 3),
    "B2": panel(3, 3, 2, 3, 1, 2, 3),
    "C1": panel(5, 5, 5, 0, 5),  # occurrences 1 1 1 0 1
    "C2": panel(4, 4, 4, 4, 4),  # occurrences 3 2 3 3 3 (2 each, at most 4)
}


def example_1(theory_weight: int = 30) -> EventInputs:
    rules = EventRules(theory_weight=D(theory_weight), practical_weight=D(100 - theory_weight))
    c = ContestantInput("s7", 7, theory=D("81.5"), marks=EX1_MARKS)
    return EventInputs(rules, EX1_ASPECTS, (c,))


# --------------------------------------------------------------------------- example 2

PRACTICAL = (AspectDef("P", "P", "M", D(100), "mean", title="实操"),)


def _tp(
    station: int,
    theory: str,
    practical: str,
    seconds: int | None = None,
    status: str = "checked_in",
    birth: date | None = None,
) -> ContestantInput:
    marks = {"P": panel(practical, practical, practical, practical)} if practical else {}
    return ContestantInput(
        f"s{station}",
        station,
        status=status,
        theory=D(theory) if theory else None,
        marks=marks,
        completion_seconds=seconds,
        birth_date=birth,
    )


def example_2() -> EventInputs:
    rows = (
        _tp(1, "81.68", "90.72"),
        _tp(2, "81.67", "90.72"),
        _tp(3, "80", "90"),
        _tp(4, "94", "84"),
        _tp(5, "70", "80", 3600),
        _tp(6, "70", "80", 3300),
        _tp(7, "65", "75", 3500),
        _tp(8, "65", "75", 3500),
        _tp(9, "60", "50"),
        _tp(10, "", "", status="absent"),
    )
    return EventInputs(EventRules(), PRACTICAL, rows)


# --------------------------------------------------------------------------- example 3

YOUNG = date(1991, 9, 19)  # 35 on the event's start date 2026-09-19: "<=35"
OLD = date(1990, 9, 19)  # 36 that day: ">35"


def example_3() -> EventInputs:
    rules = EventRules(
        ranking_groups=("<=35", ">35"),
        age_on=date(2026, 9, 19),
        award=AwardRules(merit=True),
    )
    young = [
        ("95", "92"),
        ("90", "91"),
        ("88", "90"),
        ("85", "88"),
        ("85", "88"),
        ("80", "85"),
        ("78", "82"),
        ("78", "82"),
        ("78", "82"),
        ("70", "75"),
        ("62", "70"),
        ("55", "58"),
    ]
    old = [("92", "90"), ("80", "86"), ("75", "70")]
    rows = [_tp(i + 1, t, p, birth=YOUNG) for i, (t, p) in enumerate(young)]
    rows += [_tp(21 + i, t, p, birth=OLD) for i, (t, p) in enumerate(old)]
    return EventInputs(rules, PRACTICAL, tuple(rows))
