"""The tamper-evident audit trail.

Every state change appends an entry in the same transaction as the change. Entries form one
hash chain per device: ``hash = SHA-256(canonical JSON of the entry incl. prev_hash)``, and
each hash is signed with the device's Ed25519 key. The device row keeps the chain's head
(sequence number and hash), so a deleted tail is noticed too.

``verify`` finds entries edited, deleted, inserted or reordered behind the app's back (for
example with the sqlite3 tool) and says where.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import device as device_mod
from kmjudge.clock import iso_utc, utcnow
from kmjudge.db.models import AuditEntry, Device
from kmjudge.jsonfast import canonical

if TYPE_CHECKING:
    from kmjudge.accounts import Actor
    from kmjudge.db.engine import Database


def jsonable(value: Any) -> Any:
    """Plain JSON values for before/after snapshots (Decimal and UUID as text)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def payload_hash(
    device_id: str,
    seq: int,
    at: str,
    user_id: str | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    event_id: str | None,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    """SHA-256 of an entry's canonical JSON (ids as text): the one definition of what a
    hash covers. Importers holding ids as text call it directly."""
    payload = {
        "device_id": device_id,
        "seq": seq,
        "at": at,
        "user_id": user_id,
        "username": username,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "event_id": event_id,
        "before": before,
        "after": after,
        "prev_hash": prev_hash,
    }
    if type(seq) is int and all(type(payload[k]) is str for k in _TEXT_FIELDS):
        # The same text, written out in sorted key order (a million entries at an import).
        q = _quote
        text = (
            f'{{"action":{q(action)},"after":{_value(after)},"at":{q(at)},'
            f'"before":{_value(before)},"device_id":{q(device_id)},"entity":{q(entity)},'
            f'"entity_id":{q(entity_id)},"event_id":{_id(event_id)},'
            f'"prev_hash":{q(prev_hash)},"seq":{seq},"user_id":{_id(user_id)},'
            f'"username":{q(username)}}}'
        )
    else:
        text = canonical(payload)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_TEXT_FIELDS = ("device_id", "at", "username", "action", "entity", "entity_id", "prev_hash")
_quote = json.encoder.encode_basestring


def _value(v: Any) -> str:
    return "null" if v is None else canonical(v)


def _id(v: Any) -> str:
    return "null" if v is None else _quote(v) if type(v) is str else canonical(v)


def entry_hash(e: AuditEntry) -> str:
    return payload_hash(
        str(e.device_id),
        e.seq,
        e.at,
        str(e.user_id) if e.user_id else None,
        e.username,
        e.action,
        e.entity,
        e.entity_id,
        str(e.event_id) if e.event_id else None,
        e.before,
        e.after,
        e.prev_hash,
    )


def record(
    session: Session,
    db: Database,
    actor: Actor | None,
    action: str,
    *,
    entity: str = "",
    entity_id: object = "",
    event_id: uuid.UUID | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry to this device's chain inside the caller's transaction."""
    dev = session.scalar(select(Device).where(Device.id == db.device.id).with_for_update())
    if dev is None:
        raise RuntimeError("device not registered in this database")
    entry = AuditEntry(
        device_id=dev.id,
        seq=dev.audit_seq + 1,
        at=iso_utc(utcnow()),
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id) if entity_id else "",
        event_id=event_id,
        before=jsonable(before),
        after=jsonable(after),
        prev_hash=dev.audit_head,
    )
    # Round-trip the snapshots through JSON so the hash covers exactly what is stored.
    entry.before = json.loads(json.dumps(entry.before, ensure_ascii=False, sort_keys=True))
    entry.after = json.loads(json.dumps(entry.after, ensure_ascii=False, sort_keys=True))
    entry.hash = entry_hash(entry)
    entry.signature = db.device.sign(bytes.fromhex(entry.hash))
    dev.audit_seq = entry.seq
    dev.audit_head = entry.hash
    session.add(entry)
    return entry


@dataclass
class ChainProblem:
    device_id: str
    seq: int | None
    row_id: int | None
    kind: str  # edited | deleted | inserted | reordered | bad_signature | head_mismatch
    message_zh: str
    message_en: str


@dataclass
class VerifyReport:
    entries: int = 0
    devices: int = 0
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(db: Database) -> VerifyReport:
    """Walk every device's chain and report what does not add up."""
    report = VerifyReport()
    with db.read() as s:
        devices = {d.id: d for d in s.scalars(select(Device))}
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.device_id, AuditEntry.id)))
    by_device: dict[uuid.UUID, list[AuditEntry]] = {}
    for e in entries:
        by_device.setdefault(e.device_id, []).append(e)
    report.entries = len(entries)
    report.devices = len(by_device)
    for dev_id, chain in by_device.items():
        _verify_chain(devices.get(dev_id), dev_id, chain, report)
    for dev in devices.values():
        if dev.id not in by_device and dev.audit_seq:
            report.problems.append(
                ChainProblem(
                    str(dev.id),
                    dev.audit_seq,
                    None,
                    "deleted",
                    f"设备 {dev.name} 的全部 {dev.audit_seq} 条审计记录都已被删除。",
                    f"All {dev.audit_seq} audit entries of device {dev.name} were deleted.",
                )
            )
    return report


def _verify_chain(
    dev: Device | None, dev_id: uuid.UUID, chain: list[AuditEntry], report: VerifyReport
) -> None:
    def add(e: AuditEntry | None, kind: str, zh: str, en: str, seq: int | None = None) -> None:
        report.problems.append(
            ChainProblem(
                str(dev_id),
                seq if seq is not None else (e.seq if e else None),
                e.id if e else None,
                kind,
                zh,
                en,
            )
        )

    if dev is None:
        add(
            chain[0],
            "inserted",
            "审计记录来自未登记的设备。",
            "Audit entries from an unknown device.",
        )
        return
    prev_hash = ""
    expected_seq = 1
    ids_by_seq = sorted(chain, key=lambda e: e.seq)
    if [e.id for e in ids_by_seq] != [e.id for e in chain]:
        first = next(a for a, b in zip(ids_by_seq, chain, strict=True) if a.id != b.id)
        add(
            first,
            "reordered",
            f"第 {first.seq} 条起审计记录的顺序被改动。",
            f"Audit entries were reordered from seq {first.seq}.",
        )
    for e in ids_by_seq:
        if e.seq > expected_seq:
            add(
                None,
                "deleted",
                f"缺少第 {expected_seq}–{e.seq - 1} 条审计记录（被删除）。",
                f"Audit entries {expected_seq}-{e.seq - 1} are missing (deleted).",
                expected_seq,
            )
        elif e.seq < expected_seq:
            add(
                e,
                "inserted",
                f"第 {e.seq} 条审计记录重复出现（被插入）。",
                f"Audit entry seq {e.seq} appears twice (inserted).",
            )
            continue
        if e.hash != entry_hash(e):
            add(
                e,
                "edited",
                f"第 {e.seq} 条审计记录（{e.action}）的内容被修改。",
                f"Audit entry {e.seq} ({e.action}) was edited.",
            )
        elif e.prev_hash != prev_hash and e.seq == expected_seq:
            add(
                e,
                "inserted",
                f"第 {e.seq} 条审计记录与前一条对不上（插入或替换）。",
                f"Audit entry {e.seq} does not link to the previous one (inserted or replaced).",
            )
        if not device_mod.verify(dev.public_key, e.signature, bytes.fromhex(e.hash)):
            add(
                e,
                "bad_signature",
                f"第 {e.seq} 条审计记录的签名无效（不是本软件写入）。",
                f"Audit entry {e.seq} has an invalid signature (not written by the app).",
            )
        prev_hash = e.hash
        expected_seq = e.seq + 1
    last = ids_by_seq[-1]
    if dev.audit_seq != last.seq or dev.audit_head != last.hash:
        if dev.audit_seq > last.seq:
            add(
                None,
                "deleted",
                f"最后 {dev.audit_seq - last.seq} 条审计记录被删除（应有 {dev.audit_seq} 条）。",
                f"The last {dev.audit_seq - last.seq} audit entries were deleted "
                f"(the chain should end at {dev.audit_seq}).",
                last.seq + 1,
            )
        else:
            add(
                last,
                "head_mismatch",
                "审计链末尾与设备记录不一致（插入或修改）。",
                "The end of the audit chain does not match the device's record.",
            )


# --------------------------------------------------------------------------- rows vs. chain


def verify_records(db: Database) -> list[ChainProblem]:
    """Compare the rows that matter most with what the audit chain says about them.

    The chain proves the entries were not touched; this finds the data itself edited behind
    the app's back (with the sqlite3 tool, say): marks (value and version), check-ins
    (inserted, deleted, un-undone), theory scores, registrations' status and station, and
    criterion/event locks. The rules are in ``kmjudge.audit_rows``.
    """
    from kmjudge.audit_rows import verify_records as _rows

    return _rows(db)
