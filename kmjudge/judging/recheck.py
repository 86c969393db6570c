"""复核 recheck: all of the top 10 plus a random 15 % of the rest, then the error rate.

``recheck_sample`` draws once per event (with ``secrets``; a second call returns the same
draw, so nobody can redraw until a convenient sample comes up). The ranking it draws from is a
parameter: registration id -> rank within its ranking group. By default it comes from the
results engine (``kmjudge.results``); without it, from a simple ranking by practical total
(mean of the counting judges' marks). ``record_recheck`` stores each outcome. When the errors
found in the sample exceed 5 % of the sample, every other ranked contestant is added for a
full recheck (reason ``full``), and locking the event waits until all are checked.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import to_local, utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import AuditEntry, Event, Recheck, Registration, Score, User
from kmjudge.errors import KmError, NotFound
from kmjudge.judging import common, rules
from kmjudge.judging.views import RecheckItem, RecheckStatus

TOP_N = 10
SAMPLE_RATIO = Decimal("0.15")
ERROR_LIMIT = Decimal("0.05")
SAMPLE_REASONS = ("top", "sample")


def sample_size(rest: int, ratio: Decimal = SAMPLE_RATIO) -> int:
    """ceil(ratio x rest), exactly (15 % of 20 is 3, of 21 is 4)."""
    return math.ceil(Decimal(rest) * ratio)


def simple_ranking(s: Session, ev: Event) -> dict[uuid.UUID, int]:
    """Competition ranks (1, 2, 2, 4) by practical total: mean of the counting judges on each
    aspect, J as max x mean/3, deductions as mean occurrences x per occurrence (capped), never
    below 0. The fallback when the results engine is not there."""
    scheme = common.scheme_index(s, ev.id)
    active = {x.registration_id for x in common.seats(s, ev) if x.active}
    marks: dict[tuple[uuid.UUID, uuid.UUID], list[Decimal]] = {}
    for reg_id, asp_id, value in s.execute(
        select(Score.registration_id, Score.aspect_id, Score.value).where(
            Score.event_id == ev.id, Score.trainee.is_(False)
        )
    ):
        marks.setdefault((reg_id, asp_id), []).append(value)
    totals: dict[uuid.UUID, Decimal] = {}
    for reg_id in active:
        total = Decimal(0)
        for a in scheme.aspects:
            vals = marks.get((reg_id, a.id))
            if not vals:
                continue
            mean = sum(vals, Decimal(0)) / len(vals)
            if a.kind == "J":
                total += a.max_mark * mean / 3
            elif a.kind == "D":
                total -= rules.deduction_points(a, mean)
            else:
                total += mean
        totals[reg_id] = max(total, Decimal(0))
    ordered = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    ranks: dict[uuid.UUID, int] = {}
    for i, (reg_id, total) in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        ranks[reg_id] = ranks[prev[0]] if prev and prev[1] == total else i + 1
    return ranks


def default_ranking(db: Database, event_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Ranks from the results engine when it ranks everyone still competing; otherwise (e.g.
    theory scores not imported yet, so the engine ranks nobody) ``simple_ranking``."""
    with db.read() as s:
        ev = common.load_event(s, event_id)
        competing = set(_competing(s, ev))
        fallback = simple_ranking(s, ev)
    try:
        from kmjudge.results.engine import compute
        from kmjudge.results.load import load_event
    except ImportError:  # pragma: no cover - the engine ships with the core
        return fallback
    result = compute(load_event(db, event_id).inputs)
    ranks = {uuid.UUID(r.key): r.rank for r in result.rows if r.rank is not None}
    return ranks if competing and competing <= set(ranks) else fallback


def _items(s: Session, event_id: uuid.UUID) -> list[RecheckItem]:
    rows = s.execute(
        select(Recheck, Registration.station_no)
        .join(Registration, Registration.id == Recheck.registration_id)
        .where(Recheck.event_id == event_id)
    ).all()
    order = {"top": 0, "sample": 1, "full": 2}
    items = [
        RecheckItem(
            r.id,
            st,
            r.registration_id,
            r.reason,
            r.checked_at is not None,
            r.found_error,
            r.note,
        )
        for r, st in rows
    ]
    items.sort(key=lambda i: (order.get(i.reason, 3), i.station_no or 0))
    return items


def status_in(s: Session, event_id: uuid.UUID, limit: Decimal = ERROR_LIMIT) -> RecheckStatus:
    items = _items(s, event_id)
    sample = [i for i in items if i.reason in SAMPLE_REASONS]
    errors = sum(1 for i in sample if i.found_error)
    rate = Decimal(errors) / Decimal(len(sample)) if sample else Decimal(0)
    full_required = rate > limit
    has_full = any(i.reason == "full" for i in items)
    return RecheckStatus(
        drawn=bool(items),
        items=tuple(items),
        sample_size=len(sample),
        errors=errors,
        error_rate=rate,
        limit=limit,
        full_required=full_required,
        complete=bool(items) and all(i.checked for i in items) and (has_full or not full_required),
    )


def recheck_sample(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    ranking: Mapping[uuid.UUID, int] | None = None,
    *,
    top_n: int = TOP_N,
    ratio: Decimal = SAMPLE_RATIO,
) -> RecheckStatus:
    """Draw the recheck sample: everyone ranked ``top_n`` or better (ties included) plus
    ceil(``ratio`` x the rest) drawn at random. Drawn once; later calls return that draw."""
    with db.read() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        common.load_event(s, event_id)
        if s.scalar(select(Recheck.id).where(Recheck.event_id == event_id)) is not None:
            return status_in(s, event_id)
    if ranking is None:
        _require_complete_marks(db, event_id)
    ranks = dict(ranking) if ranking is not None else default_ranking(db, event_id)
    if not ranks:
        raise KmError(
            "还没有可排名的选手，不能抽取复核样本。",
            "Nobody is ranked yet; nothing to draw a recheck sample from.",
            code="no_ranking",
        )
    top = sorted((r for r, k in ranks.items() if k <= top_n), key=lambda r: ranks[r])
    rest = sorted((r for r in ranks if r not in set(top)), key=str)
    drawn = secrets.SystemRandom().sample(rest, sample_size(len(rest), ratio))
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id, lock=True)
        if s.scalar(select(Recheck.id).where(Recheck.event_id == ev.id)) is not None:
            return status_in(s, ev.id)  # drawn meanwhile on another computer
        known = set(s.scalars(select(Registration.id).where(Registration.event_id == ev.id)))
        stray = [r for r in ranks if r not in known]
        if stray:
            raise NotFound(
                "排名中有不属于本场次的选手。", "The ranking names unknown registrations."
            )
        for reg_id, reason in [*((r, "top") for r in top), *((r, "sample") for r in drawn)]:
            s.add(Recheck(event_id=ev.id, registration_id=reg_id, reason=reason))
        s.flush()
        station = {
            r[0]: r[1]
            for r in s.execute(
                select(Registration.id, Registration.station_no).where(
                    Registration.event_id == ev.id
                )
            )
        }
        audit.record(
            s,
            db,
            actor,
            "recheck.draw",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            after={
                "top": [station.get(r) for r in top],
                "sample": sorted(station.get(r) or 0 for r in drawn),
                "population": len(ranks),
                "ratio": ratio,
                "top_n": top_n,
                # the ranking the draw used, so the list can say later why each was drawn
                "ranks": sorted(
                    ([str(r), station.get(r), k] for r, k in ranks.items()),
                    key=lambda x: (x[2], x[1] or 0),
                ),
            },
        )
        return status_in(s, ev.id)


def _require_complete_marks(db: Database, event_id: uuid.UUID) -> None:
    """The default ranking means something only once every mark is in: refuse earlier."""
    from kmjudge.judging import completeness

    with db.read() as s:
        comp = completeness.compute(s, common.load_event(s, event_id))
    if comp.missing_count:
        raise KmError(
            f"评分尚未完成（还缺 {comp.missing_count} 项），排名未定，不能抽取复核样本；"
            "请先在“完整性”中补齐评分。",
            f"Marking is not finished ({comp.missing_count} mark(s) missing), so the ranking "
            "is not final; finish marking before drawing the recheck sample.",
            code="incomplete",
        )


def record_recheck(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    station_no: int,
    found_error: bool,
    note: str = "",
) -> RecheckStatus:
    """Record one recheck's outcome. Errors above 5 % of the sample add everyone else."""
    with db.write() as s:
        common.require_chief(s, actor, event_id, Perm.REVIEW_SCORES)
        ev = common.load_event(s, event_id, lock=True)
        seat = common.seat_at(s, ev, station_no)
        row = s.scalar(
            select(Recheck).where(
                Recheck.event_id == ev.id, Recheck.registration_id == seat.registration_id
            )
        )
        if row is None:
            raise NotFound(
                f"{station_no} 号工位不在复核名单中。",
                f"Station {station_no} is not on the recheck list.",
            )
        if found_error and len(" ".join(note.split())) < 2:
            raise KmError(
                "发现差错时请写明差错内容。", "Describe the error found.", code="reason_required"
            )
        before = {"found_error": row.found_error, "note": row.note}
        row.found_error = bool(found_error)
        row.note = " ".join(note.split())[:1000]
        row.checked_at = utcnow()
        row.checked_by = actor.user_id
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "recheck.record",
            entity="recheck",
            entity_id=row.id,
            event_id=ev.id,
            before=before,
            after={"station": station_no, "found_error": row.found_error, "note": row.note},
        )
        st = status_in(s, ev.id)
        if st.full_required and not any(i.reason == "full" for i in st.items):
            ranked = set(_competing(s, ev))
            on_list = {i.registration_id for i in st.items}
            extra = sorted(ranked - on_list, key=str)
            for reg_id in extra:
                s.add(Recheck(event_id=ev.id, registration_id=reg_id, reason="full"))
            s.flush()
            audit.record(
                s,
                db,
                actor,
                "recheck.full_required",
                entity="event",
                entity_id=ev.id,
                event_id=ev.id,
                after={
                    "errors": st.errors,
                    "sample": st.sample_size,
                    "rate": st.error_rate,
                    "added": len(extra),
                },
            )
            st = status_in(s, ev.id)
        return st


def _competing(s: Session, ev: Event) -> list[uuid.UUID]:
    """Everyone still competing (the population of a full recheck)."""
    return [x.registration_id for x in common.seats(s, ev) if x.active]


def recheck_status(db: Database, actor: Actor, event_id: uuid.UUID) -> RecheckStatus:
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        common.load_event(s, event_id)
        return status_in(s, event_id)


# --------------------------------------------------------------------------- the list

REASONS_ZH = {"top": "排名前 {n} 名", "sample": "随机抽样", "full": "全部复核（差错率超限）"}
REASONS_EN = {"top": "top {n}", "sample": "random sample", "full": "full recheck (error rate)"}


@dataclass(frozen=True)
class RecheckRow:
    """One line of the recheck list: which station, why it was drawn, and the outcome."""

    station_no: int | None
    reason: str  # top | sample | full
    rank: int | None  # the rank the draw used (None: not known)
    checked: bool
    found_error: bool | None
    note: str
    checked_by: str  # display name
    checked_at: datetime | None  # naive UTC

    def why_zh(self, top_n: int = TOP_N) -> str:
        text = REASONS_ZH.get(self.reason, self.reason).format(n=top_n)
        if self.reason == "top" and self.rank is not None:
            text += f"（第 {self.rank} 名）"
        return text

    def why_en(self, top_n: int = TOP_N) -> str:
        text = REASONS_EN.get(self.reason, self.reason).format(n=top_n)
        if self.reason == "top" and self.rank is not None:
            text += f" (rank {self.rank})"
        return text

    @property
    def outcome_zh(self) -> str:
        if not self.checked:
            return "待复核"
        return "有差错" if self.found_error else "无误"


@dataclass(frozen=True)
class RecheckList:
    """The recheck sample as the chief judge works through it (stations only: blind)."""

    event_name: str
    status: RecheckStatus
    rows: tuple[RecheckRow, ...]
    drawn_at: datetime | None  # naive UTC
    drawn_by: str
    population: int | None  # contestants ranked when drawn
    ratio: Decimal
    top_n: int

    @property
    def checked(self) -> int:
        return sum(1 for r in self.rows if r.checked)

    @property
    def top_count(self) -> int:
        return sum(1 for r in self.rows if r.reason == "top")

    @property
    def sample_count(self) -> int:
        return sum(1 for r in self.rows if r.reason == "sample")

    def rule_zh(self) -> str:
        pct = format((self.ratio * 100).normalize(), "f")
        limit = format((self.status.limit * 100).normalize(), "f")
        return (
            f"排名前 {self.top_n} 名（含并列）全部复核，其余选手随机抽取 {pct}%；"
            f"差错率超过 {limit}% 时须全部复核。"
        )

    def rule_en(self) -> str:
        pct = format((self.ratio * 100).normalize(), "f")
        limit = format((self.status.limit * 100).normalize(), "f")
        return (
            f"Everyone ranked {self.top_n} or better (ties included) plus a random {pct} % "
            f"of the rest; an error rate above {limit} % means a full recheck."
        )


def _draw_entry(s: Session, event_id: uuid.UUID) -> AuditEntry | None:
    return s.scalar(
        select(AuditEntry)
        .where(AuditEntry.event_id == event_id, AuditEntry.action == "recheck.draw")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


def recheck_list(db: Database, actor: Actor, event_id: uuid.UUID) -> RecheckList:
    """The drawn stations with why each was drawn (rank at the draw), outcome, who and when."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.LOCK)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        st = status_in(s, ev.id)
        entry = _draw_entry(s, ev.id)
        checked = {
            r.id: (r.checked_by, r.checked_at)
            for r in s.scalars(select(Recheck).where(Recheck.event_id == ev.id))
        }
        names = {
            uid: name
            for uid, name in s.execute(
                select(User.id, User.display_name).where(
                    User.id.in_([c[0] for c in checked.values() if c[0] is not None])
                )
            )
        }
        after = dict(entry.after or {}) if entry is not None else {}
        drawn_at = _parse_at(entry.at) if entry is not None else None
        drawn_by = entry.username if entry is not None else ""
        if entry is not None and entry.user_id is not None:
            drawn_by = s.scalar(select(User.display_name).where(User.id == entry.user_id)) or (
                drawn_by
            )
        event_name = ev.name
    ranks: dict[uuid.UUID, int] = {}
    for item in after.get("ranks") or []:
        try:
            ranks[uuid.UUID(str(item[0]))] = int(item[2])
        except (ValueError, TypeError, IndexError):
            continue
    if st.drawn and not ranks:  # drawn before ranks were recorded: today's ranking
        ranks = default_ranking(db, event_id)
    rows = []
    for i in st.items:
        by, at = checked.get(i.id, (None, None))
        rows.append(
            RecheckRow(
                i.station_no,
                i.reason,
                ranks.get(i.registration_id),
                i.checked,
                i.found_error,
                i.note,
                names.get(by, "") if by is not None else "",
                at,
            )
        )
    population = after.get("population")
    return RecheckList(
        event_name=event_name,
        status=st,
        rows=tuple(rows),
        drawn_at=drawn_at,
        drawn_by=drawn_by,
        population=int(population) if population is not None else None,
        ratio=Decimal(str(after.get("ratio", SAMPLE_RATIO))),
        top_n=int(after.get("top_n", TOP_N)),
    )


def _parse_at(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return None


def _local(value: datetime | None) -> str:
    local = to_local(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def write_recheck_xlsx(db: Database, actor: Actor, event_id: uuid.UUID, path: str | Path) -> Path:
    """The printable recheck list (复核清单): one row per drawn station with why it was drawn,
    the outcome so far and empty columns to fill in and sign on paper. A4 landscape."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    rl = recheck_list(db, actor, event_id)
    if not rl.status.drawn:
        raise KmError(
            "尚未抽取复核样本，没有可打印的复核清单。",
            "The recheck sample has not been drawn yet; there is no list to print.",
            code="not_drawn",
        )
    st = rl.status
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "复核清单"
    ws.append([f"{rl.event_name}　复核清单"])
    ws["A1"].font = Font(bold=True, size=14)
    drawn = f"抽取时间：{_local(rl.drawn_at)}　抽取人：{rl.drawn_by}"
    if rl.population is not None:
        drawn += f"　参与排名 {rl.population} 人"
    ws.append([drawn])
    ws.append([f"抽取规则：{rl.rule_zh()}"])
    pct = format((st.error_rate * 100).quantize(Decimal("0.1")), "f")
    line = (
        f"前 {rl.top_n} 名 {rl.top_count} 人，随机抽样 {rl.sample_count} 人；"
        f"已复核 {rl.checked}/{len(rl.rows)}，差错 {st.errors} 处，差错率 {pct}%"
    )
    if st.full_required:
        line += "　★ 差错率超过上限，须全部复核"
    ws.append([line])
    if st.full_required:
        ws["A4"].font = Font(bold=True, color="A61B1B")
    header = ["序号", "工位号", "抽取原因", "复核结果", "差错说明", "复核人", "复核时间", "签字"]
    ws.append(header)
    head_row = ws.max_row
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in ws[head_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for n, r in enumerate(rl.rows, start=1):
        ws.append(
            [
                n,
                r.station_no,
                r.why_zh(rl.top_n),
                r.outcome_zh if r.checked else "□ 无误　□ 有差错",
                r.note,
                r.checked_by,
                _local(r.checked_at),
                "",
            ]
        )
        for cell in ws[ws.max_row]:
            cell.border = box
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[ws.max_row].height = 24
    ws.append([])
    ws.append(["裁判长签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿＿＿＿＿"])
    for col, width in zip("ABCDEFGH", (6, 8, 26, 16, 40, 12, 17, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    wb.save(tmp)
    tmp.replace(out)
    return out


__all__ = [
    "ERROR_LIMIT",
    "SAMPLE_RATIO",
    "TOP_N",
    "RecheckList",
    "RecheckRow",
    "default_ranking",
    "recheck_list",
    "recheck_sample",
    "recheck_status",
    "record_recheck",
    "sample_size",
    "simple_ranking",
    "write_recheck_xlsx",
]
