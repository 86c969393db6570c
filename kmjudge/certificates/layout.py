"""Certificate layouts as data: TOML files in ``resources/certificates`` (see its README.md).

A layout is a page (A4 landscape or portrait) and a list of elements placed in millimetres
from the page's **top-left** corner: ``frame`` (the border), ``text`` (one or more lines,
baseline at ``y``), ``paragraph`` (wrapped text in a box), ``qr`` (top-left corner and size)
and ``seal`` (the stamp area, centred at x, y). Texts are templates with ``{placeholders}``
(``FIELDS``); ``[texts.award]`` and ``[texts.participation]`` give the per-kind pieces
(``{heading}``, ``{body}``, ...). Elements with ``preprinted = true`` are on the certificate
stock already: they are left out when printing in overlay mode.

Loading validates everything and names the file, the element and the field of every problem.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kmjudge import paths
from kmjudge.certificates.model import CertificateError, LayoutInfo
from kmjudge.errors import Issue, ValidationFailed

#: placeholders that are the same for every certificate of a batch
EVENT_FIELDS: dict[str, str] = {
    "competition": "竞赛名称",
    "campaign": "活动名称",
    "year": "年度",
    "event": "竞赛场次名称",
    "trade": "工种（含等级）",
    "trade_name": "工种",
    "trade_grade": "等级",
    "level": "级别（市级…）",
    "organiser": "主办单位",
    "venue": "竞赛地点",
    "issuers": "发证单位（每行一个）",
    "date_zh": "发证日期（二〇二六年九月十九日）",
    "date": "发证日期（2026年9月19日）",
    "event_date_zh": "竞赛日期（中文数字）",
}
#: placeholders that differ per certificate
CERT_FIELDS: dict[str, str] = {
    "name": "姓名",
    "award": "奖项（一等奖…）",
    "title": "称号（如 技术状元）",
    "title_line": "称号句（如 并授予“技术状元”称号）",
    "number": "证书编号",
    "employer": "工作单位",
    "rank": "名次",
    "group": "组别",
    "station": "工位号",
    "ticket_no": "准考证号",
    "reprint": "补发标记（补发时为“补发”）",
    "reprint_date": "补发日期",
}
KINDS = ("award", "participation")
TYPES = ("frame", "text", "paragraph", "qr", "seal")
FACES = ("kai", "song", "hei")
ALIGNS = ("left", "center", "right")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
MM = 72 / 25.4


@dataclass(frozen=True)
class Element:
    type: str
    x: float = 0.0
    y: float = 0.0
    text: str = ""
    font: str = "kai"
    size: float = 12.0
    min_size: float = 0.0
    align: str = "left"
    max_width: float = 0.0  # mm; 0 = no limit (text: shrink to fit; paragraph: the box width)
    width: float = 0.0  # paragraph box width (mm)
    line_height: float = 1.5  # times the size
    max_lines: int = 0
    indent: float = 0.0  # paragraph first-line indent, in characters
    color: str = "text"
    spacing: float = 0.0  # extra letter spacing, em
    bold: bool = False
    underline: float = 0.0  # text: underline at least this wide (mm); 0 = none
    follow: bool = False  # text: starts where the previous text element ended
    gap: float = 0.0  # follow: gap (mm)
    when: str = ""  # drawn only when this field is not empty
    kinds: tuple[str, ...] = KINDS
    preprinted: bool = False
    # frame
    inset: float = 10.0  # mm from the page edge
    line: float = 2.0  # pt
    inner_gap: float = 0.0  # mm; > 0 draws a second, thinner frame inside
    inner_line: float = 0.6
    corner: float = 0.0  # mm; > 0 draws corner ornaments
    # qr / seal
    size_mm: float = 0.0
    caption: str = ""
    caption_size: float = 7.0
    dashed: bool = True
    label: str = ""
    name: str = ""  # optional id for messages


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    description: str
    orientation: str
    mode: str
    width_mm: float
    height_mm: float
    colors: dict[str, str]
    texts: dict[str, dict[str, str]]
    elements: tuple[Element, ...]
    path: Path | None = None

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.width_mm * MM, self.height_mm * MM

    def info(self) -> LayoutInfo:
        return LayoutInfo(
            name=self.name,
            label=self.label,
            description=self.description,
            orientation="portrait" if self.orientation == "portrait" else "landscape",
            mode="overlay" if self.mode == "overlay" else "full",
            width_mm=self.width_mm,
            height_mm=self.height_mm,
            path=self.path or Path(),
        )

    def color(self, name: str) -> str:
        return self.colors.get(name, name)

    def kind_texts(self, kind: str) -> dict[str, str]:
        return dict(self.texts.get(kind, {}))


def layouts_dir() -> Path:
    return paths.resources_dir() / "certificates"


def list_layouts(folder: Path | None = None) -> list[LayoutInfo]:
    """Every valid layout in ``resources/certificates`` (sorted by name). A broken file is left
    out of the list; ``load_layout`` on it says what is wrong."""
    out = []
    for p in sorted((folder or layouts_dir()).glob("*.toml")):
        try:
            out.append(load_layout(p).info())
        except (CertificateError, ValidationFailed):
            continue
    return out


def _placeholders(template: str) -> set[str]:
    try:
        return {
            f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(template) if f
        }
    except ValueError as exc:
        raise ValueError(f"bad template {template!r}: {exc}") from exc


def load_layout(name_or_path: str | Path) -> Layout:
    """A layout by name (``landscape`` → ``resources/certificates/landscape.toml``) or path."""
    p = Path(name_or_path)
    if p.suffix != ".toml":
        p = layouts_dir() / f"{name_or_path}.toml"
    if not p.exists():
        names = "、".join(i.name for i in list_layouts()) or "—"
        raise CertificateError(
            f"找不到证书版式“{name_or_path}”（可用：{names}）。",
            f"No certificate layout {name_or_path!r} (available: {names}).",
            code="no_layout",
        )
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationFailed(
            [Issue(p.name, "toml", f"不是有效的 TOML 文件：{exc}", f"not valid TOML: {exc}")]
        ) from exc
    return parse_layout(data, p)


def _num(
    issues: list[Issue],
    where: str,
    d: dict[str, Any],
    key: str,
    default: float,
    lo: float,
    hi: float,
) -> float:
    v = d.get(key, default)
    if isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi:
        issues.append(
            Issue(
                where,
                "range",
                f"{key} 应为 {lo}–{hi} 之间的数",
                f"{key} must be a number {lo}..{hi}",
            )
        )
        return default
    return float(v)


def parse_layout(data: dict[str, Any], path: Path | None = None) -> Layout:
    """Validate a layout's data (as read from TOML); every problem is listed."""
    src = path.name if path else "layout"
    issues: list[Issue] = []
    orientation = data.get("orientation", "landscape")
    if orientation not in ("landscape", "portrait"):
        issues.append(
            Issue(
                src,
                "orientation",
                "orientation 只能是 landscape 或 portrait",
                "orientation must be landscape or portrait",
            )
        )
    mode = data.get("mode", "full")
    if mode not in ("full", "overlay"):
        issues.append(
            Issue(src, "mode", "mode 只能是 full 或 overlay", "mode must be full or overlay")
        )
    if data.get("page", "A4") != "A4":
        issues.append(Issue(src, "page", "目前只支持 A4 纸", "only A4 pages are supported"))
    w, h = (297.0, 210.0) if orientation == "landscape" else (210.0, 297.0)
    colors = {"text": "#1A1A1A", "accent": "#A31F24", "guide": "#B8B8B8"}
    for k, v in (data.get("colors") or {}).items():
        if not isinstance(v, str) or not _HEX.match(v):
            issues.append(
                Issue(f"{src} [colors]", "color", f"{k} 应为 #RRGGBB", f"{k} must be #RRGGBB")
            )
        else:
            colors[str(k)] = v
    texts: dict[str, dict[str, str]] = {k: {} for k in KINDS}
    for kind, table in (data.get("texts") or {}).items():
        if kind not in KINDS or not isinstance(table, dict):
            issues.append(
                Issue(
                    f"{src} [texts.{kind}]",
                    "kind",
                    "只能是 award 或 participation",
                    "must be award or participation",
                )
            )
            continue
        for k, v in table.items():
            if not isinstance(v, str):
                issues.append(
                    Issue(f"{src} [texts.{kind}]", "text", f"{k} 应为文字", f"{k} must be text")
                )
            else:
                texts[kind][str(k)] = v
    known = set(EVENT_FIELDS) | set(CERT_FIELDS)
    text_keys = {k for t in texts.values() for k in t}
    for kind, table in texts.items():
        for k, v in table.items():
            bad = _placeholders(v) - known
            if bad:
                issues.append(
                    Issue(
                        f"{src} [texts.{kind}] {k}",
                        "placeholder",
                        f"未知占位符 {{{'}、{'.join(sorted(bad))}}}",
                        f"unknown placeholder(s) {sorted(bad)}",
                    )
                )
    elements: list[Element] = []
    raw_elements = data.get("element") or []
    if not isinstance(raw_elements, list) or not raw_elements:
        issues.append(
            Issue(src, "elements", "至少需要一个 [[element]]", "needs at least one [[element]]")
        )
        raw_elements = []
    for i, raw in enumerate(raw_elements, 1):
        where = f"{src} element {i}" + (
            f" ({raw.get('name')})" if isinstance(raw, dict) and raw.get("name") else ""
        )
        if not isinstance(raw, dict):
            issues.append(Issue(where, "element", "格式不对", "not a table"))
            continue
        typ = raw.get("type")
        if typ not in TYPES:
            issues.append(
                Issue(where, "type", f"type 应为 {'/'.join(TYPES)}", f"type must be one of {TYPES}")
            )
            continue
        font = raw.get("font", "kai")
        if font not in FACES:
            issues.append(
                Issue(
                    where, "font", "font 只能是 kai、song 或 hei", "font must be kai, song or hei"
                )
            )
            font = "kai"
        align = raw.get("align", "left")
        if align not in ALIGNS:
            issues.append(
                Issue(
                    where,
                    "align",
                    "align 只能是 left、center 或 right",
                    "align must be left, center or right",
                )
            )
            align = "left"
        color = str(raw.get("color", "text"))
        if color not in colors and not _HEX.match(color):
            issues.append(Issue(where, "color", f"未知颜色 {color}", f"unknown colour {color}"))
            color = "text"
        kinds = raw.get("kinds", list(KINDS))
        if not isinstance(kinds, list) or not set(kinds) <= set(KINDS):
            issues.append(
                Issue(
                    where,
                    "kinds",
                    "kinds 只能含 award、participation",
                    "kinds may hold award and participation only",
                )
            )
            kinds = list(KINDS)
        text = raw.get("text", "")
        caption = raw.get("caption", "")
        for t in (text, caption):
            if not isinstance(t, str):
                issues.append(Issue(where, "text", "text 应为文字", "text must be a string"))
                continue
            try:
                bad = _placeholders(t) - known - text_keys
            except ValueError as exc:
                issues.append(Issue(where, "template", f"模板格式不对：{exc}", str(exc)))
                continue
            if bad:
                issues.append(
                    Issue(
                        where,
                        "placeholder",
                        f"未知占位符 {{{'}、{'.join(sorted(bad))}}}",
                        f"unknown placeholder(s) {sorted(bad)}",
                    )
                )
        when = str(raw.get("when", ""))
        if when and when not in known:
            issues.append(
                Issue(where, "when", f"when 不是已知字段：{when}", f"when: unknown field {when}")
            )
        if typ in ("text", "paragraph") and not text:
            issues.append(Issue(where, "text", "缺少 text", "text is missing"))
        el = Element(
            type=typ,
            x=_num(issues, where, raw, "x", 0, -50, 400),
            y=_num(issues, where, raw, "y", 0, -50, 400),
            text=text if isinstance(text, str) else "",
            font=font,
            size=_num(issues, where, raw, "size", 12, 3, 200),
            min_size=_num(issues, where, raw, "min_size", 0, 0, 200),
            align=align,
            max_width=_num(issues, where, raw, "max_width", 0, 0, 400),
            width=_num(issues, where, raw, "width", 0, 0, 400),
            line_height=_num(issues, where, raw, "line_height", 1.5, 0.8, 5),
            max_lines=int(_num(issues, where, raw, "max_lines", 0, 0, 50)),
            indent=_num(issues, where, raw, "indent", 0, 0, 10),
            color=color,
            spacing=_num(issues, where, raw, "spacing", 0, -0.5, 3),
            bold=bool(raw.get("bold", False)),
            underline=_num(issues, where, raw, "underline", 0, 0, 400),
            follow=bool(raw.get("follow", False)),
            gap=_num(issues, where, raw, "gap", 0, -50, 100),
            when=when,
            kinds=tuple(kinds),
            preprinted=bool(raw.get("preprinted", False)),
            inset=_num(issues, where, raw, "inset", 10, 0, 100),
            line=_num(issues, where, raw, "line", 2, 0.1, 20),
            inner_gap=_num(issues, where, raw, "inner_gap", 0, 0, 50),
            inner_line=_num(issues, where, raw, "inner_line", 0.6, 0.1, 20),
            corner=_num(issues, where, raw, "corner", 0, 0, 100),
            size_mm=_num(issues, where, raw, "size_mm", 24 if typ == "qr" else 40, 0, 200),
            caption=caption if isinstance(caption, str) else "",
            caption_size=_num(issues, where, raw, "caption_size", 7, 3, 40),
            dashed=bool(raw.get("dashed", True)),
            label=str(raw.get("label", "")),
            name=str(raw.get("name", "")),
        )
        if typ == "paragraph" and el.width <= 0:
            issues.append(
                Issue(
                    where, "width", "paragraph 需要 width（毫米）", "a paragraph needs width (mm)"
                )
            )
        if typ == "qr" and el.size_mm < 15:
            issues.append(
                Issue(where, "size_mm", "二维码至少 15 毫米", "the QR code needs at least 15 mm")
            )
        elements.append(el)
    if not any(e.type == "qr" for e in elements):
        issues.append(
            Issue(src, "qr", '版式必须含二维码（type = "qr"）', "a layout needs a qr element")
        )
    if issues:
        raise ValidationFailed(issues)
    return Layout(
        name=str(data.get("name") or (path.stem if path else "layout")),
        label=str(data.get("label") or (path.stem if path else "layout")),
        description=str(data.get("description", "")),
        orientation=orientation,
        mode=mode,
        width_mm=w,
        height_mm=h,
        colors=colors,
        texts=texts,
        elements=tuple(elements),
        path=path,
    )
