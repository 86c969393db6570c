"""Frozen entry point of both programs; which one runs depends on the name it was started as.

- ``kmjudge`` / ``kmjudge.exe``: the command line (kmjudge.cli.main).  On Linux this is a
  symbolic link to kmjudge-gui inside the bundle, so the two programs share one executable
  and one archive of Python modules; on Windows it is a separate console executable.
- anything else (``kmjudge-gui``, ``kmjudge-gui.exe``): the GUI (ui.app.main).

For the GUI, before the app starts:
- a windowed Windows build has no console, so ``sys.stdout``/``sys.stderr`` are None and a
  write to them (argparse's --help, the smoke run's messages) would raise: they go to
  ``logs/console.log`` in the data folder instead;
- ``faulthandler`` writes the stack of every thread to ``logs/fatal.log`` if the process dies
  in native code (a segfault inside Qt or a driver), which neither the rotating log nor the
  crash dialog can catch.
"""

from __future__ import annotations

import faulthandler
import os
import sys

CLI_NAMES = frozenset({"kmjudge", "kmjudge.exe"})


def program_name(argv0: str) -> str:
    """'cli' or 'gui' for the name the program was started as."""
    name = os.path.basename(argv0.replace("\\", "/")).lower()
    return "cli" if name in CLI_NAMES else "gui"


def run_cli() -> int:
    from kmjudge.cli import main

    return main()


def run_gui() -> int:
    from kmjudge import paths

    logs = paths.logs_dir()
    if sys.stdout is None or sys.stderr is None:
        stream = open(logs / "console.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream
    fatal = open(logs / "fatal.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    faulthandler.enable(fatal, all_threads=True)

    from ui.app import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run_cli() if program_name(sys.argv[0]) == "cli" else run_gui())
