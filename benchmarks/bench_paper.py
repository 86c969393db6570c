"""Paper-sheet numbers, measured (not asserted).

    python benchmarks/bench_paper.py

An event of 60 stations, 3 criteria x 10 aspects (bench_judging's scheme), 5 judges marking
everything: 90 marking sheets of 10 stations.

- creating the 90 sheets (one transaction) and writing them into one PDF (with progress)
- ``sheet_states`` over the 90 sheets (the clerk's list; refreshed after every save) and the
  event's correction list (``sheet_differences``), with every sheet of one judge typed twice
- ``open_sheet`` (a scan) and saving one pass of a sheet (10 stations x 10 aspects, one
  transaction, then the second pass confirming 100 scores)
"""

from __future__ import annotations

import csv
import itertools
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_judging import scheme
from sqlalchemy import select

from kmjudge import accounts, events, judges
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Registration
from kmjudge.judging import paper
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

STATIONS = 60
JUDGES = 5


def build(db: Database, tmp: Path) -> tuple[object, dict[str, Actor]]:
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    for i in range(1, JUDGES + 1):
        accounts.create_user(db, admin, f"j{i}", f"裁判{i}", ["judge"], "2580")
    for name, role in (("chief", "chief"), ("clerk1", "clerk"), ("clerk2", "clerk")):
        accounts.create_user(db, admin, name, name, [role], "2580")
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
    for i in range(1, JUDGES + 1):
        judges.assign_judge(db, admin, ev, f"j{i}")
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
    who = {u: accounts.login(db, u, "2580") for u in ("chief", "clerk1", "clerk2")}
    return ev, who


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


def main() -> None:
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KMJUDGE_HOME"] = tmp
        t = Path(tmp)
        db = open_database(t / "bench.sqlite3")
        ev, who = build(db, t)
        chief, c1, c2 = who["chief"], who["clerk1"], who["clerk2"]
        names = [f"j{i}" for i in range(1, JUDGES + 1)]
        infos: list[paper.PaperSheetInfo] = []
        total_ms = 0.0
        for crit in "ABC":
            made, ms = timed(paper.create_sheets_for, db, chief, ev, names, None, crit)
            infos += made
            total_ms += ms
        rows.append((f"create {len(infos)} sheets (3 calls, 5 judges each) (ms)", total_ms))
        ticks: list[float] = []
        out = t / "sheets.pdf"
        _, ms = timed(
            paper.write_sheets_pdf,
            db,
            chief,
            [i.code for i in infos],
            out,
            progress=lambda d, n: ticks.append(time.perf_counter()),
        )
        rows.append((f"write PDF of {len(infos)} sheets (ms)", ms))
        rows.append(("  PDF size (KB)", out.stat().st_size / 1024))
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        rows.append(("  longest gap between progress ticks (ms)", max(gaps)))
        # every sheet of j1 typed twice, one value in ten differing
        mine = [i for i in infos if i.judge_username == "j1"]
        layout = paper.open_sheet(db, c1, mine[0].code)
        opens = [timed(paper.open_sheet, db, c1, i.code)[1] for i in mine]
        rows.append(("open_sheet (a scan), p50 (ms)", statistics.median(opens)))
        saves1: list[float] = []
        saves2: list[float] = []
        for info in mine:
            view = paper.open_sheet(db, c1, info.code)
            values = {
                (st, a.code): ("2" if a.kind == "J" else "2.5")
                for st in view.stations
                for a in view.aspects
            }
            _, ms1 = timed(paper.enter_sheet_values, db, c1, info.code, 1, values)
            second = dict(values)
            for k, key in enumerate(sorted(second)):
                if k % 10 == 0 and key[1].startswith("A"):
                    second[key] = "3"
            _, ms2 = timed(paper.enter_sheet_values, db, c2, info.code, 2, second)
            saves1.append(ms1)
            saves2.append(ms2)
        cells = len(layout.stations) * len(layout.aspects)
        rows.append(
            (f"save pass 1 of a sheet ({cells} cells), p50 (ms)", statistics.median(saves1))
        )
        rows.append(
            (
                f"save pass 2 of a sheet ({cells} cells -> scores), p50 (ms)",
                statistics.median(saves2),
            )
        )
        states = [timed(paper.sheet_states, db, c1, ev)[1] for _ in range(7)]
        rows.append((f"sheet_states, {len(infos)} sheets, p50 (ms)", statistics.median(states)))
        diffs, _ = timed(paper.sheet_differences, db, chief, ev)
        lists = [timed(paper.sheet_differences, db, chief, ev)[1] for _ in range(7)]
        rows.append((f"sheet_differences ({len(diffs)} cells), p50 (ms)", statistics.median(lists)))
        db.dispose()
    print(f"{'measurement (SQLite, this machine)':<62} {'value':>9}")
    for name, value in rows:
        print(f"{name:<62} {value:>9.1f}")


if __name__ == "__main__":
    main()
