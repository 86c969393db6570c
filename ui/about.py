"""The About dialog (帮助 → 关于) and the application icon.

Shows the app's name and version, the Qt/PySide6/Python versions, where the data folder is,
and the licence notices of what kmjudge ships: Qt/PySide6 under the LGPL v3 (dynamically
linked, replaceable), FFmpeg, the Python packages, and the bundled fonts. The full texts are
in the ``licenses`` folder of an installation (installer/licenses in a source checkout) and
in the fonts folder.
"""

from __future__ import annotations

import html
import importlib.metadata
import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kmjudge import __version__, paths

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
CTX = "AboutDialog"


def icons_dir() -> Path:
    return paths.resources_dir() / "icons"


def app_icon() -> QIcon:
    """kmjudge's icon (resources/icons/kmjudge-N.png, every size drawn for its size)."""
    icon = QIcon()
    for size in ICON_SIZES:
        png = icons_dir() / f"kmjudge-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


def licenses_dir() -> Path | None:
    """The folder with the licence texts: ``licenses`` beside resources/ in an installed
    bundle, installer/licenses in a source checkout."""
    base = paths.resources_dir().parent
    for folder in (base / "licenses", base / "installer" / "licenses"):
        if (folder / "NOTICE.txt").exists():
            return folder
    return None


@dataclass(frozen=True)
class Component:
    name: str
    dist: str | None  # distribution name for importlib.metadata (None: no version shown)
    licence: str
    note: str = ""  # English source text in the "AboutDialog" translation context


COMPONENTS: tuple[Component, ...] = (
    Component(
        "Qt 6 / PySide6 / shiboken6",
        "PySide6_Essentials",
        "LGPL-3.0",
        QT_TRANSLATE_NOOP(
            "AboutDialog",
            "Dynamically linked libraries in the installation folder (the installers strip "
            "their symbol tables and trim ICU's data, nothing else); you may replace them "
            "with your own compatible build. Source code: download.qt.io.",
        ),
    ),
    Component(
        "FFmpeg",
        None,
        "LGPL-2.1-or-later",
        QT_TRANSLATE_NOOP(
            "AboutDialog",
            "Shipped with Qt Multimedia for the webcam (the optional webcam add-on of the "
            "installers).",
        ),
    ),
    Component("Python", None, "PSF-2.0"),
    Component("SQLAlchemy", "SQLAlchemy", "MIT"),
    Component("Alembic", "alembic", "MIT"),
    Component("ReportLab", "reportlab", "BSD"),
    Component("qrcode", "qrcode", "BSD"),
    Component("openpyxl", "openpyxl", "MIT"),
    Component("cryptography", "cryptography", "Apache-2.0 / BSD-3-Clause"),
    Component("zxing-cpp", "zxing-cpp", "Apache-2.0"),
    Component("platformdirs", "platformdirs", "MIT"),
    Component("charset-normalizer", "charset-normalizer", "MIT"),
    Component(
        "WenQuanYi Micro Hei 文泉驿微米黑",
        None,
        "Apache-2.0",
        QT_TRANSLATE_NOOP(
            "AboutDialog",
            "Font for the screens; dual-licensed Apache-2.0 or GPL-3+ with font exception, "
            "used under Apache-2.0.",
        ),
    ),
    Component(
        "AR PL UKai / AR PL UMing 文鼎PL中楷 / 明体",
        None,
        "Arphic Public License",
        QT_TRANSLATE_NOOP(
            "AboutDialog",
            "Fonts for certificates and other documents. UKai unmodified; the installers carry "
            "a subset of UMing (GB 2312 and the app's own text, see uming.SUBSET-NOTICE.txt).",
        ),
    ),
)


def component_version(c: Component) -> str:
    if c.name == "Python":
        return platform.python_version()
    if c.dist is None:
        return ""
    try:
        return importlib.metadata.version(c.dist)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About kmjudge"))
        self.setWindowIcon(app_icon())
        self.resize(720, 600)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)

        top = QHBoxLayout()
        logo = QLabel(self)
        logo.setObjectName("aboutLogo")
        logo.setPixmap(QPixmap(str(icons_dir() / "kmjudge-128.png")))
        logo.setFixedSize(132, 132)
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        title = QLabel(self.tr("Kunming Worker Skills Competition On-site Judging System"), self)
        title.setObjectName("aboutTitle")
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        names.addWidget(title)
        names.addWidget(QLabel("kmjudge", self))
        self.version_label = QLabel(self.tr("Version {version}").format(version=__version__), self)
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setStyleSheet("font-size: 13pt;")
        names.addWidget(self.version_label)
        self.runtime_label = QLabel(
            f"Qt {qVersion()} · PySide6 {PYSIDE_VERSION} · Python {platform.python_version()}",
            self,
        )
        self.runtime_label.setObjectName("aboutRuntime")
        names.addWidget(self.runtime_label)
        names.addStretch(1)
        top.addLayout(names, 1)
        lay.addLayout(top)

        self.data_label = QLabel(
            self.tr("Data folder (database, backups, logs): {path}").format(path=paths.data_dir()),
            self,
        )
        self.data_label.setObjectName("aboutDataFolder")
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.data_label)

        lay.addWidget(QLabel(self.tr("Licences of the components kmjudge ships:"), self))
        self.licenses = QTextBrowser(self)
        self.licenses.setObjectName("aboutLicenses")
        self.licenses.setOpenExternalLinks(False)
        self.licenses.setHtml(self.licence_html())
        lay.addWidget(self.licenses, 1)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy version information"), self)
        self.copy_button.setObjectName("aboutCopy")
        self.copy_button.clicked.connect(self.copy_info)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        open_data = QPushButton(self.tr("Open data folder"), self)
        open_data.setObjectName("aboutOpenData")
        open_data.clicked.connect(lambda: self._open(paths.data_dir()))
        buttons.addButton(open_data, QDialogButtonBox.ButtonRole.ActionRole)
        folder = licenses_dir()
        if folder is not None:
            open_lic = QPushButton(self.tr("Open licence texts"), self)
            open_lic.setObjectName("aboutOpenLicenses")
            open_lic.clicked.connect(lambda: self._open(folder))
            buttons.addButton(open_lic, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutClose")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def licence_html(self) -> str:
        rows = []
        for c in COMPONENTS:
            version = component_version(c)
            note = _tr(c.note) if c.note else ""
            rows.append(
                "<tr>"
                f"<td><b>{html.escape(c.name)}</b></td>"
                f"<td>{html.escape(version)}</td>"
                f"<td>{html.escape(c.licence)}</td>"
                f"<td>{html.escape(note)}</td>"
                "</tr>"
            )
        labels = (self.tr("Component"), self.tr("Version"), self.tr("Licence"), self.tr("Notes"))
        head = "<tr>" + "".join(f"<th align='left'>{html.escape(t)}</th>" for t in labels) + "</tr>"
        own = self.tr("kmjudge itself: proprietary licence (as declared in its package data).")
        folder = licenses_dir()
        where = (
            self.tr("Full licence texts: {path}").format(path=f"\n{folder}")
            if folder is not None
            else self.tr("Full licence texts: see the licenses folder of the installation.")
        )
        fonts = self.tr("Font licence files: {path}").format(
            path=f"\n{paths.resources_dir() / 'fonts'}"
        )
        return (
            f"<p>{html.escape(own)}</p>"
            f"<table cellspacing='0' cellpadding='4' border='1' width='100%'>{head}"
            f"{''.join(rows)}</table>"
            f"<p>{html.escape(where)}<br>{html.escape(fonts)}</p>".replace("\n", "<br>")
        )

    def info_text(self) -> str:
        """What support needs to know, as plain text (the Copy button)."""
        lines = [
            f"kmjudge {__version__}",
            f"Qt {qVersion()}, PySide6 {PYSIDE_VERSION}, Python {platform.python_version()}",
            f"{platform.system()} {platform.release()} ({platform.machine()})",
            f"data: {paths.data_dir()}",
        ]
        return "\n".join(lines)

    def copy_info(self) -> None:
        QGuiApplication.clipboard().setText(self.info_text())
        self.copy_button.setText(self.tr("Copied"))

    def _open(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
