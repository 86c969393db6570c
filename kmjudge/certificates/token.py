"""Certificate tokens: a compact Ed25519-signed payload in upper-case base32 (the QR's text).

Layout (documented in ``docs/certificates.md``)::

    "KMC1" + base32(payload || signature)      (RFC 4648 alphabet, no "=" padding)

    payload (big-endian)
      0   1  format version (1)
      1   1  kind and tier: 1 一等奖, 2 二等奖, 3 三等奖, 4 优胜奖, 16 参赛证书
      2   1  flags: bit 0 = the certificate carries a title (e.g. 技术状元)
      3   2  issue date, days since 2020-01-01 (venue-local)
      5   4  event id, the first 4 bytes of its UUID
      9   4  issuer key id: the first 4 bytes of SHA-256(issuer's Ed25519 public key)
     13   8  name digest: SHA-256("kmjudge/cert-name\\0" || number || "\\0" || name)[:8]
     21   1  length L of the certificate number
     22   L  the certificate number (ASCII), e.g. KM2026-ABCDEF-0001
    signature (64 bytes): Ed25519 over b"kmjudge/certificate\\x00" + payload

A number of 18 characters makes 104 bytes, 167 base32 characters, a 171-character token: all
in the QR alphanumeric set, a version 7-M symbol (45 x 45 modules). The domain-separation
prefix keeps a ticket or audit signature from ever passing as a certificate's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kmjudge import device as device_mod
from kmjudge.certificates.model import TIER_ZH, CertificateClaims
from kmjudge.checkin.token import normalize

PREFIX = "KMC1"
VERSION = 1
EPOCH = date(2020, 1, 1)
CONTEXT = b"kmjudge/certificate\x00"
NAME_CONTEXT = b"kmjudge/cert-name\x00"
_HEAD = struct.Struct(">BBBH4s4s8sB")
SIGNATURE_LEN = 64
MAX_NUMBER = 40
MAX_INPUT = 600
CODES: dict[str, int] = {"first": 1, "second": 2, "third": 3, "merit": 4, "participation": 16}
TIER_OF: dict[int, str] = {v: k for k, v in CODES.items()}
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def key_id(public_key: bytes) -> bytes:
    return hashlib.sha256(public_key).digest()[:4]


def normalize_name(name: str) -> str:
    """The name as digested: NFC, no spaces (names are printed without them)."""
    return "".join(unicodedata.normalize("NFC", name).split())


def name_digest(number: str, name: str) -> bytes:
    data = NAME_CONTEXT + number.encode("ascii") + b"\x00" + normalize_name(name).encode("utf-8")
    return hashlib.sha256(data).digest()[:8]


@dataclass(frozen=True)
class SignedCertificate:
    claims: CertificateClaims
    payload: bytes
    signature: bytes
    text: str

    def verify(self, public_key: bytes) -> bool:
        return device_mod.verify(public_key, self.signature, CONTEXT + self.payload)

    def name_matches(self, name: str) -> bool:
        return name_digest(self.claims.number, name) == self.claims.name_digest


def encode(
    *,
    number: str,
    name: str,
    tier: str,
    has_title: bool,
    issued_on: date,
    event_id: uuid.UUID,
    public_key: bytes,
    sign: Callable[[bytes], bytes],
) -> str:
    """The token text for one certificate, signed with ``sign`` (e.g. ``db.device.sign``)."""
    raw_number = number.encode("ascii")
    if not 1 <= len(raw_number) <= MAX_NUMBER:
        raise ValueError("certificate number must be 1..40 ASCII characters")
    days = (issued_on - EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise ValueError(f"date {issued_on} outside the token's range")
    payload = (
        _HEAD.pack(
            VERSION,
            CODES[tier],
            1 if has_title else 0,
            days,
            event_id.bytes[:4],
            key_id(public_key),
            name_digest(number, name),
            len(raw_number),
        )
        + raw_number
    )
    signature = sign(CONTEXT + payload)
    if len(signature) != SIGNATURE_LEN:
        raise ValueError("an Ed25519 signature has 64 bytes")
    return PREFIX + base64.b32encode(payload + signature).decode("ascii").rstrip("=")


def decode(raw: object) -> SignedCertificate | None:
    """Parse a scanned text; ``None`` means malformed. Never raises."""
    try:
        return _decode(raw)
    except Exception:  # a scan must never crash the verify screen
        return None


def _decode(raw: object) -> SignedCertificate | None:
    if not isinstance(raw, str) or len(raw) > MAX_INPUT:
        return None
    text = normalize(raw)
    if not text.startswith(PREFIX):
        return None
    body = text[len(PREFIX) :]
    if not body or not set(body) <= _ALPHABET:
        return None
    try:
        data = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        return None
    if base64.b32encode(data).decode("ascii").rstrip("=") != body:
        return None  # not canonical: two texts must never decode to the same bytes
    if len(data) < _HEAD.size + 1 + SIGNATURE_LEN:
        return None
    version, code, flags, days, ev, kid, digest, n = _HEAD.unpack(data[: _HEAD.size])
    if version != VERSION or code not in TIER_OF or flags & ~1 or not 1 <= n <= MAX_NUMBER:
        return None
    end = _HEAD.size + n
    if len(data) != end + SIGNATURE_LEN:
        return None
    number_raw = data[_HEAD.size : end]
    if not number_raw.isascii() or not number_raw.decode("ascii").isprintable():
        return None
    tier = TIER_OF[code]
    claims = CertificateClaims(
        number=number_raw.decode("ascii"),
        kind="participation" if tier == "participation" else "award",
        tier=tier,
        award=TIER_ZH[tier],
        has_title=bool(flags & 1),
        issued_on=EPOCH + timedelta(days=days),
        event_prefix=ev,
        key_id=kid,
        name_digest=digest,
    )
    return SignedCertificate(claims, data[:end], data[end:], text)
