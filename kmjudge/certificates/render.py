"""Drawing certificates with ReportLab: batches, one-page previews, the calibration page.

Fast by construction (1,000 certificates in well under 3 s, ``benchmarks/bench_certificates.py``):
everything that is the same on every certificate of a batch and kind (border, title, body text,
issuing bodies, date, QR caption) is drawn once into a form XObject per kind and placed on each
page; per certificate only the name, award, title, number, reprint mark and the QR code are
drawn, the QR as a handful of filled paths from ``qrfast``. Texts are drawn run by run in the
first font of their face's chain that has each character (``fonts.FontChain``).

Coordinates in the layouts are millimetres from the top-left corner; ReportLab's origin is the
bottom-left, so ``_Y(y_mm) = page height - y_mm``. In overlay mode the page content is shifted by
the printer's offsets (+x right, +y down) and elements marked ``preprinted`` are left out.
"""

from __future__ import annotations

import contextlib
import io
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kmjudge import __version__
from kmjudge.certificates import qrfast
from kmjudge.certificates.fonts import FontChain, font_chain
from kmjudge.certificates.layout import CERT_FIELDS, MM, Element, Layout, load_layout
from kmjudge.certificates.model import SampleFields
from kmjudge.checkin.common import CancelCheck, Cancelled, Progress, cancelled

#: characters that must not start a line (they hang at the end of the previous one)
NO_LINE_START = set("，。、；：！？）》」』”’…—·,.;:!?)]}%")
#: characters that must not end a line (they move to the start of the next one)
NO_LINE_END = set("（《「『“‘([{")
_ZH_DIGITS = "〇一二三四五六七八九"


def zh_number(n: int) -> str:
    """1..31 in Chinese (十, 十一, 二十, 二十一)."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def date_zh(d: date) -> str:
    """二〇二六年九月十九日 (how certificates write dates)."""
    year = "".join(_ZH_DIGITS[int(ch)] for ch in str(d.year))
    return f"{year}年{zh_number(d.month)}月{zh_number(d.day)}日"


def date_plain(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class PreviewEvent:
    """The per-batch texts of a certificate (an event's, or a plausible sample)."""

    competition: str = "2026年昆明市职工“72行大练兵·360行出状元”技能竞赛"
    campaign: str = "72行大练兵·360行出状元"
    year: int = 2026
    event: str = "电工项目决赛"
    trade_name: str = "电工"
    trade_grade: str = ""
    level: str = "city"
    organiser: str = "昆明市总工会"
    venue: str = ""
    issuers: tuple[str, ...] = ("昆明市总工会", "昆明市人力资源和社会保障局")
    issued_on: date = field(default_factory=date.today)
    event_date: date | None = None

    def fields(self) -> dict[str, str]:
        trade = self.trade_name + (f"（{self.trade_grade}）" if self.trade_grade else "")
        return {
            "competition": self.competition,
            "campaign": self.campaign,
            "year": str(self.year),
            "event": self.event,
            "trade": trade,
            "trade_name": self.trade_name,
            "trade_grade": self.trade_grade,
            "level": {"city": "市级", "district": "区级"}.get(self.level, self.level),
            "organiser": self.organiser,
            "venue": self.venue,
            "issuers": "\n".join(self.issuers),
            "date_zh": date_zh(self.issued_on),
            "date": date_plain(self.issued_on),
            "event_date_zh": date_zh(self.event_date or self.issued_on),
        }


@dataclass(frozen=True)
class RenderItem:
    """One page: the kind, the per-certificate fields (``CERT_FIELDS``) and the QR text."""

    kind: str
    fields: Mapping[str, str]
    token: str


def cert_fields(
    *,
    name: str,
    award: str,
    title: str = "",
    number: str = "",
    employer: str = "",
    rank: int | None = None,
    group: str = "",
    station: int | None = None,
    ticket_no: str = "",
    reprint_on: date | None = None,
) -> dict[str, str]:
    return {
        "name": name,
        "award": award,
        "title": title,
        "title_line": f"并授予“{title}”称号" if title else "",
        "number": number,
        "employer": employer,
        "rank": str(rank) if rank is not None else "",
        "group": group,
        "station": str(station) if station is not None else "",
        "ticket_no": ticket_no,
        "reprint": "补发" if reprint_on else "",
        "reprint_date": date_plain(reprint_on) if reprint_on else "",
    }


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _expand(template: str, values: Mapping[str, str], depth: int = 0) -> str:
    """Fill a template; kind texts (``{body}``) may hold placeholders themselves."""
    text = string.Formatter().vformat(template, (), _Blank(values))
    if depth < 2 and "{" in text:
        return _expand(text, values, depth + 1)
    return text


def _names(template: str, texts: Mapping[str, str], depth: int = 0) -> set[str]:
    out: set[str] = set()
    for _, fname, _, _ in string.Formatter().parse(template):
        if not fname:
            continue
        out.add(fname)
        if fname in texts and depth < 2:
            out |= _names(texts[fname], texts, depth + 1)
    return out


def element_texts(layout: Layout, kind: str, values: Mapping[str, str]) -> list[str]:
    """Every text a certificate of ``kind`` prints (for the missing-glyph check)."""
    merged = {**layout.kind_texts(kind), **values}
    out = []
    for el in layout.elements:
        if kind not in el.kinds or el.type in ("frame", "seal"):
            continue
        if el.when and not merged.get(el.when):
            continue
        for t in (el.text, el.caption):
            if t:
                out.append(_expand(t, merged))
    return out


def _hex(c: Any, color: str) -> None:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    c.setFillColorRGB(r, g, b)
    c.setStrokeColorRGB(r, g, b)


def draw_runs(
    c: Any,
    chain: FontChain,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    align: str = "left",
    spacing: float = 0.0,
    bold: bool = False,
) -> tuple[float, float]:
    """Draw one line in runs by font; returns (left, right) of what was drawn (points)."""
    width = chain.width(text, size, spacing) - (spacing if text else 0)
    x0 = x - width / 2 if align == "center" else x - width if align == "right" else x
    if bold:
        c.setLineWidth(size * 0.028)
    cx = x0
    for fontname, run in chain.runs(text):
        c.setFont(fontname, size)
        c.drawString(cx, y, run, mode=2 if bold else None, charSpace=spacing)
        cx += chain.width(run, size, spacing)
    return x0, x0 + width


def wrap(chain: FontChain, text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Break text into lines no wider than ``width`` points (first line indented by ``indent``
    points), character by character; closing punctuation never starts a line; ``\\n`` breaks."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        line_w = indent if not lines else 0.0
        avail = width
        for ch in para:
            w = chain.width(ch, size)
            if line and line_w + w > avail and ch not in NO_LINE_START:
                carry = ""
                while len(line) > 1 and line[-1] in NO_LINE_END:
                    carry, line = line[-1] + carry, line[:-1]
                lines.append(line)
                line, line_w = carry, chain.width(carry, size)
                if ch.isspace():
                    continue
            line += ch
            line_w += w
        lines.append(line)
        # no single character left alone on the last line: take one more from the line above
        if len(lines) >= 2 and len(lines[-1]) == 1 and len(lines[-2]) > 3:
            take = 2 if lines[-2][-1] in NO_LINE_START else 1
            lines[-2], lines[-1] = lines[-2][:-take], lines[-2][-take:] + lines[-1]
    return lines


@dataclass
class _Cursor:
    """Where the last text element ended: a ``follow`` element continues on its baseline."""

    end_x: float = 0.0
    y: float = 0.0


class Renderer:
    """Draws one layout onto a ReportLab canvas (a batch, a preview or a single page)."""

    def __init__(
        self,
        canvas: Any,
        layout: Layout,
        event_values: Mapping[str, str],
        *,
        overlay: bool = False,
        offsets: tuple[float, float] = (0.0, 0.0),
        preview: bool = False,
        show_stock: bool = True,
    ) -> None:
        self.c = canvas
        self.layout = layout
        self.event_values = dict(event_values)
        self.overlay = overlay
        self.offsets = offsets if overlay else (0.0, 0.0)
        self.preview = preview
        self.show_stock = show_stock
        self.height = layout.height_mm * MM
        self._forms: dict[str, str] = {}
        self._dynamic: dict[str, list[Element]] = {}
        #: a dynamic ``follow`` element after a static text starts where that one ended
        self._starts: dict[tuple[str, int], tuple[float, float]] = {}

    # ------------------------------------------------------------------ classification

    def _is_dynamic(self, el: Element, kind: str, prev_dynamic: bool) -> bool:
        if el.type == "qr":
            return True
        if el.type in ("frame", "seal"):
            return False
        texts = self.layout.kind_texts(kind)
        names = _names(el.text, texts)
        if el.when:
            names.add(el.when)
        return bool(names & set(CERT_FIELDS)) or (el.follow and prev_dynamic)

    def _visible(self, el: Element) -> str:
        """ "print", "guide" (light grey, preview only) or "" (not drawn)."""
        if el.type == "seal":
            return "guide" if self.preview else ""
        if el.preprinted and self.overlay:
            return "guide" if self.preview and self.show_stock else ""
        return "print"

    # ------------------------------------------------------------------ forms

    def _form(self, kind: str) -> str:
        name = self._forms.get(kind)
        if name is not None:
            return name
        name = f"kmjCert_{kind}"
        c = self.c
        w, h = self.layout.size_pt
        c.beginForm(name, 0, 0, w, h)
        dynamic: list[Element] = []
        values = {**self.layout.kind_texts(kind), **self.event_values}
        cursor = _Cursor()
        prev_dynamic = False
        for el in self.layout.elements:
            if kind not in el.kinds:
                continue
            how = self._visible(el)
            if not how:
                continue
            if self._is_dynamic(el, kind, prev_dynamic):
                if el.follow and not prev_dynamic:
                    self._starts[kind, id(el)] = (cursor.end_x, cursor.y)
                dynamic.append(el)
                if el.type == "qr":
                    self._qr_caption(el, values)
                prev_dynamic = el.type == "text"
                continue
            if el.type == "text":
                prev_dynamic = False
            self._draw(el, values, cursor, guide=how == "guide")
        c.endForm()
        self._forms[kind] = name
        self._dynamic[kind] = dynamic
        return name

    # ------------------------------------------------------------------ elements

    def _y(self, y_mm: float) -> float:
        return self.height - y_mm * MM

    def _color(self, el: Element, guide: bool) -> str:
        if guide:
            return self.layout.color("guide")
        return self.layout.color(el.color)

    def _draw(
        self, el: Element, values: Mapping[str, str], cursor: _Cursor, guide: bool = False
    ) -> None:
        c = self.c
        if el.type == "frame":
            self._frame(el, guide)
        elif el.type == "seal":
            self._seal(el)
        elif el.type == "text":
            if el.when and not values.get(el.when):
                return
            _hex(c, self._color(el, guide))
            self._text(el, _expand(el.text, values), cursor)
        elif el.type == "paragraph":
            _hex(c, self._color(el, guide))
            self._paragraph(el, _expand(el.text, values))

    def _frame(self, el: Element, guide: bool) -> None:
        c = self.c
        w, h = self.layout.size_pt
        _hex(c, self._color(el, guide))
        inset = el.inset * MM
        c.setLineWidth(el.line)
        c.rect(inset, inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
        if el.inner_gap > 0:
            gap = inset + el.inner_gap * MM
            c.setLineWidth(el.inner_line)
            c.rect(gap, gap, w - 2 * gap, h - 2 * gap, stroke=1, fill=0)
        if el.corner > 0:
            # corner ornaments: two nested L-brackets and a small diamond in each corner
            k = el.corner * MM
            g = inset + (el.inner_gap * MM if el.inner_gap else 0) + 2.2 * MM
            c.setLineWidth(max(el.inner_line, 0.6))
            for sx, sy, ox, oy in ((1, 1, 0, 0), (-1, 1, w, 0), (1, -1, 0, h), (-1, -1, w, h)):
                for d in (0.0, 2.0 * MM):
                    x0, y0 = ox + sx * (g + d), oy + sy * (g + d)
                    p = c.beginPath()
                    p.moveTo(x0 + sx * (k - d), y0)
                    p.lineTo(x0, y0)
                    p.lineTo(x0, y0 + sy * (k - d))
                    c.drawPath(p, stroke=1, fill=0)
                cx, cy = ox + sx * (g + 4.6 * MM), oy + sy * (g + 4.6 * MM)
                r = 1.3 * MM
                p = c.beginPath()
                p.moveTo(cx, cy + r)
                p.lineTo(cx + r, cy)
                p.lineTo(cx, cy - r)
                p.lineTo(cx - r, cy)
                p.close()
                c.drawPath(p, stroke=0, fill=1)

    def _seal(self, el: Element) -> None:
        c = self.c
        _hex(c, self.layout.color(el.color))
        c.setLineWidth(0.8)
        if el.dashed:
            c.setDash(3, 2)
        c.circle(el.x * MM, self._y(el.y), el.size_mm * MM / 2, stroke=1, fill=0)
        c.setDash()
        if el.label:
            chain = font_chain("song")
            draw_runs(c, chain, el.label, el.x * MM, self._y(el.y) - 3, 9, align="center")

    def _text(self, el: Element, text: str, cursor: _Cursor) -> None:
        c = self.c
        chain = font_chain(el.font)
        lines = text.split("\n")
        size = el.size
        spacing = el.spacing * size
        if el.max_width > 0:
            limit = el.max_width * MM
            floor = el.min_size or el.size * 0.6
            while (
                size > floor and max(chain.width(t, size, el.spacing * size) for t in lines) > limit
            ):
                size = max(floor, size - 0.5)
            spacing = el.spacing * size
        x = cursor.end_x + el.gap * MM if el.follow else el.x * MM
        y = cursor.y if el.follow else self._y(el.y)
        step = size * el.line_height
        end = x
        for i, line in enumerate(lines):
            if el.underline > 0:
                tw = chain.width(line, size, spacing) - (spacing if line else 0)
                box = max(el.underline * MM, tw + size)
                bx = x if el.align == "left" else x - box / 2 if el.align == "center" else x - box
                draw_runs(
                    c,
                    chain,
                    line,
                    bx + box / 2,
                    y - i * step,
                    size,
                    align="center",
                    spacing=spacing,
                    bold=el.bold,
                )
                c.setLineWidth(0.7)
                c.line(bx, y - i * step - size * 0.22, bx + box, y - i * step - size * 0.22)
                end = max(end, bx + box)
            else:
                _l, r = draw_runs(
                    c,
                    chain,
                    line,
                    x,
                    y - i * step,
                    size,
                    align=el.align,
                    spacing=spacing,
                    bold=el.bold,
                )
                end = max(end, r)
        cursor.end_x = end
        cursor.y = y - (len(lines) - 1) * step

    def _paragraph(self, el: Element, text: str) -> None:
        chain = font_chain(el.font)
        width = el.width * MM
        size = el.size
        floor = el.min_size or el.size
        while True:
            lines = wrap(chain, text, size, width, el.indent * size)
            if not el.max_lines or len(lines) <= el.max_lines or size <= floor:
                break
            size = max(floor, size - 0.5)
        y = self._y(el.y)
        for i, line in enumerate(lines):
            x = el.x * MM + (el.indent * size if i == 0 else 0)
            draw_runs(
                self.c,
                chain,
                line,
                x,
                y - i * size * el.line_height,
                size,
                spacing=el.spacing * size,
                bold=el.bold,
            )

    def _qr_caption(self, el: Element, values: Mapping[str, str]) -> None:
        if not el.caption:
            return
        _hex(self.c, self.layout.color("text"))
        chain = font_chain("song")
        x = (el.x + el.size_mm / 2) * MM
        y = self._y(el.y + el.size_mm) - el.caption_size * 1.35
        draw_runs(self.c, chain, _expand(el.caption, values), x, y, el.caption_size, align="center")

    def _qr(self, el: Element, token: str) -> None:
        if not token:
            return
        symbol = qrfast.encode(token)
        size = el.size_mm * MM
        self.c.addLiteral(qrfast.path_operators(symbol, el.x * MM, self._y(el.y) - size, size))

    # ------------------------------------------------------------------ pages

    def page(self, item: RenderItem) -> None:
        """Draw one certificate (the caller ends the page)."""
        c = self.c
        form = self._form(item.kind)
        c.saveState()
        if self.overlay and self.offsets != (0.0, 0.0):
            c.translate(self.offsets[0] * MM, -self.offsets[1] * MM)
        c.doForm(form)
        values = {**self.layout.kind_texts(item.kind), **self.event_values, **item.fields}
        cursor = _Cursor()
        for el in self._dynamic[item.kind]:
            if el.type == "qr":
                self._qr(el, item.token)
                continue
            start = self._starts.get((item.kind, id(el)))
            if start is not None:
                cursor.end_x, cursor.y = start
            self._draw(el, values, cursor)
        c.restoreState()


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without the ASCII85 layer ReportLab adds by default: its encoder is
    pure Python (about 3 ms a page, most of a 1,000-page batch) and only makes the file larger.
    The setting is read while pages are made and saved; a PDF is valid either way, so another
    thread rendering meanwhile is not harmed."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _canvas(target: Any, layout: Layout, title: str) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    # a CJK initial font: no unembedded Helvetica in the file
    c = Canvas(
        target,
        pagesize=layout.size_pt,
        pageCompression=1,
        initialFontName=font_chain("kai").primary.name,
    )
    c.setTitle(title)
    c.setAuthor("kmjudge")
    c.setCreator(f"kmjudge {__version__}")
    c.setSubject("荣誉证书 certificates")
    return c


def render_batch(
    path: Path,
    layout: Layout,
    event_values: Mapping[str, str],
    items: Iterable[RenderItem],
    total: int,
    *,
    overlay: bool = False,
    offsets: tuple[float, float] = (0.0, 0.0),
    title: str = "荣誉证书",
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write one certificate per page to ``path``; returns the page count. Raises
    ``Cancelled`` when ``cancel`` says so (the caller deletes the partial file)."""
    with binary_streams():
        return _render_batch(
            path, layout, event_values, items, total, overlay, offsets, title, progress, cancel
        )


def _render_batch(
    path: Path,
    layout: Layout,
    event_values: Mapping[str, str],
    items: Iterable[RenderItem],
    total: int,
    overlay: bool,
    offsets: tuple[float, float],
    title: str,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> int:
    c = _canvas(str(path), layout, title)
    r = Renderer(c, layout, event_values, overlay=overlay, offsets=offsets)
    pages = 0
    for item in items:
        if cancelled(cancel):
            raise Cancelled()
        r.page(item)
        c.showPage()
        pages += 1
        if progress is not None:
            progress(pages, total)
    if cancelled(cancel):
        raise Cancelled()
    c.save()
    return pages


def preview_pdf(
    layout: str | Layout,
    fields: SampleFields | None = None,
    event: PreviewEvent | None = None,
    *,
    overlay: bool | None = None,
    offsets: tuple[float, float] = (0.0, 0.0),
    show_stock: bool = True,
    token: str | None = None,
) -> bytes:
    """One certificate page as PDF bytes, for a live preview (a few milliseconds after the
    first call). Nothing is written anywhere. ``overlay`` defaults to the layout's mode; in
    overlay mode the stock's pre-printed parts are drawn as a light guide (``show_stock``)."""
    lay = load_layout(layout) if isinstance(layout, str) else layout
    f = fields or SampleFields()
    ev = event or PreviewEvent()
    ov = lay.mode == "overlay" if overlay is None else overlay
    values = cert_fields(
        name=f.name,
        award=f.award if f.kind == "award" else "",
        title=f.title,
        number=f.number,
        employer=f.employer,
        reprint_on=ev.issued_on if f.reprint else None,
    )
    values.update(f.extra)
    buf = io.BytesIO()
    with binary_streams():
        _preview(buf, lay, f, ev, values, ov, offsets, show_stock, token)
    return buf.getvalue()


def _preview(
    buf: io.BytesIO,
    lay: Layout,
    f: SampleFields,
    ev: PreviewEvent,
    values: dict[str, str],
    ov: bool,
    offsets: tuple[float, float],
    show_stock: bool,
    token: str | None,
) -> None:
    c = _canvas(buf, lay, f"预览 {lay.label}")
    r = Renderer(
        c, lay, ev.fields(), overlay=ov, offsets=offsets, preview=True, show_stock=show_stock
    )
    sample_token = token or "KMC1" + "SAMPLE" * 28  # a stand-in of the real length
    r.page(RenderItem(f.kind, values, sample_token))
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- calibration

CAL_POINTS_MM = 30.0


def calibration_pdf(
    path: str | Path | None = None,
    *,
    orientation: str = "landscape",
    offsets: tuple[float, float] = (0.0, 0.0),
    printer: str = "",
) -> bytes:
    """A calibration page: a millimetre grid, crosses 30 mm from each edge and the centre,
    with instructions. Printed with the printer's current offsets applied, so after a good
    calibration every cross lands exactly where its label says. Returns the PDF bytes (and
    writes them to ``path`` when given)."""
    from reportlab.pdfgen.canvas import Canvas

    w_mm, h_mm = (297.0, 210.0) if orientation == "landscape" else (210.0, 297.0)
    w, h = w_mm * MM, h_mm * MM
    buf = io.BytesIO()
    c = Canvas(
        buf, pagesize=(w, h), pageCompression=1, initialFontName=font_chain("song").primary.name
    )
    c.setTitle("证书套打校准页")
    c.setCreator(f"kmjudge {__version__}")
    c.saveState()
    c.translate(offsets[0] * MM, -offsets[1] * MM)
    song = font_chain("song")
    hei = font_chain("hei")
    # grid: every 5 mm light, every 10 mm darker, labelled every 10 mm from the top-left
    for step_mm, grey, lw in ((5, 0.85, 0.2), (10, 0.6, 0.35)):
        c.setStrokeGray(grey)
        c.setLineWidth(lw)
        for x in range(0, int(w_mm) + 1, step_mm):
            c.line(x * MM, 0, x * MM, h)
        for y in range(0, int(h_mm) + 1, step_mm):
            c.line(0, h - y * MM, w, h - y * MM)
    c.setFillGray(0.3)
    for x in range(10, int(w_mm), 10):
        draw_runs(c, song, str(x), x * MM, h - 8 * MM, 6, align="center")
    for y in range(10, int(h_mm), 10):
        draw_runs(c, song, str(y), 8 * MM, h - y * MM - 2, 6, align="center")
    # ruler ticks along the top and left edges: every millimetre
    c.setStrokeGray(0)
    c.setLineWidth(0.3)
    for x in range(0, int(w_mm) + 1):
        tick = 4 if x % 10 == 0 else 2.5 if x % 5 == 0 else 1.5
        c.line(x * MM, h, x * MM, h - tick * MM)
    for y in range(0, int(h_mm) + 1):
        tick = 4 if y % 10 == 0 else 2.5 if y % 5 == 0 else 1.5
        c.line(0, h - y * MM, tick * MM, h - y * MM)
    # crosses
    pts = [
        (CAL_POINTS_MM, CAL_POINTS_MM),
        (w_mm - CAL_POINTS_MM, CAL_POINTS_MM),
        (CAL_POINTS_MM, h_mm - CAL_POINTS_MM),
        (w_mm - CAL_POINTS_MM, h_mm - CAL_POINTS_MM),
        (w_mm / 2, h_mm / 2 - 40),
    ]
    c.setStrokeColorRGB(0.75, 0.1, 0.1)
    c.setFillColorRGB(0.75, 0.1, 0.1)
    for x_mm, y_mm in pts:
        px, py = x_mm * MM, h - y_mm * MM
        c.setLineWidth(0.5)
        c.line(px - 8 * MM, py, px + 8 * MM, py)
        c.line(px, py - 8 * MM, px, py + 8 * MM)
        c.circle(px, py, 3 * MM, stroke=1, fill=0)
        draw_runs(c, song, f"({x_mm:g}, {y_mm:g}) mm", px + 2 * MM, py + 2 * MM, 7)
    c.setFillGray(0)
    lines = [
        "证书套打校准页",
        "1. 用“实际大小 / 100%”打印本页，不要选“适合页面”；纸张方向与证书相同。",
        f"2. 用直尺量左上角十字中心到纸张左边缘、上边缘的距离（应为 {CAL_POINTS_MM:g} 毫米）。",
        f"3. 新 X 偏移 = 当前 X 偏移 + ({CAL_POINTS_MM:g} − 实测左距)；"
        f"新 Y 偏移 = 当前 Y 偏移 + ({CAL_POINTS_MM:g} − 实测上距)（毫米，正数向右 / 向下）。",
        "4. 在“证书 → 套打校准”中为这台打印机填入偏移，再打印本页核对：十字应正好落在标注位置。",
        f"当前打印机：{printer or '（未指定）'}　"
        f"当前偏移：X {offsets[0]:+.1f} 毫米，Y {offsets[1]:+.1f} 毫米",
    ]
    text_y = h / 2 - 2 * MM
    c.setFillGray(1)
    c.rect(w / 2 - 125 * MM, text_y - 98, 250 * MM, 120, stroke=0, fill=1)
    c.setFillGray(0)
    for i, line in enumerate(lines):
        size = 14 if i == 0 else 9.5
        draw_runs(c, hei if i == 0 else song, line, w / 2, text_y, size, align="center")
        text_y -= size * 1.7
    c.restoreState()
    c.showPage()
    c.save()
    data = buf.getvalue()
    if path is not None:
        from kmjudge.checkin.common import atomic_output

        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
    return data
