"""The targets chart of the city office page, painted with QPainter (no chart library).

One block per district (the city first): a bar for competitions, one for trades and, where
a target is set, one for workers trained, each as a share of its target, with the target
at a vertical line. A bar that reached its target is green; one that did not is amber; with
no target the bar is grey and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

MET = QColor("#3f9a52")
SHORT = QColor("#e0a526")
NONE = QColor("#b8c2cc")
LINE = QColor("#a61b1b")
TEXT = QColor("#17202a")
HINT = QColor("#5d6975")


@dataclass(frozen=True)
class Bar:
    label: str  # 竞赛 / 工种 / 培训
    done: int
    goal: int  # 0: no target

    @property
    def share(self) -> float:
        return self.done / self.goal if self.goal > 0 else 0.0

    @property
    def met(self) -> bool:
        return self.goal > 0 and self.done >= self.goal


@dataclass(frozen=True)
class Group:
    label: str  # 市级 / 五华区 ...
    bars: tuple[Bar, ...]


class TargetsChart(QWidget):
    BAR_H = 14
    GAP = 4
    GROUP_GAP = 12
    LABEL_W = 78
    KIND_W = 40
    TEXT_W = 96
    MAX_SHARE = 1.5  # bars longer than 150 % of the target are cut (and marked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[Group] = []
        self.no_target_text = ""
        self.setObjectName("targetsChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(False)

    def set_groups(self, groups: list[Group], no_target_text: str = "") -> None:
        self.groups = list(groups)
        self.no_target_text = no_target_text
        self.updateGeometry()
        self.setMinimumHeight(self._height())
        self.update()

    def _height(self) -> int:
        h = 28
        for g in self.groups:
            h += len(g.bars) * (self.BAR_H + self.GAP) + self.GROUP_GAP
        return max(h, 60)

    def sizeHint(self) -> QSize:
        return QSize(520, self._height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        left = self.LABEL_W + self.KIND_W
        width = max(60, self.width() - left - self.TEXT_W - 10)
        full = width / self.MAX_SHARE  # pixels of 100 %
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        bold = QFont(self.font())
        bold.setBold(True)
        y = 22.0
        p.setFont(small)
        p.setPen(HINT)
        p.drawText(QRectF(left, 2, full, 18), Qt.AlignmentFlag.AlignRight, "100%")
        top = y
        for g in self.groups:
            p.setFont(bold)
            p.setPen(TEXT)
            block = len(g.bars) * (self.BAR_H + self.GAP)
            p.drawText(
                QRectF(0, y, self.LABEL_W - 6, block),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                g.label,
            )
            p.setFont(small)
            for b in g.bars:
                p.setPen(HINT)
                p.drawText(
                    QRectF(self.LABEL_W, y, self.KIND_W - 4, self.BAR_H),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    b.label,
                )
                if b.goal > 0:
                    length = min(b.share, self.MAX_SHARE) * full
                    color = MET if b.met else SHORT
                    text = f"{b.done:,} / {b.goal:,}"
                else:
                    length = min(width, 6.0 * b.done) if b.done else 0.0
                    color = NONE
                    text = f"{b.done:,} {self.no_target_text}".strip()
                p.fillRect(QRectF(left, y, max(length, 1.5), self.BAR_H), color)
                p.setPen(TEXT)
                p.drawText(
                    QRectF(left + min(length, width) + 6, y, self.TEXT_W + 40, self.BAR_H),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
                y += self.BAR_H + self.GAP
            y += self.GROUP_GAP
        pen = QPen(LINE)
        pen.setWidthF(1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(int(left + full), int(top - 4), int(left + full), int(y - self.GROUP_GAP))
        p.end()
