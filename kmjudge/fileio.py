"""Writing files people take away (exports, reports, templates) safely.

``atomic_output(path)`` hands out a temporary file beside ``path``; only a complete, fsynced
file is renamed into place. A full disk or a pulled USB stick leaves no partial file and
raises ``WriteFailed`` with a message a person can act on (both languages).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kmjudge.errors import KmError


class WriteFailed(KmError, OSError):
    """A file could not be written (disk full, stick pulled, read-only); nothing was left."""

    code = "write_failed"


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_GONE = {errno.EIO, errno.ENXIO, errno.ENODEV, errno.ENOENT, errno.ESTALE}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def reason(exc: BaseException) -> tuple[str, str]:
    """What went wrong while writing, in words (zh, en)."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code is None and "disk is full" in text:  # SQLite says it in words
        code = errno.ENOSPC
    elif code is None and "disk i/o error" in text:
        code = errno.EIO
    if code in _FULL:
        return "磁盘或 U 盘空间已满", "the disk or USB stick is full"
    if code in _GONE:
        return "U 盘被拔出或磁盘读写出错", "the USB stick was pulled out or the disk failed"
    if code in _READ_ONLY:
        return "该位置只读或没有写入权限", "the place is read-only or not writable"
    return str(exc), str(exc)


def write_failed(target: Path, exc: BaseException) -> WriteFailed:
    zh, en = reason(exc)
    return WriteFailed(
        f"无法写入文件 {target}：{zh}。没有留下不完整的文件，请换一个位置或腾出空间后重试。",
        f"Could not write {target}: {en}. No partial file was left; choose another place or "
        "free some space and try again.",
    )


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary file beside ``path``; on success it replaces ``path`` in one rename,
    on any error (or cancellation) it is deleted, so no partial file is ever left. OS errors
    (full disk, pulled stick) become ``WriteFailed``."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, KmError):
            raise write_failed(target, exc) from exc
        raise
