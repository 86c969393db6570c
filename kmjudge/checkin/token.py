"""Admission ticket tokens: a compact Ed25519-signed payload in upper-case base32.

Layout (documented in ``docs/checkin.md``)::

    "KMJ1" + base32(payload || signature)      (RFC 4648 alphabet, no "=" padding)

    payload (27 bytes, big-endian)
      0   1  format version (1)
      1   4  event id, first 4 bytes of the UUID (only to tell "another event" offline)
      5  16  registration id (the whole UUID: no collisions to handle)
     21   2  ticket serial (1, 2, ... ; a reissue gets the next one, the old one is revoked)
     23   2  valid from, days since 2020-01-01 (venue-local date)
     25   2  valid until, days since 2020-01-01 (inclusive)
    signature (64 bytes): Ed25519 over b"kmjudge/ticket\\x00" + payload, by the event's
    issuing device (``Event.origin_device_id``)

91 bytes encode to 146 base32 characters, so a token is 150 characters, all in the QR
alphanumeric set (version 6-M). ``decode`` is forgiving about what scanners do to text (case,
whitespace, control characters, full-width forms) and strict about everything else: the base32
must be canonical, so no two different texts decode to the same signed bytes.
"""

from __future__ import annotations

import base64
import binascii
import struct
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kmjudge import device as device_mod

PREFIX = "KMJ1"
VERSION = 1
EPOCH = date(2020, 1, 1)
CONTEXT = b"kmjudge/ticket\x00"
_PAYLOAD = struct.Struct(">B4s16sHHH")
SIGNATURE_LEN = 64
RAW_LEN = _PAYLOAD.size + SIGNATURE_LEN
BODY_LEN = -(-RAW_LEN * 8 // 5)
TOKEN_LEN = len(PREFIX) + BODY_LEN
MAX_INPUT = 4 * TOKEN_LEN  # longer input is not a ticket (and is not scanned character by char)
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs"})


@dataclass(frozen=True)
class TicketClaims:
    """What a ticket says. Only trust it after ``SignedTicket.verify``."""

    event_prefix: bytes
    registration_id: uuid.UUID
    serial: int
    valid_from: date
    valid_until: date

    def is_for_event(self, event_id: uuid.UUID) -> bool:
        return self.event_prefix == event_prefix(event_id)


@dataclass(frozen=True)
class SignedTicket:
    claims: TicketClaims
    payload: bytes
    signature: bytes
    text: str  # the canonical token text

    def verify(self, public_key: bytes | None) -> bool:
        if not public_key:
            return False
        return device_mod.verify(public_key, self.signature, CONTEXT + self.payload)


def event_prefix(event_id: uuid.UUID) -> bytes:
    return event_id.bytes[:4]


def _day(d: date) -> int:
    n = (d - EPOCH).days
    if not 0 <= n <= 0xFFFF:
        raise ValueError(f"date {d} outside the token's range")
    return n


def encode(claims: TicketClaims, sign: Callable[[bytes], bytes]) -> str:
    """The token text for ``claims``, signed with ``sign`` (e.g. ``db.device.sign``)."""
    if not 1 <= claims.serial <= 0xFFFF:
        raise ValueError(f"serial {claims.serial} outside 1..65535")
    payload = _PAYLOAD.pack(
        VERSION,
        claims.event_prefix,
        claims.registration_id.bytes,
        claims.serial,
        _day(claims.valid_from),
        _day(claims.valid_until),
    )
    signature = sign(CONTEXT + payload)
    if len(signature) != SIGNATURE_LEN:
        raise ValueError("an Ed25519 signature has 64 bytes")
    body = base64.b32encode(payload + signature).decode("ascii").rstrip("=")
    return PREFIX + body


def normalize(raw: str) -> str:
    """Undo what keyboards and scanners do to a token: full-width forms (an input method),
    lower case (Caps Lock), whitespace, line ends, tabs and other control characters."""
    text = unicodedata.normalize("NFKC", raw[:MAX_INPUT])
    kept = [c for c in text if not c.isspace() and unicodedata.category(c) not in _DROP_CATEGORIES]
    text = "".join(kept)
    # Upper-case ASCII only: "ı".upper() is "I", and that is not what a scanner typed.
    return text.upper() if text.isascii() else text


def decode(raw: object) -> SignedTicket | None:
    """Parse a scanned text. ``None`` means malformed; this never raises."""
    try:
        return _decode(raw)
    except Exception:  # defensive: a scan must never crash the check-in desk
        return None


def _decode(raw: object) -> SignedTicket | None:
    if not isinstance(raw, str) or len(raw) > MAX_INPUT:
        return None
    text = normalize(raw)
    if len(text) != TOKEN_LEN or not text.startswith(PREFIX):
        return None
    body = text[len(PREFIX) :]
    if not set(body) <= _ALPHABET:
        return None
    try:
        data = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        return None
    # Canonical only: the unused low bits of the last character must be zero.
    if len(data) != RAW_LEN or base64.b32encode(data).decode("ascii").rstrip("=") != body:
        return None
    payload, signature = data[: _PAYLOAD.size], data[_PAYLOAD.size :]
    version, ev, reg, serial, d_from, d_until = _PAYLOAD.unpack(payload)
    if version != VERSION or serial == 0:
        return None
    claims = TicketClaims(
        event_prefix=ev,
        registration_id=uuid.UUID(bytes=reg),
        serial=serial,
        valid_from=EPOCH + timedelta(days=d_from),
        valid_until=EPOCH + timedelta(days=d_until),
    )
    return SignedTicket(claims, payload, signature, text)
