"""Plain result objects of the sync API (no ORM rows leave the core)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

#: Package kinds. ``venue``: a venue's data (results, check-ins, scores...) for the city
#: office or the chief judge's laptop. ``setup``: events, schemes, registrations, judges and
#: public keys, from the city office (or the venue admin's laptop) to a venue laptop.
KINDS = ("venue", "setup")

#: What an import did with a package.
STATUS_IMPORTED = "imported"  # merged (possibly with conflicts listed)
STATUS_DUPLICATE = "duplicate"  # this very file was imported before: nothing changed
STATUS_STALE = "stale"  # an older package of a device already imported further: no change

#: Conflict kinds, each listed and resolved by a person, never overwritten silently.
CONFLICT_CONTESTANT = "contestant"  # one ID number, different personal data
CONFLICT_CHECKIN = "checkin"  # one contestant checked in on two devices / at two venues
CONFLICT_SCORE = "score"  # one (registration, aspect, judge) mark with two values
CONFLICT_ROW = "row"  # the same record changed differently on two devices
CONFLICT_KINDS = (CONFLICT_CONTESTANT, CONFLICT_CHECKIN, CONFLICT_SCORE, CONFLICT_ROW)

CONFLICT_KIND_ZH = {
    CONFLICT_CONTESTANT: "同一身份证号，个人信息不同",
    CONFLICT_CHECKIN: "同一选手在两处检录",
    CONFLICT_SCORE: "同一评分有两个不同的分值",
    CONFLICT_ROW: "同一记录在两台设备上被改得不同",
}

#: How a conflict may be resolved.
KEEP_LOCAL = "keep_local"  # what this database had stays (incoming is recorded only)
TAKE_INCOMING = "take_incoming"  # the incoming version replaces the local one
RESOLUTIONS = (KEEP_LOCAL, TAKE_INCOMING)


@dataclass(frozen=True)
class EventRef:
    id: uuid.UUID
    name: str
    year: int = 0
    level: str = ""
    district: str = ""
    trade: str = ""


@dataclass(frozen=True)
class SignerInfo:
    """The device that signed a package, as the manifest states it and as this database
    knows it."""

    device_id: uuid.UUID
    name: str
    fingerprint: str
    public_key: bytes
    #: this database has a row for the device id
    known: bool
    #: ... and trusts it
    trusted: bool
    #: the known key equals the manifest's key (False: a foreign or forged signer)
    key_matches: bool
    #: the package is this database's own export
    is_local: bool


@dataclass(frozen=True)
class Manifest:
    """The signed manifest of a package (see docs/package-format.md)."""

    format: int
    kind: str
    schema_version: str
    app_version: str
    device_id: uuid.UUID
    device_name: str
    fingerprint: str
    public_key: bytes
    seq: int
    prev_sha256: str
    full: bool
    created_at: datetime
    events: tuple[EventRef, ...]
    #: path -> (sha256, size in bytes, rows)
    files: dict[str, tuple[str, int, int]]
    #: audit segment per device: device id -> (first seq, last seq, head hash)
    audit: dict[uuid.UUID, tuple[int, int, str]]
    #: other devices whose rows or audit entries the package carries (id -> (name, key))
    devices: dict[uuid.UUID, tuple[str, bytes]]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def rows(self, table: str) -> int:
        f = self.files.get(f"data/{table}.jsonl")
        return f[2] if f else 0


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size: int
    device_id: uuid.UUID
    device_name: str
    fingerprint: str
    seq: int
    prev_sha256: str
    kind: str
    full: bool
    created_at: datetime
    events: tuple[EventRef, ...]
    #: rows per table in the package
    counts: dict[str, int]
    audit_entries: int
    #: an incremental package with no venue data changed since the previous export (it is
    #: still written: the set-up, the audit chain and the sequence number move on)
    nothing_changed: bool = False


@dataclass(frozen=True)
class PackageInfo:
    """What ``inspect`` found, without writing anything."""

    path: Path
    sha256: str
    size: int
    manifest: Manifest
    signer: SignerInfo
    #: the signature over the manifest verifies with the key this database holds for the
    #: device (or, for an unknown device, with the manifest's own key)
    signature_ok: bool
    #: every file is present, of the stated size and SHA-256 (checked only with ``deep``)
    files_ok: bool | None
    #: highest sequence number imported from this signer so far (0: none)
    last_seq: int
    #: ``new`` | ``duplicate`` | ``stale`` | ``gap`` | ``fork`` | ``own`` -- what an import
    #: would do about the sequence
    sequence: str
    #: sequence numbers an import would miss (for ``gap``)
    missing: tuple[int, ...]
    problems_zh: tuple[str, ...]
    problems_en: tuple[str, ...]

    @property
    def importable(self) -> bool:
        """Would import without a fingerprint confirmation (trusted, valid, in sequence)."""
        return (
            not self.problems_en
            and self.signer.trusted
            and self.sequence in ("new", "duplicate", "stale")
        )


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    #: older than what this database holds (a later version is kept)
    older: int = 0
    #: not written because they are part of a conflict
    conflicts: int = 0
    #: skipped by a domain rule (e.g. a mark of a judge excluded for that contestant)
    skipped: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    kind: str
    table: str
    #: the local row's id and the incoming row's id (equal when one row was changed on two
    #: devices; for check-ins, the check-in ids joined with commas)
    local_id: str
    incoming_id: str
    event_id: uuid.UUID | None
    event_name: str
    #: what it is about, e.g. "张三 5301...1234 A1.2 judge1"
    subject: str
    summary_zh: str
    summary_en: str
    #: the differing fields: name -> (local value, incoming value), as text
    fields: dict[str, tuple[str, str]]
    local: dict[str, Any]
    incoming: dict[str, Any]
    local_device: str
    incoming_device: str
    package_sha256: str
    created_at: datetime
    status: str  # open | resolved
    resolution: str
    note: str
    resolved_by: str
    resolved_at: datetime | None


@dataclass(frozen=True)
class ImportResult:
    path: Path
    sha256: str
    status: str
    kind: str
    device_id: uuid.UUID
    device_name: str
    fingerprint: str
    seq: int
    events: tuple[EventRef, ...]
    counts: dict[str, TableCounts]
    audit_entries: int
    conflicts: tuple[ConflictView, ...]
    backup: Path | None
    #: the signer was trusted by this import (fingerprint confirmed)
    trusted_now: bool
    message_zh: str
    message_en: str

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.counts.values()) + self.audit_entries


@dataclass(frozen=True)
class PackageLogView:
    """One line of the package log (exports and imports)."""

    device_id: uuid.UUID
    device_name: str
    seq: int
    direction: str
    kind: str
    full: bool
    sha256: str
    prev_sha256: str
    path: str
    created_at: datetime
    counts: dict[str, int]
