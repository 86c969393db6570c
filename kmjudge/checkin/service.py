"""Check-in (检录): scan a ticket, get a verdict; manual check-in, undo, absent, withdraw.

Every scan, rejected ones included, is stored as a ``Scan`` row in the same write transaction as
the check-in it causes; the transaction commits (durably: synchronous=FULL) before ``scan``
returns, so a verdict on screen is a check-in on disk. A repeat scan is not an error: it answers
"already checked in" with the first time and the station.

A verdict carries personal data (name, last four ID characters, photo, station) only when it is
``valid`` or ``already``; every other verdict carries none.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, joinedload

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, Role, require
from kmjudge.checkin import draw
from kmjudge.checkin import token as token_mod
from kmjudge.checkin.common import (
    hhmm,
    load_event,
    load_registration,
    local_now,
    need_reason,
)
from kmjudge.checkin.issue import revoke_tickets
from kmjudge.clock import to_local, utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import CheckIn, Contestant, Device, Event, Registration, Scan, Ticket
from kmjudge.errors import ConflictError, KmError, PermissionDenied
from kmjudge.ids import new_id

T = TypeVar("T")
MAX_RAW = 1000  # characters of a scan kept in the log


class VerdictKind(StrEnum):
    VALID = "valid"  # checked in now
    ALREADY = "already"  # checked in before (not an error)
    WRONG_EVENT = "wrong_event"  # a genuine ticket of another event
    REVOKED = "revoked"  # an older ticket; a newer one was issued
    WITHDRAWN = "withdrawn"  # the contestant withdrew (退赛)
    DISQUALIFIED = "disqualified"  # 取消资格
    FORGED = "forged"  # bad signature or unknown signer
    MALFORMED = "malformed"  # not a ticket code at all
    UNKNOWN = "unknown"  # genuine signature, but no such registration here
    NOT_OPEN = "not_open"  # before the check-in window (or before the ticket is valid)
    CLOSED = "closed"  # after the check-in window
    EXPIRED = "expired"  # after the ticket's validity


OK_KINDS = frozenset({VerdictKind.VALID, VerdictKind.ALREADY})


@dataclass(frozen=True)
class Verdict:
    """What the check-in desk shows. Personal fields are filled for valid/already only."""

    kind: VerdictKind
    message_zh: str
    message_en: str
    event_id: uuid.UUID
    scan_id: uuid.UUID | None = None
    registration_id: uuid.UUID | None = None
    name: str = ""
    trade: str = ""
    station_no: int | None = None
    ticket_no: str = ""
    id_last4: str = ""
    photo: bytes | None = None
    first_checkin_at: datetime | None = None  # aware, local time
    method: str = ""  # scan | manual

    @property
    def ok(self) -> bool:
        return self.kind in OK_KINDS

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en


@dataclass(frozen=True)
class _Outcome:
    verdict: Verdict
    registration_id: uuid.UUID | None = None  # for the Scan row: a genuinely identified one


def _v(kind: VerdictKind, ev_id: uuid.UUID, zh: str, en: str) -> Verdict:
    return Verdict(kind=kind, message_zh=zh, message_en=en, event_id=ev_id)


def _storable(raw: object) -> str:
    """The scan as text for the log: bounded, no NUL (PostgreSQL refuses it), no lone
    surrogates (not encodable)."""
    text = raw if isinstance(raw, str) else repr(raw)
    text = text[:MAX_RAW].replace("\x00", "\\x00")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _retrying(db: Database, work: Callable[[Session], T]) -> T:
    """One durable write transaction, retried when a concurrent desk (PostgreSQL) took the
    same station first; the unique constraint is what makes that impossible to miss."""
    for attempt in range(4):
        try:
            with db.write() as s:
                result = work(s)
            return result
        except (IntegrityError, OperationalError) as exc:
            if attempt == 3 or (
                isinstance(exc, OperationalError) and "locked" not in str(exc).lower()
            ):
                if isinstance(exc, IntegrityError):
                    raise ConflictError(
                        "另一台电脑同时修改了该选手，请重试。",
                        "Another desk changed this contestant at the same moment; try again.",
                    ) from exc
                raise
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- scanning


def scan(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    raw_text: str,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Check a scanned (or typed) ticket code against ``event_id`` and check the contestant in.

    ``now`` is the venue's local wall-clock time (default: this computer's); it decides the
    check-in window. The scan is stored whatever the verdict.
    """
    require(actor, Perm.CHECKIN)
    ticket = token_mod.decode(raw_text)
    at = now or local_now()
    raw = _storable(raw_text)

    def work(s: Session) -> Verdict:
        ev = s.get(Event, event_id, options=[joinedload(Event.trade)])
        if ev is None:
            load_event(s, event_id)  # raises NotFound
        assert ev is not None
        outcome = _judge(s, db, actor, ev, ticket, at)
        row = Scan(
            id=new_id(),
            event_id=ev.id,
            registration_id=outcome.registration_id,
            raw=raw,
            verdict=outcome.verdict.kind.value,
            device_id=db.device.id,
            user_id=actor.user_id,
        )
        s.add(row)  # flushed by the commit
        return replace(outcome.verdict, scan_id=row.id)

    return _retrying(db, work)


_KEYS: dict[tuple[str, uuid.UUID], bytes] = {}


def _issuer_key(s: Session, ev: Event, db: Database) -> bytes | None:
    """The issuing device's public key. A device's key never changes (``register_device``
    refuses a mismatch), so it is remembered per database and device."""
    device_id = ev.origin_device_id or db.device.id
    key = _KEYS.get((db.url, device_id))
    if key is None:
        key = s.scalar(select(Device.public_key).where(Device.id == device_id))
        if key is not None:
            _KEYS[(db.url, device_id)] = key
    return key


def _other_event(
    s: Session, ticket: token_mod.SignedTicket
) -> tuple[bool, str]:  # (genuine, event name if known here)
    events = [
        e
        for e in s.scalars(select(Event))
        if token_mod.event_prefix(e.id) == ticket.claims.event_prefix
    ]
    for e in events:
        if e.origin_device_id is not None:
            key = s.scalar(select(Device.public_key).where(Device.id == e.origin_device_id))
            if ticket.verify(key):
                return True, e.name
    for key in s.scalars(select(Device.public_key)):
        if ticket.verify(key):
            return True, ""
    return False, ""


def _judge(
    s: Session,
    db: Database,
    actor: Actor,
    ev: Event,
    ticket: token_mod.SignedTicket | None,
    at: datetime,
) -> _Outcome:
    K = VerdictKind
    if ticket is None:
        return _Outcome(_v(K.MALFORMED, ev.id, "无法识别：不是准考证二维码", "Not a ticket code"))
    claims = ticket.claims
    forged = _Outcome(
        _v(K.FORGED, ev.id, "无效准考证（签名不符）", "Invalid ticket (bad signature)")
    )
    if not claims.is_for_event(ev.id):
        genuine, other = _other_event(s, ticket)
        if not genuine:
            return forged
        return _Outcome(_wrong_event(ev.id, other))
    if not ticket.verify(_issuer_key(s, ev, db)):
        return forged
    reg = s.get(Registration, claims.registration_id, with_for_update=True)
    if reg is None:
        return _Outcome(
            _v(K.UNKNOWN, ev.id, "查无此考生（本机没有该报名）", "No such registration here")
        )
    if reg.event_id != ev.id:  # a 4-byte event prefix shared by two events
        other_ev = s.get(Event, reg.event_id)
        return _Outcome(_wrong_event(ev.id, other_ev.name if other_ev else ""), reg.id)
    if reg.status == "withdrawn":
        return _Outcome(_v(K.WITHDRAWN, ev.id, "该选手已退赛", "Contestant has withdrawn"), reg.id)
    if reg.status == "disqualified":
        return _Outcome(
            _v(K.DISQUALIFIED, ev.id, "该选手已被取消资格", "Contestant is disqualified"), reg.id
        )
    if _revoked(s, reg.id, claims.serial, ticket.text):
        return _Outcome(
            _v(
                K.REVOKED,
                ev.id,
                "准考证已作废（已补发新证）",
                "Ticket revoked (a newer one exists)",
            ),
            reg.id,
        )
    today = at.date()
    if today > claims.valid_until:
        return _Outcome(_v(K.EXPIRED, ev.id, "准考证已过期", "Ticket expired"), reg.id)
    if today < claims.valid_from:
        return _Outcome(
            _v(
                K.NOT_OPEN,
                ev.id,
                "准考证尚未生效（请核对电脑日期）",
                "Ticket not valid yet (check this computer's date)",
            ),
            reg.id,
        )
    return _Outcome(_admit(s, db, actor, ev, reg, at, "scan", "", claims.serial), reg.id)


def _wrong_event(ev_id: uuid.UUID, other: str) -> Verdict:
    return _v(
        VerdictKind.WRONG_EVENT,
        ev_id,
        f"非本场次准考证（{other}）" if other else "非本场次准考证",
        f"Ticket for another event ({other})" if other else "Ticket for another event",
    )


def _revoked(s: Session, registration_id: uuid.UUID, serial: int, text: str) -> bool:
    """Revoked, or superseded: the stored token for this serial is the only good one, and a
    serial older than the newest stored one is superseded. A genuinely signed serial newer
    than any stored (a database restored from an older backup) is accepted."""
    row = s.scalar(
        select(Ticket).where(Ticket.registration_id == registration_id, Ticket.serial == serial)
    )
    if row is not None:
        return row.revoked_at is not None or row.token != text
    newest = s.scalar(
        select(func.max(Ticket.serial)).where(Ticket.registration_id == registration_id)
    )
    return newest is not None and newest > serial


def _first_checkin(s: Session, registration_id: uuid.UUID) -> datetime | None:
    return s.scalar(
        select(func.min(CheckIn.checked_in_at)).where(
            CheckIn.registration_id == registration_id, CheckIn.undone_at.is_(None)
        )
    )


def _person(
    s: Session, ev: Event, reg: Registration, kind: VerdictKind, first: datetime | None
) -> Verdict:
    person = s.get(Contestant, reg.contestant_id)
    local_first = to_local(first)
    station = f"，工位 {reg.station_no}" if reg.station_no else ""
    station_en = f", station {reg.station_no}" if reg.station_no else ""
    when = hhmm(local_first)
    if kind == VerdictKind.VALID:
        zh = f"检录成功{station}"
        en = f"Checked in{station_en}"
    else:
        zh = f"已检录（{when}{station}）" if when else f"已检录{station}"
        en = f"Already checked in (at {when}{station_en})" if when else "Already checked in"
    return Verdict(
        kind=kind,
        message_zh=zh,
        message_en=en,
        event_id=ev.id,
        registration_id=reg.id,
        name=person.name if person else "",
        trade=ev.trade.name,
        station_no=reg.station_no,
        ticket_no=reg.ticket_no,
        id_last4=person.id_number[-4:] if person else "",
        photo=person.photo if person else None,
        first_checkin_at=local_first,
    )


def _window(ev: Event, at: datetime) -> Verdict | None:
    if ev.checkin_opens_at and at < ev.checkin_opens_at:
        t = hhmm(ev.checkin_opens_at)
        day = ev.checkin_opens_at.date() != at.date()
        when = f"{ev.checkin_opens_at:%m-%d} {t}" if day else t
        return _v(
            VerdictKind.NOT_OPEN,
            ev.id,
            f"检录尚未开始（{when} 开始）",
            f"Check-in not open yet (opens {when})",
        )
    if ev.checkin_closes_at and at > ev.checkin_closes_at:
        t = hhmm(ev.checkin_closes_at)
        return _v(
            VerdictKind.CLOSED,
            ev.id,
            f"检录已截止（{t}）",
            f"Check-in closed (at {t})",
        )
    return None


def _admit(
    s: Session,
    db: Database,
    actor: Actor,
    ev: Event,
    reg: Registration,
    at: datetime,
    method: str,
    reason: str,
    serial: int | None,
    *,
    ignore_window: bool = False,
) -> Verdict:
    first = _first_checkin(s, reg.id)
    if first is not None or reg.status == "checked_in":
        return replace(_person(s, ev, reg, VerdictKind.ALREADY, first), method=method)
    closed = None if ignore_window else _window(ev, at)
    if closed is not None:
        return closed
    settings = draw.settings_in(s, ev.id)
    before = {"status": reg.status, "station": reg.station_no}
    drawn = False
    if reg.station_no is None and settings.draw_at_checkin:
        reg.station_no = draw.draw_station(s, ev.id, settings)
        drawn = reg.station_no is not None
    reg.status = "checked_in"
    reg.version += 1
    row = CheckIn(
        id=uuid.uuid4(),
        registration_id=reg.id,
        device_id=db.device.id,
        user_id=actor.user_id,
        method=method,
        checked_in_at=utcnow(),
    )
    s.add(row)
    audit.record(
        s,
        db,
        actor,
        f"checkin.{method}",
        entity="registration",
        entity_id=reg.id,
        event_id=ev.id,
        before=before,
        after={
            "status": "checked_in",
            "station": reg.station_no,
            "station_drawn": drawn,
            "ticket": reg.ticket_no,
            "serial": serial,
            "reason": reason,
            "local_time": at.isoformat(timespec="seconds"),
        },
    )
    verdict = replace(_person(s, ev, reg, VerdictKind.VALID, row.checked_in_at), method=method)
    if settings.draw_at_checkin and reg.station_no is None:
        verdict = replace(
            verdict,
            message_zh=verdict.message_zh + "（工位已满，未分配工位）",
            message_en=verdict.message_en + " (no free station left)",
        )
    return verdict


# --------------------------------------------------------------------------- by hand


def manual_checkin(
    db: Database,
    actor: Actor,
    registration_id: uuid.UUID,
    reason: str,
    *,
    now: datetime | None = None,
    ignore_window: bool = False,
) -> Verdict:
    """Check in a contestant without a ticket (found by name or ID number; the registrar has
    checked the ID card). ``ignore_window`` (administrators only) admits a late arrival."""
    require(actor, Perm.CHECKIN)
    why = need_reason(reason)
    if ignore_window and not actor.has_role(Role.ADMIN):
        raise PermissionDenied(
            "只有管理员可以在检录时间之外办理检录。",
            "Only an administrator may check someone in outside the check-in window.",
        )
    at = now or local_now()

    def work(s: Session) -> Verdict:
        reg = load_registration(s, registration_id, lock=True)
        ev = load_event(s, reg.event_id)
        if reg.status == "withdrawn":
            return _v(VerdictKind.WITHDRAWN, ev.id, "该选手已退赛", "Contestant has withdrawn")
        if reg.status == "disqualified":
            return _v(
                VerdictKind.DISQUALIFIED, ev.id, "该选手已被取消资格", "Contestant is disqualified"
            )
        return _admit(s, db, actor, ev, reg, at, "manual", why, None, ignore_window=ignore_window)

    return _retrying(db, work)


def _require_admin(actor: Actor, what_zh: str, what_en: str) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(
            f"只有管理员可以{what_zh}。", f"Only an administrator may {what_en}."
        )


def undo_checkin(
    db: Database,
    actor: Actor,
    registration_id: uuid.UUID,
    reason: str,
    *,
    keep_station: bool = False,
) -> None:
    """Take back a check-in made in error (administrators, with a reason). The station is
    released unless ``keep_station``."""
    _require_admin(actor, "撤销检录", "undo a check-in")
    why = need_reason(reason)
    with db.write() as s:
        reg = load_registration(s, registration_id, lock=True)
        rows = list(
            s.scalars(
                select(CheckIn).where(
                    CheckIn.registration_id == reg.id, CheckIn.undone_at.is_(None)
                )
            )
        )
        if not rows and reg.status != "checked_in":
            raise KmError("该选手尚未检录。", "This contestant is not checked in.", code="not_in")
        now = utcnow()
        for row in rows:
            row.undone_at = now
            row.undone_by = actor.user_id
            row.undo_reason = why
        before = {"status": reg.status, "station": reg.station_no}
        if reg.status == "checked_in":
            reg.status = "registered"
        if not keep_station:
            reg.station_no = None
        reg.version += 1
        audit.record(
            s,
            db,
            actor,
            "checkin.undo",
            entity="registration",
            entity_id=reg.id,
            event_id=reg.event_id,
            before=before,
            after={
                "status": reg.status,
                "station": reg.station_no,
                "reason": why,
                "checkins": [r.id for r in rows],
            },
        )


# --------------------------------------------------------------------------- statuses


@dataclass(frozen=True)
class AbsentResult:
    count: int
    ticket_nos: list[str]


def mark_absent(
    db: Database, actor: Actor, event_id: uuid.UUID, *, now: datetime | None = None
) -> AbsentResult:
    """After the check-in cut-off: everyone still only registered becomes absent (缺考)."""
    require(actor, Perm.CHECKIN)
    at = now or local_now()
    with db.write() as s:
        ev = load_event(s, event_id)
        if ev.checkin_closes_at and at <= ev.checkin_closes_at:
            raise KmError(
                f"检录 {hhmm(ev.checkin_closes_at)} 截止，截止后才能标记缺考。",
                f"Check-in closes at {hhmm(ev.checkin_closes_at)}; mark absentees after that.",
                code="not_closed",
            )
        regs = list(
            s.scalars(
                select(Registration)
                .where(Registration.event_id == ev.id, Registration.status == "registered")
                .order_by(Registration.ticket_no)
            )
        )
        tickets = [r.ticket_no for r in regs]
        if regs:
            s.execute(
                update(Registration)
                .where(Registration.id.in_([r.id for r in regs]))
                .values(
                    status="absent",
                    status_reason="检录截止未到",
                    version=Registration.version + 1,
                    updated_at=utcnow(),
                )
                .execution_options(synchronize_session=False)
            )
        audit.record(
            s,
            db,
            actor,
            "checkin.mark_absent",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            after={"count": len(regs), "tickets": tickets, "registrations": [r.id for r in regs]},
        )
    return AbsentResult(len(regs), tickets)


def _set_status(
    db: Database,
    actor: Actor,
    registration_id: uuid.UUID,
    status: str,
    reason: str,
    action: str,
) -> None:
    why = need_reason(reason)
    with db.write() as s:
        reg = load_registration(s, registration_id, lock=True)
        if reg.status == status:
            raise KmError("状态未变化。", f"The contestant is already {status}.", code="unchanged")
        ev = load_event(s, reg.event_id)
        if ev.locked_at is not None:
            raise KmError("该场次已锁定。", "The event is locked.", code="locked")
        before = {"status": reg.status, "reason": reg.status_reason}
        reg.status = status
        reg.status_reason = why
        reg.version += 1
        revoked = (
            revoke_tickets(s, reg.id, status) if status in ("withdrawn", "disqualified") else 0
        )
        audit.record(
            s,
            db,
            actor,
            action,
            entity="registration",
            entity_id=reg.id,
            event_id=reg.event_id,
            before=before,
            after={"status": status, "reason": why, "tickets_revoked": revoked},
        )


def withdraw(db: Database, actor: Actor, registration_id: uuid.UUID, reason: str) -> None:
    """退赛: the contestant withdraws; their ticket is revoked. A station stays theirs."""
    require(actor, Perm.EDIT_REGISTRATIONS)
    _set_status(db, actor, registration_id, "withdrawn", reason, "registration.withdraw")


def disqualify(db: Database, actor: Actor, registration_id: uuid.UUID, reason: str) -> None:
    """取消资格 (administrator or chief judge, with a reason); the ticket is revoked."""
    if not (actor.can(Perm.SETUP_EVENTS) or actor.can(Perm.LOCK)):
        raise PermissionDenied(
            "只有管理员或裁判长可以取消选手资格。",
            "Only an administrator or the chief judge may disqualify a contestant.",
        )
    _set_status(db, actor, registration_id, "disqualified", reason, "registration.disqualify")


def reinstate(db: Database, actor: Actor, registration_id: uuid.UUID, reason: str) -> None:
    """Undo a withdrawal, disqualification or absence entered in error (administrators).
    Revoked tickets stay revoked: reprint one (``reprint_ticket_pdf``)."""
    _require_admin(actor, "恢复选手状态", "reinstate a contestant")
    with db.read() as s:
        reg = load_registration(s, registration_id)
        checked = _first_checkin(s, reg.id) is not None
    _set_status(
        db,
        actor,
        registration_id,
        "checked_in" if checked else "registered",
        reason,
        "registration.reinstate",
    )


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class CheckinCounts:
    registered: int  # everyone entered in the event, whatever their status
    waiting: int  # registered, not checked in yet
    checked_in: int
    absent: int
    withdrawn: int
    disqualified: int
    with_station: int
    scans: int
    rejected_scans: int

    @property
    def expected(self) -> int:
        """Contestants still in the competition (not withdrawn or disqualified)."""
        return self.registered - self.withdrawn - self.disqualified


def counters(db: Database, event_id: uuid.UUID) -> CheckinCounts:
    with db.read() as s:
        load_event(s, event_id)
        by_status = dict(
            s.execute(
                select(Registration.status, func.count())
                .where(Registration.event_id == event_id)
                .group_by(Registration.status)
            ).all()
        )
        stations = s.scalar(
            select(func.count())
            .select_from(Registration)
            .where(Registration.event_id == event_id, Registration.station_no.is_not(None))
        )
        by_verdict = dict(
            s.execute(
                select(Scan.verdict, func.count())
                .where(Scan.event_id == event_id)
                .group_by(Scan.verdict)
            ).all()
        )
    scans = sum(by_verdict.values())
    ok = sum(by_verdict.get(k.value, 0) for k in OK_KINDS)
    return CheckinCounts(
        registered=sum(by_status.values()),
        waiting=by_status.get("registered", 0),
        checked_in=by_status.get("checked_in", 0),
        absent=by_status.get("absent", 0),
        withdrawn=by_status.get("withdrawn", 0),
        disqualified=by_status.get("disqualified", 0),
        with_station=int(stations or 0),
        scans=scans,
        rejected_scans=scans - ok,
    )


@dataclass(frozen=True)
class ScanLogRow:
    scanned_at: datetime  # aware, local
    verdict: VerdictKind
    ticket_no: str  # "" unless the scan identified a registration
    device_id: uuid.UUID
    username: str


def recent_scans(
    db: Database, actor: Actor, event_id: uuid.UUID, limit: int = 50
) -> list[ScanLogRow]:
    """The newest scans of an event, newest first (for the desk's log panel)."""
    require(actor, Perm.CHECKIN)
    from kmjudge.db.models import User

    with db.read() as s:
        rows = s.execute(
            select(Scan, Registration.ticket_no, User.username)
            .outerjoin(Registration, Registration.id == Scan.registration_id)
            .outerjoin(User, User.id == Scan.user_id)
            .where(Scan.event_id == event_id)
            .order_by(Scan.scanned_at.desc())
            .limit(limit)
        ).all()
    out = []
    for sc, ticket_no, username in rows:
        local = to_local(sc.scanned_at)
        assert local is not None
        out.append(
            ScanLogRow(
                local, VerdictKind(sc.verdict), ticket_no or "", sc.device_id, username or ""
            )
        )
    return out


def registration_by_ticket(db: Database, event_id: uuid.UUID, ticket_no: str) -> uuid.UUID:
    """A registration by its ticket number (准考证号) within an event."""
    with db.read() as s:
        load_event(s, event_id)
        rid = s.scalar(
            select(Registration.id).where(
                Registration.event_id == event_id, Registration.ticket_no == ticket_no.strip()
            )
        )
    if rid is None:
        from kmjudge.errors import NotFound

        raise NotFound(f"本场次没有准考证号 {ticket_no}。", f"No ticket number {ticket_no} here.")
    return rid
