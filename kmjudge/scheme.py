"""Marking schemes (评分标准): the data model, its validation and its file formats.

Pure core: no database, no Qt. A scheme is criterion (模块) -> sub-criterion (分项) -> aspect
(评分项). Aspect kinds:

- ``M`` measurement (测量/客观): awarded 0..max in a fixed ``step``, or ``all_or_nothing``;
- ``J`` judgement (评价/主观): each judge gives 0-3, mark = max x mean/3;
- ``D`` deduction (扣分): ``max_mark`` is the deduction per occurrence, ``cap`` the most that
  the aspect can take off in total. D aspects do not count towards the 100.

Every number is a ``Decimal`` (TOML and JSON are parsed with ``parse_float=Decimal``; the only
floats are the ones openpyxl hands back from Excel cells, converted through their shortest repr).
Numbers are kept in a canonical form (``2.50`` -> ``2.5``, ``1E+1`` -> ``10``) so that the same
scheme read from TOML, JSON or Excel gives equal ``SchemeSpec`` objects.

Validation collects every problem it finds (``SchemeError.issues``), each with where it is
(an aspect code such as ``A1.2``, or ``行 14`` for an Excel row) and a Chinese and English text.

The Excel reader/writer lives here too (it shares the validation and the row locator); if this
file grows much further, ``_xlsx`` parts are the first candidate to move into their own module.
"""

from __future__ import annotations

import difflib
import io
import json
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, cast

from kmjudge.errors import Issue, ValidationFailed

SCHEMA_VERSION = 1

Kind = Literal["M", "J", "D"]
PanelRule = Literal["mean", "trim1", "trim2", "median"]

KINDS: tuple[str, ...] = ("M", "J", "D")
KIND_NAMES_ZH: dict[str, str] = {"M": "测量", "J": "评价", "D": "扣分"}
PANEL_RULES: tuple[str, ...] = ("mean", "trim1", "trim2", "median")
PANEL_RULE_NAMES_ZH: dict[str, str] = {
    "mean": "平均",
    "trim1": "去掉最高最低",
    "trim2": "去二高二低",
    "median": "中位数",
}
#: The fewest judges a panel rule can work with (dropping 1+1 needs 5, dropping 2+2 needs 7).
PANEL_RULE_MIN_JUDGES: dict[str, int] = {"mean": 1, "trim1": 5, "trim2": 7, "median": 1}

#: Judgement scale: each judge gives 0..3, mark = max x mean / 3.
JUDGEMENT_SCALE_MAX = 3

MAX_DECIMAL_PLACES = 2
_NUMBER_LIMIT = Decimal(1_000_000)
CODE_MAX_LEN = {"criterion": 20, "subcriterion": 20, "aspect": 30}
TITLE_MAX_LEN = {"criterion": 200, "subcriterion": 200, "aspect": 300, "scheme": 200}

_KIND_ALIASES: dict[str, str] = {
    **dict.fromkeys(("m", "measurement", "objective", "测量", "客观", "客观测量"), "M"),
    **dict.fromkeys(("测量(客观)", "测量/客观"), "M"),
    **dict.fromkeys(("j", "judgement", "judgment", "subjective", "评价", "主观", "主观评价"), "J"),
    **dict.fromkeys(("评价(主观)", "评价/主观"), "J"),
    **dict.fromkeys(("d", "deduction", "扣分", "扣分项"), "D"),
}
_PANEL_ALIASES: dict[str, str] = {
    **dict.fromkeys(("mean", "average", "平均", "算术平均", "平均分", "平均值"), "mean"),
    **dict.fromkeys(("trim1", "去掉最高最低", "去一高一低", "去最高最低"), "trim1"),
    **dict.fromkeys(("去掉一个最高一个最低", "去掉一个最高分和一个最低分"), "trim1"),
    **dict.fromkeys(("去掉一个最高分一个最低分",), "trim1"),
    **dict.fromkeys(("trim2", "去二高二低", "去两高两低", "去掉二高二低"), "trim2"),
    **dict.fromkeys(("去掉两个最高两个最低", "去掉两个最高分和两个最低分"), "trim2"),
    **dict.fromkeys(("median", "中位数", "中位值"), "median"),
}
_TRUE_WORDS = {"true", "yes", "y", "1", "是", "√", "✓", "✔", "对", "全有或全无"}
_FALSE_WORDS = {"false", "no", "n", "0", "否", "×", "✗", "不是", "-"}

_FIELD_ZH = {
    "code": "编号",
    "title": "名称",
    "kind": "类型",
    "max_mark": "分值",
    "step": "步长",
    "all_or_nothing": "全有或全无",
    "panel_rule": "评分方式",
    "cap": "扣分上限",
    "description": "说明",
    "judges_min": "最少裁判人数",
    "spread_limit": "评分差异上限",
    "default_panel_rule": "默认评分方式",
}


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class AspectSpec:
    """One marked aspect (评分项)."""

    code: str
    title: str
    kind: Kind
    max_mark: Decimal
    step: Decimal | None = None
    all_or_nothing: bool = False
    panel_rule: PanelRule = "mean"
    cap: Decimal | None = None
    description: str = ""
    judges_min: int | None = None

    @property
    def counts_to_total(self) -> bool:
        """M and J aspects make up the 100; D aspects only subtract."""
        return self.kind in ("M", "J")

    def to_dict(self, default_panel_rule: str | None = None) -> dict[str, Any]:
        """JSON-ready form; ``panel_rule`` is left out when it equals ``default_panel_rule``."""
        out: dict[str, Any] = {
            "code": self.code,
            "title": self.title,
            "kind": self.kind,
            "max_mark": decimal_text(self.max_mark),
        }
        if self.step is not None:
            out["step"] = decimal_text(self.step)
        if self.all_or_nothing:
            out["all_or_nothing"] = True
        if default_panel_rule is None or self.panel_rule != default_panel_rule:
            out["panel_rule"] = self.panel_rule
        if self.cap is not None:
            out["cap"] = decimal_text(self.cap)
        if self.description:
            out["description"] = self.description
        if self.judges_min is not None:
            out["judges_min"] = self.judges_min
        return out


@dataclass(frozen=True)
class SubCriterionSpec:
    """A sub-criterion (分项) holding aspects."""

    code: str
    title: str
    aspects: tuple[AspectSpec, ...]


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion (模块) holding sub-criteria."""

    code: str
    title: str
    subcriteria: tuple[SubCriterionSpec, ...]

    @property
    def total_max(self) -> Decimal:
        """Sum of the M and J max marks in this criterion."""
        return sum(
            (a.max_mark for s in self.subcriteria for a in s.aspects if a.counts_to_total),
            Decimal(0),
        )


@dataclass(frozen=True)
class SchemeSpec:
    """A whole marking scheme, validated (build it with ``parse_scheme_dict``/``load_scheme``)."""

    title: str
    criteria: tuple[CriterionSpec, ...]
    spread_limit: Decimal = Decimal("1")
    default_panel_rule: PanelRule = "mean"

    @property
    def total_max(self) -> Decimal:
        """Sum of the M and J max marks (100 in every valid scheme)."""
        return sum((c.total_max for c in self.criteria), Decimal(0))

    def aspects(self) -> Iterator[tuple[CriterionSpec, SubCriterionSpec, AspectSpec]]:
        """Every aspect in order, with the criterion and sub-criterion it belongs to."""
        for c in self.criteria:
            for s in c.subcriteria:
                for a in s.aspects:
                    yield c, s, a

    def aspect(self, code: str) -> AspectSpec:
        """The aspect with this code (``KeyError`` if none)."""
        for _c, _s, a in self.aspects():
            if a.code == code:
                return a
        raise KeyError(code)

    @property
    def min_judges(self) -> int:
        """The fewest judges per panel this scheme can be marked with."""
        need = 1
        for _c, _s, a in self.aspects():
            need = max(need, PANEL_RULE_MIN_JUDGES.get(a.panel_rule, 1), a.judges_min or 1)
        return need

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (every Decimal as a string); ``from_dict`` reads it back."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "spread_limit": decimal_text(self.spread_limit),
            "default_panel_rule": self.default_panel_rule,
            "criteria": [
                {
                    "code": c.code,
                    "title": c.title,
                    "subcriteria": [
                        {
                            "code": s.code,
                            "title": s.title,
                            "aspects": [a.to_dict() for a in s.aspects],
                        }
                        for s in c.subcriteria
                    ],
                }
                for c in self.criteria
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchemeSpec:
        """Validate and build (same as ``parse_scheme_dict``); raises ``SchemeError``."""
        return parse_scheme_dict(data)


# --------------------------------------------------------------------------- errors


@dataclass
class SchemeIssue(Issue):
    """One problem in a scheme: ``where`` (e.g. ``A1.2`` or ``行 14``), ``code``, zh/en text."""


class SchemeError(ValidationFailed, ValueError):
    """A scheme was refused; ``issues`` lists every problem found, not just the first."""

    code = "scheme_invalid"

    def __init__(self, issues: list[SchemeIssue]) -> None:
        super().__init__(list(issues))
        self.issues: list[SchemeIssue] = list(issues)  # type: ignore[assignment]

    def __str__(self) -> str:
        return "\n".join(_issue_line(i, "en") for i in self.issues)

    def text_zh(self) -> str:
        """Every issue in Chinese, one per line (for the GUI)."""
        return "\n".join(_issue_line(i, "zh") for i in self.issues)


def _issue_line(issue: Issue, lang: str) -> str:
    msg = issue.message_zh if lang == "zh" else issue.message_en
    sep = "：" if lang == "zh" else ": "
    return f"{issue.where}{sep}{msg}" if issue.where else msg


class _Issues:
    def __init__(self) -> None:
        self.items: list[SchemeIssue] = []
        self.dropped = 0  # parts that could not be built (so a total would mislead)

    def add(self, where: str, code: str, zh: str, en: str) -> None:
        self.items.append(SchemeIssue(where, code, zh, en))


# --------------------------------------------------------------------------- value coercion


#: Exponents beyond this are not numbers a marking scheme can hold (and would overflow).
_EXPONENT_LIMIT = 30


def decimal_text(value: Decimal) -> str:
    """Canonical plain text of a Decimal: ``2.5``, ``10``, never ``1E+1``."""
    return format(canonical_decimal(value), "f")


def canonical_decimal(value: Decimal) -> Decimal:
    """``2.50`` -> ``2.5``, ``1E+1`` -> ``10``: equal numbers get equal text.

    NaN, infinities and numbers too large or too small for the decimal context (``1e999999999``
    from a file) are returned as they are: they are refused elsewhere, never canonicalised."""
    if not value.is_finite() or not -_EXPONENT_LIMIT < value.adjusted() < 27:
        return value
    n = value.normalize()
    if n == n.to_integral_value():
        return n.quantize(Decimal(1))
    return n


def decimal_places(value: Decimal) -> int:
    if not value.is_finite() or not -_EXPONENT_LIMIT < value.adjusted() < 27:
        return 0
    exp = value.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def to_decimal(value: Any) -> Decimal | None:
    """Decimal from int/Decimal/str (or a float handed back by Excel); None if not a number.

    Accepts full-width digits and a trailing 分 ("5分"). Never accepts bool, NaN or infinity.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, Decimal):
        d = value
    elif isinstance(value, float):
        # Only Excel cells reach here; repr is the shortest text that round-trips, and a
        # value computed in Excel (0.1+0.2) is cleaned of its binary tail.
        d = Decimal(repr(value))
        if decimal_places(d) > 9:
            d = d.quantize(Decimal("1e-9"))
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
        if text.endswith("分"):
            text = text[:-1]
        if not text:
            return None
        try:
            d = Decimal(text)
        except (InvalidOperation, ValueError):
            return None
    else:
        return None
    # copy_abs, not abs(): abs() rounds in the context and overflows on 1e999999999
    if not d.is_finite() or d.copy_abs() >= _NUMBER_LIMIT:
        return None
    if d and d.adjusted() <= -_EXPONENT_LIMIT:  # 1e-999999999 is not a mark either
        return None
    return canonical_decimal(d)


def to_bool(value: Any) -> bool | None:
    """True/False from bool or yes/no words (是/否, √, true, 1); None if unreadable."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = unicodedata.normalize("NFKC", value).strip().lower()
        if word == "" or word in _FALSE_WORDS:
            return False
        if word in _TRUE_WORDS:
            return True
    return None


def _alias_key(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split()).lower()


def normalise_kind(value: Any) -> Kind | None:
    """``M``/``J``/``D`` from a code, English word or Chinese alias (测量, 评价, 扣分...)."""
    if not isinstance(value, str):
        return None
    return cast(Kind | None, _KIND_ALIASES.get(_alias_key(value)))


def normalise_panel_rule(value: Any) -> PanelRule | None:
    """``mean``/``trim1``/``trim2``/``median`` from the name or a Chinese alias."""
    if not isinstance(value, str):
        return None
    return cast(PanelRule | None, _PANEL_ALIASES.get(_alias_key(value)))


def _text(value: Any) -> str:
    """Stripped text of a scalar ('' for None or a table/list); Excel 3.0 becomes '3'."""
    if value is None or isinstance(value, Mapping | list | tuple):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        d = to_decimal(value)
        return decimal_text(d) if d is not None else str(value)
    if isinstance(value, Decimal):  # 1e999999999 is shown as such, not as a billion digits
        plain = value.is_finite() and -_EXPONENT_LIMIT < value.adjusted() < 27
        return decimal_text(value) if plain else str(value)
    return str(value).strip()


def _code(value: Any) -> str:
    return unicodedata.normalize("NFKC", _text(value)).strip()


def _show(value: Any) -> str:
    text = _text(value) if not isinstance(value, dict | list) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


# --------------------------------------------------------------------------- locating issues


class _Locator:
    """Says where an issue is. For dicts: codes; the Excel reader maps to row numbers."""

    def scheme(self) -> str:
        return "评分标准"

    def setting(self, key: str) -> str:
        return key

    def criterion(self, i: int, code: str) -> str:
        return code or f"模块#{i + 1}"

    def subcriterion(self, i: int, j: int, code: str, crit_code: str) -> str:
        return code or f"{self.criterion(i, crit_code)}/分项#{j + 1}"

    def aspect(self, i: int, j: int, k: int, code: str, sub_code: str, crit_code: str) -> str:
        return code or f"{self.subcriterion(i, j, sub_code, crit_code)}/评分项#{k + 1}"


_TOP_KEYS = ("schema_version", "title", "spread_limit", "default_panel_rule", "criteria")
_CRIT_KEYS = ("code", "title", "subcriteria")
_SUB_KEYS = ("code", "title", "aspects")
_ASPECT_KEYS = (
    "code",
    "title",
    "kind",
    "max_mark",
    "step",
    "all_or_nothing",
    "panel_rule",
    "cap",
    "description",
    "judges_min",
)


def _check_keys(
    data: Mapping[str, Any], allowed: tuple[str, ...], where: str, issues: _Issues
) -> None:
    for key in ("code", "title", "description"):
        if isinstance(data.get(key), Mapping | list | tuple):
            issues.add(
                where,
                "not_text",
                f"{_FIELD_ZH.get(key, key)}应为文字，而不是表或列表",
                f"{key} must be text, not a table or list",
            )
    for key in data:
        if key in allowed:
            continue
        hint = difflib.get_close_matches(str(key), allowed, n=1)
        zh_hint = f"，是否应为 “{hint[0]}”？" if hint else ""
        en_hint = f"; did you mean {hint[0]!r}?" if hint else ""
        issues.add(
            where,
            "unknown_key",
            f"未知字段 “{key}”{zh_hint}（可用字段：{'、'.join(allowed)}）",
            f"unknown key {key!r}{en_hint} (valid keys: {', '.join(allowed)})",
        )


# --------------------------------------------------------------------------- parsing a dict


def parse_scheme_dict(data: Mapping[str, Any]) -> SchemeSpec:
    """Validate a scheme given as nested dicts/lists (TOML/JSON shape) and build it.

    Raises ``SchemeError`` listing every problem found.
    """
    return _parse(data, _Locator(), check_keys=True)


def _parse(data: Any, loc: _Locator, *, check_keys: bool) -> SchemeSpec:
    issues = _Issues()
    if not isinstance(data, Mapping):
        issues.add(
            loc.scheme(),
            "bad_structure",
            "评分标准必须是一个表（键值对），而不是列表或单个值",
            "a scheme must be a table (mapping), not a list or a single value",
        )
        raise SchemeError(issues.items)
    if check_keys:
        _check_keys(data, _TOP_KEYS, loc.scheme(), issues)

    version = data.get("schema_version", SCHEMA_VERSION)
    if (
        isinstance(version, bool)
        or not isinstance(version, int | float | Decimal)
        or (isinstance(version, Decimal) and version.is_snan())  # comparing it would raise
        or version != SCHEMA_VERSION
    ):
        issues.add(
            loc.setting("schema_version"),
            "bad_version",
            f"不支持的格式版本 {_show(version)}（本程序支持 {SCHEMA_VERSION}）",
            f"unsupported schema_version {_show(version)} (this program reads {SCHEMA_VERSION})",
        )

    title = _text(data.get("title"))
    if not title:
        issues.add(
            loc.setting("title"),
            "missing_title",
            "缺少评分标准名称（title / 标题）",
            "the scheme has no title",
        )
    elif len(title) > TITLE_MAX_LEN["scheme"]:
        issues.add(
            loc.setting("title"),
            "too_long",
            f"评分标准名称过长（最多 {TITLE_MAX_LEN['scheme']} 字）",
            f"the scheme title is too long (at most {TITLE_MAX_LEN['scheme']} characters)",
        )

    spread = Decimal(1)
    if data.get("spread_limit") is not None and _text(data.get("spread_limit")) != "":
        got = _number(
            data["spread_limit"], loc.setting("spread_limit"), "spread_limit", issues, positive=True
        )
        if got is not None:
            spread = got

    default_rule: PanelRule = "mean"
    raw_rule = data.get("default_panel_rule")
    if raw_rule is not None and _text(raw_rule) != "":
        rule = _panel_rule(raw_rule, loc.setting("default_panel_rule"), issues)
        default_rule = rule or default_rule

    criteria_raw = data.get("criteria")
    criteria: list[CriterionSpec] = []
    if not isinstance(criteria_raw, list) or not criteria_raw:
        issues.add(
            loc.scheme(),
            "no_criteria",
            "评分标准中没有任何模块（criteria）",
            "the scheme has no criteria",
        )
        criteria_raw = criteria_raw if isinstance(criteria_raw, list) else []

    seen: dict[str, set[str]] = {"criterion": set(), "subcriterion": set(), "aspect": set()}
    for i, c_raw in enumerate(criteria_raw):
        crit = _parse_criterion(c_raw, i, loc, default_rule, seen, issues, check_keys)
        if crit is not None:
            criteria.append(crit)

    spec = SchemeSpec(title, tuple(criteria), spread, default_rule)
    if criteria and not issues.dropped:
        # Reported alongside other problems, so one run shows everything; skipped when an
        # aspect could not be read, since the total would then be wrong for that reason.
        _check_total(spec, loc, issues)
    if issues.items:
        raise SchemeError(issues.items)
    return spec


def _check_total(spec: SchemeSpec, loc: _Locator, issues: _Issues) -> None:
    total = spec.total_max
    if total == 100:
        return
    diff = canonical_decimal(total - 100)
    off_zh = f"多 {decimal_text(diff)} 分" if diff > 0 else f"少 {decimal_text(-diff)} 分"
    off_en = f"{decimal_text(abs(diff))} {'too many' if diff > 0 else 'too few'}"
    issues.add(
        loc.scheme(),
        "total_not_100",
        f"测量和评价评分项分值合计为 {decimal_text(total)} 分，应为 100 分（{off_zh}）",
        f"the M and J max marks add up to {decimal_text(total)}, not 100 ({off_en})",
    )


def _check_code(
    code: str, level: str, where: str, seen: dict[str, set[str]], issues: _Issues
) -> None:
    names = {
        "criterion": ("模块", "criterion"),
        "subcriterion": ("分项", "sub-criterion"),
        "aspect": ("评分项", "aspect"),
    }
    zh, en = names[level]
    if not code:
        issues.add(where, "missing_code", f"{zh}缺少编号", f"{en} has no code")
        return
    if len(code) > CODE_MAX_LEN[level]:
        issues.add(
            where,
            "too_long",
            f"{zh}编号 “{code}” 过长（最多 {CODE_MAX_LEN[level]} 个字符）",
            f"{en} code {code!r} is too long (at most {CODE_MAX_LEN[level]} characters)",
        )
    if code in seen[level]:
        issues.add(
            where,
            "duplicate_code",
            f"{zh}编号 “{code}” 重复（在整个评分标准内必须唯一）",
            f"duplicate {en} code {code!r} (codes must be unique within the scheme)",
        )
    seen[level].add(code)


def _check_title(title: str, level: str, where: str, issues: _Issues) -> None:
    zh, en = {"criterion": ("模块", "criterion"), "subcriterion": ("分项", "sub-criterion")}.get(
        level, ("评分项", "aspect")
    )
    if not title:
        issues.add(where, "missing_title", f"{zh}缺少名称", f"{en} has no title")
    elif len(title) > TITLE_MAX_LEN[level]:
        issues.add(
            where,
            "too_long",
            f"{zh}名称过长（最多 {TITLE_MAX_LEN[level]} 字）",
            f"{en} title is too long (at most {TITLE_MAX_LEN[level]} characters)",
        )


def _parse_criterion(
    raw: Any,
    i: int,
    loc: _Locator,
    default_rule: PanelRule,
    seen: dict[str, set[str]],
    issues: _Issues,
    check_keys: bool,
) -> CriterionSpec | None:
    if not isinstance(raw, Mapping):
        issues.add(
            loc.criterion(i, ""),
            "bad_structure",
            "模块必须是一个表（含 code、title、subcriteria）",
            "a criterion must be a table (with code, title, subcriteria)",
        )
        issues.dropped += 1
        return None
    code = _code(raw.get("code"))
    where = loc.criterion(i, code)
    if check_keys:
        _check_keys(raw, _CRIT_KEYS, where, issues)
    _check_code(code, "criterion", where, seen, issues)
    title = _text(raw.get("title"))
    _check_title(title, "criterion", where, issues)
    subs_raw = raw.get("subcriteria")
    if not isinstance(subs_raw, list) or not subs_raw:
        issues.add(
            where,
            "empty_criterion",
            f"模块 “{code or title}” 下没有分项",
            f"criterion {code or title!r} has no sub-criteria",
        )
        subs_raw = subs_raw if isinstance(subs_raw, list) else []
    subs: list[SubCriterionSpec] = []
    for j, s_raw in enumerate(subs_raw):
        if not isinstance(s_raw, Mapping):
            issues.add(
                loc.subcriterion(i, j, "", code),
                "bad_structure",
                "分项必须是一个表（含 code、title、aspects）",
                "a sub-criterion must be a table (with code, title, aspects)",
            )
            issues.dropped += 1
            continue
        s_code = _code(s_raw.get("code"))
        s_where = loc.subcriterion(i, j, s_code, code)
        if check_keys:
            _check_keys(s_raw, _SUB_KEYS, s_where, issues)
        _check_code(s_code, "subcriterion", s_where, seen, issues)
        s_title = _text(s_raw.get("title"))
        _check_title(s_title, "subcriterion", s_where, issues)
        aspects_raw = s_raw.get("aspects")
        if not isinstance(aspects_raw, list) or not aspects_raw:
            issues.add(
                s_where,
                "empty_subcriterion",
                f"分项 “{s_code or s_title}” 下没有评分项",
                f"sub-criterion {s_code or s_title!r} has no aspects",
            )
            aspects_raw = aspects_raw if isinstance(aspects_raw, list) else []
        aspects: list[AspectSpec] = []
        for k, a_raw in enumerate(aspects_raw):
            aspect = _parse_aspect(
                a_raw, loc, (i, j, k), (code, s_code), default_rule, seen, issues, check_keys
            )
            if aspect is not None:
                aspects.append(aspect)
        subs.append(SubCriterionSpec(s_code, s_title, tuple(aspects)))
    return CriterionSpec(code, title, tuple(subs))


def _number(
    value: Any, where: str, key: str, issues: _Issues, *, positive: bool = False
) -> Decimal | None:
    zh_name = _FIELD_ZH.get(key, key)
    d = to_decimal(value)
    if d is None:
        issues.add(
            where,
            "not_a_number",
            f"{zh_name} “{_show(value)}” 不是有效的数字",
            f"{key} {_show(value)!r} is not a number",
        )
        return None
    if positive and d <= 0:
        issues.add(
            where,
            "not_positive",
            f"{zh_name}必须大于 0（现为 {decimal_text(d)}）",
            f"{key} must be greater than 0 (it is {decimal_text(d)})",
        )
        return None
    if decimal_places(d) > MAX_DECIMAL_PLACES:
        issues.add(
            where,
            "too_many_decimals",
            f"{zh_name} {decimal_text(d)} 最多保留 {MAX_DECIMAL_PLACES} 位小数",
            f"{key} {decimal_text(d)} has more than {MAX_DECIMAL_PLACES} decimal places",
        )
        return None
    return d


def _panel_rule(value: Any, where: str, issues: _Issues) -> PanelRule | None:
    rule = normalise_panel_rule(value)
    if rule is None:
        valid = "、".join(f"{r}（{PANEL_RULE_NAMES_ZH[r]}）" for r in PANEL_RULES)
        issues.add(
            where,
            "unknown_panel_rule",
            f"未知的评分方式 “{_show(value)}”，可选：{valid}",
            f"unknown panel rule {_show(value)!r}; valid: {', '.join(PANEL_RULES)}",
        )
    return rule


def _present(raw: Mapping[str, Any], key: str) -> bool:
    value = raw.get(key)
    return value is not None and _text(value) != ""


def _parse_aspect(
    raw: Any,
    loc: _Locator,
    pos: tuple[int, int, int],
    parents: tuple[str, str],
    default_rule: PanelRule,
    seen: dict[str, set[str]],
    issues: _Issues,
    check_keys: bool,
) -> AspectSpec | None:
    i, j, k = pos
    crit_code, sub_code = parents
    if not isinstance(raw, Mapping):
        issues.add(
            loc.aspect(i, j, k, "", sub_code, crit_code),
            "bad_structure",
            "评分项必须是一个表（含 code、title、kind、max_mark 等）",
            "an aspect must be a table (with code, title, kind, max_mark, ...)",
        )
        issues.dropped += 1
        return None
    code = _code(raw.get("code"))
    where = loc.aspect(i, j, k, code, sub_code, crit_code)
    if check_keys:
        _check_keys(raw, _ASPECT_KEYS, where, issues)
    _check_code(code, "aspect", where, seen, issues)
    title = _text(raw.get("title"))
    _check_title(title, "aspect", where, issues)
    description = _text(raw.get("description"))

    kind_raw = raw.get("kind")
    kind = normalise_kind(kind_raw)
    if kind is None:
        if kind_raw is None or _text(kind_raw) == "":
            issues.add(
                where,
                "missing_kind",
                "缺少类型（测量 M / 评价 J / 扣分 D）",
                "kind is missing (M measurement / J judgement / D deduction)",
            )
        else:
            issues.add(
                where,
                "unknown_kind",
                f"未知的类型 “{_show(kind_raw)}”，可选：M（测量/客观）、J（评价/主观）、D（扣分）",
                f"unknown kind {_show(kind_raw)!r}; valid: M (measurement), J (judgement), "
                "D (deduction)",
            )

    max_mark: Decimal | None = None
    if not _present(raw, "max_mark"):
        issues.add(where, "missing_max", "缺少分值", "max_mark is missing")
    else:
        max_mark = to_decimal(raw["max_mark"])
        if max_mark is not None and max_mark < 0 and kind == "D":
            issues.add(
                where,
                "not_positive",
                f"扣分项的分值填正数（每次扣多少分），现为 {decimal_text(max_mark)}",
                f"a deduction's max_mark is the positive amount taken off per occurrence "
                f"(it is {decimal_text(max_mark)})",
            )
            max_mark = None
        else:
            max_mark = _number(raw["max_mark"], where, "max_mark", issues, positive=True)

    step: Decimal | None = None
    if _present(raw, "step"):
        step = _number(raw["step"], where, "step", issues, positive=True)

    aon_raw = raw.get("all_or_nothing")
    aon = to_bool(aon_raw)
    if aon is None:
        issues.add(
            where,
            "not_a_bool",
            f"全有或全无 “{_show(aon_raw)}” 应填 是/否",
            f"all_or_nothing {_show(aon_raw)!r} must be yes/no (true/false)",
        )
        aon = False

    rule = default_rule
    if _present(raw, "panel_rule"):
        rule = _panel_rule(raw["panel_rule"], where, issues) or default_rule

    cap: Decimal | None = None
    if _present(raw, "cap"):
        cap = _number(raw["cap"], where, "cap", issues, positive=True)

    judges_min: int | None = None
    if _present(raw, "judges_min"):
        jm = to_decimal(raw["judges_min"])
        if jm is None or jm != jm.to_integral_value() or jm < 1 or jm > 99:
            issues.add(
                where,
                "bad_judges_min",
                f"最少裁判人数 “{_show(raw['judges_min'])}” 应为 1 到 99 的整数",
                f"judges_min {_show(raw['judges_min'])!r} must be a whole number from 1 to 99",
            )
        else:
            judges_min = int(jm)
            need = PANEL_RULE_MIN_JUDGES.get(rule, 1)
            if judges_min < need:
                issues.add(
                    where,
                    "too_few_judges",
                    f"评分方式“{PANEL_RULE_NAMES_ZH[rule]}”至少需要 {need} 名裁判，"
                    f"最少裁判人数却为 {judges_min}",
                    f"panel rule {rule!r} needs at least {need} judges but judges_min is "
                    f"{judges_min}",
                )

    if kind == "M":
        if aon and step is not None and max_mark is not None and step == max_mark:
            step = None  # "step = the whole mark" says the same thing as all-or-nothing
        if aon and step is not None:
            issues.add(
                where,
                "step_with_all_or_nothing",
                "全有或全无的评分项不填步长",
                "an all-or-nothing aspect has no step",
            )
        elif not aon and step is None and _present(raw, "step") is False:
            issues.add(
                where,
                "missing_step",
                "测量类评分项需要步长（如 0.5、1），或设为全有或全无",
                "a measurement aspect needs a step (e.g. 0.5 or 1) or all_or_nothing = true",
            )
        elif step is not None and max_mark is not None:
            if step > max_mark:
                issues.add(
                    where,
                    "bad_step",
                    f"步长 {decimal_text(step)} 大于分值 {decimal_text(max_mark)}",
                    f"step {decimal_text(step)} is larger than max_mark {decimal_text(max_mark)}",
                )
            elif max_mark % step != 0:
                issues.add(
                    where,
                    "bad_step",
                    f"步长 {decimal_text(step)} 不能整除分值 {decimal_text(max_mark)}",
                    f"step {decimal_text(step)} does not divide max_mark "
                    f"{decimal_text(max_mark)} exactly",
                )
    elif kind is not None:
        kind_zh = KIND_NAMES_ZH[kind]
        kind_en = "judgement" if kind == "J" else "deduction"
        if step is not None:
            issues.add(
                where,
                "step_not_allowed",
                f"{kind_zh}类评分项不填步长（步长只用于测量类）",
                f"a {kind_en} aspect has no step (steps are for measurement aspects)",
            )
        if aon:
            issues.add(
                where,
                "all_or_nothing_not_m",
                "只有测量类评分项可以设为全有或全无",
                "only measurement (M) aspects can be all-or-nothing",
            )
    if kind == "D":
        if cap is None and not _present(raw, "cap"):
            issues.add(
                where,
                "missing_cap",
                "扣分项需要扣分上限（大于 0）",
                "a deduction aspect needs a cap greater than 0",
            )
        elif cap is not None and max_mark is not None and cap < max_mark:
            issues.add(
                where,
                "cap_below_max",
                f"扣分上限 {decimal_text(cap)} 小于每次扣分 {decimal_text(max_mark)}",
                f"cap {decimal_text(cap)} is smaller than one deduction ({decimal_text(max_mark)})",
            )
    elif kind is not None and _present(raw, "cap"):
        issues.add(
            where,
            "cap_not_allowed",
            "只有扣分项可以填扣分上限",
            "only deduction (D) aspects have a cap",
        )

    if kind is None or max_mark is None:
        issues.dropped += 1
        return None
    return AspectSpec(
        code=code,
        title=title,
        kind=kind,
        max_mark=max_mark,
        step=step if kind == "M" else None,
        all_or_nothing=aon if kind == "M" else False,
        panel_rule=rule,
        cap=cap if kind == "D" else None,
        description=description,
        judges_min=judges_min,
    )


# --------------------------------------------------------------------------- files


def load_scheme(path: str | Path) -> SchemeSpec:
    """Read a scheme from ``.toml``, ``.json`` or ``.xlsx``; raises ``SchemeError`` only."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".toml", ".json", ".xlsx", ".xlsm"):
        raise SchemeError(
            [
                SchemeIssue(
                    str(p.name),
                    "unsupported_format",
                    f"不支持的评分标准文件类型 “{p.suffix}”（可用 .toml、.json、.xlsx）",
                    f"unsupported scheme file type {p.suffix!r} (use .toml, .json or .xlsx)",
                )
            ]
        )
    if not p.is_file():
        raise SchemeError(
            [
                SchemeIssue(
                    str(p),
                    "file_not_found",
                    f"找不到评分标准文件：{p}",
                    f"scheme file not found: {p}",
                )
            ]
        )
    if suffix in (".xlsx", ".xlsm"):
        return _load_xlsx(p)
    data = read_text_data(p, _unreadable)
    return parse_scheme_dict(data)


def _unreadable(path: Path, zh: str, en: str) -> SchemeError:
    return SchemeError([SchemeIssue(path.name, "file_unreadable", zh, en)])


def read_text_data(path: Path, fail: Callable[[Path, str, str], Exception]) -> dict[str, Any]:
    """Parse a TOML or JSON file into dicts with Decimal numbers; ``fail`` builds the error.

    Text is UTF-8 (with or without BOM); GB18030 is tried as well, since Windows editors save
    it. Shared with ``kmjudge.setupfile``.
    """
    from kmjudge import untrusted

    try:
        too_big = untrusted.text_file_problem(path.stat().st_size)
        raw = b"" if too_big else path.read_bytes()
    except OSError as exc:
        raise fail(path, f"无法读取文件：{exc}", f"cannot read the file: {exc}") from exc
    if too_big:
        raise fail(path, *too_big)
    text: str | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise fail(
            path, "文件不是文本文件（无法按 UTF-8 解码）", "the file is not text (not UTF-8)"
        )
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
        except (ValueError, RecursionError) as exc:
            raise fail(path, f"JSON 格式错误：{exc}", f"invalid JSON: {exc}") from exc
    else:
        try:
            data = tomllib.loads(text, parse_float=Decimal)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
            raise fail(path, f"TOML 格式错误：{exc}", f"invalid TOML: {exc}") from exc
    if not isinstance(data, dict):
        raise fail(
            path,
            "文件顶层必须是一个表（键值对）",
            "the top level of the file must be a table (mapping)",
        )
    return data


def _toml_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    return _toml_str(str(value))


def dump_scheme_toml(spec: SchemeSpec) -> str:
    """The scheme as TOML text that ``load_scheme``/``tomllib`` + ``parse_scheme_dict`` read back.

    Numbers are written as TOML numbers (read back exactly, since they are parsed as Decimal);
    an aspect's panel_rule is written only where it differs from ``default_panel_rule``.
    """
    lines = [
        "# 评分标准 marking scheme — kmjudge format, see resources/examples/README.md",
        f"schema_version = {SCHEMA_VERSION}",
        f"title = {_toml_str(spec.title)}",
        f"spread_limit = {decimal_text(spec.spread_limit)}",
        f"default_panel_rule = {_toml_str(spec.default_panel_rule)}",
    ]
    for c in spec.criteria:
        lines += [
            "",
            "[[criteria]]",
            f"code = {_toml_str(c.code)}",
            f"title = {_toml_str(c.title)}",
        ]
        for s in c.subcriteria:
            lines += [
                "",
                "  [[criteria.subcriteria]]",
                f"  code = {_toml_str(s.code)}",
                f"  title = {_toml_str(s.title)}",
            ]
            for a in s.aspects:
                lines += ["", "    [[criteria.subcriteria.aspects]]"]
                values: dict[str, Any] = {
                    "code": a.code,
                    "title": a.title,
                    "kind": a.kind,
                    "max_mark": a.max_mark,
                }
                if a.step is not None:
                    values["step"] = a.step
                if a.all_or_nothing:
                    values["all_or_nothing"] = True
                if a.panel_rule != spec.default_panel_rule:
                    values["panel_rule"] = a.panel_rule
                if a.cap is not None:
                    values["cap"] = a.cap
                if a.judges_min is not None:
                    values["judges_min"] = a.judges_min
                if a.description:
                    values["description"] = a.description
                lines += [f"    {key} = {_toml_value(v)}" for key, v in values.items()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Excel

XLSX_SHEET = "评分标准"
XLSX_SETTINGS_SHEET = "设置"
XLSX_HELP_SHEET = "填写说明"

#: Column order written by ``write_scheme_xlsx``: (field, header).
XLSX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("crit_code", "模块编号"),
    ("crit_title", "模块名称"),
    ("sub_code", "分项编号"),
    ("sub_title", "分项名称"),
    ("code", "评分项编号"),
    ("title", "评分项内容"),
    ("kind", "类型"),
    ("max_mark", "分值"),
    ("step", "步长"),
    ("all_or_nothing", "全有或全无"),
    ("panel_rule", "评分方式"),
    ("cap", "扣分上限"),
    ("description", "说明"),
    ("judges_min", "最少裁判人数"),
)
_XLSX_HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(("模块编号", "模块代码", "模块序号"), "crit_code"),
    **dict.fromkeys(("模块名称", "模块"), "crit_title"),
    **dict.fromkeys(("分项编号", "分项代码", "分项序号"), "sub_code"),
    **dict.fromkeys(("分项名称", "分项"), "sub_title"),
    **dict.fromkeys(("评分项编号", "评分项代码", "评分项序号"), "code"),
    **dict.fromkeys(("评分项内容", "评分项名称", "评分内容", "评分项"), "title"),
    **dict.fromkeys(("类型", "评分类型"), "kind"),
    **dict.fromkeys(("分值", "配分"), "max_mark"),
    **dict.fromkeys(("步长", "给分步长"), "step"),
    **dict.fromkeys(("全有或全无",), "all_or_nothing"),
    **dict.fromkeys(("评分方式", "计分方式"), "panel_rule"),
    **dict.fromkeys(("扣分上限", "最多扣分"), "cap"),
    **dict.fromkeys(("说明", "评分细则", "评分说明", "备注"), "description"),
    **dict.fromkeys(("最少裁判人数", "最少裁判数"), "judges_min"),
}
_XLSX_FIELDS = tuple(f for f, _h in XLSX_COLUMNS)
_XLSX_ASPECT_FIELDS = tuple(f for f, _h in XLSX_COLUMNS if not f.startswith(("crit_", "sub_")))
_XLSX_REQUIRED = ("crit_code", "crit_title", "sub_code", "sub_title", "code", "title", "kind")
_XLSX_SETTING_KEYS: dict[str, str] = {
    **dict.fromkeys(("标题", "名称", "评分标准名称", "评分标准", "title"), "title"),
    **dict.fromkeys(
        ("评分差异上限", "裁判评分差异上限", "分差上限", "spread_limit"), "spread_limit"
    ),
    **dict.fromkeys(("默认评分方式", "default_panel_rule"), "default_panel_rule"),
}
_XLSX_TOTAL_WORDS = {"合计", "总计", "总分", "小计", "合计分"}
_XLSX_NOTE_PREFIXES = (
    "注:",
    "注：",
    "备注",
    "说明:",
    "说明：",
    "裁判长签",
    "裁判员签",
    "签字",
    "签名",
)
_XLSX_HELP: tuple[tuple[str, str], ...] = (
    ("模块编号", "criterion code, e.g. A. 合并单元格或留空表示与上一行相同。"),
    ("模块名称", "criterion title, e.g. 安全文明生产."),
    ("分项编号", "sub-criterion code, e.g. A1. 合并单元格或留空表示与上一行相同。"),
    ("分项名称", "sub-criterion title."),
    ("评分项编号", "aspect code, unique in the whole scheme, e.g. A1.1."),
    ("评分项内容", "aspect title: what is checked."),
    ("类型", "测量 (M, measurement) / 评价 (J, judgement 0-3) / 扣分 (D, deduction)."),
    ("分值", "max mark; 测量+评价 must total 100; for 扣分 the deduction per occurrence."),
    ("步长", "测量 only: marks are given in this step (0.5, 1 ...); must divide 分值."),
    ("全有或全无", "测量 only: 是 = full marks or 0 (no step needed)."),
    ("评分方式", "panel rule: 平均 / 去掉最高最低 (5+ judges) / 去二高二低 (7+) / 中位数."),
    ("扣分上限", "扣分 only: the most this aspect can take off in total."),
    ("说明", "marking guidance shown to judges."),
    ("最少裁判人数", "optional: fewest judges that must score this aspect."),
)


class _XlsxLocator(_Locator):
    def __init__(self, settings_where: dict[str, str], header_row: int) -> None:
        self.settings_where = settings_where
        self.header_row = header_row
        self.crit_rows: dict[int, int] = {}
        self.sub_rows: dict[tuple[int, int], int] = {}
        self.aspect_rows: dict[tuple[int, int, int], int] = {}

    def scheme(self) -> str:
        return "评分标准"

    def setting(self, key: str) -> str:
        return self.settings_where.get(key, f"{XLSX_SETTINGS_SHEET}（{key}）")

    def criterion(self, i: int, code: str) -> str:
        return f"行 {self.crit_rows.get(i, self.header_row)}"

    def subcriterion(self, i: int, j: int, code: str, crit_code: str) -> str:
        return f"行 {self.sub_rows.get((i, j), self.header_row)}"

    def aspect(self, i: int, j: int, k: int, code: str, sub_code: str, crit_code: str) -> str:
        return f"行 {self.aspect_rows.get((i, j, k), self.header_row)}"


def _header_key(value: Any) -> str:
    text = unicodedata.normalize("NFKC", _text(value))
    for ch in " \n\r\t*:：":
        text = text.replace(ch, "")
    # "分值(分)" / "类型（M/J/D）" -> the part before the bracket
    return text.split("(")[0]


def _load_xlsx(path: Path) -> SchemeSpec:
    from kmjudge import untrusted

    try:
        problem = untrusted.text_file_problem(path.stat().st_size)
        data = b"" if problem else path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, f"无法读取文件：{exc}", f"cannot read the file: {exc}") from exc
    problem = problem or untrusted.xlsx_problem(data)
    if problem:  # measured before openpyxl inflates anything (zip bombs)
        raise _unreadable(path, *problem)
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _unreadable(
            path,
            f"无法打开 Excel 文件（文件损坏或不是 .xlsx）：{type(exc).__name__}",
            f"cannot open the Excel file (damaged or not .xlsx): {type(exc).__name__}: {exc}",
        ) from exc
    try:
        return _read_workbook(wb, path)
    finally:
        wb.close()


def _sheet_grid(ws: Any) -> dict[tuple[int, int], Any]:
    """Cell values by (row, col), with every cell of a merged range holding its value."""
    grid: dict[tuple[int, int], Any] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                grid[(cell.row, cell.column)] = cell.value
    for rng in ws.merged_cells.ranges:
        value = grid.get((rng.min_row, rng.min_col))
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if value is None:
                    grid.pop((r, c), None)
                else:
                    grid[(r, c)] = value
    return grid


def _find_header(
    grid: dict[tuple[int, int], Any], max_row: int, max_col: int
) -> tuple[int, dict[str, int]] | None:
    for r in range(1, min(max_row, 30) + 1):
        cols: dict[str, int] = {}
        for c in range(1, max_col + 1):
            key = _XLSX_HEADER_ALIASES.get(_header_key(grid.get((r, c))))
            if key and key not in cols:
                cols[key] = c
        if "code" in cols and "max_mark" in cols and len(cols) >= 5:
            return r, cols
    return None


def _read_settings(
    grid: dict[tuple[int, int], Any],
    rows: range,
    max_col: int,
    where_prefix: str,
    settings: dict[str, Any],
    where: dict[str, str],
) -> list[tuple[int, str]]:
    """Key/value pairs (key cell, value in the next non-empty cell, or "key：value")."""
    leftovers: list[tuple[int, str]] = []
    for r in rows:
        seen_values: set[int] = set()
        for c in range(1, max_col + 1):
            if c in seen_values:
                continue
            text = _text(grid.get((r, c)))
            if not text:
                continue
            key_text, value = text, None
            for sep in ("：", ":"):
                if sep in text:
                    key_text, _, rest = text.partition(sep)
                    value = rest.strip() or None
                    break
            key = _XLSX_SETTING_KEYS.get(_header_key(key_text))
            if key is None:
                leftovers.append((r, text))
                continue
            if value is None:
                for c2 in range(c + 1, max_col + 1):
                    v = grid.get((r, c2))
                    if v is not None and _text(v) != "" and v != grid.get((r, c)):
                        value = v
                        seen_values.add(c2)
                        break
            if value is None:
                leftovers.append((r, text))  # e.g. a title row that reads just "评分标准"
                where.setdefault(key, f"{where_prefix}{r}")
            elif key not in settings:
                settings[key] = value
                where[key] = f"{where_prefix}{r}"
    return leftovers


def _read_workbook(wb: Any, path: Path) -> SchemeSpec:
    settings: dict[str, Any] = {}
    settings_where: dict[str, str] = {}
    if XLSX_SETTINGS_SHEET in wb.sheetnames:
        ws_set = wb[XLSX_SETTINGS_SHEET]
        grid_set = _sheet_grid(ws_set)
        _read_settings(
            grid_set,
            range(1, ws_set.max_row + 1),
            min(ws_set.max_column, 2),
            f"{XLSX_SETTINGS_SHEET} 行 ",
            settings,
            settings_where,
        )

    found: tuple[Any, dict[tuple[int, int], Any], int, dict[str, int]] | None = None
    for ws in wb.worksheets:
        if ws.title in (XLSX_SETTINGS_SHEET, XLSX_HELP_SHEET):
            continue
        grid = _sheet_grid(ws)
        header = _find_header(grid, ws.max_row, ws.max_column)
        if header is not None:
            found = (ws, grid, header[0], header[1])
            break
    if found is None:
        raise _unreadable(
            path,
            "找不到评分标准表头（需要 模块编号、模块名称、分项编号、分项名称、评分项编号、"
            "评分项内容、类型、分值 等列）",
            "no scheme header row found (columns 模块编号, 模块名称, 分项编号, 分项名称, "
            "评分项编号, 评分项内容, 类型, 分值 ...)",
        )
    ws, grid, header_row, cols = found
    issues = _Issues()
    missing = [h for f, h in XLSX_COLUMNS if f in _XLSX_REQUIRED and f not in cols]
    if missing:
        issues.add(
            f"行 {header_row}",
            "missing_column",
            f"表头缺少列：{'、'.join(missing)}",
            f"the header row lacks the column(s): {', '.join(missing)}",
        )
        raise SchemeError(issues.items)

    # Title row(s) and an optional settings area above the header.
    leftovers = _read_settings(
        grid, range(1, header_row), ws.max_column, "行 ", settings, settings_where
    )
    if "title" not in settings and leftovers:
        settings["title"] = leftovers[0][1]
        settings_where["title"] = f"行 {leftovers[0][0]}"

    loc = _XlsxLocator(settings_where, header_row)
    criteria: list[dict[str, Any]] = []
    cur_crit: dict[str, Any] | None = None
    cur_sub: dict[str, Any] | None = None

    def cell(r: int, f: str) -> Any:
        c = cols.get(f)
        return grid.get((r, c)) if c is not None else None

    for r in range(header_row + 1, ws.max_row + 1):
        texts = [_text(grid.get((r, c))) for c in range(1, ws.max_column + 1)]
        non_empty = [t for t in texts if t]
        if not non_empty:
            continue
        first = non_empty[0]
        if any("".join(t.split()) in _XLSX_TOTAL_WORDS for t in non_empty[:6]):
            continue  # a 合计 / 小计 row
        if first.startswith(_XLSX_NOTE_PREFIXES) and not _text(cell(r, "code")):
            continue  # a footnote or signature line below the table
        c_code, c_title = _code(cell(r, "crit_code")), _text(cell(r, "crit_title"))
        s_code, s_title = _code(cell(r, "sub_code")), _text(cell(r, "sub_title"))
        if (c_code and (cur_crit is None or c_code != cur_crit["code"])) or (
            not c_code and c_title and (cur_crit is None or c_title != cur_crit["title"])
        ):
            cur_crit = {"code": c_code, "title": c_title, "subcriteria": []}
            loc.crit_rows[len(criteria)] = r
            criteria.append(cur_crit)
            cur_sub = None
        if cur_crit is not None and (
            (s_code and (cur_sub is None or s_code != cur_sub["code"]))
            or (not s_code and s_title and (cur_sub is None or s_title != cur_sub["title"]))
        ):
            cur_sub = {"code": s_code, "title": s_title, "aspects": []}
            loc.sub_rows[(len(criteria) - 1, len(cur_crit["subcriteria"]))] = r
            cur_crit["subcriteria"].append(cur_sub)
        aspect_fields = ("code", "title", "kind", "max_mark")
        if not any(_text(cell(r, f)) for f in aspect_fields):
            continue  # a heading row for a criterion/sub-criterion, or notes
        if cur_crit is None or cur_sub is None:
            missing_what = "模块" if cur_crit is None else "分项"
            missing_en = "criterion" if cur_crit is None else "sub-criterion"
            issues.add(
                f"行 {r}",
                "missing_parent",
                f"评分项上方没有{missing_what}（请填写{missing_what}编号和名称）",
                f"aspect has no {missing_en} above it (fill in its code and title)",
            )
            continue
        aspect = {f: cell(r, f) for f in _XLSX_ASPECT_FIELDS if f in cols}
        i, j = len(criteria) - 1, len(cur_crit["subcriteria"]) - 1
        loc.aspect_rows[(i, j, len(cur_sub["aspects"]))] = r
        cur_sub["aspects"].append(aspect)

    data: dict[str, Any] = {"criteria": criteria, **settings}
    try:
        spec = _parse(data, loc, check_keys=False)
    except SchemeError as exc:
        raise SchemeError(issues.items + exc.issues) from None
    if issues.items:
        raise SchemeError(issues.items)
    return spec


def write_scheme_xlsx(spec: SchemeSpec | None, path: str | Path) -> None:
    """Write the scheme as an office-style workbook, or a blank template when ``spec`` is None.

    Sheets: 评分标准 (title row, header, one row per aspect, merged 模块/分项 cells, dropdowns
    for 类型/全有或全无/评分方式), 设置 (title, spread limit, default panel rule) and 填写说明.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = XLSX_SHEET
    ncols = len(XLSX_COLUMNS)
    last_col = _col_letter(ncols)

    def put(r: int, c: int, value: Any) -> Any:
        cell = ws.cell(row=r, column=c)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, not a formula
        return cell

    title_cell = put(1, 1, spec.title if spec is not None else None)
    title_cell.font = Font(bold=True, size=14)
    title_cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 28
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for n, (_f, header) in enumerate(XLSX_COLUMNS, start=1):
        h = put(2, n, header)
        h.font = Font(bold=True)
        h.fill = header_fill
        h.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = (9, 16, 9, 18, 11, 40, 7, 7, 7, 10, 13, 9, 40, 10)
    for n, w in enumerate(widths, start=1):
        ws.column_dimensions[_col_letter(n)].width = w
    ws.freeze_panes = "A3"

    r = 3
    if spec is not None:
        wrap = Alignment(vertical="center", wrap_text=True)
        for c in spec.criteria:
            c_start = r
            for s in c.subcriteria:
                s_start = r
                for a in s.aspects:
                    values: dict[str, Any] = {
                        "crit_code": c.code,
                        "crit_title": c.title,
                        "sub_code": s.code,
                        "sub_title": s.title,
                        "code": a.code,
                        "title": a.title,
                        "kind": KIND_NAMES_ZH[a.kind],
                        "max_mark": a.max_mark,
                        "step": a.step,
                        "all_or_nothing": "是" if a.all_or_nothing else None,
                        "panel_rule": PANEL_RULE_NAMES_ZH.get(a.panel_rule, a.panel_rule),
                        "cap": a.cap,
                        "description": a.description or None,
                        "judges_min": a.judges_min,
                    }
                    for col, (f, _h) in enumerate(XLSX_COLUMNS, start=1):
                        put(r, col, values[f]).alignment = wrap
                    r += 1
                if r - s_start > 1:
                    for col in (3, 4):
                        ws.merge_cells(
                            start_row=s_start, start_column=col, end_row=r - 1, end_column=col
                        )
            if r - c_start > 1:
                for col in (1, 2):
                    ws.merge_cells(
                        start_row=c_start, start_column=col, end_row=r - 1, end_column=col
                    )
        put(r, 1, "合计").font = Font(bold=True)
        put(r, _XLSX_FIELDS.index("max_mark") + 1, spec.total_max).font = Font(bold=True)
    last_row = max(r + 200, 500)

    for col_field, options in (
        ("kind", "测量,评价,扣分"),
        ("all_or_nothing", "是,否"),
        ("panel_rule", ",".join(PANEL_RULE_NAMES_ZH[p] for p in PANEL_RULES)),
    ):
        letter = _col_letter(_XLSX_FIELDS.index(col_field) + 1)
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.error = f"请从下拉列表中选择：{options}"
        dv.errorTitle = "输入无效"
        ws.add_data_validation(dv)
        dv.add(f"{letter}3:{letter}{last_row}")

    st = wb.create_sheet(XLSX_SETTINGS_SHEET)
    st.append(["设置项", "值", "说明"])
    st.append(
        [
            "标题",
            spec.title if spec is not None else None,
            "评分标准名称（也可写在评分标准表第 1 行） scheme title",
        ]
    )
    st.append(
        [
            "评分差异上限",
            spec.spread_limit if spec is not None else Decimal(1),
            "评价类裁判打分差异超过此值将被标记 judgement spread limit",
        ]
    )
    st.append(
        [
            "默认评分方式",
            PANEL_RULE_NAMES_ZH[spec.default_panel_rule if spec is not None else "mean"],
            "评分方式列留空时使用 default panel rule",
        ]
    )
    for cell in st[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    st.column_dimensions["A"].width = 16
    st.column_dimensions["B"].width = 40
    st.column_dimensions["C"].width = 50
    dv_rule = DataValidation(
        type="list",
        formula1='"' + ",".join(PANEL_RULE_NAMES_ZH[p] for p in PANEL_RULES) + '"',
        allow_blank=True,
    )
    st.add_data_validation(dv_rule)
    dv_rule.add("B4")

    helpws = wb.create_sheet(XLSX_HELP_SHEET)
    helpws.append(["列 column", "含义 meaning"])
    for header, meaning in _XLSX_HELP:
        helpws.append([header, meaning])
    helpws.append([])
    helpws.append(["规则", "测量和评价评分项分值合计必须为 100 分；扣分项不计入 100 分。"])
    helpws.append(["", "评价类：每位裁判打 0-3 分，得分 = 分值 × 平均分 / 3。"])
    helpws.append(["", "表下方的 合计 行、以 注： 开头的说明行会被忽略。"])
    for cell in helpws[1]:
        cell.font = Font(bold=True)
    helpws.column_dimensions["A"].width = 16
    helpws.column_dimensions["B"].width = 90

    from kmjudge.fileio import atomic_output  # a pulled stick leaves no half-written template

    with atomic_output(path) as tmp:
        wb.save(tmp)


def _col_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))


__all__ = [
    "KINDS",
    "PANEL_RULES",
    "PANEL_RULE_MIN_JUDGES",
    "AspectSpec",
    "CriterionSpec",
    "SchemeError",
    "SchemeIssue",
    "SchemeSpec",
    "SubCriterionSpec",
    "dump_scheme_toml",
    "load_scheme",
    "parse_scheme_dict",
    "write_scheme_xlsx",
]
