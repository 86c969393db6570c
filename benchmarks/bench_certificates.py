"""Certificate numbers from issue 6, measured (not asserted).

    python benchmarks/bench_certificates.py [--n 1000]

- plan + issue + render 1,000 certificates with signed QR codes into ONE PDF, in a fresh process
  (target <= 3 s on a 2-core machine, peak memory <= 300 MB); then the same 1,000 again as
  reprints (补发: no signing, no new rows)
- what one QR code costs with each encoder: the ``qrcode`` library as is, the tickets' faster
  mask choice (``kmjudge.checkin.qr``), and ``kmjudge.certificates.qrfast`` (tables built once)
- one live-preview page (what the GUI redraws on every change)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰海峰波辉鹏宇浩斌凯飞俊"
    "帅琳晶雪梅婷莉燕玲丹萍慧颖琴云莲真环瑶怡佳欣嘉琪彤瑞晨博文轩睿泽宸堃喆昇赟犇淼焱垚鑫"
)


def _build(path: Path, n: int) -> str:
    """A locked event with ``n`` checked-in, scored contestants (bench_results' builder)."""
    spec = importlib.util.spec_from_file_location(
        "bench_results", ROOT / "benchmarks" / "bench_results.py"
    )
    assert spec and spec.loader
    br = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(br)
    from sqlalchemy import select, update

    from kmjudge.clock import utcnow
    from kmjudge.db.engine import open_database
    from kmjudge.db.models import Contestant, Event

    db = open_database(path)
    event_id = br.build(db, n, 5, 6)
    rng = random.Random(6)
    with db.write() as s:
        ids = list(s.scalars(select(Contestant.id)))
        for cid in ids:
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))
            )
            s.execute(update(Contestant).where(Contestant.id == cid).values(name=name))
        s.execute(
            update(Event).where(Event.id == event_id).values(locked_at=utcnow(), status="locked")
        )
    from kmjudge import accounts

    admin = accounts.login(db, "admin", "2580")
    accounts.create_user(db, admin, "chief", "裁判长", ["chief"], "2580")
    db.dispose()
    return str(event_id)


def _child(db_path: str, event_id: str, out: str, reprint: bool) -> None:
    """Runs in a fresh process: plan + issue, and this process's peak memory."""
    t0 = time.perf_counter()
    from kmjudge import accounts, certificates
    from kmjudge.db.engine import open_database

    db = open_database(db_path)
    chief = accounts.login(db, "chief", "2580")
    t_import = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    t = time.perf_counter()
    plan = certificates.plan_batch(
        db, chief, uuid.UUID(event_id), participation=True, reprint_issued=reprint
    )
    t_plan = time.perf_counter() - t
    t = time.perf_counter()
    res = certificates.issue_certificates(
        db, chief, plan, out, force=True, reason="基准测试补发" if reprint else ""
    )
    t_issue = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_after = usage.ru_utime + usage.ru_stime
    db.dispose()
    print(
        json.dumps(
            {
                "startup_s": t_import,
                "plan_s": t_plan,
                "issue_s": t_issue,
                "pages": res.pages,
                "new": res.new,
                "reprints": res.reprints,
                "size_mb": os.path.getsize(out) / 1e6,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "cpu_s": cpu_after - cpu_before,
            }
        )
    )


def _qr_costs(count: int = 200) -> list[tuple[str, str]]:
    import base64

    import qrcode

    from kmjudge.certificates import qrfast
    from kmjudge.checkin import qr as ticket_qr

    tokens = ["KMC1" + base64.b32encode(os.urandom(104)).decode().rstrip("=") for _ in range(count)]
    qrfast.encode(tokens[0])
    rows = []

    def per(fn: object) -> float:
        t = time.perf_counter()
        for text in tokens:
            fn(text)  # type: ignore[operator]
        return (time.perf_counter() - t) / count * 1000

    def lib(text: str) -> object:
        q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        q.add_data(text)
        q.make(fit=True)
        return q.get_matrix()

    ms = per(lib)
    rows.append(("QR: qrcode library as is, per code", f"{ms:.2f} ms (x1,000 = {ms:.1f} s)"))
    ms = per(lambda t: ticket_qr.path_operators(ticket_qr.qr_matrix(t), 0, 0, 60))
    rows.append(("QR: tickets' fast mask + path, per code", f"{ms:.2f} ms (x1,000 = {ms:.1f} s)"))
    ms = per(lambda t: qrfast.path_operators(qrfast.encode(t), 0, 0, 60))
    rows.append(("QR: qrfast encode + path, per code", f"{ms:.2f} ms (x1,000 = {ms:.2f} s)"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument(
        "--child", nargs=4, metavar=("DB", "EVENT", "OUT", "REPRINT"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], args.child[2], args.child[3] == "1")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KMJUDGE_HOME"] = str(folder / "home")
        t = time.perf_counter()
        event_id = _build(folder / "bench.sqlite3", args.n)
        rows: list[tuple[str, str, str]] = [
            (
                f"build a locked event, {args.n:,} contestants",
                f"{time.perf_counter() - t:.1f} s",
                "",
            )
        ]
        for reprint in (False, True):
            out = folder / f"certs-{int(reprint)}.pdf"
            r = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(folder / "bench.sqlite3"),
                    event_id,
                    str(out),
                    str(int(reprint)),
                ],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ},
            )
            m = json.loads(r.stdout.strip().splitlines()[-1])
            what = "reprint (补发) the same" if reprint else "plan + issue + render"
            rows.append(
                (
                    f"{what}: {m['pages']:,} certificates, one PDF",
                    f"{m['plan_s'] + m['issue_s']:.2f} s",
                    "<= 3 s",
                )
            )
            rows.append(("  CPU time of plan + issue (one process)", f"{m['cpu_s']:.2f} s", ""))
            rows.append(
                ("  of which: plan (results, rules, glyph check)", f"{m['plan_s']:.2f} s", "")
            )
            rows.append(("  of which: sign, render, write, record", f"{m['issue_s']:.2f} s", ""))
            rows.append(("  peak memory of that process", f"{m['maxrss_mb']:.0f} MB", "<= 300 MB"))
            rows.append(("  PDF size", f"{m['size_mb']:.1f} MB", ""))
        from kmjudge import certificates

        certificates.preview_pdf("landscape")
        t = time.perf_counter()
        for i in range(20):
            certificates.preview_pdf("landscape", certificates.SampleFields(name=f"张{GIVEN[i]}明"))
        rows.append(
            ("live preview, one page", f"{(time.perf_counter() - t) / 20 * 1000:.0f} ms", "")
        )
        rows += [(a, b, "") for a, b in _qr_costs()]
    load = os.getloadavg()[0]
    rows.append(("load average (1 min) at the end, 2 cores", f"{load:.1f}", ""))
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measure':<{width}}{'result':<26}target")
    for name, value, target in rows:
        print(f"{name:<{width}}{value:<26}{target}")


if __name__ == "__main__":
    main()
