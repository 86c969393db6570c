"""Check-in numbers from issue 3, measured (not asserted).

    python benchmarks/bench_checkin.py [--contestants 10000] [--tickets 1000]

- scan -> verdict at an event of 10,000 contestants, each a durable commit (synchronous=FULL)
  with the Scan row, check-in, station draw and audit entry: p50 / p95 / max
  (target: p95 <= 15 ms), for first scans early and late in the morning, repeats and forgeries
- 1,000 tickets into one PDF, 6 and 4 per page (target <= 5 s)
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kmjudge import accounts, checkin, events
from kmjudge.checkin import qr
from kmjudge.db.engine import open_database
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def make_sheet(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位"])
        for k in range(n):
            birth = date(1970, 1, 1) + timedelta(days=37 * (k // 400))
            idn = make_id_number("530102", birth, 100 + k % 400, "M" if k % 2 else "F")
            w.writerow([f"选手{k:05d}", idn, f"单位{k % 50}"])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


CPU: list[float] = []  # this process's CPU time per scan (ms), without waiting for the disk


def timed_scans(db, actor, event_id, texts: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for text in texts:
        c = time.thread_time()
        t = time.perf_counter()
        checkin.scan(db, actor, event_id, text)
        out.append((time.perf_counter() - t) * 1000)
        CPU.append((time.thread_time() - c) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contestants", type=int, default=10_000)
    ap.add_argument("--tickets", type=int, default=1_000)
    args = ap.parse_args()
    n = args.contestants
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KMJUDGE_HOME"] = tmp
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite3")
        accounts.create_first_admin(db, "admin", "管理员", "2580")
        admin = accounts.login(db, "admin", "2580")
        accounts.create_user(db, admin, "reg", "检录", ["registrar"], "2580")
        registrar = accounts.login(db, "reg", "2580")
        ev, _ = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
        now = datetime.now().replace(microsecond=0)
        events.update_event(
            db,
            admin,
            ev,
            start_at=now + timedelta(hours=2),
            checkin_opens_at=now - timedelta(hours=1),
            checkin_closes_at=now + timedelta(hours=5),
        )
        sheet = folder / "reg.csv"
        make_sheet(sheet, n)
        service.import_file(db, admin, ev, sheet)

        t = time.perf_counter()
        issued = checkin.issue_tickets(db, admin, ev)
        rows.append(
            (f"issue {n:,} ticket tokens (sign + insert)", f"{time.perf_counter() - t:.2f} s", "")
        )
        tokens = [x.token for x in issued]
        random.Random(3).shuffle(tokens)

        CPU.clear()
        early = timed_scans(db, registrar, ev, tokens[:1000])
        middle = timed_scans(db, registrar, ev, tokens[1000 : n - 1000])
        late = timed_scans(db, registrar, ev, tokens[n - 1000 :])
        cpu = list(CPU)
        repeat = timed_scans(db, registrar, ev, tokens[:500])
        forged = timed_scans(
            db,
            registrar,
            ev,
            [x[:-10] + ("A" if x[-10] != "A" else "B") + x[-9:] for x in tokens[:500]],
        )
        junk = timed_scans(db, registrar, ev, ["hello world"] * 300)
        every = early + middle + late
        for label, values in (
            ("scan: first 1,000 check-ins (valid + draw)", early),
            ("scan: last 1,000 check-ins (stations nearly full)", late),
            (f"scan: all {len(every):,} check-ins", every),
            ("scan: repeat (already)", repeat),
            ("scan: forged signature", forged),
            ("scan: malformed text", junk),
        ):
            rows.append(
                (
                    label,
                    f"p50 {statistics.median(values):.1f} ms / p95 {pct(values, 0.95):.1f} ms"
                    f" / max {max(values):.1f} ms",
                    "p95 <= 15 ms",
                )
            )
        rows.append(
            (
                f"scan: all {len(every):,} check-ins, CPU time only",
                f"p50 {statistics.median(cpu):.1f} ms / p95 {pct(cpu, 0.95):.1f} ms"
                f" / max {max(cpu):.1f} ms",
                "",
            )
        )
        tenth = len(every) // 10
        rows.append(
            (
                "scan: p95 per tenth of the morning (ms)",
                " ".join(f"{pct(every[i * tenth : (i + 1) * tenth], 0.95):.0f}" for i in range(10)),
                "",
            )
        )
        c = checkin.counters(db, ev)
        assert c.checked_in == n and c.with_station == n, c

        subset = [x.registration_id for x in issued[: args.tickets]]
        t = time.perf_counter()
        for x in issued[:300]:
            qr.qr_matrix(x.token)
        rows.append(
            (
                "QR matrix (best mask) per ticket",
                f"{(time.perf_counter() - t) / 300 * 1000:.2f} ms",
                "",
            )
        )
        for per_page in (6, 4, 1):
            out = folder / f"tickets-{per_page}.pdf"
            t = time.perf_counter()
            result = checkin.write_tickets_pdf(
                db, admin, ev, out, per_page=per_page, registration_ids=subset
            )
            took = time.perf_counter() - t
            rows.append(
                (
                    f"{result.tickets:,} tickets, {per_page} per page ({result.pages} pages, "
                    f"{out.stat().st_size / 1e6:.1f} MB)",
                    f"{took:.2f} s",
                    "<= 5 s",
                )
            )
        db.dispose()
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':<44}  target")
    print("-" * (width + 60))
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:<44}  {target}")


if __name__ == "__main__":
    main()
