"""The kill harness: run a real operation in a child process, SIGKILL it at a random moment,
reopen the database and prove that nothing the child confirmed was lost and nothing is
half-written.

An operation (``KillOperation``) is four things:

- ``build(folder) -> Template``: a database (and the data folder holding its device key) made
  once with the real services; every run starts from a copy of it;
- ``child``: Python source run in a fresh interpreter as ``python -c CHILD DB CTX ROUND``.
  It starts from ``CHILD_PRELUDE`` (``db``, ``ctx``, ``rnd``, ``actor(name)``, ``confirm(**kw)``)
  and must call ``ready()`` once set up, then ``confirm(...)`` after each action *returned*
  (i.e. committed): one JSON line on stdout, flushed. It may loop forever; it gets killed;
- ``check(db, confirmed, ctx)``: after the kill, with the database reopened, assert that every
  confirmed action is present and the operation's own invariants hold (all-or-nothing imports,
  one audit entry per stored version, ...). AssertionError on any loss;
- ``window_s``: the kill lands uniformly in ``[0, window_s]`` seconds after ``ready``.

Every run also checks, whatever the operation: ``PRAGMA integrity_check`` and
``foreign_key_check`` clean, the schema current, the audit chain verifies
(``kmjudge.maintenance.check_database``), and no partial backup (``*.part``) is listed as a
backup. A database is killed ``chain`` times in a row (confirmed actions accumulate, so a
later crash must not lose an earlier confirmation) before a fresh copy is taken.

Iterations: ``KMJUDGE_KILL_ITERATIONS`` (default 3 in the normal suite; the ``slow`` tests run
200). ``KMJUDGE_KILL_SEED`` replays a run; the seed is in every failure message.

Adding an operation is a ``build``, a ``child`` body and a ``check`` (see ``operations.py``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kmjudge import audit, device
from kmjudge.db import backup as backup_mod
from kmjudge.db.engine import Database, open_database
from kmjudge.maintenance import check_database

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ITERATIONS = 3
SLOW_ITERATIONS = 200

CHILD_PRELUDE = """
import json, sys, uuid
from sqlalchemy import select
from kmjudge.accounts import Actor, Role
from kmjudge.db.engine import open_database
from kmjudge.db.models import User
db = open_database(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as _fh:
    ctx = json.load(_fh)
rnd = int(sys.argv[3])
_actors = {}
def actor(username):
    # The signed-in user built from the account row (login is tested elsewhere; a scrypt
    # per child would only slow the harness down).
    if username not in _actors:
        with db.read() as s:
            u = s.scalar(select(User).where(User.username == username))
            _actors[username] = Actor(u.id, u.username, u.display_name,
                                      frozenset(Role(r) for r in u.roles), db.device.id)
    return _actors[username]
def ready():
    print("READY", flush=True)
def confirm(**kw):
    print("OK " + json.dumps(kw, ensure_ascii=False, default=str), flush=True)
"""


@dataclass
class Template:
    """A database made once for an operation, and what the child and the check need."""

    db_path: Path
    home: Path  # the data folder (device key) the database was made with
    ctx: dict[str, Any] = field(default_factory=dict)  # JSON: handed to the child and check


Check = Callable[[Database, Sequence[dict[str, Any]], dict[str, Any]], None]


@dataclass
class KillOperation:
    name: str
    build: Callable[[Path], Template]
    child: str
    check: Check
    window_s: float = 1.0
    chain: int = 4
    #: ``check_database`` compares marks and check-ins with the audit chain; off for templates
    #: whose fixtures write marks directly (tests/results/helpers.py does, for speed)
    rows_vs_chain: bool = True


@dataclass
class KillReport:
    operation: str
    seed: int
    iterations: int = 0
    confirmed: int = 0  # confirmed actions checked after the kills (all present)
    killed_mid_run: int = 0  # kills that landed after at least one confirmed action
    finished_first: int = 0  # children that ended on their own before the kill
    lost: int = 0  # always 0, or the run fails
    #: confirmed actions by their ``kind`` (or ``status``) field, when the child gives one
    kinds: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        detail = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items()))
        return (
            f"{self.operation}: {self.iterations} kills (seed {self.seed}), "
            f"{self.confirmed} confirmed actions checked{f' ({detail})' if detail else ''}, "
            f"{self.killed_mid_run} kills mid-run, {self.finished_first} finished first, "
            f"{self.lost} lost"
        )


def iterations(default: int = DEFAULT_ITERATIONS) -> int:
    raw = os.environ.get("KMJUDGE_KILL_ITERATIONS", "")
    return int(raw) if raw.strip() else default


def seed() -> int:
    raw = os.environ.get("KMJUDGE_KILL_SEED", "")
    return int(raw) if raw.strip() else random.SystemRandom().randrange(2**31)


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so that copying the file alone copies everything."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def open_as(db_path: Path | str, home: Path) -> Database:
    """Open a copy with the device that made it (so the parent adds no device row)."""
    return open_database(db_path, device=device.load_or_create(home))


def copy_home(template: Template, folder: Path) -> Path:
    """A fresh ``folder`` with a copy of the template's device key in ``folder/home``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    home = folder / "home"
    home.mkdir()
    for name in ("device.key", "device.json"):
        if (template.home / name).exists():
            shutil.copy2(template.home / name, home / name)
    return home


def _fresh_copy(template: Template, folder: Path) -> tuple[Path, Path]:
    home = copy_home(template, folder)
    db_path = folder / template.db_path.name
    shutil.copyfile(template.db_path, db_path)
    return db_path, home


class _Child:
    """A child process whose stdout lines are collected by a thread as they arrive."""

    def __init__(self, argv: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self._stderr = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=self._stderr, env=env, text=True
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                self.ready.set()
        self.ready.set()  # EOF: the child ended (or died) before/after READY

    def kill(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        code = self.proc.wait(timeout=60)
        self._reader.join(timeout=60)
        self._stderr.close()
        return code


#: A fresh database for a run of kills: (template, folder) -> (path or URL, data folder)
Fresh = Callable[[Template, Path], tuple[Path | str, Path]]


def run_kills(
    op: KillOperation,
    template: Template,
    work: Path,
    n: int,
    rng_seed: int,
    fresh: Fresh | None = None,
) -> KillReport:
    """Kill ``op``'s child ``n`` times; raise AssertionError (with the seed) on any loss.

    ``fresh`` makes the database each chain of kills starts from (default: a copy of the
    template's SQLite file; the PostgreSQL test copies a template database)."""
    rng = random.Random(rng_seed)
    report = KillReport(op.name, rng_seed)
    ctx_path = work / f"{op.name}-ctx.json"
    work.mkdir(parents=True, exist_ok=True)
    ctx_path.write_text(json.dumps(template.ctx, ensure_ascii=False), encoding="utf-8")
    confirmed: list[dict[str, Any]] = []
    db_path: Path | str = Path()
    home = Path()
    for i in range(n):
        if i % op.chain == 0:
            db_path, home = (fresh or _fresh_copy)(template, work / f"{op.name}-run{i // op.chain}")
            confirmed = []
        env = {**os.environ, "KMJUDGE_HOME": str(home), "PYTHONPATH": str(ROOT)}
        stderr_path = work / f"{op.name}-{i}.stderr"
        child = _Child(
            [sys.executable, "-c", CHILD_PRELUDE + op.child, str(db_path), str(ctx_path), str(i)],
            env,
            stderr_path,
        )
        where = f"{op.name} kill {i + 1}/{n} (KMJUDGE_KILL_SEED={rng_seed})"
        if not child.ready.wait(timeout=120):
            child.kill()
            raise AssertionError(f"{where}: the child never got ready")
        delay = rng.uniform(0, op.window_s)
        time.sleep(delay)
        code = child.kill()
        errors = stderr_path.read_text("utf-8", "replace")
        if "READY" not in child.lines:
            raise AssertionError(f"{where}: the child failed before READY:\n{errors}")
        if code != -signal.SIGKILL:
            assert code == 0, f"{where}: the child failed (exit {code}):\n{errors}"
            report.finished_first += 1
        new = [json.loads(line[3:]) for line in child.lines if line.startswith("OK ")]
        if new:
            report.killed_mid_run += code == -signal.SIGKILL
        confirmed.extend(new)
        report.confirmed += len(new)
        report.kinds.update(
            str(c["kind"] if "kind" in c else c["status"])
            for c in new
            if "kind" in c or "status" in c
        )
        db = open_as(db_path, home)
        try:
            health = check_database(db)
            bad = [line for line in health.lines_en if line.startswith("✘")]
            if not op.rows_vs_chain:
                records = {p.message_en for p in audit.verify_records(db)}
                bad = [line for line in bad if line[2:] not in records]
            assert not bad, f"{where} after {delay:.3f} s: " + "; ".join(bad[:5])
            try:
                op.check(db, confirmed, template.ctx)
            except AssertionError as exc:
                raise AssertionError(f"{where} after {delay:.3f} s: {exc}") from exc
        finally:
            db.dispose()
        listed = {b.path for b in backup_mod.list_backups(home / "backups")}
        assert not any(p.suffix != ".sqlite3" for p in listed), f"{where}: a partial is listed"
        report.iterations += 1
    return report


def edit_behind_the_app(db: Database, statement: str, *params: object) -> None:
    """A change made to the database file with the sqlite3 module, behind the app's back."""
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        con.execute(statement, params)
        con.commit()
    finally:
        con.close()
