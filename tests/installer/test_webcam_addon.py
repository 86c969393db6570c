"""Without the webcam add-on (no Qt Multimedia camera back end in the installed app) the
check-in's webcam switch is greyed out with a tooltip that names the add-on, nothing asks Qt
for cameras, and clicking it does nothing; the frozen entry's --check-webcam reports both
states.  The real back-end-less bundle is checked by installer/smoke-test.sh."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

import ui.checkin.camera as camera_mod
from ui import i18n
from ui.checkin.camera import CameraPanel, backend_installed

ROOT = Path(__file__).resolve().parents[2]


def _entry() -> Any:
    spec = importlib.util.spec_from_file_location(
        "kmjudge_installer_entry_webcam", ROOT / "installer" / "entry.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_back_end_is_found_by_its_plugin_file(tmp_path: Path) -> None:
    """A plugin file in a multimedia folder of a plugin path means installed; an empty
    multimedia folder, other plugin folders or a missing path do not.  From source (the
    PySide6 wheel) it is installed."""
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"\x7fELF")
    (plugins / "multimedia").mkdir()
    folders = [str(tmp_path / "nowhere"), str(plugins)]
    assert not backend_installed(folders)
    (plugins / "multimedia" / "README.txt").write_text("not a plugin")
    assert not backend_installed(folders)
    (plugins / "multimedia" / "libffmpegmediaplugin.so").write_bytes(b"\x7fELF")
    assert backend_installed(folders)
    (plugins / "multimedia" / "libffmpegmediaplugin.so").unlink()
    (plugins / "multimedia" / "ffmpegmediaplugin.dll").write_bytes(b"MZ")
    assert backend_installed(folders)
    assert backend_installed()  # the wheel this test runs with has the FFmpeg plugin


def _panel(qtbot: QtBot) -> tuple[QWidget, CameraPanel]:
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    panel = CameraPanel(None)  # type: ignore[arg-type]  # no frames are decoded here
    lay.addWidget(panel)
    host.show()
    qtbot.waitExposed(host)
    return host, panel


def test_without_the_addon_the_switch_is_greyed_out_with_a_chinese_tooltip(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No back end: the panel shows the switch disabled, its tooltip (in Chinese, as the app
    shows it) names the add-on and the USB scanner; Qt is never asked for cameras, a click
    does not turn the webcam on, and a camera plugged in later changes nothing."""

    def no_cameras_asked() -> list[Any]:
        raise AssertionError("video_inputs() called without a back end")

    monkeypatch.setattr(camera_mod, "backend_installed", lambda: False)
    monkeypatch.setattr(camera_mod, "video_inputs", no_cameras_asked)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    i18n.install("zh")
    try:
        _host, panel = _panel(qtbot)
        assert panel.isVisible() and panel.switch.isVisible()
        assert not panel.switch.isEnabled()
        tip = panel.switch.toolTip()
        assert "kmjudge-webcam" in tip and "扫码枪" in tip and "未安装" in tip
        assert panel.switch.text() == "用摄像头扫码"
        assert not panel.devices.isVisible()
        qtbot.mouseClick(panel.switch, Qt.MouseButton.LeftButton)
        assert not panel.switch.isChecked() and not panel.scanner.running
        assert not panel.view.isVisible()
        assert panel.refresh_devices() is False  # videoInputsChanged: still greyed out
        assert panel.isVisible() and not panel.switch.isEnabled()
    finally:
        i18n.install("en")


def test_with_the_backend_and_no_camera_the_option_stays_hidden(qtbot: QtBot) -> None:
    """The add-on installed (as from source) but no camera connected: hidden, as before."""
    _host, panel = _panel(qtbot)
    assert panel.backend is True
    assert not panel.isVisible()
    assert panel.switch.isEnabled() and panel.switch.toolTip() == ""


def test_check_webcam_reports_both_states(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kmjudge-gui --check-webcam`` (the smoke test's step): with the back end the FFmpeg
    plugin is loaded into the process and decodable formats are listed; without it the
    greyed-out switch and its tooltip are reported."""
    entry: types.ModuleType = _entry()
    try:
        assert entry.check_webcam() == 0  # type: ignore[attr-defined]
        line = capsys.readouterr().out.strip()
        assert line.startswith("webcam back end: installed; FFmpeg plugin loaded: yes;"), line
        assert "decodable formats: 0;" not in line and "webcam switch hidden, enabled" in line
        monkeypatch.setattr(camera_mod, "backend_installed", lambda: False)
        assert entry.check_webcam() == 0  # type: ignore[attr-defined]
        line = capsys.readouterr().out.strip()
        assert "back end: not installed;" in line
        assert "webcam switch shown, disabled, tooltip: " in line and "kmjudge-webcam" in line
        assert "未安装摄像头扫码组件" in line  # the app's language (default zh)
    finally:
        i18n.install("en")  # check_webcam installed the app's translator
