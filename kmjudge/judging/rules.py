"""What a single mark may be: pure checks, no database (property-tested in tests/judging).

One stored ``Score.value`` per judge, aspect and contestant:

- ``M`` measurement: the points, ``0 <= v <= max_mark``; a multiple of ``step`` when the aspect
  has one; exactly ``0`` or ``max_mark`` when it is all-or-nothing; at most two decimals.
- ``J`` judgement: the judge's grade on the WorldSkills scale, a **whole** number 0, 1, 2 or 3
  (0 below standard, 1 meets, 2 exceeds in parts, 3 excellent). Half points are refused: the
  four grades have written definitions, and half grades would make the spread limit (1 point)
  meaningless. The aspect's mark is computed later as ``max_mark x mean / 3``.
- ``D`` deduction: the **number of occurrences** (a whole number), not points. The deduction is
  ``min(occurrences x max_mark, cap)`` (``deduction_points``). A count is what a judge sees and
  writes on paper ("2 次"), and it keeps the per-occurrence rule in one place. Counts beyond the
  one that already reaches the cap change nothing and are refused, so that a typo such as 30
  for 3 is caught; without a cap at most ``MAX_OCCURRENCES``.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Protocol

from kmjudge.errors import Issue, ValidationFailed

JUDGEMENT_GRADES = (Decimal(0), Decimal(1), Decimal(2), Decimal(3))
MAX_DECIMALS = 2
MAX_OCCURRENCES = 99


class AspectRule(Protocol):
    """The fields of an aspect the checks need (``AspectInfo``, ``AspectSpec``, the ORM row)."""

    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def max_mark(self) -> Decimal: ...
    @property
    def step(self) -> Decimal | None: ...
    @property
    def all_or_nothing(self) -> bool: ...
    @property
    def cap(self) -> Decimal | None: ...


def _fmt(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def canonical(value: Decimal) -> Decimal:
    """``2.50`` -> ``2.5``, ``2.0`` -> ``2`` (what is stored and compared)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def parse_number(raw: object) -> Decimal | None:
    """A mark as typed or stored: Decimal, int, str (full-width digits too); None if not a number.

    Floats are taken through their shortest repr (0.1 stays 0.1)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)) if math.isfinite(raw) else None
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
        text = text.removesuffix("分").removesuffix("次")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return value if value.is_finite() else None
    return None


def max_occurrences(aspect: AspectRule) -> int:
    """The largest occurrence count accepted for a deduction aspect."""
    per = aspect.max_mark
    if aspect.cap is None or per <= 0:
        return MAX_OCCURRENCES
    return min(MAX_OCCURRENCES, max(1, math.ceil(aspect.cap / per)))


def deduction_points(aspect: AspectRule, occurrences: Decimal) -> Decimal:
    """Points a deduction aspect takes off for ``occurrences`` (capped)."""
    points = occurrences * aspect.max_mark
    return min(points, aspect.cap) if aspect.cap is not None else points


def hint(aspect: AspectRule) -> tuple[str, str]:
    """What may be entered, for column headers and paper sheets (zh, en)."""
    mx = _fmt(aspect.max_mark)
    if aspect.kind == "J":
        return "评价 0–3 整数", "judgement 0-3, whole"
    if aspect.kind == "D":
        cap = f"，最多扣 {_fmt(aspect.cap)} 分" if aspect.cap is not None else ""
        cap_en = f", at most {_fmt(aspect.cap)}" if aspect.cap is not None else ""
        return f"填次数，每次扣 {mx} 分{cap}", f"occurrences x {mx}{cap_en}"
    if aspect.all_or_nothing:
        return f"0 或 {mx}", f"0 or {mx}"
    if aspect.step is not None:
        return f"0–{mx}，步长 {_fmt(aspect.step)}", f"0-{mx} in steps of {_fmt(aspect.step)}"
    return f"0–{mx}", f"0-{mx}"


def value_issue(aspect: AspectRule, raw: object, where: str) -> tuple[Decimal | None, Issue | None]:
    """(the value, None) when ``raw`` is an acceptable mark for ``aspect``, else (None, issue)."""

    def bad(code: str, zh: str, en: str) -> tuple[None, Issue]:
        return None, Issue(where, code, zh, en, {"value": str(raw)})

    value = parse_number(raw)
    shown = str(raw).strip() if raw is not None else ""
    if value is None:
        if raw is None or shown == "":
            return bad("empty", "请填写分数。", "Enter a mark.")
        return bad("not_a_number", f"“{shown}”不是有效的分数。", f"{shown!r} is not a number.")
    code, mx = aspect.code, _fmt(aspect.max_mark)
    exponent = value.as_tuple().exponent
    if aspect.kind == "J":
        if value not in JUDGEMENT_GRADES:
            return bad(
                "judgement_grade",
                f"评价类评分项 {code} 只能打 0、1、2、3 分（整数），填写的是 {shown}。",
                f"Judgement aspect {code} takes a whole grade 0, 1, 2 or 3, not {shown}.",
            )
        return Decimal(int(value)), None
    if aspect.kind == "D":
        top = max_occurrences(aspect)
        if value < 0 or value != value.to_integral_value():
            return bad(
                "occurrences",
                f"扣分项 {code} 请填写违规次数（0、1、2 …的整数），填写的是 {shown}。",
                f"Deduction aspect {code} takes a whole number of occurrences, not {shown}.",
            )
        if value > top:
            cap = _fmt(aspect.cap) if aspect.cap is not None else ""
            reason_zh = f"每次扣 {mx} 分、最多扣 {cap} 分" if cap else "次数过多"
            reason_en = f"{mx} each, at most {cap}" if cap else "too many"
            return bad(
                "occurrences_over_cap",
                f"扣分项 {code} 最多记 {top} 次（{reason_zh}），填写的是 {shown} 次。",
                f"Deduction aspect {code} takes at most {top} occurrences ({reason_en}), "
                f"not {shown}.",
            )
        return Decimal(int(value)), None
    # M: measurement
    if value < 0 or value > aspect.max_mark:
        return bad(
            "range",
            f"评分项 {code} 的分数须在 0 到 {mx} 分之间，填写的是 {shown}。",
            f"Aspect {code} takes 0 to {mx}, not {shown}.",
        )
    if (
        isinstance(exponent, int)
        and -exponent > MAX_DECIMALS
        and value != value.quantize(Decimal("0.01"))
    ):
        return bad(
            "decimals",
            f"评分项 {code} 的分数最多两位小数，填写的是 {shown}。",
            f"Aspect {code}: at most two decimals, not {shown}.",
        )
    if aspect.all_or_nothing and value not in (0, aspect.max_mark):
        return bad(
            "all_or_nothing",
            f"评分项 {code} 为全有或全无：只能给 0 分或 {mx} 分，填写的是 {shown}。",
            f"Aspect {code} is all-or-nothing: 0 or {mx}, not {shown}.",
        )
    step = aspect.step
    if (
        not aspect.all_or_nothing
        and step is not None
        and step > 0
        and value != aspect.max_mark
        and value % step != 0
    ):
        st = _fmt(step)
        examples = "、".join(_fmt(step * k) for k in range(0, 4) if step * k <= aspect.max_mark)
        return bad(
            "step",
            f"评分项 {code} 按 {st} 分一档给分，{shown} 不是 {st} 的整数倍（可填 {examples} …）。",
            f"Aspect {code} is marked in steps of {st}; {shown} is not a multiple of {st}.",
        )
    return canonical(value), None


def check_value(aspect: AspectRule, raw: object, where: str = "") -> Decimal:
    """The accepted value, or ``ValidationFailed`` with one clear issue (zh and en)."""
    value, issue = value_issue(aspect, raw, where or aspect.code)
    if issue is not None:
        raise ValidationFailed([issue])
    assert value is not None
    return value


__all__ = [
    "JUDGEMENT_GRADES",
    "MAX_OCCURRENCES",
    "AspectRule",
    "canonical",
    "check_value",
    "deduction_points",
    "hint",
    "max_occurrences",
    "parse_number",
    "value_issue",
]
