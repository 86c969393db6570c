"""The city office's roll-ups over the venues' imported packages.

- the year's **targets** (data for each year, never code: ``set_targets`` from a TOML or CSV
  file) and **training head counts** (``import_training`` from a CSV/xlsx sheet);
- **progress** of the city and of each district against the targets: competitions (distinct
  competitions with an event at that level), trades (distinct trades) and workers trained;
- **results** per event (recomputed here by the results engine from the imported marks), the
  **winners list** for the city's 通报, the **qualification-upgrade list** (晋升职业资格等级)
  and **nomination candidates** (first places of city-level events: 昆明市优秀技术能手,
  五一劳动奖章 ...);
- an xlsx workbook and a PDF with all of it, with bar charts of the targets.

City-level events count for the city's target; district, county and park events count for
their district. Districts are matched without their suffix (五华 = 五华区).
"""

from __future__ import annotations

import csv
import hashlib
import io
import tomllib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.errors import Issue, KmError, ValidationFailed

CITY = ""
OTHERS = "*"
DISTRICT_LEVELS = ("district", "county", "park")


def district_key(name: str) -> str:
    """五华区 / 五华 -> 五华; 安宁市 -> 安宁; 高新区 -> 高新 (for matching, not display)."""
    text = "".join(name.split())
    for suffix in ("区", "县", "市"):
        if len(text) > 2 and text.endswith(suffix):
            return text[: -len(suffix)]
    return text


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    district: str  # "" = the city; "*" = every district not named
    competitions: int
    trades: int
    trained: int = 0
    note: str = ""


def parse_targets(path: str | Path) -> tuple[int | None, list[Target]]:
    """A targets file: TOML (``year``, ``[city]``, ``[districts."五华区"]``, ``[districts."*"]``)
    or CSV (区县, 竞赛数, 工种数, 培训人数; 区县 "全市" = the city, "其他" = the rest)."""
    p = Path(path)
    issues: list[Issue] = []
    year: int | None = None
    out: list[Target] = []
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise KmError(f"无法读取 {p}：{exc}", f"Cannot read {p}: {exc}") from exc
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValidationFailed([Issue(p.name, "toml", f"格式错误：{exc}", str(exc))]) from exc
        y = data.get("year")
        year = y if isinstance(y, int) else None
        entries: list[tuple[str, Any]] = []
        if "city" in data:
            entries.append((CITY, data["city"]))
        for name, v in (data.get("districts") or {}).items():
            entries.append((OTHERS if name in ("*", "其他") else name, v))
        for name, v in entries:
            where = f"[{name or 'city'}]"
            if not isinstance(v, dict):
                issues.append(Issue(where, "type", "应为表", "must be a table"))
                continue
            vals = {k: v.get(k, 0) for k in ("competitions", "trades", "trained")}
            bad = [k for k, x in vals.items() if type(x) is not int or x < 0]
            if bad:
                issues.append(
                    Issue(where, "number", f"{', '.join(bad)} 应为非负整数", f"{bad}: not >= 0")
                )
                continue
            out.append(Target(name, vals["competitions"], vals["trades"], vals["trained"]))
    else:
        text = raw.decode("utf-8-sig", errors="replace")
        for i, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            name = (row.get("区县") or row.get("district") or "").strip()
            if name in ("全市", "市级", "city"):
                name = CITY
            elif name in ("其他", "其它", "*"):
                name = OTHERS
            vals2: list[int] = []
            for keys in (("竞赛数", "competitions"), ("工种数", "trades"), ("培训人数", "trained")):
                cell = next((row[k] for k in keys if row.get(k) not in (None, "")), "0")
                try:
                    n = int(str(cell).strip())
                    if n < 0:
                        raise ValueError
                    vals2.append(n)
                except ValueError:
                    issues.append(
                        Issue(f"第 {i} 行", keys[1], f"{keys[0]} 应为非负整数", f"{keys[1]}")
                    )
            if len(vals2) == 3:
                out.append(Target(name, vals2[0], vals2[1], vals2[2]))
    if issues:
        raise ValidationFailed(issues)
    if not out:
        raise ValidationFailed([Issue(p.name, "empty", "文件中没有目标", "no targets in the file")])
    return year, out


def set_targets(db: Database, actor: Actor, year: int, targets: list[Target]) -> None:
    """Replace the year's targets (audited)."""
    require(actor, Perm.REPORTS)
    names = [t.district for t in targets]
    if len(set(names)) != len(names):
        raise ValidationFailed(
            [Issue("区县", "duplicate", "同一区县出现了两次", "a district appears twice")]
        )
    with db.write() as s:
        before = [
            {"district": t.district, "competitions": t.competitions, "trades": t.trades}
            for t in s.scalars(select(m.YearTarget).where(m.YearTarget.year == year))
        ]
        s.execute(delete(m.YearTarget).where(m.YearTarget.year == year))
        for t in targets:
            s.add(
                m.YearTarget(
                    year=year,
                    district=t.district,
                    competitions=t.competitions,
                    trades=t.trades,
                    trained=t.trained,
                    note=t.note,
                )
            )
        audit.record(
            s,
            db,
            actor,
            "report.targets",
            entity="year_target",
            entity_id=str(year),
            before=before,
            after=[t.__dict__ for t in targets],
        )


def targets(db: Database, year: int) -> list[Target]:
    with db.read() as s:
        return [
            Target(t.district, t.competitions, t.trades, t.trained, t.note)
            for t in s.scalars(
                select(m.YearTarget)
                .where(m.YearTarget.year == year)
                .order_by(m.YearTarget.district)
            )
        ]


# --------------------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainingImport:
    rows: int
    people: int
    duplicate: bool


def import_training(
    db: Database, actor: Actor, path: str | Path, *, year: int | None = None
) -> TrainingImport:
    """A training head-count sheet (.csv or .xlsx): 区县, 单位 (optional), 工种 (optional),
    人数 / 培训人数, 年度 (optional when ``year`` is given). Every row is checked; nothing is
    written if one is wrong. The same file (by content) imported again changes nothing."""
    require(actor, Perm.REPORTS)
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise KmError(f"无法读取 {p}：{exc}", f"Cannot read {p}: {exc}") from exc
    digest = hashlib.sha256(raw).hexdigest()
    source = f"{p.name} {digest[:16]}"
    rows = _sheet_rows(p, raw)
    issues: list[Issue] = []
    parsed: list[dict[str, Any]] = []
    for i, row in rows:

        def cell(*keys: str, row: dict[str, Any] = row) -> str:
            for k in keys:
                v = row.get(k)
                if v not in (None, ""):
                    return str(v).strip()
            return ""

        where = f"第 {i} 行"
        district = cell("区县", "所属区县", "县区", "district")
        count_text = cell("人数", "培训人数", "count")
        year_text = cell("年度", "年份", "year") or (str(year) if year else "")
        if not district and not count_text:
            continue  # blank row
        try:
            count = int(Decimal(count_text))
            if count < 0 or Decimal(count_text) != count:
                raise ValueError
        except (ArithmeticError, ValueError):
            issues.append(
                Issue(where, "人数", f"人数「{count_text}」不是非负整数", "count: not an integer")
            )
            continue
        try:
            y = int(Decimal(year_text))
        except (ArithmeticError, ValueError):
            issues.append(Issue(where, "年度", "缺少年度", "no year"))
            continue
        if not district:
            issues.append(Issue(where, "区县", "缺少区县", "no district"))
            continue
        parsed.append(
            {
                "year": y,
                "district": district[:60],
                "organiser": cell("单位", "培训单位", "组织单位", "organiser")[:200],
                "trade": cell("工种", "trade")[:100],
                "count": count,
                "period": cell("期次", "时间", "period")[:60],
            }
        )
    if issues:
        raise ValidationFailed(issues)
    with db.write() as s:
        if s.scalar(select(m.TrainingCount.id).where(m.TrainingCount.source == source).limit(1)):
            return TrainingImport(len(parsed), sum(r["count"] for r in parsed), True)
        for r in parsed:
            s.add(m.TrainingCount(**r, source=source, imported_by=actor.user_id))
        audit.record(
            s,
            db,
            actor,
            "report.training_import",
            entity="training_count",
            entity_id=digest[:40],
            after={"file": p.name, "rows": len(parsed), "people": sum(r["count"] for r in parsed)},
        )
    return TrainingImport(len(parsed), sum(r["count"] for r in parsed), False)


def _sheet_rows(p: Path, raw: bytes) -> list[tuple[int, dict[str, Any]]]:
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        ws = wb.active
        assert ws is not None
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
        if not values:
            return []
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        return [(i, dict(zip(header, r, strict=False))) for i, r in enumerate(values[1:], start=2)]
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise KmError("无法识别文件编码。", "Unknown text encoding.")
    return [(i, dict(r)) for i, r in enumerate(csv.DictReader(io.StringIO(text)), start=2)]


# --------------------------------------------------------------------------- progress


@dataclass
class ProgressRow:
    district: str  # display name; "" = the city
    competitions: int = 0
    trades: int = 0
    trained: int = 0
    target: Target | None = None
    events: list[str] = field(default_factory=list)
    trade_names: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.district or "市级"

    def met(self, what: str) -> bool | None:
        if self.target is None:
            return None
        return bool(getattr(self, what) >= getattr(self.target, what))


@dataclass(frozen=True)
class Progress:
    year: int
    city: ProgressRow
    districts: tuple[ProgressRow, ...]
    trained_total: int


def progress(db: Database, actor: Actor, year: int) -> Progress:
    require(actor, Perm.REPORTS)
    with db.read() as s:
        rows = s.execute(
            select(m.Event.name, m.Event.level, m.Event.district, m.Competition.name, m.Trade.name)
            .join(m.Competition, m.Event.competition_id == m.Competition.id)
            .join(m.Trade, m.Event.trade_id == m.Trade.id)
            .where(m.Competition.year == year)
            .order_by(m.Event.name)
        ).all()
        training = s.execute(
            select(m.TrainingCount.district, func.sum(m.TrainingCount.count))
            .where(m.TrainingCount.year == year)
            .group_by(m.TrainingCount.district)
        ).all()
    goal = {
        district_key(t.district) if t.district not in (CITY, OTHERS) else t.district: t
        for t in targets(db, year)
    }
    city = ProgressRow(CITY, target=goal.get(CITY))
    by_district: dict[str, ProgressRow] = {}
    comps: dict[str, set[str]] = defaultdict(set)
    trades: dict[str, set[str]] = defaultdict(set)

    def row_for(name: str) -> ProgressRow:
        key = district_key(name)
        if key not in by_district:
            by_district[key] = ProgressRow(name, target=goal.get(key) or goal.get(OTHERS))
        return by_district[key]

    for t in goal.values():
        if t.district not in (CITY, OTHERS):
            row_for(t.district)
    for ev_name, level, district, comp, trade in rows:
        if level == "city":
            target_row, key = city, CITY
        elif level in DISTRICT_LEVELS and district:
            target_row, key = row_for(district), district_key(district)
        else:
            continue
        target_row.events.append(ev_name)
        comps[key].add(comp)
        trades[key].add(trade)
    for district, n in training:
        row_for(district).trained += int(n or 0)
    total = sum(int(n or 0) for _d, n in training)
    city.trained = total
    for key, r in [(CITY, city), *by_district.items()]:
        r.competitions = len(comps[key])
        r.trades = len(trades[key])
        r.trade_names = sorted(trades[key])
    return Progress(
        year, city, tuple(sorted(by_district.values(), key=lambda r: r.district)), total
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ResultLine:
    event_id: uuid.UUID
    event: str
    level: str
    district: str
    trade: str
    rank: int | None
    name: str
    gender: str
    employer: str
    contestant_district: str
    theory: Decimal | None
    practical: Decimal | None
    total: Decimal | None
    award: str  # 一等奖 ...
    title: str
    upgrade: bool
    state: str


@dataclass(frozen=True)
class EventSummary:
    event_id: uuid.UUID
    event: str
    level: str
    district: str
    trade: str
    status: str
    entered: int
    ranked: int
    awards: dict[str, int]
    open_conflicts: int


@dataclass(frozen=True)
class YearResults:
    year: int
    events: tuple[EventSummary, ...]
    lines: tuple[ResultLine, ...]

    @property
    def winners(self) -> list[ResultLine]:
        return [r for r in self.lines if r.award in ("一等奖", "二等奖", "三等奖")]

    @property
    def upgrades(self) -> list[ResultLine]:
        return [r for r in self.lines if r.upgrade]

    @property
    def nominations(self) -> list[ResultLine]:
        """First places of city-level events (candidates for 昆明市优秀技术能手, 五一劳动奖章)."""
        return [r for r in self.lines if r.level == "city" and r.rank == 1]


def year_results(db: Database, actor: Actor, year: int) -> YearResults:
    """Every event of the year recomputed from the imported marks (the results engine)."""
    require(actor, Perm.REPORTS)
    from kmjudge.results.engine import compute
    from kmjudge.results.load import load_event

    with db.read() as s:
        evs = s.execute(
            select(m.Event.id, m.Event.name, m.Event.level, m.Event.district, m.Trade.name)
            .join(m.Competition, m.Event.competition_id == m.Competition.id)
            .join(m.Trade, m.Event.trade_id == m.Trade.id)
            .where(m.Competition.year == year)
            .order_by(m.Event.level, m.Event.district, m.Event.name)
        ).all()
        conflicts = dict(
            s.execute(
                select(m.SyncConflict.event_id, func.count())
                .where(m.SyncConflict.status == "open")
                .group_by(m.SyncConflict.event_id)
            ).all()
        )
    summaries: list[EventSummary] = []
    lines: list[ResultLine] = []
    for ev_id, name, level, district, trade in evs:
        loaded = load_event(db, ev_id)
        res = compute(loaded.inputs)
        awards: dict[str, int] = defaultdict(int)
        for r in res.rows:
            ident = loaded.identities.get(r.key)
            if r.award_zh:
                awards[r.award_zh] += 1
            lines.append(
                ResultLine(
                    event_id=ev_id,
                    event=name,
                    level=level,
                    district=district,
                    trade=trade,
                    rank=r.rank,
                    name=ident.name if ident else "",
                    gender=ident.gender if ident else "",
                    employer=ident.employer if ident else "",
                    contestant_district=ident.district if ident else "",
                    theory=r.theory,
                    practical=r.practical,
                    total=r.total,
                    award=r.award_zh,
                    title=r.title,
                    upgrade=r.upgrade,
                    state=r.state,
                )
            )
        meta = loaded.meta
        status = "已发布" if meta.released else ("已锁定" if meta.locked else "未锁定（暂定）")
        summaries.append(
            EventSummary(
                ev_id,
                name,
                level,
                district,
                trade,
                status,
                len(res.rows),
                sum(1 for r in res.rows if r.state == "ranked"),
                dict(awards),
                int(conflicts.get(ev_id, 0)),
            )
        )
    return YearResults(year, tuple(summaries), tuple(lines))


# --------------------------------------------------------------------------- outputs


def _pct(done: int, goal: int) -> str:
    return "—" if goal <= 0 else f"{min(999, round(100 * done / goal))}%"


def report_xlsx(db: Database, actor: Actor, year: int, path: str | Path) -> Path:
    """目标进度 (with a bar chart), 各场次, 获奖名单, 晋升职业资格等级, 推荐人选, 培训人数."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    from kmjudge.checkin.common import atomic_output

    prog = progress(db, actor, year)
    res = year_results(db, actor, year)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "目标进度"
    ws.append([f"{year} 年职工技能竞赛目标进度"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["区县", "竞赛数", "目标", "完成率", "工种数", "目标", "完成率", "培训人数", "目标"])
    for r in [prog.city, *prog.districts]:
        t = r.target
        ws.append(
            [
                r.label,
                r.competitions,
                t.competitions if t else None,
                _pct(r.competitions, t.competitions) if t else "",
                r.trades,
                t.trades if t else None,
                _pct(r.trades, t.trades) if t else "",
                r.trained,
                t.trained if t and t.trained else None,
            ]
        )
    n = 2 + 1 + len(prog.districts)
    chart = BarChart()
    chart.title = "工种数：完成与目标"
    chart.add_data(Reference(ws, min_col=5, max_col=6, min_row=2, max_row=n), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=n))
    chart.width, chart.height = 22, 9
    ws.add_chart(chart, "K2")
    ev_ws = wb.create_sheet("各场次")
    ev_ws.append(
        [
            "场次",
            "级别",
            "区县",
            "工种",
            "状态",
            "参赛",
            "排名",
            "一等奖",
            "二等奖",
            "三等奖",
            "待处理冲突",
        ]
    )
    for e in res.events:
        ev_ws.append(
            [
                e.event,
                e.level,
                e.district,
                e.trade,
                e.status,
                e.entered,
                e.ranked,
                e.awards.get("一等奖", 0),
                e.awards.get("二等奖", 0),
                e.awards.get("三等奖", 0),
                e.open_conflicts,
            ]
        )
    header = [
        "场次",
        "工种",
        "名次",
        "姓名",
        "性别",
        "工作单位",
        "理论",
        "实操",
        "总成绩",
        "奖项",
        "称号",
    ]
    for title, lines in (
        ("获奖名单", res.winners),
        ("晋升职业资格等级", res.upgrades),
        ("推荐人选", res.nominations),
    ):
        sheet = wb.create_sheet(title)
        sheet.append(header)
        for line in lines:
            sheet.append(
                [
                    line.event,
                    line.trade,
                    line.rank,
                    line.name,
                    {"M": "男", "F": "女"}.get(line.gender, line.gender),
                    line.employer,
                    line.theory,
                    line.practical,
                    line.total,
                    line.award,
                    line.title,
                ]
            )
    tr = wb.create_sheet("培训人数")
    tr.append(["区县", "培训人数", "目标"])
    for pr in [prog.city, *prog.districts]:
        tr.append(
            [pr.label, pr.trained, pr.target.trained if pr.target and pr.target.trained else None]
        )
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


def report_pdf(db: Database, actor: Actor, year: int, path: str | Path) -> Path:
    """One PDF for the 通报: target progress with a bar chart, then the winners list, the
    upgrade list and the nomination candidates."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from kmjudge.checkin.common import atomic_output
    from kmjudge.checkin.fonts import cjk_font

    font = cjk_font("sans")
    prog = progress(db, actor, year)
    res = year_results(db, actor, year)
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)

    def table(data: list[list[Any]], widths: list[float] | None = None) -> Table:
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 8.5),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.92, 0.96)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return t

    story: list[Any] = [Paragraph(f"{year} 年职工职业技能竞赛目标完成情况", h1)]
    goal = prog.city.target.trained if prog.city.target else 0
    story.append(
        Paragraph(
            f"全市培训 {prog.trained_total:,} 人"
            + (f"（目标 {goal:,} 人，{_pct(prog.trained_total, goal)}）" if goal else "")
            + f"；已导入 {len(res.events)} 个竞赛场次。",
            body,
        )
    )
    data: list[list[Any]] = [["区县", "竞赛数/目标", "工种数/目标", "培训人数/目标", "达标"]]
    for r in [prog.city, *prog.districts]:
        t = r.target
        met = [r.met("competitions"), r.met("trades")]
        data.append(
            [
                r.label,
                f"{r.competitions} / {t.competitions if t else '—'}",
                f"{r.trades} / {t.trades if t else '—'}",
                f"{r.trained:,} / {t.trained:,}" if t and t.trained else f"{r.trained:,}",
                "—" if None in met else ("是" if all(met) else "否"),
            ]
        )
    story += [Spacer(1, 4 * mm), table(data, [40 * mm, 32 * mm, 32 * mm, 40 * mm, 18 * mm])]
    rows = [prog.city, *prog.districts]
    d = Drawing(170 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 14 * mm, 150 * mm, 48 * mm
    chart.data = [
        [r.trades for r in rows],
        [r.target.trades if r.target else 0 for r in rows],
    ]
    chart.categoryAxis.categoryNames = [r.label for r in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.Color(0.2, 0.45, 0.75)
    chart.bars[1].fillColor = colors.Color(0.8, 0.8, 0.8)
    d.add(chart)
    d.add(String(12 * mm, 66 * mm, "工种数：蓝 = 已完成，灰 = 目标", fontName=font, fontSize=8))
    story += [Spacer(1, 4 * mm), d]

    story += [PageBreak(), Paragraph("各竞赛场次", h2)]
    ev_data: list[list[Any]] = [["场次", "区县", "状态", "参赛", "一/二/三等奖", "冲突"]]
    for e in res.events:
        ev_data.append(
            [
                Paragraph(e.event, body),
                e.district or "市级",
                e.status,
                e.entered,
                "/".join(str(e.awards.get(a, 0)) for a in ("一等奖", "二等奖", "三等奖")),
                e.open_conflicts or "",
            ]
        )
    story.append(table(ev_data, [70 * mm, 22 * mm, 26 * mm, 14 * mm, 24 * mm, 12 * mm]))

    def people(title: str, lines: list[ResultLine]) -> None:
        story.append(Paragraph(f"{title}（{len(lines)} 人）", h2))
        data2: list[list[Any]] = [["场次", "名次", "姓名", "工作单位", "总成绩", "奖项/称号"]]
        for r in lines:
            data2.append(
                [
                    Paragraph(r.event, body),
                    r.rank or "",
                    r.name,
                    Paragraph(r.employer, body),
                    f"{r.total:.2f}" if r.total is not None else "",
                    " ".join(x for x in (r.award, r.title) if x),
                ]
            )
        story.append(table(data2, [52 * mm, 12 * mm, 20 * mm, 50 * mm, 18 * mm, 24 * mm]))

    story.append(PageBreak())
    people("获奖名单", res.winners)
    people("晋升职业资格等级人员", res.upgrades)
    people("推荐人选（市级竞赛第一名）", res.nominations)
    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=f"{year} 年职工技能竞赛汇总",
        )
        doc.build(story)
    return Path(path)


__all__ = [
    "CITY",
    "OTHERS",
    "EventSummary",
    "Progress",
    "ProgressRow",
    "ResultLine",
    "Target",
    "TrainingImport",
    "YearResults",
    "district_key",
    "import_training",
    "parse_targets",
    "progress",
    "report_pdf",
    "report_xlsx",
    "set_targets",
    "targets",
    "year_results",
]
