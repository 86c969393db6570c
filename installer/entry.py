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

``kmjudge-gui --check-webcam`` (installer/smoke-test.sh) reports on one line whether the
webcam add-on's camera back end is installed and loads, without a window: it builds the
check-in's webcam panel, a capture session and a sound effect the way the app does, and prints
what Qt reports (cameras, decodable formats, whether the FFmpeg plugin got loaded).
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


def console_to_log() -> None:
    """A windowed Windows build has no console: stdout/stderr go to logs/console.log."""
    from kmjudge import paths

    if sys.stdout is None or sys.stderr is None:
        logs = paths.logs_dir()
        stream = open(logs / "console.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
        sys.stdout = sys.stdout or stream
        sys.stderr = sys.stderr or stream


def run_gui() -> int:
    from kmjudge import paths

    console_to_log()
    fatal = open(paths.logs_dir() / "fatal.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    faulthandler.enable(fatal, all_threads=True)

    from ui.app import main

    return main()


FFMPEG_PLUGINS = ("libffmpegmediaplugin.so", "ffmpegmediaplugin.dll")


def ffmpeg_plugin_loaded() -> bool:
    """Whether Qt's FFmpeg media plugin is loaded into this process (Linux: the memory map;
    Windows: a module handle)."""
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.GetModuleHandleW.restype = ctypes.c_void_p
        return bool(kernel32.GetModuleHandleW("ffmpegmediaplugin.dll"))
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            maps = f.read()
    except OSError:
        return False
    return any(name in maps for name in FFMPEG_PLUGINS)


def check_webcam() -> int:
    """One line about the camera back end, as the installed app sees it; exit 0 unless Qt
    Multimedia itself cannot be used (the sounds need it even without the add-on)."""
    from PySide6.QtWidgets import QApplication

    console_to_log()  # Windows' kmjudge-gui.exe: the line goes to logs/console.log
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from PySide6.QtMultimedia import QMediaCaptureSession, QMediaDevices, QMediaFormat

    from ui import i18n
    from ui.checkin.camera import CameraPanel, backend_installed

    i18n.install(i18n.saved_lang())  # the tooltip in the language the app would show
    installed = backend_installed()
    panel = CameraPanel(None)  # type: ignore[arg-type]  # no decoding here, no worker needed
    session = QMediaCaptureSession()
    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    cameras = QMediaDevices.videoInputs()
    outputs = QMediaDevices.audioOutputs()
    plugin = ffmpeg_plugin_loaded()
    switch = panel.switch
    state = (
        f"switch {'shown' if not panel.isHidden() else 'hidden'}, "
        f"{'enabled' if switch.isEnabled() else 'disabled'}"
        + (f", tooltip: {switch.toolTip()}" if switch.toolTip() else "")
    )
    print(
        f"webcam back end: {'installed' if installed else 'not installed'}; "
        f"FFmpeg plugin loaded: {'yes' if plugin else 'no'}; "
        f"decodable formats: {len(formats)}; cameras: {len(cameras)}; "
        f"audio outputs: {len(outputs)}; webcam {state}"
    )
    del session, panel
    app.processEvents()
    return 0


if __name__ == "__main__":
    # A batch import reads the next packages in a helper process (kmjudge.sync.prefetch,
    # "spawn"): in the frozen app that process is this executable again, and freeze_support
    # turns it into the helper before anything else runs.
    import multiprocessing

    multiprocessing.freeze_support()
    if program_name(sys.argv[0]) == "cli":
        raise SystemExit(run_cli())
    if sys.argv[1:] == ["--check-webcam"]:
        raise SystemExit(check_webcam())
    raise SystemExit(run_gui())
