"""Where an installation keeps its data: database, backups, device key, logs.

``KMJUDGE_HOME`` overrides the per-user data folder (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "kmjudge"


def data_dir() -> Path:
    home = os.environ.get("KMJUDGE_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "kmjudge.sqlite3"


def demo_db_path() -> Path:
    return data_dir() / "demo.sqlite3"


def resources_dir() -> Path:
    """The repository's (or the frozen bundle's) resources/ folder."""
    env = os.environ.get("KMJUDGE_RESOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "resources"
