"""A keyboard-wedge scanner, simulated: key events delivered to the *window* (as the window
system delivers them), so they reach whatever has the focus, as a real scanner's would.

QTest.keyClick(widget, ...) would hand the keys straight to a chosen widget and prove nothing
about focus; these go through QWidgetWindow to the focus widget, past the app's event filters.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

STX, ETX, GS = "\x02", "\x03", "\x1d"
_CTRL_KEYS = {STX: Qt.Key.Key_B, ETX: Qt.Key.Key_C, GS: Qt.Key.Key_BracketRight}


def _window(target: QWidget):
    handle = target.window().windowHandle()
    assert handle is not None, "the window must be shown"
    return handle


def control(target: QWidget, char: str) -> None:
    """A control character as a scanner (or X11) types it: Ctrl+letter with the control text."""
    w = _window(target)
    key = _CTRL_KEYS[char]
    mods = Qt.KeyboardModifier.ControlModifier
    QTest.sendKeyEvent(QTest.KeyAction.Press, w, key, char, mods)
    QTest.sendKeyEvent(QTest.KeyAction.Release, w, key, char, mods)


def scan(
    target: QWidget,
    text: str,
    *,
    gap_ms: float = 3.0,
    enter: bool = True,
    prefix: str = "",
    suffix: str = "",
) -> float:
    """Type ``text`` into ``target``'s window one key every ``gap_ms`` (events are processed
    between keys, as in real life), then Enter unless ``enter`` is False. ``prefix``/``suffix``
    are control characters sent around the text. Returns the seconds it took."""
    w = _window(target)
    start = time.perf_counter()
    for c in prefix:
        control(target, c)
    for i, ch in enumerate(text):
        QTest.keyClick(w, ch)
        # wait until the next key is due (not a fixed sleep: typing takes time too)
        due = start + (i + 1) * gap_ms / 1000
        while time.perf_counter() < due:
            QApplication.processEvents()
    for c in suffix:
        control(target, c)
    if enter:
        QTest.keyClick(w, Qt.Key.Key_Return)
    return time.perf_counter() - start
