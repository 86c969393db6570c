"""The operations the kill harness runs: score entry, check-in, registration import, backup
(and export / certificate batches once those modules exist: see ``optional_operations``).
Paper double entry and the chief judge's actions are in ``ops_judging.py``, the city
office's package import in ``ops_sync.py``.

Each is built with the real services, and its ``check`` proves both halves of the promise:
every confirmed action is present, and nothing is half-written.
"""

from __future__ import annotations

import importlib.util
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select

from kmjudge import accounts, checkin, device, events
from kmjudge.db import backup as backup_mod
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import (
    Aspect,
    AuditEntry,
    CheckIn,
    Contestant,
    Registration,
    Scan,
    Score,
    User,
)
from tests.checkin import conftest as checkin_venue
from tests.conftest import EXAMPLES
from tests.judging import conftest as judging_venue
from tests.reliability.harness import KillOperation, Template, checkpoint


def _template_db(folder: Path, name: str) -> tuple[Path, Path, Database]:
    folder.mkdir(parents=True, exist_ok=True)
    home = folder / "home"
    db_path = folder / name
    return db_path, home, open_database(db_path, device=device.load_or_create(home))


def _finish(db: Database, db_path: Path, home: Path, ctx: dict[str, Any]) -> Template:
    db.dispose()
    checkpoint(db_path)
    return Template(db_path, home, ctx)


# --------------------------------------------------------------------------- score entry


def build_scores(folder: Path) -> Template:
    """The judging test venue: 3 judges, 6 stations, 4 markable aspects each."""
    db_path, home, db = _template_db(folder, "scores.sqlite3")
    v = judging_venue.build_venue(db, folder)
    return _finish(db, db_path, home, {"event_id": str(v.event_id), "judges": ["j1", "j2", "j3"]})


SCORE_CHILD = """
from kmjudge.judging import entry
ev = uuid.UUID(ctx["event_id"])
VALUES = {"A1.1": ["10", "0"], "A1.2": ["8.5", "7", "9.5"], "B1.1": ["40", "33", "47", "12"],
          "B1.2": ["2", "1", "3", "0"]}
judges = [actor(j) for j in ctx["judges"]]
ready()
sweep = rnd
while True:
    for judge in judges:
        grid = entry.judge_sheet(db, judge, ev)
        for row in grid.stations:
            for a, cell in zip(grid.aspects, row.cells):
                values = VALUES.get(a.code)
                if values is None or not cell.editable:
                    continue
                value = values[(sweep + row.station_no) % len(values)]
                got = entry.enter_score(db, judge, ev, row.station_no, a.code, value, cell.version)
                confirm(judge=judge.username, station=row.station_no, aspect=a.code,
                        value=str(got.value), version=got.version)
    sweep += 1
"""


def check_scores(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Every confirmed mark is stored at its version or a later one (same value at the same
    version); every stored version 1..v has exactly one audit entry, the last one holding the
    stored value (no mark without its audit entry, no audit entry without its mark)."""
    with db.read() as s:
        rows = s.execute(
            select(Score, Registration.station_no, Aspect.code, User.username)
            .join(Registration, Registration.id == Score.registration_id)
            .join(Aspect, Aspect.id == Score.aspect_id)
            .join(User, User.id == Score.judge_id)
        ).all()
    stored = {(u, st, code): (sc.value, sc.version, str(sc.id)) for sc, st, code, u in rows}
    last: dict[tuple[str, int, str], tuple[int, Decimal]] = {}
    for c in confirmed:
        key = (c["judge"], c["station"], c["aspect"])
        if key not in last or c["version"] >= last[key][0]:
            last[key] = (c["version"], Decimal(c["value"]))
    for key, (version, value) in last.items():
        assert key in stored, f"confirmed mark {key} v{version} = {value} is missing"
        s_value, s_version, _ = stored[key]
        assert s_version >= version, f"{key}: stored v{s_version} < confirmed v{version}"
        if s_version == version:
            assert s_value == value, f"{key} v{version}: stored {s_value} != confirmed {value}"
    check_marks_audited(db)


def check_marks_audited(db: Database) -> None:
    """Every stored version 1..v of every mark has exactly one audit entry, the last one
    holding the stored value; no audit entry names a mark that is not there."""
    with db.read() as s:
        stored = {str(sc.id): (sc.value, sc.version) for sc in s.scalars(select(Score))}
        entries = s.execute(
            select(AuditEntry.entity_id, AuditEntry.after).where(AuditEntry.entity == "score")
        ).all()
    versions: dict[str, dict[int, str]] = defaultdict(dict)
    for entity_id, after in entries:
        assert after["version"] not in versions[entity_id], f"two audit entries {entity_id}"
        versions[entity_id][after["version"]] = after["value"]
    for sid, (value, version) in stored.items():
        seen = versions.get(sid, {})
        assert sorted(seen) == list(range(1, version + 1)), f"mark {sid}: audit versions {seen}"
        assert Decimal(seen[version]) == value, f"mark {sid}: audit says {seen[version]}"
    assert set(versions) == set(stored), "audit entry for a missing mark"


SCORE_ENTRY = KillOperation("score_entry", build_scores, SCORE_CHILD, check_scores, window_s=0.8)


# --------------------------------------------------------------------------- check-in


def build_checkin(folder: Path) -> Template:
    """60 contestants with tickets, check-in open for the next hour, stations drawn at scan."""
    db_path, home, db = _template_db(folder, "desk.sqlite3")
    v = checkin_venue.build_venue(db, folder)
    checkin_venue.add_contestants(db, v.admin, v.event_id, 52, folder, offset=300)
    tokens = [t.token for t in checkin.issue_tickets(db, v.admin, v.event_id)]
    assert len(tokens) == 60
    return _finish(db, db_path, home, {"event_id": str(v.event_id), "tokens": tokens})


CHECKIN_CHILD = """
from kmjudge import checkin
ev = uuid.UUID(ctx["event_id"])
registrar = actor("reg1")
tokens = ctx["tokens"]
ready()
k = rnd * 11
while True:  # new tickets, then repeat scans (a repeat is stored too)
    i = k % len(tokens)
    v = checkin.scan(db, registrar, ev, tokens[i])
    confirm(token=i, kind=v.kind.value, ticket=v.ticket_no, station=v.station_no,
            scan=str(v.scan_id))
    k += 1
"""


def check_checkin(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Every confirmed scan is stored with its verdict; every confirmed check-in is there with
    the station the desk showed; status, check-in row and audit entry agree for every
    contestant (none without the others); stations are distinct."""
    with db.read() as s:
        regs = {
            r.ticket_no: r
            for r in s.scalars(
                select(Registration).where(Registration.event_id == uuid.UUID(ctx["event_id"]))
            )
        }
        active = Counter(
            s.scalars(select(CheckIn.registration_id).where(CheckIn.undone_at.is_(None)))
        )
        scans = {str(sc.id): sc.verdict for sc in s.scalars(select(Scan))}
        audited = Counter(
            s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "checkin.scan"))
        )
    for c in confirmed:
        assert c["kind"] in ("valid", "already"), c
        assert scans.get(c["scan"]) == c["kind"], f"confirmed scan {c} not stored"
        reg = regs[c["ticket"]]
        assert active[reg.id] == 1, f"confirmed check-in of {c['ticket']} missing"
        assert reg.station_no == c["station"], (c, reg.station_no)
    for reg in regs.values():
        checked = reg.status == "checked_in"
        assert active[reg.id] == (1 if checked else 0), f"{reg.ticket_no}: status vs rows"
        assert audited[str(reg.id)] == (1 if checked else 0), f"{reg.ticket_no}: audit"
    stations = [r.station_no for r in regs.values() if r.station_no is not None]
    assert len(stations) == len(set(stations)), "two contestants share a station"


CHECKIN = KillOperation("checkin", build_checkin, CHECKIN_CHILD, check_checkin, window_s=0.5)


# --------------------------------------------------------------------------- registration import

SHEETS, ROWS_PER_SHEET = 5, 300


def _sheet(path: Path, first: int, n: int) -> list[str]:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "身份证号码", "工作单位"])
    ids = []
    for k in range(first, first + n):
        name, idn = checkin_venue.person(k)
        ws.append([name, idn, "昆钢"])
        ids.append(idn)
    wb.save(path)
    return ids


def build_import(folder: Path) -> Template:
    """An event and five registration sheets of 300 different people each."""
    db_path, home, db = _template_db(folder, "import.sqlite3")
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    ev, _ = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    sheets = []
    for i in range(SHEETS):
        path = folder / f"sheet{i}.xlsx"
        sheets.append({"path": str(path), "ids": _sheet(path, 10_000 + i * 1000, ROWS_PER_SHEET)})
    return _finish(db, db_path, home, {"event_id": str(ev), "sheets": sheets})


IMPORT_CHILD = """
from kmjudge.registration import service
ev = uuid.UUID(ctx["event_id"])
admin = actor("admin")
ready()
while True:  # new sheets, then re-imports (no change; still a backup and an audit entry)
    for i, sheet in enumerate(ctx["sheets"]):
        preview = service.preview_import(db, admin, ev, sheet["path"])
        result = service.commit_import(db, admin, preview)
        confirm(sheet=i, created=result.created, unchanged=result.unchanged)
"""


def check_import(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Each sheet is in the database completely or not at all (people and registrations);
    confirmed sheets completely; every registration is named by an import audit entry;
    ticket numbers stay unique."""
    done = {c["sheet"] for c in confirmed}
    with db.read() as s:
        by_id = {c.id_number: c.id for c in s.scalars(select(Contestant))}
        regs = s.execute(
            select(Registration.id, Registration.contestant_id, Registration.ticket_no)
        )
        reg_rows = regs.all()
        imports = s.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "registration.import")
        ).all()
    registered = {cid for _, cid, _ in reg_rows}
    for i, sheet in enumerate(ctx["sheets"]):
        people = sum(1 for idn in sheet["ids"] if idn in by_id)
        regd = sum(1 for idn in sheet["ids"] if by_id.get(idn) in registered)
        assert people in (0, ROWS_PER_SHEET), f"sheet {i}: {people} people half-imported"
        assert regd == people, f"sheet {i}: {people} people but {regd} registrations"
        if i in done:
            assert regd == ROWS_PER_SHEET, f"confirmed sheet {i} has {regd} registrations"
    named = {row["registration"] for after in imports for row in after["rows"]}
    assert {str(rid) for rid, _, _ in reg_rows} <= named, "registration without audit entry"
    tickets = [t for _, _, t in reg_rows]
    assert len(tickets) == len(set(tickets)), "duplicate ticket numbers"


IMPORT = KillOperation("registration_import", build_import, IMPORT_CHILD, check_import, 2.0)


# --------------------------------------------------------------------------- backup


BACKUP_CHILD = """
from kmjudge import checkin
ev = uuid.UUID(ctx["event_id"])
registrar = actor("reg1")
ready()
k = rnd * 11
while True:  # a backup while the venue keeps writing: a scan between backups
    path = db.backup("manual")
    confirm(path=str(path))
    checkin.scan(db, registrar, ev, ctx["tokens"][k % len(ctx["tokens"])])
    k += 1
"""


def check_backup(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Every confirmed backup is a healthy database (or was rotated away behind 30 newer
    ones); every file listed as a backup is healthy; no partial file is listed."""
    assert db.path is not None
    folder = db.path.parent / "home" / "backups"
    listed = backup_mod.list_backups(folder, db.path.stem)
    for b in listed:
        assert backup_mod.verify_file(b.path) == [], f"listed backup {b.path.name} is damaged"
        con_ok = _count_users(b.path)
        assert con_ok > 0, f"backup {b.path.name} is empty"
    names = [b.path.name for b in listed]
    for c in confirmed:
        path = Path(c["path"])
        if path.exists():
            assert path.name in names and backup_mod.verify_file(path) == [], c
        else:
            assert len(listed) >= backup_mod.KEEP_DEFAULT, f"confirmed backup {path} vanished"


def _count_users(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM app_user").fetchone()[0])
    finally:
        con.close()


BACKUP = KillOperation("backup", build_checkin, BACKUP_CHILD, check_backup, window_s=0.5)


# --------------------------------------------------------------------------- export package


EXPORT_CHILD = """
from pathlib import Path
from kmjudge import checkin, sync
ev = uuid.UUID(ctx["event_id"])
admin, registrar = actor("admin"), actor("reg1")
out = Path(sys.argv[1]).parent / "stick" / f"run-{rnd}"  # beside this copy of the database
out.mkdir(parents=True, exist_ok=True)
ready()
k = rnd * 11
while True:  # a change, then a package for the city office (full and incremental in turn)
    checkin.scan(db, registrar, ev, ctx["tokens"][k % len(ctx["tokens"])])
    res = sync.export_package(db, admin, out, incremental=bool(k % 2))
    confirm(path=str(res.path), sha=res.sha256, seq=res.seq)
    k += 1
"""


def _sha_file(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_export(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Every confirmed package is on the stick with its SHA-256 and in the package log; the
    logged sequence numbers are 1..n without gaps; and no complete package lies on the stick
    that the database does not know (the file keeps its .part name until the commit, so its
    sequence number is never reused)."""
    from kmjudge.db.models import PackageLog

    with db.read() as s:
        logged = {
            r.sha256: r.seq
            for r in s.scalars(select(PackageLog).where(PackageLog.direction == "export"))
        }
    for c in confirmed:
        path = Path(c["path"])
        assert path.exists() and _sha_file(path) == c["sha"], f"confirmed package lost: {c}"
        assert logged.get(c["sha"]) == c["seq"], f"confirmed package not logged: {c}"
    assert sorted(logged.values()) == list(range(1, len(logged) + 1)), sorted(logged.values())
    assert db.path is not None
    for path in (db.path.parent / "stick").rglob("*.zip"):  # no package the venue does not know
        assert _sha_file(path) in logged, f"{path.name} is on the stick but not in the database"


EXPORT = KillOperation("export_package", build_checkin, EXPORT_CHILD, check_export, window_s=1.5)


# --------------------------------------------------------------------------- certificates


def build_certificates(folder: Path) -> Template:
    """A locked, scored event of ten contestants (six winners), as the certificate tests."""
    from tests.certificates.helpers import scored_event

    db_path, home, db = _template_db(folder, "certs.sqlite3")
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    ev = scored_event(db, admin)
    return _finish(db, db_path, home, {"event_id": str(ev.event_id)})


CERT_CHILD = """
from pathlib import Path
from kmjudge import certificates as cert
ev = uuid.UUID(ctx["event_id"])
chief = actor("chief")
out = Path(sys.argv[1]).parent / "stick" / f"run-{rnd}"  # beside this copy of the database
out.mkdir(parents=True, exist_ok=True)
ready()
k = 0
while True:  # the winners' batch, then reprints of it (补发, with a reason)
    plan = cert.plan_batch(db, chief, ev, reprint_issued=True)
    path = out / f"certs-{rnd}-{k}.pdf"
    res = cert.issue_certificates(db, chief, plan, path,
                                  reason="打印机卡纸" if plan.reprint_count else "")
    confirm(path=str(path), pages=res.pages, numbers=[c.number for c in res.certificates])
    k += 1
"""


def check_certificates(
    db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]
) -> None:
    """Every confirmed batch is a complete PDF (all pages readable) whose numbers are
    recorded; every PDF under its real name is complete and recorded (a batch printed but
    not recorded would be certificates nobody can trace); numbers are unique."""
    import pypdf

    from kmjudge.db.models import Certificate

    with db.read() as s:
        numbers = [c.number for c in s.scalars(select(Certificate))]
        printed = {
            a["file"]
            for a in s.scalars(
                select(AuditEntry.after).where(AuditEntry.action == "certificate.print")
            )
        }
    assert len(numbers) == len(set(numbers)), "duplicate certificate numbers"
    for c in confirmed:
        path = Path(c["path"])
        assert path.exists(), f"confirmed batch {path.name} is missing"
        assert len(pypdf.PdfReader(path).pages) == c["pages"], f"{path.name} is incomplete"
        assert set(c["numbers"]) <= set(numbers), f"{path.name}: numbers not recorded"
    assert db.path is not None
    for path in (db.path.parent / "stick").rglob("*.pdf"):
        assert len(pypdf.PdfReader(path).pages) > 0, f"{path.name} is not a whole PDF"
        assert path.name in printed, f"{path.name} is on disk but its batch is not recorded"


CERTIFICATES = KillOperation(
    "certificate_batch",
    build_certificates,
    CERT_CHILD,
    check_certificates,
    window_s=2.0,
    rows_vs_chain=False,  # the scored-event fixture writes its marks directly
)


# --------------------------------------------------------------------------- registry


def optional_operations() -> list[KillOperation]:
    """Export (``kmjudge.sync``) and certificate batches (``kmjudge.certificates``) join the
    harness when those modules exist; see docs/reliability.md for what is not yet covered."""
    found: list[KillOperation] = []
    if importlib.util.find_spec("kmjudge.sync") is not None:
        found.append(EXPORT)
    if importlib.util.find_spec("kmjudge.certificates") is not None:
        found.append(CERTIFICATES)
    return found


OPERATIONS: list[KillOperation] = [SCORE_ENTRY, CHECKIN, IMPORT, BACKUP]


def count_rows(db: Database, model: Any) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)
