"""Background work for the GUI.

All database writes go through one worker thread (one writer, as the core expects); PDF, QR
and import parsing may use the pool. Callbacks run on the main thread. Nothing here touches
widgets off the main thread.

Usage::

    ctx.worker.run(core_fn, arg1, arg2,
                   on_success=lambda result: ..., on_error=lambda exc: ...,
                   progress=(parent_widget, "正在导入……"))
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600


class _Relay(QObject):
    """Carries a finished future back to the main thread."""

    done = Signal(object, int)  # (future, job id)


class Worker(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kmjudge-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kmjudge-pool")
        self._relay = _Relay()
        self._relay.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        # Callbacks (and the widgets they are bound to) stay on the main thread: the worker
        # thread only ever holds a job number, so no widget can be released off-thread.
        self._jobs: dict[int, tuple[Any, ...]] = {}
        self._next_job = 0
        self._closed = False
        #: called with a failure that had no ``on_error`` (after it is logged)
        self.report: Callable[[BaseException], None] | None = None

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: tuple[QWidget, str] | None = None,
        pool: bool = False,
        **kwargs: Any,
    ) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` off the main thread; callbacks come back on it.

        ``pool=True`` runs on the pool (pure computation, no database writes).
        ``progress=(parent, label)`` shows a busy dialog if the work takes over 600 ms.
        """
        if self._closed:
            # A late timer (a debounced preview, a periodic refresh) firing while the window
            # closes: nothing may start any more, and there is nobody left to tell.
            log.debug("worker closed; %s not started", getattr(fn, "__name__", fn))
            closed: Future[Any] = Future()
            closed.cancel()
            return closed
        dialog: QProgressDialog | None = None
        timer: QTimer | None = None
        if progress is not None:
            parent, label = progress
            dialog = QProgressDialog(label, "", 0, 0, parent)
            dialog.setCancelButton(None)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.hide()
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(dialog.show)
            timer.start(PROGRESS_DELAY_MS)
        executor = self._pool if pool else self._db_thread
        self._next_job += 1
        job = self._next_job
        self._jobs[job] = (on_success, on_error, dialog, timer)
        relay = self._relay
        future = executor.submit(fn, *args, **kwargs)
        future.add_done_callback(lambda f: relay.done.emit(f, job))
        return future

    @Slot(object, int)
    def _finish(self, future: Future[Any], job: int) -> None:
        callbacks = self._jobs.pop(job, None)
        if callbacks is None:
            return
        on_success, on_error, dialog, timer = callbacks
        if timer is not None:
            timer.stop()
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed: %s", "".join(traceback.format_exception(exc)))
                # Nobody asked to hear about it: it still reaches the person (the app sets
                # ``report`` to ui/app.py's CrashReporter.notify: a refusal's own message, or
                # the error dialog with details), never only the log.
                if self.report is not None:
                    self.report(exc)
            return
        if on_success is not None:
            on_success(future.result())

    def shutdown(self) -> None:
        self._closed = True
        self._db_thread.shutdown(wait=True)
        self._pool.shutdown(wait=True)
