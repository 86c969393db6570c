"""Very large, heavy text that always fits: the name, the ID digits, the station number.

The bundled CJK font has no bold face, and Qt's synthetic bold is not applied to glyphs drawn
as outlines at display sizes (above about 64 px), so the big texts came out thin. This widget
draws the text as a path, filled and outlined in the same colour (a heavier stroke, legible
from two metres), and shrinks it to fit its width: a long name such as 阿卜杜热合曼·买买提 stays
on one line instead of being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class BigText(QWidget):
    def __init__(
        self,
        point_size: float,
        parent: QWidget | None = None,
        *,
        color: str = "#111820",
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        family: str = "",
        min_point_size: float = 14,
        weight: float = 0.045,  # outline width as a share of the font's pixel size
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self.point_size = point_size
        self.min_point_size = min_point_size
        self.color = QColor(color)
        self.align = align
        self.weight = weight
        font = QFont(self.font())
        if family:
            font.setFamily(family)
        font.setPointSizeF(point_size)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(int(QFontMetricsF(font).height()) + 4)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # the QLabel spelling, for the panel's code
        self._text = text
        self.update()

    def set_style(self, point_size: float, color: str) -> None:
        self.point_size = point_size
        self.color = QColor(color)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        self.setFixedHeight(int(QFontMetricsF(font).height()) + 4)
        self.update()

    def fitted_font(self) -> QFont:
        """The font at the largest size (up to ``point_size``) at which the text fits."""
        font = QFont(self.font())
        size = self.point_size
        room = max(10.0, self.width() - 8.0)
        while size > self.min_point_size:
            font.setPointSizeF(size)
            if QFontMetricsF(font).horizontalAdvance(self._text) <= room:
                break
            size *= 0.92
        font.setPointSizeF(max(size, self.min_point_size))
        return font

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(int(fm.horizontalAdvance(self._text or "0000")) + 8, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        font = self.fitted_font()
        fm = QFontMetricsF(font)
        width = fm.horizontalAdvance(self._text)
        if self.align & Qt.AlignmentFlag.AlignHCenter:
            x = (self.width() - width) / 2
        elif self.align & Qt.AlignmentFlag.AlignRight:
            x = self.width() - width - 4
        else:
            x = 4.0
        y = (self.height() - fm.height()) / 2 + fm.ascent()
        path = QPainterPath()
        path.addText(QPointF(x, y), font, self._text)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.color, max(1.0, fm.height() * self.weight))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(self.color)
        p.drawPath(path)
        p.end()
