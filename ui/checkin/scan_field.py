"""The scan field: where a USB keyboard-wedge QR scanner "types" a ticket.

A scanner is a keyboard that types very fast (1-10 ms per character) and then, depending on
how it was configured, presses Enter, Tab, or nothing at all. So the field:

- never goes through an input method: ``WA_InputMethodEnabled`` is off and the hints ask for
  Latin only, so a Chinese 拼音 input method switched on at the desk cannot turn ``KMJ1...``
  into candidate syllables;
- ends a scan on Enter, on Tab (some scanners' suffix), or on a pause of ``PAUSE_MS`` after a
  burst that was typed at scanner speed (a person typing slowly is never cut off: they press
  Enter);
- swallows control characters (STX/ETX framing, GS, a stray Ctrl+letter) that arrive during a
  burst, and strips any that got into the text, and reports what it removed;
- records the time of every key, so the self-test can show how the scanner types.

:class:`ScanKeyRouter` is an application event filter: while the check-in screen is shown, a
printable key pressed anywhere in its window where no other text field has the focus (a button,
the navigation list, the event selector) is delivered to the scan field instead. So a scan
lands in the field even after someone clicked elsewhere, and never changes the selected event.
"""

from __future__ import annotations

import itertools
import statistics
import time
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

PAUSE_MS = 110  # a scan without Enter ends this long after its last character
SCANNER_GAP_MS = 50.0  # median gap between keys at or below which the typing is a scanner's
MIN_SCAN_CHARS = 6  # a pause only ends a burst at least this long
MAX_CHARS = 2000

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_EDIT_KEYS = frozenset(
    {
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Escape,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_EDITING = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Undo,
)
_COMMAND_MODS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_control(ch: str) -> bool:
    """A control or invisible format character (STX, ETX, GS, CR, zero-width space...)."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def strip_controls(text: str) -> tuple[str, list[int]]:
    """``text`` without control/format characters and outer blanks; and what was removed."""
    removed = [ord(c) for c in text if is_control(c)]
    kept = "".join(c for c in text if not is_control(c)).strip()
    return kept, removed


def _control_codes(ev: QKeyEvent) -> list[int]:
    """The control character(s) a key press stands for: its text if that is one, else the
    Ctrl+letter code (Ctrl+B is STX, 0x02)."""
    text = ev.text()
    if text and all(is_control(c) for c in text):
        return [ord(c) for c in text]
    key = ev.key()
    if Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return [int(key) - int(Qt.Key.Key_A) + 1]
    return [int(key) & 0xFFFF]


def control_name(code: int) -> str:
    """How a removed character is shown: STX, ETX, GS... or U+200B."""
    names = {0x02: "STX", 0x03: "ETX", 0x04: "EOT", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR"}
    names |= {0x1D: "GS", 0x1E: "RS", 0x1F: "US", 0x7F: "DEL", 0x1B: "ESC", 0x00: "NUL"}
    return names.get(code, f"U+{code:04X}")


@dataclass(frozen=True)
class ScanInput:
    """One finished scan (or typed code), as the field received it."""

    text: str  # what is submitted: control characters removed
    typed: int  # characters that arrived as key presses
    gaps_ms: tuple[float, ...]  # time between consecutive characters
    ended_by: str  # "enter" | "tab" | "pause"
    stripped: tuple[int, ...]  # code points of the control characters removed
    duration_ms: float  # first character to last

    @property
    def scanner_speed(self) -> bool:
        """Typed at the speed of a scanner, not of a person."""
        return looks_scanned(list(self.gaps_ms))

    @property
    def mean_gap_ms(self) -> float:
        return statistics.fmean(self.gaps_ms) if self.gaps_ms else 0.0

    @property
    def max_gap_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)


def looks_scanned(gaps_ms: list[float]) -> bool:
    return len(gaps_ms) + 1 >= MIN_SCAN_CHARS and statistics.median(gaps_ms) <= SCANNER_GAP_MS


def is_text_input(widget: QWidget | None) -> bool:
    """Whether ``widget`` is somewhere a person types text (so keys must stay there)."""
    if widget is None or not widget.isEnabled():
        return False
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return True
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class ScanField(QLineEdit):
    """A one-line field for scanned codes; emits :attr:`scanned` with a :class:`ScanInput`."""

    scanned = Signal(object)  # ScanInput

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanField")
        # No input method: a scanner's keys must arrive as keys, never as 拼音 candidates.
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setMaxLength(MAX_CHARS)
        self.setClearButtonEnabled(False)
        font = QFont(self.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.pause_submits = True
        self.last_input: ScanInput | None = None
        self._times: list[float] = []
        self._stripped: list[int] = []
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self._pause_elapsed)

    # ------------------------------------------------------------------ state

    def in_burst(self) -> bool:
        """Characters arrived within the last pause interval (a scan is being typed)."""
        return bool(self._times) and (time.perf_counter() - self._times[-1]) * 1000 < PAUSE_MS

    def pending(self) -> bool:
        return bool(self.text())

    def reset(self) -> None:
        self._pause.stop()
        self._times.clear()
        self._stripped.clear()
        self.clear()

    # ------------------------------------------------------------------ keys

    def event(self, ev: QEvent) -> bool:
        # Tab never reaches keyPressEvent (it moves the focus); as a scanner suffix it ends
        # the scan, and it must not carry the focus away from the field.
        if (
            ev.type() == QEvent.Type.KeyPress
            and isinstance(ev, QKeyEvent)
            and ev.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and (self.pending() or self.in_burst())
        ):
            if self.pending():
                self.submit("tab")
            ev.accept()
            return True
        return super().event(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        if key in _MODIFIER_KEYS:  # Shift/Ctrl pressed on their own, before a character
            super().keyPressEvent(ev)
            return
        if key in _ENTER_KEYS:
            if self.pending():
                self.submit("enter")
            ev.accept()  # never the default button of a dialog
            return
        text = ev.text()
        burst = self.in_burst()
        command = bool(ev.modifiers() & _COMMAND_MODS)
        control = bool(text) and all(is_control(c) for c in text)
        framing = (burst and command) or (control and key not in _EDIT_KEYS)
        if framing and (burst or not any(ev.matches(k) for k in _EDITING)):
            # A scanner's framing (STX/ETX typed as Ctrl+B/Ctrl+C, GS...): drop it, note it.
            self._stripped.extend(_control_codes(ev))
            ev.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.reset()
            ev.accept()
            return
        printable = bool(text) and not control and not command
        super().keyPressEvent(ev)
        if printable:
            now = time.perf_counter()
            self._times.extend([now] * len(text))
            self._pause.start()

    def inputMethodEvent(self, ev: QInputMethodEvent) -> None:
        """Should an input method get through after all (some do), take its committed text
        like typed characters; the core normalises full-width forms."""
        super().inputMethodEvent(ev)
        committed = ev.commitString()
        if committed:
            now = time.perf_counter()
            self._times.extend([now] * len(committed))
            self._pause.start()

    def _pause_elapsed(self) -> None:
        if not self.pause_submits or not self.pending():
            return
        gaps = self._gaps()
        if looks_scanned(gaps):
            self.submit("pause")

    def _gaps(self) -> list[float]:
        t = self._times
        return [(b - a) * 1000 for a, b in itertools.pairwise(t)]

    def submit(self, ended_by: str) -> ScanInput | None:
        """End the current scan; emits :attr:`scanned` unless nothing is left of it."""
        self._pause.stop()
        text, removed = strip_controls(self.text())
        times = self._times
        done = ScanInput(
            text=text,
            typed=len(times),
            gaps_ms=tuple(self._gaps()),
            ended_by=ended_by,
            stripped=tuple(self._stripped + removed),
            duration_ms=(times[-1] - times[0]) * 1000 if len(times) > 1 else 0.0,
        )
        self.reset()
        self.last_input = done
        if not done.text:
            return None
        self.scanned.emit(done)
        return done


class ScanKeyRouter(QObject):
    """Application event filter that sends stray scanner keys to ``field``.

    Install it while the screen is shown (``QApplication.installEventFilter``) and remove it
    when hidden. Only key presses aimed at a widget of the field's own window are considered;
    dialogs and other windows keep their keys, and so does any other text field.
    """

    def __init__(self, field: ScanField, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.redirected = 0

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        field = self.field
        if obj is field or not field.isVisible() or not field.isEnabled():
            return False
        if obj.window() is not field.window() or is_text_input(obj):
            return False
        assert isinstance(ev, QKeyEvent)
        if not self._wanted(ev):
            return False
        copy = QKeyEvent(
            ev.type(), ev.key(), ev.modifiers(), ev.text(), ev.isAutoRepeat(), ev.count()
        )
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.sendEvent(field, copy)
        self.redirected += 1
        return True

    def _wanted(self, ev: QKeyEvent) -> bool:
        field = self.field
        key = ev.key()
        text = ev.text()
        if key in _MODIFIER_KEYS:
            return False
        if key in (*_ENTER_KEYS, Qt.Key.Key_Tab):
            return field.pending()  # the end of a scan; otherwise Enter presses a button
        if ev.modifiers() & _COMMAND_MODS:
            return field.in_burst()  # a scanner's Ctrl+B framing; else a real shortcut
        if not text:
            return False
        if all(is_control(c) for c in text):
            return field.in_burst()
        return text.isprintable() and not text.isspace()
