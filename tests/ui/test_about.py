"""The About dialog (帮助 → 关于) and the application icon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from kmjudge import __version__, paths
from tests.ui.conftest import Keep, Venue
from tests.ui.test_mainwindow import open_main
from ui import about
from ui import app as app_mod
from ui.about import AboutDialog
from ui.worker import Worker


def _help_action(win: object, text: str) -> QAction:
    for menu in win.menuBar().findChildren(QMenu):  # type: ignore[attr-defined]
        for action in menu.actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu action {text!r}")


def test_help_menu_opens_the_about_dialog_in_chinese_with_version_and_licences(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """帮助 → 关于 kmjudge opens a Chinese dialog that names the app, shows the version from
    the package, the data folder, and the licences: Qt's LGPL with the note that the
    libraries are dynamically linked and replaceable, ReportLab/qrcode BSD, SQLAlchemy MIT,
    and the fonts' Apache-2.0 and Arphic licences."""
    win = open_main(keep, venue, worker)
    _help_action(win, "关于 kmjudge").trigger()
    dialog = win.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "关于 kmjudge"
    texts = [label.text() for label in dialog.findChildren(type(dialog.version_label))]
    assert "昆明市职工技能大赛现场评审系统" in texts
    assert dialog.version_label.text() == f"版本 {__version__}"
    assert str(paths.data_dir()) in dialog.data_label.text()
    assert dialog.data_label.text().startswith("数据文件夹")
    body = dialog.licenses.toPlainText()
    for name, licence in (
        ("Qt 6 / PySide6", "LGPL-3.0"),
        ("ReportLab", "BSD"),
        ("qrcode", "BSD"),
        ("SQLAlchemy", "MIT"),
        ("WenQuanYi Micro Hei", "Apache-2.0"),
        ("AR PL UKai", "Arphic Public License"),
    ):
        row = re.escape(name) + r"[^<]*</b></td><td>[^<]*</td><td>" + re.escape(licence) + "<"
        assert re.search(row, dialog.licence_html()), f"{name}: {licence} missing"
        assert name in body
    assert "动态链接" in body and "替换" in body  # Qt: dynamically linked, replaceable
    assert "专有许可" in body  # kmjudge's own licence
    assert "组件" in body and "许可证" in body  # the table's headings are translated too
    dialog.findChild(QPushButton, "aboutClose").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_about_lists_installed_versions_and_the_licence_folder(qtbot: QtBot) -> None:
    """Versions come from the installed packages (importlib.metadata), and in a source
    checkout the licence texts are found in installer/licenses (LGPL-3.0 among them)."""
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    import reportlab
    import sqlalchemy

    body = dialog.licenses.toPlainText()
    assert sqlalchemy.__version__ in body
    assert reportlab.Version in body
    folder = about.licenses_dir()
    assert folder is not None and (folder / "LGPL-3.0.txt").exists()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LGPL-3.0.txt").read_text("utf-8")
    assert str(folder) in body


def test_copy_puts_the_version_and_data_folder_on_the_clipboard(qtbot: QtBot) -> None:
    """The copy button is what a registrar uses to tell support what they run."""
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert f"kmjudge {__version__}" in copied
    assert str(paths.data_dir()) in copied
    assert dialog.copy_button.text() == "已复制"


def test_the_icon_has_every_size_drawn_and_main_sets_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """app_icon() holds the 16…256 px PNGs (each a real, non-empty image); main() makes it
    the application's window icon."""
    icon = about.app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert sizes == set(about.ICON_SIZES)
    for size in about.ICON_SIZES:
        image = QImage(str(about.icons_dir() / f"kmjudge-{size}.png"))
        assert image.size() == QSize(size, size)
        # the medal is drawn: the centre pixel is opaque, a corner is transparent
        assert image.pixelColor(size // 2, size * 3 // 5).alpha() == 255
        assert image.pixelColor(0, size - 1).alpha() == 0
    assert (about.icons_dir() / "kmjudge.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setWindowIcon(about.QIcon())
    monkeypatch.setenv("KMJUDGE_SMOKE_SHOT", str(tmp_path / "shot.png"))
    assert app_mod.main(["--demo", "--smoke"]) == 0
    assert {s.width() for s in app.windowIcon().availableSizes()} == set(about.ICON_SIZES)
