"""Fuzzing certificate codes (the QR on a 荣誉证书): decoding never raises, no edit of a
genuine code verifies, random bodies never verify, and verifying writes nothing.
Skipped until kmjudge.certificates exists."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.checkin.conftest import Venue
from tests.reliability.fuzzing import budget, fingerprint
from tests.reliability.test_fuzz_tokens import ANYTHING, _canonical, edited, make_desk

certs = pytest.importorskip("kmjudge.certificates.token")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Venue, list[str]]]:
    yield from make_desk(tmp_path_factory)


@budget(100)
@given(ANYTHING)
def test_fuzz_certificate_decode_never_raises(raw: Any) -> None:
    got = certs.decode(raw)
    assert got is None or isinstance(got, certs.SignedCertificate)


def _genuine_certificate(v: Venue) -> str:
    return str(
        certs.encode(
            number="KM2026-FUZZ01-0001",
            name="张三",
            tier="first",
            has_title=False,
            issued_on=date.today(),
            event_id=v.event_id,
            public_key=v.db.device.public_key_bytes,
            sign=v.db.device.sign,
        )
    )


@budget(30)
@given(st.data())
def test_fuzz_edited_certificates_never_verify(
    desk: tuple[Venue, list[str]], data: st.DataObject
) -> None:
    """A genuine certificate code with characters edited: malformed, forged or unknown
    issuer - never valid - and verifying writes nothing."""
    from kmjudge.certificates.verify import verify as verify_certificate

    v, _ = desk
    genuine = _genuine_certificate(v)
    assert verify_certificate(v.db, genuine).status == "valid"  # the control
    _, text = data.draw(edited([genuine]))
    assume(_canonical(text) != _canonical(genuine))
    before = fingerprint(v.db)
    result = verify_certificate(v.db, text)
    assert result.status in ("malformed", "forged", "unknown_issuer"), result.status
    assert fingerprint(v.db) == before


@budget(30)
@given(st.binary(min_size=90, max_size=140))
def test_fuzz_random_certificate_bodies_never_verify(
    desk: tuple[Venue, list[str]], raw: bytes
) -> None:
    from kmjudge.certificates.verify import verify as verify_certificate

    v, _ = desk
    text = certs.PREFIX + base64.b32encode(raw).decode().rstrip("=")
    assert verify_certificate(v.db, text).status in ("malformed", "forged", "unknown_issuer")
