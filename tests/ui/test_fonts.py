"""The bundled CJK font: registered, used as the UI font, and it really has the glyphs."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication

from ui import fonts

SAMPLE = "职工技能竞赛裁判员检录员锁定成绩"


def test_every_bundled_font_file_is_registered() -> None:
    """Each .ttc in resources/fonts gives at least one family to Qt."""
    families = fonts.register_bundled_fonts()
    assert {"wqy-microhei.ttc", "uming.ttc", "ukai.ttc"} <= set(families)
    assert all(families[name] for name in families)


def test_the_ui_font_is_wenquanyi_micro_hei_and_covers_chinese(qapp: QApplication) -> None:
    """The application font is the bundled WenQuanYi Micro Hei at a readable size, and that
    very font (not a system fallback) has a glyph for every character of a Chinese sample."""
    family = fonts.apply_ui_font(qapp)
    assert family is not None and "Micro Hei" in family
    font = qapp.font()
    assert font.family() == family
    assert 10 <= font.pointSize() <= 11
    assert QFontInfo(font).family() == family
    assert family in QFontDatabase.families()
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in SAMPLE)
    raw = QRawFont.fromFont(font)
    assert raw.isValid()
    assert all(raw.supportsCharacter(ord(ch)) for ch in SAMPLE)
    assert raw.familyName() == family
