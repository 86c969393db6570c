"""The bundled fonts, so Chinese renders on a machine without any CJK font installed.

Every .ttc/.ttf/.otf in resources/fonts is registered with Qt; the UI font is WenQuanYi
Micro Hei (文泉驿微米黑), a sans-serif with full GB 18030 coverage that stays legible at
10 pt on a 1366×768 laptop screen.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kmjudge import paths

log = logging.getLogger(__name__)

UI_FAMILY_HINTS = ("WenQuanYi Micro Hei", "文泉驿微米黑")
UI_POINT_SIZE = 10

_registered: dict[str, list[str]] = {}  # file -> families (addApplicationFont is not idempotent)


def fonts_dir() -> Path:
    return paths.resources_dir() / "fonts"


def register_bundled_fonts(folder: Path | None = None) -> dict[str, list[str]]:
    """Register every font file in ``folder``; returns {file name: [families]}."""
    folder = folder or fonts_dir()
    if not folder.is_dir():
        log.warning("font folder %s is missing; Chinese may not render", folder)
        return {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".ttc", ".ttf", ".otf") or str(path) in _registered:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            _registered[str(path)] = []
            continue
        _registered[str(path)] = list(QFontDatabase.applicationFontFamilies(font_id))
    return {Path(k).name: v for k, v in _registered.items() if Path(k).parent == folder}


def ui_family(families: dict[str, list[str]]) -> str | None:
    """The registered family name of WenQuanYi Micro Hei (the .ttc also holds a mono face)."""
    every = [f for fams in families.values() for f in fams]
    for hint in UI_FAMILY_HINTS:
        for fam in every:
            if fam == hint:
                return fam
    for fam in every:  # e.g. a localised family name
        if "micro hei" in fam.lower() and "mono" not in fam.lower():
            return fam
    return None


def apply_ui_font(app: QApplication, point_size: int = UI_POINT_SIZE) -> str | None:
    """Register the bundled fonts and make WenQuanYi Micro Hei the application font."""
    families = register_bundled_fonts()
    family = ui_family(families)
    if family is None:
        log.warning("WenQuanYi Micro Hei not found among bundled fonts: %s", families)
        font = app.font()
        font.setPointSize(point_size)
        app.setFont(font)
        return None
    font = QFont(family, point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return family
