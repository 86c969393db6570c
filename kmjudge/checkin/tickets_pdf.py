"""Admission tickets (准考证) as PDF: a batch for an event (1, 4 or 6 per A4 page) or a reprint.

Fast by construction: everything that is the same on every ticket of an event (frame, header,
labels, trade, times, venue, notes, photo box) is drawn once into a form XObject and placed per
ticket; the cut lines of a page are another form. Per ticket only the name, ticket number,
masked ID, photo and the QR code are drawn, the QR as one filled vector path
(``kmjudge.checkin.qr``). The full ID number never reaches the PDF.

The file is written beside the target and renamed at the end, so a cancelled or failed run leaves
no partial file. ``progress(done, total)`` is called after every ticket; ``cancel`` (a callable
returning True, or a ``threading.Event``) is checked between tickets.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kmjudge import __version__, audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.checkin import qr
from kmjudge.checkin.common import (
    CancelCheck,
    Cancelled,
    Progress,
    atomic_output,
    cancelled,
    hhmm,
    load_event,
    zh_datetime,
)
from kmjudge.checkin.fonts import cjk_font
from kmjudge.checkin.issue import IssuedTicket, issue_tickets, reissue_ticket
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, PrintLog, Registration
from kmjudge.errors import KmError
from kmjudge.registration.idcard import mask_id

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TICKET_W, TICKET_H = 97 * MM, 93 * MM
QR_SIZE = 30 * MM  # at scale 1; never below 25 mm on paper
LAYOUTS = {1: (1, 1), 4: (2, 2), 6: (2, 3)}  # per page -> (columns, rows)
NOTES = (
    "1. 凭本证和居民身份证在检录时间内到场检录，出示本证二维码扫码。",
    "2. 工位号在检录时抽签确定，按工位号参赛。",
    "3. 检录截止后未到者按缺考处理。",
    "4. 遵守赛场纪律和安全操作规程，服从裁判安排。",
    "5. 补发准考证后，原证作废。",
)
_TICKET_FORM = "kmjTicket"
_PAGE_FORM = "kmjPage"
_VALUE_X = 18.5 * MM
_VALUE_W = 50 * MM
_ROWS = [74, 69, 64, 59, 54, 49, 44]  # baselines (mm) of the field rows


@dataclass(frozen=True)
class TicketsPdf:
    path: Path
    tickets: int
    pages: int


@dataclass(frozen=True)
class _EventText:
    title: str
    trade: str
    venue: str
    start: datetime | None
    opens: datetime | None
    closes: datetime | None


@dataclass(frozen=True)
class _Card:
    ticket_no: str
    name: str
    id_masked: str
    serial: int
    token: str
    photo: bytes | None


# --------------------------------------------------------------------------- text helpers


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _fit(
    text: str, font: str, size: float, width: float, smallest: float = 5.5
) -> tuple[str, float]:
    """Shrink to fit ``width``; below ``smallest``, cut with an ellipsis."""
    while size > smallest and _width(text, font, size) > width:
        size -= 0.5
    if _width(text, font, size) > width:
        while text and _width(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    return text, size


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break CJK (or mixed) text into lines no wider than ``width``, character by character."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if _width(line + ch, font, size) > width and line:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def _bold(c: Any, text: str, x: float, y: float, font: str, size: float) -> None:
    """Text drawn filled and stroked: a bold look from a face that has no bold."""
    t = c.beginText()
    t.setTextRenderMode(2)
    t.setFont(font, size)
    t.setTextOrigin(x, y)
    t.textLine(text)
    t.setTextRenderMode(0)  # the text render mode outlives BT/ET: reset it
    c.setLineWidth(size * 0.03)
    c.drawText(t)


# --------------------------------------------------------------------------- forms


def _define_ticket_form(c: Any, ev: _EventText, font: str) -> None:
    c.beginForm(_TICKET_FORM, 0, 0, TICKET_W, TICKET_H)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFillColorRGB(0, 0, 0)
    c.setLineWidth(0.9)
    c.rect(0, 0, TICKET_W, TICKET_H)
    c.setLineWidth(0.5)
    c.line(0, 79 * MM, TICKET_W, 79 * MM)
    title, size = _fit(ev.title, font, 9.5, TICKET_W - 8 * MM)
    c.setFont(font, size)
    c.drawCentredString(TICKET_W / 2, 87.5 * MM, title)
    head = "准　考　证"
    _bold(c, head, (TICKET_W - _width(head, font, 14)) / 2, 81.2 * MM, font, 14)
    labels = ["姓　　名", "准考证号", "身份证号", "竞赛工种", "检录时间", "竞赛时间", "竞赛地点"]
    c.setFont(font, 8)
    for label, y in zip(labels, _ROWS, strict=True):
        c.drawString(4 * MM, y * MM, label + "：")
    statics = [
        ev.trade,
        f"{hhmm(ev.opens)}–{hhmm(ev.closes)}" if ev.opens and ev.closes else hhmm(ev.opens),
        zh_datetime(ev.start),
    ]
    for value, y in zip(statics, _ROWS[3:6], strict=True):
        text, size = _fit(value, font, 8.5, _VALUE_W)
        c.setFont(font, size)
        c.drawString(_VALUE_X, y * MM, text)
    c.setFont(font, 8)
    for i, line in enumerate(_wrap(ev.venue, font, 8, _VALUE_W)[:2]):
        c.drawString(_VALUE_X, (_ROWS[6] - 3.6 * i) * MM, line)
    # Photo box (1-inch photo, 22 x 31 mm).
    c.setLineWidth(0.5)
    c.setDash(2, 1.5)
    c.rect(71 * MM, 45 * MM, 22 * MM, 31 * MM)
    c.setDash()
    c.setFont(font, 8)
    c.setFillColorRGB(0.45, 0.45, 0.45)
    c.drawCentredString(82 * MM, 61 * MM, "照片")
    c.setFont(font, 6)
    c.drawCentredString(82 * MM, 57 * MM, "（一寸免冠）")
    c.setFillColorRGB(0, 0, 0)
    # 考生须知
    c.setLineWidth(0.4)
    c.rect(39 * MM, 4 * MM, 54 * MM, 33 * MM)
    c.setFont(font, 8)
    c.drawString(41 * MM, 32.5 * MM, "考生须知")
    c.setFont(font, 6.2)
    line_y = 28.6 * MM
    for note in NOTES:
        for line in _wrap(note, font, 6.2, 50 * MM):
            if line_y < 5.5 * MM:
                break
            c.drawString(41 * MM, line_y, line)
            line_y -= 2.75 * MM
    c.endForm()


def _slots(per_page: int) -> list[tuple[float, float, float]]:
    """(x, y, scale) of each ticket on a page."""
    cols, rows = LAYOUTS[per_page]
    cell_w, cell_h = A4[0] / cols, A4[1] / rows
    if per_page == 1:
        scale = 1.8
        x = (A4[0] - TICKET_W * scale) / 2
        return [(x, A4[1] - 20 * MM - TICKET_H * scale, scale)]
    scale = min((cell_w - 6 * MM) / TICKET_W, (cell_h - 6 * MM) / TICKET_H, 1.3)
    out = []
    for r in range(rows):
        for col in range(cols):
            x = col * cell_w + (cell_w - TICKET_W * scale) / 2
            y = A4[1] - (r + 1) * cell_h + (cell_h - TICKET_H * scale) / 2
            out.append((x, y, scale))
    return out


def _define_page_form(c: Any, per_page: int) -> None:
    cols, rows = LAYOUTS[per_page]
    c.beginForm(_PAGE_FORM, 0, 0, A4[0], A4[1])
    if per_page > 1:
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.setLineWidth(0.3)
        c.setDash(3, 3)
        for col in range(1, cols):
            c.line(col * A4[0] / cols, 0, col * A4[0] / cols, A4[1])
        for r in range(1, rows):
            c.line(0, r * A4[1] / rows, A4[0], r * A4[1] / rows)
    c.endForm()


def _draw_card(c: Any, card: _Card, font: str) -> None:
    name, size = _fit(card.name, font, 12.5, _VALUE_W)
    c.setFont(font, size)
    c.drawString(_VALUE_X, _ROWS[0] * MM, name)
    c.setFont(font, 11)
    c.drawString(_VALUE_X, _ROWS[1] * MM, card.ticket_no)
    c.setFont(font, 9)
    c.drawString(_VALUE_X, _ROWS[2] * MM, card.id_masked)
    if card.serial > 1:
        c.setFont(font, 7)
        c.drawRightString(TICKET_W - 3 * MM, 81.5 * MM, f"补发（第 {card.serial} 版）")
    if card.photo:
        _draw_photo(c, card.photo)
    qr.draw_qr(c, card.token, 5 * MM, 4 * MM, QR_SIZE)


def _draw_photo(c: Any, photo: bytes) -> None:
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(photo))
    except Exception:  # a damaged photo leaves the empty box, never a failed batch
        return
    c.setFillColorRGB(1, 1, 1)
    c.rect(71.3 * MM, 45.3 * MM, 21.4 * MM, 30.4 * MM, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawImage(
        image,
        71.5 * MM,
        45.5 * MM,
        21 * MM,
        30 * MM,
        preserveAspectRatio=True,
        anchor="c",
    )


# --------------------------------------------------------------------------- data


def _load(
    db: Database, event_id: uuid.UUID, issued: list[IssuedTicket]
) -> tuple[_EventText, list[_Card]]:
    by_reg = {t.registration_id: t for t in issued}
    with db.read() as s:
        ev = load_event(s, event_id)
        trade = ev.trade.name + (f"（{ev.trade.grade}）" if ev.trade.grade else "")
        info = _EventText(
            ev.name, trade, ev.venue, ev.start_at, ev.checkin_opens_at, ev.checkin_closes_at
        )
        people: dict[uuid.UUID, Contestant] = {}
        ids = list(by_reg)
        for i in range(0, len(ids), 500):
            for reg_id, person in s.execute(
                select(Registration.id, Contestant)
                .join(Contestant, Contestant.id == Registration.contestant_id)
                .where(Registration.id.in_(ids[i : i + 500]))
            ).all():
                people[reg_id] = person
    cards = [
        _Card(
            t.ticket_no,
            people[t.registration_id].name,
            mask_id(people[t.registration_id].id_number),
            t.serial,
            t.token,
            people[t.registration_id].photo,
        )
        for t in issued
        if t.registration_id in people
    ]
    return info, cards


def _render(
    path: Path,
    info: _EventText,
    cards: list[_Card],
    per_page: int,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> int:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font("sans")
    slots = _slots(per_page)
    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(f"准考证 {info.title}")
    c.setAuthor("kmjudge")
    c.setCreator(f"kmjudge {__version__}")
    c.setSubject("准考证 admission tickets")
    _define_ticket_form(c, info, font)
    _define_page_form(c, per_page)
    total = len(cards)
    pages = 0
    for i, card in enumerate(cards):
        if cancelled(cancel):
            raise Cancelled()
        slot = i % per_page
        if slot == 0:
            if i:
                c.showPage()
            c.doForm(_PAGE_FORM)
            pages += 1
        x, y, scale = slots[slot]
        c.saveState()
        c.translate(x, y)
        c.scale(scale, scale)
        c.doForm(_TICKET_FORM)
        _draw_card(c, card, font)
        c.restoreState()
        if progress is not None:
            progress(i + 1, total)
    if cancelled(cancel):
        raise Cancelled()
    c.showPage()
    c.save()
    return pages


# --------------------------------------------------------------------------- public


def write_tickets_pdf(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    path: str | Path,
    *,
    per_page: int = 6,
    registration_ids: Iterable[uuid.UUID] | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    today: date | None = None,
    _reprint: bool = False,
) -> TicketsPdf:
    """Print the tickets of an event (or of the given registrations) into one PDF, issuing
    tokens where needed. Withdrawn and disqualified contestants are left out."""
    require(actor, Perm.PRINT_TICKETS)
    if per_page not in LAYOUTS:
        raise KmError("每页准考证数只能是 1、4 或 6。", "Tickets per page must be 1, 4 or 6.")
    issued = issue_tickets(db, actor, event_id, registration_ids, today=today)
    info, cards = _load(db, event_id, issued)
    if not cards:
        raise KmError("没有可打印的准考证。", "There are no tickets to print.", code="empty")
    with atomic_output(path) as tmp:
        pages = _render(tmp, info, cards, per_page, progress, cancel)
    with db.write() as s:
        s.add(
            PrintLog(
                kind="ticket",
                event_id=event_id,
                count=len(cards),
                reprint=_reprint,
                user_id=actor.user_id,
                device_id=db.device.id,
            )
        )
        audit.record(
            s,
            db,
            actor,
            "ticket.print",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            after={
                "file": Path(path).name,
                "count": len(cards),
                "per_page": per_page,
                "reprint": _reprint,
                "tickets": [[card.ticket_no, card.serial] for card in cards][:2000],
            },
        )
    return TicketsPdf(Path(path), len(cards), pages)


def reprint_ticket_pdf(
    db: Database,
    actor: Actor,
    registration_id: uuid.UUID,
    path: str | Path,
    reason: str,
    *,
    per_page: int = 1,
    today: date | None = None,
) -> TicketsPdf:
    """补发: a new serial for one contestant (the old ticket is revoked) and its PDF."""
    ticket = reissue_ticket(db, actor, registration_id, reason, today=today)
    with db.read() as s:
        event_id = s.scalar(select(Registration.event_id).where(Registration.id == registration_id))
    assert event_id is not None
    return write_tickets_pdf(
        db,
        actor,
        event_id,
        path,
        per_page=per_page,
        registration_ids=[ticket.registration_id],
        today=today,
        _reprint=True,
    )
