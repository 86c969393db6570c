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


def _payload(e: AuditEntry) -> dict[str, Any]:
    return {
        "device_id": str(e.device_id),
        "seq": e.seq,
        "at": e.at,
        "user_id": str(e.user_id) if e.user_id else None,
        "username": e.username,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "event_id": str(e.event_id) if e.event_id else None,
        "before": e.before,
        "after": e.after,
        "prev_hash": e.prev_hash,
    }


def entry_hash(e: AuditEntry) -> str:
    text = json.dumps(_payload(e), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    the app's back (a score changed, a check-in inserted or deleted with the sqlite3 tool):

    - every mark (``score``) must equal the newest audit entry for it (value and version);
    - every check-in row must be matched by an audited check-in of that contestant, and a
      check-in the chain records as undone must be undone in the table.
    """
    from kmjudge.db import models
    from kmjudge.db.models import CheckIn, Score

    problems: list[ChainProblem] = []
    with db.read() as s:
        # Conflicts resolved after a package import change marks and undo check-ins under a
        # "sync.conflict_resolved" entry (entity: the conflict) instead of a score/check-in one.
        resolved = {
            str(e.entity_id): (e.after or {}).get("changed") or {}
            for e in s.execute(
                select(AuditEntry.entity_id, AuditEntry.after).where(
                    AuditEntry.action == "sync.conflict_resolved"
                )
            )
        }
        conflict_marks: dict[str, dict[str, Any]] = {}
        sync_conflict = getattr(models, "SyncConflict", None)
        if resolved and sync_conflict is not None:
            for cid, local_id in s.execute(
                select(sync_conflict.id, sync_conflict.local_id).where(
                    sync_conflict.table_name == "score"
                )
            ):
                if str(cid) in resolved:
                    conflict_marks[str(local_id)] = resolved[str(cid)]
        scores = s.execute(select(Score.id, Score.value, Score.version)).all()
        score_entries = s.execute(
            select(
                AuditEntry.device_id,
                AuditEntry.seq,
                AuditEntry.id,
                AuditEntry.entity_id,
                AuditEntry.after,
            ).where(AuditEntry.entity == "score")
        ).all()
        checkins = s.execute(select(CheckIn.id, CheckIn.registration_id, CheckIn.undone_at)).all()
        reg_entries = s.execute(
            select(
                AuditEntry.device_id,
                AuditEntry.seq,
                AuditEntry.id,
                AuditEntry.action,
                AuditEntry.entity_id,
                AuditEntry.after,
            ).where(AuditEntry.entity == "registration", AuditEntry.action.like("checkin.%"))
        ).all()

    newest: dict[str, tuple[int, Any]] = {}
    for row in score_entries:
        after = row.after if isinstance(row.after, dict) else {}
        version = after.get("version")
        if isinstance(version, int) and (
            row.entity_id not in newest or version >= newest[row.entity_id][0]
        ):
            newest[row.entity_id] = (version, row)
    for sid, value, version in scores:
        found = newest.get(str(sid))
        if found is None:
            problems.append(
                ChainProblem(
                    "",
                    None,
                    None,
                    "row_inserted",
                    f"评分 {sid} 没有任何审计记录：它是绕过软件直接写入数据库的。",
                    f"Mark {sid} has no audit entry: it was written into the database "
                    "behind the app's back.",
                )
            )
            continue
        a_version, entry = found
        try:
            a_value = Decimal(str(entry.after.get("value")))
        except ArithmeticError:
            a_value = None
        changed = conflict_marks.get(str(sid))
        if changed is not None:  # a resolved conflict: its value, and a newer version
            try:
                a_value = Decimal(str(changed["value"])) if "value" in changed else a_value
            except ArithmeticError:
                a_value = None
            a_version = changed.get("version", version) if version > a_version else a_version
        if a_version != version or a_value != value:
            problems.append(
                ChainProblem(
                    str(entry.device_id),
                    entry.seq,
                    entry.id,
                    "row_edited",
                    f"评分 {sid} 现为 {value}（第 {version} 版），但审计记录第 {entry.seq} 条"
                    f"记的是 {entry.after.get('value')}（第 {a_version} 版）："
                    "数据库被直接修改过。",
                    f"Mark {sid} is {value} (version {version}) but audit entry seq "
                    f"{entry.seq} records {entry.after.get('value')} (version {a_version}): "
                    "the database was edited directly.",
                )
            )

    admitted: dict[str, list[Any]] = {}
    undone: set[str] = {str(c) for ch in resolved.values() for c in ch.get("undone_checkins", [])}
    for row in reg_entries:
        after = row.after if isinstance(row.after, dict) else {}
        if row.action == "checkin.undo":
            undone.update(str(c) for c in after.get("checkins") or [])
        elif after.get("status") == "checked_in":
            admitted.setdefault(row.entity_id, []).append(row)
    rows_by_reg: dict[str, list[Any]] = {}
    for row in checkins:
        rows_by_reg.setdefault(str(row.registration_id), []).append(row)
    for reg_id in sorted(set(rows_by_reg) | set(admitted)):
        rows = rows_by_reg.get(reg_id, [])
        entries = sorted(admitted.get(reg_id, []), key=lambda e: (str(e.device_id), e.seq))
        last = entries[-1] if entries else None
        dev_id, seq, row_id = (str(last.device_id), last.seq, last.id) if last else ("", None, None)
        if len(rows) > len(entries):
            problems.append(
                ChainProblem(
                    dev_id,
                    seq,
                    row_id,
                    "row_inserted",
                    f"选手 {reg_id} 有 {len(rows)} 条检录记录，但审计链只记了 {len(entries)} 次"
                    "检录：有检录是绕过软件直接写入的。",
                    f"Registration {reg_id} has {len(rows)} check-in rows but the audit chain "
                    f"records {len(entries)} check-in(s): one was written behind the app's back.",
                )
            )
        elif len(rows) < len(entries):
            problems.append(
                ChainProblem(
                    dev_id,
                    seq,
                    row_id,
                    "row_deleted",
                    f"审计记录第 {seq} 条记载了选手 {reg_id} 的检录，但检录记录被直接删除了。",
                    f"Audit entry seq {seq} records the check-in of registration {reg_id}, "
                    "but its check-in row was deleted directly.",
                )
            )
        for row in rows:
            if (str(row.id) in undone) != (row.undone_at is not None):
                problems.append(
                    ChainProblem(
                        dev_id,
                        seq,
                        row_id,
                        "row_edited",
                        f"检录记录 {row.id} 的“已撤销”状态与审计链不符：数据库被直接修改过。",
                        f"Check-in {row.id} is {'not ' if row.undone_at is None else ''}undone "
                        "contrary to the audit chain: the database was edited directly.",
                    )
                )
    return problems
