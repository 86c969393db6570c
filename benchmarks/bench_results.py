"""Results numbers from issue 5, measured (not asserted).

    python benchmarks/bench_results.py [--contestants 1000] [--judges 5] [--aspects 40]
                                       [--pg postgresql+psycopg://user@host:port/db]

- full results of 1,000 contestants x 5 judges x 40 aspects (200,000 scores):
  engine only, and load from SQLite + engine (target <= 1 s each); with ``--pg`` the same
  from a fresh database created (and dropped afterwards) on that PostgreSQL server
- recompute after one score changes, through ``ResultsCache`` (target <= 100 ms)
- the same recompute done naively (everything again), for comparison
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scratch import database_url
from sqlalchemy import insert

from kmjudge import accounts, events
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Contestant, Registration, Score, TheoryScore, User
from kmjudge.registration.idcard import make_id_number
from kmjudge.results.engine import ResultsCache, compute
from kmjudge.results.load import load_event
from kmjudge.setupfile import parse_setup_dict


def scheme(n_aspects: int) -> dict[str, Any]:
    """n aspects: a mix of M (mean), J (trim1), M (median) and two deductions; M+J total 100."""
    counted = n_aspects - 2
    per = Decimal(100) / counted
    aspects: list[dict[str, Any]] = []
    total = Decimal(0)
    for i in range(counted):
        mx = per.quantize(Decimal("0.01")) if i < counted - 1 else Decimal(100) - total
        total += mx
        kind, rule = [("M", "mean"), ("J", "trim1"), ("M", "median")][i % 3]
        a: dict[str, Any] = {"code": f"A{i}", "title": f"评分项{i}", "kind": kind}
        a.update(max_mark=str(mx), panel_rule=rule)
        if kind == "M":
            a["step"] = "0.01"
        aspects.append(a)
    for i in range(2):
        aspects.append({"code": f"D{i}", "title": "扣分", "kind": "D", "max_mark": 2, "cap": 6})
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


def build(db: Database, n: int, judges: int, n_aspects: int, seed: int = 5) -> uuid.UUID:
    rng = random.Random(seed)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    spec = parse_setup_dict(
        {
            "competition": {"name": "基准", "year": 2026},
            "events": [
                {
                    "name": "基准项目",
                    "trade": "电工",
                    "level": "city",
                    "organiser": "市总工会",
                    "venue": "实训楼",
                    "start": "2026-09-19",
                    "end": "2026-09-19",
                    "judges_per_panel": judges,
                    "ranking_groups": ["<=35", ">35"],
                    "scheme": scheme(n_aspects),
                }
            ],
        }
    )
    (event_id,) = events.create_from_setup(db, admin, spec)
    judge_ids = [uuid.uuid4() for _ in range(judges)]
    with db.write() as s:
        s.execute(
            insert(User),
            [
                {
                    "id": j,
                    "username": f"j{i}",
                    "display_name": f"裁判{i}",
                    "roles": ["judge"],
                    "secret_hash": "x",
                }
                for i, j in enumerate(judge_ids)
            ],
        )
        from kmjudge.db.models import Aspect

        aspects = list(s.query(Aspect).filter(Aspect.event_id == event_id))
    contestants, regs, theory, scores = [], [], [], []
    for k in range(n):
        cid, rid = uuid.uuid4(), uuid.uuid4()
        birth = date(1970, 1, 1) + timedelta(days=13 * k)
        contestants.append(
            {
                "id": cid,
                "id_number": make_id_number("530102", birth, k % 500, "M" if k % 2 else "F"),
                "name": f"选手{k:04d}",
                "gender": "M" if k % 2 else "F",
                "birth_date": birth,
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
        theory.append(
            {
                "id": uuid.uuid4(),
                "registration_id": rid,
                "value": Decimal(rng.randint(4000, 10000)) / 100,
            }
        )
        for a in aspects:
            for j in judge_ids:
                if a.kind == "J":
                    v = Decimal(rng.randint(0, 3))
                elif a.kind == "D":
                    v = Decimal(1 if rng.random() < 0.05 else 0)
                else:
                    v = (a.max_mark * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
                scores.append(
                    {
                        "id": uuid.uuid4(),
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
    with db.write() as s:
        s.execute(insert(Contestant), contestants)
        s.execute(insert(Registration), regs)
        s.execute(insert(TheoryScore), theory)
        for i in range(0, len(scores), 20_000):
            s.execute(insert(Score), scores[i : i + 20_000])
    return event_id


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, list[float]]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contestants", type=int, default=1000)
    ap.add_argument("--judges", type=int, default=5)
    ap.add_argument("--aspects", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pg", default="", help="PostgreSQL server URL (default: a SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database_url(args.pg, Path(tmp)) as url:
        os.environ["KMJUDGE_HOME"] = tmp
        backend = "PostgreSQL" if args.pg else "SQLite"
        db = open_database(url)
        t0 = time.perf_counter()
        event_id = build(db, args.contestants, args.judges, args.aspects)
        n_scores = args.contestants * args.judges * args.aspects
        print(f"built {n_scores:,} scores in {time.perf_counter() - t0:.1f} s\n")

        loaded, t_load = timed(lambda: load_event(db, event_id), args.repeat)
        result, t_engine = timed(lambda: compute(loaded.inputs), args.repeat)
        _, t_both = timed(lambda: compute(load_event(db, event_id).inputs), args.repeat)
        cache = ResultsCache(loaded.inputs)
        cache.results()
        rng = random.Random(1)
        keys = [c.key for c in loaded.inputs.contestants]
        m_aspects = [a for a in loaded.inputs.aspects if a.kind == "M"]

        def one_change() -> Any:
            a = rng.choice(m_aspects)
            v = (a.max_mark * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
            return cache.set_mark(rng.choice(keys), a.key, "j0", v)

        _, t_incr = timed(one_change, max(args.repeat, 20))
        _, t_naive = timed(lambda: compute(cache_inputs(cache, loaded)), args.repeat)
        ranked = len(result.ranked)

        def row(name: str, times: list[float], target: float) -> None:
            med = statistics.median(times)
            ok = "ok" if med <= target else "OVER"
            print(
                f"{name:<44} {med * 1000:9.1f} ms  (min {min(times) * 1000:7.1f})  "
                f"target {target * 1000:6.0f} ms  {ok}"
            )

        print(f"{'measure':<44} {'median':>12}  {'':>13}  {'':>16}")
        row(f"load from {backend}", t_load, 1.0)
        row("engine: full results", t_engine, 1.0)
        row("load + engine", t_both, 1.0)
        row("one score changed (ResultsCache)", t_incr, 0.1)
        row("one score changed, naive full recompute", t_naive, 1.0)
        print(f"\n{ranked} ranked contestants in {len(result.groups)} groups")
        db.dispose()


def cache_inputs(cache: ResultsCache, loaded: Any) -> Any:
    from kmjudge.results.model import EventInputs

    return EventInputs(
        loaded.inputs.rules,
        loaded.inputs.aspects,
        tuple(cache.contestant(c.key) for c in loaded.inputs.contestants),
    )


if __name__ == "__main__":
    main()
