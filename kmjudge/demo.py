"""The demo venue: a city-level 电工 event today with 60 fictitious contestants and a panel,
ready for check-in and marking; and yesterday's 电工（高级工） event, finished (checked in,
marked by all five judges, theory scores in) but not locked, for results
(``kmjudge.demo_finished``).

Every ID number is checksum-valid but invented. Every demo account's PIN is 2580.
"""

from __future__ import annotations

import csv
import logging
import os
import random
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Literal

from kmjudge import accounts, events, judges, paths
from kmjudge.accounts import Role
from kmjudge.db.engine import Database, open_database
from kmjudge.errors import KmError
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

log = logging.getLogger(__name__)

DEMO_PIN = "2580"
DEMO_USERS: list[tuple[str, str, list[Role], str]] = [
    ("admin", "王管理", [Role.ADMIN], ""),
    ("registrar", "李检录", [Role.REGISTRAR], ""),
    ("judge1", "赵裁判", [Role.JUDGE], "云南电网有限责任公司昆明供电局"),
    ("judge2", "钱裁判", [Role.JUDGE], "昆明市职业技能鉴定中心"),
    ("judge3", "孙裁判", [Role.JUDGE], "昆明冶金高等专科学校"),
    ("judge4", "周裁判", [Role.JUDGE], "云南建投安装股份有限公司"),
    ("judge5", "吴裁判", [Role.JUDGE], "昆明理工大学"),
    ("chief", "郑裁判长", [Role.CHIEF], ""),
    ("clerk1", "冯录分", [Role.CLERK], ""),
    ("clerk2", "陈录分", [Role.CLERK], ""),
    ("city", "市总工会技能办", [Role.CITY], ""),
]

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志云龙海波宁飞鹏昆滇堃喆"
EMPLOYERS = [
    ("云南电网有限责任公司昆明供电局", "官渡区"),
    ("昆明钢铁控股有限公司", "安宁市"),
    ("昆明地铁运营有限公司", "呈贡区"),
    ("云南建投第一建设有限公司", "五华区"),
    ("昆明船舶设备集团有限公司", "西山区"),
    ("昆明云内动力股份有限公司", "经开区"),
    ("昆明市公共交通集团有限责任公司", "盘龙区"),
    ("云南白药集团股份有限公司", "呈贡区"),
]
REGIONS = ["530102", "530103", "530111", "530112", "530114", "530181", "530124", "530128"]


def competition() -> dict[str, object]:
    """The demo competition (both demo events belong to it)."""
    return {
        "name": f"昆明地区{date.today().year}年职工职业技能竞赛",
        "year": date.today().year,
    }


def todays_event_name() -> str:
    return f"{date.today().year}年昆明市职工职业技能竞赛（电工）"


def todays_event(db: Database) -> uuid.UUID:
    """The demo event running today (check-in and marking)."""
    return events.find_event(db, todays_event_name())


def finished_event(db: Database) -> uuid.UUID:
    """Yesterday's finished demo event (results; see ``kmjudge.demo_finished``)."""
    from kmjudge import demo_finished

    return events.find_event(db, demo_finished.event_name(date.today()))


def _setup_dict() -> dict[str, object]:
    # The demo runs on the day it is created, with check-in open all day, so a newcomer can
    # scan tickets and mark at once (a real event's window comes from its set-up file).
    day = date.today().isoformat()
    return {
        "competition": competition(),
        "events": [
            {
                "name": todays_event_name(),
                "trade": "电工",
                "trade_code": "6-31-01-03",
                "trade_grade": "四级/中级工",
                "level": "city",
                "organiser": "昆明市总工会、昆明市人力资源和社会保障局",
                "venue": "昆明市职业技能鉴定中心实训楼",
                "start": f"{day}T08:30:00",
                "end": f"{day}T23:59:00",
                "checkin_opens": f"{day}T00:00:00",
                "checkin_closes": f"{day}T23:59:00",
                "theory_weight": 30,
                "practical_weight": 70,
                "pass_mark": 60,
                "ranking_groups": "all",
                "award": {"mode": "ratio", "first": 10, "second": 20, "third": 30},
                "judges_per_panel": 5,
                "scheme": "scheme-electrician.toml",
            }
        ],
    }


def contestant_rows(
    n: int = 60, seed: int = 2026, exclude: list[dict[str, str]] | None = None
) -> list[dict[str, str]]:
    """``n`` fictitious registration-sheet rows (seeded); nobody from ``exclude`` again."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = {r["身份证号码"] for r in exclude or []}
    while len(rows) < n:
        gender: Literal["M", "F"] = "M" if rng.random() < 0.8 else "F"
        birth = date(rng.randint(1972, 2002), rng.randint(1, 12), rng.randint(1, 28))
        id_number = make_id_number(rng.choice(REGIONS), birth, rng.randint(1, 499), gender)
        if id_number in seen:
            continue
        seen.add(id_number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        employer, district = rng.choice(EMPLOYERS)
        rows.append(
            {
                "姓名": name,
                "性别": "男" if gender == "M" else "女",
                "身份证号码": id_number,
                "工作单位": employer,
                "所属区县": district,
                "参赛工种": "电工",
                "联系电话": f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
            }
        )
    return rows


def create_demo(db: Database) -> None:
    """Fill an empty database with the demo venue."""
    accounts.create_first_admin(db, "admin", DEMO_USERS[0][1], DEMO_PIN)
    admin = accounts.login(db, "admin", DEMO_PIN)
    for username, name, roles, employer in DEMO_USERS[1:]:
        accounts.create_user(
            db, admin, username, name, [r.value for r in roles], DEMO_PIN, employer
        )
    spec = parse_setup_dict(_setup_dict(), paths.resources_dir() / "examples")
    (event_id,) = events.create_from_setup(db, admin, spec)
    chief = accounts.login(db, "chief", DEMO_PIN)
    for i in range(1, 6):
        judges.assign_judge(db, chief, event_id, f"judge{i}")
    rows = contestant_rows()
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "电工报名表.csv"
        with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        registration.import_file(db, admin, event_id, sheet)
    from kmjudge import demo_finished

    demo_finished.create(db, admin, chief)


def theory_sheet_path(db_path: Path | None = None) -> Path:
    """Where the demo puts the theory exam's export for today's event (理论成绩), beside the
    demo database, for the chief judge's 导入理论成绩… (theory import)."""
    folder = (db_path or paths.demo_db_path()).parent
    return folder / f"演示-{todays_event_name()}-理论成绩.csv"


def write_theory_sheet(db: Database, path: Path, seed: int = 2026) -> Path:
    """The exam system's export for today's demo event: 准考证号, 姓名, 理论成绩 (seeded, 52–98
    in steps of 0.5), as the office would get it (UTF-8 with BOM, opens in Excel)."""
    from sqlalchemy import select

    from kmjudge.db.models import Contestant, Registration

    rng = random.Random(seed)
    event_id = todays_event(db)
    with db.read() as s:
        rows = s.execute(
            select(Registration.ticket_no, Contestant.name)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == event_id)
            .order_by(Registration.ticket_no)
        ).all()
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["准考证号", "姓名", "理论成绩"])
        for ticket_no, name in rows:
            writer.writerow([ticket_no, name, f"{rng.randint(104, 196) / 2:g}"])
    os.replace(tmp, path)
    return path


def ensure_demo(path: Path | None = None) -> Database:
    """Open the demo database (a separate file), creating it on first use."""
    path = path or paths.demo_db_path()
    if not path.exists():
        # Build beside the target and rename, so a failure never leaves half a demo.
        building = path.with_name(path.name + ".building")
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        db = open_database(building)
        try:
            create_demo(db)
        finally:
            db.dispose()
        os.replace(building, path)
    db = open_database(path)
    sheet = theory_sheet_path(path)
    if not sheet.exists():
        try:
            write_theory_sheet(db, sheet)
        except (OSError, KmError) as exc:  # a demo without its theory file still works
            log.warning("could not write the demo theory sheet %s: %s", sheet, exc)
    return db
