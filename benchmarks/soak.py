"""A compressed venue day, measured (not asserted): the reliability issue's load soak.

    python benchmarks/soak.py [--contestants 500] [--judges 10] [--aspects 10]
                              [--scans 1000] [--score-procs 3] [--desks 2] [--keep DIR]

One SQLite file, several processes at once, as a venue runs it on the day:

1. set-up: an event whose scheme has ``--aspects`` markable aspects, ``--contestants``
   registrations imported from a sheet, ``--judges`` judges assigned to everything, tickets
   issued, check-in open;
2. check-in: ``--desks`` desk processes scan ``--scans`` tickets between them, drawn with
   repeats (a contestant scanned twice is "already"), each scan a durable commit;
3. marking: ``--score-procs`` processes (the judges split between them) enter every mark:
   contestants x judges x aspects (500 x 10 x 10 = 50,000), each a durable commit with its
   audit entry, while one desk keeps scanning repeats.

Every process records each operation's latency and every action it *confirmed* (the service
returned). At the end the parent reopens the database and counts confirmed actions that are
not there ("lost", the goal is 0), and runs integrity_check, the audit chain and the
rows-against-chain check. Prints one table: operation, count, p50/p95/p99 ms, errors, lost.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIN = "2580"


def _scheme(n_aspects: int) -> dict[str, Any]:
    """``n_aspects`` aspects adding up to 100: measurements, and every fifth a judgement."""
    base, rest = divmod(100, n_aspects)
    aspects = []
    for i in range(n_aspects):
        mark = base + (1 if i < rest else 0)
        kind = "J" if i % 5 == 4 else "M"
        aspect: dict[str, Any] = {
            "code": f"A1.{i + 1}",
            "title": f"评分项{i + 1}",
            "kind": kind,
            "max_mark": mark,
        }
        if kind == "M":
            aspect["step"] = 1
        aspects.append(aspect)
    return {
        "title": "压力测试评分标准",
        "spread_limit": 3,
        "criteria": [
            {
                "code": "A",
                "title": "实操",
                "subcriteria": [{"code": "A1", "title": "全部", "aspects": aspects}],
            }
        ],
    }


def _setup(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    from kmjudge import accounts, checkin, events, judges
    from kmjudge.db.engine import open_database
    from kmjudge.registration import service
    from kmjudge.registration.idcard import make_id_number
    from kmjudge.setupfile import parse_setup_dict

    db = open_database(folder / "venue.sqlite3")
    accounts.create_first_admin(db, "admin", "管理员", PIN)
    admin = accounts.login(db, "admin", PIN)
    for d in range(args.desks):
        accounts.create_user(db, admin, f"desk{d}", f"检录{d}", ["registrar"], PIN)
    names = [f"judge{j:02d}" for j in range(args.judges)]
    for name in names:
        accounts.create_user(db, admin, name, name, ["judge"], PIN)
    now = datetime.now().replace(microsecond=0)
    setup = {
        "competition": {"name": "压力测试竞赛", "year": now.year},
        "events": [
            {
                "name": "压力测试（电工）",
                "trade": "电工",
                "level": "city",
                "organiser": "测试",
                "venue": "实训楼",
                "start": (now + timedelta(hours=1)).isoformat(),
                "end": (now + timedelta(hours=9)).isoformat(),
                "judges_per_panel": min(args.judges, 9),
                "scheme": _scheme(args.aspects),
            }
        ],
    }
    (event_id,) = events.create_from_setup(db, admin, parse_setup_dict(setup))
    events.update_event(
        db,
        admin,
        event_id,
        checkin_opens_at=now - timedelta(hours=1),
        checkin_closes_at=now + timedelta(hours=8),
    )
    for name in names:
        judges.assign_judge(db, admin, event_id, name)
    sheet = folder / "报名表.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位"])
        for k in range(args.contestants):
            birth = date(1970, 1, 1) + timedelta(days=37 * (k // 400) + k % 300)
            w.writerow(
                [
                    f"选手{k:04d}",
                    make_id_number("530102", birth, 100 + k % 400, "M" if k % 2 else "F"),
                    "昆钢",
                ]
            )
    t = time.perf_counter()
    service.import_file(db, admin, event_id, sheet)
    import_ms = (time.perf_counter() - t) * 1000
    tokens = [t.token for t in checkin.issue_tickets(db, admin, event_id)]
    db.dispose()
    return {
        "db": str(folder / "venue.sqlite3"),
        "event_id": str(event_id),
        "judges": names,
        "tokens": tokens,
        "import_ms": import_ms,
    }


# --------------------------------------------------------------------------- workers


def _actor(db: Any, username: str) -> Any:
    from kmjudge import accounts

    return accounts.login(db, username, PIN)


def worker_desk(ctx: dict[str, Any], me: str, texts: list[str], out: Path) -> None:
    from kmjudge import checkin
    from kmjudge.db.engine import open_database

    db = open_database(ctx["db"])
    actor = _actor(db, me)
    ev = uuid.UUID(ctx["event_id"])
    ops: dict[str, list[float]] = {"scan (first)": [], "scan (repeat)": []}
    errors: Counter[str] = Counter()
    confirmed = []
    for text in texts:
        t = time.perf_counter()
        try:
            v = checkin.scan(db, actor, ev, text)
        except Exception as exc:  # counted, never fatal: the soak measures, the table says
            errors[f"scan: {type(exc).__name__}"] += 1
            continue
        ms = (time.perf_counter() - t) * 1000
        ops["scan (first)" if v.kind.value == "valid" else "scan (repeat)"].append(ms)
        confirmed.append(
            {
                "scan": str(v.scan_id),
                "kind": v.kind.value,
                "ticket": v.ticket_no,
                "station": v.station_no,
            }
        )
    db.dispose()
    out.write_text(json.dumps({"ops": ops, "errors": errors, "confirmed": confirmed}))


def worker_judges(ctx: dict[str, Any], judges_: list[str], out: Path) -> None:
    from kmjudge.db.engine import open_database
    from kmjudge.judging import entry

    db = open_database(ctx["db"])
    ev = uuid.UUID(ctx["event_id"])
    rng = random.Random(hash(tuple(judges_)))
    ops: dict[str, list[float]] = {"enter_score": [], "judge_sheet (grid)": []}
    errors: Counter[str] = Counter()
    confirmed = []
    actors = [_actor(db, j) for j in judges_]
    for actor in actors:
        t = time.perf_counter()
        grid = entry.judge_sheet(db, actor, ev)
        ops["judge_sheet (grid)"].append((time.perf_counter() - t) * 1000)
        cells = [
            (row.station_no, a)
            for row in grid.stations
            for a, c in zip(grid.aspects, row.cells, strict=True)
            if c.editable
        ]
        rng.shuffle(cells)
        for station, aspect in cells:
            if aspect.kind == "J":
                value = str(rng.randint(0, 3))
            else:
                value = str(rng.randint(0, int(aspect.max_mark)))
            t = time.perf_counter()
            try:
                got = entry.enter_score(db, actor, ev, station, aspect.code, value)
            except Exception as exc:
                errors[f"enter_score: {type(exc).__name__}"] += 1
                continue
            ops["enter_score"].append((time.perf_counter() - t) * 1000)
            confirmed.append(
                {
                    "judge": actor.username,
                    "station": station,
                    "aspect": aspect.code,
                    "value": str(got.value),
                }
            )
    db.dispose()
    out.write_text(json.dumps({"ops": ops, "errors": errors, "confirmed": confirmed}))


def _spawn(role: str, ctx_path: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", role, str(ctx_path), str(out), *extra], env=env
    )


# --------------------------------------------------------------------------- verification


def _verify(ctx: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    from sqlalchemy import select

    from kmjudge import audit
    from kmjudge.db.engine import open_database
    from kmjudge.db.models import Aspect, CheckIn, Registration, Scan, Score, User
    from kmjudge.maintenance import check_database

    db = open_database(ctx["db"])
    timings: dict[str, float] = {}
    with db.read() as s:
        users = {u.id: u.username for u in s.scalars(select(User))}
        scores = {
            (users[sc.judge_id], st, code): sc.value
            for sc, st, code in s.execute(
                select(Score, Registration.station_no, Aspect.code)
                .join(Registration, Registration.id == Score.registration_id)
                .join(Aspect, Aspect.id == Score.aspect_id)
            )
        }
        scans = {str(r.id): r.verdict for r in s.scalars(select(Scan))}
        regs = {r.ticket_no: r for r in s.scalars(select(Registration))}
        active = {
            c.registration_id for c in s.scalars(select(CheckIn).where(CheckIn.undone_at.is_(None)))
        }
    lost = Counter()
    for res in results:
        for c in res["confirmed"]:
            if "judge" in c:
                if scores.get((c["judge"], c["station"], c["aspect"])) != Decimal(c["value"]):
                    lost["enter_score"] += 1
            else:
                reg = regs.get(c["ticket"])
                ok = (
                    scans.get(c["scan"]) == c["kind"]
                    and reg is not None
                    and reg.id in active
                    and reg.station_no == c["station"]
                )
                if not ok:
                    lost["scan (first)" if c["kind"] == "valid" else "scan (repeat)"] += 1
    t = time.perf_counter()
    report = check_database(db)
    timings["check_database (integrity, chain, rows)"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    chain = audit.verify(db)
    timings["audit.verify"] = (time.perf_counter() - t) * 1000
    db.dispose()
    return {
        "lost": lost,
        "healthy": report.ok,
        "report": report.lines_en,
        "timings": timings,
        "entries": chain.entries,
        "scores": len(scores),
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--contestants", type=int, default=500)
    p.add_argument("--judges", type=int, default=10)
    p.add_argument("--aspects", type=int, default=10)
    p.add_argument("--scans", type=int, default=1000)
    p.add_argument("--desks", type=int, default=2)
    p.add_argument("--score-procs", type=int, default=3)
    p.add_argument("--keep", type=Path, help="work in this folder and keep it")
    p.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        role, ctx_path, out, *extra = args.worker
        ctx = json.loads(Path(ctx_path).read_text())
        if role == "desk":
            worker_desk(ctx, extra[0], json.loads(Path(extra[1]).read_text()), Path(out))
        else:
            worker_judges(ctx, extra, Path(out))
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kmjudge-soak-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["KMJUDGE_HOME"] = str(folder / "home")
    t0 = time.perf_counter()
    ctx = _setup(args, folder)
    setup_s = time.perf_counter() - t0
    ctx_path = folder / "ctx.json"
    ctx_path.write_text(json.dumps(ctx))
    rng = random.Random(7)
    tokens = ctx["tokens"]
    # 2. check-in: every contestant once (in random order) plus repeats, split over the desks
    first = tokens[:]
    rng.shuffle(first)
    first = first[: min(len(first), args.scans)]
    repeats = [rng.choice(first) for _ in range(max(0, args.scans - len(first)))]
    texts = first + repeats
    rng.shuffle(texts)
    t1 = time.perf_counter()
    procs, outs = [], []
    for d in range(args.desks):
        part = folder / f"desk{d}-texts.json"
        part.write_text(json.dumps(texts[d :: args.desks]))
        out = folder / f"desk{d}.json"
        procs.append(_spawn("desk", ctx_path, out, f"desk{d}", str(part)))
        outs.append(out)
    for proc in procs:
        proc.wait()
    checkin_s = time.perf_counter() - t1
    # 3. marking, with one desk scanning repeats at the same time
    t2 = time.perf_counter()
    procs = []
    judges_ = ctx["judges"]
    for i in range(args.score_procs):
        out = folder / f"judges{i}.json"
        procs.append(_spawn("judges", ctx_path, out, *judges_[i :: args.score_procs]))
        outs.append(out)
    part = folder / "late-texts.json"
    late = [rng.choice(first) for _ in range(max(1, args.scans // 10))]
    part.write_text(json.dumps(late))
    out = folder / "late-desk.json"
    procs.append(_spawn("desk", ctx_path, out, "desk0", str(part)))
    outs.append(out)
    for proc in procs:
        proc.wait()
    marking_s = time.perf_counter() - t2
    results = [json.loads(o.read_text()) for o in outs if o.exists()]
    missing = [o.name for o in outs if not o.exists()]
    check = _verify(ctx, results)

    ops: dict[str, list[float]] = {}
    errors: Counter[str] = Counter()
    for res in results:
        for name, values in res["ops"].items():
            ops.setdefault(name, []).extend(values)
        errors.update(res["errors"])
    print(
        f"kmjudge soak: {args.contestants} contestants, {args.judges} judges x "
        f"{args.aspects} aspects, {args.scans} scans (+{len(late)} during marking), "
        f"{args.desks} desks, {args.score_procs} marking processes, one SQLite file"
    )
    print(
        f"set-up {setup_s:.1f} s (import {ctx['import_ms']:.0f} ms), check-in {checkin_s:.1f} s,"
        f" marking {marking_s:.1f} s; {check['scores']} marks, {check['entries']} audit "
        f"entries; cpu count {os.cpu_count()}"
    )
    print()
    head = (
        f"| {'operation':<40} | {'count':>7} | {'p50 ms':>7} | {'p95 ms':>7} | "
        f"{'p99 ms':>7} | {'errors':>6} | {'lost':>4} |"
    )
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for name, values in sorted(ops.items()):
        errs = sum(n for k, n in errors.items() if k.startswith(name.split(" ")[0] + ":"))
        if name.startswith("scan (repeat)"):
            errs = 0  # desk errors are reported on the first-scan row
        print(
            f"| {name:<40} | {len(values):>7} | {pct(values, 0.5):>7.1f} | "
            f"{pct(values, 0.95):>7.1f} | {pct(values, 0.99):>7.1f} | {errs:>6} | "
            f"{check['lost'].get(name, 0):>4} |"
        )
    for name, ms in check["timings"].items():
        print(f"| {name:<40} | {1:>7} | {ms:>7.0f} | {'':>7} | {'':>7} | {0:>6} | {'':>4} |")
    print()
    total_lost = sum(check["lost"].values())
    print(
        f"confirmed actions lost: {total_lost}; database healthy: {check['healthy']}"
        + (f"; errors: {dict(errors)}" if errors else "; errors: none")
        + (f"; workers without results: {missing}" if missing else "")
    )
    if not check["healthy"]:
        print("\n".join(check["report"]))
    if not args.keep:
        print(f"(work folder {folder} left for inspection; delete it when done)")


if __name__ == "__main__":
    main()
