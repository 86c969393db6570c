"""The ticket token on its own: format, size, what decoding forgives and what it refuses."""

from __future__ import annotations

import base64
import string
import uuid
from datetime import date

import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given
from hypothesis import strategies as st
from qrcode.constants import ERROR_CORRECT_M

from kmjudge.checkin import token as tk

KEY = Ed25519PrivateKey.generate()
PUBLIC = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
EVENT = uuid.UUID("12345678-9abc-4def-8123-456789abcdef")
CLAIMS = tk.TicketClaims(
    tk.event_prefix(EVENT), uuid.uuid4(), 3, date(2026, 9, 18), date(2026, 10, 20)
)
TOKEN = tk.encode(CLAIMS, KEY.sign)
QR_ALPHANUMERIC = set(string.digits + string.ascii_uppercase + " $%*+-./:")


def test_token_round_trips_and_verifies() -> None:
    """Every claim survives encode -> decode, and the issuer's key verifies the signature."""
    parsed = tk.decode(TOKEN)
    assert parsed is not None
    assert parsed.claims == CLAIMS
    assert parsed.text == TOKEN
    assert parsed.verify(PUBLIC)
    assert parsed.claims.is_for_event(EVENT)
    assert not parsed.claims.is_for_event(uuid.uuid4())


def test_token_is_short_upper_case_base32_in_qr_alphanumeric_mode() -> None:
    """150 characters, prefix KMJ1, upper-case RFC 4648 base32 without padding, all in the QR
    alphanumeric set: qrcode encodes it in alphanumeric mode as a version-6 symbol at level M."""
    assert len(TOKEN) == tk.TOKEN_LEN == 150 < 160
    assert TOKEN.startswith("KMJ1")
    body = TOKEN[4:]
    assert set(body) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") and "=" not in TOKEN
    assert set(TOKEN) <= QR_ALPHANUMERIC
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    q.add_data(TOKEN)
    q.make(fit=True)
    assert [d.mode for d in q.data_list] == [qrcode.util.MODE_ALPHA_NUM]
    assert q.version == 6


@pytest.mark.parametrize(
    "mangled",
    [
        TOKEN.lower(),
        "  " + TOKEN + "\r\n",
        "\t" + TOKEN.lower() + "\n",
        "\x02" + TOKEN + "\x03\x00",  # STX/ETX framing some scanners add
        TOKEN[:70] + "\u200b" + TOKEN[70:],  # a zero-width space pasted from a chat app
        TOKEN.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),  # full-width (an IME)
        TOKEN[:50] + " " + TOKEN[50:100] + "\n" + TOKEN[100:],
    ],
)
def test_decoding_forgives_case_whitespace_control_and_fullwidth(mangled: str) -> None:
    """What keyboards and scanners do to a token does not change what it decodes to."""
    parsed = tk.decode(mangled)
    assert parsed is not None and parsed.text == TOKEN and parsed.verify(PUBLIC)


def _last_char_variant(token: str) -> str:
    """A different last character that base32-decodes to the same bytes (only the unused
    low bits differ): the canonical-form check must refuse it."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    last = alphabet.index(token[-1])
    return token[:-1] + alphabet[last ^ 1]


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "KMJ1",
        TOKEN[:-1],
        TOKEN + "A",
        "KMJ2" + TOKEN[4:],
        TOKEN[:40] + "0" + TOKEN[41:],  # 0, 1, 8, 9 are not base32
        TOKEN[:40] + "8" + TOKEN[41:],
        TOKEN[:-2] + "==",
        _last_char_variant(TOKEN),
        "https://example.com/" + TOKEN,
        TOKEN[:60] + "Ä" + TOKEN[61:],
        TOKEN[:60] + "ı" + TOKEN[61:],  # dotless i: upper() would make it "I"
        "KMJ1" + base64.b32encode(b"\x02" + bytes(90)).decode().rstrip("="),  # version 2
        "x" * 10_000,
    ],
)
def test_decoding_refuses_anything_else_as_malformed(bad: str) -> None:
    assert tk.decode(bad) is None


@pytest.mark.parametrize("thing", [None, 12, b"KMJ1", ["KMJ1"], object()])
def test_decoding_non_text_never_raises(thing: object) -> None:
    assert tk.decode(thing) is None


@given(st.integers(min_value=4, max_value=tk.TOKEN_LEN - 1), st.sampled_from("AZ27QX"))
def test_any_single_character_change_is_refused_or_fails_the_signature(
    pos: int, replacement: str
) -> None:
    """Change one character anywhere in the body: the result is malformed or its signature
    does not verify - never a valid ticket with other claims."""
    if TOKEN[pos] == replacement:
        replacement = "B"
    changed = TOKEN[:pos] + replacement + TOKEN[pos + 1 :]
    parsed = tk.decode(changed)
    assert parsed is None or not parsed.verify(PUBLIC)


def test_another_key_does_not_verify() -> None:
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    parsed = tk.decode(TOKEN)
    assert parsed is not None and not parsed.verify(other) and not parsed.verify(None)


def test_signature_is_domain_separated() -> None:
    """The key signs b"kmjudge/ticket\\0" + payload, so an audit-entry signature (over a bare
    hash) can never pass as a ticket signature and vice versa."""
    parsed = tk.decode(TOKEN)
    assert parsed is not None
    from kmjudge.device import verify

    assert not verify(PUBLIC, parsed.signature, parsed.payload)
    assert verify(PUBLIC, parsed.signature, tk.CONTEXT + parsed.payload)
