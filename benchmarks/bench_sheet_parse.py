"""Time read_registration_file on a realistic 5,000-row registration sheet.

Run: ``python benchmarks/bench_sheet_parse.py [--rows 5000] [--repeat 3]``. Prints a table with the
median of the runs for the .xlsx and the same data as UTF-8 and GB18030 CSV. The target for the
5,000-row .xlsx is well under 1.5 s on a venue laptop.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from kmjudge.registration.idcard import make_id_number
from kmjudge.registration.sheet import read_registration_file

HEADER = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "身份证号码",
    "出生年月",
    "工作单位",
    "所属区县",
    "参赛工种",
    "学历",
    "职务",
    "现职业资格等级",
    "联系电话",
    "备注",
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
DISTRICTS = ["五华区", "盘龙区", "官渡区", "西山区", "呈贡区", "安宁市", "宜良县", "嵩明县"]
TRADES = ["电工", "焊工", "钳工", "车工", "汽车维修工", "茶艺师", "中式烹调师", "育婴员"]


def make_rows(count: int, seed: int = 2026) -> list[list[object]]:
    rng = random.Random(seed)
    rows: list[list[object]] = []
    for i in range(count):
        gender = rng.choice(["M", "F"])
        birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 38))
        number = make_id_number("530102", birth, i % 1000, gender)  # type: ignore[arg-type]
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        rows.append(
            [
                i + 1,
                name,
                "男" if gender == "M" else "女",
                "汉族",
                number,
                birth.strftime("%Y.%m"),
                f"昆明市第{rng.randint(1, 99)}建筑工程有限公司",
                rng.choice(DISTRICTS),
                rng.choice(TRADES),
                "大专",
                "班组长",
                "高级工",
                13800000000 + rng.randrange(10**8),  # a number cell, as offices type it
                "",
            ]
        )
    return rows


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["昆明市2026年职工职业技能竞赛报名表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append(["填表人：张三            联系电话：0871-63198587"])
    workbook.save(path)


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows = make_rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "xlsx": Path(tmp, "sheet.xlsx"),
            "csv utf-8-sig": Path(tmp, "sheet_utf8.csv"),
            "csv gb18030": Path(tmp, "sheet_gbk.csv"),
        }
        write_xlsx(files["xlsx"], rows)
        write_csv(files["csv utf-8-sig"], rows, "utf-8-sig")
        write_csv(files["csv gb18030"], rows, "gb18030")

        print(f"read_registration_file, {args.rows} data rows, median of {args.repeat}")
        print(f"{'file':<16}{'size KiB':>10}{'seconds':>10}{'rows/s':>10}{'accepted':>10}")
        for label, path in files.items():
            result = read_registration_file(path)
            assert len(result.rows) == args.rows, (label, len(result.rows), result.rejected[:3])
            seconds = median_seconds(lambda p=path: read_registration_file(p), args.repeat)
            size = path.stat().st_size / 1024
            print(
                f"{label:<16}{size:>10.0f}{seconds:>10.3f}{args.rows / seconds:>10.0f}"
                f"{len(result.rows):>10}"
            )


if __name__ == "__main__":
    main()
