"""The installed PySide6 must not release references it does not own.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``True`` on every ``Signal.emit()`` of a
Python-declared signal, and one to ``None`` every time a built-in signal calls a Python slot.
On 3.12+ those objects are immortal and nothing happens; on 3.11 the count reaches zero after
a few thousand emits and the interpreter aborts ("Fatal Python error: bool_dealloc") — in the
middle of a competition, since every background job of the GUI ends with an emit. PySide6
6.11.3 on 3.11 does not have the bug. This test names the problem before it shows up as a
crash: it fails on an affected combination.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

ROUNDS = 200


class _Emitter(QObject):
    fired = Signal(object)


def _counts() -> tuple[int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(None)


def test_signal_emit_does_not_release_true_or_none() -> None:
    """Emitting a Python signal and clicking a button connected to a Python slot leave the
    reference counts of True and None where they were."""
    emitter = _Emitter()
    got: list[object] = []
    emitter.fired.connect(lambda value: got.append(value))
    button = QPushButton()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    emitter.fired.emit(0)
    button.click()
    before = _counts()
    for i in range(ROUNDS):
        emitter.fired.emit(i)
        button.click()
    after = _counts()
    assert len(got) == ROUNDS + 1 and len(clicks) == ROUNDS + 1
    import PySide6

    lost_true, lost_none = before[0] - after[0], before[1] - after[1]
    assert lost_true < ROUNDS // 2 and lost_none < ROUNDS // 2, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} released "
        f"{lost_true} references to True and {lost_none} to None in {ROUNDS} emits: the app "
        "would abort with 'bool_dealloc' after a few thousand. Use PySide6 < 6.12 on Python "
        "3.11, or Python >= 3.12."
    )
