"""The printed marking sheet (评分表): A4 landscape, CJK font embedded, Code128 barcode.

Rows are the judge's aspects (code, title, what may be entered, max mark), columns the
stations on the sheet; cells the judge must not fill (回避, 缺考, another group) are greyed
and crossed. The sheet code is printed as a Code128 barcode (a keyboard-wedge scanner types it
into the clerk's screen) and as text. Long sheets continue on further pages, each with the
code. Pure rendering: takes ``PaperSheetView`` objects, no database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from kmjudge import paths
from kmjudge.checkin.common import CancelCheck, Cancelled, cancelled
from kmjudge.judging.views import CELL_BLOCKS, PaperSheetView

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape, points
MARGIN = 28.0
ROW_MIN = 30.0  # room for a handwritten mark
HEAD_ROW = 24.0
FOOTER_H = 54.0


def _font() -> str:
    """The bundled CJK sans face, shared with check-in's PDFs when that module is there."""
    try:
        from kmjudge.checkin.fonts import cjk_font

        return cjk_font("sans")
    except ImportError:  # pragma: no cover - check-in always ships with the core
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = "KMSans"
        if name not in pdfmetrics.getRegisteredFontNames():
            path = paths.resources_dir() / "fonts" / "wqy-microhei.ttc"
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
        return name


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for ch in text:
        if stringWidth(line + ch, font, size) > width and line:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    if line:
        lines.append(line)
    return lines or [""]


def _barcode(c: Any, code: str, x_right: float, y_top: float) -> None:
    from reportlab.graphics.barcode import code128

    bc = code128.Code128(code, barHeight=30, barWidth=1.1, quiet=True, lquiet=10, rquiet=10)
    bc.drawOn(c, x_right - bc.width, y_top - 30)
    c.setFont("Helvetica", 10)
    c.drawCentredString(x_right - bc.width / 2, y_top - 42, code)


def _page_header(c: Any, font: str, sheet: PaperSheetView, page: int, pages: int) -> float:
    top = PAGE_H - MARGIN
    c.setFont(font, 18)
    c.drawCentredString(PAGE_W / 2, top - 16, "评 分 表")
    c.setFont(font, 10)
    c.drawString(MARGIN, top - 14, sheet.event_name[:60])
    c.drawString(MARGIN, top - 30, f"模块：{sheet.criterion_code} {sheet.criterion_title}"[:60])
    c.drawString(MARGIN, top - 46, f"裁判：{sheet.judge_name}（{sheet.judge_username}）")
    c.drawString(PAGE_W / 2 - 40, top - 46, f"第 {page}/{pages} 页")
    _barcode(c, sheet.code, PAGE_W - MARGIN, top)
    return top - 58


def _footer(c: Any, font: str) -> None:
    y = MARGIN + 30
    c.setFont(font, 10)
    c.drawString(MARGIN, y, "裁判签名：____________    日期：__________")
    c.drawString(PAGE_W / 2, y, "录分员（第一遍）：__________   （第二遍）：__________")
    c.setFont(font, 8)
    c.drawString(
        MARGIN,
        MARGIN + 12,
        "说明：按工位号评分，不写选手姓名。测量类填得分；评价类填 0–3 整数"
        "（0 未达标准、1 达到标准、2 部分超出标准、3 优秀）；扣分类填违规次数。灰色格不填。",
    )


def _columns(sheet: PaperSheetView) -> tuple[float, float, float, float, float]:
    """(x of code, title, hint, max, first station) and station column width."""
    usable = PAGE_W - 2 * MARGIN
    n = max(1, len(sheet.stations))
    station_w = min(60.0, max(40.0, (usable - 300) / n))
    code_w, hint_w, max_w = 46.0, 96.0, 34.0
    title_w = usable - code_w - hint_w - max_w - station_w * n
    return code_w, title_w, hint_w, max_w, station_w


def _rows(
    sheet: PaperSheetView, font: str, title_w: float, hint_w: float
) -> list[tuple[Any, list[str], list[str], float]]:
    out = []
    for a in sheet.aspects:
        title = _wrap(a.title + ("（见习）" if a.trainee else ""), font, 9, title_w - 6)
        hint = _wrap(a.hint_zh, font, 8, hint_w - 6)
        h = max(ROW_MIN, 11.0 * max(len(title), len(hint)) + 8)
        out.append((a, title, hint, h))
    return out


def _draw_sheet(c: Any, font: str, sheet: PaperSheetView) -> None:
    code_w, title_w, hint_w, max_w, station_w = _columns(sheet)
    rows = _rows(sheet, font, title_w, hint_w)
    table_top = PAGE_H - MARGIN - 62
    room = table_top - HEAD_ROW - (MARGIN + FOOTER_H)
    pages: list[list[tuple[Any, list[str], list[str], float]]] = [[]]
    used = 0.0
    for r in rows:
        if pages[-1] and used + r[3] > room:
            pages.append([])
            used = 0.0
        pages[-1].append(r)
        used += r[3]
    xs = [MARGIN]
    for w in (code_w, title_w, hint_w, max_w, *([station_w] * len(sheet.stations))):
        xs.append(xs[-1] + w)
    for page_no, page_rows in enumerate(pages, start=1):
        _page_header(c, font, sheet, page_no, len(pages))
        y = table_top
        c.setLineWidth(0.6)
        c.setFillGray(0.9)
        c.rect(xs[0], y - HEAD_ROW, xs[-1] - xs[0], HEAD_ROW, stroke=1, fill=1)
        c.setFillGray(0)
        c.setFont(font, 9)
        heads = ["编号", "评分项", "评分要求", "分值", *[f"{st} 号" for st in sheet.stations]]
        for i, text in enumerate(heads):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, y - HEAD_ROW + 8, text)
        y -= HEAD_ROW
        for a, title, hint, h in page_rows:
            c.rect(xs[0], y - h, xs[-1] - xs[0], h, stroke=1, fill=0)
            c.setFont(font, 9)
            c.drawString(xs[0] + 3, y - 13, a.code)
            for k, line in enumerate(title):
                c.drawString(xs[1] + 3, y - 13 - 11 * k, line)
            c.setFont(font, 8)
            for k, line in enumerate(hint):
                c.drawString(xs[2] + 3, y - 13 - 11 * k, line)
            c.setFont(font, 9)
            c.drawCentredString((xs[3] + xs[4]) / 2, y - 13, _fmt(a.max_mark))
            for j, st in enumerate(sheet.stations):
                x0, x1 = xs[4 + j], xs[5 + j]
                block = sheet.blocked.get((st, a.code), "")
                if block:
                    c.setFillGray(0.82)
                    c.rect(x0, y - h, x1 - x0, h, stroke=0, fill=1)
                    c.setFillGray(0)
                    c.line(x0, y - h, x1, y)
                    c.setFont(font, 7)
                    c.drawCentredString((x0 + x1) / 2, y - h + 3, CELL_BLOCKS.get(block, block)[:4])
            y -= h
        for x in xs:
            c.line(x, table_top, x, y)
        _footer(c, font)
        c.showPage()


def write_pdf(
    sheets: Sequence[PaperSheetView],
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelCheck | None = None,
) -> Path:
    """Render every sheet into one PDF at ``path`` (written beside it, then renamed).

    ``progress(done, total)`` after each sheet; ``cancel`` is checked between sheets and before
    the rename: a cancelled run raises ``Cancelled`` and leaves no file (not even a part)."""
    from reportlab.pdfgen import canvas

    font = _font()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        c = canvas.Canvas(tmp, pagesize=(PAGE_W, PAGE_H))
        c.setTitle("评分表 " + " ".join(x.code for x in sheets))
        c.setAuthor("kmjudge")
        total = len(sheets)
        for done, sheet in enumerate(sheets, start=1):
            if cancelled(cancel):
                raise Cancelled()
            _draw_sheet(c, font, sheet)
            if progress is not None:
                progress(done, total)
        c.save()
        if cancelled(cancel):
            raise Cancelled()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
