"""Keep Python's cyclic garbage collector on the GUI thread.

CPython runs an automatic collection in whichever thread happens to allocate when a
threshold is crossed — often a worker thread. If that collection frees a cycle holding a Qt
widget, the widget is destroyed off the GUI thread and the process can crash at random. So
the app turns automatic collection off and collects on the main thread from a timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2000


class GcGuard(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        # Young generations are cheap; a full collection only when gen 2 has grown.
        threshold = gc.get_threshold()
        counts = gc.get_count()
        if counts[2] > threshold[2] or counts[1] > threshold[1]:
            gc.collect()
        elif counts[0] > threshold[0]:
            gc.collect(0)

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()
