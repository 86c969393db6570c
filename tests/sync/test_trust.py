"""Device keys and trust: a device is trusted only with its fingerprint confirmed (audited)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kmjudge import accounts, trust
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import AuditEntry, Device
from kmjudge.errors import PermissionDenied
from tests.conftest import other_device


@pytest.fixture
def venue_db(tmp_path: Path) -> Iterator[Database]:
    """Another laptop's database (its own device key)."""
    db = open_database(tmp_path / "laptop.sqlite3", device=other_device(tmp_path, "laptop"))
    yield db
    db.dispose()


def _audit_actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_key_file_round_trip_and_fingerprint_format(venue_db: Database, tmp_path: Path) -> None:
    key = trust.write_key_file(venue_db, tmp_path / "device-key.txt")
    text = (tmp_path / "device-key.txt").read_text("utf-8")
    assert text.startswith("kmjudge-device-key 1\n") and key.fingerprint in text
    assert "PRIVATE" not in text.upper()
    again = trust.read_key_file(tmp_path / "device-key.txt")
    assert again == key and again.public_key == venue_db.device.public_key_bytes
    assert len(key.fingerprint) == 19 and key.fingerprint.count(" ") == 3
    assert trust.normalize_fingerprint(key.fingerprint.lower().replace(" ", "-")) == key.fingerprint


def test_an_edited_key_file_is_refused(venue_db: Database, tmp_path: Path) -> None:
    """A key swapped in a key file no longer matches the fingerprint printed in it."""
    key = trust.local_key(venue_db)
    other = trust.DeviceKey(key.device_id, key.name, other_device(tmp_path, "x").public_key_bytes)
    forged = other.to_text().replace(other.fingerprint, key.fingerprint)
    with pytest.raises(trust.TrustError) as err:
        trust.DeviceKey.from_text(forged)
    assert err.value.code == "fingerprint_mismatch"
    for junk in ("", "hello", "kmjudge-device-key 1\ndevice: nope\nkey: AAAA"):
        with pytest.raises(trust.TrustError):
            trust.DeviceKey.from_text(junk)


def test_trust_needs_the_fingerprint_and_is_audited(
    db: Database, admin: Actor, venue_db: Database
) -> None:
    key = trust.local_key(venue_db)
    before = _audit_actions(db)
    with pytest.raises(trust.TrustError) as err:
        trust.trust_device(db, admin, key, "0000 0000 0000 0000")
    assert err.value.code == "fingerprint_mismatch" and key.fingerprint in err.value.message_zh
    assert _audit_actions(db) == before
    assert trust.trusted_public_key(db, key.device_id) is None
    info = trust.trust_device(db, admin, key, key.fingerprint.lower())
    assert info.trusted and info.trusted_at is not None
    assert _audit_actions(db)[-1] == "device.trust"
    assert trust.trusted_public_key(db, key.device_id) == key.public_key
    data = b"certificate 2026-001"
    sig = venue_db.device.sign(data)
    assert trust.verify_signed(db, key.device_id, sig, data)
    assert not trust.verify_signed(db, key.device_id, sig, data + b"!")
    trust.untrust_device(db, admin, key.device_id, "笔记本丢失")
    assert _audit_actions(db)[-1] == "device.untrust"
    assert not trust.verify_signed(db, key.device_id, sig, data)
    listed = {d.id: d for d in trust.list_devices(db)}
    assert listed[key.device_id].trusted is False and listed[db.device.id].is_local


def test_a_known_device_id_with_another_key_is_refused(
    db: Database, admin: Actor, venue_db: Database, tmp_path: Path
) -> None:
    key = trust.local_key(venue_db)
    trust.trust_device(db, admin, key, key.fingerprint)
    impostor = trust.DeviceKey(
        key.device_id, key.name, other_device(tmp_path, "imp").public_key_bytes
    )
    with pytest.raises(trust.TrustError) as err:
        trust.trust_device(db, admin, impostor, impostor.fingerprint)
    assert err.value.code == "key_mismatch"
    with db.read() as s:
        row = s.get(Device, key.device_id)
        assert row is not None and bytes(row.public_key) == key.public_key


def test_only_admins_and_the_city_office_trust_devices(
    db: Database, admin: Actor, venue_db: Database
) -> None:
    accounts.create_user(db, admin, "j1", "裁判", ["judge"], "2580")
    judge = accounts.login(db, "j1", "2580")
    key = trust.local_key(venue_db)
    with pytest.raises(PermissionDenied):
        trust.trust_device(db, judge, key, key.fingerprint)
