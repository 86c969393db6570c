"""Station draw (抽签 工位号): at check-in or as a batch, with ``secrets``, audited in full.

Stations are numbered 1..N. N is the event's configured station count or, by default, one per
contestant who still needs or holds a station (registered or checked in, plus anyone who already
holds one). Uniqueness is the database's job: ``registration`` has a unique constraint on
(event_id, station_no), so two contestants can never share a station, whatever two desks do.

Each draw is uniform over the free stations (see ``draw_station``).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.checkin.common import atomic_output, load_event, zh_datetime
from kmjudge.clock import to_local, utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, Registration, Setting
from kmjudge.errors import KmError

LIVE = ("registered", "checked_in")
OTHER = ("absent", "withdrawn", "disqualified")
_PROBES = 32
_BLOCK = 256


@dataclass(frozen=True)
class CheckinSettings:
    """Per-event check-in options (stored in the ``setting`` table as ``checkin:<event id>``).

    ``draw_at_checkin``: give each contestant a random free station when they check in
    (default). Otherwise stations are drawn later with :func:`draw_all`.
    ``stations``: how many stations the venue has (None: one per contestant).
    """

    draw_at_checkin: bool = True
    stations: int | None = None


def _key(event_id: uuid.UUID) -> str:
    return f"checkin:{event_id}"


def settings_in(s: Session, event_id: uuid.UUID) -> CheckinSettings:
    row = s.get(Setting, _key(event_id))
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    stations = value.get("stations")
    return CheckinSettings(
        draw_at_checkin=bool(value.get("draw_at_checkin", True)),
        stations=int(stations) if isinstance(stations, int) and stations > 0 else None,
    )


def get_settings(db: Database, event_id: uuid.UUID) -> CheckinSettings:
    with db.read() as s:
        load_event(s, event_id)
        return settings_in(s, event_id)


def set_settings(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    *,
    draw_at_checkin: bool = True,
    stations: int | None = None,
) -> CheckinSettings:
    """Set how stations are drawn for an event (administrators)."""
    require(actor, Perm.SETUP_EVENTS)
    if stations is not None and not 1 <= stations <= 100_000:
        raise KmError(
            "工位数须为正整数。", "The number of stations must be a positive whole number."
        )
    new = CheckinSettings(draw_at_checkin=draw_at_checkin, stations=stations)
    with db.write() as s:
        load_event(s, event_id)
        old = settings_in(s, event_id)
        row = s.get(Setting, _key(event_id))
        value = {"draw_at_checkin": draw_at_checkin, "stations": stations}
        if row is None:
            s.add(Setting(key=_key(event_id), value=value))
        else:
            row.value = value
        audit.record(
            s,
            db,
            actor,
            "checkin.settings",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            before=old.__dict__,
            after=new.__dict__,
        )
    return new


def _counts(s: Session, event_id: uuid.UUID) -> tuple[int, int]:
    """(contestants who need or hold a station, stations held), in one round trip of index
    range counts."""
    live = (
        select(func.count())
        .select_from(Registration)
        .where(Registration.event_id == event_id, Registration.status.in_(LIVE))
        .scalar_subquery()
    )
    # count(station_no) counts the non-null ones; a WHERE on station_no would lead SQLite to the
    # station index and a status lookup for everyone already holding a station.
    holding = (
        select(func.count(Registration.station_no))
        .where(Registration.event_id == event_id, Registration.status.in_(OTHER))
        .scalar_subquery()
    )
    held = (
        select(func.count(Registration.station_no))
        .where(Registration.event_id == event_id, Registration.station_no.is_not(None))
        .scalar_subquery()
    )
    row = s.execute(select(live + holding, held)).one()
    return int(row[0] or 0), int(row[1] or 0)


def station_count(s: Session, event_id: uuid.UUID, settings: CheckinSettings) -> int:
    """N: the configured number of stations, or one per contestant who needs or holds one."""
    return settings.stations or _counts(s, event_id)[0]


def used_stations(s: Session, event_id: uuid.UUID) -> set[int]:
    rows = s.scalars(
        select(Registration.station_no).where(
            Registration.event_id == event_id, Registration.station_no.is_not(None)
        )
    )
    return {int(r) for r in rows if r is not None}


def _by_rank(s: Session, event_id: uuid.UUID, n: int) -> int | None:
    """A uniformly random free station in 1..n without reading every taken one: count the
    taken stations per block of 256 (one grouped index scan), pick a uniform rank among the
    free ones, and read only the block that holds it."""
    block = (Registration.station_no - 1) // _BLOCK
    taken_per_block = dict(
        s.execute(
            select(block, func.count())
            .where(
                Registration.event_id == event_id,
                Registration.station_no.is_not(None),
                Registration.station_no <= n,
            )
            .group_by(block)
        ).all()
    )
    free_per_block = [
        min(_BLOCK, n - b * _BLOCK) - int(taken_per_block.get(b, 0)) for b in range(-(-n // _BLOCK))
    ]
    total = sum(free_per_block)
    if total <= 0:
        return None
    rank = secrets.randbelow(total)
    for b, free in enumerate(free_per_block):
        if rank < free:
            lo, hi = b * _BLOCK + 1, min(n, (b + 1) * _BLOCK)
            taken = set(
                s.scalars(
                    select(Registration.station_no).where(
                        Registration.event_id == event_id,
                        Registration.station_no.between(lo, hi),
                    )
                )
            )
            for station in range(lo, hi + 1):
                if station not in taken:
                    if rank == 0:
                        return station
                    rank -= 1
        rank -= free
    raise AssertionError("free-station ranks out of step")  # pragma: no cover


def draw_station(s: Session, event_id: uuid.UUID, settings: CheckinSettings) -> int | None:
    """A uniformly random free station (inside the caller's write transaction), or None when
    every station is taken.

    While at least 1/8 of the stations are free, 32 independent uniform candidates are checked
    in one query and the first free one (in draw order) is taken: rejection sampling, uniform
    over the free stations, failing with probability below 1.4 %. Otherwise (or then) a uniform
    rank among the free stations is drawn and looked up block-wise (``_by_rank``).
    """
    needed, held = _counts(s, event_id)
    n = settings.stations or needed
    if n <= 0:
        return None
    if (n - held) * 8 >= n:  # (stations above n, held since N shrank, only make this rarer)
        candidates = [secrets.randbelow(n) + 1 for _ in range(_PROBES)]
        taken = set(
            s.scalars(
                select(Registration.station_no).where(
                    Registration.event_id == event_id,
                    Registration.station_no.in_(sorted(set(candidates))),
                )
            )
        )
        for station in candidates:
            if station not in taken:
                return station
    return _by_rank(s, event_id, n)


def shuffled(items: list[Any]) -> list[Any]:
    """Fisher-Yates with ``secrets`` (cryptographically random)."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


@dataclass(frozen=True)
class DrawnStation:
    registration_id: uuid.UUID
    ticket_no: str
    station_no: int


@dataclass(frozen=True)
class DrawResult:
    stations: int  # N
    drawn: list[DrawnStation]
    left_without: int  # checked-in contestants for whom no free station was left


def draw_all(db: Database, actor: Actor, event_id: uuid.UUID) -> DrawResult:
    """Draw stations for every checked-in contestant who has none yet, in one transaction.
    The audit entry lists the whole result."""
    require(actor, Perm.CHECKIN)
    with db.write() as s:
        load_event(s, event_id)
        settings = settings_in(s, event_id)
        waiting = list(
            s.scalars(
                select(Registration)
                .where(
                    Registration.event_id == event_id,
                    Registration.status == "checked_in",
                    Registration.station_no.is_(None),
                )
                .order_by(Registration.ticket_no)
                .with_for_update()
            )
        )
        n = station_count(s, event_id, settings)
        free = shuffled(sorted(set(range(1, n + 1)) - used_stations(s, event_id)))
        order = shuffled(waiting)
        drawn: list[DrawnStation] = []
        for reg, station in zip(order, free, strict=False):
            reg.station_no = station
            reg.version += 1
            drawn.append(DrawnStation(reg.id, reg.ticket_no, station))
        s.flush()
        result = DrawResult(
            stations=n,
            drawn=sorted(drawn, key=lambda d: d.station_no),
            left_without=max(0, len(waiting) - len(free)),
        )
        audit.record(
            s,
            db,
            actor,
            "checkin.draw_all",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            after={
                "method": "secrets",
                "stations": n,
                "left_without": result.left_without,
                "result": [
                    {
                        "registration": d.registration_id,
                        "ticket": d.ticket_no,
                        "station": d.station_no,
                    }
                    for d in result.drawn
                ],
            },
        )
    return result


# --------------------------------------------------------------------------- draw list PDF


@dataclass(frozen=True)
class DrawListRow:
    station_no: int | None
    ticket_no: str
    name: str
    employer: str
    status: str


def draw_list(db: Database, actor: Actor, event_id: uuid.UUID) -> list[DrawListRow]:
    """Everyone with a station, by station; then checked-in contestants still without one."""
    require(actor, Perm.VIEW_NAMES)
    with db.read() as s:
        load_event(s, event_id)
        rows = s.execute(
            select(Registration, Contestant)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(
                Registration.event_id == event_id,
                or_(Registration.station_no.is_not(None), Registration.status == "checked_in"),
            )
        ).all()
    out = [
        DrawListRow(r.station_no, r.ticket_no, c.name, r.employer or c.employer, r.status)
        for r, c in rows
    ]
    out.sort(key=lambda d: (d.station_no is None, d.station_no or 0, d.ticket_no))
    return out


def write_draw_list_pdf(db: Database, actor: Actor, event_id: uuid.UUID, path: str | Path) -> Path:
    """工位抽签表: station, ticket number, name, employer; A4, CJK font embedded."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kmjudge.checkin.fonts import cjk_font
    from kmjudge.registration.service import STATUS_ZH

    rows = draw_list(db, actor, event_id)
    with db.read() as s:
        ev = load_event(s, event_id)
        title, trade, venue, start = ev.name, ev.trade.name, ev.venue, ev.start_at
    font = cjk_font("sans")
    cell = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=font, fontSize=17, leading=22, alignment=1)
    sub = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1)
    data: list[list[Any]] = [["工位号", "准考证号", "姓名", "工作单位", "备注"]]
    for r in rows:
        note = "" if r.status == "checked_in" else STATUS_ZH.get(r.status, r.status)
        data.append(
            [
                str(r.station_no) if r.station_no else "未抽签",
                r.ticket_no,
                Paragraph(_esc(r.name), cell),
                Paragraph(_esc(r.employer), cell),
                note,
            ]
        )
    table = Table(data, colWidths=[20 * mm, 28 * mm, 30 * mm, 78 * mm, 24 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 9.5),
                ("FONTSIZE", (0, 0), (-1, 0), 10.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (0, 0), (1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    generated = to_local(utcnow())
    made = zh_datetime(generated.replace(tzinfo=None) if generated else datetime.now())
    story = [
        Paragraph("工位抽签表", head),
        Paragraph(_esc(title if trade in title else f"{title}（{trade}）"), sub),
        Paragraph(_esc(f"{venue}　{zh_datetime(start)}"), sub),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph(
            _esc(f"共 {sum(1 for r in rows if r.station_no)} 个工位已抽签。生成时间：{made}"), cell
        ),
        Spacer(1, 10 * mm),
        Paragraph("检录员签字：________________　　监督员签字：________________", cell),
    ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
            title=f"工位抽签表 {title}",
            author="kmjudge",
            initialFontName=font,  # else every page names Helvetica, which is not embedded
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return Path(path)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
