"""Small helpers of the check-in screens: where files go, and asking for a file name."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from kmjudge import paths


def default_folder() -> Path:
    """The user's Documents folder (where people look for a PDF), else the data folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return paths.data_dir()


def safe_filename(text: str) -> str:
    """``text`` usable as a file name on Windows too (no \\ / : * ? " < > |)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")
    return cleaned[:120] or "kmjudge"


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> str:
    """A save-file dialog; '' when cancelled. (Tests replace QFileDialog.getSaveFileName.)"""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return path
