"""Rows against the chain: the data itself edited behind the app's back.

``audit.verify`` proves that nobody touched the audit entries. This module compares the rows
that matter with what those entries say about them (``kmjudge.audit.verify_records``, part
of ``kmjudge audit verify`` and ``kmjudge db check``):

- **marks** (``score``): value and version equal the newest entry of the mark;
- **check-ins**: every row is matched by an audited check-in of that contestant, and a
  check-in is undone exactly when the chain says so;
- **theory scores**: equal the newest value a theory import (or a resolved package conflict)
  recorded for the registration. On an event whose theory scores came in through the app, a
  theory score that no import names was written behind its back, and one the chain records
  cannot vanish;
- **registrations**: status and station equal the newest entry that states them (a check-in
  or its undoing, a withdrawal or disqualification, the no-show marking, the station draw, a
  resolved package conflict). A registration nothing has changed since it was imported is
  not compared: an import entry states no status and no station;
- **who a registration is** (name and ID number): a registration that a registration import or
  a walk-in names is compared with it. The ID number (masked as the entry has it, first four
  and last four characters) equals the newest entry's, so pointing a registration at another
  person, or editing a person's ID number, is found; the name equals the newest name the chain
  gives the person (over all their registrations, and a resolved package conflict on the
  person, or a package import that changed the name: a set-up package carries no entries,
  so the import's own entry lists whom it renamed), so a result or certificate cannot be
  moved to another name in SQLite. Entries
  written before the ID number was recorded (older versions) compare the name only;
- **certificates**: every certificate is in the print entry that issued it
  (``certificate.print``), is revoked exactly when a ``certificate.revoke`` entry says so (a
  revocation undone in SQLite would make a withdrawn certificate verify as valid again), and
  its row agrees with its own signed QR token: the signature verifies with a known device's
  key, and number, award, title flag, event and the holder's name (the current name or one
  the chain gave the person) are the token's;
- **locks**: a criterion or event the chain ever locked or unlocked is locked exactly when
  the newest of those entries says so (an unlock written directly into the database, to
  change marks after the lock, is found).

Entries are ordered by their time (UTC with microseconds), then device and sequence number.
Rows in an *open* package conflict (city office) are compared again once the conflict is
resolved: until then the conflict itself lists them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge.audit import ChainProblem
from kmjudge.db import models
from kmjudge.db.models import (
    AuditEntry,
    Certificate,
    CheckIn,
    Contestant,
    Criterion,
    Event,
    Registration,
    Score,
    TheoryScore,
)
from kmjudge.judging.review import decimal_or_none
from kmjudge.registration.idcard import mask_id

if TYPE_CHECKING:
    from kmjudge.db.engine import Database

Key = tuple[str, str, int]  # (at, device id, seq): the order of entries

#: the columns of an audit entry the rules read (``before`` only where needed)
ENTRY_COLUMNS = (
    AuditEntry.device_id,
    AuditEntry.seq,
    AuditEntry.id,
    AuditEntry.at,
    AuditEntry.action,
    AuditEntry.entity,
    AuditEntry.entity_id,
    AuditEntry.event_id,
    AuditEntry.after,
)

LOCK_ACTIONS = (
    "judging.lock_criterion",
    "judging.unlock_criterion",
    "judging.lock_event",
    "judging.unlock_event",
)


def _key(e: Any) -> Key:
    return (str(e.at), str(e.device_id), int(e.seq))


def _after(e: Any) -> dict[str, Any]:
    return e.after if isinstance(e.after, dict) else {}


def _problem(e: Any | None, kind: str, zh: str, en: str) -> ChainProblem:
    if e is None:
        return ChainProblem("", None, None, kind, zh, en)
    return ChainProblem(str(e.device_id), e.seq, e.id, kind, zh, en)


def _station(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


@dataclass
class _Conflicts:
    """Package conflicts (city office) and the entries that resolved them."""

    #: conflict id -> (resolution entry, its ``changed``)
    resolved: dict[str, tuple[Any, dict[str, Any]]] = field(default_factory=dict)
    rows: list[Any] = field(default_factory=list)

    def of_table(self, *tables: str) -> list[Any]:
        return [c for c in self.rows if c.table_name in tables]

    def settled(self, table: str, name: str) -> tuple[set[str], dict[str, tuple[Key, Any, Any]]]:
        """Conflicts on ``table``: the local rows still open, and for each resolved one the
        value of column ``name`` it ended with (taken from the package, or kept: a kept row
        records no columns), with the order and the entry of the resolution."""
        open_rows: set[str] = set()
        settled: dict[str, tuple[Key, Any, Any]] = {}
        for c in self.of_table(table):
            res = self.resolved.get(str(c.id))
            if res is None:
                open_rows.add(str(c.local_id))
                continue
            entry, changed = res
            local = c.local if isinstance(c.local, dict) else {}
            settled[str(c.local_id)] = (_key(entry), changed.get(name, local.get(name)), entry)
        return open_rows, settled


def _conflicts(s: Session) -> _Conflicts:
    out = _Conflicts()
    for e in s.execute(select(*ENTRY_COLUMNS).where(AuditEntry.action == "sync.conflict_resolved")):
        out.resolved[str(e.entity_id)] = (e, _after(e).get("changed") or {})
    sync_conflict = getattr(models, "SyncConflict", None)
    if sync_conflict is not None:
        out.rows = list(
            s.execute(
                select(
                    sync_conflict.id,
                    sync_conflict.kind,
                    sync_conflict.table_name,
                    sync_conflict.local_id,
                    sync_conflict.incoming_id,
                    sync_conflict.fields,
                    sync_conflict.local,
                    sync_conflict.status,
                    sync_conflict.resolution,
                )
            )
        )
    return out


def verify_records(db: Database) -> list[ChainProblem]:
    """Every row that disagrees with the audit chain (see the module docstring)."""
    with db.read() as s:
        conflicts = _conflicts(s)
        problems = _scores(s, conflicts)
        problems += _checkins(s, conflicts)
        problems += _theory(s, conflicts)
        problems += _registrations(s, conflicts)
        said = _identity_statements(s)
        problems += _identities(s, conflicts, said)
        problems += _certificates(s, conflicts, said)
        problems += _locks(s, conflicts)
    return problems


# --------------------------------------------------------------------------- marks


def _scores(s: Session, conflicts: _Conflicts) -> list[ChainProblem]:
    # Conflicts resolved after a package import change marks under a "sync.conflict_resolved"
    # entry (entity: the conflict) instead of a score entry.
    conflict_marks: dict[str, dict[str, Any]] = {
        str(c.local_id): conflicts.resolved[str(c.id)][1]
        for c in conflicts.of_table("score")
        if str(c.id) in conflicts.resolved
    }
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
    problems: list[ChainProblem] = []
    newest: dict[str, tuple[int, Any]] = {}
    for row in score_entries:
        version = _after(row).get("version")
        if isinstance(version, int) and (
            row.entity_id not in newest or version >= newest[row.entity_id][0]
        ):
            newest[row.entity_id] = (version, row)
    for sid, value, version in scores:
        found = newest.get(str(sid))
        if found is None:
            problems.append(
                _problem(
                    None,
                    "row_inserted",
                    f"评分 {sid} 没有任何审计记录：它是绕过软件直接写入数据库的。",
                    f"Mark {sid} has no audit entry: it was written into the database "
                    "behind the app's back.",
                )
            )
            continue
        a_version, entry = found
        a_value = decimal_or_none(_after(entry).get("value"))
        changed = conflict_marks.get(str(sid))
        if changed is not None:  # a resolved conflict: its value, and a newer version
            a_value = decimal_or_none(changed["value"]) if "value" in changed else a_value
            a_version = changed.get("version", version) if version > a_version else a_version
        if a_version != version or a_value != value:
            shown = _after(entry).get("value")
            problems.append(
                _problem(
                    entry,
                    "row_edited",
                    f"评分 {sid} 现为 {value}（第 {version} 版），但审计记录第 {entry.seq} 条"
                    f"记的是 {shown}（第 {a_version} 版）：数据库被直接修改过。",
                    f"Mark {sid} is {value} (version {version}) but audit entry seq "
                    f"{entry.seq} records {shown} (version {a_version}): "
                    "the database was edited directly.",
                )
            )
    return problems


# --------------------------------------------------------------------------- check-ins


def _checkins(s: Session, conflicts: _Conflicts) -> list[ChainProblem]:
    checkins = s.execute(select(CheckIn.id, CheckIn.registration_id, CheckIn.undone_at)).all()
    reg_entries = s.execute(
        select(*ENTRY_COLUMNS).where(
            AuditEntry.entity == "registration", AuditEntry.action.like("checkin.%")
        )
    ).all()
    problems: list[ChainProblem] = []
    admitted: dict[str, list[Any]] = {}
    undone: set[str] = {
        str(c) for _e, ch in conflicts.resolved.values() for c in ch.get("undone_checkins", [])
    }
    for row in reg_entries:
        after = _after(row)
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
        seq = last.seq if last else None
        if len(rows) > len(entries):
            problems.append(
                _problem(
                    last,
                    "row_inserted",
                    f"选手 {reg_id} 有 {len(rows)} 条检录记录，但审计链只记了 {len(entries)} 次"
                    "检录：有检录是绕过软件直接写入的。",
                    f"Registration {reg_id} has {len(rows)} check-in rows but the audit chain "
                    f"records {len(entries)} check-in(s): one was written behind the app's back.",
                )
            )
        elif len(rows) < len(entries):
            problems.append(
                _problem(
                    last,
                    "row_deleted",
                    f"审计记录第 {seq} 条记载了选手 {reg_id} 的检录，但检录记录被直接删除了。",
                    f"Audit entry seq {seq} records the check-in of registration {reg_id}, "
                    "but its check-in row was deleted directly.",
                )
            )
        for row in rows:
            if (str(row.id) in undone) != (row.undone_at is not None):
                problems.append(
                    _problem(
                        last,
                        "row_edited",
                        f"检录记录 {row.id} 的“已撤销”状态与审计链不符：数据库被直接修改过。",
                        f"Check-in {row.id} is {'not ' if row.undone_at is None else ''}undone "
                        "contrary to the audit chain: the database was edited directly.",
                    )
                )
    return problems


# --------------------------------------------------------------------------- theory scores


def _theory(s: Session, conflicts: _Conflicts) -> list[ChainProblem]:
    rows = s.execute(
        select(
            TheoryScore.id,
            TheoryScore.registration_id,
            TheoryScore.value,
            Registration.event_id,
            Registration.ticket_no,
        ).join(Registration, Registration.id == TheoryScore.registration_id)
    ).all()
    entries = s.execute(select(*ENTRY_COLUMNS).where(AuditEntry.action == "theory.import")).all()
    # registration -> (order, value as the chain has it, the entry)
    newest: dict[str, tuple[Key, Any, Any]] = {}
    imported_events: set[str] = set()
    for e in entries:
        if e.event_id is not None:
            imported_events.add(str(e.event_id))
        for line in _after(e).get("rows") or []:
            if not isinstance(line, dict) or "registration" not in line:
                continue
            reg = str(line["registration"])
            if reg not in newest or _key(e) >= newest[reg][0]:
                newest[reg] = (_key(e), line.get("new"), e)
    # conflicts on a theory score: open ones are not compared; resolved ones end with the
    # value taken (incoming) or kept (local), at the time of the resolution
    open_rows, settled_rows = conflicts.settled("theory_score", "value")
    problems: list[ChainProblem] = []
    present: set[str] = set()
    for tid, reg_id, value, event_id, ticket in rows:
        reg = str(reg_id)
        present.add(reg)
        if str(tid) in open_rows:
            continue
        found = newest.get(reg)
        settled = settled_rows.get(str(tid))
        if settled is not None and (found is None or settled[0] > found[0]):
            found = settled
        if found is None:
            if str(event_id) in imported_events:
                problems.append(
                    _problem(
                        None,
                        "row_inserted",
                        f"准考证号 {ticket} 的理论成绩 {value} 不在任何一次理论成绩导入的审计"
                        "记录中：它是绕过软件直接写入数据库的。",
                        f"The theory score {value} of ticket {ticket} is in no audited theory "
                        "import: it was written into the database behind the app's back.",
                    )
                )
            continue
        _order, recorded, entry = found
        if decimal_or_none(recorded) != value:
            problems.append(
                _problem(
                    entry,
                    "row_edited",
                    f"准考证号 {ticket} 的理论成绩现为 {value}，但审计记录第 {entry.seq} 条记的是 "
                    f"{recorded}：数据库被直接修改过。",
                    f"The theory score of ticket {ticket} is {value} but audit entry seq "
                    f"{entry.seq} records {recorded}: the database was edited directly.",
                )
            )
    if newest:
        known = {str(r): t for r, t in s.execute(select(Registration.id, Registration.ticket_no))}
        for reg in sorted((set(known) & set(newest)) - present):
            _k, recorded, entry = newest[reg]
            problems.append(
                _problem(
                    entry,
                    "row_deleted",
                    f"审计记录第 {entry.seq} 条记载了准考证号 {known[reg]} 的理论成绩 {recorded}，"
                    "但该成绩被直接删除了。",
                    f"Audit entry seq {entry.seq} records the theory score {recorded} of ticket "
                    f"{known[reg]}, but the score was deleted directly.",
                )
            )
    return problems


# --------------------------------------------------------------------------- registrations

_UNDO = object()  # a conflict resolution undid check-ins: "registered" unless one is left


@dataclass
class _Said:
    """What the chain last said about one field of one row."""

    key: Key
    value: Any
    entry: Any


def _registration_timeline(
    s: Session, conflicts: _Conflicts
) -> tuple[dict[tuple[str, str], list[_Said]], set[tuple[str, str]]]:
    """(registration id, "status" | "station") -> what entries said, in order; and the
    fields in an open package conflict."""
    said: dict[tuple[str, str], list[_Said]] = {}

    def add(reg: object, name: str, key: Key, value: Any, entry: Any) -> None:
        said.setdefault((str(reg), name), []).append(_Said(key, value, entry))

    for e in s.execute(
        select(*ENTRY_COLUMNS).where(
            (AuditEntry.entity == "registration")
            | AuditEntry.action.in_(("checkin.mark_absent", "checkin.draw_all"))
        )
    ):
        after, key = _after(e), _key(e)
        if e.entity == "registration":
            # check-ins and their undoing state both; status changes state the status
            if "status" in after:
                add(e.entity_id, "status", key, after["status"], e)
            if "station" in after and e.action.startswith("checkin."):
                add(e.entity_id, "station", key, _station(after["station"]), e)
        elif e.action == "checkin.mark_absent":
            for reg in after.get("registrations") or []:
                add(reg, "status", key, "absent", e)
        else:  # checkin.draw_all
            for line in after.get("result") or []:
                if isinstance(line, dict) and "registration" in line:
                    add(line["registration"], "station", key, _station(line.get("station")), e)

    open_fields: set[tuple[str, str]] = set()
    names = {"status": "status", "station_no": "station"}
    for c in conflicts.of_table("registration"):
        fields = [names[f] for f in (c.fields or {}) if f in names]
        res = conflicts.resolved.get(str(c.id))
        clash = fields == ["station"] and c.local_id != c.incoming_id
        if res is None:
            for name in fields:  # the incoming registration of a station clash has none
                open_fields.add((str(c.incoming_id if clash else c.local_id), name))
            continue
        entry, changed = res
        key = _key(entry)
        local = c.local if isinstance(c.local, dict) else {}
        taken = c.resolution == "take_incoming"
        if clash:  # the station went to the incoming registration, or it stays without
            add(c.incoming_id, "station", key, _station(changed.get("station_no")), entry)
            if taken:
                add(c.local_id, "station", key, None, entry)
            continue
        for column, name in names.items():
            if name in fields:
                value = changed.get(column) if taken else local.get(column)
                add(c.local_id, name, key, _station(value) if name == "station" else value, entry)
    for entry, changed in conflicts.resolved.values():  # check-ins undone by a resolution
        undone = changed.get("undone_checkins") if isinstance(changed, dict) else None
        if not undone:
            continue
        ids = [uuid.UUID(str(i)) for i in undone]
        for reg in set(s.scalars(select(CheckIn.registration_id).where(CheckIn.id.in_(ids)))):
            add(reg, "status", _key(entry), _UNDO, entry)
    return said, open_fields


def _registrations(s: Session, conflicts: _Conflicts) -> list[ChainProblem]:
    said, open_fields = _registration_timeline(s, conflicts)
    if not said:
        return []
    active = {
        str(r)
        for r in s.scalars(select(CheckIn.registration_id).where(CheckIn.undone_at.is_(None)))
    }
    problems: list[ChainProblem] = []
    for reg_id, status, station, ticket in s.execute(
        select(
            Registration.id, Registration.status, Registration.station_no, Registration.ticket_no
        )
    ):
        reg = str(reg_id)
        for name, stored in (("status", status), ("station", station)):
            if (reg, name) in open_fields or (reg, name) not in said:
                continue
            expected: Any = None
            last: _Said | None = None
            for x in sorted(said[(reg, name)], key=lambda x: x.key):
                if x.value is _UNDO:
                    if expected == "checked_in" and reg not in active:
                        expected = "registered"
                else:
                    expected = x.value
                last = x
            assert last is not None
            if stored == expected:
                continue
            what_zh = "状态" if name == "status" else "工位号"
            what_en = "status" if name == "status" else "station"
            shown = "无" if expected is None else expected
            problems.append(
                _problem(
                    last.entry,
                    "row_edited",
                    f"准考证号 {ticket} 的{what_zh}现为 {'无' if stored is None else stored}，"
                    f"但审计记录第 {last.entry.seq} 条记的是 {shown}：数据库被直接修改过。",
                    f"The {what_en} of ticket {ticket} is {stored} but audit entry seq "
                    f"{last.entry.seq} records {expected}: the database was edited directly.",
                )
            )
    return problems


# --------------------------------------------------------------------------- identities

IDENTITY_ACTIONS = ("registration.import", "registration.walkin")
RENAMES = "package.import"  # its ``renamed``: contestant id -> the name a package gave


@dataclass
class _Person:
    """What the chain says of one registration's person."""

    key: Key
    name: Any
    masked_id: Any
    entry: Any


def _renames(s: Session) -> dict[str, list[_Person]]:
    """contestant id -> the names package imports gave the person."""
    out: dict[str, list[_Person]] = {}
    for e in s.execute(select(*ENTRY_COLUMNS).where(AuditEntry.action == RENAMES)):
        renamed = _after(e).get("renamed")
        if isinstance(renamed, dict):
            for cid, name in renamed.items():
                out.setdefault(str(cid), []).append(_Person(_key(e), name, None, e))
    return out


def _person_names(s: Session, conflicts: _Conflicts) -> tuple[dict[str, list[_Person]], set[str]]:
    """contestant id -> the names package imports and resolved package conflicts gave the
    person; and the people in an open conflict."""
    names = _renames(s)
    open_people, settled = conflicts.settled("contestant", "name")
    for cid, (key, name, entry) in settled.items():
        if name is not None:
            names.setdefault(cid, []).append(_Person(key, name, None, entry))
    return names, open_people


def _identity_statements(s: Session) -> dict[str, list[_Person]]:
    """registration id -> what registration imports and walk-ins said of its person."""
    said: dict[str, list[_Person]] = {}
    for e in s.execute(select(*ENTRY_COLUMNS).where(AuditEntry.action.in_(IDENTITY_ACTIONS))):
        after, key = _after(e), _key(e)
        if e.action == "registration.walkin":
            said.setdefault(str(e.entity_id), []).append(
                _Person(key, after.get("name"), after.get("id"), e)
            )
            continue
        for line in after.get("rows") or []:
            if (
                isinstance(line, dict)
                and line.get("action") in ("new", "update")
                and "registration" in line
            ):
                said.setdefault(str(line["registration"]), []).append(
                    _Person(key, line.get("name"), line.get("id"), e)
                )
    return said


def _identities(
    s: Session, conflicts: _Conflicts, said: dict[str, list[_Person]]
) -> list[ChainProblem]:
    if not said:
        return []
    rows = [
        r
        for r in s.execute(
            select(
                Registration.id,
                Registration.contestant_id,
                Registration.ticket_no,
                Contestant.name,
                Contestant.id_number,
            ).join(Contestant, Contestant.id == Registration.contestant_id)
        )
        if str(r.id) in said
    ]
    # A name belongs to the person: the newest name any of their registrations was given, a
    # package import gave them, or a resolved package conflict on them settled; an open
    # conflict is listed by itself.
    names, open_people = _person_names(s, conflicts)
    for r in rows:
        names.setdefault(str(r.contestant_id), []).extend(said[str(r.id)])
    problems: list[ChainProblem] = []
    for r in rows:
        mine = sorted(said[str(r.id)], key=lambda x: x.key)
        with_id = [x for x in mine if x.masked_id]
        now_masked = mask_id(r.id_number or "")
        if with_id and with_id[-1].masked_id != now_masked:
            last = with_id[-1]
            problems.append(
                _problem(
                    last.entry,
                    "row_edited",
                    f"准考证号 {r.ticket_no} 的选手身份证号现为 {now_masked}，但审计记录第 "
                    f"{last.entry.seq} 条记的是 {last.masked_id}：报名被直接改指向了他人，"
                    "或身份证号被直接修改过。",
                    f"The contestant of ticket {r.ticket_no} has ID number {now_masked} but "
                    f"audit entry seq {last.entry.seq} records {last.masked_id}: the "
                    "registration was pointed at another person, or the ID number edited, "
                    "in the database directly.",
                )
            )
            continue
        if str(r.contestant_id) in open_people:
            continue
        newest = max(names[str(r.contestant_id)], key=lambda x: x.key)
        if newest.name is None or newest.name == r.name:
            continue
        problems.append(
            _problem(
                newest.entry,
                "row_edited",
                f"准考证号 {r.ticket_no} 的选手姓名现为“{r.name}”，但审计记录第 "
                f"{newest.entry.seq} 条记的是“{newest.name}”：姓名被直接修改过。",
                f"The contestant of ticket {r.ticket_no} is named {r.name!r} but audit entry "
                f"seq {newest.entry.seq} records {newest.name!r}: the name was edited in the "
                "database directly.",
            )
        )
    return problems


# --------------------------------------------------------------------------- certificates


def _certificates(
    s: Session, conflicts: _Conflicts, said: dict[str, list[_Person]]
) -> list[ChainProblem]:
    from kmjudge.certificates import token as token_mod

    certs = s.execute(
        select(
            Certificate.id,
            Certificate.number,
            Certificate.registration_id,
            Certificate.award,
            Certificate.title,
            Certificate.token,
            Certificate.revoked_at,
            Registration.event_id,
            Registration.contestant_id,
            Contestant.name,
        )
        .join(Registration, Registration.id == Certificate.registration_id)
        .join(Contestant, Contestant.id == Registration.contestant_id)
    ).all()
    if not certs:
        return []
    printed: dict[str, Any] = {}  # number -> the print entry that issued it
    truncated: set[str] = set()  # events whose print entries list 2,000 numbers (a cut list)
    revoked: dict[str, Any] = {}  # certificate id -> its revoke entry
    for e in s.execute(
        select(*ENTRY_COLUMNS).where(
            AuditEntry.action.in_(("certificate.print", "certificate.revoke"))
        )
    ):
        if e.action == "certificate.revoke":
            revoked[str(e.entity_id)] = e
            continue
        numbers = _after(e).get("numbers") or []
        if len(numbers) >= 2000:
            truncated.add(str(e.event_id))
        for n in numbers:
            printed.setdefault(str(n), e)
    person_names, _open = _person_names(s, conflicts)
    keys: dict[bytes, list[bytes]] = {}
    for (key,) in s.execute(select(models.Device.public_key)):
        if key:
            keys.setdefault(token_mod.key_id(bytes(key)), []).append(bytes(key))
    problems: list[ChainProblem] = []

    def edited(entry: Any, number: str, zh: str, en: str) -> None:
        problems.append(
            _problem(
                entry,
                "row_edited",
                f"证书 {number}：{zh}：数据库被直接修改过。",
                f"Certificate {number}: {en}: the database was edited directly.",
            )
        )

    for c in certs:
        entry = printed.get(c.number)
        if entry is None and str(c.event_id) not in truncated:
            problems.append(
                _problem(
                    None,
                    "row_inserted",
                    f"证书 {c.number} 不在任何一次发证的审计记录中：它是绕过软件直接写入数据库的。",
                    f"Certificate {c.number} is in no audited certificate batch: it was written "
                    "into the database behind the app's back.",
                )
            )
            continue
        revoke = revoked.get(str(c.id))
        if (revoke is not None) != (c.revoked_at is not None):
            if revoke is not None:
                edited(
                    revoke,
                    c.number,
                    f"审计记录第 {revoke.seq} 条记载它已作废，现在却未作废",
                    f"audit entry seq {revoke.seq} revoked it, yet it is not revoked",
                )
            else:
                edited(
                    entry,
                    c.number,
                    "它被标为作废，但审计链中没有作废记录",
                    "it is marked revoked, but the chain has no revocation",
                )
        if not c.token:
            continue
        signed = token_mod.decode(c.token)
        if signed is None or not any(signed.verify(k) for k in keys.get(signed.claims.key_id, [])):
            edited(
                entry,
                c.number,
                "记录中的二维码内容无法通过签名核验",
                "its stored QR token does not verify",
            )
            continue
        claims = signed.claims
        reg = str(c.registration_id)
        given = [*said.get(reg, []), *person_names.get(str(c.contestant_id), [])]
        names = {c.name, *(x.name for x in given if isinstance(x.name, str))}
        wrong = [
            label
            for label, ok in (
                ("编号/number", claims.number == c.number),
                ("奖项/award", claims.award == c.award),
                ("称号/title", claims.has_title == bool(c.title)),
                ("场次/event", claims.event_prefix == c.event_id.bytes[:4]),
                ("获奖人/holder", any(signed.name_matches(n) for n in names)),
            )
            if not ok
        ]
        if wrong:
            zh = "、".join(w.split("/")[0] for w in wrong)
            en = ", ".join(w.split("/")[1] for w in wrong)
            if "获奖人/holder" in wrong:
                zh = zh.replace("获奖人", f"获奖人（现为“{c.name}”）")
                en = en.replace("holder", f"holder (now {c.name!r})")
            edited(
                entry,
                c.number,
                f"记录的{zh}与证书二维码中签名的内容不符",
                f"the recorded {en} differ from what its signed QR says",
            )
    return problems


# --------------------------------------------------------------------------- locks


def _locks(s: Session, conflicts: _Conflicts) -> list[ChainProblem]:
    entries = s.execute(
        select(*ENTRY_COLUMNS, AuditEntry.before).where(AuditEntry.action.in_(LOCK_ACTIONS))
    ).all()
    if not entries:
        return []
    by_code = {
        (str(ev), code): str(cid)
        for cid, ev, code in s.execute(select(Criterion.id, Criterion.event_id, Criterion.code))
    }
    said: dict[tuple[str, str], list[_Said]] = {}

    def add(kind: str, obj: object, locked: bool, e: Any) -> None:
        said.setdefault((kind, str(obj)), []).append(_Said(_key(e), locked, e))

    for e in entries:
        before = e.before if isinstance(e.before, dict) else {}
        if e.action == "judging.lock_criterion":
            add("criterion", e.entity_id, True, e)
        elif e.action == "judging.unlock_criterion":
            add("criterion", e.entity_id, False, e)
            if before.get("event_locked_at") and e.event_id is not None:
                add("event", e.event_id, False, e)
        elif e.action == "judging.lock_event":
            add("event", e.entity_id, True, e)
            for code in _after(e).get("criteria_locked") or []:
                cid = by_code.get((str(e.entity_id), str(code)))
                if cid is not None:
                    add("criterion", cid, True, e)
        else:  # judging.unlock_event
            add("event", e.entity_id, False, e)
    skip = {(c.table_name, str(c.local_id)) for c in conflicts.of_table("event", "criterion")}
    rows: Iterable[tuple[str, Any, Any, str]] = [
        *(
            ("event", i, at, name)
            for i, at, name in s.execute(select(Event.id, Event.locked_at, Event.name))
        ),
        *(
            ("criterion", i, at, code)
            for i, at, code in s.execute(select(Criterion.id, Criterion.locked_at, Criterion.code))
        ),
    ]
    problems: list[ChainProblem] = []
    for kind, obj_id, locked_at, label in rows:
        history = said.get((kind, str(obj_id)))
        if not history or (kind, str(obj_id)) in skip:
            continue
        last = max(history, key=lambda x: x.key)
        if (locked_at is not None) == last.value:
            continue
        what_zh = f"场次“{label}”" if kind == "event" else f"模块 {label}"
        what_en = f"Event {label!r}" if kind == "event" else f"Criterion {label}"
        state_zh, state_en = ("已锁定", "locked") if last.value else ("未锁定", "unlocked")
        now_zh, now_en = ("已锁定", "locked") if locked_at is not None else ("未锁定", "unlocked")
        problems.append(
            _problem(
                last.entry,
                "row_edited",
                f"{what_zh}现为{now_zh}，但审计记录第 {last.entry.seq} 条记的是{state_zh}："
                "锁定状态被直接修改过。",
                f"{what_en} is {now_en} but audit entry seq {last.entry.seq} says {state_en}: "
                "the lock was changed in the database directly.",
            )
        )
    return problems
