"""Package numbers from issue 7, measured (not asserted).

    python benchmarks/bench_sync.py [--venues 100] [--contestants 200] [--aspects 10]
                                    [--judges 5] [--audit] [--pg URL]

- import of 100 venue packages holding 20,000 contestants and 1,000,000 scores into one city
  database (target <= 60 s), then re-importing them all (target <= 10 s, nothing changes)
- export of a 1,000-contestant event (target <= 2 s)

Venues are built with bulk inserts (the services would take hours for a million marks), each
with its own device key, event, contestants (distinct ID numbers), check-ins, theory scores
and marks. ``--audit`` also gives every mark its signed audit entry, as the judge entry
service does, so that each package carries a 10,000-entry audit chain to verify.
Ids are made as the services make them: random for people, registrations and events,
time-ordered (``kmjudge.ids.new_id``, UUID version 7) for marks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scratch import database_url
from sqlalchemy import func, insert, select

from kmjudge import accounts, audit, device, events, sync
from kmjudge.clock import iso_utc, utcnow
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import (
    Aspect,
    AuditEntry,
    CheckIn,
    Contestant,
    Device,
    Registration,
    Score,
    TheoryScore,
    User,
)
from kmjudge.ids import new_id
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

DISTRICTS = [
    "五华区",
    "盘龙区",
    "官渡区",
    "西山区",
    "呈贡区",
    "晋宁区",
    "安宁市",
    "宜良县",
    "嵩明县",
    "富民县",
]
TRADES = [
    "电工",
    "焊工",
    "钳工",
    "车工",
    "汽车维修工",
    "育婴员",
    "中式烹调师",
    "美容师",
    "茶艺师",
    "电子商务师",
]


def scheme(n_aspects: int) -> dict[str, Any]:
    per = Decimal(100) / n_aspects
    aspects = []
    total = Decimal(0)
    for i in range(n_aspects):
        mx = per.quantize(Decimal("0.01")) if i < n_aspects - 1 else Decimal(100) - total
        total += mx
        kind = "J" if i % 3 == 1 else "M"
        a: dict[str, Any] = {
            "code": f"A{i}",
            "title": f"评分项{i}",
            "kind": kind,
            "max_mark": str(mx),
        }
        if kind == "M":
            a["step"] = "0.01"
        aspects.append(a)
    return {
        "title": "基准评分标准",
        "criteria": [
            {
                "code": "A",
                "title": "实操",
                "subcriteria": [{"code": "A1", "title": "全部", "aspects": aspects}],
            }
        ],
    }


def chain(db: Database, rows: list[dict[str, Any]], actor_id: uuid.UUID) -> list[dict[str, Any]]:
    """One signed audit entry per mark, continuing this device's chain (what
    ``audit.record`` writes, done in bulk)."""
    with db.read() as s:
        dev = s.get(Device, db.device.id)
        assert dev is not None
        seq, head = dev.audit_seq, dev.audit_head
    out = []
    now = iso_utc(utcnow())
    for r in rows:
        seq += 1
        e = AuditEntry(
            device_id=db.device.id,
            seq=seq,
            at=now,
            user_id=actor_id,
            username="j",
            action="score.enter",
            entity="score",
            entity_id=str(r["id"]),
            event_id=r["event_id"],
            before=None,
            after={"value": format(r["value"], "f"), "version": 1},
            prev_hash=head,
        )
        e.hash = audit.entry_hash(e)
        head = e.hash
        out.append(
            {
                "device_id": db.device.id,
                "seq": seq,
                "at": now,
                "user_id": actor_id,
                "username": "j",
                "action": "score.enter",
                "entity": "score",
                "entity_id": str(r["id"]),
                "event_id": r["event_id"],
                "before": None,
                "after": e.after,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
                "signature": db.device.sign(bytes.fromhex(e.hash)),
            }
        )
    with db.write() as s:
        d = s.get(Device, db.device.id)
        assert d is not None
        d.audit_seq, d.audit_head = seq, head
    return out


def build_venue(
    template: Path, folder: Path, i: int, n: int, n_aspects: int, n_judges: int, with_audit: bool
) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / "venue.sqlite3")
    ident = device.load_or_create(folder / "device")
    (folder / "device" / "device.json").write_text(
        json.dumps({"id": str(ident.id), "name": f"赛点{i:03d}"}, ensure_ascii=False), "utf-8"
    )
    db = open_database(folder / "venue.sqlite3", device=device.load_or_create(folder / "device"))
    rng = random.Random(i)
    system = accounts.system_actor(db)
    day = date(2026, 10, 10) + timedelta(days=i % 20)
    spec = parse_setup_dict(
        {
            "competition": {"name": "昆明地区2026年职工职业技能竞赛", "year": 2026},
            "events": [
                {
                    "name": f"{DISTRICTS[i % 10]}第{i}场（{TRADES[i % 10]}）",
                    "trade": TRADES[i % 10],
                    "level": "district",
                    "district": DISTRICTS[i % 10],
                    "organiser": "总工会",
                    "venue": f"实训基地{i}",
                    "start": f"{day}T08:30:00",
                    "end": f"{day}T17:30:00",
                    "judges_per_panel": n_judges,
                    "scheme": scheme(n_aspects),
                }
            ],
        }
    )
    (event_id,) = events.create_from_setup(db, system, spec)
    judge_ids = [uuid.uuid4() for _ in range(n_judges)]
    with db.write() as s:
        s.execute(
            insert(User),
            [
                {
                    "id": j,
                    "username": f"j{k}",
                    "display_name": f"裁判{k}",
                    "roles": ["judge"],
                    "secret_hash": "x",
                }
                for k, j in enumerate(judge_ids)
            ],
        )
        aspects = list(s.scalars(select(Aspect).where(Aspect.event_id == event_id)))
    contestants, regs, checkins, theory, scores = [], [], [], [], []
    at = datetime.combine(day, dtime(8, 0))
    for k in range(n):
        cid, rid = uuid.uuid4(), uuid.uuid4()
        birth = date(1965, 1, 1) + timedelta(days=(i * n + k) % 12000)
        contestants.append(
            {
                "id": cid,
                "id_number": make_id_number("530102", birth, (i * n + k) // 12000 * 2 + 11, "M"),
                "name": f"选手{i:03d}{k:03d}",
                "gender": "M",
                "birth_date": birth,
                "district": DISTRICTS[i % 10],
            }
        )
        regs.append(
            {
                "id": rid,
                "event_id": event_id,
                "contestant_id": cid,
                "ticket_no": f"T{k:05d}",
                "status": "checked_in",
                "station_no": k + 1,
                "completion_seconds": rng.randint(3000, 7200),
            }
        )
        checkins.append(
            {
                "id": uuid.uuid4(),
                "registration_id": rid,
                "device_id": db.device.id,
                "checked_in_at": at,
            }
        )
        theory.append(
            {
                "id": uuid.uuid4(),
                "registration_id": rid,
                "value": Decimal(rng.randint(4000, 10000)) / 100,
            }
        )
        for a in aspects:
            for j in judge_ids:
                v = (
                    Decimal(rng.randint(0, 3))
                    if a.kind == "J"
                    else (a.max_mark * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
                )
                scores.append(
                    {
                        "id": new_id(),  # as the services make them (kmjudge.ids)
                        "event_id": event_id,
                        "registration_id": rid,
                        "aspect_id": a.id,
                        "judge_id": j,
                        "value": v,
                        "trainee": False,
                        "entered_by": j,
                        "device_id": db.device.id,
                    }
                )
    entries = chain(db, scores, judge_ids[0]) if with_audit else []
    with db.write() as s:
        s.execute(insert(Contestant), contestants)
        s.execute(insert(Registration), regs)
        s.execute(insert(CheckIn), checkins)
        s.execute(insert(TheoryScore), theory)
        for k in range(0, len(scores), 20_000):
            s.execute(insert(Score), scores[k : k + 20_000])
        for k in range(0, len(entries), 20_000):
            s.execute(insert(AuditEntry), entries[k : k + 20_000])
    return db


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--venues", type=int, default=100)
    ap.add_argument("--contestants", type=int, default=200)
    ap.add_argument("--aspects", type=int, default=10)
    ap.add_argument("--judges", type=int, default=5)
    ap.add_argument("--audit", action="store_true", help="a signed audit entry per mark")
    ap.add_argument("--export-contestants", type=int, default=1000)
    ap.add_argument("--export-aspects", default="10,40", help="aspects of the export events")
    ap.add_argument("--pg", default="", help="PostgreSQL server URL for the city database")
    ap.add_argument(
        "--no-read-ahead",
        dest="read_ahead",
        action="store_false",
        help="read every package in the importing process (no second process)",
    )
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        os.environ["KMJUDGE_HOME"] = str(tmp / "home")
        template = tmp / "template.sqlite3"
        open_database(template).dispose()

        # --- export of a 1,000-contestant event (marks per contestant: 10 aspects x 5 judges,
        # the density of the import target's venues, and 40 x 5 as in bench_results)
        for k, n_aspects in enumerate(int(a) for a in args.export_aspects.split(",")):
            t = time.perf_counter()
            big = build_venue(
                template,
                tmp / f"big{k}",
                900 + k,
                args.export_contestants,
                n_aspects,
                args.judges,
                False,
            )
            with big.read() as s:
                n_big = s.scalar(select(func.count()).select_from(Score)) or 0
            print(
                f"built a {args.export_contestants}-contestant event ({n_big:,} marks) "
                f"in {time.perf_counter() - t:.1f} s"
            )
            system = accounts.system_actor(big)
            times, cpus = [], []
            for _k in range(3):
                t = time.perf_counter()
                cpu = time.process_time()
                res = sync.export_package(big, system, tmp / "usb-big", incremental=False)
                times.append(time.perf_counter() - t)
                cpus.append(time.process_time() - cpu)
            rows.append(
                (
                    f"export, {args.export_contestants:,} contestants, {n_big:,} marks (full)",
                    f"{min(times):.2f} s (CPU {min(cpus):.2f} s, {res.size / 1e6:.1f} MB)",
                    "<= 2 s",
                )
            )
            t = time.perf_counter()
            inc = sync.export_package(big, system, tmp / "usb-big")
            rows.append(
                (
                    f"export, {n_big:,} marks, incremental, nothing changed",
                    f"{time.perf_counter() - t:.2f} s ({inc.size / 1e3:.0f} kB)",
                    "",
                )
            )
            big.dispose()
            shutil.rmtree(tmp / f"big{k}")

        # --- 100 venues
        t = time.perf_counter()
        packages: list[sync.ExportResult] = []
        for i in range(args.venues):
            db = build_venue(
                template,
                tmp / f"v{i:03d}",
                i,
                args.contestants,
                args.aspects,
                args.judges,
                args.audit,
            )
            packages.append(sync.export_package(db, accounts.system_actor(db), tmp / "usb"))
            db.dispose()
            shutil.rmtree(tmp / f"v{i:03d}")
        total_c = args.venues * args.contestants
        total_s = total_c * args.aspects * args.judges
        total_mb = sum(p.size for p in packages) / 1e6
        print(
            f"built and exported {args.venues} venues ({total_c:,} contestants, {total_s:,} marks, "
            f"{sum(p.audit_entries for p in packages):,} audit entries, "
            f"{total_mb:.0f} MB of packages) in {time.perf_counter() - t:.0f} s"
        )
        with database_url(args.pg, tmp, "city.sqlite3") as url:
            city = open_database(url)
            try:
                accounts.create_first_admin(city, "admin", "市管理员", "2580")
                admin = accounts.login(city, "admin", "2580")
                t = time.perf_counter()
                cpu = time.process_time()
                changed = 0
                # As ``kmjudge import FILE...`` does: one backup before the batch, the next
                # packages read in a second process while one merges (--no-read-ahead: not).
                paths = [p.path for p in packages]
                with sync.Prefetcher(paths if args.read_ahead else []) as ahead:
                    for n, p in enumerate(packages):
                        r = sync.import_package(
                            city,
                            admin,
                            p.path,
                            p.fingerprint,
                            backup=n == 0,
                            prepared=ahead.take(n),
                        )
                        changed += r.changed
                first = time.perf_counter() - t
                first_cpu = time.process_time() - cpu
                with city.read() as s:
                    n_scores = s.scalar(select(func.count()).select_from(Score)) or 0
                    n_people = s.scalar(select(func.count()).select_from(Contestant)) or 0
                backend = "PostgreSQL" if args.pg else "SQLite"
                rows.append(
                    (
                        f"import {args.venues} packages into the city ({backend}): "
                        f"{n_people:,} contestants, {n_scores:,} marks",
                        f"{first:.1f} s (CPU {first_cpu:.1f} s)",
                        "<= 60 s",
                    )
                )
                t = time.perf_counter()
                cpu = time.process_time()
                again = [sync.import_package(city, admin, p.path) for p in packages]
                second = time.perf_counter() - t
                second_cpu = time.process_time() - cpu
                assert all(r.status == sync.STATUS_DUPLICATE for r in again)
                rows.append(
                    (
                        f"re-import all {args.venues} packages (no change)",
                        f"{second:.2f} s (CPU {second_cpu:.2f} s)",
                        "<= 10 s",
                    )
                )
            finally:
                city.dispose()
    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'measurement':<{width}}  {'result':<34}  target")
    print("-" * (width + 50))
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<34}  {target}")


if __name__ == "__main__":
    main()
