"""扫码枪自检: is the scanner set up right for this laptop?

A test QR code is shown on screen (and can be saved as a PDF to print, for scanners that cannot
read a screen). It holds 150 characters of the ticket alphabet (A–Z, 2–7), as long as a real
ticket and in the same QR version, so it shows how the scanner types a ticket here: which
characters arrived (a German or French keyboard setting turns Z into Y, a Caps Lock makes
lower case), how fast, whether Enter (or Tab) came at the end, and which control characters were
removed. Scanning this code at the check-in desk says "this is the test code" and checks no one in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmjudge.checkin.qr import qr_matrix
from ui.checkin.common import ask_save_path, default_folder
from ui.checkin.scan_field import ScanField, ScanInput, ScanKeyRouter, control_name
from ui.widgets import MessageBanner, heading, hint

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SELFTEST_TEXT = "KMJ1TEST" + (ALPHABET * 5)[:142]  # 150 characters, like a ticket
QUIET = 4  # modules of white around the symbol


def is_selftest(text: str) -> bool:
    """Whether a scanned text is the test code (whatever the case the scanner typed)."""
    return "".join(text.split()).upper() == SELFTEST_TEXT


@dataclass(frozen=True)
class SelfTestReport:
    """What the test scan shows about the scanner."""

    received: str
    matches: bool  # the right characters (case aside)
    exact: bool  # ... and in upper case
    first_difference: int  # index of the first wrong character, -1 if none
    expected_char: str
    received_char: str
    length: int
    ended_by: str
    scanner_speed: bool
    mean_gap_ms: float
    max_gap_ms: float
    duration_ms: float
    stripped: tuple[int, ...]
    gaps_ms: tuple[float, ...]


def assess(inp: ScanInput, expected: str = SELFTEST_TEXT) -> SelfTestReport:
    text = inp.text
    upper = text.upper()
    diff = next(
        (i for i, (a, b) in enumerate(zip(upper, expected, strict=False)) if a != b),
        -1 if len(upper) == len(expected) else min(len(upper), len(expected)),
    )
    return SelfTestReport(
        received=text,
        matches=upper == expected,
        exact=text == expected,
        first_difference=diff,
        expected_char=expected[diff] if 0 <= diff < len(expected) else "",
        received_char=text[diff] if 0 <= diff < len(text) else "",
        length=len(text),
        ended_by=inp.ended_by,
        scanner_speed=inp.scanner_speed,
        mean_gap_ms=inp.mean_gap_ms,
        max_gap_ms=inp.max_gap_ms,
        duration_ms=inp.duration_ms,
        stripped=inp.stripped,
        gaps_ms=inp.gaps_ms,
    )


class QrWidget(QWidget):
    """Paints a QR symbol, black on white with its quiet zone, as large as it fits."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrWidget")
        self.text = text
        self.matrix = qr_matrix(text)
        self.setMinimumSize(260, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        side = min(self.width(), self.height())
        x0 = (self.width() - side) / 2
        y0 = (self.height() - side) / 2
        paint_qr(p, self.matrix, QRectF(x0, y0, side, side))
        p.end()


def paint_qr(p: QPainter, matrix: list[list[bool]], rect: QRectF) -> None:
    n = len(matrix) + 2 * QUIET
    unit = rect.width() / n
    p.fillRect(rect, QColor("white"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("black"))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for i, row in enumerate(matrix):
        j = 0
        while j < len(row):
            if row[j]:
                k = j
                while k < len(row) and row[k]:
                    k += 1
                p.drawRect(
                    QRectF(
                        rect.x() + (QUIET + j) * unit,
                        rect.y() + (QUIET + i) * unit,
                        (k - j) * unit + 0.5,
                        unit + 0.5,
                    )
                )
                j = k
            else:
                j += 1


def write_test_sheet(path: str | Path, title: str, note: str) -> Path:
    """An A4 PDF with the test code 60 mm wide, to print and scan."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    p = QPainter(writer)
    mm = 300 / 25.4
    font = QFont(QApplication.font())
    font.setPointSize(18)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 0, 180 * mm, 14 * mm), Qt.AlignmentFlag.AlignCenter, title)
    paint_qr(p, qr_matrix(SELFTEST_TEXT), QRectF(60 * mm, 24 * mm, 60 * mm, 60 * mm))
    font.setPointSize(11)
    font.setBold(False)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(
        QRectF(10 * mm, 92 * mm, 160 * mm, 30 * mm),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
        note,
    )
    p.end()
    return Path(path)


class SelfTestDialog(QDialog):
    """The scanner self-test. Not modal; it keeps its own keys while it is the active window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfTestDialog")
        self.setWindowTitle(self.tr("Scanner self-test"))
        self.resize(1000, 620)
        self.report: SelfTestReport | None = None

        outer = QHBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(20)

        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Scanner self-test"), self))
        self.qr = QrWidget(SELFTEST_TEXT, self)
        left.addWidget(self.qr, 1)
        left.addWidget(
            hint(self.tr("Scan this code with the scanner (from the screen or from paper)."), self)
        )
        self.print_button = QPushButton(self.tr("Save the test code as PDF to print…"), self)
        self.print_button.setObjectName("printTestCode")
        self.print_button.setAutoDefault(False)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.print_button.clicked.connect(self.save_pdf)
        left.addWidget(self.print_button)
        outer.addLayout(left, 4)

        right = QVBoxLayout()
        right.setSpacing(8)
        self.field = ScanField(self)
        self.field.setObjectName("selfTestField")
        self.field.setPlaceholderText(self.tr("The scan appears here"))
        self.field.setMinimumHeight(40)
        self.field.scanned.connect(self.show_report)
        right.addWidget(self.field)
        self.router = ScanKeyRouter(self.field, self)

        self.verdict = QLabel(self.tr("Waiting for a scan…"), self)
        self.verdict.setObjectName("selfTestVerdict")
        self.verdict.setWordWrap(True)
        self._paint_verdict("idle")
        right.addWidget(self.verdict)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        self.rows: dict[str, QLabel] = {}
        for key, label in (
            ("chars", self.tr("Characters:")),
            ("content", self.tr("Content:")),
            ("ending", self.tr("End of scan:")),
            ("timing", self.tr("Time between keys:")),
            ("controls", self.tr("Control characters:")),
        ):
            value = QLabel("—", self)
            value.setObjectName(f"selfTest_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.rows[key] = value
            form.addRow(QLabel(label, self), value)
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("What arrived:"), self))
        # read-only (so never a place the keys are kept), wrapping anywhere: a token is one
        # 150-character word that a label would not break
        self.received = QPlainTextEdit(self)
        self.received.setObjectName("selfTestReceived")
        self.received.setReadOnly(True)
        self.received.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.received.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.received.setStyleSheet(
            "QPlainTextEdit#selfTestReceived { font-family: 'WenQuanYi Micro Hei Mono'; "
            "font-size: 11pt; background: white; }"
        )
        self.received.setFixedHeight(92)
        right.addWidget(self.received)
        self.gaps = QLabel(self)
        self.gaps.setObjectName("selfTestGaps")
        self.gaps.setWordWrap(True)
        self.gaps.setMaximumWidth(600)
        self.gaps.setStyleSheet("color: #5d6975;")
        right.addWidget(self.gaps)
        self.banner = MessageBanner(self)
        right.addWidget(self.banner)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        again = QPushButton(self.tr("Clear"), self)
        again.setObjectName("selfTestClear")
        again.setAutoDefault(False)
        again.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        again.clicked.connect(self.clear)
        buttons.addWidget(again)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        right.addLayout(buttons)
        outer.addLayout(right, 5)

    # ------------------------------------------------------------------ life

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        QApplication.instance().installEventFilter(self.router)  # type: ignore[union-attr]
        self.field.setFocus()

    def hideEvent(self, event: object) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.router)
        super().hideEvent(event)  # type: ignore[arg-type]

    def clear(self) -> None:
        self.report = None
        self.field.reset()
        for value in self.rows.values():
            value.setText("—")
        self.received.setPlainText("")
        self.gaps.setText("")
        self.verdict.setText(self.tr("Waiting for a scan…"))
        self._paint_verdict("idle")
        self.field.setFocus()

    def _paint_verdict(self, look: str) -> None:
        colours = {"idle": "#5d6975", "ok": "#17803a", "warn": "#b85600", "bad": "#b3261e"}
        fg = "white" if look != "idle" else "#17202a"
        bg = colours[look] if look != "idle" else "#eef1f5"
        self.verdict.setStyleSheet(
            f"QLabel#selfTestVerdict {{ background: {bg}; color: {fg}; font-size: 16pt;"
            " font-weight: bold; padding: 10px; border-radius: 6px; }"
        )

    # ------------------------------------------------------------------ report

    def show_report(self, inp: ScanInput) -> SelfTestReport:
        r = assess(inp)
        self.report = r
        self.rows["chars"].setText(
            self.tr("{n} received (the test code has {expected})").format(
                n=r.length, expected=len(SELFTEST_TEXT)
            )
        )
        if r.exact:
            content = self.tr("✔ exactly the test code")
        elif r.matches:
            content = self.tr(
                "✔ the test code, but in lower case (Caps Lock, or the scanner's setting). "
                "Tickets are still read correctly."
            )
        elif r.first_difference >= 0 and r.expected_char:
            content = self.tr(
                "✖ differs from character {pos}: expected “{expected}”, got “{got}”. "
                "Set the scanner's keyboard language to US English."
            ).format(
                pos=r.first_difference + 1,
                expected=r.expected_char,
                got=r.received_char or self.tr("nothing"),
            )
        else:
            content = self.tr("✖ longer than the test code: something extra was typed.")
        self.rows["content"].setText(content)
        endings = {
            "enter": self.tr("✔ Enter came at the end"),
            "tab": self.tr("✔ Tab came at the end (accepted like Enter)"),
            "pause": self.tr(
                "No Enter: the scan ended by a pause. Accepted; setting the scanner to send "
                "Enter is slightly faster."
            ),
        }
        self.rows["ending"].setText(endings.get(r.ended_by, r.ended_by))
        self.rows["timing"].setText(
            self.tr(
                "average {mean:.1f} ms, longest {max:.1f} ms, whole scan {total:.0f} ms"
            ).format(mean=r.mean_gap_ms, max=r.max_gap_ms, total=r.duration_ms)
            + ("" if r.scanner_speed else "  " + self.tr("(as slow as typing by hand)"))
        )
        if r.stripped:
            names = ", ".join(control_name(c) for c in r.stripped)
            self.rows["controls"].setText(
                self.tr("{n} removed: {names}").format(n=len(r.stripped), names=names)
            )
        else:
            self.rows["controls"].setText(self.tr("none"))
        self.received.setPlainText(r.received)
        shown = " ".join(f"{g:.0f}" for g in r.gaps_ms[:60])
        self.gaps.setText(
            self.tr("Gaps between keys (ms): {gaps}").format(gaps=shown)
            + (" …" if len(r.gaps_ms) > 60 else "")
        )
        if r.matches and (r.scanner_speed or r.ended_by != "pause"):
            self.verdict.setText(self.tr("✔ The scanner works: tickets will be read."))
            self._paint_verdict("ok" if r.exact and r.ended_by != "pause" else "warn")
            if not (r.exact and r.ended_by != "pause"):
                self.verdict.setText(
                    self.tr("✔ The scanner works: tickets will be read (see the notes below).")
                )
        else:
            self.verdict.setText(self.tr("✖ The scanner does not type the code correctly."))
            self._paint_verdict("bad")
        self.field.setFocus()
        return r

    def save_pdf(self, path: str = "") -> Path | None:
        path = path or ask_save_path(
            self,
            self.tr("Save the test code as"),
            default_folder() / "扫码枪测试码.pdf",
            "PDF (*.pdf)",
        )
        if not path:
            return None
        written = write_test_sheet(
            path,
            self.tr("kmjudge scanner test code"),
            self.tr(
                "Open Check-in → Tools → Scanner self-test on the laptop and scan this code. "
                "It is not a ticket."
            ),
        )
        self.banner.success(self.tr("Saved to {path}").format(path=written))
        return written
