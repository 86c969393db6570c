"""Judging numbers from issue 4, measured (not asserted).

    python benchmarks/bench_judging.py            (PostgreSQL too when KMJUDGE_TEST_PG_URL is set)

- one durable score commit (own transaction, synchronous=FULL, audit entry): p50/p95 on SQLite
  (target p95 <= 10 ms), over 1,800 new marks and 300 changed marks
- loading a judge's grid of 60 stations x 30 aspects, every cell marked (core part; target
  <= 300 ms)
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from kmjudge import accounts, events, judges
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Registration
from kmjudge.judging import entry
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

STATIONS = 60
ASPECTS = 30  # 3 criteria x 10 aspects: 20 M (3 points each) + 10 J (4 points each)


def scheme() -> dict[str, Any]:
    criteria = []
    for c in range(3):
        aspects = []
        for k in range(10):
            code = f"{'ABC'[c]}1.{k + 1}"
            if k < 7 and not (c == 2 and k == 6):
                aspects.append(
                    {
                        "code": code,
                        "title": f"测量项{code}",
                        "kind": "M",
                        "max_mark": 3,
                        "step": "0.5",
                    }
                )
            else:
                aspects.append({"code": code, "title": f"评价项{code}", "kind": "J", "max_mark": 4})
        criteria.append(
            {
                "code": "ABC"[c],
                "title": f"模块{'ABC'[c]}",
                "subcriteria": [{"code": f"{'ABC'[c]}1", "title": "分项", "aspects": aspects}],
            }
        )
    return {"title": "基准评分标准", "criteria": criteria}


def build(db: Database, tmp: Path) -> tuple[Any, Any]:
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    accounts.create_user(db, admin, "j1", "赵裁判", ["judge"], "2580")
    spec = parse_setup_dict(
        {
            "competition": {"name": "基准竞赛", "year": 2026},
            "events": [
                {
                    "name": "基准场次",
                    "trade": "电工",
                    "level": "city",
                    "organiser": "x",
                    "venue": "y",
                    "start": "2026-10-20T08:30:00",
                    "end": "2026-10-20T17:30:00",
                    "scheme": scheme(),
                }
            ],
        }
    )
    (ev,) = events.create_from_setup(db, admin, spec)
    judges.assign_judge(db, admin, ev, "j1")
    sheet = tmp / "reg.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码"])
        for i in range(STATIONS):
            w.writerow(
                [f"选手{i}", make_id_number("530102", date(1980, 1, 1 + i % 28), 100 + i, "M")]
            )
    service.import_file(db, admin, ev, sheet)
    with db.write() as s:
        regs = s.scalars(select(Registration).order_by(Registration.ticket_no)).all()
        for i, r in enumerate(regs, start=1):
            r.station_no, r.status = i, "checked_in"
    return ev, accounts.login(db, "j1", "2580")


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(url: str, tmp: Path, label: str) -> list[tuple[str, float, float | None]]:
    db = open_database(url)
    ev, judge = build(db, tmp)
    grid = entry.judge_sheet(db, judge, ev)
    assert len(grid.stations) == STATIONS and len(grid.aspects) == ASPECTS
    inserts: list[float] = []
    for row in grid.stations:
        for a in grid.aspects:
            value = "2" if a.kind == "J" else "2.5"
            t0 = time.perf_counter()
            entry.enter_score(db, judge, ev, row.station_no, a.code, value)
            inserts.append(time.perf_counter() - t0)
    updates: list[float] = []
    for row in grid.stations[:10]:
        for a in grid.aspects:
            value = "3"
            t0 = time.perf_counter()
            entry.enter_score(db, judge, ev, row.station_no, a.code, value, expected_version=1)
            updates.append(time.perf_counter() - t0)
    loads: list[float] = []
    for _ in range(15):
        t0 = time.perf_counter()
        g = entry.judge_sheet(db, judge, ev)
        loads.append(time.perf_counter() - t0)
    assert g.missing == 0
    db.dispose()
    ms = 1000.0
    return [
        (f"{label}: score commit, new mark p50 (ms)", statistics.median(inserts) * ms, None),
        (f"{label}: score commit, new mark p95 (ms)", pct(inserts, 0.95) * ms, 10.0),
        (f"{label}: score commit, changed mark p50 (ms)", statistics.median(updates) * ms, None),
        (f"{label}: score commit, changed mark p95 (ms)", pct(updates, 0.95) * ms, 10.0),
        (f"{label}: score commit, max (ms)", max(inserts + updates) * ms, None),
        (f"{label}: judge grid 60 x 30, all marked, p50 (ms)", statistics.median(loads) * ms, None),
        (f"{label}: judge grid 60 x 30, all marked, max (ms)", max(loads) * ms, 300.0),
    ]


def main() -> None:
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KMJUDGE_HOME"] = tmp
        t = Path(tmp)
        rows += measure(f"sqlite:///{t / 'bench.sqlite3'}", t, "SQLite")
        pg = os.environ.get("KMJUDGE_TEST_PG_URL")
        if pg:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            name = f"kmj_bench_{os.getpid()}"
            admin = create_engine(pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(pg).set(database=name).render_as_string(hide_password=False)
                rows += measure(url, t, "PostgreSQL")
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
    print(f"{'measurement':<58} {'value':>9} {'target':>9}")
    for name, value, target in rows:
        print(f"{name:<58} {value:>9.2f} {('<= ' + str(target)) if target else '':>9}")


if __name__ == "__main__":
    main()
