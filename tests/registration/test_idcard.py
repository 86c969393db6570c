"""Resident ID numbers: GB 11643-1999 checking, Excel damage, masking, generation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmjudge.registration.idcard import (
    IdCardError,
    age_on,
    check_character,
    make_id_number,
    mask_id,
    parse_id_number,
)

TODAY = datetime.date(2026, 6, 1)

# Check characters worked out by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432"):
#   11010519491231002X: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 -> "X"
#                       (the worked example of GB 11643-1999 itself)
#   530102199001011231: 35+27+0+5+0+8+2+9+54+0+0+9+0+5+8+8+6 = 176; 176 % 11 = 0 -> "1"
#   530103198506150423: 35+27+0+5+0+12+2+9+48+15+0+54+10+25+0+16+4 = 262; 262 % 11 = 9 -> "3"
HAND_CHECKED = [
    ("11010519491231002X", datetime.date(1949, 12, 31), "F", "110105"),
    ("530102199001011231", datetime.date(1990, 1, 1), "M", "530102"),
    ("530103198506150423", datetime.date(1985, 6, 15), "F", "530103"),
]


def expect_error(raw: object, code: str, **kwargs: datetime.date) -> IdCardError:
    with pytest.raises(IdCardError) as caught:
        parse_id_number(raw, **kwargs)
    assert caught.value.code == code, (caught.value.code, caught.value.message_en)
    return caught.value


@pytest.mark.parametrize(("number", "birth", "gender", "region"), HAND_CHECKED)
def test_hand_checked_numbers_parse_with_birth_gender_and_region(
    number: str, birth: datetime.date, gender: str, region: str
) -> None:
    """Numbers whose check character was computed by hand are accepted and decoded."""
    info = parse_id_number(number)
    assert (info.number, info.birth_date, info.gender, info.region_code) == (
        number,
        birth,
        gender,
        region,
    )


def test_check_character_matches_the_hand_computed_ones() -> None:
    """check_character gives the hand-computed check characters, including X."""
    assert [check_character(n[:17]) for n, *_ in HAND_CHECKED] == ["X", "1", "3"]


def test_lowercase_x_is_accepted_and_upper_cased() -> None:
    """A lower-case x check character is read as X."""
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"


def test_full_width_digits_spaces_and_excel_marker_are_cleaned() -> None:
    """Full-width digits and X, ideographic/no-break/zero-width spaces and a leading apostrophe
    do not stop a valid number."""
    raw = "'１１０１０５\u3000１９４９\u00a0１２３１\u200b００２Ｘ "
    assert parse_id_number(raw).number == "11010519491231002X"
    assert parse_id_number('="530102199001011231"').number == "530102199001011231"


def test_exact_int_and_decimal_inputs_are_accepted() -> None:
    """An int or integral Decimal that holds the whole number (a CSV or a script) is fine."""
    assert parse_id_number(530102199001011231).number == "530102199001011231"
    assert parse_id_number(Decimal("530103198506150423")).gender == "F"


def test_fifteen_digit_old_number_is_refused_with_advice() -> None:
    """Old 15-digit numbers are refused and the clerk is told to ask for the 18-digit one."""
    error = expect_error("110105491231002", "length_15")
    assert "18 位" in error.message_zh and "15 位" in error.message_zh
    assert "18" in error.message_en


@pytest.mark.parametrize(
    "raw",
    [
        5.30102199001011e17,
        530102199001011231.0,
        "5.30102199001011E+17",
        "5.30102199001011e+17",
        "５.３０１０２１９９００１０１１Ｅ＋１７",
        530102199001011000,
        "530102199001011000",
        "530102199001011000.0",
        Decimal("5.30102199001011E+17"),
    ],
)
def test_excel_number_damage_is_reported_as_float_lost_digits(raw: object) -> None:
    """Floats, scientific notation and numbers padded with 000 are blamed on Excel, and the
    message says how to fix the sheet (text format or a leading apostrophe)."""
    error = expect_error(raw, "float_lost_digits")
    assert "文本" in error.message_zh and "'" in error.message_zh
    assert "Text" in error.message_en and "apostrophe" in error.message_en
    assert str(error) == error.message_en


def test_a_real_number_ending_in_000_is_fine_as_text_but_not_as_a_number() -> None:
    """A genuine number that ends in 000 passes as text; as a number cell it is indistinguishable
    from Excel damage and is refused (the message tells the clerk to store it as text)."""
    birth = datetime.date(1980, 1, 1)
    while make_id_number("530102", birth, 100, "F")[-1] != "0":
        birth += datetime.timedelta(days=1)
    number = make_id_number("530102", birth, 100, "F")
    assert number.endswith("000")
    assert parse_id_number(number).number == number
    expect_error(int(number), "float_lost_digits")


def test_wrong_check_character_names_expected_and_actual() -> None:
    """A mistyped number is refused as checksum, naming the expected and the written check."""
    error = expect_error("110105194912310023", "checksum")
    assert "应为 X" in error.message_zh and "表中为 3" in error.message_zh


def test_february_30_is_a_bad_date() -> None:
    """A birth date that does not exist (1990-02-30) is refused as bad_date."""
    first17 = "53010219900230123"
    error = expect_error(first17 + check_character(first17), "bad_date")
    assert "1990-02-30" in error.message_zh


def test_future_and_pre_1900_birth_dates_are_bad_dates() -> None:
    """Birth dates after today or before 1900 are refused."""
    expect_error(
        make_id_number("530102", datetime.date(2026, 6, 2), 1, "M"), "bad_date", today=TODAY
    )
    assert parse_id_number(make_id_number("530102", TODAY, 1, "M"), today=TODAY).birth_date == TODAY
    expect_error(make_id_number("530102", datetime.date(1899, 12, 31), 1, "M"), "bad_date")


@pytest.mark.parametrize("region", ["910102", "010102"])
def test_region_must_start_with_1_to_8(region: str) -> None:
    """Province codes run 11-82: a number starting with 0 or 9 is refused as region."""
    first17 = region + "19900101123"
    expect_error(first17 + check_character(first17), "region")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "empty"),
        ("", "empty"),
        (" \u3000 ", "empty"),
        (float("nan"), "empty"),
        ("53010219900101123", "length"),
        ("5301021990010112311", "length"),
        ("53010219900101123A", "bad_chars"),
        ("530102-19900101-1231", "bad_chars"),
        ("5301021990X1011231", "bad_chars"),
        (True, "bad_chars"),
    ],
)
def test_empty_short_long_and_garbage_values_have_their_own_codes(raw: object, code: str) -> None:
    """Empty, wrong-length and non-digit values each get a specific code."""
    expect_error(raw, code)


def test_gender_follows_the_parity_of_the_17th_digit() -> None:
    """Odd 17th digit = male, even = female; make_id_number adjusts the sequence to match."""
    for seq in range(0, 20):
        male = make_id_number("530102", datetime.date(1990, 1, 1), seq, "M")
        female = make_id_number("530102", datetime.date(1990, 1, 1), seq, "F")
        assert int(male[16]) % 2 == 1 and parse_id_number(male).gender == "M"
        assert int(female[16]) % 2 == 0 and parse_id_number(female).gender == "F"
    assert make_id_number("530102", datetime.date(1990, 1, 1), 0, "M")[14:17] == "001"
    assert make_id_number("530102", datetime.date(1990, 1, 1), 999, "F")[14:17] == "998"


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("53010", datetime.date(1990, 1, 1), 1, "M"), "6 digits"),
        (("930102", datetime.date(1990, 1, 1), 1, "M"), "1-8"),
        (("530102", datetime.date(1990, 1, 1), 1000, "M"), "0..999"),
        (("530102", datetime.date(1990, 1, 1), 1, "X"), "gender"),
    ],
)
def test_make_id_number_refuses_bad_arguments(args: tuple[object, ...], problem: str) -> None:
    """make_id_number validates its inputs instead of producing nonsense."""
    with pytest.raises(ValueError, match=problem):
        make_id_number(*args)  # type: ignore[arg-type]


def test_mask_keeps_first_four_and_last_four() -> None:
    """Masking shows 4 + 10 stars + 4; short strings are masked entirely."""
    assert mask_id("53010219900101123X") == "5301**********123X"
    assert mask_id("1234567") == "*******"


def test_age_on_counts_completed_years() -> None:
    """Age increases on the birthday, not before; 29 February birthdays count from 1 March."""
    birth = datetime.date(2000, 6, 15)
    assert age_on(birth, datetime.date(2018, 6, 14)) == 17
    assert age_on(birth, datetime.date(2018, 6, 15)) == 18
    leap = datetime.date(2008, 2, 29)
    assert age_on(leap, datetime.date(2026, 2, 28)) == 17
    assert age_on(leap, datetime.date(2026, 3, 1)) == 18


def test_error_is_a_value_error_whose_str_is_english() -> None:
    """IdCardError is a ValueError; str() gives the English message, message_zh the Chinese."""
    error = expect_error("110105194912310023", "checksum")
    assert isinstance(error, ValueError)
    assert str(error) == error.message_en and "check character" in str(error)
    assert "校验位" in error.message_zh


regions = st.builds(
    lambda first, rest: f"{first}{rest:05d}",
    st.integers(1, 8),
    st.integers(0, 99999),
)
births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
genders = st.sampled_from(["M", "F"])


@given(regions, births, st.integers(0, 999), genders)
def test_every_generated_number_parses_and_any_single_change_fails(
    region: str, birth: datetime.date, seq: int, gender: str
) -> None:
    """Property: make_id_number output parses back to its inputs, and replacing any one
    character with any other allowed character makes it fail."""
    number = make_id_number(region, birth, seq, gender)  # type: ignore[arg-type]
    info = parse_id_number(number, today=TODAY)
    assert (info.number, info.birth_date, info.gender, info.region_code) == (
        number,
        birth,
        gender,
        region,
    )
    for position in range(18):
        alphabet = "0123456789X" if position == 17 else "0123456789"
        for char in alphabet:
            if char == number[position]:
                continue
            changed = number[:position] + char + number[position + 1 :]
            with pytest.raises(IdCardError):
                parse_id_number(changed, today=TODAY)
