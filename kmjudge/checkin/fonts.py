"""The bundled CJK TrueType fonts, registered with ReportLab once per process.

PDFs (tickets, draw lists, later certificates) embed subsets of these fonts, so they print the
same on a laptop with no Chinese font installed. See ``resources/fonts/README.md``.

    from kmjudge.checkin.fonts import cjk_font
    canvas.setFont(cjk_font("sans"), 12)
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

from kmjudge import paths
from kmjudge.errors import KmError

Face = Literal["sans", "song", "kai"]

# face -> (ReportLab font name, file in resources/fonts, subfont index of the CN face)
FACES: dict[str, tuple[str, str, int]] = {
    "sans": ("KMSans", "wqy-microhei.ttc", 0),  # 文泉驿微米黑
    "song": ("KMSong", "uming.ttc", 0),  # AR PL UMing CN (宋/明体)
    "kai": ("KMKai", "ukai.ttc", 0),  # AR PL UKai CN (楷体)
}

_lock = threading.Lock()
_registered: set[str] = set()


class FontMissing(KmError):
    code = "font_missing"


def font_path(face: Face) -> Path:
    return paths.resources_dir() / "fonts" / FACES[face][1]


def cjk_font(face: Face = "sans") -> str:
    """Register ``face`` with ReportLab (first call only; thread-safe) and return its name."""
    name, _file, index = FACES[face]
    if name in _registered:
        return name
    with _lock:
        if name not in _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            path = font_path(face)
            if not path.exists():
                raise FontMissing(
                    f"找不到中文字体文件 {path}，请重新安装 kmjudge。",
                    f"The CJK font file {path} is missing; reinstall kmjudge.",
                )
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            _registered.add(name)
    return name
