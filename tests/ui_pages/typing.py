"""Typing into widgets the way people do: Latin characters as key presses, Chinese through the
input method (QTest cannot press a key for 张; an IME commits the finished characters)."""

from __future__ import annotations

from itertools import groupby

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    for is_ascii, chars in groupby(text, key=lambda c: c.isascii()):
        run = "".join(chars)
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
