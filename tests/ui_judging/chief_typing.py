"""Typing Chinese the way it reaches a widget: committed by the input method (QTest's key
clicks only know ASCII keys)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def ime_type(widget: QWidget, text: str) -> None:
    """Commit ``text`` into ``widget`` as an input method does after the user picks it."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
