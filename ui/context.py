"""What every page needs: the open database, who is signed in, the worker, the language."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.errors import KmError, ValidationFailed
from ui.worker import Worker


class Bus(QObject):
    """App-wide notifications so pages refresh only what changed."""

    event_changed = Signal(object)  # the selected event id (uuid.UUID | None)
    registrations_changed = Signal(object)  # event id
    events_changed = Signal()
    backup_done = Signal(str)  # path


@dataclass
class AppContext:
    db: Database
    actor: Actor
    worker: Worker
    lang: str = "zh"  # "zh" | "en"
    event_id: uuid.UUID | None = None
    bus: Bus = field(default_factory=Bus)

    def error_text(self, exc: BaseException) -> str:
        """A person-readable message for a failure, in the UI language."""
        if isinstance(exc, ValidationFailed):
            lines = [
                f"{i.where}：{i.message_zh}" if self.lang == "zh" else f"{i.where}: {i.message_en}"
                for i in exc.issues[:30]
            ]
            head = exc.message_zh if self.lang == "zh" else exc.message_en
            return "\n".join([head, *lines]) if head and lines and head not in lines[0] else (
                "\n".join(lines) or head
            )
        if isinstance(exc, KmError):
            return exc.message(self.lang)
        if self.lang == "zh":
            return f"出现意外错误：{exc}"
        return f"Unexpected error: {exc}"

    def select_event(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.bus.event_changed.emit(event_id)
