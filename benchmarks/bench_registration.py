"""Registration numbers from issue 2, measured (not asserted).

    python benchmarks/bench_registration.py

- 5,000-row registration xlsx: preview + commit (target <= 3 s)
- opening a 10,000-contestant database and loading the contestant list (the data behind
  the first usable window; target for the whole window <= 1.5 s)
- search-as-you-type over 10,000 contestants, per keystroke (target <= 50 ms)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from kmjudge import accounts, events
from kmjudge.db.engine import open_database
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def make_sheet(path: Path, n: int, offset: int = 0) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["昆明市职工职业技能竞赛报名表"])
    ws.append(["序号", "姓名", "性别", "身份证号码", "工作单位", "所属区县", "联系电话"])
    for i in range(n):
        k = i + offset
        birth = date(1970, 1, 1) + timedelta(days=37 * (k // 400))
        gender = "M" if k % 2 else "F"
        idn = make_id_number("530102", birth, 100 + k % 400, gender)
        ws.append(
            [
                i + 1,
                f"选手{k:05d}",
                "男" if gender == "M" else "女",
                idn,
                f"单位{k % 50}",
                "五华区",
                13800000000 + k,
            ]
        )
    wb.save(path)


def timed(fn, *a):
    t = time.perf_counter()
    out = fn(*a)
    return out, time.perf_counter() - t


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KMJUDGE_HOME"] = tmp
        t = Path(tmp)
        db = open_database(t / "bench.sqlite3")
        accounts.create_first_admin(db, "admin", "管理员", "2580")
        admin = accounts.login(db, "admin", "2580")
        ev, _ = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
        sheet = t / "5000.xlsx"
        make_sheet(sheet, 5000)
        preview, tp = timed(service.preview_import, db, admin, ev, sheet)
        assert not preview.rejected, preview.rejected[:3]
        result, tc = timed(service.commit_import, db, admin, preview)
        assert result.created == 5000
        rows.append(("5,000-row xlsx: preview", tp, None))
        rows.append(("5,000-row xlsx: commit (incl. backup)", tc, None))
        rows.append(("5,000-row xlsx: preview + commit", tp + tc, 3.0))
        _preview2, tp2 = timed(service.preview_import, db, admin, ev, sheet)
        rows.append(("re-import same 5,000 rows: preview (all unchanged)", tp2, None))
        sheet2 = t / "more.xlsx"
        make_sheet(sheet2, 5000, offset=5000)
        p2, r2 = service.import_file(db, admin, ev, sheet2)
        assert r2.created == 5000, (r2, p2.rejected[:2], p2.warnings[:2])
        db.dispose()

        def open_and_load():
            d = open_database(t / "bench.sqlite3", backup_on_open=True)
            a = accounts.Actor(admin.user_id, "admin", "管理员", admin.roles, d.device.id)
            evs = events.list_events(d, a)
            assert len(evs) == 2
            regs = service.list_registrations(d, a, ev)
            idx = service.SearchIndex(regs)
            d.dispose()
            return regs, idx

        (regs, idx), to = timed(open_and_load)
        assert len(regs) == 10000
        rows.append(("open 10,000-contestant db (+backup) and load the list", to, None))
        samples = []
        for q in ["选", "选手", "选手0", "选手01", "选手012", "1234", "X", "单位4", "zz"]:
            t0 = time.perf_counter()
            idx.search(q)
            samples.append(time.perf_counter() - t0)
        rows.append(("search per keystroke over 10,000 (median)", statistics.median(samples), 0.05))
        rows.append(("search per keystroke over 10,000 (max)", max(samples), 0.05))
    print(f"{'measurement':<58} {'seconds':>9} {'target':>8}")
    for name, secs, target in rows:
        print(f"{name:<58} {secs:>9.3f} {('<= ' + str(target)) if target else '':>8}")


if __name__ == "__main__":
    main()
