"""Reading a package's data and audit files into checked Python values."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from kmjudge.sync import tables as tb
from kmjudge.sync.errors import PackageRefused, refuse
from kmjudge.sync.package import OpenPackage

Row = dict[str, Any]


@dataclass
class AuditSegment:
    device_id: uuid.UUID
    entries: list[Row]


@dataclass
class Parsed:
    tables: dict[str, list[Row]]
    audit: dict[uuid.UUID, AuditSegment]

    @property
    def rows(self) -> int:
        return sum(len(v) for v in self.tables.values())


def _bad(name: str, line: int, zh: str, en: str) -> PackageRefused:
    return refuse(
        f"数据包文件 {name} 第 {line} 行：{zh}。数据包未导入。",
        f"{name} line {line}: {en}. The package was not imported.",
        "bad_data",
    )


def _lines(p: OpenPackage, name: str) -> list[str]:
    data = p.read(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(name, 1, "不是 UTF-8 文本", "not UTF-8 text") from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _json(name: str, lineno: int, line: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise _bad(name, lineno, "不是有效的 JSON", "not valid JSON") from exc


def _load_lines(name: str, lines: list[str]) -> list[Any]:
    """The JSON value of every line after the header. Parsed as one JSON array (one call into
    the C parser instead of one a line); if that fails, or the lines do not split into one
    value each, line by line, for a message naming the bad line."""
    body = lines[1:]
    if not body:
        return []
    try:
        arrays = json.loads("[" + ",".join(body) + "]")
        if type(arrays) is list and len(arrays) == len(body):
            return arrays
    except (ValueError, RecursionError):
        pass
    out = []
    for lineno, line in enumerate(body, 2):
        out.append(_json(name, lineno, line))
    return out


def parse_table(p: OpenPackage, name: str, allowed: tuple[str, ...]) -> tuple[str, list[Row]]:
    table = name.removeprefix("data/").removesuffix(".jsonl")
    spec = tb.BY_NAME.get(table)
    if spec is None or table not in allowed:
        raise refuse(
            f"数据包含有本类数据包不应有的数据表 {table}。",
            f"The package holds a table this kind of package may not carry: {table}.",
            "bad_data",
        )
    lines = _lines(p, name)
    if not lines:
        raise _bad(name, 1, "缺少表头", "no header line")
    header = _json(name, 1, lines[0])
    if (
        not isinstance(header, dict)
        or header.get("table") != table
        or not isinstance(header.get("columns"), list)
    ):
        raise _bad(name, 1, "表头格式错误", "malformed header")
    columns = header["columns"]
    if sorted(map(str, columns)) != sorted(spec.column_names) or len(set(columns)) != len(columns):
        unknown = sorted(set(map(str, columns)) - set(spec.column_names))
        raise _bad(
            name,
            1,
            f"列与本软件的数据结构不符（{', '.join(unknown[:5]) or '缺列'}）",
            f"columns do not match this kmjudge's schema ({', '.join(unknown[:5]) or 'missing'})",
        )
    codecs = [tb.BY_NAME[table].columns[spec.column_names.index(c)] for c in columns]
    expected = p.manifest.files[name][2]
    if len(lines) - 1 != expected:
        raise _bad(
            name, len(lines), f"行数 {len(lines) - 1} 与清单 {expected} 不符", "row count differs"
        )
    n = len(codecs)
    names = [c.name for c in codecs]
    arrays = _load_lines(name, lines)
    for lineno, arr in enumerate(arrays, 2):
        if type(arr) is not list or len(arr) != n:
            raise _bad(name, lineno, f"应有 {n} 个值", f"expected {n} values")
    if not arrays:
        return table, []
    # Column by column: one C-level pass per column instead of a Python loop per value. Any
    # failure is located row by row afterwards, for a message naming the line and column.
    columns = list(zip(*arrays, strict=True))
    decoded: list[list[Any] | tuple[Any, ...]] = []
    try:
        for c, col in zip(codecs, columns, strict=True):
            if not c.nullable and None in col:
                raise tb.BadValue("empty")
            if not set(map(type, col)) <= _TEXT:
                # Numbers, true/false, JSON values: decoded one by one (1 == True as a key).
                dec = c.decode
                decoded.append([None if v is None else dec(v) for v in col])
                continue
            # Texts repeat (a mark names its registration, aspect, judge, event, device):
            # each distinct value is checked and decoded once, then looked up.
            distinct = set(col)
            table_ = {v: (None if v is None else c.decode(v)) for v in distinct}
            decoded.append([table_[v] for v in col])
    except (tb.BadValue, TypeError):
        _locate(name, codecs, arrays)
        raise _bad(name, 2, "数据格式错误", "malformed data") from None
    ids = columns[names.index("id")]
    if len(set(map(str, ids))) != len(ids):
        seen: set[str] = set()
        for lineno, rid in enumerate(ids, 2):
            if str(rid) in seen:
                raise _bad(name, lineno, "重复的记录编号", "duplicate id")
            seen.add(str(rid))
    rows: list[Row] = [dict(zip(names, vals, strict=True)) for vals in zip(*decoded, strict=True)]
    return table, rows


_TEXT = {str, type(None)}


def _locate(name: str, codecs: list[tb.Column], arrays: list[Any]) -> None:
    """Raise the refusal for the first bad value, naming its line and column."""
    for lineno, arr in enumerate(arrays, 2):
        for c, v in zip(codecs, arr, strict=True):
            if v is None:
                if not c.nullable:
                    raise _bad(name, lineno, f"{c.name} 不能为空", f"{c.name} may not be empty")
                continue
            try:
                c.decode(v)
            except (tb.BadValue, TypeError) as exc:
                raise _bad(
                    name, lineno, f"{c.name} 的值类型错误（{exc}）", f"{c.name}: {exc}"
                ) from exc


_AUDIT_DECODE = {
    "seq": tb._dec_int,
    "at": tb._dec_str(40),
    "user_id": tb._dec_uuid,
    "username": tb._dec_str(50),
    "action": tb._dec_str(60),
    "entity": tb._dec_str(40),
    "entity_id": tb._dec_str(40),
    "event_id": tb._dec_uuid,
    "before": tb._dec_json,
    "after": tb._dec_json,
    "prev_hash": tb._dec_str(64),
    "hash": tb._dec_str(64),
    "signature": tb._dec_bytes(64),
}
_AUDIT_NULLABLE = {"user_id", "event_id", "before", "after"}
_AUDIT_REPEATING = {"at", "user_id", "username", "action", "entity", "event_id"}


def _locate_audit(name: str, arrays: list[Any]) -> None:
    """Raise the refusal for the first bad audit value, naming its line and column."""
    for lineno, arr in enumerate(arrays, 2):
        for col, v in zip(tb.AUDIT_COLUMNS, arr, strict=True):
            if v is None:
                if col not in _AUDIT_NULLABLE:
                    raise _bad(name, lineno, f"{col} 不能为空", f"{col} may not be empty")
                continue
            try:
                _AUDIT_DECODE[col](v)
            except (tb.BadValue, TypeError) as exc:
                raise _bad(name, lineno, f"{col} 类型错误", f"{col}: {exc}") from exc


def parse_audit(p: OpenPackage, name: str) -> AuditSegment:
    dev_text = name.removeprefix("audit/").removesuffix(".jsonl")
    try:
        dev_id = uuid.UUID(dev_text)
    except ValueError as exc:
        raise _bad(name, 1, "文件名不是设备编号", "file name is not a device id") from exc
    span = p.manifest.audit.get(dev_id)
    if span is None:
        raise _bad(name, 1, "清单未列出该审计段", "audit segment not listed in the manifest")
    lines = _lines(p, name)
    header = _json(name, 1, lines[0]) if lines else None
    if (
        not isinstance(header, dict)
        or header.get("device_id") != str(dev_id)
        or header.get("columns") != list(tb.AUDIT_COLUMNS)
    ):
        raise _bad(name, 1, "审计段表头格式错误", "malformed audit header")
    cols = tb.AUDIT_COLUMNS
    arrays = _load_lines(name, lines)
    for lineno, arr in enumerate(arrays, 2):
        if type(arr) is not list or len(arr) != len(cols):
            raise _bad(name, lineno, "审计记录格式错误", "malformed audit entry")
    # Column by column, each distinct text checked once (user, action, event repeat); the
    # first bad value is then located row by row for the message.
    decoded: list[list[Any]] = []
    for col, values in zip(cols, zip(*arrays, strict=True), strict=True) if arrays else ():
        dec = _AUDIT_DECODE[col]
        nullable = col in _AUDIT_NULLABLE
        try:
            if not nullable and None in values:
                raise tb.BadValue("empty")
            if col in _AUDIT_REPEATING and set(map(type, values)) <= _TEXT:
                table = {v: (None if v is None else dec(v)) for v in set(values)}
                decoded.append([table[v] for v in values])
            else:
                decoded.append([None if v is None else dec(v) for v in values])
        except (tb.BadValue, TypeError):
            _locate_audit(name, arrays)
            raise _bad(name, 2, "审计记录格式错误", "malformed audit entry") from None
    entries: list[Row] = [dict(zip(cols, vals, strict=True)) for vals in zip(*decoded, strict=True)]
    first, last, head = span
    seqs = [e["seq"] for e in entries]
    if (
        not entries
        or seqs != list(range(first, last + 1))
        or entries[-1]["hash"] != head
        or p.manifest.files[name][2] != len(entries)
    ):
        raise _bad(
            name,
            2,
            "审计段的序号或末尾哈希与清单不符",
            "the audit segment's numbers or head hash differ from the manifest",
        )
    return AuditSegment(dev_id, entries)


def parse_all(p: OpenPackage, allowed: tuple[str, ...]) -> Parsed:
    tables: dict[str, list[Row]] = {}
    audit: dict[uuid.UUID, AuditSegment] = {}
    for name in sorted(p.manifest.files):
        if name.startswith("data/"):
            table, rows = parse_table(p, name, allowed)
            tables[table] = rows
        else:
            seg = parse_audit(p, name)
            audit[seg.device_id] = seg
    missing = set(p.manifest.audit) - set(audit)
    if missing:
        raise refuse(
            "清单列出的审计段缺失。",
            "An audit segment listed in the manifest is missing.",
            "bad_member",
        )
    return Parsed(tables, audit)
