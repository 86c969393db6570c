"""The audit chain finds every edit made behind the app's back, and says where."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kmjudge import accounts, audit
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database


def _make_entries(db: Database, admin: Actor, n: int = 6) -> None:
    for i in range(n):
        accounts.create_user(db, admin, f"judge{i}", f"裁判{i}", ["judge"], "2468")


def _sql(db: Database, statement: str) -> None:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    con.execute(statement)
    con.commit()
    con.close()


def test_untouched_chain_verifies(db: Database, admin: Actor) -> None:
    _make_entries(db, admin)
    report = audit.verify(db)
    assert report.ok, report.problems
    assert report.entries >= 8  # first admin, login, 6 users


def test_every_state_change_appends_with_who_and_before_after(db: Database, admin: Actor) -> None:
    """A change records user, device, per-device seq, time, action and after-state."""
    accounts.create_user(db, admin, "reg", "检录", ["registrar"], "1357")
    with db.read() as s:
        from sqlalchemy import select

        from kmjudge.db.models import AuditEntry

        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None
        assert last.action == "user.create" and last.username == "admin"
        assert last.device_id == db.device.id and last.after["roles"] == ["registrar"]
        seqs = list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.id)))
    assert seqs == list(range(1, len(seqs) + 1))


@pytest.mark.parametrize(
    ("tamper", "kind"),
    [
        ("UPDATE audit_entry SET after = replace(after, 'judge', 'chief') WHERE seq = 4", "edited"),
        ("DELETE FROM audit_entry WHERE seq = 3", "deleted"),
        ("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)", "deleted"),
        ("UPDATE audit_entry SET seq = seq + 100 WHERE seq = 2", "deleted"),
    ],
)
def test_tampering_with_sqlite_is_found(db: Database, admin: Actor, tamper: str, kind: str) -> None:
    """Edits, deletions (middle and tail) and renumbering made with SQL are reported."""
    _make_entries(db, admin)
    _sql(db, tamper)
    report = audit.verify(db)
    assert not report.ok
    assert kind in {p.kind for p in report.problems}
    assert all(p.message_zh and p.message_en for p in report.problems)


def test_an_inserted_forged_entry_is_found(db: Database, admin: Actor) -> None:
    """A row copied in with a recomputed hash still fails: no valid signature, head differs."""
    _make_entries(db, admin, 3)
    _sql(
        db,
        "INSERT INTO audit_entry (device_id, seq, at, user_id, username, action, entity, "
        "entity_id, event_id, before, after, prev_hash, hash, signature) "
        "SELECT device_id, seq + 1, at, user_id, username, 'score.change', entity, "
        "entity_id, event_id, before, after, hash, hash, signature FROM audit_entry "
        "WHERE seq = (SELECT max(seq) FROM audit_entry)",
    )
    report = audit.verify(db)
    kinds = {p.kind for p in report.problems}
    assert kinds & {"edited", "bad_signature", "head_mismatch"}


def test_swapping_two_entries_is_found(db: Database, admin: Actor) -> None:
    """Reordering by swapping the content of two rows breaks the chain."""
    _make_entries(db, admin, 4)
    _sql(db, "UPDATE audit_entry SET seq = -seq WHERE seq IN (3, 4)")
    _sql(db, "UPDATE audit_entry SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END WHERE seq < 0")
    assert not audit.verify(db).ok


def test_cli_audit_verify_reports_where(
    db: Database, admin: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kmjudge audit verify` exits 1 and names the entry when the chain is broken."""
    from kmjudge.cli import main

    _make_entries(db, admin, 3)
    assert db.path is not None
    assert main(["audit", "verify", "--db", str(db.path)]) == 0
    _sql(db, "UPDATE audit_entry SET username = 'mallory' WHERE seq = 2")
    assert main(["audit", "verify", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert "seq 2" in out and "edited" in out


def test_private_key_is_not_in_the_database(db: Database, admin: Actor, tmp_path: Path) -> None:
    """The device's private key never lands in the database file (or its backups)."""
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    raw = db.device.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    backup = db.backup("manual")
    assert db.path is not None
    import base64

    for blob in (db.path.read_bytes(), backup.read_bytes()):
        assert raw not in blob
        assert base64.b64encode(raw) not in blob
