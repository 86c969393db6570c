"""Edge cases of the results engine, each named for what it proves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

import pytest

from kmjudge.results.engine import (
    ResultsCache,
    age_on,
    aggregate,
    compute,
    group_label,
    judge_severity,
    places,
)
from kmjudge.results.model import (
    AspectDef,
    AwardRules,
    ContestantInput,
    EventInputs,
    EventRules,
    Mark,
    ResultsError,
    TieInfo,
    UpgradeRule,
    exact_text,
    report,
)

P100 = (AspectDef("P", "P", "M", D(100), "mean"),)


def judges(*values: object, trainee: bool = False) -> tuple[Mark, ...]:
    return tuple(Mark(f"j{i}", D(str(v)), trainee) for i, v in enumerate(values))


def person(
    station: int,
    theory: object = None,
    practical: tuple[Mark, ...] | object = None,
    **kw: object,
) -> ContestantInput:
    if practical is None:
        marks = {}
    elif isinstance(practical, tuple):
        marks = {"P": practical}
    else:
        marks = {"P": judges(practical, practical, practical)}
    return ContestantInput(
        f"s{station}",
        station,
        theory=D(str(theory)) if theory is not None else None,
        marks=marks,
        **kw,  # type: ignore[arg-type]
    )


def run(*people: ContestantInput, rules: EventRules | None = None, aspects=P100):  # type: ignore[no-untyped-def]
    return compute(EventInputs(rules or EventRules(), aspects, people))


# --------------------------------------------------------------------------- rounding


def test_half_up_rounding_of_reported_totals() -> None:
    """84.125 reports as 84.13 and 84.124999 as 84.12 (half up, decided on the exact value)."""
    res = run(
        person(1, practical=judges("84.12", "84.13", "84.12", "84.13")),  # mean 84.125
        person(2, theory="84.124999"),
        rules=EventRules(theory_weight=D(0), practical_weight=D(100)),
    )
    assert res.by_station(1).score.total == Fraction(84125, 1000)
    assert str(res.by_station(1).total) == "84.13"
    only_theory = run(
        person(2, theory="84.124999"), rules=EventRules(theory_weight=D(100), practical_weight=D(0))
    )
    assert str(only_theory.by_station(2).total) == "84.12"
    assert str(report(Fraction(-84125, 1000))) == "-84.13"
    assert str(report(D("0.005"))) == "0.01" and str(report(D("0.0049999"))) == "0.00"


def test_totals_that_round_equal_stay_ordered() -> None:
    """88.008 and 88.005 both show 88.01 but rank 1 and 2: rounding never creates a tie."""
    res = run(person(1, "81.68", "90.72"), person(2, "81.67", "90.72"))
    a, b = res.by_station(1), res.by_station(2)
    assert a.total == b.total == D("88.01")
    assert (a.rank, b.rank) == (1, 2) and a.tie is None and b.tie is None


def test_exact_arithmetic_keeps_a_true_tie_that_decimal_division_would_break() -> None:
    """Three judgement marks of 1/3 each add up to exactly 1, tying with a plain 1: the tie goes
    to the chain and ends shared. In 28-digit Decimal, 3 x 0.333...3 = 0.999...9 would rank them."""
    third = AspectDef("J", "J", "J", D(1), "mean")  # grade 1 of 3 on a 1-point aspect = 1/3
    aspects = (
        AspectDef("A", "A", "J", D(1), "mean"),
        AspectDef("B", "B", "J", D(1), "mean"),
        third,
        AspectDef("M", "M", "M", D(97), "mean"),
    )
    one = judges(1, 1, 1)
    a = ContestantInput("a", 1, theory=D(50), marks={"A": one, "B": one, "J": one, "M": judges(0)})
    zero = judges(0, 0, 0)
    b = ContestantInput(
        "b", 2, theory=D(50), marks={"A": judges(3, 3, 3), "B": zero, "J": zero, "M": judges(0)}
    )
    assert D(1) / 3 * 3 != 1  # the trap this test is about
    res = compute(EventInputs(EventRules(), aspects, (a, b)))
    ra, rb = res.by_key("a"), res.by_key("b")
    assert ra.score.practical == rb.score.practical == 1
    assert ra.rank == rb.rank == 1 and ra.tie is not None and ra.tie.shared


# --------------------------------------------------------------------------- panels


@pytest.mark.parametrize("rule", ["mean", "trim1", "trim2", "median"])
def test_all_judges_equal_gives_that_value_under_every_rule(rule: str) -> None:
    """Seven judges all giving 2.5: every panel rule's aggregate is exactly 2.5."""
    assert aggregate([D("2.5")] * 7, rule).value == Fraction(5, 2)


def test_median_of_an_even_panel_is_the_mean_of_the_middle_two() -> None:
    """Median of 1, 2, 3, 3 = 2.5 (not 2 or 3)."""
    assert aggregate([D(3), D(1), D(3), D(2)], "median").value == Fraction(5, 2)


def test_a_missing_judge_makes_trim1_fall_back_to_the_mean_with_a_warning() -> None:
    """Four counting judges on a trim1 aspect: mean of all four, noted for the chief judge;
    with short_panel='incomplete' the contestant is held back instead."""
    aspects = (AspectDef("J", "J1", "J", D(100), "trim1"),)
    c = ContestantInput("a", 3, theory=D(80), marks={"J": judges(3, 3, 2, 0)})
    res = compute(EventInputs(EventRules(), aspects, (c,)))
    ar = res.rows[0].score.aspects[0]
    assert ar.rule == "mean" and ar.fallback and ar.aggregate == 2
    assert res.rows[0].state == "ranked"
    assert any("J1 仅 4 名裁判计分" in w and "按平均计" in w for w in res.warnings)
    strict = compute(EventInputs(EventRules(short_panel="incomplete"), aspects, (c,)))
    assert strict.rows[0].state == "incomplete"
    assert "待裁判长处理" in strict.rows[0].score.problems[0]


def test_trim2_with_six_judges_drops_one_each_side() -> None:
    """trim2 needs 7; with 6 it drops the single highest and lowest (trim1), not the mean."""
    p = aggregate([D(x) for x in (0, 1, 2, 2, 3, 3)], "trim2")
    assert p.rule == "trim1" and p.fallback and p.value == 2


def test_trainee_marks_are_ignored() -> None:
    """A trainee's extreme mark changes nothing; an aspect marked only by a trainee is missing."""
    with_trainee = (*judges(80, 80, 80), Mark("t", D(0), True))
    res = run(person(1, 70, with_trainee), person(2, 70, (Mark("t", D(90), True),)))
    assert res.by_station(1).score.practical == 80
    two = res.by_station(2)
    assert two.state == "incomplete" and "无实操成绩" in two.score.problems


def test_an_unknown_panel_rule_is_refused() -> None:
    with pytest.raises(ResultsError):
        run(person(1, 70, 80), aspects=(AspectDef("P", "P", "M", D(100), "average"),))


def test_out_of_range_marks_are_not_clipped_but_stop_ranking() -> None:
    """A 4 on the 0-3 judgement scale makes the contestant incomplete, with the reason."""
    aspects = (AspectDef("J", "J1", "J", D(100), "mean"),)
    c = ContestantInput("a", 1, theory=D(80), marks={"J": judges(3, 4, 2)})
    res = compute(EventInputs(EventRules(), aspects, (c,)))
    assert res.rows[0].state == "incomplete"
    assert "J1（4 超出 0–3）" in res.rows[0].score.problems[0]


# --------------------------------------------------------------------------- deductions


def test_deduction_cap_and_practical_floor() -> None:
    """Deductions are capped per aspect (12 -> 10), and the practical total never goes below 0."""
    aspects = (
        AspectDef("P", "P", "M", D(100), "mean"),
        AspectDef("D", "D1", "D", D(5), "mean", cap=D(10)),
    )
    a = ContestantInput("a", 1, theory=D(60), marks={"P": judges(50), "D": judges(12, 12)})
    b = ContestantInput("b", 2, theory=D(60), marks={"P": judges(4), "D": judges(10)})
    res = compute(EventInputs(EventRules(), aspects, (a, b)))
    ra = res.by_key("a").score
    assert ra.aspects[1].capped and ra.aspects[1].mark == -10 and ra.practical == 40
    rb = res.by_key("b").score
    assert rb.deductions == 10 and rb.practical == 0 and rb.total == 18  # 60 x 30%


def test_unmarked_deduction_deducts_nothing() -> None:
    """A deduction aspect nobody recorded does not make the contestant incomplete."""
    aspects = (*P100, AspectDef("D", "D1", "D", D(5), "mean", cap=D(10)))
    res = run(person(1, 70, 80), aspects=aspects)
    assert res.rows[0].state == "ranked" and res.rows[0].score.deductions == 0


# --------------------------------------------------------------------------- who is ranked


def test_theory_only_contestant_is_listed_incomplete_not_ranked() -> None:
    """Only a theory score: listed (成绩不完整, 无实操成绩), no rank, not in the award quota."""
    res = run(person(1, 90, 90), person(2, 70, 70), person(3, theory=95))
    three = res.by_station(3)
    assert three.state == "incomplete" and three.rank is None and three.award == ""
    assert three.score.problems == ("无实操成绩",)
    assert res.groups[0].ranked == 2 and res.groups[0].listed == 3
    assert any("3号工位：无实操成绩" in w for w in res.warnings)


def test_practical_without_theory_is_incomplete_unless_theory_weighs_nothing() -> None:
    res = run(person(1, None, 80))
    assert res.rows[0].state == "incomplete" and "无理论成绩" in res.rows[0].score.problems
    res0 = run(person(1, None, 80), rules=EventRules(theory_weight=D(0), practical_weight=D(100)))
    assert res0.rows[0].state == "ranked" and res0.rows[0].total == D("80.00")


@pytest.mark.parametrize(
    ("status", "label"), [("absent", "缺考"), ("withdrawn", "退赛"), ("disqualified", "取消资格")]
)
def test_absent_withdrawn_disqualified_are_listed_never_ranked(status: str, label: str) -> None:
    """Even with full marks, these are listed last with their status and never ranked."""
    res = run(person(1, 99, 99, status=status), person(2, 50, 50))
    out = res.by_station(1)
    assert out.state == status and out.state_zh == label and out.rank is None
    assert res.rows[-1] is out and res.by_station(2).rank == 1
    assert res.groups[0].ranked == 1 and not res.warnings


def test_every_contestant_tied_shares_first_place_and_the_first_prize() -> None:
    """Ten identical contestants: all rank 1, so all are within the single first-prize place."""
    res = run(*(person(i, 80, 80) for i in range(1, 11)))
    assert {r.rank for r in res.rows} == {1}
    assert {r.award for r in res.rows} == {"first"}
    assert all(r.tie is not None and r.tie.shared and r.tie.same_total == 9 for r in res.rows)
    assert {r.standardised for r in res.rows} == {D(500)}  # sd = 0


def test_a_group_of_one() -> None:
    """A single ranked contestant: rank 1, 一等奖 (small-group minimum), 技术状元, 500."""
    res = run(person(1, 70, 75))
    r = res.rows[0]
    assert (r.rank, r.award, r.title, r.standardised) == (1, "first", "技术状元", D(500))
    plain = run(person(1, 70, 75), rules=EventRules(award=AwardRules(at_least_one=False)))
    # pure rounding: round(0.1) = round(0.3) = 0 but round(0.6) = 1, so a 三等奖
    assert plain.rows[0].award == "third" and places(1, plain.rules) == (0, 0, 1)


# --------------------------------------------------------------------------- tie-breaks


def test_default_chain_practical_then_time_then_shared() -> None:
    """Equal totals: higher practical wins; then the shorter time; a missing time is slower."""
    res = run(
        person(1, 94, 84),  # 87.0
        person(2, 80, 90),  # 87.0, better practical
        person(3, 70, 80, completion_seconds=3600),
        person(4, 70, 80, completion_seconds=3000),
        person(5, 70, 80),  # no time recorded: after both
    )
    order = [r.station for r in res.ranked]
    assert order == [2, 1, 4, 3, 5]
    assert [r.rank for r in res.ranked] == [1, 2, 3, 4, 5]
    assert res.by_station(2).tie is not None
    assert res.by_station(2).tie.compared == ("practical",)  # type: ignore[union-attr]


def test_a_configured_chain_is_used_and_an_empty_one_shares_ranks() -> None:
    """tie_break=("theory",) ranks the higher theory first; () shares equal totals at once."""
    people = (person(1, 94, 84), person(2, 80, 90))
    by_theory = run(*people, rules=EventRules(tie_break=("theory",)))
    assert [r.station for r in by_theory.ranked] == [1, 2]
    none = run(*people, rules=EventRules(tie_break=()))
    assert [r.rank for r in none.ranked] == [1, 1]
    with pytest.raises(ResultsError):
        run(*people, rules=EventRules(tie_break=("age",)))


# --------------------------------------------------------------------------- groups


def test_age_is_counted_in_whole_years_on_the_start_date() -> None:
    """Born 1991-09-19: 35 on 2026-09-19 (birthday counts), 34 the day before."""
    assert age_on(date(1991, 9, 19), date(2026, 9, 19)) == 35
    assert age_on(date(1991, 9, 19), date(2026, 9, 18)) == 34
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25


def test_gender_groups_rank_separately_and_unknown_data_is_held_back() -> None:
    """Men and women are ranked apart (each with its own first place); no gender = incomplete."""
    rules = EventRules(ranking_groups="gender")
    res = run(
        person(1, 80, 80, gender="M"),
        person(2, 70, 70, gender="F"),
        person(3, 60, 60, gender="M"),
        person(4, 90, 90, gender=""),
        rules=rules,
    )
    assert [g.label for g in res.groups] == ["男子组", "女子组", "未能分组"]
    assert res.by_station(2).rank == 1 and res.by_station(3).rank == 2
    assert res.by_station(4).state == "incomplete"
    assert group_label("<=35", EventRules(ranking_groups=("<=35", ">35"))) == "35岁及以下"


# --------------------------------------------------------------------------- awards etc.


def test_count_mode_gives_fixed_places_per_group() -> None:
    """count 1/2/3: places (1, 3, 6) whatever the group size (capped at it)."""
    rules = EventRules(award=AwardRules(mode="count", first=D(1), second=D(2), third=D(3)))
    assert places(20, rules) == (1, 3, 6) and places(4, rules) == (1, 3, 4)
    res = run(*(person(i, 90 - i, 90 - i) for i in range(1, 6)), rules=rules)
    assert [r.award for r in res.ranked] == ["first", "second", "second", "third", "third"]


def test_ratio_places_round_the_running_share() -> None:
    """15 people at 10/20/30%: 2 / 5 / 9 (not 2 + 3 + 5 = 10 by rounding each tier)."""
    assert places(15, EventRules()) == (2, 5, 9)
    assert places(10, EventRules()) == (1, 3, 6)


def test_titles_need_a_pass_and_depend_on_the_level() -> None:
    """Rank 1 with practical below 60 gets no 技术状元; a district event has no default title."""
    failing = run(person(1, 100, 59))
    assert failing.rows[0].rank == 1 and failing.rows[0].title == ""
    district = run(person(1, 90, 90), rules=EventRules(level="district"))
    assert district.rows[0].title == ""
    custom = run(person(1, 90, 90), rules=EventRules(level="district", titles={1: "技术能手"}))
    assert custom.rows[0].title == "技术能手"


def test_pass_marks_compare_the_reported_value() -> None:
    """A practical of 59.995 shows 60.00 and passes; 59.994 shows 59.99 and does not."""
    res = run(
        person(1, 80, judges("59.99", "60")),  # 59.995
        person(2, 80, judges("59.99", "59.99", "60", "59.99", "59.99")),  # 59.992
    )
    assert res.by_station(1).practical == D("60.00") and res.by_station(1).practical_passed
    assert res.by_station(2).practical_passed is False


def test_upgrade_needs_both_passes_and_an_award_or_top_n() -> None:
    """Default: 三等奖 or better and both parts passed; top_n=2 instead: ranks 1-2 only."""
    people = [person(i, 90 - i, 90 - i) for i in range(1, 11)] + [person(11, 50, 100)]
    res = run(*people)
    eleven = res.by_station(11)  # 85.0, level with station 5 but a better practical: 5th
    assert eleven.rank == 5 and eleven.award == "third"
    assert not eleven.upgrade and eleven.theory_passed is False
    assert places(11, res.rules) == (1, 3, 7)
    assert [r.station for r in res.ranked if r.upgrade] == [1, 2, 3, 4, 5, 6]
    top = run(*people, rules=EventRules(upgrade=UpgradeRule(min_tier="", top_n=2)))
    assert [r.station for r in top.ranked if r.upgrade] == [1, 2]


# --------------------------------------------------------------------------- beyond the rules


def test_standardised_scores_have_mean_500_and_sd_100() -> None:
    """Over a group: mean exactly 500 and population sd 100 (to reporting precision)."""
    res = run(*(person(i, 60 + 3 * i, 50 + 4 * i) for i in range(1, 9)))
    zs = [r.standardised for r in res.ranked]
    assert all(z is not None for z in zs)
    mean = sum(zs, D(0)) / len(zs)  # type: ignore[arg-type]
    assert abs(mean - 500) < D("0.01")
    var = sum(((z - mean) ** 2 for z in zs), D(0)) / len(zs)  # type: ignore[operator]
    assert abs(var.sqrt() - 100) < D("0.01")


def test_judge_severity_finds_the_lenient_and_the_severe() -> None:
    """j0 always 1 grade above the others, j2 1 below: +/- on judgement; trainee separate."""
    aspects = (AspectDef("J", "J", "J", D(100), "mean"),)
    people = [
        ContestantInput(
            f"c{i}",
            i,
            theory=D(70),
            marks={
                "J": (
                    Mark("j0", D(3)),
                    Mark("j1", D(2)),
                    Mark("j2", D(1)),
                    Mark("t", D(0), True),
                )
            },
        )
        for i in range(1, 4)
    ]
    sev = {
        (s.judge, s.trainee): s
        for s in judge_severity(
            compute(EventInputs(EventRules(), aspects, tuple(people))).rows[i].score
            for i in range(3)
        )
    }
    assert sev["j0", False].mean_deviation == D("1.000") and sev["j0", False].n == 3
    assert sev["j2", False].mean_deviation == D("-1.000")
    assert sev["j1", False].mean_deviation == 0
    assert sev["t", True].mean_deviation == D("-2.000") and sev["t", True].percent == D("-66.7")


def test_cache_recomputes_after_a_change_and_status_change() -> None:
    """Raising one mark moves a contestant up; marking someone absent removes them from ranks."""
    people = (person(1, 80, 80), person(2, 80, 79))
    cache = ResultsCache(EventInputs(EventRules(), P100, people))
    assert cache.results().by_station(1).rank == 1
    after = cache.set_marks("s2", "P", judges(81, 81, 81))
    assert after.by_station(2).rank == 1 and after.by_station(1).rank == 2
    import dataclasses

    gone = cache.replace(dataclasses.replace(cache.contestant("s2"), status="absent"))
    assert gone.by_station(2).state == "absent" and gone.by_station(1).rank == 1


def test_exact_text_marks_cut_values() -> None:
    assert exact_text(Fraction(1, 3)) == "0.333333…"
    assert exact_text(Fraction(88008, 1000)) == "88.008"
    assert exact_text(Fraction(87)) == "87.00" and exact_text(Fraction(-4)) == "-4.00"


@pytest.mark.parametrize(
    ("compared", "shared", "short", "long"),
    [
        (("practical",), False, "与另 1 人同分，实操高者在前", "依次比较实操成绩确定名次"),
        (
            ("practical", "theory", "completion_time"),
            False,
            "与另 1 人同分，实操、理论相同，用时短者在前",
            "依次比较实操成绩、理论成绩、完成用时确定名次",
        ),
        (
            ("practical", "theory", "completion_time"),
            True,
            "名次并列：与另 1 人同分，实操、理论、用时均相同",
            "后仍相同，名次并列",
        ),
    ],
)
def test_tie_explanations_short_for_the_table_and_whole_for_the_transcript(
    compared: tuple[str, ...], shared: bool, short: str, long: str
) -> None:
    """The results table's short tie note says the same as the transcript's sentence: which
    tie-break decided (higher practical/theory, shorter time) or that the rank is shared."""
    tie = TieInfo(1, compared, shared)
    assert tie.short_zh() == short
    assert tie.text_zh().startswith("总分与另 1 人相同") and long in tie.text_zh()
    assert TieInfo(0, (), False).short_zh() == ""
