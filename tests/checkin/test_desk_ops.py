"""The registrar's and administrator's other check-in actions: manual check-in, undo, absent,
withdraw, disqualify, counters and the no-show list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from kmjudge import accounts, audit, checkin
from kmjudge.checkin import VerdictKind as K
from kmjudge.db.models import AuditEntry, CheckIn, Registration
from kmjudge.errors import KmError, PermissionDenied
from tests.checkin.conftest import Venue


def _status(v: Venue, reg_id: object) -> tuple[str, int | None]:
    with v.db.read() as s:
        r = s.get(Registration, reg_id)
        assert r is not None
        return r.status, r.station_no


def test_manual_check_in_needs_a_reason_and_records_the_method(venue: Venue) -> None:
    reg = venue.regs[0]
    with pytest.raises(KmError):
        checkin.manual_checkin(venue.db, venue.registrar, reg.id, " ")
    v = checkin.manual_checkin(venue.db, venue.registrar, reg.id, "忘带准考证，已核对身份证")
    assert v.kind == K.VALID and v.method == "manual" and v.name == reg.name
    assert v.station_no is not None
    again = checkin.manual_checkin(venue.db, venue.registrar, reg.id, "再次核对")
    assert again.kind == K.ALREADY
    with venue.db.read() as s:
        row = s.scalars(select(CheckIn)).one()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "checkin.manual")).one()
    assert row.method == "manual" and entry.after["reason"] == "忘带准考证，已核对身份证"


def test_manual_check_in_respects_the_window_unless_an_admin_overrides(venue: Venue) -> None:
    d = venue.event_detail()
    assert d.checkin_closes_at is not None
    late = d.checkin_closes_at + timedelta(minutes=5)
    reg = venue.regs[1]
    v = checkin.manual_checkin(venue.db, venue.registrar, reg.id, "迟到", now=late)
    assert v.kind == K.CLOSED
    with pytest.raises(PermissionDenied):
        checkin.manual_checkin(
            venue.db, venue.registrar, reg.id, "迟到", now=late, ignore_window=True
        )
    v = checkin.manual_checkin(
        venue.db, venue.admin, reg.id, "交通管制迟到，组委会同意", now=late, ignore_window=True
    )
    assert v.kind == K.VALID


def test_undo_check_in_needs_an_admin_and_a_reason(venue: Venue) -> None:
    """A registrar may not undo; an admin must give a reason; afterwards the contestant is
    registered again, the station is free, and a new scan checks them in again."""
    t = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)[0]
    first = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    with pytest.raises(PermissionDenied):
        checkin.undo_checkin(venue.db, venue.registrar, t.registration_id, "扫错人")
    with pytest.raises(KmError):
        checkin.undo_checkin(venue.db, venue.admin, t.registration_id, "")
    assert _status(venue, t.registration_id) == ("checked_in", first.station_no)
    checkin.undo_checkin(venue.db, venue.admin, t.registration_id, "扫错人")
    assert _status(venue, t.registration_id) == ("registered", None)
    with venue.db.read() as s:
        row = s.scalars(select(CheckIn)).one()
    assert row.undone_at is not None and row.undo_reason == "扫错人"
    with pytest.raises(KmError):
        checkin.undo_checkin(venue.db, venue.admin, t.registration_id, "再撤一次")
    again = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    assert again.kind == K.VALID and again.first_checkin_at != first.first_checkin_at


def test_mark_absent_only_after_the_cut_off_and_only_the_missing(venue: Venue) -> None:
    d = venue.event_detail()
    assert d.checkin_closes_at is not None
    ts = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)
    for t in ts[:5]:
        checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    with pytest.raises(KmError) as err:
        checkin.mark_absent(venue.db, venue.registrar, venue.event_id)
    assert err.value.code == "not_closed"
    after = d.checkin_closes_at + timedelta(seconds=1)
    result = checkin.mark_absent(venue.db, venue.registrar, venue.event_id, now=after)
    assert result.count == len(ts) - 5
    assert sorted(result.ticket_nos) == sorted(t.ticket_no for t in ts[5:])
    c = checkin.counters(venue.db, venue.event_id)
    assert (c.registered, c.checked_in, c.absent, c.waiting) == (len(ts), 5, len(ts) - 5, 0)
    assert c.with_station == 5 and c.scans == 5 and c.rejected_scans == 0
    assert checkin.mark_absent(venue.db, venue.registrar, venue.event_id, now=after).count == 0


def test_withdraw_and_disqualify_need_reasons_and_the_right_role(venue: Venue) -> None:
    a, b = venue.regs[0], venue.regs[1]
    with pytest.raises(KmError):
        checkin.withdraw(venue.db, venue.registrar, a.id, "")
    checkin.withdraw(venue.db, venue.registrar, a.id, "身体不适")
    assert _status(venue, a.id)[0] == "withdrawn"
    with pytest.raises(PermissionDenied):
        checkin.disqualify(venue.db, venue.registrar, b.id, "违规")
    accounts.create_user(venue.db, venue.admin, "chief1", "裁判长", ["chief"], "2580")
    chief = accounts.login(venue.db, "chief1", "2580")
    checkin.disqualify(venue.db, chief, b.id, "冒名顶替")
    assert _status(venue, b.id)[0] == "disqualified"
    with pytest.raises(PermissionDenied):
        checkin.reinstate(venue.db, venue.registrar, a.id, "误操作")
    checkin.reinstate(venue.db, venue.admin, a.id, "误操作")
    assert _status(venue, a.id)[0] == "registered"
    c = checkin.counters(venue.db, venue.event_id)
    assert (c.withdrawn, c.disqualified, c.expected) == (0, 1, len(venue.regs) - 1)


def test_noshow_xlsx_lists_absent_withdrawn_and_disqualified_with_masked_ids(
    venue: Venue, tmp_path: Path
) -> None:
    """Read back with openpyxl: the right people and statuses, IDs masked, nobody who came."""
    d = venue.event_detail()
    assert d.checkin_closes_at is not None
    ts = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)
    came = {t.registration_id for t in ts[:4]}
    for t in ts[:4]:
        checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    checkin.withdraw(venue.db, venue.registrar, ts[4].registration_id, "本人申请")
    checkin.disqualify(venue.db, venue.admin, ts[5].registration_id, "代考")
    checkin.mark_absent(
        venue.db, venue.registrar, venue.event_id, now=d.checkin_closes_at + timedelta(minutes=1)
    )
    out = tmp_path / "noshow.xlsx"
    assert checkin.export_noshow_xlsx(venue.db, venue.registrar, venue.event_id, out) == 4
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "准考证号", "姓名", "性别", "身份证号")
    by_ticket = {r[1]: r for r in rows[1:]}
    regs = {r.id: r for r in venue.regs}
    assert by_ticket[ts[4].ticket_no][7] == "退赛" and by_ticket[ts[4].ticket_no][8] == "本人申请"
    assert by_ticket[ts[5].ticket_no][7] == "取消资格"
    assert {by_ticket[t.ticket_no][7] for t in ts[6:]} == {"缺考"}
    for t in ts[4:]:
        reg = regs[t.registration_id]
        assert by_ticket[t.ticket_no][2] == reg.name
        assert by_ticket[t.ticket_no][4] == reg.id_masked != reg.id_number
    assert not ({regs[c].ticket_no for c in came} & set(by_ticket))
    flat = " ".join(str(c) for r in rows for c in r)
    assert not any(r.id_number in flat for r in venue.regs)
    assert not list(tmp_path.glob(".noshow.xlsx.*"))


def test_every_desk_action_is_in_a_verifying_audit_chain(venue: Venue) -> None:
    t = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)
    checkin.scan(venue.db, venue.registrar, venue.event_id, t[0].token)
    checkin.manual_checkin(venue.db, venue.registrar, t[1].registration_id, "无证")
    checkin.undo_checkin(venue.db, venue.admin, t[1].registration_id, "误录")
    checkin.withdraw(venue.db, venue.registrar, t[2].registration_id, "退赛")
    checkin.reissue_ticket(venue.db, venue.admin, t[3].registration_id, "遗失")
    with venue.db.read() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {
        "ticket.issue",
        "checkin.scan",
        "checkin.manual",
        "checkin.undo",
        "registration.withdraw",
        "ticket.reissue",
    } <= actions
    assert audit.verify(venue.db).ok
