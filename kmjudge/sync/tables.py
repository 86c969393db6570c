"""Which tables travel in a package, how their values are written and read back.

Every value is checked on the way in: its JSON type, its length, that a UUID is a UUID, that
a decimal is finite, that a date is a date. A package carries one JSON Lines file per table:
a header line ``{"table": ..., "columns": [...]}`` then one JSON array per row, in that column
order (see docs/package-format.md).
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Table, Text, Uuid

from kmjudge.db import models as m
from kmjudge.db.types import DecimalText, JSONText


class BadValue(ValueError):
    """A value of the wrong type or shape (message in English; the caller adds where)."""


# --------------------------------------------------------------------------- value codecs

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


def _enc_uuid(v: Any) -> Any:
    if v is None:
        return None
    return v.hex if isinstance(v, uuid.UUID) else str(v)


def _enc_decimal(v: Any) -> Any:
    return None if v is None else format(v, "f")


def _enc_dt(v: Any) -> Any:
    return None if v is None else v.isoformat(" ", "microseconds")


def _enc_date(v: Any) -> Any:
    return None if v is None else v.isoformat()


def _enc_bytes(v: Any) -> Any:
    return None if v is None else base64.b64encode(bytes(v)).decode("ascii")


def _enc_plain(v: Any) -> Any:
    return v


# Ids repeat a lot in a package (every mark names its registration, aspect, judge, event and
# device): decoded values are immutable, so one object per distinct text is shared.
_CACHE_LIMIT = 500_000
_HEX32 = re.compile(r"[0-9a-f]{32}")
_uuid_cache: dict[str, uuid.UUID] = {}
_decimal_cache: dict[str, Decimal] = {}


class HexUUID(uuid.UUID):
    """A UUID that remembers the 32 hex digits it was read from: writing it to SQLite (which
    stores exactly that text) costs no formatting. Equal to, and hashes like, a plain UUID."""

    __slots__ = ("_hex",)

    @property
    def hex(self) -> str:
        return self._hex  # type: ignore[attr-defined]

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Pickled between the importing process and its read-ahead helper: rebuilt from the
        # hex text (uuid.UUID's own pickling keeps only the number).
        return (_new_uuid, (self._hex,))  # type: ignore[attr-defined]


def _new_uuid(v: str) -> uuid.UUID:
    if len(v) == 32 and _HEX32.fullmatch(v):
        # uuid.UUID() validates at length in Python; the pattern did that already.
        u = object.__new__(HexUUID)
        object.__setattr__(u, "int", int(v, 16))
        object.__setattr__(u, "is_safe", uuid.SafeUUID.unknown)
        object.__setattr__(u, "_hex", v)
        return u
    try:
        return uuid.UUID(v)
    except ValueError as exc:
        raise BadValue(f"not a UUID: {v[:40]!r}") from exc


def _dec_uuid(v: Any) -> uuid.UUID:
    u = _uuid_cache.get(v) if type(v) is str else None
    if u is not None:
        return u
    if not isinstance(v, str) or len(v) not in (32, 36):
        raise BadValue(f"not a UUID: {str(v)[:40]!r}")
    u = _new_uuid(v)
    if len(_uuid_cache) > _CACHE_LIMIT:
        _uuid_cache.clear()
    _uuid_cache[v] = u
    return u


def _dec_decimal(v: Any) -> Decimal:
    d = _decimal_cache.get(v) if type(v) is str else None
    if d is not None:
        return d
    d = _dec_decimal_new(v)
    if len(_decimal_cache) > _CACHE_LIMIT:
        _decimal_cache.clear()
    _decimal_cache[v] = d
    return d


def _dec_decimal_new(v: Any) -> Decimal:
    if not isinstance(v, str) or len(v) > 40:
        raise BadValue(f"not a decimal text: {str(v)[:40]!r}")
    try:
        d = Decimal(v)
    except InvalidOperation as exc:
        raise BadValue(f"not a decimal: {v!r}") from exc
    if not d.is_finite():
        raise BadValue(f"not a finite decimal: {v!r}")
    return d


def _dec_dt(v: Any) -> datetime:
    if not isinstance(v, str) or len(v) > 40:
        raise BadValue(f"not a date-time: {str(v)[:40]!r}")
    try:
        d = datetime.fromisoformat(v)
    except ValueError as exc:
        raise BadValue(f"not a date-time: {v!r}") from exc
    if d.tzinfo is not None:
        raise BadValue(f"date-time must be naive UTC: {v!r}")
    return d


def _dec_date(v: Any) -> date:
    if not isinstance(v, str) or len(v) != 10:
        raise BadValue(f"not a date: {str(v)[:40]!r}")
    try:
        return date.fromisoformat(v)
    except ValueError as exc:
        raise BadValue(f"not a date: {v!r}") from exc


def _dec_int(v: Any) -> int:
    if type(v) is not int or not -(2**31) <= v < 2**31:
        raise BadValue(f"not an integer: {str(v)[:40]!r}")
    return v


def _dec_bool(v: Any) -> bool:
    if type(v) is not bool:
        raise BadValue(f"not true/false: {str(v)[:40]!r}")
    return v


def _dec_str(limit: int | None) -> Decode:
    def dec(v: Any) -> str:
        if not isinstance(v, str):
            raise BadValue(f"not text: {str(v)[:40]!r}")
        if limit is not None and len(v) > limit:
            raise BadValue(f"text longer than {limit} characters")
        return v

    return dec


def _dec_bytes(limit: int | None) -> Decode:
    def dec(v: Any) -> bytes:
        if not isinstance(v, str):
            raise BadValue("not base64 text")
        try:
            raw = base64.b64decode(v, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadValue("not base64 text") from exc
        if limit is not None and len(raw) > limit:
            raise BadValue(f"more than {limit} bytes")
        return raw

    return dec


def _dec_json(v: Any) -> Any:
    return v  # any JSON value (json.loads bounded the size already)


@dataclass(frozen=True)
class Column:
    name: str
    nullable: bool
    encode: Encode
    decode: Decode


def column_codec(table: Table, name: str) -> Column:
    col = table.c[name]
    t = col.type
    enc: Encode
    dec: Decode
    if isinstance(t, Uuid):
        enc, dec = _enc_uuid, _dec_uuid
    elif isinstance(t, DecimalText):
        enc, dec = _enc_decimal, _dec_decimal
    elif isinstance(t, JSONText):
        enc, dec = _enc_plain, _dec_json
    elif isinstance(t, DateTime):
        enc, dec = _enc_dt, _dec_dt
    elif isinstance(t, Date):
        enc, dec = _enc_date, _dec_date
    elif isinstance(t, Boolean):
        enc, dec = _enc_plain, _dec_bool
    elif isinstance(t, Integer):
        enc, dec = _enc_plain, _dec_int
    elif isinstance(t, LargeBinary):
        enc, dec = _enc_bytes, _dec_bytes(t.length or 10_000_000)
    elif isinstance(t, String | Text):
        enc, dec = _enc_plain, _dec_str(getattr(t, "length", None))
    else:  # pragma: no cover - a new column type needs a codec
        raise TypeError(f"no codec for {table.name}.{name} ({t!r})")
    return Column(name, bool(col.nullable), enc, dec)


# --------------------------------------------------------------------------- table specs


def tbl(model: Any) -> Table:
    """A model's Core table (typed for mypy)."""
    return cast(Table, model.__table__)


@dataclass(frozen=True)
class TableSpec:
    name: str
    table: Table
    columns: tuple[Column, ...]
    #: column -> referenced table (for remapping ids and checking references)
    refs: dict[str, str]
    #: the column rows are grouped by for incremental exports (None: the row's own id)
    chunk: str | None
    #: natural keys that mean "the same thing" when the ids differ (created on two devices)
    alias_keys: tuple[tuple[str, ...], ...] = ()
    #: unique keys that must not clash (a clash that is not an alias refuses the package)
    unique_keys: tuple[tuple[str, ...], ...] = ()
    #: has a ``version`` that every change increments
    versioned: bool = False
    #: columns not compared (bookkeeping that differs between machines)
    ignore: frozenset[str] = frozenset()
    #: values that count as "not filled in yet" for the fill-in merge of unversioned rows
    empty: dict[str, frozenset[Any]] = field(default_factory=dict)
    #: part of the set-up (small; always sent whole for the exported events)
    setup: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _spec(
    model: Any,
    *,
    exclude: tuple[str, ...] = (),
    refs: dict[str, str] | None = None,
    chunk: str | None = None,
    alias: tuple[tuple[str, ...], ...] = (),
    unique: tuple[tuple[str, ...], ...] = (),
    ignore: tuple[str, ...] = (),
    empty: dict[str, frozenset[Any]] | None = None,
    setup: bool = False,
) -> TableSpec:
    table: Table = model.__table__
    cols = tuple(column_codec(table, c.name) for c in table.columns if c.name not in exclude)
    return TableSpec(
        name=table.name,
        table=table,
        columns=cols,
        refs=refs or {},
        chunk=chunk,
        alias_keys=alias,
        unique_keys=unique,
        versioned="version" in table.c and "version" not in exclude,
        ignore=frozenset(ignore),
        empty=empty or {},
        setup=setup,
    )


#: In dependency order (a row's references come before it).
TABLES: tuple[TableSpec, ...] = (
    _spec(
        m.User,
        exclude=("secret_hash", "failed_attempts", "locked_until", "last_login_at"),
        ignore=("username", "active", "roles", "display_name", "employer", "version"),
    ),
    _spec(m.Competition, alias=(("name", "year"),), ignore=("created_at",), setup=True),
    _spec(m.Trade, alias=(("name", "grade"),), setup=True),
    _spec(
        m.Contestant,
        alias=(("id_number",),),
        ignore=("created_at", "updated_at", "photo"),
    ),
    _spec(
        m.Event,
        refs={
            "competition_id": "competition",
            "trade_id": "trade",
            "locked_by": "app_user",
            "origin_device_id": "device",
        },
        ignore=("created_at",),
        setup=True,
    ),
    _spec(
        m.Criterion,
        refs={"event_id": "event", "locked_by": "app_user"},
        unique=(("event_id", "code"),),
        setup=True,
    ),
    _spec(m.SubCriterion, refs={"criterion_id": "criterion"}, setup=True),
    _spec(
        m.Aspect,
        refs={"event_id": "event", "subcriterion_id": "subcriterion"},
        unique=(("event_id", "code"),),
        setup=True,
    ),
    _spec(
        m.Registration,
        refs={"event_id": "event", "contestant_id": "contestant"},
        chunk="id",
        alias=(("event_id", "contestant_id"),),
        unique=(("event_id", "ticket_no"), ("event_id", "station_no")),
        ignore=("created_at", "updated_at"),
    ),
    _spec(
        m.Ticket,
        refs={"registration_id": "registration", "issued_by": "app_user"},
        chunk="registration_id",
        alias=(("registration_id", "serial"),),
    ),
    _spec(
        m.CheckIn,
        refs={
            "registration_id": "registration",
            "device_id": "device",
            "user_id": "app_user",
            "undone_by": "app_user",
        },
        chunk="registration_id",
    ),
    _spec(
        m.Scan,
        refs={
            "event_id": "event",
            "registration_id": "registration",
            "device_id": "device",
            "user_id": "app_user",
        },
        chunk="event_id",
    ),
    _spec(
        m.JudgeAssignment,
        refs={
            "event_id": "event",
            "user_id": "app_user",
            "criterion_id": "criterion",
            "aspect_id": "aspect",
        },
        chunk="event_id",
    ),
    _spec(
        m.JudgeExclusion,
        refs={"user_id": "app_user", "registration_id": "registration"},
        chunk="registration_id",
        alias=(("user_id", "registration_id"),),
    ),
    _spec(
        m.ScoreSheet,
        refs={"event_id": "event", "judge_id": "app_user", "criterion_id": "criterion"},
        chunk="event_id",
        alias=(("code",),),
    ),
    _spec(
        m.Score,
        refs={
            "event_id": "event",
            "registration_id": "registration",
            "aspect_id": "aspect",
            "judge_id": "app_user",
            "entered_by": "app_user",
            "confirmed_by": "app_user",
            "device_id": "device",
        },
        chunk="registration_id",
        alias=(("registration_id", "aspect_id", "judge_id"),),
        ignore=("entered_at", "confirmed_at"),
    ),
    _spec(
        m.SheetEntry,
        refs={
            "sheet_id": "score_sheet",
            "registration_id": "registration",
            "aspect_id": "aspect",
            "clerk_id": "app_user",
        },
        chunk="registration_id",
        alias=(("sheet_id", "registration_id", "aspect_id", "pass_no"),),
        ignore=("entered_at",),
    ),
    _spec(
        m.TheoryScore,
        refs={"registration_id": "registration", "imported_by": "app_user"},
        chunk="registration_id",
        alias=(("registration_id",),),
        ignore=("imported_at",),
    ),
    _spec(
        m.Recheck,
        refs={"event_id": "event", "registration_id": "registration", "checked_by": "app_user"},
        chunk="registration_id",
    ),
    _spec(
        m.Appeal,
        refs={"event_id": "event", "registration_id": "registration", "decided_by": "app_user"},
        chunk="event_id",
        empty={"outcome": frozenset({"pending"})},
    ),
    _spec(
        m.Certificate,
        refs={"registration_id": "registration", "issued_by": "app_user"},
        chunk="registration_id",
        unique=(("number",),),
    ),
    _spec(
        m.PrintLog,
        refs={
            "event_id": "event",
            "certificate_id": "certificate",
            "user_id": "app_user",
            "device_id": "device",
        },
        chunk="event_id",
    ),
)

BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}

#: A set-up package (city office -> venue, admin laptop -> judges' laptops) carries these.
SETUP_TABLES = (
    "app_user",
    "competition",
    "trade",
    "contestant",
    "event",
    "criterion",
    "subcriterion",
    "aspect",
    "registration",
    "ticket",
    "judge_assignment",
)

#: Registration-bound tables whose rows of one registration are one chunk.
EVENT_SCOPED = {
    "registration": "event_id",
    "scan": "event_id",
    "judge_assignment": "event_id",
    "score_sheet": "event_id",
    "score": "event_id",
    "recheck": "event_id",
    "appeal": "event_id",
    "print_log": "event_id",
}

#: The audit segment's columns (one file per device: ``audit/<device id>.jsonl``).
AUDIT_COLUMNS = (
    "seq",
    "at",
    "user_id",
    "username",
    "action",
    "entity",
    "entity_id",
    "event_id",
    "before",
    "after",
    "prev_hash",
    "hash",
    "signature",
)
