"""Small things the check-in modules share: events, reasons, local time, safe file output."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from kmjudge.db.models import Event, Registration
from kmjudge.errors import KmError, NotFound
from kmjudge.fileio import atomic_output as atomic_output  # moved; re-exported

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool] | threading.Event


class Cancelled(KmError):
    """The user cancelled a long job; nothing was written."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("已取消，未生成文件。", "Cancelled; no file was written.")


def cancelled(cancel: CancelCheck | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def local_now() -> datetime:
    """The venue's wall-clock time, naive (how event schedules are stored)."""
    return datetime.now()


def load_event(s: Session, event_id: uuid.UUID) -> Event:
    ev = s.get(Event, event_id)
    if ev is None:
        raise NotFound("找不到该竞赛场次。", f"No event {event_id}.")
    return ev


def load_registration(
    s: Session, registration_id: uuid.UUID, *, lock: bool = False
) -> Registration:
    reg = s.get(Registration, registration_id, with_for_update=lock)
    if reg is None:
        raise NotFound("找不到该选手的报名记录。", f"No registration {registration_id}.")
    return reg


def need_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if len(text) < 2:
        raise KmError("请填写原因。", "A reason is required.", code="reason_required")
    return text[:500]


def hhmm(value: datetime | None) -> str:
    return value.strftime("%H:%M") if value else ""


def zh_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
