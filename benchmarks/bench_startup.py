"""Start-up with a 10,000-contestant database (issue 2 target: usable window <= 1.5 s).

    python benchmarks/bench_startup.py

Measures, offscreen, on a database holding 10,000 contestants:
- a cold process: `python main.py --db FILE --smoke` (interpreter start, imports, fonts,
  translations, opening + checking + backing up the database, the login window shown);
- in-process after sign-in: the main window with the selected event and the contestant
  list (10,000 rows) loaded and painted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(tmp: Path) -> Path:
    from bench_registration import make_sheet

    from kmjudge import accounts, events
    from kmjudge.db.engine import open_database
    from kmjudge.registration import service

    db_path = tmp / "venue10k.sqlite3"
    db = open_database(db_path)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    ev, _ = events.import_setup_file(db, admin, ROOT / "resources/examples/event-setup.toml")
    for i in range(2):
        sheet = tmp / f"s{i}.xlsx"
        make_sheet(sheet, 5000, offset=5000 * i)
        service.import_file(db, admin, ev, sheet)
    db.dispose()
    return db_path


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        os.environ["KMJUDGE_HOME"] = str(tmp / "home")
        db_path = build(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cold = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                            "--smoke"], check=True, env=env, capture_output=True)
            cold.append(time.perf_counter() - t0)

        from PySide6.QtWidgets import QApplication

        from kmjudge import accounts
        from kmjudge.db.engine import open_database
        from ui import fonts, i18n
        from ui.app import Shell
        from ui.worker import Worker

        app = QApplication.instance() or QApplication([])
        i18n.install("zh")
        fonts.apply_ui_font(app)
        db = open_database(db_path)
        worker = Worker()
        shell = Shell(db, worker, "zh", demo=False)
        actor = accounts.login(db, "admin", "2580")
        t0 = time.perf_counter()
        window = shell.signed_in(actor)
        window.resize(1366, 768)
        window.show()
        deadline = time.time() + 30
        while worker.busy and time.time() < deadline:
            app.processEvents()
        app.processEvents()
        window.grab()
        warm = time.perf_counter() - t0
        shell.close_all()
        worker.shutdown()
        db.dispose()
    print(f"{'measurement (10,000 contestants)':<60} {'seconds':>8}  target")
    print(f"{'cold process to login window (median of 3)':<60} {statistics.median(cold):>8.2f}"
          "  <= 1.5")
    print(f"{'sign-in to main window with event loaded':<60} {warm:>8.2f}")


if __name__ == "__main__":
    main()
