"""Certificate tokens: the documented byte layout, round trips, canonical text only."""

from __future__ import annotations

import base64
import uuid
from datetime import date
from pathlib import Path

from kmjudge import device
from kmjudge.certificates import token as tok


def _key(tmp_path: Path) -> device.DeviceIdentity:
    return device.load_or_create(tmp_path / "dev")


def test_round_trip_and_layout(tmp_path: Path) -> None:
    d = _key(tmp_path)
    ev = uuid.uuid4()
    text = tok.encode(
        number="KM2026-ABCDEF-0001",
        name="张 晓明",
        tier="second",
        has_title=False,
        issued_on=date(2026, 9, 19),
        event_id=ev,
        public_key=d.public_key_bytes,
        sign=d.sign,
    )
    assert text.startswith("KMC1") and len(text) == 171
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") | set("KMC1")
    raw = base64.b32decode(text[4:] + "=" * (-len(text[4:]) % 8))
    assert raw[0] == 1 and raw[1] == 2 and raw[2] == 0  # version, 二等奖, no title
    assert int.from_bytes(raw[3:5], "big") == (date(2026, 9, 19) - date(2020, 1, 1)).days
    assert raw[5:9] == ev.bytes[:4] and raw[9:13] == tok.key_id(d.public_key_bytes)
    assert raw[21] == 18 and raw[22:40] == b"KM2026-ABCDEF-0001" and len(raw) == 40 + 64
    signed = tok.decode(text)
    assert signed is not None and signed.verify(d.public_key_bytes)
    c = signed.claims
    assert (c.number, c.tier, c.award, c.kind, c.has_title) == (
        "KM2026-ABCDEF-0001",
        "second",
        "二等奖",
        "award",
        False,
    )
    assert signed.name_matches("张晓明") and not signed.name_matches("张晓")


def test_participation_and_titles_are_encoded(tmp_path: Path) -> None:
    d = _key(tmp_path)
    for tier, kind in (("participation", "participation"), ("merit", "award")):
        t = tok.encode(
            number="KM2026-X-C0001",
            name="李四",
            tier=tier,
            has_title=True,
            issued_on=date(2026, 1, 1),
            event_id=uuid.uuid4(),
            public_key=d.public_key_bytes,
            sign=d.sign,
        )
        s = tok.decode(t)
        assert s is not None and s.claims.kind == kind and s.claims.has_title


def test_non_canonical_or_damaged_texts_are_malformed(tmp_path: Path) -> None:
    d = _key(tmp_path)
    text = tok.encode(
        number="KM2026-ABCDEF-0001",
        name="王五",
        tier="first",
        has_title=True,
        issued_on=date(2026, 9, 19),
        event_id=uuid.uuid4(),
        public_key=d.public_key_bytes,
        sign=d.sign,
    )
    last = text[-1]
    # the last character carries unused low bits: a different letter with the same data bits
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    twin = alphabet[alphabet.index(last) ^ 1]
    assert tok.decode(text[:-1] + twin) is None
    assert tok.decode(None) is None and tok.decode(123) is None
    assert tok.decode("KMC1" + "A" * 400) is None
    assert tok.decode(text.replace("KMC1", "KMC2")) is None
    assert tok.decode("ｋｍｃ１" + text[4:].lower()) is not None  # full-width, Caps Lock
