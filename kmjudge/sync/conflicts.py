"""Listing and resolving import conflicts; the package log.

A conflict is resolved by a person, with a note, and audited:

- ``keep_local``: this database's version stays. A versioned row gets a new version, so the
  other device's stale copy counts as older next time instead of conflicting again.
- ``take_incoming``: the incoming values replace the local ones (a new version). For two
  active check-ins, the local check-in(s) are undone and the incoming one kept (with
  ``keep_local`` the incoming ones are undone).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import utcnow
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.errors import KmError, NotFound, PermissionDenied
from kmjudge.sync import tables as tb
from kmjudge.sync.model import (
    CONFLICT_CHECKIN,
    KEEP_LOCAL,
    RESOLUTIONS,
    TAKE_INCOMING,
    ConflictView,
    PackageLogView,
)


def _require_view(actor: Actor) -> None:
    if not (actor.can(Perm.IMPORT_PACKAGES) or actor.can(Perm.REPORTS)):
        raise PermissionDenied(
            f"{actor.display_name} 无权查看数据冲突。",
            f"{actor.username} may not view import conflicts.",
        )


def _require_resolve(actor: Actor) -> None:
    if not actor.can(Perm.IMPORT_PACKAGES):
        raise PermissionDenied(
            f"{actor.display_name} 无权处理数据冲突（需要导入数据包的权限）。",
            f"{actor.username} may not resolve import conflicts.",
        )


def _summary(row: m.SyncConflict) -> tuple[str, str]:
    fields = row.fields or {}
    parts_zh = [f"{k}：本库「{v[0]}」/ 传入「{v[1]}」" for k, v in fields.items()]
    parts_en = [f"{k}: here {v[0]!r} / incoming {v[1]!r}" for k, v in fields.items()]
    head_zh = {
        "contestant": "同一身份证号的个人信息不同",
        "checkin": "同一选手在两处检录",
        "score": "同一评分有两个不同的分值",
        "row": "同一记录在两台设备上被改得不同",
    }.get(row.kind, row.kind)
    head_en = {
        "contestant": "one ID number, different personal data",
        "checkin": "one contestant checked in at two places",
        "score": "one mark with two different values",
        "row": "one record changed differently on two devices",
    }.get(row.kind, row.kind)
    return (
        f"{head_zh}：{row.subject}；" + "；".join(parts_zh),
        f"{head_en}: {row.subject}; " + "; ".join(parts_en),
    )


def view_of(s: Session, row: m.SyncConflict) -> ConflictView:
    ev = s.get(m.Event, row.event_id) if row.event_id else None

    def dev_name(dev_id: uuid.UUID | None) -> str:
        if dev_id is None:
            return ""
        d = s.get(m.Device, dev_id)
        return d.name if d else str(dev_id)[:8]

    who = s.get(m.User, row.resolved_by) if row.resolved_by else None
    zh, en = _summary(row)
    return ConflictView(
        id=row.id,
        kind=row.kind,
        table=row.table_name,
        local_id=row.local_id,
        incoming_id=row.incoming_id,
        event_id=row.event_id,
        event_name=ev.name if ev else "",
        subject=row.subject,
        summary_zh=zh,
        summary_en=en,
        fields={k: (str(v[0]), str(v[1])) for k, v in (row.fields or {}).items()},
        local=dict(row.local or {}),
        incoming=dict(row.incoming or {}),
        local_device=dev_name(row.local_device_id),
        incoming_device=dev_name(row.incoming_device_id),
        package_sha256=row.package_sha256,
        created_at=row.created_at,
        status=row.status,
        resolution=row.resolution,
        note=row.note,
        resolved_by=who.username if who else "",
        resolved_at=row.resolved_at,
    )


def list_conflicts(
    db: Database,
    actor: Actor,
    *,
    status: str | None = "open",
    event_id: uuid.UUID | None = None,
    kind: str | None = None,
) -> list[ConflictView]:
    _require_view(actor)
    with db.read() as s:
        q = select(m.SyncConflict).order_by(m.SyncConflict.created_at, m.SyncConflict.subject)
        if status:
            q = q.where(m.SyncConflict.status == status)
        if event_id:
            q = q.where(m.SyncConflict.event_id == event_id)
        if kind:
            q = q.where(m.SyncConflict.kind == kind)
        return [view_of(s, r) for r in s.scalars(q)]


def find_conflict(db: Database, ref: str) -> uuid.UUID:
    """A conflict by id or id prefix (at least 4 characters)."""
    text = ref.strip().lower()
    with db.read() as s:
        ids = [i for i in s.scalars(select(m.SyncConflict.id)) if str(i).startswith(text)]
    if len(text) < 4 or len(ids) != 1:
        raise NotFound(
            f"找不到唯一的冲突：{ref}", f"No single conflict matches {ref!r}.", code="not_found"
        )
    return ids[0]


def _decode(spec: tb.TableSpec, col: str, value: Any) -> Any:
    codec = next(c for c in spec.columns if c.name == col)
    return None if value is None else codec.decode(value)


def _undo_checkins(s: Session, actor: Actor, ids: list[str], note: str) -> list[str]:
    now = utcnow()
    ci, rt = tb.tbl(m.CheckIn), tb.tbl(m.Registration)
    wanted = [uuid.UUID(i) for i in ids if i]
    if not wanted:
        return []
    regs = set(
        s.execute(
            select(ci.c.registration_id).where(ci.c.id.in_(wanted), ci.c.undone_at.is_(None))
        ).scalars()
    )
    s.execute(
        update(ci)
        .where(ci.c.id.in_(wanted), ci.c.undone_at.is_(None))
        .values(undone_at=now, undone_by=actor.user_id, undo_reason=f"冲突处理：{note}")
    )
    for reg_id in regs:
        active = s.execute(
            select(ci.c.id).where(ci.c.registration_id == reg_id, ci.c.undone_at.is_(None))
        ).first()
        if active is None:
            s.execute(
                update(rt)
                .where(rt.c.id == reg_id, rt.c.status == "checked_in")
                .values(status="registered", version=rt.c.version + 1, updated_at=now)
            )
    return [str(w) for w in wanted]


def resolve_conflict(
    db: Database, actor: Actor, conflict_id: uuid.UUID, resolution: str, note: str = ""
) -> ConflictView:
    _require_resolve(actor)
    if resolution not in RESOLUTIONS:
        raise KmError(
            f"处理方式只能是 {' / '.join(RESOLUTIONS)}。",
            f"The resolution must be one of {', '.join(RESOLUTIONS)}.",
            code="invalid",
        )
    text = " ".join(note.split())
    with db.write() as s:
        row = s.get(m.SyncConflict, conflict_id, with_for_update=True)
        if row is None:
            raise NotFound("找不到该冲突。", f"No conflict {conflict_id}.")
        if row.status != "open":
            raise KmError(
                "该冲突已处理过。", "This conflict was resolved already.", code="resolved"
            )
        changed: dict[str, Any] = {}
        if row.kind == CONFLICT_CHECKIN:
            side = row.local if resolution == TAKE_INCOMING else row.incoming
            ids = [c["id"] for c in (side or {}).get("checkins", [])]
            changed["undone_checkins"] = _undo_checkins(s, actor, ids, text or resolution)
        else:
            changed = _apply(s, row, resolution)
        row.status = "resolved"
        row.resolution = resolution
        row.note = text
        row.resolved_at = utcnow()
        row.resolved_by = actor.user_id
        audit.record(
            s,
            db,
            actor,
            "sync.conflict_resolved",
            entity="sync_conflict",
            entity_id=row.id,
            event_id=row.event_id,
            before={"kind": row.kind, "subject": row.subject, "fields": row.fields},
            after={"resolution": resolution, "note": text, "changed": changed},
        )
        s.flush()
        return view_of(s, row)


def _apply(s: Session, row: m.SyncConflict, resolution: str) -> dict[str, Any]:
    spec = tb.BY_NAME[row.table_name]
    t = spec.table
    incoming = row.incoming or {}
    fields = list((row.fields or {}).keys())
    now = utcnow()
    # A station clash: the incoming registration was stored without the station.
    if spec.name == "registration" and fields == ["station_no"] and row.local_id != row.incoming_id:
        if resolution == TAKE_INCOMING:
            station = _decode(spec, "station_no", incoming.get("station_no"))
            local_id, inc_id = uuid.UUID(row.local_id), uuid.UUID(row.incoming_id)
            s.execute(
                update(t)
                .where(t.c.id == local_id)
                .values(station_no=None, version=t.c.version + 1, updated_at=now)
            )
            s.execute(
                update(t)
                .where(t.c.id == inc_id)
                .values(station_no=station, version=t.c.version + 1, updated_at=now)
            )
            return {"station_no": station, "from": row.local_id, "to": row.incoming_id}
        return {}
    target = uuid.UUID(row.local_id)
    current = s.execute(
        select(*[t.c[c] for c in spec.column_names]).where(t.c.id == target)
    ).first()
    if current is None:
        raise NotFound("冲突涉及的记录已不存在。", "The record of this conflict no longer exists.")
    cur = dict(zip(spec.column_names, current, strict=True))
    values: dict[str, Any] = {}
    if resolution == TAKE_INCOMING:
        values = {c: _decode(spec, c, incoming.get(c)) for c in fields}
    if spec.versioned:
        inc_version = incoming.get("version") if isinstance(incoming.get("version"), int) else 0
        values["version"] = max(int(cur["version"]), int(inc_version or 0)) + 1
    if "updated_at" in spec.column_names:
        values["updated_at"] = now
    if values:
        s.execute(update(t).where(t.c.id == target).values(**values))
    return (
        {k: audit.jsonable(v) for k, v in values.items() if k not in ("updated_at",)}
        if resolution == TAKE_INCOMING
        else {"kept": row.local_id}
    )


def package_log(db: Database, actor: Actor) -> list[PackageLogView]:
    if not (actor.can(Perm.EXPORT) or actor.can(Perm.IMPORT_PACKAGES)):
        raise PermissionDenied(
            f"{actor.display_name} 无权查看数据包记录。",
            f"{actor.username} may not view the package log.",
        )
    with db.read() as s:
        names = {d.id: d.name for d in s.scalars(select(m.Device))}
        rows = list(
            s.scalars(
                select(m.PackageLog).order_by(
                    m.PackageLog.created_at.desc(), m.PackageLog.seq.desc()
                )
            )
        )
    return [
        PackageLogView(
            device_id=r.device_id,
            device_name=names.get(r.device_id, str(r.device_id)[:8]),
            seq=r.seq,
            direction=r.direction,
            kind=r.kind,
            full=r.full,
            sha256=r.sha256,
            prev_sha256=r.prev_sha256,
            path=r.path,
            created_at=r.created_at,
            counts=dict((r.info or {}).get("counts", {})),
        )
        for r in rows
    ]


__all__ = [
    "KEEP_LOCAL",
    "TAKE_INCOMING",
    "find_conflict",
    "list_conflicts",
    "package_log",
    "resolve_conflict",
    "view_of",
]
