"""Event set-up files (kmjudge.setupfile): competition + events + their schemes, validated."""

from __future__ import annotations

import copy
import random
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kmjudge.scheme import load_scheme
from kmjudge.setupfile import (
    DEFAULT_CAMPAIGN,
    KUNMING_DISTRICTS,
    MAIN_DISTRICTS,
    AgeBand,
    AwardSpec,
    SetupError,
    load_setup,
    parse_age_band,
    parse_setup_dict,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def event(**changes: Any) -> dict[str, Any]:
    """A valid city-level event using the example electrician scheme."""
    ev: dict[str, Any] = {
        "name": "电工",
        "trade": "电工",
        "level": "city",
        "organiser": "昆明市总工会",
        "venue": "昆明市职业技能鉴定中心",
        "start": datetime(2026, 9, 19, 8, 30),
        "end": datetime(2026, 9, 19, 17, 30),
        "scheme": "scheme-electrician.toml",
    }
    ev.update(changes)
    return {k: v for k, v in ev.items() if v is not None}


def setup(*events: dict[str, Any], **competition: Any) -> dict[str, Any]:
    comp: dict[str, Any] = {"name": "2026年昆明市职工职业技能竞赛", "year": 2026}
    comp.update(competition)
    return {"competition": comp, "events": list(events) or [event()]}


def errors(data: dict[str, Any], base: Path = EXAMPLES) -> list[Any]:
    with pytest.raises(SetupError) as info:
        parse_setup_dict(data, base)
    return info.value.issues


def error_codes(data: dict[str, Any], base: Path = EXAMPLES) -> set[str]:
    return {i.code for i in errors(data, base)}


# --------------------------------------------------------------------------- the example


def test_example_setup_loads_a_city_and_a_district_event() -> None:
    """event-setup.toml: a 2026 city 电工 event (scheme file) and a 五华区 焊工 one (inline)."""
    spec = load_setup(EXAMPLES / "event-setup.toml")
    assert spec.competition.year == 2026
    assert spec.competition.campaign == DEFAULT_CAMPAIGN
    assert spec.warnings == ()
    city, district = spec.events
    assert (city.level, city.trade, city.trade_code) == ("city", "电工", "6-31-01-03")
    assert "昆明市职业技能鉴定中心" in city.venue
    assert city.scheme == load_scheme(EXAMPLES / "scheme-electrician.toml")
    assert city.scheme_file == EXAMPLES / "scheme-electrician.toml"
    assert (city.theory_weight, city.practical_weight) == (Decimal(30), Decimal(70))
    assert city.tie_break == ("practical", "theory", "completion_time")
    assert (district.level, district.district, district.trade) == ("district", "五华区", "焊工")
    assert district.scheme_file is None and district.scheme.total_max == Decimal(100)
    assert district.start == date(2026, 6, 13)
    assert district.award == AwardSpec("count", Decimal(1), Decimal(2), Decimal(3), False)
    assert district.ranking_groups == ("<=35", ">35")


def test_defaults_are_the_ones_users_expect() -> None:
    """No weights/pass mark/award/tie-break given: 30/70, 60, 10/20/30 %, practical first, 5."""
    (ev,) = parse_setup_dict(setup(), EXAMPLES).events
    assert (ev.theory_weight, ev.practical_weight, ev.pass_mark) == (
        Decimal(30),
        Decimal(70),
        Decimal(60),
    )
    assert ev.award == AwardSpec("ratio", Decimal(10), Decimal(20), Decimal(30), False)
    assert ev.ranking_groups == "all" and ev.age_bands == ()
    assert ev.tie_break == ("practical", "theory", "completion_time")
    assert ev.judges_per_panel == 5
    assert (ev.district, ev.trade_code, ev.trade_grade) == ("", "", "")


def test_kunming_district_constants() -> None:
    """The five main districts are among the 20 Kunming districts, counties and parks."""
    assert MAIN_DISTRICTS == ("五华区", "盘龙区", "官渡区", "西山区", "呈贡区")
    assert set(MAIN_DISTRICTS) <= set(KUNMING_DISTRICTS)
    assert len(KUNMING_DISTRICTS) == len(set(KUNMING_DISTRICTS)) == 20
    assert {"阳宗海风景名胜区", "禄劝彝族苗族自治县", "空港经济区"} <= set(KUNMING_DISTRICTS)


# --------------------------------------------------------------------------- validation


def test_weights_not_adding_up_to_100_are_refused() -> None:
    """theory 30 + practical 60 = 90 is refused, naming both weights and the sum."""
    issues = errors(setup(event(theory_weight=30, practical_weight=60)))
    (issue,) = issues
    assert issue.code == "weights_not_100"
    assert "90" in issue.message_en and "电工" in issue.where


def test_other_weights_that_add_up_are_accepted() -> None:
    """20/80 (some trades) is fine."""
    (ev,) = parse_setup_dict(setup(event(theory_weight=20, practical_weight=80)), EXAMPLES).events
    assert (ev.theory_weight, ev.practical_weight) == (Decimal(20), Decimal(80))


def test_unknown_key_typo_is_reported_with_a_suggestion() -> None:
    """'theroy_weight' does not pass silently: unknown_key, suggesting theory_weight."""
    issues = errors(setup(event(theroy_weight=20)))
    (issue,) = [i for i in issues if i.code == "unknown_key"]
    assert "theroy_weight" in issue.message_en and "theory_weight" in issue.message_en
    assert "theroy_weight" in issue.where


def test_unknown_keys_everywhere_are_reported() -> None:
    """Unknown keys at the top, in [competition], in award and in an inline scheme: all four."""
    scheme = load_scheme(EXAMPLES / "scheme-electrician.toml").to_dict()
    scheme["titel"] = "x"
    data = setup(event(award={"mode": "ratio", "frist": 10}, scheme=scheme), yaer=2026)
    data["event"] = {}
    issues = [i for i in errors(data) if i.code == "unknown_key"]
    texts = " ".join(i.message_en for i in issues)
    for typo in ("'event'", "'yaer'", "'frist'", "'titel'"):
        assert typo in texts
    assert len(issues) == 4


def test_district_level_without_district_is_refused() -> None:
    """district, county and park events need a district; city and industry do not."""
    for level in ("district", "county", "park", "区级", "县级", "园区"):
        assert "missing_district" in error_codes(setup(event(level=level))), level
    for level in ("city", "industry", "市级", "行业"):
        parse_setup_dict(setup(event(level=level)), EXAMPLES)


def test_chinese_level_names_are_accepted() -> None:
    """市级/区级/县级/园区/行业 map to city/district/county/park/industry."""
    pairs = {
        "市级": "city",
        "区级": "district",
        "县级": "county",
        "园区": "park",
        "行业": "industry",
    }
    for zh, level in pairs.items():
        (ev,) = parse_setup_dict(setup(event(level=zh, district="嵩明县")), EXAMPLES).events
        assert ev.level == level


def test_unknown_level_is_refused_listing_valid_levels() -> None:
    """level 'province' is refused; the message lists city ... industry."""
    (issue,) = errors(setup(event(level="province")))
    assert issue.code == "unknown_level" and "industry" in issue.message_en
    assert "市级" in issue.message_zh


def test_unknown_district_is_a_warning_not_an_error() -> None:
    """District 'Chaoyang' (another city) loads, with an unknown_district warning."""
    spec = parse_setup_dict(setup(event(level="district", district="朝阳区")), EXAMPLES)
    assert spec.events[0].district == "朝阳区"
    assert [w.code for w in spec.warnings] == ["unknown_district"]
    spec = parse_setup_dict(setup(event(level="park", district="高新区")), EXAMPLES)
    assert spec.warnings == ()


def test_scheme_path_is_resolved_relative_to_the_setup_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """scheme = '../schemes/x.toml' is found from the set-up file's folder, not the cwd."""
    (tmp_path / "schemes").mkdir()
    (tmp_path / "events").mkdir()
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(EXAMPLES / "scheme-electrician.toml", tmp_path / "schemes" / "x.toml")
    text = (EXAMPLES / "event-setup.toml").read_text(encoding="utf-8")
    text = text.replace('scheme = "scheme-electrician.toml"', 'scheme = "../schemes/x.toml"')
    (tmp_path / "events" / "setup.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "elsewhere")
    spec = load_setup(tmp_path / "events" / "setup.toml")
    assert spec.events[0].scheme.title == "电工职业技能竞赛实操评分标准"
    assert spec.events[0].scheme_file is not None
    assert spec.events[0].scheme_file.resolve() == (tmp_path / "schemes" / "x.toml").resolve()


def test_scheme_may_be_json_or_xlsx_too() -> None:
    """scheme = 'scheme-electrician.xlsx' / '.json' load the same scheme."""
    for name in ("scheme-electrician.json", "scheme-electrician.xlsx"):
        (ev,) = parse_setup_dict(setup(event(scheme=name)), EXAMPLES).events
        assert ev.scheme == load_scheme(EXAMPLES / "scheme-electrician.toml")


def test_missing_scheme_file_is_a_clear_error(tmp_path: Path) -> None:
    """A scheme file that isn't there: scheme_file_missing naming the file and where it looked."""
    (issue,) = errors(setup(event(scheme="schemes/电工.toml")), tmp_path)
    assert issue.code == "scheme_file_missing"
    assert "电工.toml" in issue.message_en and str(tmp_path) in issue.message_en
    assert "找不到评分标准文件" in issue.message_zh


def test_missing_scheme_is_an_error() -> None:
    """An event with no scheme at all is refused."""
    assert error_codes(setup(event(scheme=None))) == {"missing_scheme"}


def test_scheme_problems_are_prefixed_with_the_event_name() -> None:
    """An inline scheme totalling 90 gives total_not_100 with where starting with the event name."""
    scheme = load_scheme(EXAMPLES / "scheme-electrician.toml").to_dict()
    scheme["criteria"][2]["subcriteria"][1]["aspects"][0]["max_mark"] = "2"  # C2.1: 12 -> 2
    scheme["criteria"][2]["subcriteria"][1]["aspects"][0]["step"] = "1"
    (issue,) = errors(setup(event(name="焊工赛", scheme=scheme)))
    assert issue.code == "total_not_100" and issue.where.startswith("焊工赛 / ")
    assert "90" in issue.message_en


def test_judges_per_panel_too_small_for_the_schemes_panel_rules() -> None:
    """The electrician scheme drops highest/lowest (needs 5): judges_per_panel 3 is refused."""
    (issue,) = errors(setup(event(judges_per_panel=3)))
    assert issue.code == "too_few_judges" and "5" in issue.message_en


@pytest.mark.parametrize(
    ("award", "code"),
    [
        ({"mode": "ratio", "first": 40, "second": 40, "third": 30}, "award_ratio_over_100"),
        ({"mode": "ratio", "first": -1}, "out_of_range"),
        ({"mode": "count", "first": -1, "second": 2, "third": 3}, "bad_integer"),
        ({"mode": "count", "first": 1.5, "second": 2, "third": 3}, "bad_integer"),
        ({"mode": "count", "first": 1}, "missing"),
        ({"mode": "lottery"}, "unknown_award_mode"),
        ({"mode": "ratio", "merit": "maybe"}, "not_a_bool"),
        ("10/20/30", "bad_structure"),
    ],
)
def test_bad_award_settings_are_refused(award: Any, code: str) -> None:
    """Ratios over 100 in sum or below 0, negative/fractional/missing counts, unknown modes."""
    if isinstance(award, dict) and isinstance(award.get("first"), float):
        award = {**award, "first": Decimal("1.5")}
    assert code in error_codes(setup(event(award=award)))


def test_award_ratio_summing_to_exactly_100_and_counts_are_accepted() -> None:
    """ratio 20/30/50 (=100) and count 3/6/9 with merit (优胜奖) both load."""
    award = {"mode": "比例", "first": 20, "second": 30, "third": 50}
    (ev,) = parse_setup_dict(setup(event(award=award)), EXAMPLES).events
    assert ev.award.mode == "ratio" and ev.award.third == Decimal(50)
    award = {"mode": "count", "first": 3, "second": 6, "third": 9, "merit": True}
    (ev,) = parse_setup_dict(setup(event(award=award)), EXAMPLES).events
    assert ev.award == AwardSpec("count", Decimal(3), Decimal(6), Decimal(9), True)


def test_award_to_dict_and_from_dict_round_trip() -> None:
    """AwardSpec.to_dict() is JSON-ready text and from_dict() reads it back equal."""
    award = AwardSpec("ratio", Decimal("12.5"), Decimal(20), Decimal(30), True)
    assert award.to_dict()["first"] == "12.5"
    assert AwardSpec.from_dict(award.to_dict()) == award
    with pytest.raises(SetupError):
        AwardSpec.from_dict({"mode": "ratio", "first": 90, "second": 20})


def test_dates_out_of_order_are_refused() -> None:
    """end before start, and check-in closing before it opens, are both reported."""
    data = setup(
        event(
            start=datetime(2026, 9, 19, 17),
            end=datetime(2026, 9, 19, 8),
            checkin_opens=datetime(2026, 9, 19, 9),
            checkin_closes=datetime(2026, 9, 19, 7),
        )
    )
    issues = [(i.code, i.where.split(" / ")[-1]) for i in errors(data)]
    assert ("dates_out_of_order", "end") in issues
    assert ("dates_out_of_order", "checkin_closes") in issues


def test_check_in_after_the_event_ends_is_refused() -> None:
    """Check-in opening after a date-only end day is over is refused."""
    data = setup(
        event(
            start=date(2026, 9, 19), end=date(2026, 9, 19), checkin_opens=datetime(2026, 9, 20, 7)
        )
    )
    assert "dates_out_of_order" in error_codes(data)


def test_dates_and_datetimes_mix_and_a_one_day_event_is_fine() -> None:
    """start = end = a date is a one-day event; ISO strings and UTC offsets are accepted."""
    data = setup(
        event(
            start="2026-09-19",
            end=date(2026, 9, 19),
            checkin_opens="2026-09-19T07:30:00+08:00",
            checkin_closes=datetime(2026, 9, 19, 8, 45),
        )
    )
    (ev,) = parse_setup_dict(data, EXAMPLES).events
    assert ev.start == date(2026, 9, 19)
    assert ev.checkin_opens is not None and ev.checkin_opens.utcoffset() is not None


def test_unreadable_date_and_missing_start_are_refused() -> None:
    """start = 'next Monday' and a missing end are both reported."""
    codes = error_codes(setup(event(start="next Monday", end=None)))
    assert codes == {"bad_datetime", "missing"}


@pytest.mark.parametrize("year", [1999, 2101, "二〇二六", 2026.5])
def test_implausible_year_is_refused(year: Any) -> None:
    """Years outside 2000-2100, or not whole numbers, are refused."""
    if isinstance(year, float):
        year = Decimal(str(year))
    assert "bad_integer" in error_codes(setup(year=year))


def test_event_in_another_year_than_the_competition_is_a_warning() -> None:
    """A 2027 event in the 2026 competition loads, with a year_mismatch warning."""
    data = setup(event(start=date(2027, 1, 5), end=date(2027, 1, 5)))
    spec = parse_setup_dict(data, EXAMPLES)
    assert [w.code for w in spec.warnings] == ["year_mismatch"]


def test_ranking_groups_all_gender_and_age_bands() -> None:
    """'all', '按性别' and ["<=35", ">35"] are accepted; bands are normalised and parsed."""
    for raw, expected in (("all", "all"), ("按性别", "gender"), ("gender", "gender")):
        (ev,) = parse_setup_dict(setup(event(ranking_groups=raw)), EXAMPLES).events
        assert ev.ranking_groups == expected
    bands = ["≤ 35岁", "36-45", ">45"]
    (ev,) = parse_setup_dict(setup(event(ranking_groups=bands)), EXAMPLES).events
    assert ev.ranking_groups == ("<=35", "36-45", ">45")
    assert ev.age_bands == (
        AgeBand("<=35", None, 35),
        AgeBand("36-45", 36, 45),
        AgeBand(">45", 46, None),
    )
    assert [b.contains(35) for b in ev.age_bands] == [True, False, False]


@pytest.mark.parametrize(
    ("bands", "code"),
    [
        (["<=35", ">36"], "age_bands_gap"),
        (["<=35", ">=35"], "age_bands_overlap"),
        (["<=35"], "age_bands_gap"),
        ([">35", "<=35", ">50"], "age_bands_overlap"),
        (["young", "old"], "bad_age_band"),
        ("by age", "bad_ranking_groups"),
    ],
)
def test_age_bands_must_cover_every_age_exactly_once(bands: Any, code: str) -> None:
    """Gaps, overlaps and unreadable bands are refused (nobody may be ranked twice or never)."""
    assert code in error_codes(setup(event(ranking_groups=bands)))


def test_parse_age_band_forms() -> None:
    """'<35' is up to 34, '>=36' from 36, '36~45岁' a closed range; nonsense is None."""
    assert parse_age_band("<35") == AgeBand("<35", None, 34)
    assert parse_age_band(">=36") == AgeBand(">=36", 36, None)
    assert parse_age_band("36~45岁") == AgeBand("36-45", 36, 45)
    assert parse_age_band("45-36") is None and parse_age_band("老年") is None


def test_tie_break_must_name_known_criteria_once() -> None:
    """Unknown ('luck') and repeated entries are refused; Chinese names are accepted."""
    assert "unknown_tie_break" in error_codes(setup(event(tie_break=["practical", "luck"])))
    assert "duplicate_tie_break" in error_codes(setup(event(tie_break=["theory", "理论"])))
    (ev,) = parse_setup_dict(setup(event(tie_break=["理论", "实操", "用时"])), EXAMPLES).events
    assert ev.tie_break == ("theory", "practical", "completion_time")


def test_required_fields_and_duplicate_event_names() -> None:
    """No venue, no organiser, no trade, and two events both named 电工: every one reported."""
    data = setup(event(venue=None, organiser=None, trade=None), event())
    issues = errors(data)
    missing = {i.where for i in issues if i.code == "missing"}
    assert missing == {"电工 / venue", "电工 / organiser", "电工 / trade"}
    data = setup(event(), event())
    assert error_codes(data) == {"duplicate_event"}


def test_missing_competition_and_events_are_reported() -> None:
    """An empty file says both that [competition] and [[events]] are missing."""
    assert error_codes({}) == {"missing", "no_events"}


def test_trade_code_in_an_unusual_form_is_a_warning() -> None:
    """trade_code '6310103' loads with an unusual_trade_code warning."""
    spec = parse_setup_dict(setup(event(trade_code="6310103")), EXAMPLES)
    assert [w.code for w in spec.warnings] == ["unusual_trade_code"]


def test_wrong_value_types_are_setup_errors_not_crashes() -> None:
    """Lists for names, tables for numbers, a string for events: SetupError every time."""
    bad_values: list[dict[str, Any]] = [
        setup(event(name=["电工"])),
        setup(event(theory_weight={"a": 1})),
        setup(event(judges_per_panel="five")),
        setup(event(scheme=42)),
        setup(event(start=12)),
        {"competition": "x", "events": "电工"},
        {"competition": {"name": "x", "year": True}, "events": [1, None]},
    ]
    for data in bad_values:
        with pytest.raises(SetupError):
            parse_setup_dict(copy.deepcopy(data), EXAMPLES)
    with pytest.raises(SetupError):
        parse_setup_dict([1, 2], EXAMPLES)  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once() -> None:
    """Weights, level, award and a typo in one event: four issues in one SetupError."""
    data = setup(
        event(
            theory_weight=50,
            level="galaxy",
            award={"first": 90, "second": 20},
            venu="x",
        )
    )
    assert error_codes(data) == {
        "weights_not_100",
        "unknown_level",
        "award_ratio_over_100",
        "unknown_key",
    }


def test_setup_error_is_a_value_error_with_english_str_and_chinese_text() -> None:
    """str() joins the English messages with where; text_zh() the Chinese ones."""
    with pytest.raises(ValueError) as info:
        parse_setup_dict(setup(event(theory_weight=50)), EXAMPLES)
    err = info.value
    assert isinstance(err, SetupError)
    assert str(err).startswith("电工 / theory_weight: ") and "理论权重" in err.text_zh()


# --------------------------------------------------------------------------- files


def test_missing_setup_file_is_a_setup_error(tmp_path: Path) -> None:
    """load_setup on a path that does not exist raises SetupError(file_not_found)."""
    with pytest.raises(SetupError) as info:
        load_setup(tmp_path / "none.toml")
    assert info.value.issues[0].code == "file_not_found"


def test_garbage_setup_files_raise_setup_error_and_nothing_else(tmp_path: Path) -> None:
    """Binary junk as .toml/.json/.xlsx, bad TOML, deep nesting, NaN: always SetupError."""
    rng = random.Random(11)
    junk = bytes(rng.randrange(256) for _ in range(3000))
    contents = [
        junk,
        b"",
        b"\xff\xfe\x00\x00",
        b"[competition\nname = ",
        b"[" * 50_000,
        b"events = nan\ncompetition = inf",
        b'{"competition": NaN}',
        '[competition]\nname = "x"\nyear = 2026\n[[events]]\nname = "电工"\n'.encode("utf-16"),
    ]
    for suffix in (".toml", ".json", ".xlsx"):
        for i, content in enumerate(contents):
            path = tmp_path / f"junk{i}{suffix}"
            path.write_bytes(content)
            with pytest.raises(SetupError):
                load_setup(path)


def test_garbage_scheme_file_referenced_by_a_setup_is_a_setup_error(tmp_path: Path) -> None:
    """A set-up pointing at a junk .xlsx scheme raises SetupError with the event name in where."""
    (tmp_path / "s.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (issue,) = errors(setup(event(scheme="s.xlsx")), tmp_path)
    assert issue.code == "file_unreadable" and issue.where.startswith("电工 / ")
