"""Starting the GUI: arguments, logging, crash reports, fonts, language, the database, login.

    python main.py [--demo | --db PATH_OR_URL] [--lang zh|en] [--smoke]

``--smoke`` is the installer's and README's check: start, open the database, (with --demo)
sign in as admin, show the main window, let it load, optionally save a screenshot to
``KMJUDGE_SMOKE_SHOT``, and exit 0; any failure exits 1.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from kmjudge import __version__, accounts, paths
from kmjudge.accounts import Actor
from kmjudge.db import backup as backup_mod
from kmjudge.db.engine import Database, open_database, resolve_url
from kmjudge.errors import DatabaseError, KmError
from kmjudge.privacy import MaskIdNumbers
from ui import about, fonts, i18n
from ui.context import AppContext
from ui.gcguard import GcGuard
from ui.login import DEMO_PIN, LoginWindow
from ui.mainwindow import MainWindow
from ui.widgets import STYLE, local_time
from ui.worker import Worker

log = logging.getLogger("kmjudge.ui")

LOG_FILE = "kmjudge.log"
RESTORABLE = {"corrupt", "not_sqlite", "foreign"}


# --------------------------------------------------------------------------- logging, crashes


def setup_logging() -> logging.Handler:
    """A rotating log file in the data folder (1 MB × 5)."""
    handler = logging.handlers.RotatingFileHandler(
        paths.logs_dir() / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    handler.addFilter(MaskIdNumbers())  # no ID number reaches the log in full
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


class CrashReporter:
    """``sys.excepthook``: log the traceback, then tell the person (never a silent exit)."""

    def __init__(self, *, interactive: bool = True) -> None:
        self.interactive = interactive
        self.failures: list[str] = []
        self.refusals: list[KmError] = []
        self._showing = False
        self.last_box: QMessageBox | None = None

    def __call__(
        self,
        etype: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(value, KmError):
            # A refusal (busy, permission, validation...) that the screen did not catch: its
            # own message, not "unexpected error".
            log.warning("unhandled refusal: %s", value.message("en"))
            self.refusals.append(value)
            if self.interactive and QApplication.instance() is not None and not self._showing:
                self._showing = True
                try:
                    self.show_refusal(value)
                finally:
                    self._showing = False
            return
        details = "".join(traceback.format_exception(etype, value, tb))
        log.critical("unhandled exception\n%s", details)
        self.failures.append(details)
        if not self.interactive or QApplication.instance() is None or self._showing:
            sys.stderr.write(details)
            return
        self._showing = True
        try:
            self.show(details)
        finally:
            self._showing = False

    def notify(self, exc: BaseException) -> None:
        """A background job's failure nobody handled (already logged by the worker): shown
        like an unhandled exception, without logging it again."""
        details = ""
        if isinstance(exc, KmError):
            self.refusals.append(exc)
        else:
            details = "".join(traceback.format_exception(exc))
            self.failures.append(details)
        if not self.interactive or QApplication.instance() is None or self._showing:
            return
        self._showing = True
        try:
            if isinstance(exc, KmError):
                self.show_refusal(exc)
            else:
                self.show(details)
        finally:
            self._showing = False

    def show_refusal(self, exc: KmError) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("refusalDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("App", "kmjudge — not done"))
        box.setText(exc.message(i18n.saved_lang()))
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_box = box
        box.exec()

    def show(self, details: str) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("crashDialog")
        box.setStyleSheet(
            "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 460px; }"
        )
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("App", "kmjudge — unexpected error"))
        box.setText(QCoreApplication.translate("App", "kmjudge hit an unexpected error."))
        box.setInformativeText(
            QCoreApplication.translate(
                "App",
                "Data that was already saved is safe. If the problem comes back, send the "
                "details to support. They were also written to the log: {log}",
            ).format(log=paths.logs_dir() / LOG_FILE)
        )
        box.setDetailedText(details)
        copy = box.addButton(
            QCoreApplication.translate("App", "Copy details"), QMessageBox.ButtonRole.ActionRole
        )
        copy.setObjectName("copyDetails")
        # QMessageBox closes on any button; this one only copies.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: _copy(details, copy))
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_box = box
        box.exec()


def _copy(text: str, button: QPushButton) -> None:
    QGuiApplication.clipboard().setText(text)
    button.setText(QCoreApplication.translate("App", "Copied"))


# --------------------------------------------------------------------------- database


def _sqlite_file(target: str | None) -> Path | None:
    url = resolve_url(target)
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def ask_recovery(
    exc: DatabaseError,
    path: Path | None,
    good: backup_mod.BackupInfo | None,
    parent: QWidget | None = None,
) -> bool:
    """Explain why the database did not open; True if the person chose to restore ``good``."""
    box = QMessageBox(parent)
    box.setObjectName("recoveryDialog")
    box.setStyleSheet(
        "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 500px; }"
    )
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("App", "The database cannot be opened"))
    box.setText(exc.message_zh if i18n.saved_lang() == "zh" else exc.message_en)
    restore: QPushButton | None = None
    if exc.code in RESTORABLE and path is not None and good is not None:
        box.setInformativeText(
            QCoreApplication.translate(
                "App",
                "kmjudge did not open it and changed nothing.\n\n"
                "The newest good backup is from {time} ({name}). Restoring it replaces the "
                "database with that copy: anything entered after {time} must be entered again. "
                "The damaged file is kept beside it for inspection.",
            ).format(time=local_time(good.created, "%Y-%m-%d %H:%M:%S"), name=good.path.name)
        )
        restore = box.addButton(
            QCoreApplication.translate("App", "Restore the backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        restore.setObjectName("restoreButton")
    elif exc.code in RESTORABLE:
        box.setInformativeText(
            QCoreApplication.translate(
                "App",
                "kmjudge did not open it and changed nothing. No good backup of this database "
                "was found in {folder}. Call support before doing anything else with the file.",
            ).format(folder=paths.backups_dir())
        )
    else:
        box.setInformativeText(
            QCoreApplication.translate("App", "kmjudge did not open it and changed nothing.")
        )
    quit_button = box.addButton(
        QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    quit_button.setObjectName("quitButton")
    box.setDefaultButton(quit_button)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def open_database_interactive(
    target: str | None, *, demo: bool = False, interactive: bool = True
) -> Database | None:
    """Open the venue database (backing it up first); on failure explain and offer a restore.

    Returns None when the person chose to quit (or, non-interactive, on any failure).
    """
    while True:
        try:
            if demo:
                from kmjudge import demo as demo_mod

                db = demo_mod.ensure_demo()
                db.backup("open")
                return db
            return open_database(target, backup_on_open=True)
        except DatabaseError as exc:
            log.error("cannot open the database: %s", exc.message_en)
            path = paths.demo_db_path() if demo else _sqlite_file(target)
            if not interactive:
                sys.stderr.write(exc.message_en + "\n")
                return None
            good = None
            if path is not None and exc.code in RESTORABLE:
                good = backup_mod.newest_good_backup(paths.backups_dir(), path.stem)
            if not ask_recovery(exc, path, good):
                return None
            assert path is not None and good is not None
            try:
                saved = backup_mod.restore_sqlite(good.path, path, paths.backups_dir())
                log.warning(
                    "restored %s from %s (previous file kept as %s)", path, good.path, saved
                )
            except DatabaseError as again:
                QMessageBox.critical(
                    None,
                    QCoreApplication.translate("App", "Restore failed"),
                    again.message(i18n.saved_lang()),
                )
                return None


# --------------------------------------------------------------------------- windows


def _show(window: QWidget) -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(min(1366, area.width()), min(768, area.height()))
    window.showMaximized()


class Shell(QObject):
    """Login -> main window -> (sign out) -> login; rebuilds the window on a language switch."""

    def __init__(self, db: Database, worker: Worker, lang: str, *, demo: bool = False) -> None:
        super().__init__()
        self.db = db
        self.worker = worker
        self.lang = lang
        self.demo = demo
        self.login: LoginWindow | None = None
        self.main: MainWindow | None = None
        self._retired: list[QWidget] = []

    def show_login(self) -> LoginWindow:
        login = LoginWindow(self.db, self.worker, lang=self.lang, demo=self.demo)
        login.signed_in.connect(self.signed_in)
        self.login = login
        _show(login)
        return login

    def signed_in(self, actor: Actor) -> MainWindow:
        return self.open_main(AppContext(self.db, actor, self.worker, self.lang))

    def open_main(self, ctx: AppContext) -> MainWindow:
        win = MainWindow(ctx)
        win.sign_out_requested.connect(self.sign_out)
        win.language_changed.connect(self.change_language)
        old, self.main = self.main, win
        _show(win)
        self._retire(old)
        self._retire(self.login)
        self.login = None
        return win

    def sign_out(self) -> LoginWindow:
        login = self.show_login()
        self._retire(self.main)
        self.main = None
        return login

    def _retire(self, window: QWidget | None) -> None:
        """Hide a window now; delete it once the worker has delivered every pending result
        (a callback must never reach a deleted widget)."""
        if window is None:
            return
        if isinstance(window, MainWindow):
            window.backup_timer.stop()
        window.hide()
        self._retired.append(window)
        self._reap()

    def _reap(self) -> None:
        if self.worker.busy:
            QTimer.singleShot(100, self._reap)
            return
        while self._retired:
            self._retired.pop().deleteLater()

    def change_language(self, lang: str) -> MainWindow | None:
        i18n.install(lang)
        self.lang = lang
        if self.main is None:
            return None
        old = self.main.ctx
        return self.open_main(AppContext(self.db, old.actor, self.worker, lang, old.event_id))

    def close_all(self) -> None:
        for w in (self.main, self.login):
            if w is not None:
                w.close()
        self.main = self.login = None
        self._retired.clear()


def _settle(worker: Worker, seconds: float = 8.0, quiet_ms: int = 400) -> None:
    """Process events until the worker has been idle for ``quiet_ms`` (or time runs out)."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + seconds
    idle_since: float | None = None
    while time.monotonic() < deadline:
        app.processEvents()
        if worker.busy:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif (time.monotonic() - idle_since) * 1000 >= quiet_ms:
            return
        time.sleep(0.01)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kmjudge-gui", description="kmjudge on-site judging")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="open the demo venue database")
    where.add_argument(
        "--db",
        help="database file or SQLAlchemy URL (default: KMJUDGE_DB or the per-user data folder)",
    )
    p.add_argument("--lang", choices=i18n.LANGS, help="UI language (remembered)")
    p.add_argument("--smoke", action="store_true", help="start, show the main window, exit 0")
    p.add_argument("--version", action="version", version=f"kmjudge {__version__}")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kmjudge")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(about.app_icon())
    app.setDesktopFileName("kmjudge")  # Linux: matches kmjudge.desktop (Wayland, taskbars)
    handler = setup_logging()
    reporter = CrashReporter(interactive=not args.smoke)
    previous_hook = sys.excepthook
    sys.excepthook = reporter
    worker: Worker | None = None
    gc_guard: GcGuard | None = None
    shell: Shell | None = None
    db: Database | None = None
    try:
        log.info("kmjudge %s starting (%s)", __version__, " ".join(argv or sys.argv[1:]))
        if args.lang:
            i18n.save_lang(args.lang)
        lang = args.lang or i18n.saved_lang()
        i18n.install(lang)
        fonts.apply_ui_font(app)
        app.setStyleSheet(STYLE)
        gc_guard = GcGuard(app)
        db = open_database_interactive(args.db, demo=args.demo, interactive=not args.smoke)
        if db is None:
            return 1
        worker = Worker()
        worker.report = reporter.notify
        shell = Shell(db, worker, lang, demo=args.demo)
        if args.smoke:
            return _smoke(shell, args.demo, reporter)
        shell.show_login()
        rc = app.exec()
        return 1 if rc else 0
    except Exception:
        details = traceback.format_exc()
        log.critical("start-up failed\n%s", details)
        if args.smoke:
            sys.stderr.write(details)
        else:
            reporter.failures.append(details)
            reporter.show(details)
        return 1
    finally:
        if gc_guard is not None:
            gc_guard.stop()
        if shell is not None:
            shell.close_all()
        if worker is not None:
            worker.shutdown()
        if db is not None:
            db.dispose()
        sys.excepthook = previous_hook
        logging.getLogger().removeHandler(handler)
        handler.close()


def _smoke(shell: Shell, demo: bool, reporter: CrashReporter) -> int:
    if demo:
        actor = shell.worker.run(accounts.login, shell.db, "admin", DEMO_PIN).result(timeout=60)
        window: QWidget = shell.signed_in(actor)
    else:
        window = shell.show_login()
    # The same size on every machine (an offscreen screen is only 800×800).
    window.showNormal()
    window.resize(1366, 768)
    _settle(shell.worker)
    if isinstance(window, MainWindow) and window.ctx.event_id is None:
        sys.stderr.write("smoke: the demo event did not load\n")
        return 1
    shot = os.environ.get("KMJUDGE_SMOKE_SHOT")
    if shot and not window.grab().save(shot):
        sys.stderr.write(f"smoke: could not write the screenshot {shot}\n")
        return 1
    if reporter.failures:
        return 1
    print(f"kmjudge smoke test passed ({shell.db.url})")
    return 0
