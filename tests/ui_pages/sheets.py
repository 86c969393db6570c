"""Registration sheets written with openpyxl the way offices send them (for the wizard tests)."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

from kmjudge.registration.idcard import make_id_number

HEADER = ["序号", "姓名", "性别", "身份证号码", "工作单位", "所属区县", "联系电话"]


def new_ids() -> dict[str, str]:
    """Checksum-valid ID numbers that the demo venue does not use (sequence 800+)."""
    return {
        "欧阳晓峰": make_id_number("530102", datetime.date(1988, 3, 14), 801, "M"),
        "上官婉清": make_id_number("530103", datetime.date(1992, 7, 2), 802, "F"),
        "司徒建华": make_id_number("530111", datetime.date(1979, 11, 30), 803, "M"),
        "慕容雪": make_id_number("530112", datetime.date(1995, 1, 9), 804, "F"),
        "端木云": make_id_number("530114", datetime.date(1985, 5, 20), 805, "M"),
    }


def bad_checksum(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


def messy_sheet(path: Path) -> dict[str, object]:
    """A title row merged over the header, then 7 data rows of which 3 must be refused:

    row 5: wrong check character; row 7: the same ID as row 3; row 8: an old 15-digit number.
    Returns what the test needs to know about it.
    """
    ids = new_ids()
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报名表"
    ws.append(["2026年昆明市职工职业技能竞赛（电工）报名汇总表"])
    ws.merge_cells("A1:G1")
    ws.append(HEADER)
    rows = [
        [1, "欧阳晓峰", "男", ids["欧阳晓峰"], "昆明供电局", "官渡区", "13888001001"],
        [2, "上官婉清", "女", ids["上官婉清"], "昆明地铁运营有限公司", "呈贡区", "13888001002"],
        [3, "王  五", "男", bad_checksum(ids["司徒建华"]), "昆明钢铁", "安宁市", "13888001003"],
        [4, "司徒建华", "男", ids["司徒建华"], "昆明钢铁", "安宁市", "13888001004"],
        [5, "欧阳晓峰", "男", ids["欧阳晓峰"], "昆明供电局", "官渡区", "13888001001"],
        [6, "钱七", "男", "530102880101123", "云内动力", "经开区", "13888001006"],
        [7, "慕容雪", "女", ids["慕容雪"], "云南白药", "呈贡区", "13888001007"],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=3, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "@"
    wb.save(path)
    return {
        "rejected_rows": [5, 7, 8],
        "new_names": ["欧阳晓峰", "上官婉清", "司徒建华", "慕容雪"],
        "rejected_names": ["王五", "钱七"],
        "ids": ids,
    }


def only_bad_sheet(path: Path) -> None:
    """A sheet whose every data row must be refused."""
    ids = new_ids()
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append([1, "端木云", "男", bad_checksum(ids["端木云"]), "昆明船舶", "西山区", "13888001011"])
    ws.append([2, "钱七", "男", "530102880101123", "云内动力", "经开区", "13888001012"])
    wb.save(path)


def update_sheet(path: Path, name: str, id_number: str, new_phone: str) -> None:
    """One contestant already entered, with a new phone number."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append([1, name, None, id_number, None, None, new_phone])
    wb.save(path)
