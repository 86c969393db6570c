"""Rows against the chain beyond marks and check-ins: theory scores, registrations' status and
station, who a registration is (name, ID number), and locks edited with the ``sqlite3`` module
behind the app's back are each named by ``kmjudge.audit.verify_records`` and by
``kmjudge audit verify`` (naming the audit entry whose record the row contradicts), while the
same changes made through the app are not.
"""

from __future__ import annotations

import csv
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from kmjudge import audit, checkin
from kmjudge.cli import main
from kmjudge.db.engine import Database
from kmjudge.db.models import AuditEntry, Contestant, Registration
from kmjudge.judging import lock, recheck, theory
from kmjudge.maintenance import check_database
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number, mask_id
from tests.checkin.conftest import Venue as DeskVenue
from tests.checkin.conftest import build_venue as build_desk
from tests.judging.conftest import Venue, _template, venue  # noqa: F401 - fixtures
from tests.reliability import harness

_sql = harness.edit_behind_the_app


def _seq(db: Database, action: str) -> int:
    """The newest audit entry of ``action``."""
    with db.read() as s:
        seq = s.scalar(
            select(AuditEntry.seq)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.seq.desc())
        )
    assert seq is not None
    return seq


def _cli_names(db: Database, capsys: pytest.CaptureFixture[str], *needles: str) -> None:
    """``kmjudge audit verify`` fails (exit 1) and its output holds every needle."""
    capsys.readouterr()
    assert main(["audit", "verify", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    for needle in needles:
        assert needle in out, (needle, out)


def _theory_sheet(v: Venue, path: Path, scores: dict[int, int]) -> Path:
    """A theory score sheet for the stations in ``scores`` (ticket, name, score)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["准考证号", "姓名", "理论成绩"])
    with v.db.read() as s:
        for reg, name in s.execute(
            select(Registration, Contestant.name)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == v.event_id)
        ):
            if reg.station_no in scores:
                ws.append([reg.ticket_no, name, scores[reg.station_no]])
    wb.save(path)
    return path


def test_theory_scores_edited_inserted_or_deleted_in_sqlite_are_found(
    venue: Venue,  # noqa: F811 - the judging tests' fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Theory scores imported, then corrected by a second import: nothing reported. Then one
    changed, one deleted and one inserted for a contestant no import named, in SQLite: each
    found (edited and deleted name the import entry), by the function and the CLI."""
    admin = venue.admin
    first = _theory_sheet(venue, tmp_path / "理论.xlsx", {1: 81, 2: 72, 3: 65, 4: 90})
    theory.import_theory_xlsx(venue.db, admin, venue.event_id, first)
    fixed = _theory_sheet(venue, tmp_path / "理论-更正.xlsx", {1: 81, 2: 74, 3: 65, 4: 90})
    theory.import_theory_xlsx(venue.db, admin, venue.event_id, fixed)
    assert audit.verify_records(venue.db) == []
    seq = _seq(venue.db, "theory.import")
    reg = {st: venue.registration(st) for st in (2, 3, 5)}
    _sql(venue.db, "UPDATE theory_score SET value = '95' WHERE registration_id = ?", reg[2].id.hex)
    _sql(venue.db, "DELETE FROM theory_score WHERE registration_id = ?", reg[3].id.hex)
    _sql(
        venue.db,
        "INSERT INTO theory_score (id, registration_id, value, source, imported_at, version) "
        "VALUES (?, ?, '88', '理论.xlsx', '2026-10-20 16:00:00', 1)",
        uuid.uuid4().hex,
        reg[5].id.hex,
    )
    problems = audit.verify_records(venue.db)
    assert sorted(p.kind for p in problems) == ["row_deleted", "row_edited", "row_inserted"]
    edited = next(p for p in problems if p.kind == "row_edited")
    assert edited.seq == seq and reg[2].ticket_no in edited.message_zh
    assert "95" in edited.message_zh and "74" in edited.message_zh
    assert next(p for p in problems if p.kind == "row_deleted").seq is not None
    assert reg[5].ticket_no in next(p for p in problems if p.kind == "row_inserted").message_en
    assert not check_database(venue.db).ok
    _cli_names(venue.db, capsys, f"seq {seq}", "row_edited", "row_deleted", "row_inserted")


@pytest.fixture
def desk(db: Database, tmp_path: Path) -> DeskVenue:
    return build_desk(db, tmp_path)


def test_registration_status_and_station_edited_in_sqlite_are_found(
    desk: DeskVenue, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the app: five scanned in (stations drawn at the scan), one withdrawn, one
    check-in undone, the rest marked absent after the cut-off: nothing reported. Then in
    SQLite: the withdrawn contestant back to checked in, an absent one to registered, and
    two contestants' stations swapped (the marks of one would count for the other): each
    named with its ticket and the entry it contradicts."""
    db, admin = desk.db, desk.admin
    tickets = checkin.issue_tickets(db, admin, desk.event_id)
    for t in tickets[:5]:
        assert checkin.scan(db, desk.registrar, desk.event_id, t.token).ok
    checkin.withdraw(db, admin, tickets[0].registration_id, "本人申请退赛")
    checkin.undo_checkin(db, admin, tickets[4].registration_id, "扫错了人")
    later = datetime.now() + timedelta(hours=3)
    assert checkin.mark_absent(db, desk.registrar, desk.event_id, now=later).count == 4
    assert audit.verify_records(db) == []
    with db.read() as s:
        regs = {
            r.id: r
            for r in s.scalars(select(Registration).where(Registration.event_id == desk.event_id))
        }
    withdrawn, a, b = (regs[t.registration_id] for t in tickets[:3])
    absent = next(r for r in regs.values() if r.status == "absent")
    assert a.station_no is not None and b.station_no is not None
    _sql(db, "UPDATE registration SET status = 'checked_in' WHERE id = ?", withdrawn.id.hex)
    _sql(db, "UPDATE registration SET status = 'registered' WHERE id = ?", absent.id.hex)
    _sql(db, "UPDATE registration SET station_no = NULL WHERE id = ?", a.id.hex)
    _sql(db, "UPDATE registration SET station_no = ? WHERE id = ?", a.station_no, b.id.hex)
    _sql(db, "UPDATE registration SET station_no = ? WHERE id = ?", b.station_no, a.id.hex)
    problems = audit.verify_records(db)
    assert [p.kind for p in problems] == ["row_edited"] * 4, [p.message_en for p in problems]
    text = " ".join(p.message_zh for p in problems)
    for reg in (withdrawn, absent, a, b):
        assert reg.ticket_no in text
    seqs = {p.seq for p in problems}
    assert _seq(db, "registration.withdraw") in seqs and _seq(db, "checkin.mark_absent") in seqs
    _cli_names(db, capsys, withdrawn.ticket_no, a.ticket_no, "row_edited")


def test_a_station_from_the_draw_edited_in_sqlite_is_found(desk: DeskVenue) -> None:
    """Stations drawn for everyone at once after the check-in (``draw_all``, the check-ins
    themselves gave none): the newer draw entry, not the check-ins, says where each sits, so
    nothing is reported; a drawn station moved in SQLite is found, naming the draw entry."""
    db, admin = desk.db, desk.admin
    checkin.set_settings(db, admin, desk.event_id, draw_at_checkin=False)
    tickets = checkin.issue_tickets(db, admin, desk.event_id)
    for t in tickets[:3]:
        assert checkin.scan(db, desk.registrar, desk.event_id, t.token).station_no is None
    drawn = checkin.draw_all(db, admin, desk.event_id).drawn
    assert len(drawn) == 3
    assert audit.verify_records(db) == []
    _sql(db, "UPDATE registration SET station_no = 99 WHERE id = ?", drawn[0].registration_id.hex)
    (problem,) = audit.verify_records(db)
    assert problem.kind == "row_edited" and problem.seq == _seq(db, "checkin.draw_all")
    assert drawn[0].ticket_no in problem.message_zh and "99" in problem.message_en


def test_registrations_the_app_never_changed_are_not_compared(desk: DeskVenue) -> None:
    """The limit of the check, stated as a test: a registration changed by nothing since its
    import (whose entry states no status or station) is not compared, so a status written
    on it in SQLite is not found by this check (the audit chain itself is intact)."""
    reg = desk.regs[0]
    _sql(desk.db, "UPDATE registration SET status = 'disqualified' WHERE id = ?", reg.id.hex)
    assert audit.verify_records(desk.db) == []


def _sheet(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A registration sheet (name, ID number) as a registrar would import it."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位", "所属区县"])
        for name, idn in rows:
            w.writerow([name, idn, "昆明第一机械厂", "五华区"])
    return path


def _person_of(db: Database, reg_id: uuid.UUID) -> uuid.UUID:
    with db.read() as s:
        cid = s.scalar(select(Registration.contestant_id).where(Registration.id == reg_id))
    assert cid is not None
    return cid


def test_a_contestant_renamed_repointed_or_renumbered_in_sqlite_is_found(
    desk: DeskVenue, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the app: eight imported, a walk-in, a name corrected by a second import of
    the same event, and another person renamed by an import of the *other* event (the name
    belongs to the person, so their first registration follows): nothing reported. Then in
    SQLite: a winner's name changed, a registration pointed at another person, a person's ID
    number changed, the walk-in renamed: each named with its ticket and the entry it
    contradicts (no full ID number in any message)."""
    db, admin, ev = desk.db, desk.admin, desk.event_id
    regs = desk.regs
    walkin = registration.add_walkin(
        db,
        admin,
        ev,
        registration.WalkIn(
            name="段雨桐", id_number=make_id_number("530102", date(1990, 5, 6), 777, "F")
        ),
    )
    fixed = regs[1]
    registration.import_file(
        db, admin, ev, _sheet(desk.folder / "更正.csv", [("王更正", fixed.id_number)])
    )
    moved = regs[2]
    registration.import_file(
        db,
        admin,
        desk.other_event_id,
        _sheet(desk.folder / "焊工.csv", [("赵改名", moved.id_number)]),
    )
    names = {r.id: r.name for r in registration.list_registrations(db, admin, ev)}
    assert names[fixed.id] == "王更正" and names[moved.id] == "赵改名"
    assert audit.verify_records(db) == [], [p.message_en for p in audit.verify_records(db)]

    renamed, repointed, renumbered = regs[3], regs[4], regs[5]
    stranger = registration.list_registrations(db, admin, desk.other_event_id)[0]
    _sql(db, "UPDATE contestant SET name = '冒名者' WHERE id = ?", _person_of(db, renamed.id).hex)
    _sql(
        db,
        "UPDATE registration SET contestant_id = ? WHERE id = ?",
        _person_of(db, stranger.id).hex,
        repointed.id.hex,
    )
    other_number = make_id_number("530102", date(1985, 1, 1), 999, "M")
    _sql(
        db,
        "UPDATE contestant SET id_number = ? WHERE id = ?",
        other_number,
        _person_of(db, renumbered.id).hex,
    )
    _sql(db, "UPDATE contestant SET name = '段雨' WHERE id = ?", _person_of(db, walkin.id).hex)
    problems = audit.verify_records(db)
    assert [p.kind for p in problems] == ["row_edited"] * 4, [p.message_en for p in problems]
    by_ticket = {
        t: next(p for p in problems if t in p.message_zh)
        for t in (renamed.ticket_no, repointed.ticket_no, renumbered.ticket_no, walkin.ticket_no)
    }
    assert "冒名者" in by_ticket[renamed.ticket_no].message_zh
    assert by_ticket[renamed.ticket_no].seq == by_ticket[repointed.ticket_no].seq  # the import
    assert stranger.id_masked in by_ticket[repointed.ticket_no].message_zh
    assert repointed.id_masked in by_ticket[repointed.ticket_no].message_zh
    assert mask_id(other_number) in by_ticket[renumbered.ticket_no].message_zh
    assert by_ticket[walkin.ticket_no].seq == _seq(db, "registration.walkin")
    for p in problems:
        for number in (renumbered.id_number, other_number, stranger.id_number):
            assert number not in p.message_zh + p.message_en
    _cli_names(db, capsys, renamed.ticket_no, walkin.ticket_no, "冒名者", "row_edited")


def test_a_lock_undone_in_sqlite_is_found(
    venue: Venue,  # noqa: F811 - the judging tests' fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Criterion A locked, then the whole event locked, through the app: nothing reported.
    Then in SQLite the event unlocked and criterion B unlocked (to change marks after the
    lock): both named with the lock entry. An unlock through the app (PIN, reason) is fine."""
    venue.fill()
    chief = venue.chief
    lock.lock_criterion(venue.db, chief, venue.event_id, "A")
    ranks = {venue.registration(i).id: i for i in range(1, 7)}
    for item in recheck.recheck_sample(venue.db, chief, venue.event_id, ranks).items:
        assert item.station_no is not None
        recheck.record_recheck(venue.db, chief, venue.event_id, item.station_no, False, "无误")
    lock.lock_event(venue.db, chief, venue.event_id)
    assert audit.verify_records(venue.db) == []
    seq = _seq(venue.db, "judging.lock_event")
    _sql(
        venue.db,
        "UPDATE event SET locked_at = NULL, status = 'open' WHERE id = ?",
        venue.event_id.hex,
    )
    _sql(venue.db, "UPDATE criterion SET locked_at = NULL WHERE code = 'B'")
    problems = audit.verify_records(venue.db)
    assert [p.kind for p in problems] == ["row_edited", "row_edited"]
    assert {p.seq for p in problems} == {seq}
    assert any("模块 B" in p.message_zh for p in problems)
    _cli_names(venue.db, capsys, f"seq {seq}", "lock")
    # put it back as it was, then unlock through the app: nothing to report
    _sql(
        venue.db,
        "UPDATE event SET locked_at = '2026-10-20 18:00:00', status = 'locked' WHERE id = ?",
        venue.event_id.hex,
    )
    _sql(venue.db, "UPDATE criterion SET locked_at = '2026-10-20 18:00:00' WHERE code = 'B'")
    assert audit.verify_records(venue.db) == []
    lock.unlock_criterion(venue.db, chief, venue.event_id, "B", "2580", "复核发现 B 模块录入错误")
    assert audit.verify_records(venue.db) == []


def test_certificates_edited_un_revoked_or_inserted_in_sqlite_are_found(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three certificates issued and one revoked through the app: nothing reported about
    certificates. Then in SQLite: the revocation undone (the withdrawn certificate would
    verify as valid again), a 二等奖 certificate's award raised to 一等奖, a certificate moved to
    another contestant, and a certificate row copied under a new number: each named with its
    number and what disagrees (the chain, or the certificate's own signed QR)."""
    from kmjudge import certificates as cert
    from tests.certificates.helpers import scored_event
    from tests.conftest import make_admin

    def about_certificates() -> list[audit.ChainProblem]:
        return [p for p in audit.verify_records(db) if p.message_en.startswith("Certificate")]

    ev = scored_event(db, make_admin(db))
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id, tiers="一等奖,二等奖")
    first, second, third = cert.issue_certificates(db, chief, plan, tmp_path / "c.pdf").certificates
    cert.revoke_certificate(db, chief, third.number, "成绩更正")
    assert cert.verify(db, third.token).status == "revoked"
    assert about_certificates() == []

    _sql(db, "UPDATE certificate SET revoked_at = NULL WHERE number = ?", third.number)
    assert cert.verify(db, third.token).status == "valid"  # what the edit was for
    _sql(db, "UPDATE certificate SET award = '一等奖' WHERE number = ?", second.number)
    _sql(
        db,
        "UPDATE certificate SET registration_id = ? WHERE number = ?",
        ev.stations[4].hex,
        first.number,
    )
    copy = first.number[:-4] + "0099"
    _sql(
        db,
        "INSERT INTO certificate (id, number, registration_id, kind, award, title, token, "
        "issued_at, issued_by) SELECT ?, ?, ?, kind, award, title, token, issued_at, issued_by "
        "FROM certificate WHERE number = ?",
        uuid.uuid4().hex,
        copy,
        ev.stations[5].hex,
        first.number,
    )
    problems = {p.message_en.split()[1].rstrip(":"): p for p in about_certificates()}
    assert sorted(problems) == sorted([first.number, second.number, third.number, copy])
    assert problems[copy].kind == "row_inserted"
    assert "revoked it" in problems[third.number].message_en
    assert problems[third.number].seq == _seq(db, "certificate.revoke")
    assert "award" in problems[second.number].message_en
    assert "奖项" in problems[second.number].message_zh
    assert "holder" in problems[first.number].message_en
    assert problems[first.number].seq == _seq(db, "certificate.print")
    _cli_names(db, capsys, first.number, third.number, copy)
