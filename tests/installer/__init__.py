"""Tests of the installers' build helpers (installer/*.py are scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path


def load_script(name: str, path: Path) -> types.ModuleType:
    """Import the script at ``path`` as module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
