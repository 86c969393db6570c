"""Exporting a signed package (full or incremental) to a folder or USB stick.

Incremental exports compare chunk digests: the rows of each table are grouped into chunks
(one registration's scores, check-ins, tickets...; one event's scans, assignments...; one
contestant) and each chunk's SHA-256 is remembered with the export (``package_log.state``).
The next incremental export sends the chunks whose digest changed, with the registrations,
contestants and users they refer to, and the set-up of the events (small) every time.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    LargeBinary,
    Select,
    String,
    Table,
    Uuid,
    literal_column,
    null,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from kmjudge import __version__, audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.clock import iso_utc, utcnow
from kmjudge.db import migrate
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.db.types import DecimalText, JSONText
from kmjudge.errors import KmError, NotFound
from kmjudge.gcpause import gc_paused
from kmjudge.sync import package as pkg
from kmjudge.sync import tables as tb
from kmjudge.sync.model import EventRef, ExportResult

DIRECTION_OUT = {"venue": "export", "setup": "setup-out"}
DIRECTION_IN = {"venue": "import", "setup": "setup-in"}
#: Row order within a table file (chunk column first), where an index gives it for free.
ORDER = {"score": ("registration_id", "aspect_id", "judge_id")}


def _make_dumps() -> Any:
    """One compact JSON line per row. The C encoder is built once and reused (``json.dumps``
    builds one per call, a third of an export's time for a million marks)."""
    enc = json.encoder
    c_make = getattr(enc, "c_make_encoder", None)
    if c_make is None:  # pragma: no cover - CPython always has it
        return json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), check_circular=False
        ).encode
    c = c_make(None, None, enc.encode_basestring, None, ":", ",", False, False, True)
    join = "".join
    return lambda values: join(c(values, 0))


_dumps = _make_dumps()


def _json_value(v: Any) -> Any:
    return None if v is None else json.loads(v)


def _select_column(table: Table, name: str, dialect: str) -> Any:
    """Every column read as stored, without SQLAlchemy's per-value conversion (a UUID, Decimal
    or datetime object per value is most of an export's time otherwise): ids, decimals, JSON
    and times come back as the text SQLite holds, which is what the package carries."""
    col = table.c[name]
    if isinstance(col.type, Uuid | DecimalText | JSONText | DateTime | Date):
        return type_coerce(col, String).label(name)
    return col


#: On SQLite the JSON line of a row is written by SQLite itself (json_array), a third of an
#: export's time otherwise. tests/sync/test_export_lines.py compares both ways.
SQLITE_LINES = True


def _kept(spec: tb.TableSpec) -> set[str]:
    """The columns ``_collect`` reads from a row besides its line: the id, the chunk key, the
    registration/contestant a row belongs to, and references to users and devices."""
    kept = {"id", "registration_id", "contestant_id", spec.chunk or "id"}
    kept.update(c for c, target in spec.refs.items() if target in ("app_user", "device"))
    return kept


def _sqlite_line(spec: tb.TableSpec) -> str | None:
    """``json_array(...)`` of the row in the package's column order, as the Python encoder
    writes it: booleans as true/false (SQLite holds 0/1), JSON columns embedded as JSON, the
    rest as stored (ids, decimals and times are text). None for tables with binary columns
    (base64 is Python's job)."""
    parts = []
    for name in spec.column_names:
        t = spec.table.c[name].type
        col = f'"{spec.table.name}"."{name}"'
        if isinstance(t, LargeBinary):
            return None
        if isinstance(t, Boolean):
            parts.append(
                f"CASE WHEN {col} IS NULL THEN NULL WHEN {col} THEN json('true') "
                "ELSE json('false') END"
            )
        elif isinstance(t, JSONText):
            parts.append(f"json({col})")
        else:
            parts.append(col)
    return f"json_array({', '.join(parts)})"


def _fetch_raw(conn: Any, stmt: Any) -> list[Any]:
    """Run a select on the DBAPI cursor of the session's connection (same transaction) and
    return plain tuples: no SQLAlchemy row objects for a million rows. The statement's only
    parameters are ids, rendered as literals."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(sql)
        return list(cur.fetchall())
    finally:
        cur.close()


def _pg_uuid(v: Any) -> Any:
    return None if v is None else v.hex


def _pg_datetime(v: Any) -> Any:
    return None if v is None else v.isoformat(" ", "microseconds")


def _pg_date(v: Any) -> Any:
    return None if v is None else v.isoformat()


def _bool(v: Any) -> Any:
    return None if v is None else bool(v)


def _encoders(
    spec: tb.TableSpec | None, table: Table, names: tuple[str, ...], dialect: str
) -> list[tuple[int, Any]]:
    """The columns that still need Python: JSON (parsed, to be embedded as JSON), binary
    (base64), booleans (SQLite returns 0/1) and, on PostgreSQL, ids and times (the driver
    returns objects)."""
    pg = dialect == "postgresql"
    out: list[tuple[int, Any]] = []
    for i, name in enumerate(names):
        t = table.c[name].type
        if isinstance(t, JSONText):
            out.append((i, _json_value))
        elif isinstance(t, LargeBinary):
            out.append((i, tb._enc_bytes))
        elif isinstance(t, Boolean):
            out.append((i, _bool))
        elif pg and isinstance(t, Uuid):
            out.append((i, _pg_uuid))
        elif pg and isinstance(t, DateTime):
            out.append((i, _pg_datetime))
        elif pg and isinstance(t, Date):
            out.append((i, _pg_date))
    return out


def _scope(
    spec: tb.TableSpec, event_ids: list[uuid.UUID], dialect: str, columns: list[Any] | None = None
) -> Select[Any]:
    """Every row of ``spec``'s table that belongs to the events (``columns``: instead of
    every column as stored)."""
    t = spec.table
    ev = tb.tbl(m.Event)
    reg = tb.tbl(m.Registration)
    regs = select(reg.c.id).where(reg.c.event_id.in_(event_ids))
    q = select(*(columns or [_select_column(spec.table, c, dialect) for c in spec.column_names]))
    name = spec.name
    if name == "competition":
        return q.where(t.c.id.in_(select(ev.c.competition_id).where(ev.c.id.in_(event_ids))))
    if name == "trade":
        return q.where(t.c.id.in_(select(ev.c.trade_id).where(ev.c.id.in_(event_ids))))
    if name == "event":
        return q.where(t.c.id.in_(event_ids))
    if name == "subcriterion":
        crit = tb.tbl(m.Criterion)
        return q.where(
            t.c.criterion_id.in_(select(crit.c.id).where(crit.c.event_id.in_(event_ids)))
        )
    if name == "contestant":
        return q.where(t.c.id.in_(select(reg.c.contestant_id).where(reg.c.event_id.in_(event_ids))))
    if name == "sheet_entry":
        sheet = tb.tbl(m.ScoreSheet)
        return q.where(t.c.sheet_id.in_(select(sheet.c.id).where(sheet.c.event_id.in_(event_ids))))
    if "event_id" in t.c:
        return q.where(t.c.event_id.in_(event_ids))
    if "registration_id" in t.c:
        return q.where(t.c.registration_id.in_(regs))
    raise AssertionError(f"no scope for {name}")  # pragma: no cover


def _chunk_index(spec: tb.TableSpec) -> int:
    names = spec.column_names
    if spec.chunk is None:
        return names.index("id")
    return names.index(spec.chunk)


class _Collected:
    """The rows of one table, encoded, as JSON lines, with chunk digests (parallel lists)."""

    def __init__(self, spec: tb.TableSpec, dialect: str) -> None:
        self.spec = spec
        self.dialect = dialect
        self.chunks: list[str] = []
        self.rows: list[Any] = []
        self.lines: list[str] = []
        self.digests: dict[str, str] = {}

    def add_rows(self, rows: Iterable[Any], lines: bool = False) -> None:
        """``lines``: each row ends with its JSON line, written by SQLite (``_sqlite_line``);
        the other values are then kept as read (only ids are looked at later)."""
        encs = (
            []
            if lines
            else _encoders(self.spec, self.spec.table, self.spec.column_names, self.dialect)
        )
        ci = _chunk_index(self.spec)
        hashers: dict[str, Any] = {}
        dumps = _dumps
        sha = hashlib.sha256
        chunks, out_rows, out_lines = self.chunks, self.rows, self.lines
        start = len(out_lines)
        run_key: Any = None

        def digest_run(key: Any, begin: int, end: int) -> None:
            # Rows come ordered by their chunk key, so a chunk is one run of lines, hashed in
            # one call (the same digest as line by line: SHA-256 is a stream).
            h = hashers.get(key)
            if h is None:
                h = hashers[key] = sha()
            h.update(("\n".join(out_lines[begin:end]) + "\n").encode("utf-8"))

        for row in rows:
            values: list[Any] | tuple[Any, ...]
            if encs:
                values = list(row)
                for i, enc in encs:
                    values[i] = enc(values[i])
            else:
                values = row
            chunk = values[ci] or "-"
            if chunk != run_key:
                if len(out_lines) > start:
                    digest_run(run_key, start, len(out_lines))
                run_key, start = chunk, len(out_lines)
            chunks.append(chunk)
            out_rows.append(values)
            out_lines.append(values[-1] if lines else dumps(values))
        if len(out_lines) > start:
            digest_run(run_key, start, len(out_lines))
        self.digests = {k: h.hexdigest()[:16] for k, h in hashers.items()}

    def pick(self, keys: set[str] | None) -> tuple[list[Any], list[str]]:
        """Rows and lines of the chunks in ``keys`` (None: all)."""
        if keys is None:
            return self.rows, self.lines
        idx = [i for i, k in enumerate(self.chunks) if k in keys]
        return [self.rows[i] for i in idx], [self.lines[i] for i in idx]


def _events(s: Session, event_ids: Sequence[uuid.UUID] | None) -> list[m.Event]:
    if event_ids:
        rows = []
        for eid in event_ids:
            ev = s.get(m.Event, eid)
            if ev is None:
                raise NotFound("找不到该竞赛场次。", f"No event {eid}.")
            rows.append(ev)
        return rows
    rows = list(s.scalars(select(m.Event).order_by(m.Event.created_at)))
    if not rows:
        raise KmError("没有可导出的竞赛场次。", "There are no events to export.", code="empty")
    return rows


def _event_ref(s: Session, ev: m.Event) -> EventRef:
    comp = s.get(m.Competition, ev.competition_id)
    trade = s.get(m.Trade, ev.trade_id)
    return EventRef(
        ev.id, ev.name, comp.year if comp else 0, ev.level, ev.district, trade.name if trade else ""
    )


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff_-]+", "_", text).strip("_")[:40] or "device"


def _publish(final: Path) -> None:
    """Give a recorded package its name (the last step of an export)."""
    part = final.parent / f".{final.name}.part"
    try:
        os.replace(part, final)
        with contextlib.suppress(OSError):  # not every file system syncs a directory
            dir_fd = os.open(final.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        raise KmError(
            f"数据包已记录但未能改名为“{final.name}”（{exc}）：U 盘是否已拔出？"
            "插回后再导出一次即可补完。",
            f"The package was recorded but could not be renamed to {final.name} ({exc}): was "
            "the stick removed? Put it back and export again to finish it.",
            code="io",
        ) from exc


def _finish_unpublished(db: Database) -> None:
    """A package recorded by an export that was cut off before its rename (power cut, pulled
    stick) still lies on the stick as ``.NAME.part``: give it its name now."""
    with db.read() as s:
        rows = s.scalars(
            select(m.PackageLog).where(
                m.PackageLog.device_id == db.device.id,
                m.PackageLog.direction.in_(list(DIRECTION_OUT.values())),
            )
        ).all()
        pending = [Path(r.path) for r in rows if r.path and not Path(r.path).exists()]
    for final in pending:
        if (final.parent / f".{final.name}.part").exists():
            _publish(final)


def _drop_unrecorded_parts(s: Session, folder: Path, device_id: uuid.UUID) -> None:
    """An export cut off before the database recorded its package (killed, power cut) left
    ``.NAME.part`` on the stick: no package this venue knows, so it goes (under the write
    lock: no other export of this device is between its write and its record)."""
    recorded = {
        Path(p).name
        for p in s.scalars(select(m.PackageLog.path).where(m.PackageLog.device_id == device_id))
        if p
    }
    for part in folder.glob(f".kmjudge-*-{str(device_id)[:8]}-*.zip.part"):
        if part.name[1 : -len(".part")] not in recorded:
            with contextlib.suppress(OSError):
                part.unlink()


def export_package(
    db: Database,
    actor: Actor,
    out_dir: str | Path,
    event_ids: Sequence[uuid.UUID] | None,
    *,
    incremental: bool = True,
    kind: str = "venue",
) -> ExportResult:
    require(actor, Perm.EXPORT)
    if kind not in DIRECTION_OUT:
        raise KmError(f"未知的数据包类型：{kind}", f"Unknown package kind {kind!r}.")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KmError(
            f"无法写入文件夹 {folder}：{exc}", f"Cannot write to {folder}: {exc}", code="io"
        ) from exc
    direction = DIRECTION_OUT[kind]
    _finish_unpublished(db)
    final: Path | None = None
    try:
        with db.write() as s:
            dev = s.scalar(select(m.Device).where(m.Device.id == db.device.id).with_for_update())
            assert dev is not None
            _drop_unrecorded_parts(s, folder, dev.id)
            events = _events(s, event_ids)
            ids = [e.id for e in events]
            refs = tuple(_event_ref(s, e) for e in events)
            prev = s.scalar(
                select(m.PackageLog)
                .where(m.PackageLog.device_id == dev.id, m.PackageLog.direction == direction)
                .order_by(m.PackageLog.seq.desc())
                .limit(1)
            )
            seq = (prev.seq if prev else 0) + 1
            if kind == "venue":
                seq = max(seq, dev.export_seq + 1)
            prev_state: dict[str, Any] | None = None
            if incremental and kind == "venue" and prev is not None and prev.state:
                prev_state = dict(prev.state)
            full = prev_state is None

            with gc_paused():  # every row of the events becomes a few objects
                members, counts, new_state, devices_used, audit_info = _collect(
                    s, kind, ids, prev_state
                )
            now = utcnow()
            device_rows = {
                d.id: d
                for d in s.scalars(select(m.Device).where(m.Device.id.in_(devices_used)))
                if d.id != dev.id
            }
            manifest: dict[str, Any] = {
                "format": pkg.FORMAT_NAME,
                "format_version": pkg.FORMAT_VERSION,
                "kind": kind,
                "schema_version": migrate.HEAD,
                "app_version": __version__,
                "created_at": iso_utc(now),
                "device": {
                    "id": str(dev.id),
                    "name": dev.name,
                    "fingerprint": db.device.fingerprint,
                    "public_key": tb._enc_bytes(db.device.public_key_bytes),
                },
                "seq": seq,
                "prev_sha256": prev.sha256 if prev else "",
                "full": full,
                "events": [
                    {
                        "id": str(r.id),
                        "name": r.name,
                        "year": r.year,
                        "level": r.level,
                        "district": r.district,
                        "trade": r.trade,
                    }
                    for r in refs
                ],
                "files": {
                    name: {
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "size": len(data),
                        "rows": rows,
                    }
                    for name, (data, rows) in members.items()
                },
                "audit": audit_info,
                "devices": [
                    {"id": str(d.id), "name": d.name, "public_key": tb._enc_bytes(d.public_key)}
                    for d in sorted(device_rows.values(), key=lambda d: str(d.id))
                ],
            }
            stamp = now.strftime("%Y%m%d-%H%M%S")
            final = (
                folder / f"kmjudge-{kind}-{_safe(dev.name)}-{str(dev.id)[:8]}-{seq:04d}-{stamp}.zip"
            )
            part = folder / f".{final.name}.part"
            try:
                pkg.write_package(
                    part, manifest, {k: v[0] for k, v in members.items()}, db.device.sign
                )
                with part.open("rb+") as fh:
                    os.fsync(fh.fileno())
            except OSError as exc:
                part.unlink(missing_ok=True)
                raise KmError(
                    f"数据包写入失败（{exc}）：U 盘是否已拔出或已满？未导出任何内容。",
                    f"Writing the package failed ({exc}): was the stick removed or full? "
                    "Nothing was exported.",
                    code="io",
                ) from exc
            # Read it back: the file must open as a package whose manifest lists exactly its
            # members, at the sizes written (the members' hashes are checked at import).
            # The file keeps its .part name until the database has recorded it: a power cut
            # before the commit leaves no package the venue does not know.
            with pkg.open_package(part) as check:
                check.check_members()
                sha, size = check.sha256, check.size
            if prev is not None and prev.state is not None and kind == "venue":
                prev.state = None  # only the newest export's digests are needed
            s.add(
                m.PackageLog(
                    device_id=dev.id,
                    seq=seq,
                    direction=direction,
                    sha256=sha,
                    prev_sha256=prev.sha256 if prev else "",
                    path=str(final),
                    kind=kind,
                    full=full,
                    info={
                        "counts": counts,
                        "events": [str(i) for i in ids],
                        "fingerprint": db.device.fingerprint,
                        "size": size,
                    },
                    state=new_state if kind == "venue" else None,
                )
            )
            if kind == "venue":
                dev.export_seq = seq
            audit.record(
                s,
                db,
                actor,
                "package.export",
                entity="package",
                entity_id=sha[:40],
                after={
                    "kind": kind,
                    "seq": seq,
                    "full": full,
                    "sha256": sha,
                    "file": final.name,
                    "events": [str(i) for i in ids],
                    "counts": counts,
                },
            )
    except BaseException:
        if final is not None:
            (final.parent / f".{final.name}.part").unlink(missing_ok=True)
        raise
    _publish(final)
    audit_entries = sum(a["last"] - a["first"] + 1 for a in audit_info.values())
    data_rows = sum(n for t, n in counts.items() if not tb.BY_NAME[t].setup and t != "app_user")
    return ExportResult(
        path=final,
        sha256=sha,
        size=size,
        device_id=db.device.id,
        device_name=db.device.name,
        fingerprint=db.device.fingerprint,
        seq=seq,
        prev_sha256=prev.sha256 if prev else "",
        kind=kind,
        full=full,
        created_at=now,
        events=refs,
        counts=counts,
        audit_entries=audit_entries,
        nothing_changed=not full and data_rows == 0,
    )


def _collect(
    s: Session, kind: str, event_ids: list[uuid.UUID], prev_state: dict[str, Any] | None
) -> tuple[
    dict[str, tuple[bytes, int]],
    dict[str, int],
    dict[str, Any],
    set[uuid.UUID],
    dict[str, dict[str, Any]],
]:
    conn = s.connection()
    dialect = conn.dialect.name
    names = tb.SETUP_TABLES if kind == "setup" else tuple(t.name for t in tb.TABLES)
    collected: dict[str, _Collected] = {}
    for spec in tb.TABLES:
        if spec.name not in names or spec.name == "app_user":
            continue
        c = _Collected(spec, dialect)
        # Marks in the order of their unique index (registration, aspect, judge): no sort.
        keys = ORDER.get(spec.name, (spec.chunk or "id", "id"))
        order = [spec.table.c[k] for k in keys]
        line_sql = _sqlite_line(spec) if dialect == "sqlite" and SQLITE_LINES else None
        if line_sql is not None:
            # Only the columns looked at later (ids: chunk, references), the rest as NULL
            # (no text object made per value), then the line.
            cols = [
                _select_column(spec.table, n, dialect) if n in _kept(spec) else null().label(n)
                for n in spec.column_names
            ]
            stmt = _scope(spec, event_ids, dialect, [*cols, literal_column(line_sql)])
            c.add_rows(_fetch_raw(conn, stmt.order_by(*order)), lines=True)
        else:
            c.add_rows(_fetch_raw(conn, _scope(spec, event_ids, dialect).order_by(*order)))
        collected[spec.name] = c

    # include: table -> (encoded rows, lines)
    old_tables: dict[str, dict[str, str]] = (prev_state or {}).get("tables", {})
    include: dict[str, tuple[list[Any], list[str]]] = {}
    for name, c in collected.items():
        if c.spec.setup or prev_state is None:
            include[name] = c.pick(None)
            continue
        old = old_tables.get(name, {})
        include[name] = c.pick({k for k, d in c.digests.items() if old.get(k) != d})

    # Registrations and contestants that included rows refer to travel with them.
    if prev_state is not None:
        reg_ids: set[str] = set()
        for name, (rows, _lines) in include.items():
            spec = tb.BY_NAME[name]
            if spec.chunk == "registration_id":
                i = spec.column_names.index("registration_id")
                reg_ids.update(r[i] for r in rows if r[i] is not None)
        for table, key_of in (("registration", None), ("contestant", "contestant_id")):
            if table not in collected:
                continue
            if key_of is None:
                needed = reg_ids
            else:
                ci = tb.BY_NAME["registration"].column_names.index(key_of)
                needed = {r[ci] for r in include["registration"][0]}
            rows, lines = include[table]
            more_rows, more_lines = collected[table].pick(needed - {r[0] for r in rows})
            include[table] = (rows + more_rows, lines + more_lines)

    # Users referred to by anything included (never their secrets), and devices.
    user_ids: set[str] = set()
    device_texts: set[str] = set()
    for name, (rows, _lines) in include.items():
        spec = tb.BY_NAME[name]
        wanted = [
            (col, spec.column_names.index(col), target)
            for col, target in spec.refs.items()
            if target in ("app_user", "device")
        ]
        if not wanted or not rows:
            continue
        for _col, i, target in wanted:
            (user_ids if target == "app_user" else device_texts).update(map(itemgetter(i), rows))
    user_ids.discard(None)
    device_texts.discard(None)
    devices_used = {uuid.UUID(str(d)) for d in device_texts}
    if kind == "setup":
        ja = tb.BY_NAME["judge_assignment"].column_names.index("user_id")
        user_ids.update(r[ja] for r in include.get("judge_assignment", ([], []))[0])
        devices_used.update(
            s.scalars(select(m.Device.id).where(m.Device.trusted | m.Device.is_local))
        )
    user_spec = tb.BY_NAME["app_user"]
    users = _Collected(user_spec, dialect)
    if user_ids:
        ut = user_spec.table
        rows_u: list[Any] = []
        id_list = [uuid.UUID(u) for u in sorted(user_ids)]
        cols = [_select_column(ut, n, dialect) for n in user_spec.column_names]
        for i in range(0, len(id_list), 500):
            rows_u += _fetch_raw(conn, select(*cols).where(ut.c.id.in_(id_list[i : i + 500])))
        users.add_rows(sorted(rows_u, key=lambda r: str(r[0])))
    include["app_user"] = users.pick(None)

    members: dict[str, tuple[bytes, int]] = {}
    counts: dict[str, int] = {}
    for spec in tb.TABLES:
        if spec.name not in include:
            continue
        _rows, lines = include[spec.name]
        header = json.dumps(
            {"table": spec.name, "columns": list(spec.column_names)}, ensure_ascii=False
        )
        body = header + "\n" + "\n".join(lines) + ("\n" if lines else "")
        members[f"data/{spec.name}.jsonl"] = (body.encode("utf-8"), len(lines))
        counts[spec.name] = len(lines)

    audit_info: dict[str, dict[str, Any]] = {}
    new_audit: dict[str, int] = dict((prev_state or {}).get("audit", {}))
    if kind == "venue":
        marks = (prev_state or {}).get("audit", {})
        ae = tb.tbl(m.AuditEntry)
        dev_ids = list(conn.execute(select(ae.c.device_id).distinct()).scalars())
        for dev_id in sorted(dev_ids, key=str):
            after = int(marks.get(str(dev_id), 0))
            segment = _audit_segment(conn, ae, dev_id, after, dialect)
            if segment is None:
                continue
            data, n, first, last, head = segment
            members[f"audit/{dev_id}.jsonl"] = (data, n)
            audit_info[str(dev_id)] = {"first": first, "last": last, "head": head}
            new_audit[str(dev_id)] = last
            devices_used.add(dev_id)

    new_tables = {k: dict(v) for k, v in old_tables.items()}
    for name, c in collected.items():
        if not c.spec.setup:
            new_tables.setdefault(name, {}).update(c.digests)
    new_state = {"tables": new_tables, "audit": new_audit}
    return members, counts, new_state, devices_used, audit_info


def _audit_segment(
    conn: Any, ae: Any, dev_id: uuid.UUID, after: int, dialect: str
) -> tuple[bytes, int, int, int, str] | None:
    """One device's audit entries after ``after``, as JSON Lines. The stored JSON text of
    ``before``/``after`` goes in as it is (it is canonical JSON already), so a long chain is
    not parsed and re-encoded entry by entry."""
    cols = [_select_column(ae, n, dialect) for n in tb.AUDIT_COLUMNS]
    rows = _fetch_raw(
        conn, select(*cols).where(ae.c.device_id == dev_id, ae.c.seq > after).order_by(ae.c.seq)
    )
    if not rows:
        return None
    enc_str = json.encoder.encode_basestring
    b64 = base64.b64encode
    pg = dialect == "postgresql"
    header = json.dumps({"device_id": str(dev_id), "columns": list(tb.AUDIT_COLUMNS)})
    lines = [header]
    for r in rows:
        seq, at, user_id, username, action, entity, entity_id, event_id, bef, aft, prev, h, sig = r
        if pg:
            user_id = user_id.hex if user_id else None
            event_id = event_id.hex if event_id else None
        lines.append(
            f"[{seq},{enc_str(at)},{enc_str(user_id) if user_id else 'null'},"
            f"{enc_str(username)},{enc_str(action)},{enc_str(entity)},{enc_str(entity_id)},"
            f"{enc_str(event_id) if event_id else 'null'},{bef or 'null'},{aft or 'null'},"
            f'{enc_str(prev)},{enc_str(h)},"{b64(sig).decode("ascii")}"]'
        )
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return data, len(rows), rows[0][0], rows[-1][0], rows[-1][11]
