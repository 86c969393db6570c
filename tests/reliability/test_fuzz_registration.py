"""Fuzzing the registration sheet reader (xlsx and csv) through the import service: whatever
the file, the answer is a preview or a clear refusal (a KmError with zh/en text), never a
crash, and a refusal writes nothing (every table's row count unchanged).

Zip bombs, 100,000-column headers and over-long sheets are parsed in a child process with
1 GB of address space: refused cleanly, memory bounded.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmjudge import untrusted
from kmjudge.db.engine import Database, open_database
from kmjudge.errors import KmError
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number
from tests.checkin.conftest import build_venue
from tests.reliability.fuzzing import (
    assert_clear_refusal,
    budget,
    fingerprint,
    mutated,
    parse_bounded_many,
)

HEADERS = [
    "姓名",
    "身份证号码",
    "身份证号",
    "证件号码",
    "性别",
    "工作单位",
    "所属区县",
    "参赛工种",
    "联系电话",
    "准考证号",
    "民族",
    "学历",
    "备注",
    "序号",
    "Name",
    "",
    None,
]


@dataclass
class Target:
    db: Database
    admin: object
    event_id: uuid.UUID
    folder: Path
    n: int = 0

    def path(self, suffix: str) -> Path:
        self.n += 1
        return self.folder / f"in{self.n}{suffix}"


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    folder = tmp_path_factory.mktemp("fuzzreg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = open_database(folder / "fuzz.sqlite3")
        try:
            v = build_venue(db, folder)
            yield Target(db, v.admin, v.event_id, folder)
        finally:
            db.dispose()


def _preview(t: Target, data: bytes, suffix: str) -> service.ImportPreview | None:
    """Preview ``data`` as a file; assert a refusal is clean and nothing was written."""
    path = t.path(suffix)
    path.write_bytes(data)
    before = fingerprint(t.db)
    try:
        preview = service.preview_import(t.db, t.admin, t.event_id, path)  # type: ignore[arg-type]
    except Exception as exc:  # the property: only KmError, clearly worded
        assert_clear_refusal(exc)
        preview = None
    assert fingerprint(t.db) == before, "a preview or a refusal wrote to the database"
    return preview


def _commit(t: Target, preview: service.ImportPreview) -> None:
    """Commit what a fuzzed preview accepted: exactly the accepted new rows appear, or a
    clean refusal leaves everything as it was."""
    before = fingerprint(t.db)
    try:
        result = service.commit_import(t.db, t.admin, preview)  # type: ignore[arg-type]
    except Exception as exc:  # only KmError may come out
        assert_clear_refusal(exc)
        assert fingerprint(t.db) == before
        return
    after = fingerprint(t.db)
    assert after["registration"] - before["registration"] == result.created


def _valid_xlsx(rows: int = 12) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2026年昆明市职工技能竞赛报名表"])
    ws.merge_cells("A1:D1")
    ws.append(["姓名", "身份证号码", "工作单位", "所属区县"])
    for k in range(rows):
        ws.append(
            [
                f"选手{k}",
                make_id_number("530102", date(1980, 1, 1) + timedelta(k * 40), 200 + k, "M"),
                "昆钢",
                "五华区",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _valid_csv(encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["姓名", "身份证号码", "工作单位"])
    for k in range(8):
        w.writerow(
            [f"选手{k}", make_id_number("530102", date(1990, 3, 1 + k), 300 + k, "F"), "昆明地铁"]
        )
    return buf.getvalue().encode(encoding)


VALID_XLSX = _valid_xlsx()
VALID_CSV = _valid_csv()
VALID_GBK = _valid_csv("gb18030")


@budget(20)
@given(st.binary(max_size=3000), st.sampled_from([".xlsx", ".csv", ".xls", ".txt", ".xlsm"]))
def test_fuzz_random_bytes_are_refused_cleanly(target: Target, data: bytes, suffix: str) -> None:
    _preview(target, data, suffix)


@budget(20)
@given(mutated(VALID_XLSX))
def test_fuzz_mutated_xlsx_is_previewed_or_refused_cleanly(target: Target, data: bytes) -> None:
    """A real sheet with bytes flipped, cut, inserted or zeroed (a damaged USB copy)."""
    _preview(target, data, ".xlsx")


@budget(20)
@given(st.one_of(mutated(VALID_CSV), mutated(VALID_GBK)))
def test_fuzz_mutated_csv_is_previewed_or_refused_cleanly(target: Target, data: bytes) -> None:
    preview = _preview(target, data, ".csv")
    if preview is not None:
        _commit(target, preview)


# Text openpyxl can store (it refuses control characters; a real sheet cannot hold them).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)

CELLS = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.text(max_size=40),
    st.sampled_from(
        [
            "=1+1",
            "=A1*2",
            '=HYPERLINK("http://x","点我")',
            "@SUM(A1)",
            "+86 871",
            "530102199001011234",
            "5.30102199001011E+17",
            "男",
            "女",
            "　张　三　",
            "ＡＢＣ１２３",
            "\u202e反向",
            "x" * 5000,
        ]
    ),
)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """A workbook as offices make them, and worse: title rows, random headers, cells of every
    type (formulas, dates, huge numbers, 5,000-character text), merges, hidden and empty
    sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for _ in range(draw(st.integers(0, 2))):
        extra = wb.create_sheet(
            draw(
                st.text(min_size=1, max_size=8).filter(
                    lambda s: not any(c in s for c in "[]:*?/\\'") and s.strip()
                )
            )
        )
        if draw(st.booleans()):
            extra.sheet_state = "hidden"
    for _ in range(draw(st.integers(0, 3))):
        ws.append([draw(TEXT)])
    width = draw(st.integers(1, 8))
    ws.append([draw(st.sampled_from(HEADERS)) for _ in range(width)])
    for _ in range(draw(st.integers(0, 12))):
        row = [draw(CELLS) for _ in range(width)]
        try:
            ws.append(row)
        except Exception:  # a value openpyxl will not store: keep the row's shape
            ws.append([None] * width)
    for _ in range(draw(st.integers(0, 2))):
        r, c = draw(st.integers(1, 8)), draw(st.integers(1, 6))
        ws.merge_cells(
            start_row=r,
            start_column=c,
            end_row=r + draw(st.integers(0, 3)),
            end_column=c + draw(st.integers(0, 3)),
        )
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception:  # openpyxl refuses some drawn values
        return VALID_XLSX
    return buf.getvalue()


@budget(15)
@given(workbooks())
def test_fuzz_generated_workbooks_import_or_refuse_cleanly(target: Target, data: bytes) -> None:
    preview = _preview(target, data, ".xlsx")
    if preview is not None:
        _commit(target, preview)


@budget(15)
@given(st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=10), st.booleans())
def test_fuzz_generated_csv_text_imports_or_refuses_cleanly(
    target: Target, rows: list[list[str]], header: bool
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    if header:
        w.writerow(["姓名", "身份证号码", "工作单位"])
    for row in rows:
        w.writerow(row)
    preview = _preview(target, buf.getvalue().encode("utf-8", "surrogatepass"), ".csv")
    if preview is not None:
        _commit(target, preview)


# --------------------------------------------------------------------------- hostile files


def _xlsx_with_sheet_xml(transform: object) -> bytes:
    """VALID_XLSX with its first worksheet's XML replaced by ``transform(xml)``."""
    src = zipfile.ZipFile(io.BytesIO(VALID_XLSX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = transform(data)  # type: ignore[operator]
            out.writestr(info, data)
    return buf.getvalue()


def _pad(xml: bytes, filler: bytes) -> bytes:
    head, tail = xml.split(b"</sheetData>")
    return head + filler + b"</sheetData>" + tail


ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'


def _many_parts() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for i in range(untrusted.MAX_XLSX_PARTS + 10):
            z.writestr(f"xl/p{i}.xml", "")
    return buf.getvalue()


def _lying_sizes() -> bytes:
    """A bomb whose zip directory claims small sizes: zipfile stops at the claimed size and
    the CRC check refuses the part."""
    data = bytearray(_xlsx_with_sheet_xml(lambda x: _pad(x, b" " * (40 << 20))))
    # patch every "uncompressed size" field of the central directory to 1 KB
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        data[pos + 24 : pos + 28] = (1024).to_bytes(4, "little")
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) != -1:
        data[pos + 22 : pos + 26] = (1024).to_bytes(4, "little")
        pos += 4
    return bytes(data)


def _wide_csv() -> bytes:
    header = ["姓名", "身份证号码", "工作单位"] + [f"列{i}" for i in range(100_000)]
    line = ["张三", make_id_number("530102", date(1985, 5, 5), 123, "M"), "昆钢"]
    return (",".join(header) + "\n" + ",".join(line) + "\n").encode("utf-8")


def _wide_xlsx() -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "身份证号码", "工作单位"] + [f"列{i}" for i in range(16_000)])
    ws.append(["张三", make_id_number("530102", date(1985, 5, 5), 123, "M"), "昆钢"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _long_csv() -> bytes:
    lines = ["姓名,身份证号码,工作单位"] + ["张三,530102198505051234,昆钢"] * (
        untrusted.MAX_SHEET_ROWS + 5
    )
    return "\n".join(lines).encode("utf-8")


HOSTILE = {
    "bomb_whitespace_40mb": (
        lambda: _xlsx_with_sheet_xml(lambda x: _pad(x, b" " * (40 << 20))),
        ".xlsx",
        {"too_large"},
    ),
    "bomb_rows_40mb": (
        lambda: _xlsx_with_sheet_xml(lambda x: _pad(x, ROW * ((40 << 20) // 52))),
        ".xlsx",
        {"too_large"},
    ),
    "bomb_one_cell_40mb": (
        lambda: _xlsx_with_sheet_xml(
            lambda x: x.replace(
                b"</row>",
                b'<c r="E2" t="inlineStr"><is><t>' + b"A" * (40 << 20) + b"</t></is></c></row>",
                1,
            )
        ),
        ".xlsx",
        {"too_large"},
    ),
    "bomb_renamed_csv": (
        lambda: _xlsx_with_sheet_xml(lambda x: _pad(x, b" " * (40 << 20))),
        ".csv",
        {"too_large"},
    ),
    "many_parts": (_many_parts, ".xlsx", {"too_large"}),
    "lying_zip_sizes": (_lying_sizes, ".xlsx", {"corrupt"}),
    "header_100k_columns_csv": (_wide_csv, ".csv", {"accepted"}),
    "header_16k_columns_xlsx": (_wide_xlsx, ".xlsx", {"accepted"}),
    "over_100k_rows_csv": (_long_csv, ".csv", {"too_many_rows"}),
    "empty_workbook": (
        lambda: _xlsx_with_sheet_xml(
            lambda x: x.split(b"<sheetData>")[0] + b"<sheetData/>" + x.split(b"</sheetData>")[1]
        ),
        ".xlsx",
        {"empty"},
    ),
}


def test_hostile_sheets_are_refused_with_bounded_memory(tmp_path: Path) -> None:
    """Each hostile file (zip bombs of three kinds, 2,010 parts, lying zip sizes, 100,000
    header columns, over 100,000 rows, an empty workbook), read in one child limited to 1 GB
    of address space: the expected outcome (a refusal with its code, or a normal read), never
    a crash or MemoryError."""
    paths = []
    for name, (make, suffix, _) in HOSTILE.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(make())  # type: ignore[operator]
        paths.append(path)
    results = parse_bounded_many("registration", paths)
    assert len(results) == len(HOSTILE)
    for (name, (_, _, expected)), got in zip(HOSTILE.items(), results, strict=True):
        outcome = got.get("code") if got["result"] == "refused" else got["result"]
        assert outcome in expected, (name, got)
        if got["result"] == "refused":
            assert got["zh"] and got["en"], got


def test_a_sheet_refusal_through_the_service_is_a_km_error(tmp_path: Path) -> None:
    """The bomb refusal reaches the GUI/CLI as a KmError (not the reader's own class)."""
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(HOSTILE["many_parts"][0]())  # type: ignore[operator]
    with pytest.raises(KmError) as info:
        service._read(path)
    assert info.value.code == "too_large" and "部件" in info.value.message_zh
