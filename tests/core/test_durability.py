"""A killed process never leaves half an import, and two writers lose nothing.

These run real subprocesses against a real SQLite file and kill them with SIGKILL at
varied moments (the reliability issue grows this into a 200-iteration harness).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from kmjudge import accounts, audit, events
from kmjudge.db.engine import open_database
from kmjudge.db.models import Contestant, Registration
from kmjudge.maintenance import check_database
from kmjudge.registration.idcard import make_id_number
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]

IMPORTER = """
import sys, json
from kmjudge import accounts
from kmjudge.db.engine import open_database
from kmjudge.registration import service
import uuid
db = open_database(sys.argv[1])
admin = accounts.login(db, "admin", "2580")
preview = service.preview_import(db, admin, uuid.UUID(sys.argv[2]), sys.argv[3])
print("previewed", flush=True)
result = service.commit_import(db, admin, preview)
print(json.dumps({"created": result.created}), flush=True)
"""

WRITER = """
import sys
from kmjudge import accounts
from kmjudge.db.engine import open_database
db = open_database(sys.argv[1])
admin = accounts.login(db, "admin", "2580")
for i in range(int(sys.argv[3])):
    accounts.create_user(db, admin, f"{sys.argv[2]}{i}", "x", ["judge"], "2468")
    print(f"{sys.argv[2]}{i}", flush=True)
"""


def _sheet(path: Path, n: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "身份证号码", "工作单位"])
    for k in range(n):
        birth = date(1975, 1, 1) + timedelta(days=k // 400 * 31)
        ws.append(
            [
                f"选手{k}",
                make_id_number("530102", birth, 100 + k % 400, "M" if k % 2 else "F"),
                "昆钢",
            ]
        )
    wb.save(path)
    return path


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KMJUDGE_HOME": str(home), "PYTHONPATH": str(ROOT)}


def test_killed_import_is_all_or_nothing(tmp_path: Path) -> None:
    """SIGKILL at several points of an import: afterwards 0 or all 1,500 rows, the file
    passes integrity_check, and the audit chain verifies."""
    db_path = tmp_path / "v.sqlite3"
    db = open_database(db_path)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    ev, _ = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    db.dispose()
    sheet = _sheet(tmp_path / "s.xlsx", 1500)
    outcomes = set()
    for delay in (0.05, 0.25, 0.5, 0.8, 1.1, 1.6):
        proc = subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(db_path), str(ev), str(sheet)],
            stdout=subprocess.PIPE,
            env=_env(tmp_path),
            text=True,
        )
        # wait until the preview is done, so the kill lands during the commit phase
        assert proc.stdout is not None
        line = proc.stdout.readline()
        time.sleep(delay / 10)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        db = open_database(db_path)
        with db.read() as s:
            regs = s.scalar(select(func.count()).select_from(Registration)) or 0
            people = s.scalar(select(func.count()).select_from(Contestant)) or 0
        report = check_database(db)
        db.dispose()
        assert regs in (0, 1500) and people in (0, 1500), (delay, line, regs, people)
        assert report.ok, report.lines_en
        outcomes.add(regs)
        if regs == 1500:
            break
    # The first kill (5 ms into the commit) must have caught it half-way and rolled back.
    assert 0 in outcomes


def test_two_processes_writing_lose_nothing(tmp_path: Path) -> None:
    """Two processes creating accounts in one SQLite file at once: every write each
    reported as done is present, and the audit chain is intact."""
    db_path = tmp_path / "v.sqlite3"
    db = open_database(db_path)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    db.dispose()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), prefix, "12"],
            stdout=subprocess.PIPE,
            env=_env(tmp_path),
            text=True,
        )
        for prefix in ("a", "b")
    ]
    confirmed: list[str] = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        confirmed += out.split()
    db = open_database(db_path)
    admin = accounts.login(db, "admin", "2580")
    names = {u.username for u in accounts.list_users(db, admin)}
    assert set(confirmed) <= names and len(confirmed) == 24
    assert audit.verify(db).ok
    db.dispose()
