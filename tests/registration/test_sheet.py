"""Registration sheets as offices really send them: .xlsx and .csv files written to tmp_path."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import openpyxl
import pytest

from kmjudge.registration.idcard import make_id_number
from kmjudge.registration.sheet import (
    ParsedSheet,
    SheetError,
    export_rejections_xlsx,
    read_registration_file,
)

A = make_id_number("530102", datetime.date(1990, 1, 1), 123, "M")  # 张三
B = make_id_number("530103", datetime.date(1985, 6, 15), 42, "F")  # 李四
C = make_id_number("530111", datetime.date(1978, 11, 30), 7, "M")  # 买买提·艾力
D = make_id_number("530112", datetime.date(1992, 3, 8), 18, "F")
E = make_id_number("530113", datetime.date(2000, 2, 29), 55, "M")
WRONG_CHECK = A[:17] + ("0" if A[17] != "0" else "1")

HEADER = ["序号", "姓名", "性别", "身份证号码", "工作单位", "所属区县", "参赛工种", "联系电话"]


def write_xlsx(
    path: Path,
    rows: list[list[object]],
    *,
    merges: tuple[str, ...] = (),
    title: str = "Sheet1",
    extra_sheets: tuple[tuple[str, list[list[object]]], ...] = (),
    first: tuple[str, list[list[object]]] | None = None,
) -> Path:
    """Write rows (None = empty cell, [] = empty row) to an .xlsx; optional sheets before it."""
    workbook = openpyxl.Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    if first:
        sheet = workbook.create_sheet(first[0])
        for row in first[1]:
            sheet.append(row)
    sheet = workbook.create_sheet(title)
    for index, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(index, col, value)
    for ref in merges:
        sheet.merge_cells(ref)
    for name, extra in extra_sheets:
        other = workbook.create_sheet(name)
        for row in extra:
            other.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str, delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def codes_by_row(parsed: ParsedSheet) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for issue in parsed.rejected:
        result.setdefault(issue.row, []).append(issue.code)
    return result


def the_error(path: Path, code: str) -> SheetError:
    with pytest.raises(SheetError) as caught:
        read_registration_file(path)
    assert caught.value.code == code, (caught.value.code, caught.value.message_en)
    assert caught.value.message_zh and caught.value.message_en
    return caught.value


# --------------------------------------------------------------------------------------------------
# The messy workbook


def messy_rows() -> list[list[object]]:
    return [
        ["昆明市2026年电工职业技能竞赛报名表"],  # 1, merged A1:H1
        [],  # 2
        [
            "序　号",
            " 姓 名 ",
            "性别",
            "身份证号码（必填）",
            "工作单位",
            "县（市）区",
            "参赛工种",
            "手机号码*",
            None,
            None,
        ],  # 3
        [1, "张 三", "男", A, "昆明 电力公司", "五华区", "电工", 13812345678.0],  # 4
        [],  # 5
        [
            2,
            "李四",
            " 女 ",
            "".join(chr(ord(c) + 0xFEE0) for c in B),
            "盘龙公司",
            "盘龙区",
            "电工",
            "0871-63198587",
        ],  # 6
        [3, "王五", "男", 5.30102199001011e17, "官渡公司", "官渡区", "电工", "13900000001"],  # 7
        [4, "赵六", "男", WRONG_CHECK, "西山公司", "西山区", "电工", "13900000002"],  # 8
        [5, "钱七", "男", "530102900101123", "呈贡公司", "呈贡区", "电工", "13900000003"],  # 9
        [6, "孙八", "女", A, "晋宁公司", "晋宁区", "电工", "13900000004"],  # 10: gender + dup
        [],  # 11
        [7, "周九", "男", A, "安宁公司", "安宁市", "电工", "13900000005"],  # 12: duplicate of 4
        [8, "买买提・艾力", "男", C, "ＡＢＣ 科技", "宜良县", "电工", "13900000006"],  # 13
        ["备注：本表一式两份，请于10月10日前报送。"],  # 14, merged A14:H14
        ["填表人：李红", None, None, "联系电话：0871-63198587"],  # 15
    ]


@pytest.fixture
def messy(tmp_path: Path) -> ParsedSheet:
    path = write_xlsx(
        tmp_path / "报名表.xlsx", messy_rows(), merges=("A1:H1", "A14:H14"), title="电工"
    )
    return read_registration_file(path)


def test_messy_workbook_accepts_and_rejects_exactly_the_right_rows(messy: ParsedSheet) -> None:
    """Title row, blank rows, synonyms, float phone, float ID, bad checksum, 15 digits, gender
    mismatch, an in-file duplicate and notes rows: exact accepted rows and rejection codes."""
    assert [r.row for r in messy.rows] == [4, 6, 13]
    assert codes_by_row(messy) == {
        7: ["float_lost_digits"],
        8: ["checksum"],
        9: ["length_15"],
        10: ["duplicate_in_file", "gender_mismatch"],
        12: ["duplicate_in_file"],
    }
    assert messy.rejected_rows == [7, 8, 9, 10, 12]
    assert messy.total_data_rows == 8  # notes rows 14-15 and blank rows are not data
    assert messy.header_row == 3
    assert messy.sheet_name == "电工"
    assert messy.encoding is None


def test_messy_workbook_values_are_cleaned(messy: ParsedSheet) -> None:
    """Names lose inner spaces, full-width IDs and letters become ASCII, phones stored as floats
    lose the ".0", minority-name dots become U+00B7, gender and birth date come from the ID."""
    first, second, third = messy.rows
    assert (first.name, first.id_number, first.phone, first.employer) == (
        "张三",
        A,
        "13812345678",
        "昆明电力公司",
    )
    assert (first.gender, first.birth_date) == ("M", datetime.date(1990, 1, 1))
    assert (second.id_number, second.gender, second.phone) == (B, "F", "0871-63198587")
    assert (third.name, third.employer, third.district) == ("买买提·艾力", "ABC 科技", "宜良县")
    assert messy.warnings == []


def test_messy_workbook_maps_header_synonyms(messy: ParsedSheet) -> None:
    """Headers with full-width spaces, （必填） and * are recognised; columns keep their text."""
    assert messy.columns == {
        "name": "姓 名",
        "gender": "性别",
        "id_number": "身份证号码（必填）",
        "employer": "工作单位",
        "district": "县（市）区",
        "trade": "参赛工种",
        "phone": "手机号码*",
    }


def test_messy_workbook_issue_details(messy: ParsedSheet) -> None:
    """Issues carry the sheet's column text, the raw value and specific Chinese messages that do
    not repeat the row number."""
    by_code = {i.code: i for i in messy.rejected}
    lost = by_code["float_lost_digits"]
    assert (lost.column, lost.field, lost.value) == (
        "身份证号码（必填）",
        "id_number",
        "5.30102199001011E+17",
    )
    checksum = by_code["checksum"]
    assert (
        f"表中为 {WRONG_CHECK[17]}" in checksum.message_zh and "第 8 行" not in checksum.message_zh
    )
    duplicate = next(i for i in messy.rejected if i.row == 12)
    assert "第 4 行" in duplicate.message_zh
    mismatch = by_code["gender_mismatch"]
    assert (mismatch.column, mismatch.value) == ("性别", "女")
    assert "女" in mismatch.message_zh and "男" in mismatch.message_zh


# --------------------------------------------------------------------------------------------------
# CSV encodings


def plain_rows() -> list[list[object]]:
    return [
        ["2026年焊工竞赛报名表"],
        [],
        HEADER,
        ["1", "张三", "男", A, "昆明电力公司", "五华区", "焊工", "13812345678"],
        ["", "", "", "", "", "", "", ""],
        ["2", "李四", "女", B, "云南省第二建筑工程公司（盘龙）", "盘龙区", "焊工", "0871-63198587"],
        ["3", "王五", "女", C, "官渡公司", "官渡区", "焊工", "13900000001"],
        ["备注：以上信息均已核实"],
    ]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")],
)
def test_csv_in_every_office_encoding_parses_the_same(
    tmp_path: Path, encoding: str, reported: str
) -> None:
    """GBK, GB18030, UTF-8 with BOM and UTF-8 give identical results; row numbers are lines."""
    path = write_csv(tmp_path / f"{encoding}.csv", plain_rows(), encoding)
    parsed = read_registration_file(path)
    assert parsed.encoding == reported
    assert [(r.row, r.name, r.id_number, r.employer) for r in parsed.rows] == [
        (4, "张三", A, "昆明电力公司"),
        (6, "李四", B, "云南省第二建筑工程公司（盘龙）"),
    ]
    assert codes_by_row(parsed) == {7: ["gender_mismatch"]}
    assert parsed.header_row == 3


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_rare_character_outside_gbk_survives(tmp_path: Path, encoding: str) -> None:
    """A name with 𠮷 (not in GBK, four bytes in GB18030) is read back exactly."""
    rows = [HEADER, ["1", "𠮷祥", "男", A, "单位", "五华区", "电工", "13812345678"]]
    path = write_csv(tmp_path / "rare.csv", rows, encoding)
    assert read_registration_file(path).rows[0].name == "𠮷祥"


@pytest.mark.parametrize(("delimiter", "suffix"), [("\t", ".txt"), (";", ".csv")])
def test_tab_and_semicolon_separated_text_is_read(
    tmp_path: Path, delimiter: str, suffix: str
) -> None:
    """Tab- or semicolon-separated exports are recognised without being told."""
    rows = [HEADER, ["1", "张三", "男", A, "单位", "五华区", "电工", "13812345678"]]
    path = write_csv(tmp_path / f"list{suffix}", rows, "utf-8", delimiter)
    assert [r.id_number for r in read_registration_file(path).rows] == [A]


# --------------------------------------------------------------------------------------------------
# Values


def test_birth_dates_in_every_common_form_are_checked_against_the_id(tmp_path: Path) -> None:
    """Excel dates and 1990-01-01, 1990/1/1, 1990年1月1日, 19900101, 1990.01 (出生年月) and a
    number 19900101 all agree with the ID; a different date is rejected as birth_mismatch."""
    forms: list[object] = [
        datetime.datetime(1990, 1, 1),
        "1990-01-01",
        "1990/1/1",
        "1990年1月1日",
        "19900101",
        "1990.01",
        "1990年1月",
        19900101,
        "１９９０－０１－０１",
    ]
    rows: list[list[object]] = [["姓名", "身份证号", "出生日期", "性别"]]
    rows += [[f"选手{i}", A if i == 0 else None, value, "男"] for i, value in enumerate(forms)]
    rows += [["错日", None, "1990-01-02", "男"], ["怪日", None, "不详", "男"]]
    numbers = iter(
        make_id_number("530102", datetime.date(1990, 1, 1), seq, "M") for seq in range(1, 99, 2)
    )
    for row in rows[2:]:
        row[1] = next(numbers)
    parsed = read_registration_file(write_xlsx(tmp_path / "dates.xlsx", rows))
    assert [r.row for r in parsed.rows] == [*range(2, 2 + len(forms)), 12]
    assert codes_by_row(parsed) == {11: ["birth_mismatch"]}
    mismatch = parsed.rejected[0]
    assert "1990-01-02" in mismatch.message_zh and "1990-01-01" in mismatch.message_zh
    assert [(w.row, w.code) for w in parsed.warnings] == [(12, "birth_unreadable")]


def test_gender_words_and_unknown_gender(tmp_path: Path) -> None:
    """男/女/M/F/male/female (any case, full width) are understood; anything else rejects."""
    words = ["男", "女", "M", "f", "Male", "FEMALE", "男性", "Ｍ"]
    rows: list[list[object]] = [["姓名", "性别", "身份证号码"]]
    for i, word in enumerate(words):
        is_male = word.lower() in ("男", "m", "male", "男性", "ｍ")
        rows.append(
            [
                f"选手{i}",
                word,
                make_id_number("530102", datetime.date(1990, 1, 1), i * 2, "M" if is_male else "F"),
            ]
        )
    rows.append(["怪人", "未知", make_id_number("530102", datetime.date(1990, 1, 1), 99, "M")])
    parsed = read_registration_file(write_xlsx(tmp_path / "g.xlsx", rows))
    assert len(parsed.rows) == len(words)
    assert codes_by_row(parsed) == {len(words) + 2: ["bad_gender"]}


def test_phone_rules_warn_but_do_not_reject(tmp_path: Path) -> None:
    """Mobiles (also typed with +86 or spaces) and landlines are fine; anything else is a warning
    on an imported row, not a rejection."""
    phones: list[object] = [13812345678, "+86 138 1234 5678", "(0871)63198587", "12345", "电话"]
    rows: list[list[object]] = [["姓名", "身份证号码", "联系电话"]]
    for i, phone in enumerate(phones):
        number = make_id_number("530102", datetime.date(1990, 1, 1), 2 * i + 1, "M")
        rows.append([f"选手{i}", number, phone])
    parsed = read_registration_file(write_xlsx(tmp_path / "p.xlsx", rows))
    assert [r.phone for r in parsed.rows] == [
        "13812345678",
        "13812345678",
        "0871-63198587",
        "12345",
        "电话",
    ]
    assert parsed.rejected == []
    assert [(w.row, w.code, w.column) for w in parsed.warnings] == [
        (5, "phone_format", "联系电话"),
        (6, "phone_format", "联系电话"),
    ]
    assert parsed.rows[3].warnings == [parsed.warnings[0]]


def test_name_rules(tmp_path: Path) -> None:
    """A missing or over-long name rejects the row; every problem of a row is listed; Latin names
    keep their single spaces."""
    rows: list[list[object]] = [
        ["姓名", "身份证号码", "工作单位"],
        ["", A, "x"],
        ["长" * 31, B, "x"],
        [None, WRONG_CHECK, "x"],
        ["John  Smith", C, "x"],
    ]
    parsed = read_registration_file(write_xlsx(tmp_path / "n.xlsx", rows))
    assert codes_by_row(parsed) == {
        2: ["name_missing"],
        3: ["name_too_long"],
        4: ["name_missing", "checksum"],
    }
    assert [r.name for r in parsed.rows] == ["John Smith"]


def test_all_synonym_columns_are_mapped(tmp_path: Path) -> None:
    """Less common header synonyms land in the right fields, 推荐单位 stays separate from the
    district, 序号 is ignored and unknown columns are listed as ignored."""
    header = [
        "编号",
        "选手姓名",
        "证件号码",
        "单位名称",
        "所属地区",
        "推荐单位",
        "竞赛工种",
        "手机",
        "民族",
        "文化程度",
        "职称",
        "技能等级",
        "准考证号",
        "组别",
        "电子邮箱",
        "备注",
        "爱好",
    ]
    row = [
        "1",
        "张三",
        A,
        "电力公司",
        "五华区",
        "五华区总工会",
        "电工",
        "13812345678",
        "汉族",
        "大专",
        "技师",
        "高级工",
        "2026001",
        "职工组",
        "ZS@Example.COM",
        "已缴费",
        "篮球",
    ]
    parsed = read_registration_file(write_xlsx(tmp_path / "s.xlsx", [header, row]))
    got = parsed.rows[0]
    assert (got.employer, got.district, got.recommended_by, got.trade, got.phone) == (
        "电力公司",
        "五华区",
        "五华区总工会",
        "电工",
        "13812345678",
    )
    assert (got.ethnicity, got.education, got.job_title, got.qualification) == (
        "汉族",
        "大专",
        "技师",
        "高级工",
    )
    assert (got.ticket_no, got.group, got.email, got.remarks) == (
        "2026001",
        "职工组",
        "ZS@Example.COM",
        "已缴费",
    )
    assert "seq" not in parsed.columns
    assert parsed.ignored_columns == ["爱好"]


# --------------------------------------------------------------------------------------------------
# Layouts


def test_vertical_merges_and_two_row_headers(tmp_path: Path) -> None:
    """姓名/身份证号码 merged over two header rows with 手机/邮箱 under a merged 联系方式, and an
    employer merged down three data rows: every row gets the merged value."""
    rows: list[list[object]] = [
        ["姓名", "身份证号码", "工作单位", "联系方式", None],
        [None, None, None, "手机", "邮箱"],
        ["张三", A, "电力公司", "13812345678", "a@b.cn"],
        ["李四", B, None, "13812345679", "c@d.cn"],
        ["王五", C, None, "13812345670", "e@f.cn"],
        ["赵六", D, "水务公司", "13812345671", "g@h.cn"],
    ]
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "C3:C5")
    parsed = read_registration_file(write_xlsx(tmp_path / "m.xlsx", rows, merges=merges))
    assert parsed.header_row == 2
    assert [(r.row, r.employer, r.phone, r.email) for r in parsed.rows] == [
        (3, "电力公司", "13812345678", "a@b.cn"),
        (4, "电力公司", "13812345679", "c@d.cn"),
        (5, "电力公司", "13812345670", "e@f.cn"),
        (6, "水务公司", "13812345671", "g@h.cn"),
    ]


def test_template_rows_repeated_headers_and_partial_rows(tmp_path: Path) -> None:
    """Rows with only 序号/工种 pre-filled are skipped, a repeated header row is skipped, but a
    row with a phone and no name or ID is reported."""
    rows: list[list[object]] = [
        HEADER,
        [1, "张三", "男", A, "单位", "五华区", "电工", "13812345678"],
        HEADER,
        [2, "李四", "女", B, "单位", "五华区", "电工", "13812345679"],
        [3, None, None, None, None, None, "电工", None],
        [4, None, None, None, None, None, "电工", None],
        [5, None, None, None, None, None, "电工", "13812345670"],
    ]
    parsed = read_registration_file(write_xlsx(tmp_path / "t.xlsx", rows))
    assert [r.row for r in parsed.rows] == [2, 4]
    assert codes_by_row(parsed) == {7: ["name_missing", "empty"]}
    assert parsed.total_data_rows == 3


def test_merges_found_by_fast_path_equal_a_full_load(tmp_path: Path) -> None:
    """The <mergeCell> scan used with read_only mode finds exactly what a full openpyxl load
    reports (that full load is the fallback should openpyxl's internals change)."""
    from kmjudge.registration import sheet as module

    merges = ("A1:H1", "A14:H14", "C4:C6", "$D$8:$E$9")
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(), merges=merges, title="电工")
    data = path.read_bytes()
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        fast = module._merged_ranges(data, workbook["电工"], "电工")
    finally:
        workbook.close()
    slow = module._merged_ranges(data, object(), "电工")
    assert (
        sorted(fast)
        == sorted(slow)
        == sorted([(1, 1, 8, 1), (1, 14, 8, 14), (3, 4, 3, 6), (4, 8, 5, 9)])
    )


def test_first_sheet_with_a_header_is_used_or_the_named_one(tmp_path: Path) -> None:
    """An instructions sheet in front is passed over; sheet= picks a sheet; an unknown sheet name
    is a SheetError listing the sheets."""
    data = [HEADER, [1, "张三", "男", A, "单位", "五华区", "电工", "13812345678"]]
    other = [HEADER, [1, "李四", "女", B, "单位", "五华区", "电工", "13812345678"]]
    path = write_xlsx(
        tmp_path / "multi.xlsx",
        data,
        title="报名",
        first=("填表说明", [["请用黑色字体填写"], ["身份证号码请设为文本格式"]]),
        extra_sheets=(("补报", other),),
    )
    assert read_registration_file(path).sheet_name == "报名"
    assert read_registration_file(path, sheet="补报").rows[0].name == "李四"
    with pytest.raises(SheetError) as caught:
        read_registration_file(path, sheet="汇总")
    assert caught.value.code == "sheet_not_found" and "补报" in caught.value.message_zh


def test_visible_sheet_wins_over_a_hidden_one(tmp_path: Path) -> None:
    """A hidden sheet with a header (an old copy) is passed over for a visible one."""
    hidden = [HEADER, [1, "旧表", "男", A, "单位", "五华区", "电工", "13812345678"]]
    current = [HEADER, [1, "新表", "女", B, "单位", "五华区", "电工", "13812345678"]]
    path = write_xlsx(tmp_path / "h.xlsx", current, title="当前", first=("旧", hidden))
    workbook = openpyxl.load_workbook(path)
    workbook["旧"].sheet_state = "hidden"
    workbook.save(path)
    assert read_registration_file(path).rows[0].name == "新表"


def test_xlsx_renamed_to_csv_is_still_read(tmp_path: Path) -> None:
    """A workbook saved with a .csv name is recognised by its content."""
    data = [HEADER, [1, "张三", "男", A, "单位", "五华区", "电工", "13812345678"]]
    workbook = write_xlsx(tmp_path / "real.xlsx", data)
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(workbook.read_bytes())
    assert [r.id_number for r in read_registration_file(renamed).rows] == [A]


# --------------------------------------------------------------------------------------------------
# File-level errors


def test_old_xls_is_refused_with_save_as_advice(tmp_path: Path) -> None:
    """An Excel 97-2003 file (OLE2 signature) is refused with a Chinese "save as .xlsx" hint."""
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    error = the_error(path, "xls_unsupported")
    assert "另存为" in error.message_zh and ".xlsx" in error.message_zh


@pytest.mark.parametrize("name", ["fake.xlsx", "page.xls"])
def test_text_disguised_as_excel_is_refused_as_corrupt(tmp_path: Path, name: str) -> None:
    """A text or HTML file with an Excel extension gives a Chinese message, not a traceback."""
    path = tmp_path / name
    path.write_text("<html><body>姓名,身份证号码</body></html>", encoding="utf-8")
    error = the_error(path, "corrupt")
    assert "Excel" in error.message_zh and "另存为" in error.message_zh


def test_damaged_zip_is_refused_as_corrupt(tmp_path: Path) -> None:
    """A truncated .xlsx (a zip cut in half) is reported as damaged."""
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:600])
    assert "损坏" in the_error(path, "corrupt").message_zh


def test_broken_sheet_xml_inside_a_valid_zip_is_refused_as_corrupt(tmp_path: Path) -> None:
    """A workbook whose worksheet XML is cut off gives a SheetError, not an XML traceback."""
    import zipfile

    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, [1, "张三", "男", A]])
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = content[: len(content) // 2]
            target.writestr(item, content)
    the_error(path, "corrupt")


@pytest.mark.parametrize("name", ["empty.csv", "empty.xlsx"])
def test_zero_byte_files_are_empty(tmp_path: Path, name: str) -> None:
    """A 0-byte file is reported as empty."""
    path = tmp_path / name
    path.write_bytes(b"")
    assert "空" in the_error(path, "empty").message_zh


def test_workbook_and_csv_without_content_are_empty(tmp_path: Path) -> None:
    """A workbook with no values and a CSV of only separators are reported as empty."""
    assert the_error(write_xlsx(tmp_path / "blank.xlsx", [[None]]), "empty")
    assert the_error(write_csv(tmp_path / "blank.csv", [[""] * 5] * 3, "utf-8"), "empty")


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    """A missing path and a .pdf give their own codes with Chinese messages."""
    assert "找不到" in the_error(tmp_path / "nope.xlsx", "not_found").message_zh
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert ".xlsx" in the_error(pdf, "unsupported_type").message_zh


def test_sheet_without_a_header_lists_what_we_look_for(tmp_path: Path) -> None:
    """No recognisable header in the first 15 rows: no_header, naming the expected columns."""
    rows: list[list[object]] = [["甲", "乙", "丙"], ["1", "2", "3"]]
    error = the_error(write_xlsx(tmp_path / "x.xlsx", rows), "no_header")
    for wanted in ("姓名", "身份证号码", "证件号码", "工作单位", "参赛工种"):
        assert wanted in error.message_zh


def test_header_below_row_15_is_not_found(tmp_path: Path) -> None:
    """The header must be within the first 15 rows."""
    rows: list[list[object]] = [[f"说明第{i}行"] for i in range(15)] + [HEADER]
    the_error(write_xlsx(tmp_path / "deep.xlsx", rows), "no_header")


def test_missing_id_column_is_named(tmp_path: Path) -> None:
    """A header with 姓名 and other columns but no ID column: missing_column naming 身份证号码."""
    rows: list[list[object]] = [
        ["序号", "姓名", "性别", "工作单位", "联系电话"],
        [1, "张三", "男", "单位", "13812345678"],
    ]
    error = the_error(write_xlsx(tmp_path / "noid.xlsx", rows), "missing_column")
    assert "身份证号码" in error.message_zh and "姓名" in error.message_zh
    csv_error = the_error(write_csv(tmp_path / "noid.csv", rows, "gbk"), "missing_column")
    assert csv_error.message_zh == error.message_zh


def test_name_and_id_alone_make_a_header(tmp_path: Path) -> None:
    """A sheet of just 姓名 and 身份证号码 is accepted (nothing unrecognised beside them)."""
    path = write_csv(tmp_path / "min.csv", [["姓名", "身份证号码"], ["张三", A]], "utf-8")
    assert [r.name for r in read_registration_file(path).rows] == ["张三"]


# --------------------------------------------------------------------------------------------------
# Rejection list


def test_export_rejections_round_trips(messy: ParsedSheet, tmp_path: Path) -> None:
    """The rejection workbook lists every issue (行号, 列, 内容, 原因) with a bold, frozen header,
    keeps IDs and formula-like values as text, and has the warnings on a second sheet."""
    messy.rejected[0].value = "=1+1"
    out = tmp_path / "未通过名单.xlsx"
    export_rejections_xlsx(messy, out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["未通过", "提醒"]
    sheet = workbook["未通过"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("行号", "列", "内容", "原因")
    expected = sorted(
        ((i.row, i.column, i.value, i.message_zh) for i in messy.rejected), key=lambda r: r[0]
    )
    assert rows[1:] == expected
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet["C2"].data_type == "s" and sheet["C2"].value == "=1+1"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    assert list(workbook["提醒"].iter_rows(values_only=True)) == [("行号", "列", "内容", "原因")]


def test_export_includes_warnings(tmp_path: Path) -> None:
    """Warnings of imported rows appear on the 提醒 sheet."""
    rows: list[list[object]] = [["姓名", "身份证号码", "联系电话"], ["张三", A, "12345"]]
    parsed = read_registration_file(write_xlsx(tmp_path / "w.xlsx", rows))
    out = tmp_path / "out.xlsx"
    export_rejections_xlsx(parsed, out)
    warnings = list(openpyxl.load_workbook(out)["提醒"].iter_rows(values_only=True))
    assert warnings[1][:3] == (2, "联系电话", "12345")
    assert "11 位" in str(warnings[1][3])
