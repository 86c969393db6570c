"""The results engine: pure computation, no database, no Qt, no floats.

Two stages, so that one changed score costs one contestant and a re-rank:

1. ``score_contestant`` -- one contestant on their own: panel aggregates per aspect, the
   practical total, the weighted total, and what (if anything) stops them being ranked.
2. ``rank_scores`` -- every contestant together: ranking groups, standard competition ranking
   with the tie-break chain, awards, titles, pass marks, upgrade eligibility, standardised scores.

``compute`` runs both; ``ResultsCache`` keeps stage 1 per contestant and redoes only what a
change touches. ``judge_severity`` reports each judge's mean deviation from the panel.
The rules as implemented are written out, with worked examples, in ``docs/scoring.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from kmjudge.results.model import (
    OUT_STATUSES,
    TIE_BREAK_KEYS,
    TIERS,
    AspectDef,
    AspectResult,
    ContestantInput,
    ContestantResult,
    ContestantScore,
    EventInputs,
    EventRules,
    GroupSummary,
    JudgeSeverity,
    Mark,
    ResultsError,
    ResultSet,
    State,
    TieInfo,
    Tier,
    contestant_label,
    decimal_of,
    gc_paused,
    report,
    round_half_up_int,
)
from kmjudge.setupfile import AgeBand, parse_age_band

#: Judges a panel rule needs; with fewer counting judges the rule falls back (see FALLBACK).
PANEL_NEEDS: dict[str, int] = {"mean": 1, "trim1": 5, "trim2": 7, "median": 1}
PANEL_RULE_ZH: dict[str, str] = {
    "mean": "平均",
    "trim1": "去掉最高最低",
    "trim2": "去二高二低",
    "median": "中位数",
}
JUDGEMENT_MAX = 3
UNKNOWN_GROUP = "?"
_ZERO = Fraction(0)


# --------------------------------------------------------------------------- panels


@dataclass(frozen=True, slots=True)
class Panel:
    """A panel aggregate: the value, which counting values were kept and dropped, and the rule
    actually applied (``fallback`` when there were too few judges for the configured one)."""

    value: Fraction
    used: tuple[Decimal, ...]
    dropped: tuple[Decimal, ...]
    rule: str
    fallback: bool


def applied_rule(rule: str, n: int) -> str:
    """The rule used for ``n`` counting judges: trim2 needs 7 (with 5-6 it drops 1+1 instead),
    trim1 needs 5 (with fewer it takes the plain mean). Mean and median work with any n."""
    if rule not in PANEL_NEEDS:
        raise ResultsError(f"未知的评分方式 {rule!r}", f"unknown panel rule {rule!r}")
    if n >= PANEL_NEEDS[rule]:
        return rule
    if rule == "trim2" and n >= PANEL_NEEDS["trim1"]:
        return "trim1"
    return "mean"


def _panel(
    values: Sequence[Decimal], rule_used: str
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...], int, int]:
    """(kept, dropped, numerator, denominator) of the aggregate of sorted ``values``."""
    n = len(values)
    if rule_used == "median":
        mid = n // 2
        if n % 2:
            used: tuple[Decimal, ...] = (values[mid],)
            dropped = (*values[:mid], *values[mid + 1 :])
        else:
            used = (values[mid - 1], values[mid])
            dropped = (*values[: mid - 1], *values[mid + 1 :])
    elif rule_used == "trim1":
        used, dropped = tuple(values[1 : n - 1]), (values[0], values[n - 1])
    elif rule_used == "trim2":
        used, dropped = tuple(values[2 : n - 2]), (*values[:2], *values[n - 2 :])
    else:
        used, dropped = tuple(values), ()
    # Decimal addition is exact here (a few marks with two decimals, far below 28 digits).
    num, den = sum(used, Decimal(0)).as_integer_ratio()
    return used, dropped, num, den * len(used)


def aggregate(values: Sequence[Decimal], rule: str) -> Panel:
    """Combine the counting judges' values on one aspect by ``rule`` (exactly).

    mean: arithmetic mean. trim1/trim2: drop the 1/2 highest and 1/2 lowest, mean of the rest.
    median: the middle value (mean of the middle two for an even count). Judge order never
    matters. Raises ``ValueError`` for no values.
    """
    if not values:
        raise ValueError("no values to aggregate")
    rule_used = applied_rule(rule, len(values))
    used, dropped, num, den = _panel(sorted(values), rule_used)
    return Panel(Fraction(num, den), used, dropped, rule_used, rule_used != rule)


# --------------------------------------------------------------------------- groups


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day`` (the birthday itself counts)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _bands(rules: EventRules) -> tuple[AgeBand, ...]:
    if isinstance(rules.ranking_groups, str):
        return ()
    out = []
    for text in rules.ranking_groups:
        band = parse_age_band(text)
        if band is None:
            raise ResultsError(f"无法识别的年龄段 {text!r}", f"unreadable age band {text!r}")
        out.append(band)
    return tuple(out)


def group_of(c: ContestantInput, rules: EventRules, bands: tuple[AgeBand, ...] = ()) -> str:
    """The ranking group key: "" (whole event), "M"/"F", an age band's text, the registration's
    组别, or ``"?"`` when the data to place someone is missing."""
    mode = rules.ranking_groups
    if mode == "all":
        return ""
    if mode == "gender":
        return c.gender if c.gender in ("M", "F") else UNKNOWN_GROUP
    if mode == "registration":
        return c.declared_group.strip() or UNKNOWN_GROUP
    if not isinstance(mode, tuple | list):
        raise ResultsError(f"未知的排名分组 {mode!r}", f"unknown ranking_groups {mode!r}")
    bands = bands or _bands(rules)
    if c.birth_date is None or rules.age_on is None:
        return UNKNOWN_GROUP
    age = age_on(c.birth_date, rules.age_on)
    for band in bands:
        if band.contains(age):
            return band.text
    return UNKNOWN_GROUP


def group_label(key: str, rules: EventRules) -> str:
    """A group's name on the board: 全部 / 男子组 / 女子组 / 35岁及以下 / 36-45岁 ..."""
    if key == "":
        return "全部"
    if key == UNKNOWN_GROUP:
        return "未能分组"
    if rules.ranking_groups == "gender":
        return {"M": "男子组", "F": "女子组"}.get(key, key)
    if isinstance(rules.ranking_groups, tuple | list):
        band = parse_age_band(key)
        if band is not None:
            if band.min_age is None and band.max_age is not None:
                return f"{band.max_age}岁及以下"
            if band.max_age is None and band.min_age is not None:
                return f"{band.min_age}岁及以上"
            return f"{band.min_age}-{band.max_age}岁"
    return key


def _group_order(keys: Iterable[str], rules: EventRules) -> list[str]:
    keys = set(keys)
    if rules.ranking_groups == "gender":
        fixed = ["M", "F"]
    elif isinstance(rules.ranking_groups, tuple | list):
        fixed = [b.text for b in _bands(rules)]
    else:
        fixed = [""]
    ordered = [k for k in fixed if k in keys]
    rest = sorted(k for k in keys if k not in fixed and k != UNKNOWN_GROUP)
    tail = [UNKNOWN_GROUP] if UNKNOWN_GROUP in keys else []
    return ordered + rest + tail


# --------------------------------------------------------------------------- stage 1


@dataclass(frozen=True, slots=True)
class _Prepared:
    aspect: AspectDef
    max_num: int
    max_den: int
    cap_num: int | None
    cap_den: int
    hi: Decimal | None  # highest valid value (None = no upper bound)


def _prepare(aspects: Sequence[AspectDef]) -> tuple[_Prepared, ...]:
    out = []
    for a in aspects:
        if a.kind not in ("M", "J", "D"):
            raise ResultsError(f"{a.code}：未知的类型 {a.kind!r}", f"{a.code}: unknown kind")
        applied_rule(a.panel_rule, 99)  # refuses an unknown rule early
        hi = a.max_mark if a.kind == "M" else Decimal(JUDGEMENT_MAX) if a.kind == "J" else None
        max_num, max_den = a.max_mark.as_integer_ratio()
        cap_num, cap_den = a.cap.as_integer_ratio() if a.cap is not None else (None, 1)
        out.append(_Prepared(a, max_num, max_den, cap_num, cap_den, hi))
    return tuple(out)


def _codes(codes: list[str], limit: int = 6) -> str:
    shown = "、".join(codes[:limit])
    return shown + (f" 等 {len(codes)} 项" if len(codes) > limit else "")


def score_contestant(
    aspects: Sequence[AspectDef], c: ContestantInput, rules: EventRules
) -> ContestantScore:
    """Score one contestant: aspects -> practical -> weighted total, and what is missing."""
    return _score(_prepare(aspects), c, rules, _bands(rules))


def _score(
    prepared: tuple[_Prepared, ...],
    c: ContestantInput,
    rules: EventRules,
    bands: tuple[AgeBand, ...],
) -> ContestantScore:
    problems: list[str] = []
    notes: list[str] = []
    missing: list[str] = []
    invalid: list[str] = []
    results: list[AspectResult] = []
    # Sums of exact marks kept per denominator (integers add fast; Fractions are built once).
    plus: dict[int, int] = {}
    minus: dict[int, int] = {}
    marked_any = False
    for p in prepared:
        a = p.aspect
        ms = c.marks.get(a.key, ())
        values = sorted([m.value for m in ms if not m.trainee])
        if values and (values[0] < 0 or (p.hi is not None and values[-1] > p.hi)):
            bad = [v for v in values if v < 0 or (p.hi is not None and v > p.hi)]
            top = "" if p.hi is None else f"–{p.hi}"
            invalid.append(f"{a.code}（{'、'.join(str(v) for v in bad)} 超出 0{top}）")
            values = []
        if not values:
            if a.kind != "D":
                missing.append(a.code)
            results.append(AspectResult(a, ms, (), (), a.panel_rule, False))
            continue
        marked_any = True
        n = len(values)
        rule_used = applied_rule(a.panel_rule, n)
        used, dropped, num, den = _panel(values, rule_used)
        fallback = rule_used != a.panel_rule
        if fallback or (a.judges_min and n < a.judges_min):
            need = max(PANEL_NEEDS[a.panel_rule], a.judges_min or 1)
            text = (
                f"{a.code} 仅 {n} 名裁判计分（{PANEL_RULE_ZH[a.panel_rule]}需 "
                f"{need} 名），按{PANEL_RULE_ZH[rule_used]}计"
            )
            if rules.short_panel == "incomplete":
                problems.append(text.rsplit("，", 1)[0] + "，待裁判长处理")
            else:
                notes.append(text)
        capped = False
        if a.kind == "J":
            mark_num, mark_den = p.max_num * num, p.max_den * den * JUDGEMENT_MAX
        elif a.kind == "M":
            mark_num, mark_den = num, den
        else:
            mark_num, mark_den = num, den
            if p.cap_num is not None and num * p.cap_den > p.cap_num * den:
                mark_num, mark_den, capped = p.cap_num, p.cap_den, True
            minus[mark_den] = minus.get(mark_den, 0) + mark_num
            mark_num = -mark_num
        if mark_num >= 0:
            plus[mark_den] = plus.get(mark_den, 0) + mark_num
        results.append(
            AspectResult(
                a, ms, used, dropped, rule_used, fallback, num, den, mark_num, mark_den, capped
            )
        )
    plus_fr = sum((Fraction(v, k) for k, v in plus.items()), _ZERO)
    minus_fr = sum((Fraction(v, k) for k, v in minus.items()), _ZERO)

    theory = Fraction(c.theory) if c.theory is not None else None
    if invalid:
        problems.append("分值超出范围：" + "；".join(invalid))
    needs_practical = rules.practical_weight > 0 and any(p.aspect.kind != "D" for p in prepared)
    if needs_practical and not marked_any and not invalid:
        problems.append("无实操成绩")
    elif missing:
        problems.append("缺少评分：" + _codes(missing))
    practical = None if (missing or invalid) else max(_ZERO, plus_fr - minus_fr)
    if theory is None and rules.theory_weight > 0:
        problems.append("无理论成绩")
    if theory is not None and not 0 <= theory <= 100:
        problems.append(f"理论成绩 {c.theory} 超出 0–100")
    group = group_of(c, rules, bands)
    if group == UNKNOWN_GROUP:
        problems.append("缺少分组所需信息（性别、出生日期或组别）")

    total: Fraction | None = None
    have_theory = theory is not None or rules.theory_weight == 0
    have_practical = practical is not None or not needs_practical
    if have_theory and have_practical:
        total = (theory or _ZERO) * Fraction(rules.theory_weight) / 100 + (
            practical or _ZERO
        ) * Fraction(rules.practical_weight) / 100
    return ContestantScore(
        key=c.key,
        station=c.station,
        status=c.status,
        group=group,
        theory=theory,
        practical=practical,
        practical_marks=plus_fr,
        deductions=minus_fr,
        total=total,
        aspects=tuple(results),
        completion_seconds=c.completion_seconds,
        problems=tuple(problems) if c.status not in OUT_STATUSES else (),
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- stage 2


def _opt_desc(v: Fraction | None) -> tuple[int, Fraction]:
    """Descending with "no value" last (and all "no value"s equal)."""
    return (0, -v) if v is not None else (1, _ZERO)


def sort_key(s: ContestantScore, chain: Sequence[str]) -> tuple[Any, ...]:
    """Smaller is better: total desc, then the tie-break chain. A missing completion time
    counts as slower than any recorded one (it was not recorded because time ran out)."""
    assert s.total is not None
    key: list[Any] = [-s.total]
    for name in chain:
        if name == "practical":
            key.append(_opt_desc(s.practical))
        elif name == "theory":
            key.append(_opt_desc(s.theory))
        elif name == "completion_time":
            t = s.completion_seconds
            key.append((0, t) if t is not None else (1, 0))
        else:
            raise ResultsError(f"未知的并列排序依据 {name!r}", f"unknown tie-break {name!r}")
    return tuple(key)


def places(n: int, rules: EventRules) -> tuple[int, int, int]:
    """Cumulative award places (first, first+second, first+second+third) for ``n`` ranked.

    Ratio mode rounds the *cumulative* share half up: first = round(n x 10%), first+second =
    round(n x 30%), all three = round(n x 60%), so rounding errors do not add up across tiers.
    In a small group every tier with a positive share still gets at least one place (the winner
    of a group of three is not left without a first prize), as long as the places given stay
    within n x (total share) rounded up. Count mode: the counts, cumulated. Never more than n.
    """
    aw = rules.award
    shares = (aw.first, aw.second, aw.third)
    if aw.mode == "count":
        cum = [int(aw.first), int(aw.first + aw.second), int(aw.first + aw.second + aw.third)]
        return (min(cum[0], n), min(cum[1], n), min(cum[2], n))
    total = Fraction(n) * Fraction(sum(shares, Decimal(0))) / 100
    ceiling = min(n, -(-total.numerator // total.denominator))
    out: list[int] = []
    running = Decimal(0)
    prev = 0
    for share in shares:
        running += share
        q = round_half_up_int(Fraction(n) * Fraction(running) / 100)
        if aw.at_least_one and share > 0:
            q = max(q, prev + 1)
        q = max(prev, min(q, ceiling if aw.at_least_one else n, n))
        out.append(q)
        prev = q
    return (out[0], out[1], out[2])


def tier_for(rank: int, cum: tuple[int, int, int], merit: bool) -> Tier:
    """The tier of a rank: a contestant tied with the last place of a tier shares that place's
    rank, so ``rank <= places`` gives them the tier (a tier may exceed its quota; the next tier
    then has that many fewer places, because places are cumulative)."""
    for tier, limit in zip(TIERS, cum, strict=True):
        if rank <= limit:
            return tier
    return "merit" if merit else ""


def _passed(value: Fraction | None, weight: Decimal, mark: Decimal) -> bool | None:
    """Pass marks compare the *reported* value (what the board shows), so 59.995 -> 60.00 passes
    and nobody sees "60.00, failed". None = not assessed (no score and the part weighs 0)."""
    if value is None:
        return None if weight == 0 else False
    return report(value) >= mark


def _standardise(totals: Sequence[Fraction]) -> tuple[Fraction | None, Decimal | None, list[Any]]:
    """WorldSkills-style 500 + 100 x (x - mean) / sd (population sd); sd 0 -> everyone 500."""
    n = len(totals)
    if not n:
        return None, None, []
    mean = sum(totals, _ZERO) / n
    var = sum(((t - mean) ** 2 for t in totals), _ZERO) / n
    with localcontext() as ctx:
        ctx.prec = 40
        sd = decimal_of(var).sqrt()
        if sd == 0:
            return mean, Decimal(0), [Decimal(500)] * n
        out = [Decimal(500) + Decimal(100) * decimal_of(t - mean) / sd for t in totals]
    return mean, sd, [report(Fraction(z)) for z in out]


def _tie_infos(keys: list[tuple[Any, ...]], chain: tuple[str, ...]) -> list[TieInfo | None]:
    """For keys sorted best first: how each one was placed among others with the same total.

    In a lexicographic order, the longest run of equal tie-break values a contestant shares
    with anyone is the one shared with a neighbour, so neighbours are enough.
    """
    n = len(keys)
    depth_max = len(chain)

    def common(i: int, j: int) -> int:
        a, b = keys[i], keys[j]
        k = 0
        while k < depth_max and a[k + 1] == b[k + 1]:
            k += 1
        return k

    out: list[TieInfo | None] = []
    start = 0
    while start < n:
        end = start
        while end + 1 < n and keys[end + 1][0] == keys[start][0]:
            end += 1
        size = end - start + 1
        for i in range(start, end + 1):
            if size == 1:
                out.append(None)
                continue
            depth = max(
                common(i, i - 1) if i > start else 0,
                common(i, i + 1) if i < end else 0,
            )
            shared = depth >= depth_max
            out.append(TieInfo(size - 1, chain[: min(depth + 1, depth_max)], shared))
        start = end + 1
    return out


def rank_scores(scores: Iterable[ContestantScore], rules: EventRules) -> ResultSet:
    """Rank every group, award, title, pass marks, upgrade and standardised scores."""
    chain = tuple(rules.tie_break)
    for name in chain:
        if name not in TIE_BREAK_KEYS:
            raise ResultsError(f"未知的并列排序依据 {name!r}", f"unknown tie-break {name!r}")
    by_group: dict[str, list[ContestantScore]] = {}
    for s in scores:
        by_group.setdefault(s.group, []).append(s)
    titles = rules.title_table()
    rows: list[ContestantResult] = []
    groups: list[GroupSummary] = []
    warnings: list[str] = []
    for gkey in _group_order(by_group, rules):
        members = by_group[gkey]
        ranked = [s for s in members if s.complete]
        keyed = sorted(((sort_key(s, chain), s) for s in ranked), key=lambda p: p[0])
        keys = [k for k, _ in keyed]
        n = len(keyed)
        cum = places(n, rules)
        ties = _tie_infos(keys, chain)
        mean, sd, zs = _standardise([s.total for _, s in keyed if s.total is not None])
        awarded: dict[str, int] = {t: 0 for t in (*TIERS, "merit")}
        rank = 0
        for i, (k, s) in enumerate(keyed):
            if i == 0 or k != keys[i - 1]:
                rank = i + 1
            tier = tier_for(rank, cum, rules.award.merit)
            if tier:
                awarded[tier] += 1
            tp = _passed(s.theory, rules.theory_weight, rules.pass_mark)
            pp = _passed(s.practical, rules.practical_weight, rules.pass_mark)
            both = pp is not False and tp is not False and (pp or tp) is True
            title = titles.get(rank, "")
            if title and rules.titles_require_pass and not both:
                title = ""
            up = rules.upgrade
            by_tier = bool(up.min_tier) and tier in TIERS[: TIERS.index(up.min_tier) + 1]
            by_rank = up.top_n is not None and rank <= up.top_n
            no_condition = not up.min_tier and up.top_n is None
            tie = ties[i]
            rows.append(
                ContestantResult(
                    score=s,
                    state="ranked",
                    rank=rank,
                    award=tier,
                    title=title,
                    theory_passed=tp,
                    practical_passed=pp,
                    upgrade=both and (by_tier or by_rank or no_condition),
                    standardised=zs[i],
                    tie=tie,
                )
            )
        unranked = sorted(
            (s for s in members if not s.complete),
            key=lambda s: (
                s.status in OUT_STATUSES,
                OUT_STATUSES.index(s.status) if s.status in OUT_STATUSES else -1,
                s.station is None,
                s.station or 0,
                s.key,
            ),
        )
        for s in unranked:
            state: State = s.status if s.status in OUT_STATUSES else "incomplete"  # type: ignore[assignment]
            rows.append(ContestantResult(score=s, state=state))
            if state == "incomplete":
                label = contestant_label(s.station, s.key)
                warnings.append(f"{label}：{'；'.join(s.problems) or '成绩不完整'}")
        for s in members:
            for note in s.notes:
                if s.competing:
                    warnings.append(f"{contestant_label(s.station, s.key)}：{note}")
        groups.append(
            GroupSummary(
                key=gkey,
                label=group_label(gkey, rules),
                ranked=n,
                listed=len(members),
                places=cum,
                awarded=awarded,
                mean=mean,
                sd=sd,
            )
        )
    return ResultSet(rules, tuple(rows), tuple(groups), tuple(warnings))


def compute(inputs: EventInputs) -> ResultSet:
    """Full results of an event from its inputs."""
    prepared = _prepare(inputs.aspects)
    bands = _bands(inputs.rules)
    with gc_paused():
        scores = [_score(prepared, c, inputs.rules, bands) for c in inputs.contestants]
        return rank_scores(scores, inputs.rules)


# --------------------------------------------------------------------------- incremental


class ResultsCache:
    """Results kept up to date as scores change: a change rescores one contestant and
    re-ranks (ranking 1,000 contestants is a few milliseconds; scoring them all is not)."""

    def __init__(self, inputs: EventInputs) -> None:
        self.rules = inputs.rules
        self.aspects = inputs.aspects
        self._prepared = _prepare(inputs.aspects)
        self._bands = _bands(inputs.rules)
        self._inputs: dict[str, ContestantInput] = {c.key: c for c in inputs.contestants}
        with gc_paused():
            self._scores: dict[str, ContestantScore] = {
                c.key: _score(self._prepared, c, self.rules, self._bands)
                for c in inputs.contestants
            }
        self._result: ResultSet | None = None

    def results(self) -> ResultSet:
        if self._result is None:
            self._result = rank_scores(self._scores.values(), self.rules)
        return self._result

    def contestant(self, key: str) -> ContestantInput:
        return self._inputs[key]

    def replace(self, contestant: ContestantInput) -> ResultSet:
        """A contestant's inputs changed (status, theory, marks ...): rescore them, re-rank."""
        self._inputs[contestant.key] = contestant
        self._scores[contestant.key] = _score(self._prepared, contestant, self.rules, self._bands)
        self._result = None
        return self.results()

    def set_marks(self, key: str, aspect_key: str, marks: Sequence[Mark]) -> ResultSet:
        """The marks of one aspect of one contestant changed."""
        c = self._inputs[key]
        new_marks: Mapping[str, tuple[Mark, ...]] = {**c.marks, aspect_key: tuple(marks)}
        return self.replace(dataclasses.replace(c, marks=new_marks))

    def set_mark(self, key: str, aspect_key: str, judge: str, value: Decimal) -> ResultSet:
        """One judge's value changed (or was added)."""
        old = self._inputs[key].marks.get(aspect_key, ())
        kept = [m for m in old if m.judge != judge]
        trainee = any(m.trainee for m in old if m.judge == judge)
        return self.set_marks(key, aspect_key, [*kept, Mark(judge, value, trainee)])


# --------------------------------------------------------------------------- severity


def judge_severity(scores: Iterable[ContestantScore]) -> tuple[JudgeSeverity, ...]:
    """Each judge's mean deviation from the panel aggregate, per aspect kind.

    Every mark of a judge on an aspect that has a panel aggregate is compared with it (trainee
    judges too, reported separately, which is what their training is for). ``percent`` divides
    each deviation by the aspect's range first (max mark; 3 for judgement; the cap, or the
    per-occurrence deduction, for deductions), so aspects of different sizes weigh alike.
    """
    acc: dict[tuple[str, str, bool], list[Fraction]] = {}
    for s in scores:
        for ar in s.aspects:
            if ar.aggregate is None:
                continue
            a = ar.aspect
            span = (
                Fraction(JUDGEMENT_MAX)
                if a.kind == "J"
                else Fraction(a.cap if a.kind == "D" and a.cap else a.max_mark)
            )
            for m in ar.marks:
                dev = Fraction(m.value) - ar.aggregate
                slot = acc.setdefault((m.judge, a.kind, m.trainee), [_ZERO, _ZERO, _ZERO, _ZERO])
                slot[0] += dev
                slot[1] += abs(dev)
                slot[2] += dev / span if span else _ZERO
                slot[3] += 1
    out = []
    for (judge, kind, trainee), (dev, absdev, pct, n) in sorted(acc.items()):
        out.append(
            JudgeSeverity(
                judge=judge,
                kind=kind,  # type: ignore[arg-type]
                trainee=trainee,
                n=int(n),
                mean_deviation=report(dev / n, 3),
                mean_abs_deviation=report(absdev / n, 3),
                percent=report(pct * 100 / n, 1),
            )
        )
    return tuple(out)


__all__ = [
    "PANEL_NEEDS",
    "Panel",
    "ResultsCache",
    "age_on",
    "aggregate",
    "applied_rule",
    "compute",
    "group_label",
    "group_of",
    "judge_severity",
    "places",
    "rank_scores",
    "score_contestant",
    "sort_key",
    "tier_for",
]
