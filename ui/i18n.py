"""Language: Qt's own translation system (source strings in English, Chinese by default).

- kmjudge strings: resources/translations/kmjudge_zh_CN.qm, built from the .ts by
  resources/translations/update.sh (pyside6-lupdate over ui/, then pyside6-lrelease).
- Qt's standard strings (OK/Cancel/Yes/No, file dialogs): qtbase_zh_CN.qm shipped with PySide6.

The chosen language is kept in the app settings (an .ini in the data folder, so a portable
install or a test's KMJUDGE_HOME carries its own).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from kmjudge import paths

log = logging.getLogger(__name__)

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LANG_KEY = "ui/lang"
CATALOG = "kmjudge_zh_CN"

_installed: list[QTranslator] = []


def settings() -> QSettings:
    """The app's settings file (kmjudge.ini in the data folder)."""
    return QSettings(str(paths.data_dir() / "kmjudge.ini"), QSettings.Format.IniFormat)


def saved_lang() -> str:
    value = str(settings().value(LANG_KEY, DEFAULT_LANG) or DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def save_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    s = settings()
    s.setValue(LANG_KEY, lang)
    s.sync()


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def catalog_path() -> Path:
    return translations_dir() / f"{CATALOG}.qm"


def install(lang: str) -> list[QTranslator]:
    """Make ``lang`` the UI language for widgets created from now on."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ours = QTranslator(app)
        if ours.load(str(catalog_path())):
            _installed.append(ours)
        else:
            log.warning("translation catalogue %s missing; the UI stays in English", catalog_path())
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load("qtbase_zh_CN", qt_dir):
            _installed.append(qtbase)
        else:
            log.warning("qtbase_zh_CN.qm not found in %s", qt_dir)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for t in _installed:
        app.installTranslator(t)
    return list(_installed)
