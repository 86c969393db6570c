"""Time in one place: naive UTC in the database, aware local time on screen."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC 'now' (the form stored in the database)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(value: datetime | None) -> datetime | None:
    """A stored naive-UTC time as an aware local time for display."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone()


def iso_utc(value: datetime) -> str:
    """Stable text for hashing: ISO 8601 with microseconds and a Z."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
