"""Signed packages: export, inspect, import (merge), conflicts, handover slips.

Venues have no network; data moves on USB sticks as signed zip packages (format:
``docs/package-format.md``). The same machinery serves three routes:

- venue -> city office: a venue's events with registrations, check-ins, scores, results
  inputs and the audit chain (``kind="venue"``);
- judges' laptops -> the chief judge's laptop: the same package, imported there;
- city office (or the venue admin's laptop) -> a venue laptop: an event set-up package
  (``kind="setup"``: events, schemes, registrations, judges, public keys).

Public API (stable; the GUI calls these through ``ui/worker.py``)::

    res = export_package(db, actor, out_dir, events=None, incremental=True)
    info = inspect(db, path)                       # reads, verifies, writes nothing
    res = import_package(db, actor, path, confirm_fingerprint=None)
    conflicts = list_conflicts(db, actor)          # open ones by default
    resolve_conflict(db, actor, conflict_id, TAKE_INCOMING | KEEP_LOCAL, note)
    handover_slip_pdf(db, actor, res, "slip.pdf")  # 数据移交单 with hash and fingerprint
    package_log(db, actor)                         # every export and import

Trust (device keys, fingerprints) lives in ``kmjudge.trust``. An import from a device this
database does not trust raises ``UntrustedSigner`` (carrying the signer's fingerprint); a
person compares it and calls again with ``confirm_fingerprint``. Every other refusal raises
``PackageRefused`` (``SequenceGap`` names the missing sequence numbers), and nothing is
written. Importing the same file twice, or an older package after a newer one, returns
``status == "duplicate"`` / ``"stale"`` and changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kmjudge.sync.errors import PackageRefused, SequenceGap, UntrustedSigner
from kmjudge.sync.model import (
    CONFLICT_CHECKIN,
    CONFLICT_CONTESTANT,
    CONFLICT_KIND_ZH,
    CONFLICT_KINDS,
    CONFLICT_ROW,
    CONFLICT_SCORE,
    KEEP_LOCAL,
    KINDS,
    RESOLUTIONS,
    STATUS_DUPLICATE,
    STATUS_IMPORTED,
    STATUS_STALE,
    TAKE_INCOMING,
    ConflictView,
    EventRef,
    ExportResult,
    ImportResult,
    Manifest,
    PackageInfo,
    PackageLogView,
    SignerInfo,
    TableCounts,
)
from kmjudge.sync.prefetch import Prefetcher, Prepared

if TYPE_CHECKING:
    from kmjudge.accounts import Actor
    from kmjudge.db.engine import Database


def export_package(
    db: Database,
    actor: Actor,
    out_dir: str | Path,
    events: Sequence[uuid.UUID] | None = None,
    *,
    incremental: bool = True,
    kind: str = "venue",
) -> ExportResult:
    """Write a signed package of ``events`` (default: every event) into ``out_dir`` (a folder
    or a USB stick) and return its path, SHA-256, the device fingerprint and sequence number.

    ``incremental``: only what changed since this device's previous export (the first export
    is always full). ``kind="setup"`` writes an event set-up package (always full). The file
    is written beside its final name, fsynced, renamed and read back to check its hash, so a
    pulled stick never leaves a half package. Needs ``Perm.EXPORT``; audited.
    """
    from kmjudge.sync.exporter import export_package as _impl

    return _impl(db, actor, out_dir, events, incremental=incremental, kind=kind)


#: The name the issue uses.
export = export_package


def export_setup(
    db: Database, actor: Actor, out_dir: str | Path, events: Sequence[uuid.UUID]
) -> ExportResult:
    """An event set-up package (events, schemes, registrations, judges, public keys)."""
    return export_package(db, actor, out_dir, events, incremental=False, kind="setup")


def inspect(db: Database | None, path: str | Path, *, deep: bool = True) -> PackageInfo:
    """Read a package's manifest, check its signature against what ``db`` knows about the
    signer, and (``deep``) every file's size and SHA-256. Writes nothing. A malformed file
    raises ``PackageRefused``; a package that is merely untrusted or out of sequence is
    described in the returned ``PackageInfo``."""
    from kmjudge.sync.importer import inspect_package

    return inspect_package(db, Path(path), deep=deep)


def import_package(
    db: Database,
    actor: Actor,
    path: str | Path,
    confirm_fingerprint: str | None = None,
    *,
    backup: bool = True,
    prepared: Prepared | None = None,
) -> ImportResult:
    """Verify and merge a package in one transaction, after a backup (SQLite).

    Checks, before anything is written: the zip's structure and sizes (no zip bombs, no
    ``../`` names), the signature against the trusted key of the signer (an unknown or
    untrusted signer needs ``confirm_fingerprint`` equal to its fingerprint, which then trusts
    it, audited), the schema version, every file's SHA-256, the sequence (a gap is refused,
    naming the missing numbers), every value's type, and the signer's audit chain. Conflicts
    are recorded and listed, never overwritten. Needs ``Perm.IMPORT_PACKAGES``.

    ``backup``: back up a SQLite database before writing (default). Importing a stick's worth
    of packages in one go, back up before the first one only (a city database of a million
    marks takes seconds to copy); a PostgreSQL database is backed up with pg_dump.
    ``prepared``: the package as read ahead by ``Prefetcher`` (a batch: the next package is
    read in a second process while this one merges); used only if it is this very file.
    """
    from kmjudge.sync.importer import import_package as _impl

    return _impl(db, actor, Path(path), confirm_fingerprint, backup=backup, prepared=prepared)


def list_conflicts(
    db: Database,
    actor: Actor,
    *,
    status: str | None = "open",
    event_id: uuid.UUID | None = None,
    kind: str | None = None,
) -> list[ConflictView]:
    """Conflicts found by imports (``status=None``: all, resolved ones included)."""
    from kmjudge.sync.conflicts import list_conflicts as _impl

    return _impl(db, actor, status=status, event_id=event_id, kind=kind)


def resolve_conflict(
    db: Database, actor: Actor, conflict_id: uuid.UUID, resolution: str, note: str = ""
) -> ConflictView:
    """``KEEP_LOCAL`` (the incoming version is set aside) or ``TAKE_INCOMING`` (it replaces
    the local one; for two check-ins, the local one is undone). Audited; needs
    ``Perm.IMPORT_PACKAGES``."""
    from kmjudge.sync.conflicts import resolve_conflict as _impl

    return _impl(db, actor, conflict_id, resolution, note)


def package_log(db: Database, actor: Actor) -> list[PackageLogView]:
    """Every package exported from or imported into this database, newest first."""
    from kmjudge.sync.conflicts import package_log as _impl

    return _impl(db, actor)


def handover_slip_pdf(
    db: Database,
    actor: Actor,
    package: ExportResult | str | Path,
    out: str | Path,
    *,
    handed_over_by: str = "",
    received_by: str = "",
) -> Path:
    """The handover slip (数据移交单): package file, SHA-256, device fingerprint, sequence,
    events and row counts, with signature lines for both sides. A path is inspected first."""
    from kmjudge.sync.slip import handover_slip_pdf as _impl

    return _impl(
        db, actor, package, Path(out), handed_over_by=handed_over_by, received_by=received_by
    )


__all__ = [
    "CONFLICT_CHECKIN",
    "CONFLICT_CONTESTANT",
    "CONFLICT_KINDS",
    "CONFLICT_KIND_ZH",
    "CONFLICT_ROW",
    "CONFLICT_SCORE",
    "KEEP_LOCAL",
    "KINDS",
    "RESOLUTIONS",
    "STATUS_DUPLICATE",
    "STATUS_IMPORTED",
    "STATUS_STALE",
    "TAKE_INCOMING",
    "ConflictView",
    "EventRef",
    "ExportResult",
    "ImportResult",
    "Manifest",
    "PackageInfo",
    "PackageLogView",
    "PackageRefused",
    "Prefetcher",
    "Prepared",
    "SequenceGap",
    "SignerInfo",
    "TableCounts",
    "UntrustedSigner",
    "export",
    "export_package",
    "export_setup",
    "handover_slip_pdf",
    "import_package",
    "inspect",
    "list_conflicts",
    "package_log",
    "resolve_conflict",
]
