"""Marking schemes (kmjudge.scheme): reading, validating and writing TOML, JSON and Excel."""

from __future__ import annotations

import contextlib
import copy
import json
import random
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmjudge.scheme import (
    PANEL_RULE_MIN_JUDGES,
    PANEL_RULES,
    AspectSpec,
    SchemeError,
    SchemeSpec,
    dump_scheme_toml,
    load_scheme,
    parse_scheme_dict,
    write_scheme_xlsx,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def small_scheme() -> dict[str, Any]:
    """A valid scheme: M 60 (step 0.5) + M 10 (all-or-nothing) + J 30, and one deduction."""
    return {
        "title": "测试评分标准",
        "criteria": [
            {
                "code": "A",
                "title": "模块一",
                "subcriteria": [
                    {
                        "code": "A1",
                        "title": "分项一",
                        "aspects": [
                            {
                                "code": "A1.1",
                                "title": "尺寸",
                                "kind": "M",
                                "max_mark": 60,
                                "step": "0.5",
                            },
                            {
                                "code": "A1.2",
                                "title": "通电",
                                "kind": "M",
                                "max_mark": 10,
                                "all_or_nothing": True,
                            },
                            {"code": "A1.3", "title": "工艺", "kind": "J", "max_mark": 30},
                            {
                                "code": "A1.4",
                                "title": "安全违规",
                                "kind": "D",
                                "max_mark": 5,
                                "cap": 10,
                            },
                        ],
                    }
                ],
            }
        ],
    }


def aspect_dict(data: dict[str, Any], code: str) -> dict[str, Any]:
    for c in data["criteria"]:
        for s in c["subcriteria"]:
            for a in s["aspects"]:
                if a["code"] == code:
                    return a  # type: ignore[no-any-return]
    raise KeyError(code)


def issues_of(data: dict[str, Any]) -> list[Any]:
    with pytest.raises(SchemeError) as info:
        parse_scheme_dict(data)
    return info.value.issues


def codes_of(data: dict[str, Any]) -> set[str]:
    return {i.code for i in issues_of(data)}


# --------------------------------------------------------------------------- examples


def test_example_scheme_loads_equal_from_toml_json_and_xlsx() -> None:
    """The shipped 电工 scheme is the same SchemeSpec whichever of the three files is read."""
    from_toml = load_scheme(EXAMPLES / "scheme-electrician.toml")
    from_json = load_scheme(EXAMPLES / "scheme-electrician.json")
    from_xlsx = load_scheme(EXAMPLES / "scheme-electrician.xlsx")
    assert from_toml == from_json == from_xlsx
    assert from_toml.total_max == Decimal(100)


def test_example_scheme_is_a_realistic_electrician_scheme() -> None:
    """3 criteria, 2-3 sub-criteria each, 15-25 aspects mixing stepped/all-or-nothing M, J, D."""
    spec = load_scheme(EXAMPLES / "scheme-electrician.toml")
    assert [c.code for c in spec.criteria] == ["A", "B", "C"]
    assert all(2 <= len(c.subcriteria) <= 3 for c in spec.criteria)
    aspects = [a for _c, _s, a in spec.aspects()]
    assert 15 <= len(aspects) <= 25
    steps = {a.step for a in aspects if a.kind == "M" and a.step is not None}
    assert {Decimal("0.5"), Decimal(1)} <= steps
    assert any(a.all_or_nothing for a in aspects)
    assert any(a.kind == "J" for a in aspects)
    deductions = [a for a in aspects if a.kind == "D"]
    assert 1 <= len(deductions) <= 2 and all(a.cap and a.cap > 0 for a in deductions)


def test_example_json_is_exactly_what_to_dict_writes() -> None:
    """scheme-electrician.json is up to date with the TOML source (scripts/make_examples.py)."""
    spec = load_scheme(EXAMPLES / "scheme-electrician.toml")
    on_disk = json.loads((EXAMPLES / "scheme-electrician.json").read_text(encoding="utf-8"))
    assert on_disk == spec.to_dict()


def test_template_has_dropdowns_for_kind_and_panel_rule_and_loads_as_a_clear_error() -> None:
    """The blank template offers 类型/评分方式 dropdowns; loading it unfilled is a SchemeError."""
    wb = openpyxl.load_workbook(EXAMPLES / "scheme-template.xlsx")
    ws = wb["评分标准"]
    headers = [c.value for c in ws[2]]
    formulas = {
        str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation
    }
    kind_col = "ABCDEFGHIJKLMN"[headers.index("类型")]
    rule_col = "ABCDEFGHIJKLMN"[headers.index("评分方式")]
    assert formulas[kind_col] == '"测量,评价,扣分"'
    assert "去掉最高最低" in formulas[rule_col] and "中位数" in formulas[rule_col]
    assert "填写说明" in wb.sheetnames and "设置" in wb.sheetnames
    with pytest.raises(SchemeError) as info:
        load_scheme(EXAMPLES / "scheme-template.xlsx")
    assert {"missing_title", "no_criteria"} <= {i.code for i in info.value.issues}


# --------------------------------------------------------------------------- totals


def test_small_scheme_is_valid_and_deductions_do_not_count_towards_100() -> None:
    """M 60 + M 10 + J 30 = 100 passes; the D aspect (5, cap 10) is not part of the total."""
    spec = parse_scheme_dict(small_scheme())
    assert spec.total_max == Decimal(100)
    d = spec.aspect("A1.4")
    assert (d.kind, d.max_mark, d.cap, d.counts_to_total) == ("D", Decimal(5), Decimal(10), False)


def test_total_under_100_is_refused_saying_the_total_and_how_much_is_missing() -> None:
    """A scheme totalling 98.5 is refused with '98.5' and '1.5' (少 1.5 分) in the message."""
    data = small_scheme()
    aspect_dict(data, "A1.1")["max_mark"] = "58.5"
    (issue,) = issues_of(data)
    assert issue.code == "total_not_100"
    assert "98.5" in issue.message_en and "1.5 too few" in issue.message_en
    assert "98.5" in issue.message_zh and "少 1.5 分" in issue.message_zh


def test_total_over_100_is_refused_saying_how_much_too_many() -> None:
    """A scheme totalling 102 is refused: 多 2 分 / 2 too many."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["max_mark"] = 32
    (issue,) = issues_of(data)
    assert issue.code == "total_not_100"
    assert "102" in issue.message_en and "2 too many" in issue.message_en
    assert "多 2 分" in issue.message_zh


# --------------------------------------------------------------------------- aspects


@pytest.mark.parametrize(
    ("max_mark", "step", "ok"),
    [
        ("2.5", "0.5", True),
        ("60", "0.5", True),
        ("60", "0.25", True),
        ("60", "7", False),
        ("60", "0.35", False),
    ],
)
def test_measurement_step_must_divide_the_max_exactly(max_mark: str, step: str, ok: bool) -> None:
    """0.5 into 2.5 is fine; 7 into 60 or 0.35 into 60 is refused as bad_step."""
    data = small_scheme()
    a = aspect_dict(data, "A1.1")
    a["step"] = step
    if max_mark != "60":
        a["max_mark"] = max_mark
        aspect_dict(data, "A1.3")["max_mark"] = str(Decimal(30) + Decimal(60) - Decimal(max_mark))
    if ok:
        assert parse_scheme_dict(data).aspect("A1.1").step == Decimal(step)
    else:
        (issue,) = issues_of(data)
        assert issue.code == "bad_step" and issue.where == "A1.1"
        assert step in issue.message_en


def test_step_of_0_3_into_1_is_refused() -> None:
    """The brief's example: a step of 0.3 does not divide a max of 1."""
    data = small_scheme()
    aspect_dict(data, "A1.1").update(max_mark=1, step="0.3")
    aspect_dict(data, "A1.3")["max_mark"] = 89
    (issue,) = issues_of(data)
    assert issue.code == "bad_step" and "0.3" in issue.message_zh and "不能整除" in issue.message_zh


def test_step_larger_than_max_and_zero_step_are_refused() -> None:
    """A step above the max, or a step of 0, is reported."""
    data = small_scheme()
    aspect_dict(data, "A1.1")["step"] = 61
    assert "bad_step" in codes_of(data)
    aspect_dict(data, "A1.1")["step"] = 0
    assert "not_positive" in codes_of(data)


def test_measurement_needs_a_step_or_all_or_nothing() -> None:
    """An M aspect with neither a step nor all_or_nothing is refused (missing_step)."""
    data = small_scheme()
    del aspect_dict(data, "A1.1")["step"]
    assert codes_of(data) == {"missing_step"}


def test_all_or_nothing_only_for_measurement_and_not_with_a_step() -> None:
    """all_or_nothing on J is refused; on M together with a smaller step too; step = max is OK."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["all_or_nothing"] = True
    assert codes_of(data) == {"all_or_nothing_not_m"}
    data = small_scheme()
    aspect_dict(data, "A1.2")["step"] = 5
    assert codes_of(data) == {"step_with_all_or_nothing"}
    data = small_scheme()
    aspect_dict(data, "A1.2")["step"] = 10
    aspect = parse_scheme_dict(data).aspect("A1.2")
    assert aspect.all_or_nothing and aspect.step is None


def test_judgement_has_no_step() -> None:
    """A J aspect with a step is refused (steps are for measurement)."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["step"] = 1
    (issue,) = issues_of(data)
    assert issue.code == "step_not_allowed" and issue.where == "A1.3"


def test_deduction_without_cap_is_refused() -> None:
    """A D aspect needs a cap > 0; a cap of 0 or a missing cap are both reported."""
    data = small_scheme()
    del aspect_dict(data, "A1.4")["cap"]
    (issue,) = issues_of(data)
    assert issue.code == "missing_cap" and issue.where == "A1.4"
    aspect_dict(data, "A1.4")["cap"] = 0
    assert codes_of(data) == {"not_positive"}


def test_cap_below_one_deduction_and_cap_on_non_deduction_are_refused() -> None:
    """cap 3 for a deduction of 5 is refused; a cap on an M aspect is refused."""
    data = small_scheme()
    aspect_dict(data, "A1.4")["cap"] = 3
    assert codes_of(data) == {"cap_below_max"}
    data = small_scheme()
    aspect_dict(data, "A1.1")["cap"] = 3
    assert codes_of(data) == {"cap_not_allowed"}


def test_negative_deduction_is_explained_as_write_it_positive() -> None:
    """Offices write -5 for a deduction: the message says to write the positive amount."""
    data = small_scheme()
    aspect_dict(data, "A1.4")["max_mark"] = -5
    (issue,) = issues_of(data)
    assert issue.code == "not_positive" and "正数" in issue.message_zh


def test_max_mark_must_be_positive_and_have_at_most_two_decimals() -> None:
    """max_mark 0 and max_mark 1.005 are refused."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["max_mark"] = 0
    assert "not_positive" in codes_of(data)
    aspect_dict(data, "A1.3")["max_mark"] = "1.005"
    assert "too_many_decimals" in codes_of(data)


def test_unknown_panel_rule_is_refused_listing_the_valid_ones() -> None:
    """panel_rule 'olympic' is refused and the message names mean, trim1, trim2, median."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["panel_rule"] = "olympic"
    (issue,) = issues_of(data)
    assert issue.code == "unknown_panel_rule" and issue.where == "A1.3"
    for rule in PANEL_RULES:
        assert rule in issue.message_en
    assert "去掉最高最低" in issue.message_zh


def test_unknown_kind_is_refused_listing_the_valid_ones() -> None:
    """kind 'X' is refused and the message lists M, J and D with their Chinese names."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["kind"] = "X"
    (issue,) = issues_of(data)
    assert issue.code == "unknown_kind"
    assert all(k in issue.message_en for k in ("M", "J", "D"))
    assert all(k in issue.message_zh for k in ("测量", "评价", "扣分"))


@pytest.mark.parametrize(
    ("alias", "kind"),
    [("测量", "M"), ("客观", "M"), ("评价", "J"), ("主观", "J"), ("m", "M"), (" J ", "J")],
)
def test_chinese_kind_aliases_are_accepted(alias: str, kind: str) -> None:
    """测量/客观 -> M, 评价/主观 -> J (and lower case, stray spaces)."""
    data = small_scheme()
    a = aspect_dict(data, "A1.3" if kind == "J" else "A1.1")
    a["kind"] = alias
    assert parse_scheme_dict(data).aspect(a["code"]).kind == kind


def test_chinese_deduction_alias_is_accepted() -> None:
    """扣分 -> D."""
    data = small_scheme()
    aspect_dict(data, "A1.4")["kind"] = "扣分"
    assert parse_scheme_dict(data).aspect("A1.4").kind == "D"


@pytest.mark.parametrize(
    ("alias", "rule"),
    [
        ("平均", "mean"),
        ("算术平均", "mean"),
        ("去掉最高最低", "trim1"),
        ("去一高一低", "trim1"),
        ("去二高二低", "trim2"),
        ("中位数", "median"),
        ("TRIM1", "trim1"),
    ],
)
def test_chinese_panel_rule_aliases_are_accepted(alias: str, rule: str) -> None:
    """平均/算术平均 -> mean, 去掉最高最低/去一高一低 -> trim1, 去二高二低 -> trim2, 中位数."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["panel_rule"] = alias
    data["default_panel_rule"] = alias
    spec = parse_scheme_dict(data)
    assert spec.aspect("A1.3").panel_rule == rule and spec.default_panel_rule == rule


def test_default_panel_rule_applies_to_aspects_without_their_own() -> None:
    """default_panel_rule = 中位数 gives median to every aspect that names no rule."""
    data = small_scheme()
    data["default_panel_rule"] = "中位数"
    aspect_dict(data, "A1.3")["panel_rule"] = "trim1"
    spec = parse_scheme_dict(data)
    assert spec.aspect("A1.1").panel_rule == "median"
    assert spec.aspect("A1.3").panel_rule == "trim1"
    assert spec.min_judges == PANEL_RULE_MIN_JUDGES["trim1"] == 5


def test_judges_min_below_what_the_panel_rule_needs_is_refused() -> None:
    """trim1 with judges_min 3 (needs 5) and trim2 with 6 (needs 7) are refused."""
    data = small_scheme()
    aspect_dict(data, "A1.3").update(panel_rule="trim1", judges_min=3)
    assert codes_of(data) == {"too_few_judges"}
    aspect_dict(data, "A1.3").update(panel_rule="trim2", judges_min=6)
    assert codes_of(data) == {"too_few_judges"}
    aspect_dict(data, "A1.3").update(panel_rule="trim2", judges_min=7)
    assert parse_scheme_dict(data).aspect("A1.3").judges_min == 7


def test_text_that_is_not_a_number_is_reported_with_where() -> None:
    """max_mark '五' is not_a_number at A1.3, quoting the value."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["max_mark"] = "五"
    (issue,) = issues_of(data)
    assert (issue.code, issue.where) == ("not_a_number", "A1.3")
    assert "五" in issue.message_zh and "五" in issue.message_en


def test_numbers_are_decimals_and_floats_never_appear() -> None:
    """'0.1'-style text and full-width digits become exact Decimals; '5分' is read as 5."""
    data = small_scheme()
    aspect_dict(data, "A1.1").update(max_mark="６０", step="0.10")
    aspect_dict(data, "A1.4")["max_mark"] = "5分"
    spec = parse_scheme_dict(data)
    a = spec.aspect("A1.1")
    assert a.step == Decimal("0.1") and str(a.step) == "0.1"
    assert a.max_mark == Decimal(60) and isinstance(a.max_mark, Decimal)
    assert spec.aspect("A1.4").max_mark == Decimal(5)
    for _c, _s, asp in spec.aspects():
        for value in (asp.max_mark, asp.step, asp.cap):
            assert value is None or isinstance(value, Decimal)


def test_booleans_are_not_numbers() -> None:
    """max_mark = true is refused rather than read as 1."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["max_mark"] = True
    assert "not_a_number" in codes_of(data)


def test_duplicate_codes_are_refused() -> None:
    """Two aspects with code A1.2 (and two criteria 'A') are both reported."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["code"] = "A1.2"
    data["criteria"].append(copy.deepcopy(data["criteria"][0]))
    issues = issues_of(data)
    dups = [i for i in issues if i.code == "duplicate_code"]
    assert any("A1.2" in i.message_en and "aspect" in i.message_en for i in dups)
    assert any("'A'" in i.message_en and "criterion" in i.message_en for i in dups)


def test_empty_criterion_and_empty_subcriterion_are_refused() -> None:
    """A criterion without sub-criteria and a sub-criterion without aspects are reported."""
    data = small_scheme()
    data["criteria"].append({"code": "B", "title": "空模块", "subcriteria": []})
    data["criteria"][0]["subcriteria"].append({"code": "A2", "title": "空分项", "aspects": []})
    issues = issues_of(data)
    assert {(i.code, i.where) for i in issues} >= {
        ("empty_criterion", "B"),
        ("empty_subcriterion", "A2"),
    }


def test_codes_and_titles_are_required() -> None:
    """A missing aspect code, a blank criterion title and a missing scheme title are reported."""
    data = small_scheme()
    del aspect_dict(data, "A1.3")["code"]
    data["criteria"][0]["title"] = "  "
    del data["title"]
    codes = {(i.code, i.where) for i in issues_of(data)}
    assert ("missing_code", "A1/评分项#3") in codes
    assert ("missing_title", "A") in codes
    assert ("missing_title", "title") in codes


def test_spread_limit_must_be_positive() -> None:
    """spread_limit 0 and -1 are refused; 1.5 is kept."""
    data = small_scheme()
    data["spread_limit"] = 0
    assert codes_of(data) == {"not_positive"}
    data["spread_limit"] = "-1"
    assert codes_of(data) == {"not_positive"}
    data["spread_limit"] = "1.5"
    assert parse_scheme_dict(data).spread_limit == Decimal("1.5")


def test_unknown_keys_are_reported_with_a_suggestion() -> None:
    """A typo 'all_or_nothin' is not silently ignored; the message suggests the right key."""
    data = small_scheme()
    aspect_dict(data, "A1.2")["all_or_nothin"] = True
    issues = issues_of(data)
    unknown = [i for i in issues if i.code == "unknown_key"]
    assert unknown and "all_or_nothing" in unknown[0].message_en
    assert unknown[0].where == "A1.2"


def test_every_problem_is_reported_at_once() -> None:
    """Four independent mistakes give four issues in one SchemeError, not just the first."""
    data = small_scheme()
    aspect_dict(data, "A1.1")["step"] = "7"
    aspect_dict(data, "A1.3")["panel_rule"] = "olympic"
    del aspect_dict(data, "A1.4")["cap"]
    data["spread_limit"] = 0
    assert codes_of(data) == {"bad_step", "unknown_panel_rule", "missing_cap", "not_positive"}


def test_wrong_shapes_are_scheme_errors_not_crashes() -> None:
    """criteria as a string, aspects as numbers, a list at the top: SchemeError each time."""
    for bad in (
        [],
        {"title": "x", "criteria": "A"},
        {"title": "x", "criteria": [1, 2]},
        {"title": "x", "criteria": [{"code": "A", "title": "t", "subcriteria": [{"aspects": 3}]}]},
        {"title": ["x"], "criteria": [{"code": {"a": 1}, "subcriteria": [None]}]},
    ):
        with pytest.raises(SchemeError):
            parse_scheme_dict(bad)  # type: ignore[arg-type]


def test_scheme_error_str_joins_english_and_text_zh_joins_chinese() -> None:
    """str(SchemeError) is the English messages with where; text_zh() is the Chinese ones."""
    data = small_scheme()
    aspect_dict(data, "A1.1")["step"] = "7"
    aspect_dict(data, "A1.3")["panel_rule"] = "olympic"
    with pytest.raises(SchemeError) as info:
        parse_scheme_dict(data)
    err = info.value
    assert isinstance(err, ValueError)
    lines = str(err).splitlines()
    assert len(lines) == 2 and lines[0].startswith("A1.1: ") and "olympic" in lines[1]
    assert "不能整除" in err.text_zh()


# --------------------------------------------------------------------------- files


def test_load_scheme_reads_toml_numbers_as_exact_decimals(tmp_path: Path) -> None:
    """A TOML float 0.1 is read as Decimal('0.1'), not 0.1000000000000000055..."""
    text = dump_scheme_toml(parse_scheme_dict(small_scheme())).replace("step = 0.5", "step = 0.1")
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    assert load_scheme(path).aspect("A1.1").step == Decimal("0.1")


def test_load_scheme_accepts_utf8_bom_and_gb18030_toml(tmp_path: Path) -> None:
    """Files saved by Windows Notepad (BOM) or in GB18030 still load."""
    text = dump_scheme_toml(parse_scheme_dict(small_scheme()))
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(text.encode("gb18030"))
    assert load_scheme(bom) == load_scheme(gbk) == parse_scheme_dict(small_scheme())


def test_missing_file_and_unsupported_type_are_scheme_errors(tmp_path: Path) -> None:
    """A path that does not exist and a .csv file give SchemeError with clear codes."""
    with pytest.raises(SchemeError) as info:
        load_scheme(tmp_path / "nope.toml")
    assert info.value.issues[0].code == "file_not_found"
    (tmp_path / "s.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(SchemeError) as info:
        load_scheme(tmp_path / "s.csv")
    assert info.value.issues[0].code == "unsupported_format"


def _garbage_files(tmp_path: Path) -> list[Path]:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    out: list[Path] = []
    for suffix in (".toml", ".json", ".xlsx"):
        for i, content in enumerate(
            [
                junk,
                b"",
                b"\x00\x01\x02",
                b"PK\x03\x04" + junk[:500],
                b"title = [1, 2\n",
                b"[" * 50_000,
                b'{"title": NaN, "criteria": Infinity}',
                b"[1, 2, 3]",
            ]
        ):
            p = tmp_path / f"junk{i}{suffix}"
            p.write_bytes(content)
            out.append(p)
    # A real zip that is not a workbook, and a workbook with no scheme in it.
    z = tmp_path / "notbook.xlsx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "hi")
    out.append(z)
    wb = openpyxl.Workbook()
    wb.active["A1"] = "just some notes"  # type: ignore[index]
    other = tmp_path / "other.xlsx"
    wb.save(other)
    out.append(other)
    return out


def test_garbage_files_raise_scheme_error_and_nothing_else(tmp_path: Path) -> None:
    """Binary junk, truncated zips, deep nesting, NaN, lists: always SchemeError."""
    for path in _garbage_files(tmp_path):
        with pytest.raises(SchemeError):
            load_scheme(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".toml", ".json", ".xlsx"]))
def test_random_bytes_raise_scheme_error_only(tmp_path: Path, data: bytes, suffix: str) -> None:
    """Whatever bytes a file holds, load_scheme either returns a scheme or raises SchemeError."""
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(SchemeError):
        load_scheme(path)


scheme_keys = st.sampled_from(
    ["title", "criteria", "subcriteria", "aspects", "code", "kind", "max_mark", "step", "cap"]
)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.decimals(),
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(scheme_keys, kids, max_size=5),
        max_leaves=25,
    )
)
def test_arbitrary_nested_data_raises_scheme_error_only(data: Any) -> None:
    """Random dict/list/scalar trees with scheme-like keys never crash parse_scheme_dict."""
    with contextlib.suppress(SchemeError):
        parse_scheme_dict(data)


# --------------------------------------------------------------------------- Excel


OFFICE_HEADER = [
    "模块编号",
    "模块名称",
    "分项编号",
    "分项名称",
    "评分项编号",
    "评分项内容",
    "类型",
    "分值",
    "步长",
    "全有或全无",
    "评分方式",
    "扣分上限",
    "说明",
]


def office_workbook(rows: list[list[Any]], *, settings_sheet: bool = True) -> openpyxl.Workbook:
    """A workbook laid out the way offices keep it: title row 1, header row 2, data from row 3."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws["A1"] = "2026年电工竞赛实操评分标准"
    ws.merge_cells("A1:M1")
    ws.append(OFFICE_HEADER)
    for row in rows:
        ws.append(row)
    if settings_sheet:
        st_ = wb.create_sheet("设置")
        st_.append(["评分差异上限", 1.5])
    return wb


OFFICE_ROWS: list[list[Any]] = [
    # row 3: A / A1, merged 模块 A3:A6 and B3:B6
    [
        "A",
        "安全文明",
        "A1",
        "防护",
        "A1.1",
        "穿戴防护用品",
        "测量",
        10,
        None,
        "是",
        None,
        None,
        None,
    ],
    [None, None, None, None, "A1.2", "工位整洁", "测量", 10, 0.5, None, "平均", None, None],
    # row 5: 分项 A2 -- 分项 columns left blank below it (blank means same as above)
    [
        None,
        None,
        "A2",
        "违规",
        "A2.1",
        "违反安全规程",
        "扣分",
        5,
        None,
        None,
        None,
        10,
        "每次扣5分",
    ],
    [
        None,
        None,
        None,
        None,
        "A2.2",
        "职业素养",
        "评价",
        10,
        None,
        None,
        "去掉最高最低",
        None,
        None,
    ],
    # row 7: B / B1, 模块 B merged over 7-9
    ["B", "安装调试", "B1", "接线", "B1.1", "接线正确", "M", 40, 1, None, None, None, None],
    [None, None, None, None, "B1.2", "工艺", "J", 20, None, None, None, None, None],
    [None, None, None, None, "B1.3", "通电成功", "客观", "10", None, "√", None, None, None],
    # row 10: a 合计 row and a footnote, both ignored
    ["合计", None, None, None, None, None, None, 100, None, None, None, None, None],
    [
        "注：评价类每位裁判打 0-3 分。",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ],
]


def test_office_xlsx_with_merged_cells_and_blank_means_above_loads(tmp_path: Path) -> None:
    """Merged 模块 cells, blank 分项 cells under a value, a 合计 row and a footnote: all read."""
    wb = office_workbook(copy.deepcopy(OFFICE_ROWS))
    ws = wb["Sheet1"]
    ws.merge_cells("A3:A6")
    ws.merge_cells("B3:B6")
    ws.merge_cells("A7:A9")
    ws.merge_cells("B7:B9")
    ws.merge_cells("C7:C9")  # 分项 B1 merged; 分项 A1/A2 are blank-means-above instead
    ws.merge_cells("D7:D9")
    path = tmp_path / "office.xlsx"
    wb.save(path)

    spec = load_scheme(path)
    assert spec.title == "2026年电工竞赛实操评分标准"
    assert spec.spread_limit == Decimal("1.5")
    assert [(c.code, [s.code for s in c.subcriteria]) for c in spec.criteria] == [
        ("A", ["A1", "A2"]),
        ("B", ["B1"]),
    ]
    assert [a.code for a in spec.criteria[0].subcriteria[1].aspects] == ["A2.1", "A2.2"]
    assert spec.aspect("A1.1") == AspectSpec(
        "A1.1", "穿戴防护用品", "M", Decimal(10), all_or_nothing=True
    )
    assert spec.aspect("A1.2").step == Decimal("0.5")
    assert spec.aspect("A2.1").cap == Decimal(10) and spec.aspect("A2.1").description == "每次扣5分"
    assert spec.aspect("A2.2").panel_rule == "trim1"
    assert spec.aspect("B1.3").all_or_nothing and spec.aspect("B1.3").max_mark == Decimal(10)
    assert spec.total_max == Decimal(100)


def test_office_xlsx_without_merges_blank_cells_mean_same_as_above(tmp_path: Path) -> None:
    """The same sheet with no merged cells at all (blanks only) gives the same scheme."""
    merged = office_workbook(copy.deepcopy(OFFICE_ROWS))
    ws = merged["Sheet1"]
    for rng in ("A3:A6", "B3:B6", "A7:A9", "B7:B9"):
        ws.merge_cells(rng)
    plain = office_workbook(copy.deepcopy(OFFICE_ROWS))
    merged.save(tmp_path / "m.xlsx")
    plain.save(tmp_path / "p.xlsx")
    assert load_scheme(tmp_path / "m.xlsx") == load_scheme(tmp_path / "p.xlsx")


def test_xlsx_merged_cells_outside_the_hierarchy_apply_to_every_row(tmp_path: Path) -> None:
    """类型 merged over rows 3-4 and 说明 over rows 7-9 apply to each of those aspects.

    A blank (unmerged) 类型 cell, by contrast, does not mean "same as above": that is an error
    on its row, since only the 模块/分项 columns carry downwards.
    """
    rows = copy.deepcopy(OFFICE_ROWS)
    rows[1][6] = None  # row 4 类型
    rows[4][12] = "按图施工"  # row 7 说明, merged M7:M9
    wb = office_workbook(rows)
    wb["Sheet1"].merge_cells("G3:G4")
    wb["Sheet1"].merge_cells("M7:M9")
    wb.save(tmp_path / "merged.xlsx")
    spec = load_scheme(tmp_path / "merged.xlsx")
    assert spec.aspect("A1.2").kind == "M"
    assert {spec.aspect(c).description for c in ("B1.1", "B1.2", "B1.3")} == {"按图施工"}

    office_workbook(copy.deepcopy(rows)).save(tmp_path / "blank.xlsx")
    with pytest.raises(SchemeError) as info:
        load_scheme(tmp_path / "blank.xlsx")
    assert ("行 4", "missing_kind") in {(i.where, i.code) for i in info.value.issues}


def test_xlsx_errors_report_the_excel_row_number(tmp_path: Path) -> None:
    """'五' as 分值 on Excel row 4 and an unknown 类型 on row 8 are reported as 行 4 / 行 8."""
    rows = copy.deepcopy(OFFICE_ROWS)
    rows[1][7] = "五"  # row 4
    rows[5][6] = "主客观"  # row 8
    path = tmp_path / "bad.xlsx"
    office_workbook(rows).save(path)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    found = {(i.where, i.code) for i in info.value.issues}
    assert ("行 4", "not_a_number") in found
    assert ("行 8", "unknown_kind") in found
    assert "五" in str(info.value)


def test_xlsx_total_and_step_errors_point_at_rows(tmp_path: Path) -> None:
    """A bad step on row 7 is 行 7; a wrong total names the total (not a row)."""
    rows = copy.deepcopy(OFFICE_ROWS)
    rows[4][8] = 7  # B1.1: 40 in steps of 7
    rows[5][7] = 25  # B1.2: total now 105
    path = tmp_path / "bad.xlsx"
    office_workbook(rows).save(path)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    found = {(i.where, i.code) for i in info.value.issues}
    assert ("行 7", "bad_step") in found
    total = [i for i in info.value.issues if i.code == "total_not_100"]
    assert total and "105" in total[0].message_en and "5 too many" in total[0].message_en


def test_xlsx_aspect_without_a_subcriterion_is_reported_on_its_row(tmp_path: Path) -> None:
    """A new 模块 whose 分项 cells are empty: the aspect row says it has no 分项 above it."""
    rows = copy.deepcopy(OFFICE_ROWS)
    rows[4][2] = None  # row 7: B starts, 分项 missing
    rows[4][3] = None
    path = tmp_path / "bad.xlsx"
    office_workbook(rows).save(path)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    assert ("行 7", "missing_parent") in {(i.where, i.code) for i in info.value.issues}


def test_xlsx_settings_area_above_the_header_is_read(tmp_path: Path) -> None:
    """Without a 设置 sheet, '评分差异上限 | 2' and '标题：…' above the header are used."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["标题：焊工评分标准"])
    ws.append(["评分差异上限", None, 2, None, "默认评分方式", "中位数"])
    ws.append([])
    ws.append(OFFICE_HEADER)
    for row in copy.deepcopy(OFFICE_ROWS):
        ws.append(row)
    path = tmp_path / "s.xlsx"
    wb.save(path)
    spec = load_scheme(path)
    assert (spec.title, spec.spread_limit, spec.default_panel_rule) == (
        "焊工评分标准",
        Decimal(2),
        "median",
    )
    assert spec.aspect("A1.1").panel_rule == "median"
    assert spec.aspect("A2.2").panel_rule == "trim1"


def test_xlsx_missing_required_column_is_reported(tmp_path: Path) -> None:
    """A sheet without the 类型 column is refused, naming the column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["标题"])
    ws.append([h for h in OFFICE_HEADER if h != "类型"])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    (issue,) = info.value.issues
    assert issue.code == "missing_column" and "类型" in issue.message_zh


def test_xlsx_written_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A title '=SUM(A1)' is written as text and read back unchanged, not as a formula."""
    data = small_scheme()
    aspect_dict(data, "A1.3")["title"] = "=SUM(A1)"
    spec = parse_scheme_dict(data)
    write_scheme_xlsx(spec, tmp_path / "f.xlsx")
    assert load_scheme(tmp_path / "f.xlsx") == spec


# --------------------------------------------------------------------------- round trips

CODE_CHARS = "ABCXYZabc0123456789.-_甲乙丙"
ANY_TEXT = st.text()
TEXT_XLSX = st.characters(blacklist_categories=("Cs", "Cc"))


@st.composite
def valid_scheme_dicts(draw: st.DrawFn, text: st.SearchStrategy[str] = ANY_TEXT) -> dict[str, Any]:
    """A valid scheme as raw dicts: M/J maxima in hundredths summing to 100, plus some D."""
    titles = text.map(str.strip).filter(lambda t: 0 < len(t) <= 40)
    n = draw(st.integers(1, 12))
    cuts = sorted(draw(st.sets(st.integers(1, 9999), min_size=n - 1, max_size=n - 1)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 10000], strict=True)]
    n_d = draw(st.integers(0, 3))
    codes = draw(
        st.lists(
            st.text(CODE_CHARS, min_size=1, max_size=12),
            min_size=n + n_d,
            max_size=n + n_d,
            unique=True,
        )
    )
    default_rule = draw(st.sampled_from(PANEL_RULES))
    aspects: list[dict[str, Any]] = []
    for idx, hundredths in enumerate(parts):
        mx = Decimal(hundredths) / 100
        a: dict[str, Any] = {"code": codes[idx], "title": draw(titles), "kind": "M", "max_mark": mx}
        if draw(st.booleans()):
            a["kind"] = "J"
        else:
            how = draw(st.sampled_from(["aon", "cent", "whole", "half"]))
            if how == "aon":
                a["all_or_nothing"] = True
            elif how == "whole" or (how == "half" and mx % Decimal("0.5") != 0):
                a["step"] = mx
            elif how == "half":
                a["step"] = Decimal("0.5")
            else:
                a["step"] = Decimal("0.01")
        aspects.append(a)
    for idx in range(n_d):
        per = Decimal(draw(st.integers(1, 2000))) / 100
        cap = per * draw(st.integers(1, 5))
        aspects.append(
            {
                "code": codes[n + idx],
                "title": draw(titles),
                "kind": "D",
                "max_mark": per,
                "cap": cap,
            }
        )
    for a in aspects:
        rule = draw(st.sampled_from([None, *PANEL_RULES]))
        if rule is not None:
            a["panel_rule"] = rule
        if draw(st.booleans()):
            need = PANEL_RULE_MIN_JUDGES[rule or default_rule]
            a["judges_min"] = draw(st.integers(need, 12))
        if draw(st.booleans()):
            a["description"] = draw(titles)
    draw(st.randoms()).shuffle(aspects)
    # Split the aspects into criteria / sub-criteria (each non-empty).
    criteria: list[dict[str, Any]] = []
    rest = aspects
    sub_no = 0
    while rest:
        take = draw(st.integers(1, len(rest)))
        chunk, rest = rest[:take], rest[take:]
        subs = []
        while chunk:
            k = draw(st.integers(1, len(chunk)))
            sub_no += 1
            subs.append({"code": f"S{sub_no}", "title": draw(titles), "aspects": chunk[:k]})
            chunk = chunk[k:]
        criteria.append(
            {"code": f"C{len(criteria) + 1}", "title": draw(titles), "subcriteria": subs}
        )
    return {
        "title": draw(titles),
        "spread_limit": Decimal(draw(st.integers(1, 500))) / 100,
        "default_panel_rule": default_rule,
        "criteria": criteria,
    }


@settings(max_examples=150, deadline=None)
@given(valid_scheme_dicts())
def test_generated_schemes_survive_to_dict_json_and_from_dict(data: dict[str, Any]) -> None:
    """parse -> to_dict -> JSON text -> from_dict gives the same SchemeSpec."""
    spec = parse_scheme_dict(data)
    assert spec.total_max == Decimal(100)
    text = json.dumps(spec.to_dict(), ensure_ascii=False)
    again = SchemeSpec.from_dict(json.loads(text, parse_float=Decimal))
    assert again == spec


@settings(max_examples=150, deadline=None)
@given(valid_scheme_dicts())
def test_generated_schemes_survive_dump_scheme_toml_and_parse(data: dict[str, Any]) -> None:
    """parse -> dump_scheme_toml -> tomllib (Decimal floats) -> parse gives the same SchemeSpec."""
    spec = parse_scheme_dict(data)
    text = dump_scheme_toml(spec)
    again = parse_scheme_dict(tomllib.loads(text, parse_float=Decimal))
    assert again == spec


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(valid_scheme_dicts(text=st.text(TEXT_XLSX)))
def test_generated_schemes_survive_write_scheme_xlsx_and_load(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    """parse -> write_scheme_xlsx -> load_scheme gives the same SchemeSpec (merged cells too)."""
    spec = parse_scheme_dict(data)
    path = tmp_path / "gen.xlsx"
    write_scheme_xlsx(spec, path)
    assert load_scheme(path) == spec
