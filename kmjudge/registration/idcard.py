"""Resident ID numbers (居民身份证号码, GB 11643-1999): parse, check, mask, generate.

Pure functions, no database and no Qt. Every refusal is an :class:`IdCardError` with a stable
``code`` for programs and a Chinese and an English message for the clerk; the messages are about the
value only (the UI shows the row and the column next to them).

Layout of the 18 characters::

    530102 19900101 123 X
    region birth    seq check      (17th character odd = male, even = female)

The check character is ``"10X98765432"[sum(d_i * w_i) % 11]`` with the weights ``_WEIGHTS``.
"""

from __future__ import annotations

import datetime
import operator
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

__all__ = [
    "IdCardError",
    "IdCardInfo",
    "age_on",
    "check_character",
    "make_id_number",
    "mask_id",
    "normalize_id_text",
    "parse_id_number",
]

Gender = Literal["M", "F"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)

# Characters that are invisible in a cell but break a number: zero-width space/joiners, word joiner,
# BOM. Ordinary and exotic spaces (U+3000 ideographic, NBSP) are removed by the \s class below.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
# What Excel shows (or what str(float) gives) after it turned an ID into a number.
_SCIENTIFIC = re.compile(r"[+]?\d+(?:\.\d*)?E[+]?\d+", re.IGNORECASE)
_DECIMAL_POINT_ZERO = re.compile(r"(\d+)\.0*")
_ID_CHARS = re.compile(r"[0-9X]*")
_ID_CHARS_BAD = re.compile(r"[^0-9X]")


class IdCardError(ValueError):
    """An ID number that cannot be accepted.

    ``code`` is stable (``"empty"``, ``"bad_chars"``, ``"length"``, ``"length_15"``,
    ``"float_lost_digits"``, ``"region"``, ``"bad_date"``, ``"checksum"``); ``str(e)`` is the
    English message.
    """

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


@dataclass(frozen=True)
class IdCardInfo:
    """A valid 18-character ID number and what it says about its holder."""

    number: str
    birth_date: datetime.date
    gender: Gender
    region_code: str


def check_character(first17: str) -> str:
    """The GB 11643-1999 check character ("0"-"9" or "X") for 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need exactly 17 ASCII digits, got {first17!r}")
    total = sum(map(operator.mul, map(int, first17), _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def _float_lost_digits(shown: str) -> IdCardError:
    return IdCardError(
        "float_lost_digits",
        f"身份证号码“{shown}”被 Excel 当作数字保存，最后几位已经丢失，无法从表格中恢复。"
        "请把这一列的单元格格式设为“文本”后重新输入号码，或在号码前加英文单引号 ' 再粘贴，"
        "保存后重新导入",
        f"Excel stored the ID number “{shown}” as a number and its last digits are lost; they "
        "cannot be recovered from the sheet. Set this column's cell format to Text and retype the "
        "numbers, or paste them with a leading apostrophe ('), then save and import again.",
    )


def normalize_id_text(raw: object) -> str:
    """Turn whatever a cell held into the bare characters of an ID number.

    Full-width digits and letters become ASCII (NFKC), every kind of space and invisible character
    is removed, a leading Excel text marker ``'`` (or a CSV ``="..."`` wrapper) is dropped and a
    lower-case ``x`` becomes ``X``. Numbers that cannot be exact are refused here (see
    :func:`parse_id_number`).
    """
    if raw is None:
        return ""
    if isinstance(raw, bool):  # bool is an int; True is certainly not an ID number
        return str(raw)
    if isinstance(raw, float):
        if raw != raw:  # NaN: how pandas and friends spell an empty cell
            return ""
        # A binary float holds at most ~16 significant digits: an 18-digit number never survives.
        raise _float_lost_digits(f"{raw:.15G}")
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            return ""
        if raw != raw.to_integral_value():
            return str(raw)  # e.g. "5301.5": refused later as bad characters
        raw = int(raw)
    if isinstance(raw, int):
        text = str(raw)
        # A numeric cell in Excel holds 15 significant digits; an 18-digit number read back from one
        # ends in "000". A genuine number ending in 000 is rare (sequence x00, check 0) and has an
        # easy way out that the message gives: store it as text.
        if len(text) >= 18 and text.endswith("000"):
            raise _float_lost_digits(text)
        return text
    text = unicodedata.normalize("NFKC", str(raw)).translate(_INVISIBLE)
    text = _SPACES.sub("", text)
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1]  # CSV exporters' trick to keep Excel from converting: ="530102..."
    text = text.lstrip("'")
    return text.replace("x", "X")


def parse_id_number(raw: object, *, today: datetime.date | None = None) -> IdCardInfo:
    """Validate an 18-character resident ID number and return what it encodes.

    Accepts ``str``, ``int``, ``float``, ``Decimal`` and ``None`` (anything else is checked as its
    ``str()``). Raises :class:`IdCardError`. ``today`` bounds the birth date (default: today).
    """
    text = normalize_id_text(raw)
    if not text:
        raise IdCardError(
            "empty",
            "身份证号码为空，请填写 18 位居民身份证号码",
            "The ID number is empty; enter the 18-character resident ID number.",
        )
    if _SCIENTIFIC.fullmatch(text):
        raise _float_lost_digits(text)
    decimal_zero = _DECIMAL_POINT_ZERO.fullmatch(text)
    if decimal_zero:
        # "530102199001011000.0": a number that went through a float or a number format.
        digits = decimal_zero.group(1)
        if len(digits) >= 15:
            raise _float_lost_digits(text)
    bad = [] if _ID_CHARS.fullmatch(text) else sorted(set(_ID_CHARS_BAD.findall(text)))
    if bad:
        shown = "、".join(f"“{c}”" for c in bad)
        shown_en = ", ".join(repr(c) for c in bad)
        raise IdCardError(
            "bad_chars",
            f"身份证号码中有多余的字符 {shown}；号码只能是 18 位数字，最后一位可以是 X，"
            "请核对后重新填写",
            f"The ID number contains invalid characters ({shown_en}); it must be 18 digits, the "
            "last of which may be X.",
        )
    if len(text) == 15 and text.isdigit():
        raise IdCardError(
            "length_15",
            "这是 15 位的旧身份证号码，现已停用。请向选手索取 18 位居民身份证号码后重新填写",
            "This is an old 15-digit ID number, which is no longer in use. Ask the contestant for "
            "the 18-character resident ID number and enter that instead.",
        )
    if len(text) != 18:
        raise IdCardError(
            "length",
            f"身份证号码应为 18 位，表中为 {len(text)} 位，请核对是否多输或漏输",
            f"An ID number has 18 characters; this one has {len(text)}. Check for a missing or "
            "extra digit.",
        )
    if "X" in text[:17]:
        raise IdCardError(
            "bad_chars",
            f"身份证号码只有最后一位可以是 X，这个号码的第 {text.index('X') + 1} 位是 X，请核对",
            f"Only the last character of an ID number may be X; here character "
            f"{text.index('X') + 1} is X.",
        )
    if text[0] not in "12345678":
        raise IdCardError(
            "region",
            f"身份证号码开头的地区代码“{text[:2]}”不存在（第一位应为 1 至 8），请核对",
            f"The ID number starts with the region code “{text[:2]}”, which does not exist "
            "(the first digit must be 1 to 8).",
        )

    year, month, day = int(text[6:10]), int(text[10:12]), int(text[12:14])
    shown_date = f"{text[6:10]}-{text[10:12]}-{text[12:14]}"
    try:
        birth = datetime.date(year, month, day)
    except ValueError:
        raise IdCardError(
            "bad_date",
            f"身份证号码第 7 至 14 位表示的出生日期 {shown_date} 不存在，请核对",
            f"Characters 7 to 14 of the ID number give the birth date {shown_date}, which does "
            "not exist.",
        ) from None
    today = today or datetime.date.today()
    if birth < _EARLIEST_BIRTH or birth > today:
        when_zh = "早于 1900 年" if birth < _EARLIEST_BIRTH else "晚于今天"
        when_en = "before 1900" if birth < _EARLIEST_BIRTH else "in the future"
        raise IdCardError(
            "bad_date",
            f"身份证号码中的出生日期 {shown_date} {when_zh}，不可能正确，请核对",
            f"The birth date in the ID number, {shown_date}, is {when_en}; it cannot be right.",
        )

    expected = check_character(text[:17])
    if text[17] != expected:
        if text.endswith("000"):
            # Excel kept 15 significant digits and padded with zeros; the check fails by chance.
            raise _float_lost_digits(text)
        raise IdCardError(
            "checksum",
            f"校验位不正确（应为 {expected}，表中为 {text[17]}），请核对证件，多半是某一位抄错了",
            f"The check character is wrong (it should be {expected}, the sheet has {text[17]}); "
            "compare with the ID card, probably one digit was mistyped.",
        )
    gender: Gender = "M" if int(text[16]) % 2 == 1 else "F"
    return IdCardInfo(number=text, birth_date=birth, gender=gender, region_code=text[:6])


def mask_id(number: str) -> str:
    """Show the first 4 and last 4 characters only: ``"5301**********123X"``.

    Anything of 8 characters or fewer is masked completely (there is nothing safe to show).
    """
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make_id_number(region6: str, birth: datetime.date, seq3: int, gender: Gender) -> str:
    """Build a checksum-valid ID number (demo data and tests).

    The sequence's last digit is flipped to the neighbouring number when its parity does not match
    ``gender`` (odd = male), so ``seq3`` 0 for a man becomes 001 and 999 for a woman becomes 998.
    """
    if len(region6) != 6 or not region6.isascii() or not region6.isdigit():
        raise ValueError(f"region6 must be 6 digits, got {region6!r}")
    if region6[0] not in "12345678":
        raise ValueError(f"region6 must start with 1-8, got {region6!r}")
    if not 0 <= seq3 <= 999:
        raise ValueError(f"seq3 must be 0..999, got {seq3}")
    if gender not in ("M", "F"):
        raise ValueError(f"gender must be 'M' or 'F', got {gender!r}")
    if not 1000 <= birth.year <= 9999:
        raise ValueError(f"birth year must have 4 digits, got {birth.year}")
    if (seq3 % 2 == 1) != (gender == "M"):
        seq3 ^= 1
    first17 = f"{region6}{birth:%Y%m%d}{seq3:03d}"
    return first17 + check_character(first17)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Completed years of age on ``day`` (someone born on 29 February turns a year older on
    1 March in common years)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
