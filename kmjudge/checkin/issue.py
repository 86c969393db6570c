"""Issuing and revoking admission ticket tokens.

Only the event's issuing device (``Event.origin_device_id``, the installation that created the
event) signs tickets; every other laptop verifies them offline with the issuer's public key from
the ``device`` table. An event without an issuer is claimed by the first installation that
issues its tickets.

A registration has at most one current ticket. Reissuing (补发) gives the next serial and
revokes the older ones; withdrawing or disqualifying a contestant revokes theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.checkin import token as token_mod
from kmjudge.checkin.common import load_event, load_registration, local_now, need_reason
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Event, Registration, Ticket
from kmjudge.errors import KmError

GRACE = timedelta(days=31)
NO_TICKET_STATUSES = ("withdrawn", "disqualified")


@dataclass(frozen=True)
class IssuedTicket:
    registration_id: uuid.UUID
    ticket_no: str
    serial: int
    token: str


def validity(ev: Event, today: date) -> tuple[date, date]:
    """A ticket is valid from the day before it is issued (a scanning laptop's clock may be a
    day behind) to 31 days after the later of the event day and the issue day (a short
    postponement needs no reprint)."""
    when = ev.end_at or ev.start_at
    last = max(today, when.date()) if when else today
    return today - timedelta(days=1), last + GRACE


def _check_signer(s: Session, db: Database, ev: Event) -> None:
    if ev.origin_device_id is None:
        ev.origin_device_id = db.device.id
        return
    if ev.origin_device_id != db.device.id:
        raise KmError(
            "只有创建本场次的电脑（签发设备）能签发准考证；本机只能扫码核验。",
            "Only the computer that created this event (its issuing device) can issue tickets; "
            "this one can only verify them.",
            code="not_issuer",
        )


def _still_good(text: str, ev: Event, today: date) -> bool:
    parsed = token_mod.decode(text)
    if parsed is None:
        return False
    _, until = validity(ev, today)
    c = parsed.claims
    return c.valid_from <= today <= c.valid_until and until - GRACE <= c.valid_until


def _revoke(s: Session, registration_ids: Iterable[uuid.UUID], reason: str, now: datetime) -> int:
    ids = list(registration_ids)
    if not ids:
        return 0
    total = 0
    for i in range(0, len(ids), 500):
        res = s.execute(
            update(Ticket)
            .where(Ticket.registration_id.in_(ids[i : i + 500]), Ticket.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
        )
        total += int(getattr(res, "rowcount", 0) or 0)
    return total


def revoke_tickets(s: Session, registration_id: uuid.UUID, reason: str) -> int:
    """Revoke a registration's current ticket(s) inside the caller's transaction."""
    return _revoke(s, [registration_id], reason, utcnow())


def _max_serials(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    out: dict[uuid.UUID, int] = {}
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(Ticket.registration_id, func.max(Ticket.serial))
            .where(Ticket.registration_id.in_(ids[i : i + 500]))
            .group_by(Ticket.registration_id)
        ).all()
        out.update({r[0]: int(r[1]) for r in rows})
    return out


def _current(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Ticket]:
    out: dict[uuid.UUID, Ticket] = {}
    for i in range(0, len(ids), 500):
        for t in s.scalars(
            select(Ticket).where(
                Ticket.registration_id.in_(ids[i : i + 500]), Ticket.revoked_at.is_(None)
            )
        ):
            if t.registration_id not in out or t.serial > out[t.registration_id].serial:
                out[t.registration_id] = t
    return out


def _sign_rows(
    db: Database,
    actor: Actor,
    ev: Event,
    regs: list[Registration],
    serials: dict[uuid.UUID, int],
    today: date,
) -> tuple[list[dict[str, Any]], list[IssuedTicket]]:
    valid_from, valid_until = validity(ev, today)
    prefix = token_mod.event_prefix(ev.id)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    issued: list[IssuedTicket] = []
    for reg in regs:
        serial = serials.get(reg.id, 0) + 1
        text = token_mod.encode(
            token_mod.TicketClaims(prefix, reg.id, serial, valid_from, valid_until),
            db.device.sign,
        )
        rows.append(
            {
                "id": uuid.uuid4(),
                "registration_id": reg.id,
                "serial": serial,
                "token": text,
                "issued_at": now,
                "issued_by": actor.user_id,
                "revoked_at": None,
                "revoked_reason": "",
            }
        )
        issued.append(IssuedTicket(reg.id, reg.ticket_no, serial, text))
    return rows, issued


def issue_tickets(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    registration_ids: Iterable[uuid.UUID] | None = None,
    *,
    today: date | None = None,
) -> list[IssuedTicket]:
    """The current ticket of every contestant in the event (or of the given ones), issuing one
    where there is none (or where it would no longer be valid for the event day). Withdrawn and
    disqualified contestants get none. Ordered by ticket number."""
    require(actor, Perm.PRINT_TICKETS)
    day = today or local_now().date()
    wanted = set(registration_ids) if registration_ids is not None else None
    with db.write() as s:
        ev = load_event(s, event_id)
        regs = [
            r
            for r in s.scalars(
                select(Registration)
                .where(
                    Registration.event_id == event_id,
                    Registration.status.not_in(NO_TICKET_STATUSES),
                )
                .order_by(Registration.ticket_no)
            )
            if wanted is None or r.id in wanted
        ]
        ids = [r.id for r in regs]
        current = _current(s, ids)
        keep = {rid: t for rid, t in current.items() if _still_good(t.token, ev, day)}
        todo = [r for r in regs if r.id not in keep]
        if todo:
            _check_signer(s, db, ev)
            now = utcnow()
            _revoke(s, [r.id for r in todo if r.id in current], "renewed", now)
            rows, issued = _sign_rows(db, actor, ev, todo, _max_serials(s, ids), day)
            s.execute(insert(Ticket), rows)
            audit.record(
                s,
                db,
                actor,
                "ticket.issue",
                entity="event",
                entity_id=ev.id,
                event_id=ev.id,
                after={
                    "count": len(issued),
                    "tickets": [[t.ticket_no, t.serial] for t in issued],
                },
            )
        else:
            issued = []
        new = {t.registration_id: t for t in issued}
        by_reg = {r.id: r for r in regs}
        out = [
            new.get(rid)
            or IssuedTicket(rid, by_reg[rid].ticket_no, keep[rid].serial, keep[rid].token)
            for rid in ids
        ]
    return [t for t in out if t is not None]


def reissue_ticket(
    db: Database,
    actor: Actor,
    registration_id: uuid.UUID,
    reason: str,
    *,
    today: date | None = None,
) -> IssuedTicket:
    """补发: a new serial for one contestant; every older ticket of theirs is revoked."""
    require(actor, Perm.PRINT_TICKETS)
    why = need_reason(reason)
    day = today or local_now().date()
    with db.write() as s:
        reg = load_registration(s, registration_id, lock=True)
        if reg.status in NO_TICKET_STATUSES:
            raise KmError(
                "该选手已退赛或被取消资格，不能补发准考证。",
                "The contestant has withdrawn or was disqualified; no ticket can be issued.",
                code="no_ticket",
            )
        ev = load_event(s, reg.event_id)
        _check_signer(s, db, ev)
        old = _current(s, [reg.id]).get(reg.id)
        _revoke(s, [reg.id], f"reissued: {why}", utcnow())
        rows, issued = _sign_rows(db, actor, ev, [reg], _max_serials(s, [reg.id]), day)
        s.execute(insert(Ticket), rows)
        audit.record(
            s,
            db,
            actor,
            "ticket.reissue",
            entity="registration",
            entity_id=reg.id,
            event_id=ev.id,
            before={"serial": old.serial if old else None},
            after={"serial": issued[0].serial, "ticket": reg.ticket_no, "reason": why},
        )
    return issued[0]
