"""Scanning at the check-in desk: every verdict, what it may show, and that every scan is kept."""

from __future__ import annotations

import threading
import uuid
from dataclasses import fields
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kmjudge import accounts, audit, checkin, events
from kmjudge.checkin import VerdictKind as K
from kmjudge.checkin import token as tk
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import CheckIn, Device, Registration, Scan, Ticket
from kmjudge.errors import PermissionDenied
from tests.checkin.conftest import Venue
from tests.conftest import other_device

PERSONAL = ("registration_id", "name", "station_no", "ticket_no", "id_last4", "photo")


def tickets(v: Venue, event_id: uuid.UUID | None = None) -> list[checkin.IssuedTicket]:
    return checkin.issue_tickets(v.db, v.admin, event_id or v.event_id)


def scans(db: Database) -> list[Scan]:
    with db.read() as s:
        return list(s.scalars(select(Scan).order_by(Scan.scanned_at)))


def assert_no_personal_data(verdict: checkin.Verdict, v: Venue) -> None:
    for f in PERSONAL:
        assert getattr(verdict, f) in (None, ""), f
    assert verdict.first_checkin_at is None
    for r in v.regs:
        assert r.name not in verdict.message_zh + verdict.message_en
        assert r.ticket_no not in verdict.message_zh + verdict.message_en


def test_first_scan_checks_in_and_a_repeat_says_already_with_time_and_station(
    venue: Venue,
) -> None:
    """valid: name, trade, station, ticket, last 4 ID characters, time; the second scan of the
    same ticket is 'already' (not an error) with the same first time and station."""
    t = tickets(venue)[0]
    reg = next(r for r in venue.regs if r.id == t.registration_id)
    first = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    assert first.kind == K.VALID and first.ok
    assert first.name == reg.name and first.ticket_no == reg.ticket_no
    assert first.id_last4 == reg.id_number[-4:] and first.trade == "电工"
    assert first.station_no is not None and 1 <= first.station_no <= len(venue.regs)
    assert first.first_checkin_at is not None and first.first_checkin_at.tzinfo is not None
    assert f"工位 {first.station_no}" in first.message_zh
    again = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    assert again.kind == K.ALREADY and again.ok
    assert again.station_no == first.station_no
    assert again.first_checkin_at == first.first_checkin_at
    assert again.name == reg.name
    with venue.db.read() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn)) == 1
        r = s.get(Registration, t.registration_id)
        assert r is not None and r.status == "checked_in" and r.station_no == first.station_no


def test_every_scan_is_stored_rejected_ones_included(venue: Venue) -> None:
    """One Scan row per scan, with the raw text, verdict, device and user."""
    t = tickets(venue)[0]
    sig_changed = t.token[:-10] + ("A" if t.token[-10] != "A" else "B") + t.token[-9:]
    texts = [t.token, t.token, "hello", "", sig_changed, "\x00bad\x00"]
    verdicts = [checkin.scan(venue.db, venue.registrar, venue.event_id, x) for x in texts]
    rows = scans(venue.db)
    assert [r.verdict for r in rows] == [v.kind.value for v in verdicts]
    expected = [K.VALID, K.ALREADY, K.MALFORMED, K.MALFORMED, K.FORGED, K.MALFORMED]
    assert [v.kind for v in verdicts] == expected
    assert rows[2].raw == "hello" and rows[5].raw == "\\x00bad\\x00"
    assert {r.device_id for r in rows} == {venue.db.device.id}
    assert {r.user_id for r in rows} == {venue.registrar.user_id}
    assert rows[0].registration_id == t.registration_id and rows[2].registration_id is None
    assert {v.scan_id for v in verdicts} == {r.id for r in rows}


def test_lower_case_and_wrapped_input_is_accepted(venue: Venue) -> None:
    """Caps Lock, a trailing Enter, tabs and scanner control characters still check in."""
    ts = tickets(venue)
    assert checkin.scan(venue.db, venue.registrar, venue.event_id, ts[0].token.lower()).ok
    wrapped = "\x02\t " + ts[1].token + " \r\n"
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, wrapped)
    assert v.kind == K.VALID
    assert scans(venue.db)[-1].raw == wrapped  # the log keeps what was really typed


def test_one_changed_character_is_forged_or_malformed_never_valid(venue: Venue) -> None:
    """Each body position changed in turn: forged (signature fails) or malformed (no longer
    decodes), never a check-in - and never any personal data."""
    t = tickets(venue)[0].token
    kinds = set()
    for pos in range(4, len(t), 5):
        repl = "B" if t[pos] != "B" else "C"
        v = checkin.scan(venue.db, venue.registrar, venue.event_id, t[:pos] + repl + t[pos + 1 :])
        assert v.kind in (K.FORGED, K.MALFORMED), pos
        assert_no_personal_data(v, venue)
        kinds.add(v.kind)
    assert K.FORGED in kinds
    with venue.db.read() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn)) == 0


def test_ticket_of_another_event_is_wrong_event(venue: Venue) -> None:
    """A genuine 焊工 ticket scanned at the 电工 desk: wrong_event naming the other event,
    no check-in and no personal data."""
    welder = tickets(venue, venue.other_event_id)[0]
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, welder.token)
    assert v.kind == K.WRONG_EVENT and not v.ok
    assert "焊工" in v.message_zh
    assert_no_personal_data(v, venue)


def test_ticket_signed_by_an_unknown_device_is_forged(venue: Venue, tmp_path: Path) -> None:
    """Right event, right registration, but signed by a key this database does not know."""
    t = tickets(venue)[0]
    stranger = other_device(tmp_path, "stranger")
    claims = tk.decode(t.token)
    assert claims is not None
    fake = tk.encode(claims.claims, stranger.sign)
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, fake)
    assert v.kind == K.FORGED
    assert_no_personal_data(v, venue)


def test_known_device_ticket_for_an_event_not_here_is_wrong_event(
    venue: Venue, tmp_path: Path
) -> None:
    """A ticket genuinely signed by a registered device for an event this database does not
    hold (another venue's) is wrong_event, not forged; an unregistered signer is forged."""
    other = other_device(tmp_path, "venue2")
    claims = tk.TicketClaims(
        tk.event_prefix(uuid.uuid4()), uuid.uuid4(), 1, date.today(), date.today()
    )
    token = tk.encode(claims, other.sign)
    assert checkin.scan(venue.db, venue.registrar, venue.event_id, token).kind == K.FORGED
    with venue.db.write() as s:
        s.add(Device(id=other.id, name="venue2", public_key=other.public_key_bytes))
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, token)
    assert v.kind == K.WRONG_EVENT
    assert_no_personal_data(v, venue)


def test_validly_signed_unknown_registration_is_unknown_without_personal_data(
    venue: Venue,
) -> None:
    claims = tk.TicketClaims(
        tk.event_prefix(venue.event_id),
        uuid.uuid4(),
        1,
        date.today() - timedelta(days=1),
        date.today() + timedelta(days=5),
    )
    v = checkin.scan(
        venue.db, venue.registrar, venue.event_id, tk.encode(claims, venue.db.device.sign)
    )
    assert v.kind == K.UNKNOWN
    assert_no_personal_data(v, venue)


def test_reissued_ticket_revokes_the_old_one(venue: Venue) -> None:
    """After 补发 the old serial is revoked (stored and at the desk); the new one checks in."""
    old = tickets(venue)[0]
    new = checkin.reissue_ticket(venue.db, venue.admin, old.registration_id, "原证遗失")
    assert new.serial == old.serial + 1 and new.token != old.token
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, old.token)
    assert v.kind == K.REVOKED and not v.ok
    assert_no_personal_data(v, venue)
    assert checkin.scan(venue.db, venue.registrar, venue.event_id, new.token).kind == K.VALID
    assert checkin.scan(venue.db, venue.registrar, venue.event_id, old.token).kind == K.REVOKED
    with venue.db.read() as s:
        rows = {
            t.serial: t
            for t in s.scalars(select(Ticket).where(Ticket.registration_id == old.registration_id))
        }
    assert rows[old.serial].revoked_at is not None and "原证遗失" in rows[old.serial].revoked_reason
    assert rows[new.serial].revoked_at is None


def test_withdrawn_and_disqualified_contestants_are_refused(venue: Venue) -> None:
    ts = tickets(venue)
    checkin.withdraw(venue.db, venue.registrar, ts[0].registration_id, "本人申请退赛")
    checkin.disqualify(venue.db, venue.admin, ts[1].registration_id, "冒名顶替")
    v0 = checkin.scan(venue.db, venue.registrar, venue.event_id, ts[0].token)
    v1 = checkin.scan(venue.db, venue.registrar, venue.event_id, ts[1].token)
    assert (v0.kind, v1.kind) == (K.WITHDRAWN, K.DISQUALIFIED)
    assert_no_personal_data(v0, venue)
    with venue.db.read() as s:
        revoked = s.scalars(
            select(Ticket.revoked_reason).where(
                Ticket.registration_id.in_([ts[0].registration_id, ts[1].registration_id])
            )
        ).all()
    assert sorted(revoked) == ["disqualified", "withdrawn"]


def test_check_in_window_not_open_and_closed(venue: Venue) -> None:
    """Before checkin_opens_at: not_open; after checkin_closes_at: closed; neither checks in.
    Someone checked in before the close still gets 'already' after it."""
    d = venue.event_detail()
    assert d.checkin_opens_at is not None and d.checkin_closes_at is not None
    ts = tickets(venue)
    early = d.checkin_opens_at - timedelta(minutes=1)
    late = d.checkin_closes_at + timedelta(minutes=1)
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, ts[0].token, now=early)
    assert v.kind == K.NOT_OPEN and f"{d.checkin_opens_at:%H:%M}" in v.message_zh
    assert_no_personal_data(v, venue)
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, ts[0].token, now=late)
    assert v.kind == K.CLOSED
    assert_no_personal_data(v, venue)
    on_time = d.checkin_opens_at
    assert (
        checkin.scan(venue.db, venue.registrar, venue.event_id, ts[1].token, now=on_time).kind
        == K.VALID
    )
    assert (
        checkin.scan(venue.db, venue.registrar, venue.event_id, ts[1].token, now=late).kind
        == K.ALREADY
    )
    assert checkin.counters(venue.db, venue.event_id).checked_in == 1


def test_ticket_outside_its_validity_is_expired(venue: Venue) -> None:
    t = tickets(venue)[0]
    parsed = tk.decode(t.token)
    assert parsed is not None
    after = datetime.combine(parsed.claims.valid_until + timedelta(days=1), datetime.min.time())
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token, now=after)
    assert v.kind == K.EXPIRED


def test_only_check_in_roles_may_scan_and_a_refusal_stores_nothing(venue: Venue) -> None:
    accounts.create_user(venue.db, venue.admin, "j1", "裁判", ["judge"], "2580")
    judge = accounts.login(venue.db, "j1", "2580")
    t = tickets(venue)[0]
    with pytest.raises(PermissionDenied):
        checkin.scan(venue.db, judge, venue.event_id, t.token)
    assert scans(venue.db) == []


def test_verdicts_without_a_check_in_never_carry_personal_data() -> None:
    """The Verdict type itself: personal fields default to empty."""
    v = checkin.Verdict(K.FORGED, "x", "y", uuid.uuid4())
    assert {f.name for f in fields(v)} >= set(PERSONAL)
    for f in PERSONAL:
        assert getattr(v, f) in (None, "")


def test_another_laptop_verifies_offline_with_the_issuers_public_key(
    sqlite_venue: Venue, tmp_path: Path
) -> None:
    """A second installation (its own device key) on the same database checks tickets in,
    verifying them with the issuer's public key from the device table; it cannot issue."""
    v = sqlite_venue
    ts = tickets(v)
    assert v.db.path is not None
    laptop2 = open_database(v.db.path, device=other_device(tmp_path, "desk2"))
    try:
        registrar = accounts.login(laptop2, "reg1", "2580")
        verdict = checkin.scan(laptop2, registrar, v.event_id, ts[0].token)
        assert verdict.kind == K.VALID
        with laptop2.read() as s:
            row = s.scalar(select(CheckIn))
            assert row is not None and row.device_id == laptop2.device.id
        with pytest.raises(checkin.service.KmError) as err:
            checkin.reissue_ticket(
                laptop2, accounts.login(laptop2, "admin", "2580"), ts[1].registration_id, "test"
            )
        assert err.value.code == "not_issuer"
    finally:
        laptop2.dispose()
    assert audit.verify(v.db).ok


def test_parallel_desks_never_double_check_in_or_share_a_station(
    sqlite_venue: Venue,
) -> None:
    """Four threads (each its own session, like four desks) scan every ticket at once:
    each contestant is checked in exactly once, and all stations differ."""
    v = sqlite_venue
    ts = tickets(v)
    results: list[checkin.Verdict] = []
    lock = threading.Lock()

    def desk(order: list[checkin.IssuedTicket]) -> None:
        for t in order:
            verdict = checkin.scan(v.db, v.registrar, v.event_id, t.token)
            with lock:
                results.append(verdict)

    threads = [threading.Thread(target=desk, args=(ts[i:] + ts[:i],)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    valid = [r for r in results if r.kind == K.VALID]
    assert len(valid) == len(ts)
    assert sum(r.kind == K.ALREADY for r in results) == 3 * len(ts)
    stations = [r.station_no for r in valid]
    assert len(set(stations)) == len(ts)
    with v.db.read() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn)) == len(ts)
        assert s.scalar(select(func.count()).select_from(Scan)) == 4 * len(ts)


def test_event_settings_can_turn_off_the_draw_at_check_in(venue: Venue) -> None:
    checkin.set_settings(venue.db, venue.admin, venue.event_id, draw_at_checkin=False)
    v = checkin.scan(venue.db, venue.registrar, venue.event_id, tickets(venue)[0].token)
    assert v.kind == K.VALID and v.station_no is None
    assert events.get_event(venue.db, venue.admin, venue.event_id).counts["checked_in"] == 1
