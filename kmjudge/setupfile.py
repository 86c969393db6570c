"""Event set-up files (赛事设置文件): one TOML file creates a competition and its events.

Pure core: no database, no Qt. ``load_setup`` reads and validates the file, resolves each
event's marking scheme (a path relative to the set-up file, or an inline ``[events.scheme]``
table) and returns plain frozen dataclasses; persistence is someone else's job.

Every problem is collected (``SetupError.issues``), each with where it is, a code and a Chinese
and English message; scheme problems are prefixed with the event's name. Things that may be
right elsewhere (a district outside Kunming, an event in another year than the competition,
an unusual occupation code) are warnings in ``SetupSpec.warnings``, not errors.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, cast

from kmjudge.errors import ValidationFailed
from kmjudge.scheme import (
    PANEL_RULE_NAMES_ZH,
    SchemeError,
    SchemeIssue,
    SchemeSpec,
    decimal_places,
    decimal_text,
    load_scheme,
    parse_scheme_dict,
    read_text_data,
    to_bool,
    to_decimal,
)

SETUP_SCHEMA_VERSION = 1

Level = Literal["city", "district", "county", "park", "industry"]
AwardMode = Literal["ratio", "count"]
DEFAULT_CAMPAIGN = "职工“72行大练兵·360行出状元”"

#: Districts, counties and parks of Kunming (县（市）区、园区). Others only warn: the software
#: may be used by other cities.
KUNMING_DISTRICTS: tuple[str, ...] = (
    "五华区",
    "盘龙区",
    "官渡区",
    "西山区",
    "呈贡区",
    "东川区",
    "晋宁区",
    "安宁市",
    "富民县",
    "宜良县",
    "石林彝族自治县",
    "嵩明县",
    "禄劝彝族苗族自治县",
    "寻甸回族彝族自治县",
    "滇中新区",
    "高新区",
    "经开区",
    "度假区",
    "空港经济区",
    "阳宗海风景名胜区",
)
#: The main five districts (targets: 4 competitions / 10 trades each).
MAIN_DISTRICTS: tuple[str, ...] = ("五华区", "盘龙区", "官渡区", "西山区", "呈贡区")

LEVELS: tuple[str, ...] = ("city", "district", "county", "park", "industry")
LEVEL_NAMES_ZH: dict[str, str] = {
    "city": "市级",
    "district": "区级",
    "county": "县级",
    "park": "园区",
    "industry": "行业",
}
LEVELS_NEEDING_DISTRICT: tuple[str, ...] = ("district", "county", "park")
_LEVEL_ALIASES: dict[str, str] = {
    **{lv: lv for lv in LEVELS},
    **dict.fromkeys(("市级", "市", "市级赛"), "city"),
    **dict.fromkeys(("区级", "区", "区级赛"), "district"),
    **dict.fromkeys(("县级", "县", "县(市)级", "县(市)区"), "county"),
    **dict.fromkeys(("园区", "园区级"), "park"),
    **dict.fromkeys(("行业", "行业级"), "industry"),
}

TIE_BREAKS: tuple[str, ...] = ("practical", "theory", "completion_time")
_TIE_BREAK_ALIASES: dict[str, str] = {
    **{t: t for t in TIE_BREAKS},
    **dict.fromkeys(("实操", "实操成绩", "实际操作"), "practical"),
    **dict.fromkeys(("理论", "理论成绩", "理论知识"), "theory"),
    **dict.fromkeys(("用时", "完成时间", "完成用时"), "completion_time"),
}
_AWARD_MODES: dict[str, str] = {
    "ratio": "ratio",
    "比例": "ratio",
    "count": "count",
    "名额": "count",
    "人数": "count",
}
_RANKING_ALIASES: dict[str, str] = {
    **dict.fromkeys(("all", "全部", "不分组"), "all"),
    **dict.fromkeys(("gender", "性别", "按性别"), "gender"),
}
_TRADE_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
_CHINA_TZ = timezone(timedelta(hours=8))

_TOP_KEYS = ("schema_version", "competition", "events")
_COMPETITION_KEYS = ("name", "campaign", "year")
_EVENT_KEYS = (
    "name",
    "trade",
    "trade_code",
    "trade_grade",
    "level",
    "district",
    "organiser",
    "venue",
    "start",
    "end",
    "checkin_opens",
    "checkin_closes",
    "theory_weight",
    "practical_weight",
    "pass_mark",
    "ranking_groups",
    "award",
    "tie_break",
    "judges_per_panel",
    "scheme",
)
_AWARD_KEYS = ("mode", "first", "second", "third", "merit")
_MAX_LEN = {"name": 200, "campaign": 200, "trade": 100, "trade_code": 30, "trade_grade": 40}
_MAX_LEN |= {"organiser": 200, "venue": 200, "district": 60}


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class CompetitionSpec:
    """The competition (竞赛) the events belong to."""

    name: str
    year: int
    campaign: str = DEFAULT_CAMPAIGN


@dataclass(frozen=True)
class AwardSpec:
    """Award tiers: ``ratio`` = percent of ranked contestants per tier, ``count`` = people.

    In ``count`` mode the three numbers are whole. ``merit`` = 优胜奖 for the rest.
    """

    mode: AwardMode = "ratio"
    first: Decimal = Decimal(10)
    second: Decimal = Decimal(20)
    third: Decimal = Decimal(30)
    merit: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (numbers as text, like ``SchemeSpec.to_dict``); ``from_dict`` reads it."""
        return {
            "mode": self.mode,
            "first": decimal_text(self.first),
            "second": decimal_text(self.second),
            "third": decimal_text(self.third),
            "merit": self.merit,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AwardSpec:
        """Validate and build, as in a set-up file; raises ``SetupError``."""
        rep = _Report()
        award = _parse_award(data, "award", rep, where_is_key=True)
        if rep.errors:
            raise SetupError(rep.errors)
        return award


@dataclass(frozen=True)
class AgeBand:
    """An age band for ranking, inclusive bounds in whole years (None = open)."""

    text: str
    min_age: int | None
    max_age: int | None

    def contains(self, age: int) -> bool:
        return (self.min_age is None or age >= self.min_age) and (
            self.max_age is None or age <= self.max_age
        )


RankingGroups = str | tuple[str, ...]


@dataclass(frozen=True)
class EventSpec:
    """One event (竞赛项目/场次) for one trade, with its marking scheme."""

    name: str
    trade: str
    level: Level
    organiser: str
    venue: str
    start: date | datetime
    end: date | datetime
    scheme: SchemeSpec
    trade_code: str = ""
    trade_grade: str = ""
    district: str = ""
    checkin_opens: datetime | None = None
    checkin_closes: datetime | None = None
    theory_weight: Decimal = Decimal(30)
    practical_weight: Decimal = Decimal(70)
    pass_mark: Decimal = Decimal(60)
    #: ``"all"``, ``"gender"``, or age bands in normal form, e.g. ``("<=35", ">35")``
    #: (JSON-friendly as it is; ``age_bands`` gives them parsed).
    ranking_groups: RankingGroups = "all"
    award: AwardSpec = AwardSpec()
    tie_break: tuple[str, ...] = TIE_BREAKS
    judges_per_panel: int = 5
    scheme_file: Path | None = None  # where the scheme was read from; None when inline

    @property
    def age_bands(self) -> tuple[AgeBand, ...]:
        """The ranking age bands, parsed (empty unless ranking is by age)."""
        if isinstance(self.ranking_groups, str):
            return ()
        bands = (parse_age_band(t) for t in self.ranking_groups)
        return tuple(b for b in bands if b is not None)


@dataclass(frozen=True)
class SetupSpec:
    """A whole set-up file: the competition, its events, and warnings worth showing."""

    competition: CompetitionSpec
    events: tuple[EventSpec, ...]
    warnings: tuple[SchemeIssue, ...] = ()


SetupIssue = SchemeIssue


class SetupError(ValidationFailed, ValueError):
    """A set-up file was refused; ``issues`` lists every problem found, not just the first."""

    code = "setup_invalid"

    def __init__(self, issues: list[SchemeIssue], warnings: list[SchemeIssue] | None = None):
        super().__init__(list(issues))
        self.issues: list[SchemeIssue] = list(issues)  # type: ignore[assignment]
        self.warnings: list[SchemeIssue] = list(warnings or [])

    def __str__(self) -> str:
        return "\n".join(
            f"{i.where}: {i.message_en}" if i.where else i.message_en for i in self.issues
        )

    def text_zh(self) -> str:
        """Every issue in Chinese, one per line (for the GUI)."""
        return "\n".join(
            f"{i.where}：{i.message_zh}" if i.where else i.message_zh for i in self.issues
        )


class _Report:
    def __init__(self) -> None:
        self.errors: list[SchemeIssue] = []
        self.warnings: list[SchemeIssue] = []

    def error(self, where: str, code: str, zh: str, en: str) -> None:
        self.errors.append(SchemeIssue(where, code, zh, en))

    def warn(self, where: str, code: str, zh: str, en: str) -> None:
        self.warnings.append(SchemeIssue(where, code, zh, en))


# --------------------------------------------------------------------------- entry points


def load_setup(path: str | Path) -> SetupSpec:
    """Read and validate a set-up file (TOML; JSON of the same shape also works).

    Raises ``SetupError`` only (unreadable file, bad syntax, invalid content, bad scheme).
    """
    p = Path(path)
    if not p.is_file():
        raise SetupError(
            [
                SchemeIssue(
                    str(p),
                    "file_not_found",
                    f"找不到赛事设置文件：{p}",
                    f"set-up file not found: {p}",
                )
            ]
        )
    if p.suffix.lower() not in (".toml", ".json"):
        raise SetupError(
            [
                SchemeIssue(
                    p.name,
                    "unsupported_format",
                    f"赛事设置文件应为 .toml 文件，而不是 “{p.suffix}”",
                    f"a set-up file is a .toml file, not {p.suffix!r}",
                )
            ]
        )

    def fail(fp: Path, zh: str, en: str) -> SetupError:
        return SetupError([SchemeIssue(fp.name, "file_unreadable", zh, en)])

    data = read_text_data(p, fail)
    return parse_setup_dict(data, p.parent)


def parse_setup_dict(data: Mapping[str, Any], base_dir: str | Path | None = None) -> SetupSpec:
    """Validate a set-up given as dicts (the TOML shape); scheme paths resolve from ``base_dir``.

    Raises ``SetupError`` with every problem; warnings go to ``SetupSpec.warnings``.
    """
    rep = _Report()
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    if not isinstance(data, Mapping):
        rep.error("", "bad_structure", "设置文件顶层必须是一个表", "the top level must be a table")
        raise SetupError(rep.errors)
    _check_keys(data, _TOP_KEYS, "", rep)
    version = data.get("schema_version", SETUP_SCHEMA_VERSION)
    if version != SETUP_SCHEMA_VERSION or isinstance(version, bool):
        rep.error(
            "schema_version",
            "bad_version",
            f"不支持的格式版本 {version!r}（本程序支持 {SETUP_SCHEMA_VERSION}）",
            f"unsupported schema_version {version!r} (this program reads {SETUP_SCHEMA_VERSION})",
        )

    competition = _parse_competition(data.get("competition"), rep)

    events_raw = data.get("events")
    events: list[EventSpec] = []
    if not isinstance(events_raw, list) or not events_raw:
        rep.error(
            "events",
            "no_events",
            "没有任何竞赛项目（用 [[events]] 写出每个项目）",
            "no events (write each one as an [[events]] table)",
        )
        events_raw = events_raw if isinstance(events_raw, list) else []
    names: set[str] = set()
    for i, raw in enumerate(events_raw):
        event = _parse_event(raw, i, base, competition, rep)
        if event is None:
            continue
        if event.name in names:
            rep.error(
                event.name,
                "duplicate_event",
                f"竞赛项目名称 “{event.name}” 重复",
                f"duplicate event name {event.name!r}",
            )
        names.add(event.name)
        events.append(event)

    if rep.errors or competition is None:
        raise SetupError(rep.errors, rep.warnings)
    return SetupSpec(competition, tuple(events), tuple(rep.warnings))


# --------------------------------------------------------------------------- helpers


def _check_keys(
    data: Mapping[str, Any], allowed: tuple[str, ...], where: str, rep: _Report
) -> None:
    for key in data:
        if key in allowed:
            continue
        hint = difflib.get_close_matches(str(key), allowed, n=1)
        zh_hint = f"，是否应为 “{hint[0]}”？" if hint else ""
        en_hint = f"; did you mean {hint[0]!r}?" if hint else ""
        rep.error(
            f"{where} / {key}" if where else str(key),
            "unknown_key",
            f"未知字段 “{key}”{zh_hint}（可用字段：{'、'.join(allowed)}）",
            f"unknown key {key!r}{en_hint} (valid keys: {', '.join(allowed)})",
        )


def _str(
    raw: Mapping[str, Any], key: str, where: str, rep: _Report, *, required: bool
) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            rep.error(
                f"{where} / {key}",
                "missing",
                f"缺少必填字段 “{key}”",
                f"required key {key!r} is missing",
            )
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        rep.error(
            f"{where} / {key}",
            "not_text",
            f"“{key}” 应为文字",
            f"{key!r} must be text",
        )
        return None
    text = str(value).strip()
    limit = _MAX_LEN.get(key)
    if limit is not None and len(text) > limit:
        rep.error(
            f"{where} / {key}",
            "too_long",
            f"“{key}” 过长（最多 {limit} 字）",
            f"{key!r} is too long (at most {limit} characters)",
        )
    return text


def _dec(
    raw: Mapping[str, Any],
    key: str,
    where: str,
    rep: _Report,
    default: Decimal,
    lo: Decimal = Decimal(0),
    hi: Decimal = Decimal(100),
) -> Decimal:
    if key not in raw:
        return default
    value = raw[key]
    d = to_decimal(value)
    w = f"{where} / {key}"
    if d is None:
        rep.error(
            w,
            "not_a_number",
            f"“{key}” 的值 {value!r} 不是数字",
            f"{key} {value!r} is not a number",
        )
        return default
    if d < lo or d > hi:
        rep.error(
            w,
            "out_of_range",
            f"“{key}” 应在 {lo} 到 {hi} 之间（现为 {decimal_text(d)}）",
            f"{key} must be between {lo} and {hi} (it is {decimal_text(d)})",
        )
        return default
    if decimal_places(d) > 2:
        rep.error(
            w, "too_many_decimals", f"“{key}” 最多两位小数", f"{key} has more than 2 decimals"
        )
        return default
    return d


def _int(value: Any, key: str, where: str, rep: _Report, lo: int, hi: int) -> int | None:
    d = to_decimal(value)
    if d is None or d != d.to_integral_value() or not lo <= d <= hi:
        rep.error(
            f"{where} / {key}",
            "bad_integer",
            f"“{key}” 应为 {lo} 到 {hi} 之间的整数（现为 {value!r}）",
            f"{key} must be a whole number from {lo} to {hi} (it is {value!r})",
        )
        return None
    return int(d)


def _alias(value: Any, table: Mapping[str, str]) -> str | None:
    if not isinstance(value, str):
        return None
    return table.get("".join(unicodedata.normalize("NFKC", value).split()).lower())


def _when(
    value: Any, key: str, where: str, rep: _Report, *, allow_date: bool
) -> date | datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    if isinstance(value, datetime) or (allow_date and isinstance(value, date)):
        return value
    what_zh = "日期或日期时间" if allow_date else "日期时间"
    what_en = "a date or date-time" if allow_date else "a date-time"
    example = "2026-09-12 或 2026-09-12T08:30:00" if allow_date else "2026-09-12T08:30:00"
    rep.error(
        f"{where} / {key}",
        "bad_datetime",
        f"“{key}” 应为{what_zh}，例如 {example}（现为 {value!r}）",
        f"{key} must be {what_en}, e.g. 2026-09-12T08:30:00 (it is {value!r})",
    )
    return None


def _moment(value: date | datetime, *, end: bool = False) -> datetime:
    """A comparable naive datetime in China time; a bare date spans the whole day."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(_CHINA_TZ).replace(tzinfo=None)
        return value
    return datetime.combine(value, time.max if end else time.min)


def _parse_competition(raw: Any, rep: _Report) -> CompetitionSpec | None:
    where = "competition"
    if not isinstance(raw, Mapping):
        rep.error(
            where,
            "missing",
            "缺少 [competition] 表（name、year）",
            "the [competition] table (name, year) is missing",
        )
        return None
    _check_keys(raw, _COMPETITION_KEYS, where, rep)
    name = _str(raw, "name", where, rep, required=True)
    campaign = _str(raw, "campaign", where, rep, required=False) or DEFAULT_CAMPAIGN
    year: int | None = None
    if raw.get("year") is None:
        rep.error(
            f"{where} / year", "missing", "缺少必填字段 “year”", "required key 'year' is missing"
        )
    else:
        year = _int(raw["year"], "year", where, rep, 2000, 2100)
    if name is None or year is None:
        return None
    return CompetitionSpec(name=name, year=year, campaign=campaign)


def _parse_award(raw: Any, where: str, rep: _Report, *, where_is_key: bool = False) -> AwardSpec:
    w = where if where_is_key else f"{where} / award"
    if raw is None:
        return AwardSpec()
    if not isinstance(raw, Mapping):
        rep.error(
            w,
            "bad_structure",
            'award 应为表，例如 {mode = "ratio", first = 10, second = 20, third = 30}',
            'award must be a table, e.g. {mode = "ratio", first = 10, second = 20, third = 30}',
        )
        return AwardSpec()
    _check_keys(raw, _AWARD_KEYS, w, rep)
    mode = cast(AwardMode | None, _alias(raw.get("mode", "ratio"), _AWARD_MODES))
    if mode is None:
        rep.error(
            f"{w} / mode",
            "unknown_award_mode",
            f"未知的奖项设置方式 {raw.get('mode')!r}，可选 ratio（比例）或 count（名额）",
            f"unknown award mode {raw.get('mode')!r}; valid: ratio, count",
        )
        return AwardSpec()
    merit = to_bool(raw.get("merit", False))
    if merit is None:
        rep.error(f"{w} / merit", "not_a_bool", "merit 应为 true/false", "merit must be true/false")
        merit = False
    defaults = AwardSpec()
    tiers: list[Decimal] = []
    for tier in ("first", "second", "third"):
        if mode == "ratio":
            tiers.append(_dec(raw, tier, w, rep, getattr(defaults, tier)))
        elif tier not in raw:
            rep.error(
                f"{w} / {tier}",
                "missing",
                f"按名额设奖时必须给出 {tier}（人数）",
                f"award mode 'count' needs {tier} (a number of people)",
            )
            tiers.append(Decimal(0))
        else:
            n = _int(raw[tier], tier, w, rep, 0, 100_000)
            tiers.append(Decimal(n or 0))
    if mode == "ratio" and sum(tiers) > 100:
        rep.error(
            w,
            "award_ratio_over_100",
            f"一、二、三等奖比例合计 {decimal_text(sum(tiers, Decimal(0)))}%，超过 100%",
            f"award ratios add up to {decimal_text(sum(tiers, Decimal(0)))}%, more than 100%",
        )
    return AwardSpec(mode, tiers[0], tiers[1], tiers[2], merit)


_BAND_OP = re.compile(r"^(<=|>=|<|>)(\d{1,3})岁?$")
_BAND_RANGE = re.compile(r"^(\d{1,3})岁?[-~～至到](\d{1,3})岁?$")


def parse_age_band(text: str) -> AgeBand | None:
    """``"<=35"``, ``">35"``, ``"≥36"``, ``"36-45"`` (optionally with 岁) -> ``AgeBand``.

    ``AgeBand.text`` is the normal form (``<=35``, ``>35``, ``36-45``); None if unreadable.
    """
    t = "".join(unicodedata.normalize("NFKC", text).split()).replace("≤", "<=").replace("≥", ">=")
    m = _BAND_OP.match(t)
    if m:
        op, n = m.group(1), int(m.group(2))
        norm = f"{op}{n}"
        if op == "<=":
            return AgeBand(norm, None, n)
        if op == "<":
            return AgeBand(norm, None, n - 1) if n > 0 else None
        if op == ">=":
            return AgeBand(norm, n, None)
        return AgeBand(norm, n + 1, None)
    m = _BAND_RANGE.match(t)
    if m and int(m.group(1)) <= int(m.group(2)):
        return AgeBand(f"{int(m.group(1))}-{int(m.group(2))}", int(m.group(1)), int(m.group(2)))
    return None


def _parse_ranking(raw: Any, where: str, rep: _Report) -> RankingGroups:
    w = f"{where} / ranking_groups"
    if raw is None:
        return "all"
    if isinstance(raw, str):
        mode = _alias(raw, _RANKING_ALIASES)
        if mode is None:
            rep.error(
                w,
                "bad_ranking_groups",
                f'未知的排名分组 {raw!r}：可选 "all"（全部）、"gender"（按性别）或年龄段列表，'
                '如 ["<=35", ">35"]',
                f'unknown ranking_groups {raw!r}: use "all", "gender" or a list of age bands '
                'such as ["<=35", ">35"]',
            )
            return "all"
        return mode
    if not isinstance(raw, list) or not raw:
        rep.error(
            w,
            "bad_ranking_groups",
            '排名分组应为 "all"、"gender" 或年龄段列表',
            'ranking_groups must be "all", "gender" or a list of age bands',
        )
        return "all"
    bands: list[AgeBand] = []
    for item in raw:
        band = parse_age_band(item) if isinstance(item, str) else None
        if band is None:
            rep.error(
                w,
                "bad_age_band",
                f'无法识别的年龄段 {item!r}（可写 "<=35"、">35"、"36-45"）',
                f'unreadable age band {item!r} (write "<=35", ">35", "36-45")',
            )
            return "all"
        bands.append(band)
    # The bands must cover every age exactly once, or someone would be ranked twice or never.
    ordered = sorted(bands, key=lambda b: b.min_age or 0)
    next_age = 0
    for idx, band in enumerate(ordered):
        lo = band.min_age or 0
        if lo != next_age or (band.max_age is None and idx != len(ordered) - 1):
            gap = lo > next_age
            rep.error(
                w,
                "age_bands_gap" if gap else "age_bands_overlap",
                f"年龄段必须不重叠且覆盖所有年龄：{band.text!r} "
                + (f"之前缺少 {next_age}-{lo - 1} 岁" if gap else "与其他年龄段重叠"),
                f"age bands must not overlap and must cover every age: {band.text!r} "
                + (f"leaves ages {next_age}-{lo - 1} out" if gap else "overlaps another band"),
            )
            return "all"
        if band.max_age is None:
            return tuple(b.text for b in bands)
        next_age = band.max_age + 1
    rep.error(
        w,
        "age_bands_gap",
        f"年龄段没有覆盖 {next_age} 岁及以上",
        f"the age bands leave out ages {next_age} and over",
    )
    return "all"


def _parse_tie_break(raw: Any, where: str, rep: _Report) -> tuple[str, ...]:
    w = f"{where} / tie_break"
    if raw is None:
        return TIE_BREAKS
    if not isinstance(raw, list):
        rep.error(
            w,
            "bad_tie_break",
            'tie_break 应为列表，例如 ["practical", "theory", "completion_time"]',
            'tie_break must be a list, e.g. ["practical", "theory", "completion_time"]',
        )
        return TIE_BREAKS
    out: list[str] = []
    for item in raw:
        key = _alias(item, _TIE_BREAK_ALIASES)
        if key is None:
            rep.error(
                w,
                "unknown_tie_break",
                f"未知的并列排序依据 {item!r}，可选：practical（实操）、theory（理论）、"
                "completion_time（用时）",
                f"unknown tie-break {item!r}; valid: {', '.join(TIE_BREAKS)}",
            )
        elif key in out:
            rep.error(w, "duplicate_tie_break", f"{item!r} 重复", f"{item!r} is listed twice")
        else:
            out.append(key)
    return tuple(out)


def _parse_scheme(
    raw: Any, label: str, base: Path, rep: _Report
) -> tuple[SchemeSpec | None, Path | None]:
    w = f"{label} / scheme"
    if raw is None:
        rep.error(
            w,
            "missing_scheme",
            '缺少评分标准：scheme = "文件名.toml" 或内嵌 [events.scheme] 表',
            'no marking scheme: write scheme = "file.toml" or an inline [events.scheme] table',
        )
        return None, None
    try:
        if isinstance(raw, str):
            path = Path(raw.strip())
            if not path.is_absolute():
                path = base / path
            if not path.is_file():
                rep.error(
                    w,
                    "scheme_file_missing",
                    f"找不到评分标准文件 “{raw}”（按设置文件所在目录查找：{path}）",
                    f"scheme file {raw!r} not found (looked for it relative to the set-up "
                    f"file: {path})",
                )
                return None, None
            return load_scheme(path), path
        if isinstance(raw, Mapping):
            return parse_scheme_dict(raw), None
    except SchemeError as exc:
        for issue in exc.issues:
            inner = f" / {issue.where}" if issue.where else ""
            rep.error(f"{label} / 评分标准{inner}", issue.code, issue.message_zh, issue.message_en)
        return None, None
    rep.error(
        w,
        "bad_scheme",
        "scheme 应为文件路径或内嵌表",
        "scheme must be a file path or an inline table",
    )
    return None, None


def _parse_event(
    raw: Any, i: int, base: Path, competition: CompetitionSpec | None, rep: _Report
) -> EventSpec | None:
    if not isinstance(raw, Mapping):
        rep.error(
            f"events[{i + 1}]", "bad_structure", "竞赛项目必须是一个表", "an event must be a table"
        )
        return None
    raw_name = raw.get("name")
    label = (
        str(raw_name).strip()
        if isinstance(raw_name, str) and raw_name.strip()
        else f"events[{i + 1}]"
    )
    n_errors = len(rep.errors)
    _check_keys(raw, _EVENT_KEYS, label, rep)

    name = _str(raw, "name", label, rep, required=True)
    trade = _str(raw, "trade", label, rep, required=True)
    trade_code = _str(raw, "trade_code", label, rep, required=False)
    if trade_code is not None and not _TRADE_CODE.match(trade_code):
        rep.warn(
            f"{label} / trade_code",
            "unusual_trade_code",
            f"职业编码 “{trade_code}” 不是常见的 6-31-01-03 格式",
            f"occupation code {trade_code!r} is not in the usual 6-31-01-03 form",
        )
    trade_grade = _str(raw, "trade_grade", label, rep, required=False)
    organiser = _str(raw, "organiser", label, rep, required=True)
    venue = _str(raw, "venue", label, rep, required=True)

    level: Level | None = None
    if raw.get("level") is None:
        rep.error(
            f"{label} / level",
            "missing",
            "缺少竞赛级别 level（city 市级 / district 区级 / county 县级 / park 园区 / "
            "industry 行业）",
            "level is missing (city / district / county / park / industry)",
        )
    else:
        level = cast(Level | None, _alias(raw["level"], _LEVEL_ALIASES))
        if level is None:
            rep.error(
                f"{label} / level",
                "unknown_level",
                f"未知的竞赛级别 {raw['level']!r}，可选："
                + "、".join(f"{lv}（{LEVEL_NAMES_ZH[lv]}）" for lv in LEVELS),
                f"unknown level {raw['level']!r}; valid: {', '.join(LEVELS)}",
            )

    district = _str(raw, "district", label, rep, required=False)
    if level is not None and level in LEVELS_NEEDING_DISTRICT and district is None:
        rep.error(
            f"{label} / district",
            "missing_district",
            f"{LEVEL_NAMES_ZH[level]}竞赛必须填写所属县（市）区或园区 district，例如 “五华区”",
            f'a {level}-level event needs its district, e.g. district = "五华区"',
        )
    if district is not None and district not in KUNMING_DISTRICTS:
        rep.warn(
            f"{label} / district",
            "unknown_district",
            f"“{district}” 不在昆明市县（市）区和园区名单中（其他城市使用时可忽略）",
            f"{district!r} is not a Kunming district, county or park (fine for other cities)",
        )

    for key in ("start", "end"):
        if raw.get(key) is None:
            rep.error(
                f"{label} / {key}",
                "missing",
                f"缺少必填字段 “{key}”",
                f"required key {key!r} is missing",
            )
    start = _when(raw.get("start"), "start", label, rep, allow_date=True)
    end = _when(raw.get("end"), "end", label, rep, allow_date=True)
    opens = _when(raw.get("checkin_opens"), "checkin_opens", label, rep, allow_date=False)
    closes = _when(raw.get("checkin_closes"), "checkin_closes", label, rep, allow_date=False)
    assert opens is None or isinstance(opens, datetime)
    assert closes is None or isinstance(closes, datetime)
    _check_dates(label, start, end, opens, closes, competition, rep)

    theory = _dec(raw, "theory_weight", label, rep, Decimal(30))
    practical = _dec(raw, "practical_weight", label, rep, Decimal(70))
    if theory + practical != 100:
        rep.error(
            f"{label} / theory_weight",
            "weights_not_100",
            f"理论权重 {decimal_text(theory)}% 与实操权重 {decimal_text(practical)}% 之和为 "
            f"{decimal_text(theory + practical)}%，应为 100%",
            f"theory_weight {decimal_text(theory)} + practical_weight {decimal_text(practical)} "
            f"= {decimal_text(theory + practical)}, not 100",
        )
    pass_mark = _dec(raw, "pass_mark", label, rep, Decimal(60))
    ranking = _parse_ranking(raw.get("ranking_groups"), label, rep)
    award = _parse_award(raw.get("award"), label, rep)
    tie_break = _parse_tie_break(raw.get("tie_break"), label, rep)
    judges = 5
    if raw.get("judges_per_panel") is not None:
        judges = _int(raw["judges_per_panel"], "judges_per_panel", label, rep, 1, 99) or judges

    scheme, scheme_file = _parse_scheme(raw.get("scheme"), label, base, rep)
    if scheme is not None and scheme.min_judges > judges:
        rules = sorted({a.panel_rule for _c, _s, a in scheme.aspects()})
        rules_zh = "、".join(PANEL_RULE_NAMES_ZH[r] for r in rules)
        rep.error(
            f"{label} / judges_per_panel",
            "too_few_judges",
            f"评分标准（评分方式：{rules_zh}）至少需要 {scheme.min_judges} 名裁判，"
            f"judges_per_panel 却为 {judges}",
            f"the scheme (panel rules: {', '.join(rules)}) needs at least {scheme.min_judges} "
            f"judges per panel but judges_per_panel is {judges}",
        )

    if len(rep.errors) > n_errors:
        return None
    assert name and trade and organiser and venue and level and start and end and scheme
    return EventSpec(
        name=name,
        trade=trade,
        level=level,
        organiser=organiser,
        venue=venue,
        start=start,
        end=end,
        scheme=scheme,
        trade_code=trade_code or "",
        trade_grade=trade_grade or "",
        district=district or "",
        checkin_opens=opens,
        checkin_closes=closes,
        theory_weight=theory,
        practical_weight=practical,
        pass_mark=pass_mark,
        ranking_groups=ranking,
        award=award,
        tie_break=tie_break,
        judges_per_panel=judges,
        scheme_file=scheme_file,
    )


def _check_dates(
    label: str,
    start: date | datetime | None,
    end: date | datetime | None,
    opens: datetime | None,
    closes: datetime | None,
    competition: CompetitionSpec | None,
    rep: _Report,
) -> None:
    def order(a_key: str, a: date | datetime, b_key: str, b: date | datetime) -> None:
        if _moment(a) > _moment(b, end=True):
            rep.error(
                f"{label} / {b_key}",
                "dates_out_of_order",
                f"{b_key}（{b}）早于 {a_key}（{a}）",
                f"{b_key} ({b}) is before {a_key} ({a})",
            )

    if start is not None and end is not None:
        order("start", start, "end", end)
    if opens is not None and closes is not None and _moment(opens) >= _moment(closes):
        rep.error(
            f"{label} / checkin_closes",
            "dates_out_of_order",
            f"检录截止时间（{closes}）不晚于检录开始时间（{opens}）",
            f"checkin_closes ({closes}) is not after checkin_opens ({opens})",
        )
    if end is not None:
        for key, moment in (("checkin_opens", opens), ("checkin_closes", closes)):
            if moment is not None:
                order(key, moment, "end", end)
    if start is not None and competition is not None and start.year != competition.year:
        rep.warn(
            f"{label} / start",
            "year_mismatch",
            f"项目开始日期 {start} 不在竞赛年度 {competition.year} 内",
            f"the event starts on {start}, outside the competition year {competition.year}",
        )


__all__ = [
    "KUNMING_DISTRICTS",
    "LEVELS",
    "MAIN_DISTRICTS",
    "AgeBand",
    "AwardSpec",
    "CompetitionSpec",
    "EventSpec",
    "RankingGroups",
    "SetupError",
    "SetupIssue",
    "SetupSpec",
    "load_setup",
    "parse_age_band",
    "parse_setup_dict",
]
