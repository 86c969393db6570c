"""Security: PIN guessing locks the account (across restarts), the core refuses every role
bypass, edits made directly in SQLite are found by `audit verify` (naming the entry), codes
signed by an unknown device are refused, and the private key never leaves device.key.
(ID numbers in logs and on screens: test_privacy.py.)
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kmjudge import accounts, audit, checkin, events, judges
from kmjudge.accounts import Actor
from kmjudge.checkin import VerdictKind as K
from kmjudge.checkin import token as tk
from kmjudge.cli import main
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import AuditEntry, CheckIn, Registration, Score
from kmjudge.errors import AuthError, PermissionDenied
from kmjudge.judging import entry, lock, paper, review
from kmjudge.maintenance import check_database
from kmjudge.registration import service as registration
from kmjudge.results import release
from tests.checkin.conftest import Venue as DeskVenue
from tests.checkin.conftest import build_venue as build_desk
from tests.conftest import EXAMPLES, other_device
from tests.judging.conftest import Venue, _template, any_venue  # noqa: F401 - fixtures
from tests.reliability import harness
from tests.reliability.fuzzing import fingerprint

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- PIN guessing


def test_pin_guessing_locks_the_account_even_across_restarts(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3 wrong PINs, the app restarts, 2 more: locked. The right PIN is then refused too,
    also by a fresh process (the CLI), until the lock-out has passed. Every failure is in the
    audit chain."""
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    for _ in range(3):
        with pytest.raises(AuthError):
            accounts.login(db, "admin", "1357")
    assert db.path is not None
    db.dispose()  # a restart: the count is on disk, not in memory
    db2 = open_database(db.path)
    try:
        for _ in range(2):
            with pytest.raises(AuthError):
                accounts.login(db2, "admin", "9753")
        with pytest.raises(AuthError) as info:
            accounts.login(db2, "admin", "2580")
        assert info.value.code == "locked" and "锁定" in info.value.message_zh
        env = {**os.environ, "PYTHONPATH": str(ROOT), "KMJUDGE_SECRET": "2580"}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kmjudge.cli",
                "user",
                "list",
                "--user",
                "admin",
                "--db",
                str(db.path),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 1 and "locked" in done.stderr, done.stderr
        with db2.read() as s:
            failed = s.scalars(
                select(AuditEntry).where(AuditEntry.action == "user.login_failed")
            ).all()
        assert len(failed) == 5 and failed[-1].after["locked"] is True
        later = accounts.utcnow() + accounts.LOCKOUT + timedelta(seconds=5)
        monkeypatch.setattr(accounts, "utcnow", lambda: later)
        assert accounts.login(db2, "admin", "2580").username == "admin"
    finally:
        db2.dispose()


def test_guessing_through_pin_re_entry_locks_too(venue: Venue) -> None:
    """A judge's PIN re-entry (submit, unlock) counts as a login: 5 wrong -> locked."""
    j1 = venue.actor("j1")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthError):
            accounts.reauthenticate(venue.db, j1, "0000x")
    with pytest.raises(AuthError) as info:
        accounts.reauthenticate(venue.db, j1, "2580")
    assert info.value.code == "locked"


# --------------------------------------------------------------------------- role bypass


@pytest.fixture
def venue(_template: tuple[Path, uuid.UUID], tmp_path: Path) -> Iterator[Venue]:  # noqa: F811
    """The judging test venue (judges j1-j3, chief, clerks), plus a registrar and a city
    office account."""
    src, event_id = _template
    dst = tmp_path / "venue.sqlite3"
    shutil.copyfile(src, dst)
    db = open_database(dst)
    v = Venue(db, event_id, 6)
    accounts.create_user(db, v.admin, "reg", "检录员", ["registrar"], "2580")
    accounts.create_user(db, v.admin, "cityu", "市级", ["city"], "2580")
    yield v
    db.dispose()


def _sheet_csv(tmp_path: Path) -> Path:
    from tests.checkin.conftest import person

    path = tmp_path / f"reg-{uuid.uuid4().hex[:6]}.csv"
    name, idn = person(777)
    path.write_text(f"姓名,身份证号码,工作单位\n{name},{idn},昆钢\n", encoding="utf-8")
    return path


Call = Callable[[Venue, Actor, Path], Any]


def _first_reg(v: Venue) -> uuid.UUID:
    with v.db.read() as s:
        rid = s.scalar(
            select(Registration.id)
            .where(Registration.event_id == v.event_id)
            .order_by(Registration.ticket_no)
        )
    assert rid is not None
    return rid


#: Service entry -> the roles that may call it. Everyone else must get PermissionDenied and
#: leave the database exactly as it was.
MATRIX: dict[str, tuple[Call, set[str]]] = {
    "accounts.create_user": (
        lambda v, a, p: accounts.create_user(
            v.db, a, f"u{uuid.uuid4().hex[:6]}", "x", ["judge"], "2468"
        ),
        {"admin"},
    ),
    "accounts.list_users": (lambda v, a, p: accounts.list_users(v.db, a), {"admin"}),
    "accounts.set_secret(someone else)": (
        lambda v, a, p: accounts.set_secret(v.db, a, "j2", "1357"),
        {"admin"},
    ),
    "events.update_event": (
        lambda v, a, p: events.update_event(v.db, a, v.event_id, venue="另一处"),
        {"admin"},
    ),
    "events.import_scheme_file": (
        lambda v, a, p: events.import_scheme_file(
            v.db, a, v.event_id, EXAMPLES / "scheme-electrician.toml"
        ),
        {"admin"},
    ),
    "registration.preview_import": (
        lambda v, a, p: registration.preview_import(v.db, a, v.event_id, _sheet_csv(p)),
        {"admin"},
    ),
    "registration.list_registrations (names)": (
        lambda v, a, p: registration.list_registrations(v.db, a, v.event_id),
        {"admin", "registrar", "chief", "city"},
    ),
    "checkin.issue_tickets": (
        lambda v, a, p: checkin.issue_tickets(v.db, a, v.event_id),
        {"admin", "registrar"},
    ),
    "checkin.scan": (
        lambda v, a, p: checkin.scan(v.db, a, v.event_id, "KMJ1ABC"),
        {"admin", "registrar"},
    ),
    "checkin.undo_checkin": (
        lambda v, a, p: checkin.undo_checkin(v.db, a, _first_reg(v), "测试"),
        {"admin"},
    ),
    "judges.assign_judge": (
        lambda v, a, p: judges.assign_judge(v.db, a, v.event_id, "j3"),
        {"admin", "chief"},
    ),
    "entry.enter_score (scoring)": (
        lambda v, a, p: entry.enter_score(v.db, a, v.event_id, 2, "B1.1", "30"),
        {"judge"},
    ),
    "entry.station_names (unblinding)": (
        lambda v, a, p: entry.station_names(v.db, a, v.event_id),
        {"admin", "registrar", "chief", "city"},
    ),
    "paper.enter_sheet_values (clerk)": (
        lambda v, a, p: paper.enter_sheet_values(v.db, a, "NOSUCH", 1, {}),
        {"clerk"},
    ),
    "review.override (chief)": (
        lambda v, a, p: review.override(v.db, a, v.event_id, 1, "B1.2", "理由充分"),
        {"chief"},
    ),
    "lock.lock_event (chief)": (lambda v, a, p: lock.lock_event(v.db, a, v.event_id), {"chief"}),
    "lock.unlock_event (chief)": (
        lambda v, a, p: lock.unlock_event(v.db, a, v.event_id, "2580", "更正"),
        {"chief"},
    ),
    "release.view_results (provisional)": (
        lambda v, a, p: release.view_results(v.db, a, v.event_id),
        {"admin", "chief"},
    ),
    "release.release (publish)": (
        lambda v, a, p: release.release(v.db, a, v.event_id),
        {"chief"},
    ),
}
ROLES = {
    "admin": "admin",
    "registrar": "reg",
    "judge": "j1",
    "clerk": "clerk1",
    "chief": "chief",
    "city": "cityu",
}


@pytest.mark.parametrize("name", list(MATRIX))
def test_every_role_bypass_is_refused_by_the_core(name: str, venue: Venue, tmp_path: Path) -> None:
    """Each service entry called by every role: the roles outside the policy get
    PermissionDenied with a message, and nothing was written; the allowed roles are not
    refused for lack of rights (they may meet other rules, e.g. nothing to lock yet)."""
    call, allowed = MATRIX[name]
    for role, username in ROLES.items():
        actor = venue.actor(username)
        before = fingerprint(venue.db)
        try:
            call(venue, actor, tmp_path)
        except PermissionDenied as exc:
            assert role not in allowed, f"{name}: {role} wrongly refused: {exc.message_en}"
            assert exc.message_zh and exc.message_en
            assert fingerprint(venue.db) == before, f"{name}: refused {role} wrote something"
            continue
        except Exception as exc:  # another rule stopped an allowed role: fine
            assert role in allowed, f"{name}: {role} reached {type(exc).__name__}: {exc}"
            continue
        assert role in allowed, f"{name}: {role} was allowed"


def test_a_clerk_cannot_confirm_their_own_entry(venue: Venue) -> None:
    """Two-person integrity: the clerk who typed pass 1 is refused pass 2."""
    (sheet,) = paper.create_sheets(venue.db, venue.admin, venue.event_id, "j2", [1], "A")
    cells = {(1, "A1.1"): "10"}
    paper.enter_sheet_values(venue.db, venue.actor("clerk1"), sheet.code, 1, cells)
    before = fingerprint(venue.db)
    with pytest.raises(PermissionDenied):
        paper.enter_sheet_values(venue.db, venue.actor("clerk1"), sheet.code, 2, cells)
    assert fingerprint(venue.db) == before


def test_an_account_without_roles_can_do_nothing(venue: Venue) -> None:
    """A judge whose roles were taken away (an Actor with no roles) scores nothing."""
    j1 = venue.actor("j1")
    nobody = Actor(j1.user_id, "j1", "赵裁判", frozenset(), j1.device_id)
    before = fingerprint(venue.db)
    with pytest.raises(PermissionDenied):
        entry.enter_score(venue.db, nobody, venue.event_id, 1, "B1.1", "30")
    assert fingerprint(venue.db) == before


# --------------------------------------------------------------------------- edits behind our back


_sql = harness.edit_behind_the_app  # what someone with the sqlite3 tool does


def _hex(u: uuid.UUID) -> str:
    return u.hex


def test_a_mark_changed_in_sqlite_is_found_and_the_entry_named(
    venue: Venue, capsys: pytest.CaptureFixture[str]
) -> None:
    venue.fill(("j1",))
    assert audit.verify_records(venue.db) == []
    with venue.db.read() as s:
        score = s.scalars(select(Score).where(Score.judge_id == venue.actor("j1").user_id)).first()
        assert score is not None
        entry_seq = s.scalar(select(AuditEntry.seq).where(AuditEntry.entity_id == str(score.id)))
    _sql(venue.db, "UPDATE score SET value = '49' WHERE id = ?", _hex(score.id))
    problems = audit.verify_records(venue.db)
    assert [p.kind for p in problems] == ["row_edited"]
    assert problems[0].seq == entry_seq and f"第 {entry_seq} 条" in problems[0].message_zh
    assert not check_database(venue.db).ok
    assert main(["audit", "verify", "--db", str(venue.db.path)]) == 1
    out = capsys.readouterr().out
    assert f"seq {entry_seq}" in out and "row_edited" in out


def test_a_mark_inserted_in_sqlite_is_found(venue: Venue) -> None:
    venue.fill(("j1",))
    with venue.db.read() as s:
        score = s.scalars(select(Score)).first()
        assert score is not None
    cols = (
        "event_id, registration_id, aspect_id, judge_id, value, trainee, status, source, "
        "entered_by, entered_at, device_id, override_reason, version"
    )
    _sql(
        venue.db,
        f"INSERT INTO score (id, {cols}) SELECT ?, {cols.replace('judge_id', '?')} "
        "FROM score WHERE id = ?",
        uuid.uuid4().hex,
        venue.actor("j2").user_id.hex,
        score.id.hex,  # type: ignore[union-attr]
    )
    assert [p.kind for p in audit.verify_records(venue.db)] == ["row_inserted"]


@pytest.fixture
def desk(db: Database, tmp_path: Path) -> DeskVenue:
    return build_desk(db, tmp_path)


def test_check_ins_inserted_deleted_or_un_undone_in_sqlite_are_found(desk: DeskVenue) -> None:
    """A check-in row written behind the app's back, one deleted, and an undone one made
    active again: each named; the untouched database has none."""
    tickets = checkin.issue_tickets(desk.db, desk.admin, desk.event_id)
    for t in tickets[:3]:
        assert checkin.scan(desk.db, desk.registrar, desk.event_id, t.token).ok
    checkin.undo_checkin(desk.db, desk.admin, tickets[2].registration_id, "扫错了人")
    assert audit.verify_records(desk.db) == []
    with desk.db.read() as s:
        rows = {c.registration_id: c for c in s.scalars(select(CheckIn))}
        outsider = s.scalars(
            select(Registration).where(
                Registration.event_id == desk.event_id, Registration.status == "registered"
            )
        ).first()
        assert outsider is not None
    _sql(
        desk.db,
        "INSERT INTO checkin (id, registration_id, checked_in_at, device_id, method, "
        "undo_reason) VALUES (?, ?, '2026-10-20 08:00:00', ?, 'scan', '')",
        uuid.uuid4().hex,
        outsider.id.hex,
        desk.db.device.id.hex,
    )
    _sql(desk.db, "DELETE FROM checkin WHERE id = ?", rows[tickets[0].registration_id].id.hex)
    _sql(
        desk.db,
        "UPDATE checkin SET undone_at = NULL WHERE id = ?",
        rows[tickets[2].registration_id].id.hex,
    )
    kinds = sorted(p.kind for p in audit.verify_records(desk.db))
    assert kinds == ["row_deleted", "row_edited", "row_inserted"], kinds
    deleted = next(p for p in audit.verify_records(desk.db) if p.kind == "row_deleted")
    assert deleted.seq is not None and f"第 {deleted.seq} 条" in deleted.message_zh


# --------------------------------------------------------------------------- untrusted signers


def test_a_ticket_signed_by_another_device_is_forged(desk: DeskVenue, tmp_path: Path) -> None:
    """A perfectly formed ticket for a real contestant, signed by a key that is not the
    event's issuer (someone printing their own tickets): FORGED, no check-in."""
    reg = desk.regs[0]
    claims = tk.TicketClaims(
        tk.event_prefix(desk.event_id),
        reg.id,
        1,
        date.today() - timedelta(days=1),
        date.today() + timedelta(days=1),
    )
    forger = other_device(tmp_path, "forger")
    verdict = checkin.scan(desk.db, desk.registrar, desk.event_id, tk.encode(claims, forger.sign))
    assert verdict.kind == K.FORGED and verdict.name == ""
    assert checkin.counters(desk.db, desk.event_id).checked_in == 0


def test_a_certificate_from_an_untrusted_laptop_is_not_valid(
    desk: DeskVenue, tmp_path: Path
) -> None:
    """A certificate signed by a laptop this database does not trust: unknown issuer; once
    its fingerprint is confirmed (kmjudge.trust), the same code verifies."""
    certs = pytest.importorskip("kmjudge.certificates.token")
    from kmjudge import trust
    from kmjudge.certificates.verify import verify as verify_certificate

    laptop = other_device(tmp_path, "laptop")
    text = certs.encode(
        number="KM2026-OTHER1-0001",
        name="张三",
        tier="first",
        has_title=False,
        issued_on=date.today(),
        event_id=desk.event_id,
        public_key=laptop.public_key_bytes,
        sign=laptop.sign,
    )
    assert verify_certificate(desk.db, text).status == "unknown_issuer"
    trust.trust_device(
        desk.db,
        desk.admin,
        trust.DeviceKey(laptop.id, laptop.name, laptop.public_key_bytes),
        laptop.fingerprint,
    )
    assert verify_certificate(desk.db, text).status == "valid"


# --------------------------------------------------------------------------- the private key


def _key_forms(key_file: Path) -> list[bytes]:
    """The private key as it could leak: raw bytes, base64 (as in device.key), hex."""
    raw_b64 = key_file.read_text("ascii").split()[-1]
    raw = base64.b64decode(raw_b64)
    return [raw, raw_b64.encode(), raw.hex().encode(), raw.hex().upper().encode()]


def _contents(path: Path) -> list[bytes]:
    """A file's bytes, and the inflated contents of zips (xlsx, packages) and PDF streams."""
    import io
    import zipfile

    data = path.read_bytes()
    out = [data]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            out += [z.read(n) for n in z.namelist()]
    if data.startswith(b"%PDF"):  # every compressed stream, inflated
        import re
        import zlib

        for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                out.append(zlib.decompress(m.group(1)))
            except zlib.error:
                out.append(m.group(1))
    return out


def test_the_private_key_is_in_no_backup_export_or_log(desk: DeskVenue, tmp_path: Path) -> None:
    """After a venue day in miniature (import, tickets PDF, check-ins, draw list, no-show list,
    a rejection list, backups, an export package, the app's log with SQL logging on), no file
    anywhere in the data folder or among the exports holds the private key in any form -
    except device.key itself."""
    import logging

    from kmjudge import paths
    from kmjudge.registration.sheet import export_rejections_xlsx, read_registration_file
    from ui.app import setup_logging

    handler = setup_logging()
    sql_log = logging.getLogger("sqlalchemy.engine")
    sql_log.setLevel(logging.INFO)
    out = tmp_path / "stick"
    try:
        checkin.write_tickets_pdf(desk.db, desk.admin, desk.event_id, out / "tickets.pdf")
        tickets = checkin.issue_tickets(desk.db, desk.admin, desk.event_id)
        for t in tickets[:4]:
            checkin.scan(desk.db, desk.registrar, desk.event_id, t.token)
        checkin.write_draw_list_pdf(desk.db, desk.admin, desk.event_id, out / "draw.pdf")
        checkin.export_noshow_xlsx(desk.db, desk.admin, desk.event_id, out / "noshow.xlsx")
        bad = tmp_path / "bad.csv"
        bad.write_text("姓名,身份证号码\n张三,530102199001011235\n", encoding="utf-8")
        export_rejections_xlsx(read_registration_file(bad), out / "rejected.xlsx")
        desk.db.backup("manual")
        try:  # the signed package for the city office, once kmjudge.sync exists
            from kmjudge import sync

            sync.export_package(desk.db, desk.admin, out)
        except Exception as exc:  # not built yet (or failing in its own tests): no package
            logging.getLogger(__name__).warning("no export package: %r", exc)
    finally:
        sql_log.setLevel(logging.WARNING)
        logging.getLogger().removeHandler(handler)
        handler.close()
    key_file = paths.data_dir() / "device.key"
    forms = _key_forms(key_file)
    assert any(f in key_file.read_bytes() for f in forms)  # the search would find it
    scanned = 0
    for folder in (paths.data_dir(), out, desk.db.path.parent):  # type: ignore[union-attr]
        for path in folder.rglob("*"):
            if not path.is_file() or path == key_file:
                continue
            scanned += 1
            for blob in _contents(path):
                for form in forms:
                    assert form not in blob, f"the private key is in {path}"
    assert scanned >= 8
    assert (paths.logs_dir() / "kmjudge.log").stat().st_size > 0


def test_rows_against_chain_check_runs_on_every_backend(any_venue: Venue) -> None:  # noqa: F811
    """verify_records on SQLite and PostgreSQL: marks entered through the app agree with the
    chain (JSON snapshots and Decimal values compare the same on both)."""
    any_venue.fill(("j1", "j2"))
    assert audit.verify_records(any_venue.db) == []
    assert audit.verify(any_venue.db).ok
