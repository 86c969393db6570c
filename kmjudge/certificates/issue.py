"""Issuing and printing certificates; reprints (补发), revocation, the print log.

``issue_certificates`` renders the whole batch to a temporary file beside the target first
(progress and cancel between pages), and only when the PDF is complete records everything in
ONE transaction: the new ``certificate`` rows (number, token), the ``print_log`` rows and an
audit entry. If anything changed meanwhile (the event was unlocked, someone else issued a
certificate to the same person) nothing is recorded and no file is left. A cancelled run
leaves no file and writes nothing.

Numbers: ``KM{year}-{event code}-{sequence}``, e.g. ``KM2026-ABCDEF-0001`` (participation:
``KM2026-ABCDEF-C0001``). The event code is six base32 characters of the event's UUID, so two
venues never hand out the same number without talking to each other; the sequence counts per
event in print order. ASCII only: readable on the phone, and it fits the QR's alphanumeric set.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.certificates import token as token_mod
from kmjudge.certificates.layout import load_layout
from kmjudge.certificates.model import (
    CertificateError,
    CertificatePlan,
    CertificateRow,
    CertificatesPdf,
    IssuedCertificate,
    PrintLogEntry,
)
from kmjudge.certificates.plan import event_texts, plan_batch
from kmjudge.certificates.render import RenderItem, cert_fields, render_batch
from kmjudge.certificates.settings import printer_offsets
from kmjudge.checkin.common import (
    CancelCheck,
    Cancelled,
    Progress,
    atomic_output,
    cancelled,
    local_now,
    need_reason,
)
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    AuditEntry,
    Certificate,
    Contestant,
    Device,
    Event,
    PrintLog,
    Registration,
    User,
)
from kmjudge.errors import ConflictError

PRINT_KIND = "certificate"


def event_code(event_id: uuid.UUID) -> str:
    """Six base32 characters (30 bits) of the event's UUID."""
    return base64.b32encode(event_id.bytes[:5]).decode("ascii")[:6]


def number_prefix(year: int, event_id: uuid.UUID, kind: str) -> str:
    return f"KM{year}-{event_code(event_id)}-" + ("C" if kind == "participation" else "")


def _next_seq(s: Any, prefix: str) -> int:
    numbers = s.scalars(select(Certificate.number).where(Certificate.number.like(prefix + "%")))
    best = 0
    for n in numbers:
        tail = n[len(prefix) :]
        if tail.isdigit():
            best = max(best, int(tail))
    return best + 1


def _refuse_blocking(plan: CertificatePlan) -> None:
    lines = "；".join(n.message_zh for n in plan.blocking[:5])
    more = f"（另有 {len(plan.blocking) - 5} 条）" if len(plan.blocking) > 5 else ""
    raise CertificateError(
        f"有 {len(plan.blocking)} 个问题需要先处理：{lines}{more}。确认无误后可强制打印。",
        f"{len(plan.blocking)} problem(s) must be resolved first: "
        + "; ".join(n.message_en for n in plan.blocking[:5])
        + ". Force printing to print anyway.",
        code="blocked",
    )


def issue_certificates(
    db: Database,
    actor: Actor,
    plan: CertificatePlan,
    path: str | Path,
    *,
    overlay: bool | None = None,
    printer: str | None = None,
    offsets: tuple[float, float] | None = None,
    force: bool = False,
    reason: str = "",
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    today: date | None = None,
) -> CertificatesPdf:
    """Issue the plan's new certificates, render every certificate of the plan into ONE PDF at
    ``path``, and record numbers, tokens and the print log in one transaction after the PDF is
    complete.

    ``overlay`` (default: the layout's mode) prints only the fields, shifted by ``offsets`` or
    the saved offsets of ``printer``. Blocking notices (a character no font has) refuse the
    batch unless ``force``. Reprints need a ``reason``.
    """
    require(actor, Perm.PRINT_CERTIFICATES)
    entries = plan.to_print
    if not entries:
        raise CertificateError(
            "没有需要打印的证书。", "There are no certificates to print.", code="empty"
        )
    if plan.blocking and not force:
        _refuse_blocking(plan)
    why = need_reason(reason) if plan.reprint_count else ""
    lay = load_layout(plan.layout)
    ov = lay.mode == "overlay" if overlay is None else overlay
    offs = offsets if offsets is not None else printer_offsets(db, printer) if ov else (0.0, 0.0)
    issued_on = today or local_now().date()
    reprint_numbers = [e.number for e in entries if e.action == "reprint"]
    with db.read() as s:
        texts = event_texts(s, plan.event_id, issued_on)
        old = (
            {
                c.number: c
                for c in s.scalars(
                    select(Certificate).where(Certificate.number.in_(reprint_numbers))
                )
            }
            if reprint_numbers
            else {}
        )
        seq = {
            kind: _next_seq(s, number_prefix(texts.year, plan.event_id, kind))
            for kind in ("award", "participation")
        }
    public_key = db.device.public_key_bytes
    items: list[RenderItem] = []
    issued: list[IssuedCertificate] = []
    for e in entries:
        if e.action == "new":
            prefix = number_prefix(texts.year, plan.event_id, e.kind)
            number = f"{prefix}{seq[e.kind]:04d}"
            seq[e.kind] += 1
            token = token_mod.encode(
                number=number,
                name=e.name,
                tier=e.tier,
                has_title=bool(e.title),
                issued_on=issued_on,
                event_id=plan.event_id,
                public_key=public_key,
                sign=db.device.sign,
            )
            reprint_on = None
        else:
            cert = old.get(e.number)
            if cert is None or cert.revoked_at is not None:
                raise ConflictError(
                    f"证书 {e.number} 已作废或不存在，不能补发。",
                    f"Certificate {e.number} is revoked or unknown; it cannot be reprinted.",
                )
            signed = token_mod.decode(cert.token)
            if signed is None or not signed.name_matches(e.name):
                raise CertificateError(
                    f"{e.name} 的姓名在发证后改过，证书 {e.number} 不能原样补发："
                    "请作废后重新发证。",
                    f"{e.name}'s name changed since certificate {e.number} was issued; revoke "
                    "it and issue a new one.",
                    code="name_changed",
                )
            number, token, reprint_on = cert.number, cert.token, issued_on
        items.append(
            RenderItem(
                e.kind,
                cert_fields(
                    name=e.name,
                    award=e.award if e.kind == "award" else "",
                    title=e.title,
                    number=number,
                    employer=e.employer,
                    rank=e.rank,
                    group=e.group,
                    station=e.station,
                    ticket_no=e.ticket_no,
                    reprint_on=reprint_on,
                ),
                token,
            )
        )
        issued.append(
            IssuedCertificate(
                number=number,
                registration_id=e.registration_id,
                name=e.name,
                kind=e.kind,
                tier=e.tier,
                award=e.award,
                title=e.title,
                token=token,
                reprint=e.action == "reprint",
            )
        )
    target = Path(path)
    with atomic_output(target) as tmp:
        pages = render_batch(
            tmp,
            lay,
            texts.fields(),
            items,
            len(items),
            overlay=ov,
            offsets=offs,
            title=f"荣誉证书 {plan.event_name}",
            progress=progress,
            cancel=cancel,
        )
        if cancelled(cancel):
            raise Cancelled()
        _record(db, actor, plan, issued, old, target, why, lay.name, ov, printer, offs)
    return CertificatesPdf(target, pages, tuple(issued))


def _record(
    db: Database,
    actor: Actor,
    plan: CertificatePlan,
    issued: list[IssuedCertificate],
    old: dict[str, Certificate],
    target: Path,
    reason: str,
    layout: str,
    overlay: bool,
    printer: str | None,
    offsets: tuple[float, float],
) -> None:
    now = utcnow()
    new = [c for c in issued if not c.reprint]
    reprints = [c for c in issued if c.reprint]
    try:
        with db.write() as s:
            ev = s.get(Event, plan.event_id, with_for_update=True)
            if ev is None or ev.locked_at is None or ev.locked_at != plan.locked_at:
                raise ConflictError(
                    "打印期间成绩锁定状态发生了变化，未发放证书。请重新生成。",
                    "The lock changed while printing; nothing was issued. Plan again.",
                )
            taken = (
                set(
                    s.execute(
                        select(Certificate.registration_id, Certificate.kind).where(
                            Certificate.registration_id.in_([c.registration_id for c in new]),
                            Certificate.revoked_at.is_(None),
                        )
                    ).all()
                )
                if new
                else set()
            )
            clash = [c.name for c in new if (c.registration_id, c.kind) in taken]
            if clash:
                raise ConflictError(
                    f"{'、'.join(clash[:5])} 刚刚已由别人发证，未发放证书。请重新生成。",
                    f"{len(clash)} certificate(s) were issued by someone else meanwhile; "
                    "nothing was issued. Plan again.",
                )
            if reprints:
                gone = s.scalars(
                    select(Certificate.number).where(
                        Certificate.id.in_([old[c.number].id for c in reprints]),
                        Certificate.revoked_at.is_not(None),
                    )
                ).all()
                if gone:
                    raise ConflictError(
                        f"证书 {'、'.join(gone[:5])} 刚刚被作废，未补发。",
                        f"Certificate(s) {', '.join(gone[:5])} were revoked meanwhile; nothing "
                        "was reprinted.",
                    )
            new_ids = [uuid.uuid4() for _ in new]
            if new:
                s.execute(
                    insert(Certificate),
                    [
                        {
                            "id": cid,
                            "number": c.number,
                            "registration_id": c.registration_id,
                            "kind": c.kind,
                            "award": c.award,
                            "title": c.title,
                            "token": c.token,
                            "issued_at": now,
                            "issued_by": actor.user_id,
                        }
                        for cid, c in zip(new_ids, new, strict=True)
                    ],
                )
            log_rows: list[dict[str, Any]] = []
            if new:
                log_rows.append(
                    {
                        "id": uuid.uuid4(),
                        "kind": PRINT_KIND,
                        "event_id": plan.event_id,
                        "certificate_id": new_ids[0] if len(new) == 1 else None,
                        "count": len(new),
                        "reprint": False,
                        "printed_at": now,
                        "user_id": actor.user_id,
                        "device_id": db.device.id,
                    }
                )
            for c in reprints:
                log_rows.append(
                    {
                        "id": uuid.uuid4(),
                        "kind": PRINT_KIND,
                        "event_id": plan.event_id,
                        "certificate_id": old[c.number].id,
                        "count": 1,
                        "reprint": True,
                        "printed_at": now,
                        "user_id": actor.user_id,
                        "device_id": db.device.id,
                    }
                )
            s.execute(insert(PrintLog), log_rows)
            audit.record(
                s,
                db,
                actor,
                "certificate.print",
                entity="event",
                entity_id=plan.event_id,
                event_id=plan.event_id,
                after={
                    "file": target.name,
                    "new": len(new),
                    "reprints": len(reprints),
                    "reason": reason,
                    "layout": layout,
                    "overlay": overlay,
                    "printer": printer or "",
                    "offsets_mm": list(offsets),
                    "numbers": [c.number for c in new][:2000],
                    "reprinted": [c.number for c in reprints][:2000],
                    "print_log": [str(r["id"]) for r in log_rows][:2000],
                },
            )
    except IntegrityError as exc:
        raise ConflictError(
            "证书编号与刚刚发放的证书冲突，未发放证书。请重新生成。",
            "A certificate number clashed with one issued meanwhile; nothing was issued.",
        ) from exc


def _cert_by_number(db: Database, number: str) -> tuple[Certificate, uuid.UUID]:
    text = number.strip().upper()
    with db.read() as s:
        row = s.execute(
            select(Certificate, Registration.event_id)
            .join(Registration, Registration.id == Certificate.registration_id)
            .where(Certificate.number == text)
        ).first()
    if row is None:
        raise CertificateError(
            f"找不到证书编号 {text}。", f"No certificate numbered {text}.", code="not_found"
        )
    return row[0], row[1]


def reprint_certificate(
    db: Database,
    actor: Actor,
    number: str,
    path: str | Path,
    reason: str,
    *,
    layout: str | None = None,
    overlay: bool | None = None,
    printer: str | None = None,
    offsets: tuple[float, float] | None = None,
    force: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    today: date | None = None,
) -> CertificatesPdf:
    """补发: print one issued certificate again (same number and QR), marked 补发 with the
    date, logged as a reprint with ``reason``. Refused if it was revoked, the event is not
    locked, or the results now say something else (revoke it and issue a new one)."""
    require(actor, Perm.PRINT_CERTIFICATES)
    why = need_reason(reason)
    cert, event_id = _cert_by_number(db, number)
    if cert.revoked_at is not None:
        raise CertificateError(
            f"证书 {cert.number} 已作废，不能补发。",
            f"Certificate {cert.number} is revoked and cannot be reprinted.",
            code="revoked",
        )
    full = plan_batch(
        db,
        actor,
        event_id,
        tiers=[] if cert.kind == "participation" else None,
        participation=cert.kind == "participation",
        reprint_issued=True,
        layout=layout,
        today=today,
    )
    mine = [e for e in full.entries if e.number == cert.number]
    if not mine or mine[0].action != "reprint":
        why_not = [n for n in full.notices if n.registration_id == cert.registration_id]
        raise CertificateError(
            (
                why_not[0].message_zh
                if why_not
                else f"证书 {cert.number} 不在当前结果中，不能补发。"
            ),
            (
                why_not[0].message_en
                if why_not
                else f"Certificate {cert.number} no longer matches the results."
            ),
            code="not_reprintable",
        )
    plan = replace(
        full,
        entries=tuple(mine),
        notices=tuple(
            n
            for n in full.notices
            if n.registration_id == cert.registration_id
            or (n.registration_id is None and n.blocking)
        ),
    )
    return issue_certificates(
        db,
        actor,
        plan,
        path,
        overlay=overlay,
        printer=printer,
        offsets=offsets,
        force=force,
        reason=why,
        progress=progress,
        cancel=cancel,
        today=today,
    )


def revoke_certificate(db: Database, actor: Actor, number: str, reason: str) -> None:
    """作废: a revoked certificate verifies as ``revoked`` wherever this database is known and
    can be issued anew (with a new number)."""
    require(actor, Perm.PRINT_CERTIFICATES)
    why = need_reason(reason)
    cert, event_id = _cert_by_number(db, number)
    with db.write() as s:
        row = s.get(Certificate, cert.id, with_for_update=True)
        assert row is not None
        if row.revoked_at is not None:
            return
        row.revoked_at = utcnow()
        audit.record(
            s,
            db,
            actor,
            "certificate.revoke",
            entity="certificate",
            entity_id=row.id,
            event_id=event_id,
            before={"number": row.number, "revoked_at": None},
            after={"number": row.number, "revoked_at": row.revoked_at, "reason": why},
        )


def list_certificates(db: Database, actor: Actor, event_id: uuid.UUID) -> list[CertificateRow]:
    """Every certificate of an event (revoked ones included), by number."""
    require(actor, Perm.PRINT_CERTIFICATES)
    with db.read() as s:
        reprints = dict(
            s.execute(
                select(PrintLog.certificate_id, func.count())
                .where(PrintLog.event_id == event_id, PrintLog.reprint.is_(True))
                .group_by(PrintLog.certificate_id)
            ).all()
        )
        rows = s.execute(
            select(Certificate, Contestant.name, User.username)
            .join(Registration, Registration.id == Certificate.registration_id)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .outerjoin(User, User.id == Certificate.issued_by)
            .where(Registration.event_id == event_id)
            .order_by(Certificate.number)
        ).all()
    return [
        CertificateRow(
            id=c.id,
            number=c.number,
            registration_id=c.registration_id,
            name=name,
            kind="participation" if c.kind == "participation" else "award",
            award=c.award,
            title=c.title,
            issued_at=c.issued_at,
            issued_by=username or "",
            revoked_at=c.revoked_at,
            printed=1 + int(reprints.get(c.id, 0)),
        )
        for c, name, username in rows
    ]


def print_log(db: Database, actor: Actor, event_id: uuid.UUID) -> list[PrintLogEntry]:
    """The certificate print log of an event, oldest first: who, when, how many; reprints
    one per line with the certificate and the reason."""
    require(actor, Perm.PRINT_CERTIFICATES)
    with db.read() as s:
        rows = s.execute(
            select(PrintLog, User.username, Device.name, Certificate.number, Contestant.name)
            .outerjoin(User, User.id == PrintLog.user_id)
            .outerjoin(Device, Device.id == PrintLog.device_id)
            .outerjoin(Certificate, Certificate.id == PrintLog.certificate_id)
            .outerjoin(Registration, Registration.id == Certificate.registration_id)
            .outerjoin(Contestant, Contestant.id == Registration.contestant_id)
            .where(PrintLog.event_id == event_id, PrintLog.kind == PRINT_KIND)
            .order_by(PrintLog.printed_at)
        ).all()
        reasons: dict[str, str] = {}
        for (after,) in s.execute(
            select(AuditEntry.after).where(
                AuditEntry.event_id == event_id, AuditEntry.action == "certificate.print"
            )
        ):
            if isinstance(after, dict) and after.get("reason"):
                for log_id in after.get("print_log", []):
                    reasons[str(log_id)] = str(after["reason"])
    return [
        PrintLogEntry(
            printed_at=p.printed_at,
            user=user or "",
            device=dev or "",
            count=p.count,
            reprint=p.reprint,
            number=number or "" if p.reprint else "",
            name=name or "" if p.reprint else "",
            reason=reasons.get(str(p.id), ""),
        )
        for p, user, dev, number, name in rows
    ]
