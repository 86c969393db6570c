"""Plain data the certificate services take and return (no database, no Qt).

The GUI and the CLI only ever see these objects; every field is documented because the GUI
shows them as they are.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from kmjudge.errors import KmError

Kind = Literal["award", "participation"]
Action = Literal["new", "reprint", "skip"]
VerifyStatus = Literal["valid", "forged", "malformed", "unknown_issuer", "revoked"]

#: award tiers in print order, as the results engine names them
TIERS: tuple[str, ...] = ("first", "second", "third", "merit")
TIER_ZH: dict[str, str] = {
    "first": "一等奖",
    "second": "二等奖",
    "third": "三等奖",
    "merit": "优胜奖",
    "participation": "参赛证书",
}
ZH_TIER: dict[str, str] = {v: k for k, v in TIER_ZH.items()}

VERIFY_ZH: dict[str, str] = {
    "valid": "证书真实有效",
    "forged": "证书无效：签名不符（内容被改动或伪造）",
    "malformed": "不是 kmjudge 证书二维码",
    "unknown_issuer": "无法核验：签发设备不在本机信任列表中",
    "revoked": "证书已作废",
}
VERIFY_EN: dict[str, str] = {
    "valid": "Genuine certificate",
    "forged": "Not valid: the signature does not match (altered or forged)",
    "malformed": "Not a kmjudge certificate code",
    "unknown_issuer": "Cannot verify: the issuing device is not trusted on this computer",
    "revoked": "This certificate has been revoked",
}


class CertificateError(KmError):
    """Certificates cannot be planned, issued or printed as asked; nothing was written."""

    code = "certificates"


@dataclass(frozen=True)
class LayoutInfo:
    """One certificate layout file in ``resources/certificates`` (see its README)."""

    name: str  # file stem, e.g. "landscape"
    label: str  # what the GUI lists, e.g. "A4 横版 · 整张打印"
    description: str
    orientation: Literal["landscape", "portrait"]
    mode: Literal["full", "overlay"]  # overlay = made for pre-printed certificate stock
    width_mm: float
    height_mm: float
    path: Path


@dataclass(frozen=True)
class Notice:
    """Something the person printing should know. ``blocking`` notices stop printing unless
    forced (a character no font has: it would print as an empty box)."""

    code: str  # missing_glyph | not_checked_in | award_changed | revoked | already_issued ...
    message_zh: str
    message_en: str
    registration_id: uuid.UUID | None = None
    name: str = ""
    chars: str = ""  # missing_glyph: the characters no font has
    blocking: bool = False


@dataclass(frozen=True)
class PlanEntry:
    """One certificate of a batch: who, what, and whether it is new, a reprint or skipped."""

    registration_id: uuid.UUID
    name: str
    station: int | None
    ticket_no: str
    employer: str
    group: str  # ranking group label ("" for the whole event)
    rank: int | None
    kind: Kind
    tier: str  # first/second/third/merit; "participation" for participation certificates
    award: str  # 一等奖 … / 参赛证书
    title: str  # e.g. 技术状元, or ""
    action: Action
    number: str = ""  # the existing number (reprint/skip); "" until a new one is issued
    missing_chars: str = ""  # characters of the printed texts that no font has

    @property
    def prints(self) -> bool:
        return self.action != "skip"


@dataclass(frozen=True)
class CertificatePlan:
    """What ``issue_certificates`` would print, computed without writing anything."""

    event_id: uuid.UUID
    event_name: str
    trade: str
    locked_at: datetime
    layout: str
    entries: tuple[PlanEntry, ...]
    notices: tuple[Notice, ...]
    #: the options the plan was made with (``issue_certificates`` re-plans with them)
    tiers: tuple[str, ...]
    participation: bool
    reprint_issued: bool

    @property
    def to_print(self) -> tuple[PlanEntry, ...]:
        return tuple(e for e in self.entries if e.prints)

    @property
    def new_count(self) -> int:
        return sum(1 for e in self.entries if e.action == "new")

    @property
    def reprint_count(self) -> int:
        return sum(1 for e in self.entries if e.action == "reprint")

    @property
    def by_tier(self) -> dict[str, int]:
        """Certificates to print per tier (keys of ``TIER_ZH``), in print order."""
        out: dict[str, int] = {}
        for e in self.to_print:
            out[e.tier] = out.get(e.tier, 0) + 1
        return out

    @property
    def blocking(self) -> tuple[Notice, ...]:
        return tuple(n for n in self.notices if n.blocking)

    @property
    def glyph_warnings(self) -> tuple[Notice, ...]:
        return tuple(n for n in self.notices if n.code == "missing_glyph")


@dataclass(frozen=True)
class IssuedCertificate:
    number: str
    registration_id: uuid.UUID
    name: str
    kind: Kind
    tier: str
    award: str
    title: str
    token: str
    reprint: bool


@dataclass(frozen=True)
class CertificatesPdf:
    path: Path
    pages: int
    certificates: tuple[IssuedCertificate, ...]

    @property
    def new(self) -> int:
        return sum(1 for c in self.certificates if not c.reprint)

    @property
    def reprints(self) -> int:
        return sum(1 for c in self.certificates if c.reprint)


@dataclass(frozen=True)
class CertificateClaims:
    """What a certificate's QR says. Only trust it when ``VerifyResult.status == "valid"``."""

    number: str
    kind: Kind
    tier: str
    award: str  # 一等奖 … 参赛证书
    has_title: bool
    issued_on: date
    event_prefix: bytes  # first 4 bytes of the event's UUID
    key_id: bytes  # first 4 bytes of SHA-256 of the issuer's public key
    name_digest: bytes

    @property
    def key_id_hex(self) -> str:
        return self.key_id.hex().upper()


@dataclass(frozen=True)
class CertificateRecord:
    """The certificate as this database knows it (only when it holds the row)."""

    number: str
    name: str
    event_name: str
    trade: str
    award: str
    title: str
    issued_at: datetime
    revoked_at: datetime | None
    printed: int  # how many times printed (1 + reprints)


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    claims: CertificateClaims | None = None
    issuer_name: str = ""  # the issuing device's name, when known
    issuer_fingerprint: str = ""
    #: None = no name given; True/False = the given name matches the name on the certificate
    name_matches: bool | None = None
    record: CertificateRecord | None = None
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "valid" and self.name_matches is not False

    def message(self, lang: str = "zh") -> str:
        base = (VERIFY_ZH if lang.startswith("zh") else VERIFY_EN)[self.status]
        if self.status == "valid" and self.name_matches is False:
            return (
                "签名有效，但姓名与证书不符"
                if lang.startswith("zh")
                else "Signature valid, but the name does not match the certificate"
            )
        return base


@dataclass(frozen=True)
class CertificateRow:
    """One issued certificate, for lists."""

    id: uuid.UUID
    number: str
    registration_id: uuid.UUID
    name: str
    kind: Kind
    award: str
    title: str
    issued_at: datetime
    issued_by: str
    revoked_at: datetime | None
    printed: int


@dataclass(frozen=True)
class PrintLogEntry:
    """One line of the print log: who printed how many, when; reprints marked."""

    printed_at: datetime  # UTC
    user: str
    device: str
    count: int
    reprint: bool
    number: str = ""  # reprints: the certificate's number
    name: str = ""
    reason: str = ""  # reprints: why (from the audit trail)


@dataclass(frozen=True)
class SampleFields:
    """Per-certificate values for a preview page (defaults: a plausible sample)."""

    name: str = "张晓明"
    award: str = "一等奖"
    title: str = ""
    employer: str = "昆明供电局"
    number: str = "KM2026-ABCDEF-0001"
    kind: Kind = "award"
    reprint: bool = False
    extra: dict[str, str] = field(default_factory=dict)
