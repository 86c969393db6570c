"""SIGKILL at the exact moment that matters most for files written beside the database: after
the new file is complete and before (or just after) it takes its real name. The random kill
harness hits these moments only now and then; here the child kills itself there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from kmjudge.db import backup as backup_mod
from tests.reliability import harness
from tests.reliability.operations import build_certificates, build_checkin

ROOT = Path(__file__).resolve().parents[2]

KILL_AT = """
import importlib, os, signal
def kill_at(target):
    # Replace module.attr by a function that SIGKILLs this process when it is called.
    mod, attr = target.rsplit(".", 1)
    def die(*a, **k):
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(importlib.import_module(mod), attr, die)
"""


def _run_child(template: harness.Template, work: Path, body: str) -> Path:
    """Copy the template, run ``body`` in a child (prelude + kill_at), expect SIGKILL."""
    db_path, home = harness._fresh_copy(template, work)
    ctx = work / "ctx.json"
    import json

    ctx.write_text(json.dumps(template.ctx, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "KMJUDGE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", harness.CHILD_PRELUDE + KILL_AT + body, str(db_path), str(ctx), "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == -9, f"the child was not killed where expected:\n{done.stderr}"
    return db_path


def test_backup_killed_before_the_rename_leaves_only_an_ignored_part(tmp_path: Path) -> None:
    """Killed between the fsynced .part and its rename: no backup is listed, the .part is
    never offered for a restore, and the next backup works."""
    template = build_checkin(tmp_path / "t")
    db_path = _run_child(
        template,
        tmp_path / "w",
        """
kill_at("os.replace")
db.backup("manual")
""",
    )
    folder = db_path.parent / "home" / "backups"
    assert list(folder.glob("*.part")), "the kill did not land after the copy"
    assert backup_mod.list_backups(folder, db_path.stem) == []
    assert backup_mod.newest_good_backup(folder, db_path.stem) is None
    db = harness.open_as(db_path, db_path.parent / "home")
    try:
        made = backup_mod.backup_sqlite(db_path, folder, "manual")
        assert backup_mod.newest_good_backup(folder, db_path.stem).path == made  # type: ignore[union-attr]
    finally:
        db.dispose()


def test_certificates_killed_after_recording_before_the_rename_can_be_reprinted(
    tmp_path: Path,
) -> None:
    """The batch is recorded in the database, then the process dies before the PDF takes its
    name: no half PDF under the real name, the certificates are on record, and the next plan
    offers them as reprints (补发), which print."""
    pytest.importorskip("kmjudge.certificates")
    from kmjudge import certificates as cert
    from kmjudge.db.models import Certificate

    template = build_certificates(tmp_path / "t")
    out = tmp_path / "w" / "stick"
    db_path = _run_child(
        template,
        tmp_path / "w",
        f"""
from pathlib import Path
from kmjudge import certificates as cert
chief = actor("chief")
plan = cert.plan_batch(db, chief, uuid.UUID(ctx["event_id"]))
kill_at("os.replace")
cert.issue_certificates(db, chief, plan, Path({str(out / "winners.pdf")!r}))
""",
    )
    assert not (out / "winners.pdf").exists()
    db = harness.open_as(db_path, db_path.parent / "home")
    try:
        with db.read() as s:
            recorded = len(s.scalars(select(Certificate)).all())
        assert recorded == 6
        from kmjudge import accounts

        chief = accounts.login(db, "chief", "2580")
        event_id = uuid.UUID(template.ctx["event_id"])
        plan = cert.plan_batch(db, chief, event_id, reprint_issued=True)
        assert plan.reprint_count == 6 and plan.new_count == 0
        again = cert.issue_certificates(db, chief, plan, out / "winners.pdf", reason="断电重打")
        assert again.reprints == 6 and (out / "winners.pdf").exists()
    finally:
        db.dispose()


@pytest.mark.parametrize("point", ["kmjudge.sync.package.open_package", "os.replace"])
def test_export_killed_around_its_commit_leaves_no_unknown_package(
    point: str, tmp_path: Path
) -> None:
    """Killed while the finished package is read back (before the commit), or after the commit
    just before the rename: no package under its real name is unknown to the database, and
    the next export finishes a recorded one (its name, its logged hash) with no gap."""
    pytest.importorskip("kmjudge.sync")
    import hashlib

    from kmjudge import accounts, sync
    from kmjudge.db.models import PackageLog

    template = build_checkin(tmp_path / "t")
    out = tmp_path / "w" / "stick"
    db_path = _run_child(
        template,
        tmp_path / "w",
        f"""
from kmjudge import sync
kill_at({point!r})
sync.export_package(db, actor("admin"), {str(out)!r})
""",
    )

    def on_stick() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.zip")}

    db = harness.open_as(db_path, db_path.parent / "home")
    try:
        with db.read() as s:
            logged = {r.sha256: (r.seq, Path(r.path).name) for r in s.scalars(select(PackageLog))}
        assert set(on_stick().values()) <= set(logged), "a package the venue does not know"
        sync.export_package(db, accounts.login(db, "admin", "2580"), out)
        with db.read() as s:
            logged = {r.sha256: (r.seq, Path(r.path).name) for r in s.scalars(select(PackageLog))}
    finally:
        db.dispose()
    files = on_stick()
    assert sorted(seq for seq, _ in logged.values()) == list(range(1, len(logged) + 1))
    assert {name: sha for sha, (_, name) in logged.items()} == files  # every one, by name
    assert not list(out.glob(".*.part"))
