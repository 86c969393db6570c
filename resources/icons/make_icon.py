"""Draw kmjudge's application icon (run once; the SVG, PNGs and .ico are committed).

    .venv/bin/python resources/icons/make_icon.py

Drawn here from primitives, no third-party artwork: a gold medal on a red ribbon with the
character 评 (judge/assess) and a green tick badge. The character is the outline of 评 in the
bundled WenQuanYi Micro Hei (Apache-2.0, resources/fonts/), converted to an SVG path with
Qt's QPainterPath, so the SVG needs no font to render.

Writes, beside this script:
- kmjudge.svg        the full icon (scalable; Linux hicolor/scalable, the About dialog)
- kmjudge-small.svg  the simplified variant for 16 and 24 px (medal and tick, no character:
                     a 16 px 评 is a grey smudge)
- kmjudge-<N>.png    N = 16 24 32 48 64 128 256, rendered with QtSvg
- kmjudge.ico        every PNG above in one Windows icon (Pillow), for the .exe and Setup.exe
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL = (16, 24)

RIBBON = "#c62828"
RIBBON_DARK = "#8e1b1b"
GOLD_LIGHT = "#ffe082"
GOLD = "#f6b91a"
GOLD_DARK = "#a86d00"
INK = "#7a1010"
TICK = "#2e7d32"


def glyph_path(char: str, box: tuple[float, float, float, float]) -> str:
    """SVG path data of ``char`` (WenQuanYi Micro Hei) scaled to fit ``box`` (x, y, w, h)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QFontDatabase, QPainterPath

    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources/fonts/wqy-microhei.ttc"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPixelSize(1000)
    font.setBold(True)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, char)
    r = path.boundingRect()
    x, y, w, h = box
    scale = min(w / r.width(), h / r.height())
    dx = x + (w - r.width() * scale) / 2 - r.x() * scale
    dy = y + (h - r.height() * scale) / 2 - r.y() * scale

    def pt(i: int) -> str:
        e = path.elementAt(i)
        return f"{e.x * scale + dx:.2f} {e.y * scale + dy:.2f}"

    out: list[str] = []
    i, n = 0, path.elementCount()
    while i < n:
        e = path.elementAt(i)
        if e.isMoveTo():
            out.append("M" + pt(i))
            i += 1
        elif e.isLineTo():
            out.append("L" + pt(i))
            i += 1
        else:  # CurveTo followed by two CurveToData elements
            out.append("C" + " ".join(pt(j) for j in (i, i + 1, i + 2)))
            i += 3
    return "".join(out) + "Z"


def _defs() -> str:
    return f"""  <defs>
    <radialGradient id="gold" cx="0.38" cy="0.32" r="0.75">
      <stop offset="0" stop-color="{GOLD_LIGHT}"/>
      <stop offset="0.55" stop-color="{GOLD}"/>
      <stop offset="1" stop-color="{GOLD_DARK}"/>
    </radialGradient>
  </defs>
"""


def full_svg() -> str:
    char = glyph_path("评", (76, 98, 104, 104))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- kmjudge icon, drawn by resources/icons/make_icon.py. 评 outline from WenQuanYi Micro Hei
     (Apache-2.0). -->
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
{_defs()}  <path d="M52 4 H98 L150 92 L118 104 Z" fill="{RIBBON_DARK}"/>
  <path d="M204 4 H158 L106 92 L138 104 Z" fill="{RIBBON}"/>
  <circle cx="128" cy="150" r="100" fill="{GOLD_DARK}"/>
  <circle cx="128" cy="150" r="93" fill="url(#gold)"/>
  <circle cx="128" cy="150" r="74" fill="none" stroke="{GOLD_DARK}" stroke-width="5"
          stroke-opacity="0.75"/>
  <path d="{char}" fill="{INK}" stroke="{INK}" stroke-width="4" stroke-linejoin="round"/>
  <circle cx="204" cy="208" r="42" fill="#ffffff"/>
  <circle cx="204" cy="208" r="35" fill="{TICK}"/>
  <path d="M184 208 L198 223 L226 192" fill="none" stroke="#ffffff" stroke-width="10"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def small_svg() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- kmjudge icon for 16 and 24 px, drawn by resources/icons/make_icon.py -->
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
{_defs()}  <path d="M40 0 H104 L150 80 L110 100 Z" fill="{RIBBON_DARK}"/>
  <path d="M216 0 H152 L106 80 L146 100 Z" fill="{RIBBON}"/>
  <circle cx="128" cy="150" r="104" fill="{GOLD_DARK}"/>
  <circle cx="128" cy="150" r="90" fill="url(#gold)"/>
  <path d="M78 150 L114 188 L180 110" fill="none" stroke="{TICK}" stroke-width="30"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render(svg: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert app is not None
    full, small = HERE / "kmjudge.svg", HERE / "kmjudge-small.svg"
    full.write_text(full_svg(), "utf-8")
    small.write_text(small_svg(), "utf-8")
    pngs = []
    for size in SIZES:
        out = HERE / f"kmjudge-{size}.png"
        render(small if size in SMALL else full, size, out)
        pngs.append(out)
    images = [Image.open(p).convert("RGBA") for p in pngs]
    largest = images[-1]
    largest.save(
        HERE / "kmjudge.ico",
        format="ICO",
        sizes=[(s, s) for s in SIZES],
        append_images=images[:-1],
    )
    print("wrote", ", ".join(p.name for p in [full, small, *pngs, HERE / "kmjudge.ico"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
