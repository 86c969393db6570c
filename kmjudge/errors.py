"""Errors the core raises for people to read: every one carries Chinese and English text.

The UI shows ``message_zh``; the CLI prints ``message_en`` (or zh with ``--lang zh``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class KmError(Exception):
    """A refusal with a clear message; nothing was written."""

    code = "error"

    def __init__(self, message_zh: str, message_en: str, *, code: str | None = None) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        if code:
            self.code = code

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en


class PermissionDenied(KmError):
    code = "permission"


class NotFound(KmError):
    code = "not_found"


class AuthError(KmError):
    code = "auth"


class ConflictError(KmError):
    """Someone else changed the row first (optimistic versioning) or a unique rule clashed."""

    code = "conflict"


class DatabaseError(KmError):
    """The database cannot be opened or is damaged."""

    code = "database"


class Busy(DatabaseError):
    """Another process or window kept the database locked past the busy timeout; the
    operation was not saved and may simply be tried again."""

    code = "busy"


@dataclass
class Issue:
    """One problem found in input, with where it is."""

    where: str
    code: str
    message_zh: str
    message_en: str
    extra: dict[str, str] = field(default_factory=dict)


class ValidationFailed(KmError):
    """Input was refused; ``issues`` lists every problem found (not just the first)."""

    code = "invalid"

    def __init__(self, issues: list[Issue], message_zh: str = "", message_en: str = "") -> None:
        self.issues = issues
        zh = message_zh or "；".join(f"{i.where}：{i.message_zh}" for i in issues[:20])
        en = message_en or "; ".join(f"{i.where}: {i.message_en}" for i in issues[:20])
        super().__init__(zh, en)
