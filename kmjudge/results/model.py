"""Plain inputs and outputs of the results engine (no database, no Qt).

Inputs carry ``Decimal`` (what the database and the score sheets hold). Inside the engine every
intermediate value is an exact ``Fraction``: a panel mean of 3 judges is 7/3, not 2.333...3,
so two contestants whose totals are truly equal stay equal and go to the tie-break chain, and two
that differ in the 30th digit stay ordered. Nothing is rounded except the *reported* values
(``report``: 2 places, half up), and nothing is ever a float.

Contestants are identified by ``key`` (the registration id as text) and shown by station
number: names and employers are not engine inputs at all (see ``load.Identity``), so the
engine cannot leak them before the event is locked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from kmjudge.errors import KmError
from kmjudge.gcpause import gc_paused

Kind = Literal["M", "J", "D"]
State = Literal["ranked", "incomplete", "absent", "withdrawn", "disqualified"]
Tier = Literal["first", "second", "third", "merit", ""]
ShortPanel = Literal["fallback", "incomplete"]

COMPETING_STATUSES: frozenset[str] = frozenset({"registered", "checked_in"})
OUT_STATUSES: tuple[str, ...] = ("absent", "withdrawn", "disqualified")
TIE_BREAK_KEYS: tuple[str, ...] = ("practical", "theory", "completion_time")
DEFAULT_TIE_BREAK: tuple[str, ...] = TIE_BREAK_KEYS
TIERS: tuple[Tier, ...] = ("first", "second", "third")

STATE_ZH: dict[str, str] = {
    "ranked": "",
    "incomplete": "成绩不完整",
    "absent": "缺考",
    "withdrawn": "退赛",
    "disqualified": "取消资格",
}
TIER_ZH: dict[str, str] = {
    "first": "一等奖",
    "second": "二等奖",
    "third": "三等奖",
    "merit": "优胜奖",
    "": "",
}
TIE_BREAK_ZH: dict[str, str] = {
    "practical": "实操成绩",
    "theory": "理论成绩",
    "completion_time": "完成用时",
}
TIE_BREAK_SHORT_ZH: dict[str, str] = {
    "practical": "实操",
    "theory": "理论",
    "completion_time": "用时",
}
#: Titles by rank within a ranking group, per event level. 技术状元 = first place of a
#: city-level event (the campaign is "360行出状元"). Override with ``EventRules.titles``.
DEFAULT_TITLES: dict[str, dict[int, str]] = {"city": {1: "技术状元"}}


class ResultsError(KmError):
    """The results cannot be computed or shown as asked."""

    code = "results"


# --------------------------------------------------------------------------- numbers


def to_fraction(value: Decimal | int | Fraction) -> Fraction:
    """Exact conversion (a Decimal's value is a fraction with a power-of-ten denominator)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return Fraction(value)


def report(value: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """A reported value: ``places`` decimals, half up (away from zero on .5), exactly.

    ``report(Fraction(84125, 1000)) == Decimal("84.13")``; ``84.124999 -> 84.12``.
    """
    x = to_fraction(value)
    scale = 10**places
    scaled = abs(x) * scale
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    q = Decimal(whole).scaleb(-places) if places else Decimal(whole)
    if x < 0 and whole:
        q = -q
    return q.quantize(Decimal(1).scaleb(-places)) if places else q


def report_opt(value: Fraction | None, places: int = 2) -> Decimal | None:
    return None if value is None else report(value, places)


def exact_text(value: Fraction, places: int = 6) -> str:
    """The unrounded value for explanations: exact when it has at most ``places`` decimals,
    otherwise ``places`` decimals (cut, not rounded) followed by an ellipsis."""
    sign = "-" if value < 0 else ""
    x = abs(value)
    scale = 10**places
    scaled = x * scale
    cut = scaled.numerator // scaled.denominator
    digits = f"{cut // scale}.{cut % scale:0{places}d}" if places else str(cut)
    if scaled.denominator == 1:
        text = digits.rstrip("0").rstrip(".") if "." in digits else digits
        # keep at least two places, like the reported values
        if "." not in text:
            text += ".00"
        elif len(text.split(".")[1]) < 2:
            text += "0"
        return sign + text
    return f"{sign}{digits}…"


def decimal_of(value: Fraction, digits: int = 40) -> Decimal:
    """A Decimal approximation with ``digits`` significant digits (sqrt input, display)."""
    with localcontext() as ctx:
        ctx.prec = digits
        return Decimal(value.numerator) / Decimal(value.denominator)


def round_half_up_int(value: Fraction) -> int:
    """Nearest whole number, .5 upwards (value >= 0)."""
    return int((value * 2 + 1) // 2)


def _dec(value: Any, default: Decimal) -> Decimal:
    if value is None or isinstance(value, bool):
        return default
    try:
        d = Decimal(str(value).strip())
    except ArithmeticError:
        return default
    return d if d.is_finite() else default


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class AspectDef:
    """One aspect of the marking scheme, as the engine needs it.

    ``max_mark``: M/J full mark; D: the deduction per occurrence (``cap`` = most in total).
    Judges' values are marks (M), 0-3 (J), or points deducted (D, positive).
    """

    key: str
    code: str
    kind: Kind
    max_mark: Decimal
    panel_rule: str = "mean"
    cap: Decimal | None = None
    title: str = ""
    criterion: str = ""
    criterion_title: str = ""
    judges_min: int | None = None


class Mark(NamedTuple):
    """One judge's value on one aspect of one contestant. Trainee marks never count.

    (A named tuple rather than a frozen dataclass: 200,000 of them are built per load.)
    """

    judge: str
    value: Decimal
    trainee: bool = False


@dataclass(frozen=True)
class ContestantInput:
    """One registration: status, grouping data, theory score and the practical marks."""

    key: str
    station: int | None = None
    status: str = "checked_in"
    gender: str = ""
    birth_date: date | None = None
    theory: Decimal | None = None
    #: aspect key -> every mark given on it (counting and trainee)
    marks: Mapping[str, tuple[Mark, ...]] = field(default_factory=dict)
    completion_seconds: int | None = None
    #: the registration sheet's 组别, used only when the event ranks by ``"registration"``
    declared_group: str = ""


@dataclass(frozen=True)
class AwardRules:
    """Award tiers per ranking group. ``ratio``: percent of ranked contestants; ``count``:
    people. ``merit``: 优胜奖 for every other ranked contestant."""

    mode: Literal["ratio", "count"] = "ratio"
    first: Decimal = Decimal(10)
    second: Decimal = Decimal(20)
    third: Decimal = Decimal(30)
    merit: bool = False
    #: ratio mode: a tier with a positive share gets at least one place in a small group
    #: (within the total share rounded up); see ``engine.places``
    at_least_one: bool = True

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> AwardRules:
        """From ``Event.award`` (``AwardSpec.to_dict``: numbers as text); {} = defaults."""
        if not data:
            return cls()
        d = cls()
        return cls(
            mode="count" if str(data.get("mode", "ratio")) == "count" else "ratio",
            first=_dec(data.get("first"), d.first),
            second=_dec(data.get("second"), d.second),
            third=_dec(data.get("third"), d.third),
            merit=bool(data.get("merit", False)),
            at_least_one=bool(data.get("at_least_one", True)),
        )


@dataclass(frozen=True)
class UpgradeRule:
    """晋升职业资格等级 eligibility, on top of passing theory and practical (pass mark).

    Eligible when the award is ``min_tier`` or better, or (if set) the rank is <= ``top_n``.
    ``min_tier=""`` and ``top_n=None`` means passing both parts is enough (any ranked).
    """

    min_tier: Literal["first", "second", "third", ""] = "third"
    top_n: int | None = None


@dataclass(frozen=True)
class EventRules:
    """Everything configurable about one event's results."""

    theory_weight: Decimal = Decimal(30)
    practical_weight: Decimal = Decimal(70)
    pass_mark: Decimal = Decimal(60)
    #: ``"all"``, ``"gender"``, ``"registration"`` (the sheet's 组别) or age bands ("<=35", ...)
    ranking_groups: str | tuple[str, ...] = "all"
    #: ages are whole years on this date (the event's start date)
    age_on: date | None = None
    award: AwardRules = AwardRules()
    tie_break: tuple[str, ...] = DEFAULT_TIE_BREAK
    level: str = "city"
    #: rank -> title; None = ``DEFAULT_TITLES[level]``
    titles: Mapping[int, str] | None = None
    titles_require_pass: bool = True
    upgrade: UpgradeRule = UpgradeRule()
    #: what to do when an aspect has fewer counting judges than its panel rule needs
    short_panel: ShortPanel = "fallback"

    def title_table(self) -> Mapping[int, str]:
        return self.titles if self.titles is not None else DEFAULT_TITLES.get(self.level, {})


@dataclass(frozen=True)
class EventInputs:
    rules: EventRules
    aspects: tuple[AspectDef, ...]
    contestants: tuple[ContestantInput, ...]


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class AspectResult:
    """How one aspect of one contestant was marked, for the transcript.

    The aggregate and the mark are exact fractions kept as integer pairs (the engine's hot path
    adds integers; ``aggregate``/``mark`` build the ``Fraction`` when someone asks).
    """

    aspect: AspectDef
    marks: tuple[Mark, ...]
    #: counting values kept by the panel rule, and the ones it dropped (highest/lowest)
    used: tuple[Decimal, ...]
    dropped: tuple[Decimal, ...]
    #: the rule actually applied (differs from ``aspect.panel_rule`` after a fallback)
    rule: str
    fallback: bool
    #: panel aggregate in the judges' units (marks, 0-3, points deducted) = agg_num / agg_den;
    #: agg_den == 0 when nobody counting marked the aspect
    agg_num: int = 0
    agg_den: int = 0
    #: contribution to the practical total = mark_num / mark_den: + for M/J, − for D
    mark_num: int = 0
    mark_den: int = 1
    capped: bool = False

    @property
    def aggregate(self) -> Fraction | None:
        return Fraction(self.agg_num, self.agg_den) if self.agg_den else None

    @property
    def mark(self) -> Fraction:
        return Fraction(self.mark_num, self.mark_den)

    @property
    def counting(self) -> int:
        return len(self.used) + len(self.dropped)


@dataclass(frozen=True)
class ContestantScore:
    """One contestant scored on their own (no ranking yet): cacheable per contestant."""

    key: str
    station: int | None
    status: str
    group: str
    theory: Fraction | None
    #: practical total (>= 0) when every M/J aspect is marked, else None
    practical: Fraction | None
    #: sum of M/J marks and sum of deductions (after caps), for the explanation
    practical_marks: Fraction
    deductions: Fraction
    total: Fraction | None
    aspects: tuple[AspectResult, ...]
    completion_seconds: int | None
    #: why this contestant cannot be ranked (Chinese, one line each); empty = complete
    problems: tuple[str, ...] = ()
    #: things the chief judge should look at that do not stop ranking (fallback panels)
    notes: tuple[str, ...] = ()

    @property
    def competing(self) -> bool:
        return self.status in COMPETING_STATUSES

    @property
    def complete(self) -> bool:
        return self.competing and not self.problems and self.total is not None


@dataclass(frozen=True, slots=True)
class TieInfo:
    """Explains a contestant's place among others with exactly the same total."""

    #: how many others in the group have exactly the same total
    same_total: int
    #: the tie-break keys that had to be compared (in order) to place this contestant
    compared: tuple[str, ...]
    #: True when the chain ran out: the rank is shared
    shared: bool

    def text_zh(self) -> str:
        if not self.same_total:
            return ""
        chain = "、".join(TIE_BREAK_ZH.get(k, k) for k in self.compared)
        if self.shared:
            tail = f"依次比较{chain}后仍相同，名次并列" if chain else "名次并列"
            return f"总分与另 {self.same_total} 人相同，{tail}"
        return f"总分与另 {self.same_total} 人相同，依次比较{chain}确定名次"

    def short_zh(self) -> str:
        """The same in a table cell's width: "与另 1 人同分，实操高者在前", "名次并列：与另 1
        人同分，实操、理论、用时均相同"."""
        if not self.same_total:
            return ""
        head = f"与另 {self.same_total} 人同分"
        if self.shared:
            equal = "、".join(TIE_BREAK_SHORT_ZH.get(k, k) for k in self.compared)
            return f"名次并列：{head}" + (f"，{equal}均相同" if equal else "")
        *equal_keys, decider = self.compared
        equal = "、".join(TIE_BREAK_SHORT_ZH.get(k, k) for k in equal_keys)
        better = "短" if decider == "completion_time" else "高"
        return (
            f"{head}，"
            + (f"{equal}相同，" if equal else "")
            + f"{TIE_BREAK_SHORT_ZH.get(decider, decider)}{better}者在前"
        )


@dataclass(frozen=True)
class ContestantResult:
    score: ContestantScore
    state: State
    rank: int | None = None
    award: Tier = ""
    title: str = ""
    theory_passed: bool | None = None
    practical_passed: bool | None = None
    upgrade: bool = False
    standardised: Decimal | None = None
    tie: TieInfo | None = None

    @property
    def key(self) -> str:
        return self.score.key

    @property
    def station(self) -> int | None:
        return self.score.station

    @property
    def group(self) -> str:
        return self.score.group

    @property
    def theory(self) -> Decimal | None:
        return report_opt(self.score.theory)

    @property
    def practical(self) -> Decimal | None:
        return report_opt(self.score.practical)

    @property
    def total(self) -> Decimal | None:
        return report_opt(self.score.total)

    @property
    def award_zh(self) -> str:
        return TIER_ZH[self.award]

    @property
    def state_zh(self) -> str:
        return STATE_ZH[self.state]


@dataclass(frozen=True)
class GroupSummary:
    key: str
    label: str
    ranked: int
    listed: int
    #: cumulative places for first, first+second, first+second+third (before ties)
    places: tuple[int, int, int]
    #: people who actually got each tier (ties at a boundary may add some)
    awarded: dict[str, int]
    mean: Fraction | None = None
    sd: Decimal | None = None


@dataclass(frozen=True)
class ResultSet:
    rules: EventRules
    #: board order: group, then rank (then station); unranked after the ranked of each group
    rows: tuple[ContestantResult, ...]
    groups: tuple[GroupSummary, ...]
    #: problems and notes for the chief judge, by station (Chinese)
    warnings: tuple[str, ...] = ()

    def by_key(self, key: str) -> ContestantResult:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def by_station(self, station: int) -> ContestantResult:
        for r in self.rows:
            if r.station == station:
                return r
        raise KeyError(station)

    @property
    def ranked(self) -> tuple[ContestantResult, ...]:
        return tuple(r for r in self.rows if r.state == "ranked")

    @property
    def incomplete(self) -> tuple[ContestantResult, ...]:
        return tuple(r for r in self.rows if r.state == "incomplete")


@dataclass(frozen=True)
class JudgeSeverity:
    """A judge's mean deviation from the panel aggregate on one kind of aspect.

    Positive = more lenient than the panel, negative = more severe. Units: marks (M), the 0-3
    scale (J), points deducted (D; positive = deducts more); ``percent`` is relative to the
    aspect's range (max mark, 3, or the cap).
    """

    judge: str
    kind: Kind
    trainee: bool
    n: int
    mean_deviation: Decimal
    mean_abs_deviation: Decimal
    percent: Decimal


def contestant_label(station: int | None, key: str) -> str:
    return f"{station}号工位" if station is not None else f"登记号 {key[:8]}"


__all__ = [
    "DEFAULT_TIE_BREAK",
    "DEFAULT_TITLES",
    "STATE_ZH",
    "TIER_ZH",
    "AspectDef",
    "AspectResult",
    "AwardRules",
    "ContestantInput",
    "ContestantResult",
    "ContestantScore",
    "EventInputs",
    "EventRules",
    "GroupSummary",
    "JudgeSeverity",
    "Mark",
    "ResultSet",
    "ResultsError",
    "TieInfo",
    "UpgradeRule",
    "exact_text",
    "gc_paused",
    "report",
    "report_opt",
    "to_fraction",
]
