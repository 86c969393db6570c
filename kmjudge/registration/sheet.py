"""Read registration sheets (报名表) the way real offices produce them.

Pure parsing: no database, no Qt. :func:`read_registration_file` takes an .xlsx or .csv file and
returns a :class:`ParsedSheet` with the rows that can be imported, the rows that cannot (each with
one or more :class:`RowIssue`), and warnings that do not stop an import. File-level problems raise
:class:`SheetError`, never a bare traceback.

What it survives: title rows above the header (merged or not), header synonyms and decorations
(``身份证号码（必填）*``), merged cells (the top-left value counts for every cell of a merge),
full-width characters and stray spaces, blank rows, trailing empty columns, numbers stored as
numbers (phones, dates), dates as Excel dates or text, and notes rows (``备注：...``,
``填表人：...``) below the data. CSV may be UTF-8 (with or without BOM) or GBK/GB18030.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from kmjudge import untrusted
from kmjudge.registration.idcard import Gender, IdCardError, IdCardInfo, parse_id_number

__all__ = [
    "FIELD_LABELS_ZH",
    "HEADER_SYNONYMS",
    "ParsedRow",
    "ParsedSheet",
    "RowIssue",
    "SheetError",
    "export_rejections_xlsx",
    "read_registration_file",
]

# --------------------------------------------------------------------------------------------------
# Fields and header synonyms


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Canonical field -> header texts that mean it (compared after normalisation, see _norm_header).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": _words("序号 编号 no no."),
    "name": _words("姓名 选手姓名 参赛选手 参赛选手姓名 参赛人员 参赛人员姓名 name"),
    "gender": _words("性别 gender sex"),
    "id_number": _words(
        "身份证号 身份证号码 证件号码 证件号 居民身份证号 居民身份证号码 "
        "公民身份号码 身份证件号码 身份证 idnumber idno id"
    ),
    "birth_date": _words("出生日期 出生年月 出生年月日 出生时间 生日"),
    "employer": _words(
        "工作单位 单位 所在单位 单位名称 工作单位全称 "
        "所在单位名称 单位全称 工作单位名称 所在企业 企业名称"
    ),
    "district": _words(
        "所属区县 区县 县(市)区 县市区 县区 所属县区 所属县(市)区 所属县市区 所属地区 地区 所属区域"
    ),
    "trade": _words("参赛工种 工种 参赛项目 竞赛工种 竞赛项目 比赛工种 比赛项目"),
    "phone": _words("联系电话 手机 手机号 手机号码 电话 电话号码 联系方式 联系手机 phone mobile"),
    "ethnicity": _words("民族"),
    "education": _words("学历 文化程度 最高学历"),
    "job_title": _words("职务 职称 岗位 职务/职称 职务职称 职务(职称) 岗位/职务"),
    "qualification": _words(
        "现职业资格等级 职业资格等级 技能等级 职业技能等级 现职业技能等级 资格等级 现技能等级"
    ),
    "ticket_no": _words("准考证号 准考证号码 准考证"),
    "group": _words("组别 参赛组别"),
    "email": _words("邮箱 电子邮箱 电子邮件 email e-mail"),
    "recommended_by": _words("推荐单位"),
    "remarks": _words("备注"),
}

#: How messages name each field.
FIELD_LABELS_ZH: dict[str, str] = {
    "seq": "序号",
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号码",
    "birth_date": "出生日期",
    "employer": "工作单位",
    "district": "所属区县",
    "trade": "参赛工种",
    "phone": "联系电话",
    "ethnicity": "民族",
    "education": "学历",
    "job_title": "职务",
    "qualification": "职业资格等级",
    "ticket_no": "准考证号",
    "group": "组别",
    "email": "电子邮箱",
    "recommended_by": "推荐单位",
    "remarks": "备注",
}

_REQUIRED = ("name", "id_number")
# Filled in on a row that nobody meant to leave blank; other columns (trade, employer, seq...) are
# often pre-filled down a template and alone do not make a row worth reporting.
_PERSONAL_FIELDS = ("gender", "birth_date", "phone", "email", "ticket_no")
_HEADER_SCAN_ROWS = 15
_MAX_NAME_LEN = 30

# --------------------------------------------------------------------------------------------------
# Public data types


class SheetError(Exception):
    """A file that cannot be read as a registration sheet at all. ``str(e)`` is the English text."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


@dataclass
class RowIssue:
    """One problem with one row (or one cell of it).

    ``row`` is the row number the clerk sees in Excel (for CSV, the record number, which is the line
    number unless a quoted value spans lines). ``column`` is the header text as written in the sheet
    ("" for the whole row), ``value`` the cell as it was written.
    """

    row: int
    column: str
    field: str
    code: str
    message_zh: str
    message_en: str
    value: str


@dataclass
class ParsedRow:
    """A row that can be imported. Strings are "" when absent; gender and birth date come from the
    ID number."""

    row: int
    name: str
    id_number: str
    gender: Gender
    birth_date: datetime.date
    employer: str
    district: str
    trade: str
    phone: str
    ethnicity: str
    education: str
    job_title: str
    qualification: str
    ticket_no: str
    group: str
    email: str
    recommended_by: str
    remarks: str
    warnings: list[RowIssue] = field(default_factory=list)


@dataclass
class ParsedSheet:
    """The outcome of reading one sheet.

    ``header_row`` is the (last) row holding the column names; ``columns`` maps each recognised
    field to the header text used for it; ``rejected`` holds every issue of every rejected row (a
    row with any error is rejected whole); ``warnings`` holds the warnings of the accepted rows;
    ``total_data_rows`` counts rows that looked like data (blank and notes rows excluded);
    ``ignored_columns`` lists header texts that were not recognised and so not imported.
    """

    path: str
    sheet_name: str
    encoding: str | None
    header_row: int
    columns: dict[str, str]
    rows: list[ParsedRow]
    rejected: list[RowIssue]
    warnings: list[RowIssue]
    total_data_rows: int
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rejected_rows(self) -> list[int]:
        """Row numbers with at least one error, ascending."""
        return sorted({issue.row for issue in self.rejected})


# --------------------------------------------------------------------------------------------------
# Text clean-up

# Full-width digits and Latin letters and the ideographic space fold to ASCII everywhere. Chinese
# punctuation （，：） is left alone in free text: 单位（盖章） is how the office writes it and it
# ends up on certificates. Fields that are codes (phone, email, dates) get full NFKC instead.
_FOLD = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)},
    **{cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)},
    **{cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
    0x00A0: 0x20,
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
}
_WS = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u00b7\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Middle dots people type in minority names (买买提·艾力): all become U+00B7.
_NAME_DOTS = str.maketrans(dict.fromkeys(".．・･•‧⋅∙ˑ", "·"))
_NAME_DOT_GAP = re.compile(r"\s*·\s*")


@functools.lru_cache(maxsize=8192)  # districts, trades, units... repeat down a sheet
def _clean_text(text: str) -> str:
    """Fold full-width letters/digits, drop invisible characters, collapse and trim spaces, and
    drop spaces between Chinese characters ("昆明 电力" -> "昆明电力")."""
    parts = text.translate(_FOLD).split()  # split() knows U+3000, NBSP and friends
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return _CJK_GAP.sub("", " ".join(parts))


def _cell_text(value: object) -> str:
    """A cell as clean text: numbers without a spurious ".0", dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean_text(value)
    return _display(value)


def _display(value: object) -> str:
    """A cell the way Excel would show it (used for the "value" of an issue)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15G}"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        # str.strip() already knows U+3000 and NBSP; zero-width characters it does not.
        return not value.strip().strip(_INVISIBLE)
    return False


# --------------------------------------------------------------------------------------------------
# Headers

_HEADER_DECOR = re.compile(r"^[*#※★●\-]+|[*#※★●:]+$")
_HEADER_TAGS = re.compile(r"[(\[【]\s*(?:必填|必填项|选填|可选|必须填写|必需)\s*[)\]】]")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>")


def _norm_header(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", _display(value)).translate(_FOLD)
    text = _WS.sub("", text).lower()
    text = _HEADER_TAGS.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _HEADER_DECOR.sub("", text)
    return text


_HEADER_LOOKUP: dict[str, str] = {
    _norm_header(synonym): canonical
    for canonical, synonyms in HEADER_SYNONYMS.items()
    for synonym in synonyms
}


def _match_header(value: object) -> str | None:
    """The canonical field a header cell names, or None."""
    text = _norm_header(value)
    if not text:
        return None
    found = _HEADER_LOOKUP.get(text)
    if found:
        return found
    # "身份证号码(18位)", "出生日期(yyyy-mm-dd)", "联系电话【手机】"
    stripped = _BRACKETED.sub("", text)
    if stripped and stripped != text:
        found = _HEADER_LOOKUP.get(stripped)
        if found:
            return found
    # "联系电话/手机", "职务、职称", "身份证号码/护照号": the known parts must name one field.
    parts = [p for p in re.split(r"[/、|,;]|或", stripped or text) if p]
    if len(parts) > 1:
        fields = {_HEADER_LOOKUP[p] for p in parts if p in _HEADER_LOOKUP}
        if len(fields) == 1:
            return fields.pop()
    return None


@dataclass
class _Header:
    row_index: int  # 0-based index of the last header row
    fields: dict[str, list[int]]  # field -> column indices, in sheet order
    texts: dict[int, str]  # column index -> header text as written
    ignored: list[str]

    def column_text(self, field_name: str) -> str:
        return self.texts[self.fields[field_name][0]]


@dataclass
class _HeaderScan:
    header: _Header | None
    # the best row that looked like a header but lacked a required column
    partial: dict[str, str] | None


def _header_cells(row: Sequence[object]) -> tuple[dict[int, str], dict[int, str], int]:
    """(column -> field, column -> text, count of non-empty unrecognised cells) for one row."""
    matched: dict[int, str] = {}
    texts: dict[int, str] = {}
    unknown = 0
    for col, value in enumerate(row):
        if _is_blank(value):
            continue
        text = _WS.sub(" ", _display(value)).strip()
        texts[col] = text
        found = _match_header(value)
        if found:
            matched[col] = found
        else:
            unknown += 1
    return matched, texts, unknown


def _find_header(rows: Sequence[Sequence[object]]) -> _HeaderScan:
    """The first of the first 15 rows that names at least 3 known columns including name and ID
    (or only known columns, for a sheet of just 姓名 + 身份证号码)."""
    partial: dict[str, str] | None = None
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        matched, texts, unknown = _header_cells(row)
        present = set(matched.values())
        required_ok = all(f in present for f in _REQUIRED)
        if required_ok and (len(present) >= 3 or unknown == 0):
            return _HeaderScan(_build_header(rows, index, matched, texts), None)
        if len(present) >= 3 and (partial is None or len(present) > len(partial)):
            partial = {}
            for col in sorted(matched):
                partial.setdefault(matched[col], texts[col])
    return _HeaderScan(None, partial)


def _build_header(
    rows: Sequence[Sequence[object]],
    index: int,
    matched: dict[int, str],
    texts: dict[int, str],
) -> _Header:
    # Two-row headers: "联系方式" merged over "手机 | 邮箱", with 姓名/身份证号码 merged down
    # both rows. The merge fill repeats 姓名 and 身份证号码 in the second row; its sub-headers win.
    if index + 1 < len(rows):
        below, below_texts, _ = _header_cells(rows[index + 1])
        name_cols = [c for c, f in matched.items() if f == "name"]
        id_cols = [c for c, f in matched.items() if f == "id_number"]
        if below.get(name_cols[0]) == "name" and below.get(id_cols[0]) == "id_number":
            matched = {**matched, **below}
            texts = {**texts, **below_texts}
            index += 1
    fields: dict[str, list[int]] = {}
    for col in sorted(matched):
        fields.setdefault(matched[col], []).append(col)
    ignored = [texts[c] for c in sorted(texts) if c not in matched]
    return _Header(index, fields, texts, ignored)


def _chinese_synonyms(field_name: str) -> list[str]:
    return [s for s in HEADER_SYNONYMS[field_name] if not s.isascii()]


def _no_header_error() -> SheetError:
    wanted = ("name", "id_number", "gender", "employer", "district", "trade", "phone")
    listing_zh = "；".join(
        f"{FIELD_LABELS_ZH[f]}（{'、'.join(_chinese_synonyms(f))}）" for f in wanted
    )
    return SheetError(
        "no_header",
        f"在前 {_HEADER_SCAN_ROWS} 行里没有找到报名表的表头。"
        "表头这一行至少要有“姓名”和“身份证号码”两列，以及其他常见列中的一列。"
        f"可以识别的列名有：{listing_zh}，等等。"
        "请确认选对了文件和工作表，并检查表头是否写在前 15 行",
        f"No registration header was found in the first {_HEADER_SCAN_ROWS} rows. The header row "
        "needs a name column (姓名) and an ID number column (身份证号码) and at least one more "
        "known column such as 性别, 工作单位, 所属区县, 参赛工种 or 联系电话. Check that the right "
        "file and sheet were chosen.",
    )


def _missing_columns_error(found: dict[str, str]) -> SheetError:
    missing = [f for f in _REQUIRED if f not in found]
    missing_zh = "、".join(f"“{FIELD_LABELS_ZH[f]}”" for f in missing)
    synonyms_zh = "；".join(
        f"{FIELD_LABELS_ZH[f]}列可以叫：{'、'.join(_chinese_synonyms(f))}" for f in missing
    )
    found_zh = "、".join(found.values())
    return SheetError(
        "missing_column",
        f"表头中缺少必填的 {missing_zh} 列（已识别的列：{found_zh}）。{synonyms_zh}。"
        "请在表中补上这一列后重新导入",
        f"The header lacks the required column(s) {', '.join(missing)} (recognised: {found_zh}). "
        "Add the column and import again.",
    )


# --------------------------------------------------------------------------------------------------
# Row values

_GENDER_WORDS: dict[str, Gender] = {
    "男": "M",
    "男性": "M",
    "m": "M",
    "male": "M",
    "女": "F",
    "女性": "F",
    "f": "F",
    "female": "F",
}
_NOTE_ROW = re.compile(
    r"[*※]?(?:备注|附注|注|说明|填表说明|填表人|填报人|制表人|制表|审核人|审核|联系人|负责人|单位负责人"
    r"|经办人|填表日期|填报日期|报送日期|日期|单位盖章|盖章|单位\(盖章\)|\(盖章\)|签字|签名"
    r"|合计|总计|共计|小计)(?::|$|\d)"
)
_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"\(?(0\d{2,3})\)?-?(\d{7,8})(?:(?:-|转|ext\.?)(\d{1,6}))?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}")
_YMD = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # "1990-01-01 00:00:00" from a str(datetime)
)
_YMD_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YM = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_YM_COMPACT = re.compile(r"(\d{4})(\d{2})")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)

# (year, month, day or None for 出生年月)
_DateParts = tuple[int, int, int | None]


def _date_candidates(value: object) -> list[_DateParts] | None:
    """What a birth-date cell can mean, or None when it cannot be read."""
    if isinstance(value, datetime.datetime):
        return [(value.year, value.month, value.day)]
    if isinstance(value, datetime.date):
        return [(value.year, value.month, value.day)]
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
        if 19000101 <= number <= 29991231 or 190001 <= number <= 299912:
            return _date_candidates(str(number))  # 19900101 or 199001 typed into a number cell
        if 1 <= number < 100000:  # an Excel serial date in a cell formatted as General
            serial = _EXCEL_EPOCH + datetime.timedelta(days=number)
            return [(serial.year, serial.month, serial.day)]
        return None
    if isinstance(value, float):
        text = repr(value)
        found = _date_candidates(text)
        # 1990.10 typed into a number cell arrives as 1990.1: January or October.
        if found and re.fullmatch(r"\d{4}\.1", text):
            found.append((found[0][0], 10, None))
        return found
    text = unicodedata.normalize("NFKC", _cell_text(value))
    if not text:
        return None
    for pattern in (_YMD, _YMD_COMPACT):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                datetime.date(year, month, day)
            except ValueError:
                return None
            return [(year, month, day)]
    for pattern in (_YM, _YM_COMPACT):
        match = pattern.fullmatch(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            return [(year, month, None)] if 1 <= month <= 12 else None
    return None


def _clean_name(value: object) -> str:
    text = _cell_text(value)
    if _HAS_CJK.search(text):
        text = text.translate(_NAME_DOTS)
        text = _WS.sub("", text)
    else:
        text = _NAME_DOT_GAP.sub("·", text) if "·" in text else text
    return text


def _normalize_phone(value: object) -> tuple[str, bool]:
    """(phone as stored, looks valid). Mobiles become 11 bare digits; landlines area-number."""
    text = unicodedata.normalize("NFKC", _cell_text(value))
    compact = re.sub(r"[\s\-()]", "", text)
    for prefix in ("+86", "0086", "86"):
        if compact.startswith(prefix) and _MOBILE.fullmatch(compact[len(prefix) :]):
            compact = compact[len(prefix) :]
    if _MOBILE.fullmatch(compact):
        return compact, True
    landline = _LANDLINE.fullmatch(re.sub(r"\s", "", text))
    if landline:
        area, number, ext = landline.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else ""), True
    return text, False


# --------------------------------------------------------------------------------------------------
# Rows -> ParsedSheet


@dataclass
class _Row:
    """One data row while it is being checked."""

    number: int
    cells: Sequence[object]
    values: dict[str, object]  # field -> first non-blank cell of its columns
    columns: dict[str, str]  # field -> header text of the column the value came from
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)

    def issue(self, field_name: str, code: str, zh: str, en: str, *, error: bool = True) -> None:
        raw = _display(self.values.get(field_name))
        found = RowIssue(
            self.number, self.columns.get(field_name, ""), field_name, code, zh, en, raw
        )
        (self.errors if error else self.warnings).append(found)

    def text(self, field_name: str) -> str:
        return _cell_text(self.values.get(field_name))


class _RowParser:
    """Checks data rows one by one, remembering ID numbers to find duplicates."""

    def __init__(self, header: _Header) -> None:
        self.header = header
        self.first_row_of_id: dict[str, int] = {}
        self.rows: list[ParsedRow] = []
        self.rejected: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        self.total = 0

    def add(self, number: int, cells: Sequence[object]) -> None:
        row = self._row(number, cells)
        if self._is_skippable(row):
            return
        self.total += 1
        name = self._check_name(row)
        info = self._check_id(row)
        self._check_gender(row, info)
        self._check_birth_date(row, info)
        phone = self._check_phone(row)
        email = self._check_email(row)
        if row.errors or info is None:
            self.rejected.extend(row.errors)
            return
        self.rows.append(
            ParsedRow(
                row=number,
                name=name,
                id_number=info.number,
                gender=info.gender,
                birth_date=info.birth_date,
                employer=row.text("employer"),
                district=row.text("district"),
                trade=row.text("trade"),
                phone=phone,
                ethnicity=row.text("ethnicity"),
                education=row.text("education"),
                job_title=row.text("job_title"),
                qualification=row.text("qualification"),
                ticket_no=row.text("ticket_no"),
                group=row.text("group"),
                email=email,
                recommended_by=row.text("recommended_by"),
                remarks=row.text("remarks"),
                warnings=row.warnings,
            )
        )
        self.warnings.extend(row.warnings)

    def _row(self, number: int, cells: Sequence[object]) -> _Row:
        values: dict[str, object] = {}
        columns: dict[str, str] = {}
        width = len(cells)
        for field_name, cols in self.header.fields.items():
            columns[field_name] = self.header.texts[cols[0]]
            for col in cols:  # 职务 and 职称 both map to job_title: the first filled one counts
                if col < width and not _is_blank(cells[col]):
                    values[field_name] = cells[col]
                    columns[field_name] = self.header.texts[col]
                    break
        return _Row(number, cells, values, columns)

    @staticmethod
    def _is_skippable(row: _Row) -> bool:
        first = next((v for v in row.cells if not _is_blank(v)), None)
        if first is None:
            return True  # blank row
        if isinstance(first, str):
            lead = _WS.sub("", unicodedata.normalize("NFKC", first))
            if _NOTE_ROW.match(lead):
                return True  # 备注：... / 填表人：... below (or between) the data
        name, id_raw = row.values.get("name"), row.values.get("id_number")
        if (
            isinstance(id_raw, str)
            and not any(c.isdigit() for c in id_raw)
            and _match_header(name) == "name"
            and _match_header(id_raw) == "id_number"
        ):
            return True  # the header repeated (printed pages, pasted blocks)
        if name is None and id_raw is None:
            # Template rows with only 序号/工种/单位 pre-filled are blank to the clerk.
            return not any(f in row.values for f in _PERSONAL_FIELDS)
        return False

    @staticmethod
    def _check_name(row: _Row) -> str:
        name = _clean_name(row.values.get("name"))
        if not name:
            row.issue(
                "name",
                "name_missing",
                "姓名为空，请填写选手姓名",
                "The name is empty; enter the contestant's name.",
            )
        elif len(name) > _MAX_NAME_LEN:
            row.issue(
                "name",
                "name_too_long",
                f"姓名有 {len(name)} 个字，超过 {_MAX_NAME_LEN} 个字，"
                "请检查是否把其他内容填进了姓名列",
                f"The name has {len(name)} characters, more than {_MAX_NAME_LEN}; check that "
                "nothing else was typed into the name column.",
            )
        return name

    def _check_id(self, row: _Row) -> IdCardInfo | None:
        try:
            info = parse_id_number(row.values.get("id_number"))
        except IdCardError as exc:
            row.issue("id_number", exc.code, exc.message_zh, exc.message_en)
            return None
        first = self.first_row_of_id.setdefault(info.number, row.number)
        if first != row.number:
            row.issue(
                "id_number",
                "duplicate_in_file",
                f"这个身份证号码与第 {first} 行重复，同一选手只能报名一次；"
                "请删除重复的行，或核对号码是否填错",
                f"This ID number already appears in row {first}; a contestant can only be "
                "registered once. Delete the duplicate row or correct the number.",
            )
        return info

    @staticmethod
    def _check_gender(row: _Row, info: IdCardInfo | None) -> None:
        if "gender" not in row.values:
            return
        written = row.text("gender")
        gender = _GENDER_WORDS.get(unicodedata.normalize("NFKC", written).replace(" ", "").lower())
        if gender is None:
            row.issue(
                "gender",
                "bad_gender",
                f"性别“{written}”无法识别，请填写“男”或“女”",
                f"The gender “{written}” is not understood; write 男 or 女 (M or F).",
            )
        elif info is not None and gender != info.gender:
            said = "男" if gender == "M" else "女"
            says = "男" if info.gender == "M" else "女"
            row.issue(
                "gender",
                "gender_mismatch",
                f"性别填的是“{said}”，但身份证号码第 17 位表明是{says}性，请核对性别和身份证号码",
                f"The gender says {gender} but the ID number (17th digit) says {info.gender}; "
                "check the gender and the ID number.",
            )

    @staticmethod
    def _check_birth_date(row: _Row, info: IdCardInfo | None) -> None:
        if "birth_date" not in row.values:
            return
        written = _display(row.values["birth_date"])
        candidates = _date_candidates(row.values["birth_date"])
        if candidates is None:
            row.issue(
                "birth_date",
                "birth_unreadable",
                f"出生日期“{written}”看不懂，已改用身份证号码中的出生日期"
                "（可写成 1990-01-01 或 1990年1月1日）",
                f"The birth date “{written}” cannot be read; the date from the ID number is used "
                "instead.",
                error=False,
            )
            return
        if info is None:
            return
        birth = info.birth_date
        if any(
            (y, m) == (birth.year, birth.month) and d in (None, birth.day) for y, m, d in candidates
        ):
            return
        y, m, d = candidates[0]
        shown = f"{y}-{m:02d}" + (f"-{d:02d}" if d is not None else "")
        row.issue(
            "birth_date",
            "birth_mismatch",
            f"出生日期填的是 {shown}，但身份证号码中的出生日期是 {birth.isoformat()}，"
            "请核对出生日期和身份证号码",
            f"The birth date says {shown} but the ID number says {birth.isoformat()}; check both.",
        )

    @staticmethod
    def _check_phone(row: _Row) -> str:
        if "phone" not in row.values:
            return ""
        phone, valid = _normalize_phone(row.values["phone"])
        if not valid:
            row.issue(
                "phone",
                "phone_format",
                f"联系电话“{phone}”既不是 11 位手机号码，也不是带区号的固定电话"
                "（如 0871-63198587），请核对；不影响导入",
                f"The phone “{phone}” is neither an 11-digit mobile number nor a landline with "
                "area code (e.g. 0871-63198587); please check. The row is imported.",
                error=False,
            )
        return phone

    @staticmethod
    def _check_email(row: _Row) -> str:
        if "email" not in row.values:
            return ""
        email = unicodedata.normalize("NFKC", row.text("email")).replace(" ", "")
        if not _EMAIL.fullmatch(email):
            row.issue(
                "email",
                "email_format",
                f"电子邮箱“{email}”格式不对，请核对；不影响导入",
                f"The e-mail address “{email}” does not look valid; please check. The row is "
                "imported.",
                error=False,
            )
        return email


# --------------------------------------------------------------------------------------------------
# Files

_XLSX_EXTENSIONS = {".xlsx", ".xlsm", ".xltx", ".xltm"}
_CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
_OLD_EXCEL_EXTENSIONS = {".xls", ".et", ".ett", ".xlsb", ".ods"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class _Table:
    name: str
    rows: list[list[object]]
    header: _Header


def _save_as_xlsx_error(code: str, what_zh: str, what_en: str) -> SheetError:
    return SheetError(
        code,
        f"{what_zh}请用 Excel 或 WPS 打开这个文件，选择“文件 → 另存为”，保存类型选"
        "“Excel 工作簿 (*.xlsx)”，然后导入另存的文件",
        f"{what_en} Open the file in Excel or WPS, choose File → Save As, pick "
        "“Excel Workbook (*.xlsx)” and import the saved copy.",
    )


def read_registration_file(
    path: str | os.PathLike[str], *, sheet: str | None = None
) -> ParsedSheet:
    """Read an .xlsx or .csv registration sheet.

    ``sheet`` picks a worksheet by name; by default the first sheet with a recognisable header is
    used. Raises :class:`SheetError` for problems with the file as a whole.
    """
    file = Path(path)
    if not file.is_file():
        raise SheetError(
            "not_found",
            f"找不到文件“{file}”，请确认文件没有被移动、改名或删除",
            f"The file “{file}” was not found; it may have been moved, renamed or deleted.",
        )
    try:
        too_big = untrusted.text_file_problem(file.stat().st_size)
        if too_big:
            raise SheetError("too_large", *too_big)
        data = file.read_bytes()
    except OSError as exc:
        raise SheetError(
            "unreadable",
            f"无法读取文件“{file.name}”。如果它正在 Excel 或 WPS 中打开，请先关闭后重试",
            f"The file “{file.name}” cannot be read ({exc.strerror or exc}). If it is open in "
            "Excel or WPS, close it and try again.",
        ) from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise SheetError(
            "empty",
            f"文件“{file.name}”是空的，没有任何内容，请确认选对了文件",
            f"The file “{file.name}” is empty; check that the right file was chosen.",
        )
    suffix = file.suffix.lower()
    spreadsheet = suffix in _XLSX_EXTENSIONS or suffix in _OLD_EXCEL_EXTENSIONS
    if not spreadsheet and suffix not in _CSV_EXTENSIONS:
        raise SheetError(
            "unsupported_type",
            f"不支持“{suffix or '无扩展名'}”类型的文件。请导入 Excel 工作簿（.xlsx）"
            "或 CSV 文件（.csv）",
            f"Files of type “{suffix or 'no extension'}” are not supported; import an Excel "
            "workbook (.xlsx) or a CSV file (.csv).",
        )
    if data.startswith(_OLE_MAGIC):
        raise _save_as_xlsx_error(
            "xls_unsupported",
            "这是旧版 Excel 97-2003 格式（.xls）或设置了打开密码的文件，无法直接导入。"
            "如有密码请先取消密码；",
            "This is an old Excel 97-2003 (.xls) file or a password-protected workbook, which "
            "cannot be imported directly. Remove any password first.",
        )
    if suffix in (".ods", ".xlsb"):
        raise _save_as_xlsx_error(
            "xls_unsupported",
            f"不支持 {suffix} 格式的表格。",
            f"Spreadsheets in the {suffix} format are not supported.",
        )
    if data.startswith(_ZIP_MAGIC):
        bomb = untrusted.xlsx_problem(data)  # measured before openpyxl inflates anything
        if bomb:
            raise SheetError("too_large", *bomb)
        # An .xlsx, also when it was renamed to .xls or .csv.
        table, encoding = _read_xlsx(file, data, sheet), None
    elif spreadsheet:
        raise _save_as_xlsx_error(
            "corrupt",
            f"文件“{file.name}”虽然扩展名是 {suffix}，但内容不是 Excel 工作簿（可能是网页、"
            "文本或已损坏的文件）。",
            f"The file “{file.name}” has the extension {suffix} but is not an Excel workbook (it "
            "may be a web page, plain text or a damaged file).",
        )
    else:
        text, encoding = _decode(data, file.name)
        table = _read_csv(text, file.name)

    parser = _RowParser(table.header)
    for index in range(table.header.row_index + 1, len(table.rows)):
        parser.add(index + 1, table.rows[index])
    return ParsedSheet(
        path=str(file),
        sheet_name=table.name,
        encoding=encoding,
        header_row=table.header.row_index + 1,
        columns={f: table.header.column_text(f) for f in table.header.fields if f != "seq"},
        rows=parser.rows,
        rejected=parser.rejected,
        warnings=parser.warnings,
        total_data_rows=parser.total,
        ignored_columns=table.header.ignored,
    )


# ---- CSV


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (BOM or not) strictly, then GB18030 (a superset of GBK), then
    whatever charset-normalizer guesses."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise SheetError(
            "bad_encoding",
            f"无法识别文件“{name}”的文字编码。请用 Excel 打开后另存为“CSV UTF-8（逗号分隔）”"
            "或 .xlsx 文件再导入",
            f"The text encoding of “{name}” cannot be recognised; save it from Excel as "
            "“CSV UTF-8 (Comma delimited)” or as .xlsx and import again.",
        )
    return str(best), best.encoding


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in islice(text.splitlines(), 30) if line.strip()]
    sample = "\n".join(lines)
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str, name: str) -> _Table:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        rows: list[list[object]] = [
            list(record) for record in islice(reader, untrusted.MAX_SHEET_ROWS + 1)
        ]
    except csv.Error as exc:
        raise SheetError(
            "corrupt",
            f"文件“{name}”不是有效的 CSV 文件，无法读取。请用 Excel 打开后另存为 .xlsx 再导入",
            f"“{name}” is not a valid CSV file ({exc}); save it from Excel as .xlsx and import "
            "again.",
        ) from None
    if len(rows) > untrusted.MAX_SHEET_ROWS:
        raise SheetError("too_many_rows", *untrusted.too_many_rows())
    if not any(not _is_blank(v) for row in rows for v in row):
        raise SheetError(
            "empty",
            f"文件“{name}”里没有任何内容，请确认选对了文件",
            f"The file “{name}” has no content; check that the right file was chosen.",
        )
    scan = _find_header(rows)
    if scan.header is None:
        raise _missing_columns_error(scan.partial) if scan.partial else _no_header_error()
    return _Table("", rows, scan.header)


# ---- XLSX

_MERGE_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([A-Za-z0-9:$]+)\"")


def _merged_ranges(data: bytes, worksheet: Any, title: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merge, 1-based.

    read_only mode does not expose merges, and a full load is ~60 % slower, so the <mergeCell>
    elements (after <sheetData>) are read from the worksheet's XML part directly. Should openpyxl
    stop saying where that part is, a full load of the workbook finds them instead.
    """
    from openpyxl.utils.cell import range_boundaries

    part = getattr(worksheet, "_worksheet_path", None)
    if isinstance(part, str):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(part.lstrip("/"))
        tail = xml[max(xml.rfind(b"</sheetData>"), 0) :]
        refs = [m.group(1).decode("ascii") for m in _MERGE_REF.finditer(tail)]
    else:
        refs = _merged_refs_by_full_load(data, title)
    ranges = []
    for ref in refs:
        bounds = range_boundaries(ref.replace("$", ""))
        if None not in bounds:
            min_col, min_row, max_col, max_row = (int(b) for b in bounds if b is not None)
            ranges.append((min_col, min_row, max_col, max_row))
    return ranges


def _merged_refs_by_full_load(data: bytes, title: str) -> list[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        return [str(r) for r in workbook[title].merged_cells.ranges]
    finally:
        workbook.close()


def _apply_merges(
    rows: list[list[object]], merges: list[tuple[int, int, int, int]], upto: int
) -> None:
    """Give every cell of a merge the top-left cell's value (rows[:upto] only)."""
    width = max((len(r) for r in rows[:upto]), default=0)
    for min_col, min_row, max_col, max_row in merges:
        if min_row > upto or min_col > width:
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        last_col = min(max_col, width)
        for r in range(min_row - 1, min(max_row, upto)):
            row = rows[r]
            if len(row) < last_col:
                row.extend([None] * (last_col - len(row)))
            for c in range(min_col - 1, last_col):
                row[c] = value


@contextlib.contextmanager
def _damaged_sheet(file: Path, title: str) -> Iterator[None]:
    """Turn whatever openpyxl raises while reading a damaged sheet into a SheetError."""
    try:
        yield
    except Exception:
        raise _save_as_xlsx_error(
            "corrupt",
            f"文件“{file.name}”的工作表“{title}”已损坏，无法读取。",
            f"The sheet “{title}” of “{file.name}” is damaged and cannot be read.",
        ) from None


def _read_xlsx(file: Path, data: bytes, sheet: str | None) -> _Table:
    import openpyxl

    try:
        # From memory: openpyxl refuses paths with extensions it does not know (.xlsx renamed .csv)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from BadZipFile to KeyError on damaged files
        raise _save_as_xlsx_error(
            "corrupt",
            f"文件“{file.name}”已损坏或不是有效的 Excel 工作簿，无法打开。",
            f"The file “{file.name}” is damaged or not a valid Excel workbook.",
        ) from None
    try:
        worksheets = list(workbook.worksheets)
        if sheet is not None:
            chosen = [ws for ws in worksheets if ws.title == sheet]
            if not chosen:
                names = "、".join(f"“{ws.title}”" for ws in worksheets)
                raise SheetError(
                    "sheet_not_found",
                    f"工作簿中没有名为“{sheet}”的工作表（现有：{names}）",
                    f"The workbook has no sheet called “{sheet}” (it has: {names}).",
                )
            worksheets = chosen
        else:  # visible sheets first; a hidden one only if nothing visible has a header
            worksheets.sort(key=lambda ws: ws.sheet_state != "visible")
        partial: dict[str, str] | None = None
        any_content = False
        for ws in worksheets:
            with _damaged_sheet(file, ws.title):
                ws.reset_dimensions()  # some writers record a wrong <dimension>; read every row
                row_iter: Iterator[tuple[object, ...]] = ws.iter_rows(
                    min_row=1, min_col=1, values_only=True
                )
                rows: list[list[object]] = [list(r) for r in islice(row_iter, _HEADER_SCAN_ROWS)]
                merges = _merged_ranges(data, ws, ws.title)
            _apply_merges(rows, merges, len(rows))
            any_content = any_content or any(not _is_blank(v) for r in rows for v in r)
            scan = _find_header(rows)
            if scan.header is None:
                if scan.partial and (partial is None or len(scan.partial) > len(partial)):
                    partial = scan.partial
                continue
            with _damaged_sheet(file, ws.title):
                rows.extend(list(r) for r in islice(row_iter, untrusted.MAX_SHEET_ROWS + 1))
            if len(rows) > untrusted.MAX_SHEET_ROWS:
                raise SheetError("too_many_rows", *untrusted.too_many_rows())
            _apply_merges(rows, merges, len(rows))
            return _Table(ws.title, rows, scan.header)
    finally:
        workbook.close()
    if partial:
        raise _missing_columns_error(partial)
    if not any_content:
        raise SheetError(
            "empty",
            f"文件“{file.name}”的工作表里没有任何内容，请确认选对了文件",
            f"The sheets of “{file.name}” have no content; check that the right file was chosen.",
        )
    raise _no_header_error()


# --------------------------------------------------------------------------------------------------
# Rejection list


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def export_rejections_xlsx(parsed: ParsedSheet, path: str | os.PathLike[str]) -> None:
    """Write the rejected rows' issues (sheet 未通过) and the warnings (sheet 提醒) to an .xlsx the
    clerk can print or send back to the office that filled in the sheet."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    headers = ("行号", "列", "内容", "原因")
    first = workbook.active
    assert first is not None
    first.title = "未通过"
    second = workbook.create_sheet("提醒")
    for ws, issues in ((first, parsed.rejected), (second, parsed.warnings)):
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [_display_width(h) for h in headers]
        for issue in sorted(issues, key=lambda i: i.row):
            values = (issue.row, issue.column, issue.value, issue.message_zh)
            ws.append(values)
            for index, value in enumerate(values):
                widths[index] = max(widths[index], _display_width(str(value)))
            for cell in ws[ws.max_row][1:]:
                cell.data_type = "s"  # a value like "=1+1" stays text, never becomes a formula
                cell.number_format = "@"
            ws.cell(ws.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
        for col, width in zip("ABCD", widths, strict=True):
            ws.column_dimensions[col].width = min(max(width + 2, 8), 70)
        ws.freeze_panes = "A2"
    from kmjudge.fileio import atomic_output  # a pulled stick leaves no half-written list

    with atomic_output(path) as tmp:
        workbook.save(os.fspath(tmp))
