"""Small pieces the exchange and conflicts screens share: where packages go (remembered
folders, USB sticks), how a hash is shown for reading aloud, table names in Chinese, and the
read-only core calls the screens run on the worker."""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo
from PySide6.QtGui import QFont, QFontDatabase

from kmjudge import sync, trust
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.sync.slip import TABLE_ZH
from ui import i18n
from ui.checkin.common import default_folder

EXPORT_FOLDER_KEY = "sync/export_folder"
IMPORT_FOLDER_KEY = "sync/import_folder"
PACKAGE_FILTER = "kmjudge packages (kmjudge-*.zip *.zip)"

#: Where Linux desktops mount USB sticks (each holds one folder per user, or the stick).
LINUX_MOUNT_ROOTS = ("/media", "/run/media", "/mnt")


def group_hash(sha: str, per_line: int = 8, size: int = 4) -> str:
    """``"1a2b3c4d..."`` -> ``"1A2B 3C4D 5E6F ...\\n..."``: upper case in groups of four, eight
    groups a line -- exactly as the handover slip prints it, so two people can read a SHA-256
    to each other, screen against paper, without losing their place."""
    sha = sha.upper()
    groups = [sha[i : i + size] for i in range(0, len(sha), size)]
    lines = [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]
    return "\n".join(lines)


def mono_font(point_size: int = 13, bold: bool = True) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setBold(bold)
    return font


def table_label(name: str, lang: str) -> str:
    return TABLE_ZH.get(name, name) if lang == "zh" else name.replace("_", " ")


def counts_text(counts: dict[str, int], lang: str, limit: int = 12) -> str:
    """``{"contestant": 8, "score": 96}`` -> ``"选手 8、评分 96"`` (non-zero, biggest first)."""
    items = sorted(((n, c) for n, c in counts.items() if c), key=lambda x: (-x[1], x[0]))
    sep = "、" if lang == "zh" else ", "
    parts = [f"{table_label(n, lang)} {c}" for n, c in items[:limit]]
    if len(items) > limit:
        parts.append("…")
    return sep.join(parts)


# --------------------------------------------------------------------------- folders


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free: int  # bytes, -1 when unknown


def _linux_candidates(roots: Iterable[str]) -> list[Path]:
    """Mount points under /media, /media/<user>, /run/media/<user> and /mnt."""
    out: list[Path] = []
    for root in roots:
        base = Path(root)
        try:
            children = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            out.append(child)
            try:
                out.extend(sorted(p for p in child.iterdir() if p.is_dir()))
            except OSError:
                continue
    return out


def _windows_removable() -> list[Path]:
    import ctypes

    removable = 2  # DRIVE_REMOVABLE
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    found: list[Path] = []
    for letter in string.ascii_uppercase:
        root = f"{letter}:\\"
        if kernel.GetDriveTypeW(root) == removable and os.path.exists(root):
            found.append(Path(root))
    return found


def removable_drives(
    roots: Sequence[str] = LINUX_MOUNT_ROOTS,
    is_mount: Callable[[str], bool] = os.path.ismount,
    platform: str = sys.platform,
) -> list[Drive]:
    """USB sticks and other removable drives that are mounted now (writable or not).

    Linux: mount points under ``/media``, ``/run/media`` and ``/mnt``; macOS: ``/Volumes``;
    Windows: drive letters Windows calls removable (``E:\\``...)."""
    if platform.startswith("win"):
        paths = _windows_removable()
    elif platform == "darwin":
        paths = [p for p in _linux_candidates(["/Volumes"]) if is_mount(str(p))]
    else:
        paths = [p for p in _linux_candidates(roots) if is_mount(str(p))]
    drives: list[Drive] = []
    for p in paths:
        info = QStorageInfo(str(p))
        label = info.displayName() if info.isValid() else ""
        free = int(info.bytesAvailable()) if info.isValid() and info.isReady() else -1
        drives.append(Drive(p, label or p.name or str(p), free))
    return drives


def remembered_folder(key: str) -> Path:
    value = str(i18n.settings().value(key, "") or "")
    if value and Path(value).is_dir():
        return Path(value)
    return default_folder()


def remember_folder(key: str, folder: Path) -> None:
    s = i18n.settings()
    s.setValue(key, str(folder))
    s.sync()


# --------------------------------------------------------------------------- core calls


def last_export(db: Database, actor: Actor) -> sync.PackageLogView | None:
    """This computer's newest venue-data export (what an incremental package starts from)."""
    for row in sync.package_log(db, actor):
        if row.direction == "export" and row.device_id == db.device.id:
            return row
    return None


def inspect_files(db: Database, files: Sequence[Path]) -> list[tuple[Path, object]]:
    """Each file's ``PackageInfo``, or the exception that says why it is no package.
    Sorted like the CLI imports them: by signer, kind and sequence number, unreadable last."""
    found: list[tuple[tuple[object, ...], Path, object]] = []
    for i, f in enumerate(files):
        try:
            info = sync.inspect(db, f)
        except Exception as exc:  # shown on the row; nothing was written
            found.append(((1, "", "", 0, i), f, exc))
            continue
        man = info.manifest
        found.append(((0, str(man.device_id), man.kind, man.seq, i), f, info))
    found.sort(key=lambda x: x[0])
    return [(f, what) for _k, f, what in found]


def devices(db: Database) -> list[trust.DeviceInfo]:
    return trust.list_devices(db)
