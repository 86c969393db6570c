"""Verification: the QR decoded from a rendered certificate page verifies offline; a changed
byte does not; another laptop verifies once it trusts the issuer's key (fingerprint checked)."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import pytest

from kmjudge import certificates as cert
from kmjudge import trust
from kmjudge.accounts import Actor
from kmjudge.certificates import token as token_mod
from kmjudge.db.engine import Database, open_database
from tests.certificates.helpers import NAMES, decode_qr, render_png, scored_event
from tests.conftest import make_admin, other_device


@pytest.fixture
def issued(db: Database, admin: Actor, tmp_path: Path) -> cert.CertificatesPdf:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id, tiers="一等奖,二等奖")
    return cert.issue_certificates(db, chief, plan, tmp_path / "certs.pdf")


def _flip(text: str, index: int) -> str:
    """The token with one byte of its signed data changed (re-encoded canonically)."""
    raw = bytearray(base64.b32decode(text[4:] + "=" * (-len(text[4:]) % 8)))
    raw[index] ^= 0x01
    return text[:4] + base64.b32encode(bytes(raw)).decode().rstrip("=")


def test_the_qr_decoded_from_a_rendered_page_verifies_with_its_claims(
    db: Database, issued: cert.CertificatesPdf
) -> None:
    png = render_png(issued.path, 2, dpi=150)
    (text,) = decode_qr(png)
    second = issued.certificates[1]
    assert text == second.token
    assert len(text) == 171 and text.startswith("KMC1")
    r = cert.verify(db, text, name=second.name)
    assert r.status == "valid" and r.ok and r.name_matches is True
    assert r.claims is not None
    assert (r.claims.number, r.claims.award, r.claims.kind) == (second.number, "二等奖", "award")
    assert r.record is not None and r.record.name == NAMES[1] and r.record.printed == 1
    assert r.issuer_fingerprint == db.device.fingerprint
    assert r.claims.key_id_hex == db.device.fingerprint.replace(" ", "")[:8]


def test_a_changed_byte_anywhere_does_not_verify(
    db: Database, issued: cert.CertificatesPdf
) -> None:
    text = issued.certificates[0].token
    n = len(base64.b32decode(text[4:] + "=" * (-len(text[4:]) % 8)))
    for i in range(n):
        r = cert.verify(db, _flip(text, i))
        assert r.status != "valid", i
        assert not r.ok
    # the award byte, the number and the signature: a trusted key, a broken signature
    assert cert.verify(db, _flip(text, 1)).status in ("forged", "malformed")
    assert cert.verify(db, _flip(text, 30)).status == "forged"
    assert cert.verify(db, _flip(text, n - 1)).status == "forged"
    assert cert.verify(db, _flip(text, 10)).status == "unknown_issuer"  # the key id byte


def test_scanner_damage_is_undone_and_garbage_is_malformed(
    db: Database, issued: cert.CertificatesPdf
) -> None:
    text = issued.certificates[0].token
    assert cert.verify(db, text.lower() + "\r\n").status == "valid"  # Caps Lock, Enter
    for bad in ("", "KMC1", "KMJ1" + text[4:], text + "A", text[:-1], "hello", "x" * 5000):
        assert cert.verify(db, bad).status == "malformed", bad[:10]


def test_the_name_is_checked_against_the_digest(db: Database, issued: cert.CertificatesPdf) -> None:
    first = issued.certificates[0]
    assert cert.verify(db, first.token, name=f" {first.name} ").name_matches is True
    wrong = cert.verify(db, first.token, name="王小明")
    assert wrong.status == "valid" and wrong.name_matches is False and not wrong.ok
    assert "姓名" in wrong.message("zh")


def test_a_revoked_certificate_verifies_as_revoked(
    db: Database, issued: cert.CertificatesPdf
) -> None:
    first = issued.certificates[0]
    actor = _chief(db)
    cert.revoke_certificate(db, actor, first.number, "奖项更正")
    r = cert.verify(db, first.token)
    assert r.status == "revoked" and not r.ok


def _chief(db: Database) -> Actor:
    from kmjudge import accounts

    return accounts.login(db, "chief", "2580")


def test_another_laptop_verifies_offline_after_trusting_the_issuer_key(
    db: Database, issued: cert.CertificatesPdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "device-key.txt"
    issuer = trust.write_key_file(db, key_file)
    token = issued.certificates[0].token
    # another laptop: its own data folder (device key) and its own empty database
    laptop = open_database(tmp_path / "laptop.sqlite3", device=other_device(tmp_path, "laptop"))
    try:
        assert laptop.device.id != db.device.id
        r = cert.verify(laptop, token)
        assert r.status == "unknown_issuer" and r.claims is not None and r.record is None
        admin = make_admin(laptop)
        key = trust.read_key_file(key_file)
        with pytest.raises(trust.TrustError):
            trust.trust_device(laptop, admin, key, "0000 0000 0000 0000")
        assert cert.verify(laptop, token).status == "unknown_issuer"
        trust.trust_device(laptop, admin, key, issuer.fingerprint)
        r = cert.verify(laptop, token, name=issued.certificates[0].name)
        assert r.status == "valid" and r.ok and r.record is None  # no network, no record
        assert r.claims is not None and r.claims.number == issued.certificates[0].number
        assert r.issuer_fingerprint == issuer.fingerprint
        assert cert.verify(laptop, _flip(token, 40)).status == "forged"
    finally:
        laptop.dispose()


def test_trust_issuer_key_wraps_the_trust_service(
    db: Database, issued: cert.CertificatesPdf, tmp_path: Path
) -> None:
    laptop = open_database(tmp_path / "l2.sqlite3", device=other_device(tmp_path, "l2"))
    try:
        admin = make_admin(laptop)
        cert.trust_issuer_key(
            laptop,
            admin,
            db.device.id,
            "考场笔记本",
            db.device.public_key_bytes,
            db.device.fingerprint,
        )
        assert cert.verify(laptop, issued.certificates[1].token).status == "valid"
    finally:
        laptop.dispose()


def test_a_token_signed_by_an_untrusted_key_is_not_valid(
    db: Database, issued: cert.CertificatesPdf, tmp_path: Path
) -> None:
    stranger = other_device(tmp_path, "stranger")
    claims = token_mod.decode(issued.certificates[0].token)
    assert claims is not None
    c = claims.claims
    fake = token_mod.encode(
        number=c.number,
        name=NAMES[0],
        tier="first",
        has_title=True,
        issued_on=c.issued_on,
        event_id=uuid.UUID(bytes=c.event_prefix + bytes(12)),
        public_key=stranger.public_key_bytes,
        sign=stranger.sign,
    )
    assert cert.verify(db, fake).status == "unknown_issuer"
    # the stranger claiming our key id: a trusted key id, a signature that does not verify
    forged = token_mod.encode(
        number=c.number,
        name=NAMES[0],
        tier="first",
        has_title=True,
        issued_on=c.issued_on,
        event_id=uuid.UUID(bytes=c.event_prefix + bytes(12)),
        public_key=db.device.public_key_bytes,
        sign=stranger.sign,
    )
    assert cert.verify(db, forged).status == "forged"
