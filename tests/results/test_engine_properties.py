"""Property tests of the results engine (hypothesis): panels, ranking, awards, totals, cache."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kmjudge.results.engine import (
    PANEL_NEEDS,
    ResultsCache,
    aggregate,
    compute,
    places,
    sort_key,
)
from kmjudge.results.model import (
    AspectDef,
    AwardRules,
    ContestantInput,
    EventInputs,
    EventRules,
    Mark,
    report,
)

RULES = ("mean", "trim1", "trim2", "median")
marks = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
panels = st.lists(marks, min_size=1, max_size=9)


@given(panels, st.sampled_from(RULES), st.randoms(use_true_random=False))
def test_judge_order_does_not_matter(values: list[Decimal], rule: str, rnd: random.Random) -> None:
    """Any permutation of the judges' values gives the same aggregate, kept and dropped values."""
    shuffled = values[:]
    rnd.shuffle(shuffled)
    a, b = aggregate(values, rule), aggregate(shuffled, rule)
    assert (a.value, a.used, a.dropped, a.rule) == (b.value, b.used, b.dropped, b.rule)


@given(panels, st.sampled_from(RULES), st.decimals(min_value=-50, max_value=50, places=2))
def test_adding_a_constant_shifts_every_panel_rule_by_it(
    values: list[Decimal], rule: str, c: Decimal
) -> None:
    """Mean, trimmed means and median are shift-equivariant, exactly (no rounding drift)."""
    shifted = aggregate([v + c for v in values], rule).value
    assert shifted == aggregate(values, rule).value + Fraction(c)


@given(panels, st.sampled_from(RULES))
def test_aggregate_lies_within_the_judges_values_and_drops_symmetrically(
    values: list[Decimal], rule: str
) -> None:
    """min <= aggregate <= max; as many dropped from the bottom as from the top; the rule falls
    back (trim2 -> trim1 -> mean) only when there are too few judges."""
    p = aggregate(values, rule)
    assert min(values) <= p.value <= max(values)
    assert len(p.used) + len(p.dropped) == len(values)
    s = sorted(values)
    k = len(p.dropped) // 2
    assert sorted(p.dropped) == sorted(s[:k] + s[len(s) - k :])
    assert p.fallback == (len(values) < PANEL_NEEDS[rule])


@given(st.fractions(min_value=0, max_value=1000))
def test_reported_value_is_the_nearest_hundredth_half_up(x: Fraction) -> None:
    """|report(x) - x| <= 0.005, and exactly 0.005 only when rounding up."""
    r = Fraction(report(x))
    assert abs(r - x) <= Fraction(1, 200)
    if abs(r - x) == Fraction(1, 200):
        assert r > x
    assert report(x).as_tuple().exponent == -2


ASPECTS = (
    AspectDef("M", "M", "M", Decimal(60), "trim1"),
    AspectDef("J", "J", "J", Decimal(40), "median"),
    AspectDef("D", "D", "D", Decimal(5), "mean", cap=Decimal(10)),
)


@st.composite
def contestants(draw: st.DrawFn, n_max: int = 25) -> tuple[ContestantInput, ...]:
    n = draw(st.integers(1, n_max))
    # few distinct values so that ties (total, practical, time) happen often
    theory = st.sampled_from([Decimal(x) for x in ("60", "70", "70.5", "80", "90")])
    m = st.sampled_from([Decimal(x) for x in ("30", "40", "45.5", "60")])
    j = st.sampled_from([Decimal(x) for x in (0, 1, 2, 3)])
    d = st.sampled_from([Decimal(x) for x in (0, 0, 5, 10, 15)])
    out = []
    for i in range(n):
        k = draw(st.integers(5, 6))
        out.append(
            ContestantInput(
                f"c{i}",
                i + 1,
                theory=draw(theory),
                marks={
                    "M": tuple(Mark(f"j{x}", draw(m)) for x in range(k)),
                    "J": tuple(Mark(f"j{x}", draw(j)) for x in range(k)),
                    "D": tuple(Mark(f"j{x}", draw(d)) for x in range(k)),
                },
                completion_seconds=draw(st.sampled_from([None, 3000, 3600])),
            )
        )
    return tuple(out)


award_rules = st.builds(
    AwardRules,
    mode=st.sampled_from(["ratio", "count"]),
    first=st.sampled_from([Decimal(x) for x in (0, 5, 10, 15)]),
    second=st.sampled_from([Decimal(x) for x in (0, 10, 20)]),
    third=st.sampled_from([Decimal(x) for x in (0, 15, 30)]),
    merit=st.booleans(),
    at_least_one=st.booleans(),
)


@settings(max_examples=150)
@given(contestants(), award_rules)
def test_ranks_are_a_standard_competition_ranking(
    cs: tuple[ContestantInput, ...], award: AwardRules
) -> None:
    """rank = 1 + number strictly better (total, then the chain); equal keys share a rank;
    a higher unrounded total always means a strictly better rank (rounding never ties)."""
    rules = EventRules(award=award)
    res = compute(EventInputs(rules, ASPECTS, cs))
    ranked = res.ranked
    keys = {r.key: sort_key(r.score, rules.tie_break) for r in ranked}
    for r in ranked:
        better = sum(1 for o in ranked if keys[o.key] < keys[r.key])
        assert r.rank == 1 + better
        for o in ranked:
            assert r.score.total is not None and o.score.total is not None
            if r.score.total > o.score.total:
                assert r.rank is not None and o.rank is not None and r.rank < o.rank


@settings(max_examples=150)
@given(contestants(), award_rules)
def test_awards_follow_the_places_and_boundary_ties(
    cs: tuple[ContestantInput, ...], award: AwardRules
) -> None:
    """Tier k goes to exactly those ranked within the cumulative places; any extra person over
    a quota is tied with the last place inside it; ratio places never exceed n x share rounded
    up, and without the small-group minimum they are the cumulative share rounded half up."""
    rules = EventRules(award=award)
    res = compute(EventInputs(rules, ASPECTS, cs))
    ranked = sorted(res.ranked, key=lambda r: r.rank or 0)
    n = len(ranked)
    q = places(n, rules)
    order = ("first", "second", "third")
    for k in range(len(order)):
        holders = [r for r in ranked if r.award in order[: k + 1]]
        assert holders == [r for r in ranked if (r.rank or 0) <= q[k]]
        if len(holders) > q[k]:
            assert q[k] > 0
            last_inside = ranked[q[k] - 1].rank
            assert all(r.rank == last_inside for r in holders[q[k] :])
        assert len(holders) >= q[k]
    if award.mode == "ratio":
        share = award.first + award.second + award.third
        ceiling = math.ceil(Fraction(n) * Fraction(share) / 100)
        assert q[2] <= max(ceiling, 0)
        if not award.at_least_one:
            cum = (award.first, award.first + award.second, share)
            assert q == tuple(int((Fraction(n) * Fraction(c) / 100 * 2 + 1) // 2) for c in cum)
        else:
            for k, s in enumerate((award.first, award.second, award.third)):
                if s > 0 and n and q[k] < n and (q[k - 1] if k else 0) < ceiling:
                    assert q[k] > (q[k - 1] if k else 0)
    else:
        assert q == tuple(
            min(n, int(x))
            for x in (
                award.first,
                award.first + award.second,
                award.first + award.second + award.third,
            )
        )
    merit = [r for r in ranked if r.award == "merit"]
    assert len(merit) == (n - sum(1 for r in ranked if r.award in order) if award.merit else 0)


@given(contestants())
def test_totals_are_never_negative(cs: tuple[ContestantInput, ...]) -> None:
    """Deductions may exceed the marks, but the practical total stops at 0."""
    harsh = tuple(
        ContestantInput(
            c.key,
            c.station,
            theory=Decimal(0),
            marks={**c.marks, "D": tuple(Mark(f"j{x}", Decimal(50)) for x in range(5))},
        )
        for c in cs
    )
    for res in (
        compute(EventInputs(EventRules(), ASPECTS, cs)),
        compute(EventInputs(EventRules(), ASPECTS, harsh)),
    ):
        for r in res.rows:
            assert r.score.practical is not None and r.score.practical >= 0
            assert r.score.total is not None and r.score.total >= 0


@settings(max_examples=40)
@given(contestants(n_max=12), st.data())
def test_incremental_cache_equals_a_full_recompute(
    cs: tuple[ContestantInput, ...], data: st.DataObject
) -> None:
    """After any sequence of single-mark changes the cached results equal computing afresh."""
    inputs = EventInputs(EventRules(award=AwardRules(merit=True)), ASPECTS, cs)
    cache = ResultsCache(inputs)
    for _ in range(data.draw(st.integers(1, 6))):
        c = data.draw(st.sampled_from(cs))
        aspect = data.draw(st.sampled_from(["M", "J"]))
        value = data.draw(st.sampled_from([Decimal(x) for x in ("0", "1", "2", "3")]))
        judge = data.draw(st.sampled_from(["j0", "j1", "j4", "j9"]))
        got = cache.set_mark(c.key, aspect, judge, value)
    fresh = compute(EventInputs(inputs.rules, ASPECTS, tuple(cache.contestant(c.key) for c in cs)))
    summary = [(r.key, r.rank, r.total, r.award, r.standardised) for r in fresh.rows]
    assert [(r.key, r.rank, r.total, r.award, r.standardised) for r in got.rows] == summary
