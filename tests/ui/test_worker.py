"""The background worker: callbacks on the main thread, nothing started after shutdown."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.worker import Worker


def test_callbacks_run_on_the_main_thread(qtbot: QtBot) -> None:
    """The job runs off the main thread; its success callback comes back on it."""
    worker = Worker()
    seen: dict[str, object] = {}
    worker.run(
        lambda: threading.current_thread().name,
        on_success=lambda name: seen.update(job=name, cb=threading.current_thread()),
    )
    qtbot.waitUntil(lambda: "cb" in seen, timeout=5000)
    worker.shutdown()
    assert str(seen["job"]).startswith("kmjudge-db")
    assert seen["cb"] is threading.main_thread()


def test_a_job_asked_for_after_shutdown_is_not_started_and_does_not_raise(qtbot: QtBot) -> None:
    """A late timer (a debounced preview) firing while the window closes used to raise
    'cannot schedule new futures after shutdown'; now the job is simply not started."""
    worker = Worker()
    worker.shutdown()
    ran: list[int] = []
    future = worker.run(lambda: ran.append(1), on_success=lambda _v: ran.append(2))
    qtbot.wait(50)
    assert future.cancelled() and ran == [] and not worker.busy
