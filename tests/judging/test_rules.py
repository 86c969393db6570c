"""What one mark may be (kmjudge.judging.rules): pure checks, property-tested."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmjudge.errors import ValidationFailed
from kmjudge.judging import rules


@dataclass(frozen=True)
class A:
    code: str
    kind: str
    max_mark: Decimal
    step: Decimal | None = None
    all_or_nothing: bool = False
    cap: Decimal | None = None


STEP = A("A1.2", "M", Decimal(10), Decimal("0.5"))
AON = A("A1.1", "M", Decimal(3), all_or_nothing=True)
FREE = A("C1", "M", Decimal(5))
JUDG = A("B1.2", "J", Decimal(30))
DED = A("A1.3", "D", Decimal(5), cap=Decimal(10))
DED_ODD = A("A1.4", "D", Decimal(2), cap=Decimal(5))


def refused(aspect: A, raw: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        rules.check_value(aspect, raw, "3 号工位")
    return info.value


@given(st.integers(min_value=0, max_value=20))
def test_every_multiple_of_the_step_within_range_is_accepted(k: int) -> None:
    """0, 0.5, ... 10 are all accepted and come back canonical (2.50 -> 2.5)."""
    v = Decimal(k) * Decimal("0.5")
    assert rules.check_value(STEP, f"{v:.2f}") == v


@given(st.integers(min_value=0, max_value=999).filter(lambda n: n % 50 != 0))
def test_values_off_the_step_are_refused_in_chinese(n: int) -> None:
    """x.01 .. x.49 are not multiples of 0.5: refused, naming the step."""
    value = Decimal(n) / 100
    if value > 10:
        return
    err = refused(STEP, str(value))
    assert err.issues[0].code == "step"
    assert "按 0.5 分一档给分" in err.message_zh and "3 号工位" in err.message_zh


def test_range_is_checked_with_the_maximum_named() -> None:
    """Above the maximum or below 0 is refused; the message names the allowed range."""
    assert refused(STEP, "10.5").issues[0].code == "range"
    assert "0 到 10 分之间" in refused(STEP, "-1").message_zh


def test_all_or_nothing_takes_only_zero_or_the_maximum() -> None:
    """All-or-nothing aspects accept 0 and the maximum only."""
    assert rules.check_value(AON, "3") == 3 and rules.check_value(AON, 0) == 0
    err = refused(AON, "2")
    assert err.issues[0].code == "all_or_nothing" and "只能给 0 分或 3 分" in err.message_zh


def test_free_measurement_allows_two_decimals_only() -> None:
    """Without a step, two decimals are fine and a third is refused."""
    assert rules.check_value(FREE, "4.25") == Decimal("4.25")
    assert refused(FREE, "4.125").issues[0].code == "decimals"


@pytest.mark.parametrize("raw", ["0", "1", "2", "3", 3, "３"])
def test_judgement_grades_are_whole_points_0_to_3(raw: object) -> None:
    """Whole grades 0-3 are accepted, also as ints and full-width digits."""
    assert rules.check_value(JUDG, raw) in (0, 1, 2, 3)


@pytest.mark.parametrize("raw", ["0.5", "2.5", "4", "-1", "30"])
def test_judgement_refuses_halves_and_out_of_scale(raw: str) -> None:
    """J is a grade 0-3 (not points out of 30, not half grades)."""
    err = refused(JUDG, raw)
    assert err.issues[0].code == "judgement_grade"
    assert "只能打 0、1、2、3 分" in err.message_zh


def test_deduction_counts_occurrences_up_to_the_cap() -> None:
    """5 points each, cap 10: 0..2 occurrences; 3 would change nothing and is refused."""
    assert rules.check_value(DED, "2") == 2
    err = refused(DED, "3")
    assert err.issues[0].code == "occurrences_over_cap" and "最多记 2 次" in err.message_zh
    assert refused(DED, "1.5").issues[0].code == "occurrences"
    assert rules.deduction_points(DED, Decimal(2)) == 10


def test_deduction_cap_not_a_multiple_allows_the_occurrence_that_reaches_it() -> None:
    """2 each, cap 5: the 3rd occurrence reaches the cap (6 -> 5), a 4th is refused."""
    assert rules.check_value(DED_ODD, 3) == 3
    assert rules.deduction_points(DED_ODD, Decimal(3)) == 5
    assert refused(DED_ODD, 4).issues[0].code == "occurrences_over_cap"


@pytest.mark.parametrize("raw", ["", None, "abc", "1/2", float("nan")])
def test_blank_and_non_numbers_are_refused(raw: object) -> None:
    """Empty cells, text and NaN are refused, never stored as 0."""
    assert refused(FREE, raw).issues[0].code in ("empty", "not_a_number")


def test_hints_say_what_may_be_entered() -> None:
    """Column/sheet hints state the rule of each kind in Chinese."""
    assert rules.hint(STEP)[0] == "0–10，步长 0.5"
    assert rules.hint(AON)[0] == "0 或 3"
    assert rules.hint(JUDG)[0] == "评价 0–3 整数"
    assert rules.hint(DED)[0] == "填次数，每次扣 5 分，最多扣 10 分"
