"""Printed and exported results: 成绩公示表 (PDF, xlsx), 获奖名单, 成绩单, 裁判签字表.

Every output is made from a ``ResultsView``: what it shows has already passed the release rules
(names only when the viewer may see them). A provisional or unreleased view is marked as such
on every page, so a check print cannot be mistaken for the announcement.

PDFs are A4 with the bundled CJK font embedded (``kmjudge.checkin.fonts``), a header with the
event's name and the table's title, and a footer with 第 x 页 共 y 页.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kmjudge.checkin.fonts import cjk_font
from kmjudge.clock import to_local, utcnow
from kmjudge.fileio import atomic_output
from kmjudge.results.engine import PANEL_RULE_ZH, group_label
from kmjudge.results.model import (
    TIER_ZH,
    AspectResult,
    ContestantResult,
    exact_text,
)
from kmjudge.results.release import STAGE_ZH, ResultsView, SignoffInfo, results_digest

KIND_ZH = {"M": "测量", "J": "评价", "D": "扣分"}
NOTICE_DAYS = 5

_Canvas = Any  # reportlab has no type hints


def _fmt(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def _when(value: datetime | None) -> str:
    local = to_local(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def notice_text(view: ResultsView, days: int = NOTICE_DAYS) -> str:
    """The 公示 note printed under the board (or why this is not yet the announcement)."""
    if view.stage != "released":
        return STAGE_ZH[view.stage] + "。"
    return (
        f"公示期：自 {_when(view.meta.released_at)[:10]} 公布之日起 {days} 个工作日。"
        "对成绩有异议的，请在公示期内以书面形式向竞赛组委会提出。"
    )


def _board_cells(view: ResultsView, r: ContestantResult) -> list[str]:
    ident = view.identity(r.key)
    ranked = r.state == "ranked"
    award = " ".join(x for x in (r.award_zh, r.title) if x)
    return [
        str(r.rank) if ranked else r.state_zh,
        str(r.station) if r.station is not None else "",
        view.who(r) if ident is not None else "（未揭晓）",
        ident.employer if ident is not None else "",
        _fmt(r.theory) if ranked or r.state == "incomplete" else "—",
        _fmt(r.practical) if ranked or r.state == "incomplete" else "—",
        _fmt(r.total) if ranked else "—",
        award,
    ]


BOARD_HEADER = ["名次", "工位号", "姓名", "工作单位", "理论", "实操", "总成绩", "奖项"]


def _rows_by_group(view: ResultsView) -> list[tuple[str, list[ContestantResult]]]:
    out: list[tuple[str, list[ContestantResult]]] = []
    for g in view.results.groups:
        out.append((g.label, [r for r in view.results.rows if r.group == g.key]))
    return out


# --------------------------------------------------------------------------- PDF plumbing


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    font = cjk_font("sans")
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20, alignment=1),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=6),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=12),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered_canvas(header: str, subtitle: str, stage_note: str) -> type:
    """A canvas that knows the page count when it writes each page's header and footer."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font("sans")

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 9)
            self.drawString(15 * mm, height - 11 * mm, header)
            self.drawRightString(width - 15 * mm, height - 11 * mm, subtitle)
            if stage_note:
                self.setFillColorRGB(0.75, 0, 0)
                self.drawCentredString(width / 2, height - 16 * mm, stage_note)
                self.setFillColorRGB(0, 0, 0)
            self.setLineWidth(0.4)
            self.line(15 * mm, height - 12.5 * mm, width - 15 * mm, height - 12.5 * mm)
            self.line(15 * mm, 13 * mm, width - 15 * mm, 13 * mm)
            self.drawCentredString(width / 2, 8 * mm, f"第 {number} 页 共 {total} 页")
            self.drawString(15 * mm, 8 * mm, f"生成时间：{_when(utcnow())}")
            self.restoreState()

    return Numbered


def _build(
    path: str | Path,
    view: ResultsView,
    subtitle: str,
    story: list[Any],
    *,
    landscape_page: bool = False,
) -> Path:
    out = Path(path)
    stage_note = "" if view.stage == "released" else STAGE_ZH[view.stage]
    with atomic_output(out) as tmp:  # a full stick leaves no partial file
        _build_into(tmp, view, subtitle, story, stage_note, landscape_page)
    return out


def _build_into(
    tmp: Path,
    view: ResultsView,
    subtitle: str,
    story: list[Any],
    stage_note: str,
    landscape_page: bool,
) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(
        str(tmp),
        pagesize=landscape(A4) if landscape_page else A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=17 * mm,
        title=f"{view.meta.name} {subtitle}",
        author="kmjudge",
    )
    doc.build(story, canvasmaker=_numbered_canvas(view.meta.name, subtitle, stage_note))


def _table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    center: Sequence[int] = (),
    extra: Sequence[tuple[Any, ...]] = (),
    row_heights: Sequence[float | None] | None = None,
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    font = cjk_font("sans")
    heights = list(row_heights) if row_heights is not None else None
    t = Table(list(rows), colWidths=list(widths), rowHeights=heights, repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right]
    style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in center]
    style += list(extra)
    t.setStyle(TableStyle(style))
    return t


def _heading(view: ResultsView, title: str) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    m = view.meta
    info = f"{m.competition}　工种：{m.trade}{'（' + m.trade_grade + '）' if m.trade_grade else ''}"
    where = f"竞赛地点：{m.venue}　竞赛日期：{_when(m.start_at)[:10]}"
    return [
        Paragraph(_esc(f"{m.name}"), st["title"]),
        Paragraph(_esc(title), st["title"]),
        Spacer(1, 4),
        Paragraph(_esc(info), st["note"]),
        Paragraph(_esc(where), st["note"]),
        Spacer(1, 4),
    ]


# --------------------------------------------------------------------------- 成绩公示表


def board_pdf(view: ResultsView, path: str | Path, *, notice_days: int = NOTICE_DAYS) -> Path:
    """成绩公示表: rank, station, name, employer, theory, practical, total, award, per group."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    story = _heading(view, "成绩公示表")
    rules = view.results.rules
    story.append(
        Paragraph(
            _esc(
                f"总成绩 = 理论成绩 × {rules.theory_weight}% + 实操成绩 × {rules.practical_weight}%"
                "（按未舍入的成绩计算与排名，表中成绩四舍五入保留两位小数）"
            ),
            st["note"],
        )
    )
    widths = [17 * mm, 12 * mm, 22 * mm, 50 * mm, 16 * mm, 16 * mm, 17 * mm, 30 * mm]
    for label, rows in _rows_by_group(view):
        if len(view.results.groups) > 1:
            story.append(Paragraph(_esc(f"{label}（{len(rows)} 人）"), st["h2"]))
        data: list[list[Any]] = [BOARD_HEADER]
        for r in rows:
            cells = _board_cells(view, r)
            if r.state != "ranked":
                cells[0] = Paragraph(_esc(cells[0]), st["small"])
            cells[3] = Paragraph(_esc(cells[3]), st["small"])
            cells[7] = Paragraph(_esc(cells[7]), st["small"])
            data.append(cells)
        story.append(Spacer(1, 3))
        story.append(_table(data, widths, right=(4, 5, 6), center=(0, 1)))
    story.append(Spacer(1, 8))
    story.append(Paragraph(_esc(notice_text(view, notice_days)), st["note"]))
    if view.stage == "released":
        story.append(Paragraph(_esc(f"成绩摘要：{results_digest(view.results)[:16]}"), st["small"]))
    return _build(path, view, "成绩公示表", story)


def board_xlsx(view: ResultsView, path: str | Path) -> Path:
    """The same table as an Excel workbook (numbers as numbers, 0.00), plus 获奖名单."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "成绩公示表"
    ws.append([view.meta.name])
    ws.append([f"成绩公示表　{STAGE_ZH[view.stage] if view.stage != 'released' else ''}".strip()])
    ws.append(["组别", *BOARD_HEADER, "称号", "晋升资格"])
    ws["A1"].font = Font(bold=True, size=14)
    for r in view.results.rows:
        ident = view.identity(r.key)
        ranked = r.state == "ranked"
        shown = ranked or r.state == "incomplete"
        ws.append(
            [
                group_label(r.group, view.results.rules),
                r.rank if ranked else r.state_zh,
                r.station,
                ident.name if ident else "（未揭晓）",
                ident.employer if ident else "",
                r.theory if shown else None,
                r.practical if shown else None,
                r.total if ranked else None,
                r.award_zh,
                r.title,
                "是" if r.upgrade else "",
            ]
        )
    for row in ws.iter_rows(min_row=4, min_col=6, max_col=8):
        for cell in row:
            cell.number_format = "0.00"
            cell.alignment = Alignment(horizontal="right")
    for col, width in zip("ABCDEFGHIJK", (10, 8, 8, 10, 36, 9, 9, 9, 9, 10, 9), strict=True):
        ws.column_dimensions[col].width = width
    ws.append([])
    ws.append([notice_text(view)])

    wins = wb.create_sheet("获奖名单")
    wins.append(["组别", "奖项", "名次", "工位号", "姓名", "工作单位", "总成绩", "称号"])
    for r in _winners(view):
        ident = view.identity(r.key)
        wins.append(
            [
                group_label(r.group, view.results.rules),
                r.award_zh,
                r.rank,
                r.station,
                ident.name if ident else "（未揭晓）",
                ident.employer if ident else "",
                r.total,
                r.title,
            ]
        )
    for row in wins.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "0.00"
    out = Path(path)
    with atomic_output(out) as tmp:  # a full stick leaves no partial file
        wb.save(tmp)
    return out


# --------------------------------------------------------------------------- 获奖名单


def _winners(view: ResultsView) -> list[ContestantResult]:
    order = {"first": 0, "second": 1, "third": 2, "merit": 3}
    gpos = {g.key: i for i, g in enumerate(view.results.groups)}
    rows = [r for r in view.results.ranked if r.award]
    return sorted(rows, key=lambda r: (gpos[r.group], order[r.award], r.rank or 0, r.station or 0))


def winners_pdf(view: ResultsView, path: str | Path) -> Path:
    """获奖名单: per group, per tier (一等奖 ... 优胜奖), titles, and upgrade eligibility."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    story = _heading(view, "获奖名单")
    widths = [14 * mm, 14 * mm, 26 * mm, 70 * mm, 20 * mm, 36 * mm]
    header = ["名次", "工位号", "姓名", "工作单位", "总成绩", "称号"]
    winners = _winners(view)
    for g in view.results.groups:
        if len(view.results.groups) > 1:
            story.append(Paragraph(_esc(g.label), st["h2"]))
        for tier in ("first", "second", "third", "merit"):
            rows = [r for r in winners if r.group == g.key and r.award == tier]
            if not rows:
                continue
            story.append(Paragraph(_esc(f"{TIER_ZH[tier]}（{len(rows)} 名）"), st["h2"]))
            data: list[list[Any]] = [header]
            for r in rows:
                ident = view.identity(r.key)
                data.append(
                    [
                        str(r.rank),
                        str(r.station or ""),
                        view.who(r),
                        Paragraph(_esc(ident.employer if ident else ""), st["small"]),
                        _fmt(r.total),
                        r.title,
                    ]
                )
            story.append(_table(data, widths, right=(4,), center=(0, 1)))
    upgrade = [r for r in view.results.ranked if r.upgrade]
    if upgrade:
        story.append(Spacer(1, 6))
        story.append(Paragraph("符合晋升职业资格等级条件的选手", st["h2"]))
        rule = view.results.rules.upgrade
        cond = f"获{TIER_ZH[rule.min_tier]}及以上" if rule.min_tier else ""
        if rule.top_n:
            cond = (cond + "或" if cond else "") + f"名次前 {rule.top_n} 名"
        story.append(
            Paragraph(
                _esc(
                    f"条件：理论与实操成绩均不低于 {view.results.rules.pass_mark} 分"
                    + (f"，且{cond}" if cond else "")
                    + "。"
                ),
                st["note"],
            )
        )
        data = [["组别", "名次", "姓名", "理论", "实操", "总成绩"]]
        for r in upgrade:
            data.append(
                [
                    group_label(r.group, view.results.rules),
                    str(r.rank),
                    view.who(r),
                    _fmt(r.theory),
                    _fmt(r.practical),
                    _fmt(r.total),
                ]
            )
        widths2 = [30 * mm, 16 * mm, 40 * mm, 22 * mm, 22 * mm, 22 * mm]
        story.append(_table(data, widths2, right=(3, 4, 5), center=(1,)))
    if not winners:
        story.append(Paragraph("（暂无获奖选手）", st["base"]))
    return _build(path, view, "获奖名单", story)


# --------------------------------------------------------------------------- 成绩单


def _marks_text(ar: AspectResult) -> str:
    """Counting values, lowest first, the dropped ones in brackets: "(1) 2 2 3 (3)".

    Every panel rule drops as many from the bottom as from the top, so the brackets go on the
    first and last ``len(dropped) / 2`` of the sorted values (equal values make no difference).
    """
    if ar.aggregate is None:
        return "未评分" if ar.aspect.kind != "D" else "无"
    values = sorted((*ar.used, *ar.dropped))
    k = len(ar.dropped) // 2
    n = len(values)
    parts = [f"({_num(v)})" if i < k or i >= n - k else _num(v) for i, v in enumerate(values)]
    trainees = [m for m in ar.marks if m.trainee]
    text = " ".join(parts)
    if trainees:
        text += f"［见习 {len(trainees)} 人不计］"
    return text


def _num(v: Decimal) -> str:
    text = format(v.normalize(), "f")
    return text


def transcript_story(view: ResultsView, r: ContestantResult) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    rules = view.results.rules
    ident = view.identity(r.key)
    s = r.score
    story = _heading(view, "成绩单")
    who = [
        f"姓名：{ident.name if ident else '（未揭晓）'}",
        f"工位号：{r.station if r.station is not None else '—'}",
        f"准考证号：{ident.ticket_no if ident else '—'}",
        f"组别：{group_label(r.group, rules)}",
    ]
    story.append(Paragraph(_esc("　".join(who)), st["base"]))
    if ident:
        story.append(Paragraph(_esc(f"工作单位：{ident.employer}"), st["base"]))
    story.append(Spacer(1, 4))
    data: list[list[Any]] = [["编号", "评分项", "类型", "分值", "评分方式", "裁判评分", "得分"]]
    for ar in s.aspects:
        a = ar.aspect
        rule = PANEL_RULE_ZH.get(ar.rule, ar.rule) + ("*" if ar.fallback else "")
        got = "—" if ar.aggregate is None and a.kind != "D" else exact_text(ar.mark, 4)
        if ar.capped:
            got += "（封顶）"
        data.append(
            [
                a.code,
                Paragraph(_esc(a.title), st["small"]),
                KIND_ZH.get(a.kind, a.kind),
                _num(a.max_mark) + ("/次" if a.kind == "D" else ""),
                rule,
                Paragraph(_esc(_marks_text(ar)), st["small"]),
                got,
            ]
        )
    widths = [14 * mm, 62 * mm, 11 * mm, 13 * mm, 24 * mm, 38 * mm, 18 * mm]
    story.append(_table(data, widths, right=(3, 6), center=(2,)))
    story.append(Spacer(1, 4))
    exact_practical = exact_text(s.practical) if s.practical is not None else "—"
    lines = [
        "评价类得分 = 分值 × 裁判评分（0–3）合议值 ÷ 3；括号内为按评分方式去掉的分数；"
        "* 表示计分裁判人数不足，按平均计。",
        f"实操得分合计 {exact_text(s.practical_marks)}，扣分 {exact_text(s.deductions)}，"
        f"实操成绩 {_fmt(r.practical)}（未舍入 {exact_practical}）",
        f"理论成绩 {_fmt(r.theory)}",
    ]
    if s.total is not None:
        lines.append(
            f"总成绩 = {exact_text(s.theory) if s.theory is not None else '0'} × "
            f"{rules.theory_weight}% + "
            f"{exact_text(s.practical) if s.practical is not None else '0'} × "
            f"{rules.practical_weight}% = {exact_text(s.total)} ≈ {_fmt(r.total)}"
        )
    if r.state == "ranked":
        lines.append(
            f"名次：{group_label(r.group, rules)}第 {r.rank} 名"
            + (f"　奖项：{r.award_zh}" if r.award else "")
            + (f"　称号：{r.title}" if r.title else "")
            + ("　符合晋升职业资格等级条件" if r.upgrade else "")
        )
        if r.tie is not None:
            lines.append(r.tie.text_zh())
    else:
        lines.append(f"状态：{r.state_zh}" + ("；" + "；".join(s.problems) if s.problems else ""))
    lines += list(s.notes)
    for line in lines:
        story.append(Paragraph(_esc(line), st["note"]))
    return story


def transcripts_pdf(view: ResultsView, path: str | Path, keys: Sequence[str] | None = None) -> Path:
    """成绩单: one contestant per page (or more), the aspect breakdown and how it adds up."""
    from reportlab.platypus import PageBreak

    story: list[Any] = []
    wanted = set(keys) if keys is not None else None
    rows = [r for r in view.results.rows if wanted is None or r.key in wanted]
    for i, r in enumerate(rows):
        if i:
            story.append(PageBreak())
        story += transcript_story(view, r)
    if not story:
        story = _heading(view, "成绩单")
    return _build(path, view, "成绩单", story)


# --------------------------------------------------------------------------- 裁判签字表


def signoff_pdf(view: ResultsView, path: str | Path, info: SignoffInfo) -> Path:
    """裁判签字表: the result summary, the results digest and the audit chain's head hash
    (so a later change to any score is visible against this signed paper), signature lines."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    story = _heading(view, "裁判签字表")
    res = view.results
    data: list[list[Any]] = [["组别", "排名人数", "一等奖", "二等奖", "三等奖", "优胜奖", "未排名"]]
    for g in res.groups:
        data.append(
            [
                g.label,
                str(g.ranked),
                str(g.awarded["first"]),
                str(g.awarded["second"]),
                str(g.awarded["third"]),
                str(g.awarded["merit"]),
                str(g.listed - g.ranked),
            ]
        )
    story.append(_table(data, [40 * mm] + [23 * mm] * 6, center=(1, 2, 3, 4, 5, 6)))
    story.append(Spacer(1, 6))
    facts = [
        f"成绩摘要（SHA-256）：{results_digest(res)}",
        f"审计链末条：设备 {info.device_name} 第 {info.audit_seq} 条",
        f"审计链哈希：{info.audit_head or '（无）'}",
        f"成绩状态：{STAGE_ZH[view.stage]}；锁定时间：{_when(view.meta.locked_at) or '未锁定'}",
        "本人确认：以上成绩经核对无误，评分过程符合竞赛规则。签字后如需更改成绩，"
        "须经裁判长重新验证身份并说明理由，更改记录保存在审计链中。",
    ]
    for f in facts:
        story.append(Paragraph(_esc(f), st["note"]))
    story.append(Spacer(1, 8))
    rows: list[list[Any]] = [["序号", "职务", "姓名", "签字", "日期"]]
    signers = list(info.signers) or [("", "裁判员")] * 5
    for i, (name, role) in enumerate(signers, 1):
        rows.append([str(i), role, name, "", ""])
    heights: list[float | None] = [None, *([11 * mm] * len(signers))]  # room to sign
    widths = [14 * mm, 26 * mm, 40 * mm, 60 * mm, 40 * mm]
    story.append(_table(rows, widths, center=(0,), row_heights=heights))
    return _build(path, view, "裁判签字表", story)


KINDS: dict[str, Callable[..., Path]] = {
    "board": board_pdf,
    "winners": winners_pdf,
    "transcripts": transcripts_pdf,
}

__all__ = [
    "KINDS",
    "board_pdf",
    "board_xlsx",
    "notice_text",
    "signoff_pdf",
    "transcript_story",
    "transcripts_pdf",
    "winners_pdf",
]
