"""A locked, scored event for certificate tests (built with ``tests/results/helpers``)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from tests.results.helpers import ScoredEvent, marks

#: ten contestants, best first; rare characters in names (堃 喆 昇 赟 犇 via the Kai font,
#: 刏 only in WenQuanYi: per-glyph fallback)
NAMES = ["张晓明", "李堃", "周刏", "王喆", "赵昇", "陈赟", "刘犇", "孙丽", "钱强", "郑红"]


def scored_event(
    db: Database,
    admin: Actor,
    names: list[str] | None = None,
    *,
    lock: bool = True,
    statuses: dict[int, str] | None = None,
    **overrides: Any,
) -> ScoredEvent:
    """Contestants at stations 1..n with strictly decreasing totals (station 1 wins).
    Default awards for 10: 一等奖 1, 二等奖 2, 三等奖 3 (10/20/30 %)."""
    ev = ScoredEvent.create(db, admin, **overrides)
    for i, name in enumerate(names or NAMES):
        ev.add(
            i + 1,
            name=name,
            marks=marks(40 - i, [3, 3, 2, 2, 2], 30 - i),
            theory=95 - i,
            status=(statuses or {}).get(i + 1, "checked_in"),
        )
    if lock:
        ev.lock()
    return ev


def pdf_text(path: Path | bytes) -> list[str]:
    """The text of every page (pypdf), spaces removed (CJK runs are extracted per run)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    return [re.sub(r"\s+", "", p.extract_text() or "") for p in reader.pages]


def words(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points from the top-left, by poppler's pdftotext."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pat = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in pat.finditer(out)]


def render_png(path: Path, page: int, dpi: int = 150) -> Path:
    stem = path.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            f"{stem}-p{page}",
        ],
        check=True,
    )
    return Path(f"{stem}-p{page}.png")


def decode_qr(png: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
