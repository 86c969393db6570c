"""Merging a checked package into the database, inside the caller's one transaction.

Rules (docs/package-format.md, "Merging"):

- Rows are matched by id (UUIDs travel between machines). A row not found by id but matching
  a natural key (a contestant's ID number, a registration's event and contestant, a score's
  registration, aspect and judge, ...) is the same thing created on two devices: the incoming
  id is mapped to the local one, and if the values that matter differ, that is a conflict.
- A row found by id: equal -> unchanged. Versioned rows (every change increments
  ``version``): the higher version wins; the same version with different values is a
  conflict. Contestants: the later ``updated_at`` wins. Others: fields not yet filled in
  locally are filled in; two different filled-in values are a conflict.
- Conflicts are recorded (``sync_conflict``), never resolved silently: the local value stays
  until a person chooses.
- Users from another machine arrive without a PIN and inactive (a set-up package's judges
  arrive active, so the venue admin can give them a PIN); a username that exists here for
  another person gets a suffix (``judge1@3fa2b1``).
- A judge excluded for a contestant (回避) has no marks for that contestant: incoming marks of
  excluded pairs are skipped, and local ones removed (their values stay in the audit trail).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    Connection,
    String,
    Table,
    Uuid,
    and_,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge import device as device_mod
from kmjudge.accounts import Actor
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.sync import tables as tb
from kmjudge.sync.errors import refuse
from kmjudge.sync.model import (
    CONFLICT_CHECKIN,
    CONFLICT_CONTESTANT,
    CONFLICT_ROW,
    CONFLICT_SCORE,
    ConflictView,
    Manifest,
    TableCounts,
)
from kmjudge.sync.parse import AuditSegment, Row

CHUNK = 500

#: Tables whose differing labels (a competition's campaign text, a trade's code) are not
#: worth a person's time: the local text stays.
LABEL_TABLES = frozenset({"competition", "trade", "app_user", "score_sheet", "judge_exclusion"})

#: For two rows created on two devices (ids differ, natural key equal): what must agree.
ALIAS_COMPARE: dict[str, tuple[str, ...]] = {
    # Who the person is. Employer, district, phone and the like legitimately differ between
    # two registrations of one person (the registration keeps its own copy of both).
    "contestant": ("name", "gender", "birth_date", "ethnicity"),
    "registration": ("ticket_no",),
    "ticket": ("token",),
    "score": ("value", "trainee"),
    "sheet_entry": ("value",),
    "theory_score": ("value",),
}

#: Set-up rows owned by an event: they follow the event's version.
EVENT_OWNED = frozenset({"criterion", "subcriterion", "aspect"})

UNUSABLE_SECRET = "!imported"


def _canon(v: Any) -> Any:
    return audit.jsonable(v)


_plain_json = json.JSONEncoder(separators=(",", ":")).encode


def bulk_insert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """``INSERT`` many rows, converting values with the column types' own bind processors and
    handing the DBAPI one ``executemany`` (SQLAlchemy's per-row parameter processing is most
    of the time of a 10,000-mark package otherwise). Small batches take the ordinary path."""
    if len(rows) < 100:
        conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    dialect = conn.dialect
    compiled = insert(table).values({c: bindparam(c) for c in cols}).compile(dialect=dialect)
    procs = [(c, table.c[c].type.dialect_impl(dialect).bind_processor(dialect)) for c in cols]
    columns: dict[str, list[Any]] = {}
    for c, proc in procs:
        values = [r[c] for r in rows]
        if proc is not None:
            values = [None if v is None else proc(v) for v in values]
        columns[c] = values
    if dialect.name == "postgresql":
        _insert_rows_pg(conn, table, cols, columns)
        return
    params: list[Any]
    if compiled.positional:
        params = list(zip(*(columns[str(k)] for k in compiled.positiontup or ()), strict=True))
    else:
        params = [
            dict(zip(cols, vals, strict=True)) for vals in zip(*columns.values(), strict=True)
        ]
    conn.exec_driver_sql(compiled.string, params)


def _insert_rows_pg(
    conn: Connection, table: Table, cols: list[str], columns: dict[str, list[Any]]
) -> None:
    """On PostgreSQL the rows go in with ``COPY ... FROM STDIN`` inside the import's
    transaction: the server takes them as one stream instead of parsing an INSERT per row
    (a million marks: most of the import's time otherwise)."""
    preparer = conn.dialect.identifier_preparer
    sql = (
        f"COPY {preparer.format_table(table)} "
        f"({', '.join(preparer.quote(c) for c in cols)}) FROM STDIN"
    )
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[attr-defined]
        write = copy.write_row
        for row in zip(*(columns[c] for c in cols), strict=True):
            write(row)


def encode_row(spec: tb.TableSpec, row: Row) -> dict[str, Any]:
    """A row as the package writes it (the codecs' JSON forms), for conflict records."""
    codecs = {c.name: c for c in spec.columns}
    return {k: codecs[k].encode(v) if k in codecs else _canon(v) for k, v in row.items()}


def _empty(spec: tb.TableSpec, col: str, v: Any) -> bool:
    return v is None or v == "" or v in spec.empty.get(col, ())


class Merge:
    def __init__(self, s: Session, db: Database, actor: Actor, man: Manifest, sha: str) -> None:
        self.s = s
        self.db = db
        self.actor = actor
        self.man = man
        self.sha = sha
        self.conn = s.connection()
        self.remap: dict[str, dict[uuid.UUID, uuid.UUID]] = defaultdict(dict)
        self.known: dict[str, set[uuid.UUID]] = defaultdict(set)
        self.counts: dict[str, TableCounts] = {}
        self.new_conflicts: list[m.SyncConflict] = []
        self._dedupe: set[str] = set()
        self.audit_added = 0
        self.removed_scores: list[dict[str, Any]] = []
        #: contestant id -> the name this package gave the person (the import's audit entry
        #: keeps it: a set-up package carries no entries of its own)
        self.renamed: dict[str, str] = {}
        #: event id -> +1 incoming newer (or new here), 0 same version, -1 older
        self.event_cmp: dict[uuid.UUID, int] = {}
        self.crit_event: dict[uuid.UUID, uuid.UUID] = {}
        self.incoming_checkins: set[uuid.UUID] = set()

    # ----------------------------------------------------------------------- devices

    def devices(self) -> None:
        """Register the devices whose rows or audit entries the package carries."""
        for dev_id, (name, key) in self.man.devices.items():
            row = self.s.get(m.Device, dev_id)
            if row is None:
                self.s.add(
                    m.Device(
                        id=dev_id,
                        name=name or str(dev_id)[:8],
                        public_key=key,
                        is_local=False,
                        trusted=False,
                        audit_seq=0,
                        audit_head="",
                        export_seq=0,
                    )
                )
            elif bytes(row.public_key) != key:
                raise refuse(
                    f"数据包中设备 {name}（{dev_id}）的公钥与本库登记的不同，已拒绝。",
                    f"The package gives device {name} ({dev_id}) another key than the one "
                    "registered here; refused.",
                    "key_mismatch",
                )
        signer = self.s.get(m.Device, self.man.device_id)
        if signer is None:
            raise refuse(
                "签名设备未登记。", "The signing device is not registered.", "untrusted_device"
            )
        self.s.flush()

    # ----------------------------------------------------------------------- audit

    def audit(self, segments: dict[uuid.UUID, AuditSegment]) -> None:
        """Append each device's new audit entries after checking they continue its chain."""
        ae = tb.tbl(m.AuditEntry)
        for dev_id, seg in sorted(segments.items(), key=lambda kv: str(kv[0])):
            dev = self.s.get(m.Device, dev_id)
            if dev is None:
                raise refuse(
                    f"审计记录来自清单未列出的设备 {dev_id}。",
                    f"Audit entries of a device the manifest does not list: {dev_id}.",
                    "audit_chain",
                )
            entries = seg.entries
            have = dev.audit_seq
            first, last = entries[0]["seq"], entries[-1]["seq"]
            if first > have + 1:
                raise refuse(
                    f"设备 {dev.name} 的审计记录缺少第 {have + 1}–{first - 1} 条"
                    "（请先导入更早的数据包，或请对方导出完整数据包）。",
                    f"Audit entries {have + 1}-{first - 1} of device {dev.name} are missing "
                    "(import the earlier packages first, or ask for a full export).",
                    "audit_chain",
                )
            if first <= have:
                local = dict(
                    self.conn.execute(
                        select(ae.c.seq, ae.c.hash).where(
                            ae.c.device_id == dev_id,
                            ae.c.seq >= first,
                            ae.c.seq <= min(have, last),
                        )
                    ).all()
                )
                for e in entries:
                    if e["seq"] > have:
                        break
                    if local.get(e["seq"]) != e["hash"]:
                        raise refuse(
                            f"设备 {dev.name} 的第 {e['seq']} 条审计记录与本库已有的不同"
                            "（审计链分叉或被改动），已拒绝。",
                            f"Audit entry {e['seq']} of device {dev.name} differs from the one "
                            "held here (a forked or altered chain); refused.",
                            "audit_chain",
                        )
            new = [e for e in entries if e["seq"] > have]
            if not new:
                continue
            if dev.is_local:
                raise refuse(
                    "数据包含有本机尚未写过的本机审计记录（伪造），已拒绝。",
                    "The package holds audit entries of this very device that it never wrote "
                    "(forged); refused.",
                    "audit_chain",
                )
            prev = dev.audit_head
            dev_text = str(dev_id)
            id_text: dict[Any, str | None] = {None: None}
            payload_hash = audit.payload_hash
            for e in new:
                user, event = e["user_id"], e["event_id"]
                user_text = id_text.get(user)
                if user_text is None and user is not None:
                    user_text = id_text[user] = str(user)
                event_text = id_text.get(event)
                if event_text is None and event is not None:
                    event_text = id_text[event] = str(event)
                if (
                    e["prev_hash"] != prev
                    or payload_hash(
                        dev_text,
                        e["seq"],
                        e["at"],
                        user_text,
                        e["username"],
                        e["action"],
                        e["entity"],
                        e["entity_id"],
                        event_text,
                        e["before"],
                        e["after"],
                        e["prev_hash"],
                    )
                    != e["hash"]
                ):
                    raise refuse(
                        f"设备 {dev.name} 的第 {e['seq']} 条审计记录被改动或不连续，已拒绝。",
                        f"Audit entry {e['seq']} of device {dev.name} was altered or does not "
                        "link to the previous one; refused.",
                        "audit_chain",
                    )
                prev = e["hash"]
            head = new[-1]
            if not device_mod.verify(
                dev.public_key, head["signature"], bytes.fromhex(head["hash"])
            ):
                raise refuse(
                    f"设备 {dev.name} 的审计链末尾签名无效，已拒绝。",
                    f"The signature at the head of device {dev.name}'s audit chain is invalid; "
                    "refused.",
                    "audit_chain",
                )
            bulk_insert(self.conn, ae, [{"device_id": dev_id, **e} for e in new])
            dev.audit_seq = head["seq"]
            dev.audit_head = head["hash"]
            self.audit_added += len(new)
        self.s.flush()

    # ----------------------------------------------------------------------- tables

    def tables(self, parsed: dict[str, list[Row]]) -> None:
        self._scheme(parsed)
        for spec in tb.TABLES:
            rows = parsed.get(spec.name)
            if rows is None:
                continue
            counts = self.counts.setdefault(spec.name, TableCounts())
            if spec.name == "app_user":
                self._users(rows, parsed, counts)
                continue
            self._remap_refs(spec, rows)
            if spec.name == "score":
                rows = self._drop_excluded(rows, counts)
            self._check_refs(spec, rows)
            inserted = self._merge(spec, rows, counts)
            if spec.name == "judge_exclusion":
                self._apply_exclusions(inserted)
            if spec.name == "checkin":
                self.incoming_checkins = {self._local_id(spec, r["id"]) for r in rows}

    def _local_id(self, spec: tb.TableSpec, rid: uuid.UUID) -> uuid.UUID:
        return self.remap[spec.name].get(rid, rid)

    def _remap_refs(self, spec: tb.TableSpec, rows: list[Row]) -> None:
        maps = [(c, self.remap[t]) for c, t in spec.refs.items() if self.remap.get(t)]
        if not maps:
            return
        for r in rows:
            for col, mp in maps:
                v = r[col]
                if v is not None and v in mp:
                    r[col] = mp[v]

    def _check_refs(self, spec: tb.TableSpec, rows: list[Row]) -> None:
        for col, target in spec.refs.items():
            wanted = {r[col] for r in rows if r[col] is not None} - self.known[target]
            if target == spec.name:
                wanted -= {r["id"] for r in rows}
            if not wanted:
                continue
            tt = tb.BY_NAME[target].table if target != "device" else tb.tbl(m.Device)
            found: set[uuid.UUID] = set()
            for stmt in self._in(tt.c.id, list(wanted), [tt.c.id]):
                found.update(self.conn.execute(stmt).scalars().all())
            self.known[target] |= found
            missing = wanted - found
            if missing:
                example = sorted(str(x) for x in missing)[0]
                raise refuse(
                    f"数据包中的 {spec.name}.{col} 引用了本库没有的 {target} 记录"
                    f"（共 {len(missing)} 条，如 {example}）。请先导入该设备更早的数据包，"
                    "或请对方导出完整数据包（--full）。未写入任何内容。",
                    f"{spec.name}.{col} in the package refers to {len(missing)} {target} row(s) "
                    f"this database does not have (e.g. {example}). Import the device's earlier "
                    "packages first, or ask for a full export (--full). Nothing was written.",
                    "missing_reference",
                )

    def _fetch(self, spec: tb.TableSpec, col: str, values: list[Any]) -> list[Row]:
        t = spec.table
        names = spec.column_names
        cols = [t.c[n] for n in names]
        return [
            dict(zip(names, r, strict=True))
            for stmt in self._in(t.c[col], values, cols)
            for r in self.conn.execute(stmt)
        ]

    def _in(self, column: Any, values: list[Any], cols: list[Any]) -> list[Any]:
        """Selects of ``cols`` where ``column`` is one of ``values``. On SQLite, ids and texts
        go in as one JSON array read by ``json_each`` (one statement for 10,000 marks instead
        of 20 with 500 bound parameters each); elsewhere in chunks of ``CHUNK``."""
        if not values:
            return []
        if self.conn.dialect.name == "sqlite" and isinstance(column.type, Uuid | String):
            if isinstance(column.type, Uuid):
                items = [v.hex if isinstance(v, uuid.UUID) else str(v) for v in values]
            else:
                items = [str(v) for v in values]
            listed = text("SELECT value FROM json_each(:kmj_values)").bindparams(
                kmj_values=_plain_json(items)
            )
            return [select(*cols).where(column.in_(listed.columns(value=column.type)))]
        return [
            select(*cols).where(column.in_(values[i : i + CHUNK]))
            for i in range(0, len(values), CHUNK)
        ]

    def _merge(self, spec: tb.TableSpec, rows: list[Row], counts: TableCounts) -> list[Row]:
        if not rows:
            return []
        local = {r["id"]: r for r in self._fetch(spec, "id", [r["id"] for r in rows])}
        pending = [r for r in rows if r["id"] not in local]
        alias: dict[tuple[Any, ...], Row] = {}
        key_cols: tuple[str, ...] = spec.alias_keys[0] if spec.alias_keys else ()
        if key_cols and pending:
            for r in self._fetch(
                spec, key_cols[0], sorted({p[key_cols[0]] for p in pending}, key=str)
            ):
                alias[tuple(r[c] for c in key_cols)] = r
        uniques = self._unique_index(spec, pending)
        inserts: list[Row] = []
        for r in rows:
            loc = local.get(r["id"])
            if loc is not None:
                self.known[spec.name].add(r["id"])
                self._same(spec, loc, r, counts)
                continue
            match = alias.get(tuple(r[c] for c in key_cols)) if key_cols else None
            if match is not None:
                self.remap[spec.name][r["id"]] = match["id"]
                self.known[spec.name].add(match["id"])
                self._aliased(spec, match, r, counts)
                continue
            if not self._unique_ok(spec, r, uniques, counts):
                continue
            inserts.append(r)
            self.known[spec.name].add(r["id"])
            if spec.name == "event":
                self.event_cmp[r["id"]] = 1
        if inserts:
            try:
                bulk_insert(self.conn, spec.table, inserts)
            except IntegrityError as exc:
                raise refuse(
                    f"数据包中的 {spec.name} 记录与本库数据冲突，无法合并"
                    f"（{str(exc.orig)[:120]}）。未写入任何内容。",
                    f"{spec.name} rows in the package clash with this database and cannot be "
                    f"merged ({str(exc.orig)[:120]}). Nothing was written.",
                    "unique_clash",
                ) from exc
            counts.inserted += len(inserts)
        return inserts

    def _unique_index(
        self, spec: tb.TableSpec, pending: list[Row]
    ) -> dict[str, dict[Any, uuid.UUID]]:
        out: dict[str, dict[Any, uuid.UUID]] = {}
        if spec.name == "registration" and pending:
            events = sorted({r["event_id"] for r in pending}, key=str)
            existing = self._fetch(spec, "event_id", events)
            out["ticket"] = {(r["event_id"], r["ticket_no"]): r["id"] for r in existing}
            out["station"] = {
                (r["event_id"], r["station_no"]): r["id"]
                for r in existing
                if r["station_no"] is not None
            }
        if spec.name == "certificate" and pending:
            existing = self._fetch(spec, "number", sorted({r["number"] for r in pending}))
            out["number"] = {r["number"]: r["id"] for r in existing}
        if spec.name in ("criterion", "aspect") and pending:
            events = sorted({r["event_id"] for r in pending}, key=str)
            existing = self._fetch(spec, "event_id", events)
            out["code"] = {(r["event_id"], r["code"]): r["id"] for r in existing}
        return out

    def _unique_ok(
        self,
        spec: tb.TableSpec,
        r: Row,
        uniques: dict[str, dict[Any, uuid.UUID]],
        counts: TableCounts,
    ) -> bool:
        def clash(what_zh: str, what_en: str) -> None:
            raise refuse(
                f"数据包中的{what_zh}与本库中另一条记录重复，无法合并。未写入任何内容。",
                f"The package's {what_en} duplicates another record here; it cannot be merged. "
                "Nothing was written.",
                "unique_clash",
            )

        if spec.name == "registration":
            other = uniques["ticket"].get((r["event_id"], r["ticket_no"]))
            if other is not None and other != r["id"]:
                clash(f"准考证号 {r['ticket_no']}", f"ticket number {r['ticket_no']}")
            uniques["ticket"][(r["event_id"], r["ticket_no"])] = r["id"]
            if r["station_no"] is not None:
                key = (r["event_id"], r["station_no"])
                other = uniques["station"].get(key)
                if other is not None and other != r["id"]:
                    local_row = self._fetch(spec, "id", [other])
                    self._conflict(
                        CONFLICT_ROW,
                        spec,
                        local_row[0] if local_row else {"id": other},
                        r,
                        {"station_no": (str(r["station_no"]), str(r["station_no"]))},
                    )
                    r["station_no"] = None
                    counts.conflicts += 1
                else:
                    uniques["station"][key] = r["id"]
        elif spec.name == "certificate":
            other = uniques["number"].get(r["number"])
            if other is not None and other != r["id"]:
                clash(f"证书编号 {r['number']}", f"certificate number {r['number']}")
            uniques["number"][r["number"]] = r["id"]
        elif spec.name in ("criterion", "aspect"):
            other = uniques["code"].get((r["event_id"], r["code"]))
            if other is not None and other != r["id"]:
                clash(f"评分项代码 {r['code']}", f"scheme code {r['code']}")
            uniques["code"][(r["event_id"], r["code"])] = r["id"]
        return True

    # ----------------------------------------------------------------------- comparing

    def _diff(
        self, spec: tb.TableSpec, loc: Row, inc: Row, cols: tuple[str, ...] | None = None
    ) -> list[str]:
        names = cols if cols is not None else spec.column_names
        return [c for c in names if c != "id" and c not in spec.ignore and loc.get(c) != inc.get(c)]

    def _same(self, spec: tb.TableSpec, loc: Row, inc: Row, counts: TableCounts) -> None:
        diff = self._diff(spec, loc, inc)
        if spec.name == "event":
            lv, iv = loc["version"], inc["version"]
            self.event_cmp[inc["id"]] = (iv > lv) - (iv < lv)
        if not diff or spec.name in LABEL_TABLES:
            counts.unchanged += 1
            return
        if spec.name in EVENT_OWNED:
            cmp = self.event_cmp.get(self._event_of_setup(spec, inc), 0)
            if cmp > 0:
                self._update(spec, inc, diff, counts)
            elif cmp < 0:
                counts.older += 1
            else:
                self._fill_in(spec, loc, inc, diff, counts)
            return
        if spec.versioned:
            lv, iv = loc["version"], inc["version"]
            if iv > lv:
                self._update(spec, inc, diff, counts)
            elif iv < lv:
                counts.older += 1
            else:
                kind = CONFLICT_SCORE if spec.name in ("score", "theory_score") else CONFLICT_ROW
                self._conflict(kind, spec, loc, inc, self._fields(loc, inc, diff))
                counts.conflicts += 1
            return
        if spec.name == "contestant":
            lt, it = loc["updated_at"], inc["updated_at"]
            if it > lt:
                self._update(spec, inc, diff, counts)
            elif it < lt:
                counts.older += 1
            else:
                self._conflict(CONFLICT_CONTESTANT, spec, loc, inc, self._fields(loc, inc, diff))
                counts.conflicts += 1
            return
        self._fill_in(spec, loc, inc, diff, counts)

    def _fill_in(
        self, spec: tb.TableSpec, loc: Row, inc: Row, diff: list[str], counts: TableCounts
    ) -> None:
        fill = [c for c in diff if _empty(spec, c, loc[c]) and not _empty(spec, c, inc[c])]
        hard = [c for c in diff if not _empty(spec, c, loc[c]) and not _empty(spec, c, inc[c])]
        if hard:
            kind = CONFLICT_CHECKIN if spec.name == "checkin" else CONFLICT_ROW
            self._conflict(kind, spec, loc, inc, self._fields(loc, inc, hard))
            counts.conflicts += 1
        elif fill:
            self._update(spec, inc, fill, counts)
        else:
            counts.older += 1

    def _aliased(self, spec: tb.TableSpec, loc: Row, inc: Row, counts: TableCounts) -> None:
        cols = ALIAS_COMPARE.get(spec.name, ())
        diff = [c for c in cols if loc.get(c) != inc.get(c)]
        if not diff:
            counts.unchanged += 1
            return
        kind = {
            "contestant": CONFLICT_CONTESTANT,
            "score": CONFLICT_SCORE,
            "theory_score": CONFLICT_SCORE,
            "sheet_entry": CONFLICT_SCORE,
        }.get(spec.name, CONFLICT_ROW)
        self._conflict(kind, spec, loc, inc, self._fields(loc, inc, diff))
        counts.conflicts += 1

    @staticmethod
    def _fields(loc: Row, inc: Row, cols: list[str]) -> dict[str, tuple[str, str]]:
        def text(v: Any) -> str:
            if v is None:
                return ""
            c = _canon(v)
            return c if isinstance(c, str) else json.dumps(c, ensure_ascii=False)

        return {c: (text(loc.get(c)), text(inc.get(c))) for c in cols}

    def _update(self, spec: tb.TableSpec, inc: Row, cols: list[str], counts: TableCounts) -> None:
        values = {c: inc[c] for c in cols}
        if spec.versioned and "version" not in values:
            values["version"] = inc["version"]
        for c in ("updated_at",):
            if c in spec.column_names:
                values[c] = inc[c]
        t = spec.table
        self.conn.execute(update(t).where(t.c.id == inc["id"]).values(**values))
        counts.updated += 1
        if spec.name == "contestant" and "name" in cols:
            self.renamed[str(inc["id"])] = str(inc["name"])

    def _event_of_setup(self, spec: tb.TableSpec, row: Row) -> uuid.UUID:
        if spec.name == "subcriterion":
            ev = self.crit_event.get(row["criterion_id"])
            if ev is None:
                ev = self.conn.execute(
                    select(tb.tbl(m.Criterion).c.event_id).where(
                        tb.tbl(m.Criterion).c.id == row["criterion_id"]
                    )
                ).scalar()
                if ev is not None:
                    self.crit_event[row["criterion_id"]] = ev
            return ev if ev is not None else uuid.UUID(int=0)
        return cast(uuid.UUID, row["event_id"])

    # ----------------------------------------------------------------------- special tables

    def _users(self, rows: list[Row], parsed: dict[str, list[Row]], counts: TableCounts) -> None:
        spec = tb.BY_NAME["app_user"]
        local = {r["id"] for r in self._fetch(spec, "id", [r["id"] for r in rows])}
        assigned = {r["user_id"] for r in parsed.get("judge_assignment", [])}
        taken = set(
            self.conn.execute(
                select(tb.tbl(m.User).c.username).where(
                    tb.tbl(m.User).c.username.in_(sorted({r["username"] for r in rows}))
                )
            ).scalars()
        )
        inserts = []
        for r in rows:
            self.known["app_user"].add(r["id"])
            if r["id"] in local:
                counts.unchanged += 1
                continue
            name = r["username"]
            n = 6
            while name in taken or (name != r["username"] and self._username_taken(name)):
                name = f"{r['username'][: 49 - n]}@{r['id'].hex[:n]}"
                n += 2
            taken.add(name)
            active = self.man.kind == "setup" and r["id"] in assigned
            inserts.append(
                {
                    **r,
                    "username": name,
                    "active": active,
                    "secret_hash": UNUSABLE_SECRET,
                    "failed_attempts": 0,
                    "locked_until": None,
                    "last_login_at": None,
                }
            )
        if inserts:
            self.conn.execute(insert(tb.tbl(m.User)), inserts)
            counts.inserted += len(inserts)

    def _username_taken(self, name: str) -> bool:
        ut = tb.tbl(m.User)
        return self.conn.execute(select(ut.c.id).where(ut.c.username == name)).first() is not None

    def _scheme(self, parsed: dict[str, list[Row]]) -> None:
        """An event's scheme replaced on one side (new ids for the same codes): take the
        incoming scheme if nothing here was marked against the old one, else refuse."""
        crits = parsed.get("criterion", [])
        aspects = parsed.get("aspect", [])
        for c in crits:
            self.crit_event[c["id"]] = c["event_id"]
        by_event: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for r in crits + aspects:
            by_event[r["event_id"]].add(r["id"])
        for sc in parsed.get("subcriterion", []):
            ev = self.crit_event.get(sc["criterion_id"])
            if ev is not None:
                by_event[ev].add(sc["id"])
        ct, st, at = tb.tbl(m.Criterion), tb.tbl(m.SubCriterion), tb.tbl(m.Aspect)
        for event_id, incoming in by_event.items():
            local_c = set(
                self.conn.execute(select(ct.c.id).where(ct.c.event_id == event_id)).scalars()
            )
            local_a = set(
                self.conn.execute(select(at.c.id).where(at.c.event_id == event_id)).scalars()
            )
            local_s = (
                set(
                    self.conn.execute(
                        select(st.c.id).where(st.c.criterion_id.in_(local_c))
                    ).scalars()
                )
                if local_c
                else set()
            )
            stale = (local_c | local_a | local_s) - incoming
            if not stale:
                continue
            stale_a = local_a - incoming
            stale_c = local_c - incoming
            used = False
            if stale_a:
                used = bool(
                    self.conn.execute(
                        select(tb.tbl(m.Score).c.id)
                        .where(tb.tbl(m.Score).c.aspect_id.in_(stale_a))
                        .limit(1)
                    ).first()
                    or self.conn.execute(
                        select(tb.tbl(m.SheetEntry).c.id)
                        .where(tb.tbl(m.SheetEntry).c.aspect_id.in_(stale_a))
                        .limit(1)
                    ).first()
                )
            ja = tb.tbl(m.JudgeAssignment)
            ss = tb.tbl(m.ScoreSheet)
            if not used and (stale_a or stale_c):
                used = bool(
                    self.conn.execute(
                        select(ja.c.id)
                        .where(ja.c.aspect_id.in_(stale_a) | ja.c.criterion_id.in_(stale_c))
                        .limit(1)
                    ).first()
                    or self.conn.execute(
                        select(ss.c.id).where(ss.c.criterion_id.in_(stale_c)).limit(1)
                    ).first()
                )
            if used:
                raise refuse(
                    "数据包中该竞赛场次的评分标准与本库不同（评分标准已在一方被重新导入），"
                    "而本库已按旧评分标准评分或分配裁判，无法合并。请双方核对评分标准。未写入任何内容。",
                    "The package's marking scheme for an event differs from this database's (it "
                    "was re-imported on one side) and marks or judge assignments here use the old "
                    "one; it cannot be merged. Compare the schemes. Nothing was written.",
                    "scheme_clash",
                )
            self.conn.execute(delete(at).where(at.c.id.in_(local_a - incoming)))
            self.conn.execute(delete(st).where(st.c.id.in_(local_s - incoming)))
            self.conn.execute(delete(ct).where(ct.c.id.in_(local_c - incoming)))

    def _drop_excluded(self, rows: list[Row], counts: TableCounts) -> list[Row]:
        regs = sorted({r["registration_id"] for r in rows}, key=str)
        je = tb.tbl(m.JudgeExclusion)
        pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
        for i in range(0, len(regs), CHUNK):
            pairs.update(
                (a, b)
                for a, b in self.conn.execute(
                    select(je.c.registration_id, je.c.user_id).where(
                        je.c.registration_id.in_(regs[i : i + CHUNK])
                    )
                )
            )
        if not pairs:
            return rows
        kept = [r for r in rows if (r["registration_id"], r["judge_id"]) not in pairs]
        counts.skipped += len(rows) - len(kept)
        return kept

    def _apply_exclusions(self, inserted: list[Row]) -> None:
        st = tb.tbl(m.Score)
        for ex in inserted:
            cond = and_(
                st.c.registration_id == ex["registration_id"], st.c.judge_id == ex["user_id"]
            )
            for sid, aspect_id, value in self.conn.execute(
                select(st.c.id, st.c.aspect_id, st.c.value).where(cond)
            ):
                self.removed_scores.append(
                    {"score": str(sid), "aspect": str(aspect_id), "value": format(value, "f")}
                )
            self.conn.execute(delete(st).where(cond))

    # ----------------------------------------------------------------------- conflicts

    def _conflict(
        self,
        kind: str,
        spec: tb.TableSpec,
        loc: Row,
        inc: Row,
        fields: dict[str, tuple[str, str]],
        *,
        event_id: uuid.UUID | None = None,
        subject: str | None = None,
    ) -> None:
        local_json = encode_row(spec, loc)
        incoming_json = encode_row(spec, inc)
        basis = json.dumps(
            [
                kind,
                spec.name,
                str(loc.get("id")),
                str(inc.get("id")),
                {k: v[1] for k, v in fields.items()},
            ],
            ensure_ascii=False,
            sort_keys=True,
        )
        key = hashlib.sha256(basis.encode("utf-8")).hexdigest()
        if key in self._dedupe:
            return
        self._dedupe.add(key)
        if self.s.scalar(select(m.SyncConflict.id).where(m.SyncConflict.dedupe_key == key)):
            return
        row = m.SyncConflict(
            kind=kind,
            table_name=spec.name,
            event_id=event_id if event_id is not None else self._event_of_row(spec, loc, inc),
            local_id=str(loc.get("id", "")),
            incoming_id=str(inc.get("id", "")),
            subject=(subject if subject is not None else self._subject(spec, loc, inc))[:300],
            fields={k: list(v) for k, v in fields.items()},
            local=local_json,
            incoming=incoming_json,
            local_device_id=loc.get("device_id")
            if isinstance(loc.get("device_id"), uuid.UUID)
            else None,
            incoming_device_id=(
                inc.get("device_id")
                if isinstance(inc.get("device_id"), uuid.UUID)
                else self.man.device_id
            ),
            package_sha256=self.sha,
            dedupe_key=key,
            status="open",
            resolution="",
            note="",
        )
        self.s.add(row)
        self.new_conflicts.append(row)

    def _event_of_row(self, spec: tb.TableSpec, loc: Row, inc: Row) -> uuid.UUID | None:
        for r in (inc, loc):
            if isinstance(r.get("event_id"), uuid.UUID):
                return cast(uuid.UUID, r["event_id"])
        reg_id = inc.get("registration_id") or loc.get("registration_id")
        if spec.name == "registration":
            return cast(uuid.UUID | None, inc.get("event_id"))
        if isinstance(reg_id, uuid.UUID):
            return self.conn.execute(
                select(tb.tbl(m.Registration).c.event_id).where(
                    tb.tbl(m.Registration).c.id == reg_id
                )
            ).scalar()
        return None

    def _person(self, reg_id: Any) -> str:
        if not isinstance(reg_id, uuid.UUID):
            return ""
        rt, ct = tb.tbl(m.Registration), tb.tbl(m.Contestant)
        row = self.conn.execute(
            select(ct.c.name, rt.c.ticket_no, rt.c.station_no)
            .join(ct, rt.c.contestant_id == ct.c.id)
            .where(rt.c.id == reg_id)
        ).first()
        if row is None:
            return str(reg_id)[:8]
        station = f" 工位{row[2]}" if row[2] is not None else ""
        return f"{row[0]} 准考证{row[1]}{station}"

    def _subject(self, spec: tb.TableSpec, loc: Row, inc: Row) -> str:
        if spec.name == "contestant":
            idn = str(inc.get("id_number", ""))
            return f"{loc.get('name', '')} {idn[:6]}********{idn[-4:]}"
        person = self._person(inc.get("registration_id") or loc.get("registration_id"))
        if spec.name == "registration":
            person = self._person(loc.get("id")) or str(inc.get("ticket_no", ""))
        if spec.name in ("score", "sheet_entry"):
            at, ut = tb.tbl(m.Aspect), tb.tbl(m.User)
            code = self.conn.execute(select(at.c.code).where(at.c.id == inc["aspect_id"])).scalar()
            judge = ""
            if inc.get("judge_id"):
                judge = (
                    self.conn.execute(
                        select(ut.c.username).where(ut.c.id == inc["judge_id"])
                    ).scalar()
                    or ""
                )
            return f"{person} {code or ''} {judge}".strip()
        if spec.name == "theory_score":
            return f"{person} 理论"
        return f"{spec.name} {person}".strip()

    def _checkins(self) -> None:
        """Two active check-ins of one registration on two devices; one contestant checked in
        at two venues on the same day."""
        if not self.incoming_checkins:
            return
        ci, rt, et = tb.tbl(m.CheckIn), tb.tbl(m.Registration), tb.tbl(m.Event)
        mine = sorted(self.incoming_checkins, key=str)
        regs: set[uuid.UUID] = set()
        for i in range(0, len(mine), CHUNK):
            regs.update(
                self.conn.execute(
                    select(ci.c.registration_id).where(ci.c.id.in_(mine[i : i + CHUNK]))
                )
                .scalars()
                .all()
            )
        contestants: set[uuid.UUID] = set()
        reg_list = sorted(regs, key=str)
        for i in range(0, len(reg_list), CHUNK):
            contestants.update(
                self.conn.execute(
                    select(rt.c.contestant_id).where(rt.c.id.in_(reg_list[i : i + CHUNK]))
                ).scalars()
            )
        rows: list[Any] = []
        cl = sorted(contestants, key=str)
        for i in range(0, len(cl), CHUNK):
            rows += self.conn.execute(
                select(
                    ci.c.id,
                    ci.c.registration_id,
                    ci.c.device_id,
                    ci.c.checked_in_at,
                    rt.c.contestant_id,
                    rt.c.event_id,
                    et.c.venue,
                    et.c.name,
                )
                .join(rt, ci.c.registration_id == rt.c.id)
                .join(et, rt.c.event_id == et.c.id)
                .where(rt.c.contestant_id.in_(cl[i : i + CHUNK]), ci.c.undone_at.is_(None))
            ).all()

        def entry(r: Any) -> dict[str, Any]:
            return {
                "id": str(r[0]),
                "registration_id": str(r[1]),
                "device_id": str(r[2]),
                "checked_in_at": _canon(r[3]),
                "event_id": str(r[5]),
                "venue": r[6],
                "event": r[7],
            }

        def record(group: list[Any], why_zh: str, event_id: uuid.UUID | None) -> None:
            incoming = [r for r in group if r[0] in self.incoming_checkins]
            local = [r for r in group if r[0] not in self.incoming_checkins]
            if not incoming:
                return
            if not local:  # both from this package (relayed from two devices)
                first_dev = sorted({str(r[2]) for r in group})[0]
                local = [r for r in group if str(r[2]) == first_dev]
                incoming = [r for r in group if str(r[2]) != first_dev]
            loc = {
                "id": ",".join(sorted(str(r[0]) for r in local)),
                "checkins": [entry(r) for r in local],
            }
            inc = {
                "id": ",".join(sorted(str(r[0]) for r in incoming)),
                "checkins": [entry(r) for r in incoming],
            }
            fields = {
                "checkin": (
                    "; ".join(f"{r[7]} {r[6]} {_canon(r[3])}" for r in local),
                    "; ".join(f"{r[7]} {r[6]} {_canon(r[3])}" for r in incoming),
                )
            }
            self._conflict(
                CONFLICT_CHECKIN,
                tb.BY_NAME["checkin"],
                loc,
                inc,
                fields,
                event_id=event_id,
                subject=f"{self._person(group[0][1])} {why_zh}",
            )
            self.counts.setdefault("checkin", TableCounts()).conflicts += 1

        by_reg: dict[Any, list[Any]] = defaultdict(list)
        by_day: dict[tuple[Any, date], list[Any]] = defaultdict(list)
        for r in rows:
            by_reg[r[1]].append(r)
            by_day[(r[4], r[3].date())].append(r)
        for reg_id, group in by_reg.items():
            if reg_id in regs and len({r[2] for r in group}) > 1:
                record(group, "在两台设备上检录", group[0][5])
        for _key, group in by_day.items():
            venues = {(r[6] or str(r[5])) for r in group}
            if len(venues) > 1 and any(r[1] in regs for r in group):
                record(group, "同一天在两个赛点检录", None)

    def finish(self) -> list[m.SyncConflict]:
        self._checkins()
        self.s.flush()
        return self.new_conflicts

    def conflict_views(self, rows: list[m.SyncConflict]) -> list[ConflictView]:
        from kmjudge.sync.conflicts import view_of

        return [view_of(self.s, r) for r in rows]


__all__ = ["UNUSABLE_SECRET", "Merge"]
