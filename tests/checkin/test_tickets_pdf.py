"""Tickets printed, rasterised at 150 dpi, their QR codes decoded by a real decoder and scanned:
the whole loop a venue depends on, plus what the PDF may and may not contain."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, update

from kmjudge import checkin
from kmjudge.checkin import VerdictKind as K
from kmjudge.db.models import Contestant, PrintLog, Registration
from tests.checkin.conftest import Venue, add_contestants
from tests.checkin.pdftools import all_fonts, decode_qr, forms_per_page, images_on, text_of


@pytest.fixture
def big_venue(sqlite_venue: Venue) -> Venue:
    """14 contestants: three 6-up pages, the last one partly filled."""
    v = sqlite_venue
    v.regs = add_contestants(v.db, v.admin, v.event_id, 6, v.folder, offset=100)
    assert len(v.regs) == 14
    return v


@pytest.mark.parametrize("per_page", [6, 4, 1])
def test_printed_tickets_decode_and_check_in_then_say_already(
    big_venue: Venue, tmp_path: Path, per_page: int
) -> None:
    """Print -> pdftoppm at 150 dpi -> zxing-cpp finds every QR (at least 25 mm wide) ->
    scanning each checks the contestant in; a second pass says 'already' with the same
    stations, and the stations are 1..N."""
    v = big_venue
    pdf = tmp_path / f"tickets-{per_page}.pdf"
    result = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, pdf, per_page=per_page)
    assert result.tickets == 14 and result.pages == -(-14 // per_page)
    found = decode_qr(pdf, tmp_path)
    assert len(found) == 14
    assert len({f.text for f in found}) == 14
    assert all(f.width_mm >= 25 for f in found), [round(f.width_mm, 1) for f in found]
    first = [checkin.scan(v.db, v.registrar, v.event_id, f.text) for f in found]
    assert [x.kind for x in first] == [K.VALID] * 14
    assert {x.ticket_no for x in first} == {r.ticket_no for r in v.regs}
    assert sorted(x.station_no or 0 for x in first) == list(range(1, 15))
    second = [checkin.scan(v.db, v.registrar, v.event_id, f.text) for f in found]
    assert [x.kind for x in second] == [K.ALREADY] * 14
    assert [x.station_no for x in second] == [x.station_no for x in first]


def test_pdf_text_has_names_and_masked_ids_but_never_a_full_id(
    big_venue: Venue, tmp_path: Path
) -> None:
    v = big_venue
    pdf = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "t.pdf").path
    text = text_of(pdf)
    for r in v.regs:
        assert r.name in text and r.ticket_no in text
        assert r.id_masked in text
        assert r.id_number not in text
    assert not re.search(r"\d{17}[\dX]", text)
    assert "准" in text and "考生须知" in text and "电工" in text


def test_fonts_are_embedded_truetype(big_venue: Venue, tmp_path: Path) -> None:
    """Every font the PDF uses (on pages and in form XObjects) is an embedded TrueType subset
    of the bundled font: it prints the same on a laptop with no Chinese fonts."""
    v = big_venue
    pdf = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "t.pdf").path
    fonts = all_fonts(pdf)
    assert fonts
    for f in fonts:
        assert f["/Subtype"] == "/TrueType", f
        descriptor = f["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
        assert "WenQuanYi" in f["/BaseFont"]


def test_what_repeats_is_drawn_once_as_form_xobjects(big_venue: Venue, tmp_path: Path) -> None:
    """Every page uses the same two form XObjects (page furniture and the ticket template)."""
    v = big_venue
    pdf = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "t.pdf").path
    forms = forms_per_page(pdf)
    assert len(forms) == 3
    assert all(f == forms[0] for f in forms) and len(forms[0]) == 2


def test_progress_reports_every_ticket(big_venue: Venue, tmp_path: Path) -> None:
    v = big_venue
    seen: list[tuple[int, int]] = []
    checkin.write_tickets_pdf(
        v.db, v.admin, v.event_id, tmp_path / "t.pdf", progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(i, 14) for i in range(1, 15)]


@pytest.mark.parametrize("how", ["event", "callable"])
def test_cancel_leaves_no_file(big_venue: Venue, tmp_path: Path, how: str) -> None:
    """Cancelled after 5 tickets: Cancelled is raised, and neither the target nor a temporary
    file is left; an existing file of that name is left untouched."""
    v = big_venue
    out = tmp_path / "out" / "tickets.pdf"
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 5:
            stop.set()

    cancel = stop if how == "event" else stop.is_set
    with pytest.raises(checkin.Cancelled):
        checkin.write_tickets_pdf(v.db, v.admin, v.event_id, out, progress=progress, cancel=cancel)
    assert list(out.parent.iterdir()) == []
    out.write_bytes(b"previous run")
    stop.clear()
    with pytest.raises(checkin.Cancelled):
        checkin.write_tickets_pdf(v.db, v.admin, v.event_id, out, progress=progress, cancel=cancel)
    assert out.read_bytes() == b"previous run" and list(out.parent.iterdir()) == [out]
    with v.db.read() as s:
        assert s.scalars(select(PrintLog)).all() == []


def test_reprint_issues_a_new_serial_and_the_old_qr_is_revoked(
    sqlite_venue: Venue, tmp_path: Path
) -> None:
    v = sqlite_venue
    batch = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "all.pdf").path
    old = {f.text for f in decode_qr(batch, tmp_path)}
    reg = v.regs[2]
    one = checkin.reprint_ticket_pdf(v.db, v.admin, reg.id, tmp_path / "one.pdf", "原证污损")
    assert one.tickets == 1 and one.pages == 1
    (new,) = decode_qr(one.path, tmp_path)
    assert new.text not in old
    assert "补发" in text_of(one.path) and reg.name in text_of(one.path)
    verdicts = {checkin.scan(v.db, v.registrar, v.event_id, t).kind for t in old}
    assert verdicts == {K.VALID, K.REVOKED}
    assert checkin.scan(v.db, v.registrar, v.event_id, new.text).kind == K.VALID
    with v.db.read() as s:
        logs = s.scalars(select(PrintLog).order_by(PrintLog.printed_at)).all()
    assert [(p.count, p.reprint) for p in logs] == [(8, False), (1, True)]


def test_printing_again_keeps_the_same_tokens(sqlite_venue: Venue, tmp_path: Path) -> None:
    """A second print run does not revoke the tickets already handed out."""
    v = sqlite_venue
    a = checkin.issue_tickets(v.db, v.admin, v.event_id)
    checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "again.pdf")
    b = checkin.issue_tickets(v.db, v.admin, v.event_id)
    assert [t.token for t in a] == [t.token for t in b]


def test_photo_is_printed_and_withdrawn_contestants_are_not(
    sqlite_venue: Venue, tmp_path: Path
) -> None:
    v = sqlite_venue
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 120, 40)).save(buf, format="JPEG")
    with v.db.write() as s:
        cid = s.scalar(select(Registration.contestant_id).where(Registration.id == v.regs[0].id))
        s.execute(update(Contestant).where(Contestant.id == cid).values(photo=buf.getvalue()))
    checkin.withdraw(v.db, v.registrar, v.regs[1].id, "退赛")
    result = checkin.write_tickets_pdf(v.db, v.admin, v.event_id, tmp_path / "p.pdf", per_page=1)
    assert result.tickets == len(v.regs) - 1
    assert images_on(result.path) == 1
    text = text_of(result.path)
    assert v.regs[0].name in text and v.regs[1].ticket_no not in text
    t = checkin.issue_tickets(v.db, v.admin, v.event_id, [v.regs[0].id])[0]
    verdict = checkin.scan(v.db, v.registrar, v.event_id, t.token)
    assert verdict.photo == buf.getvalue()


def test_only_ticket_printers_may_print(sqlite_venue: Venue, tmp_path: Path) -> None:
    from kmjudge import accounts
    from kmjudge.errors import PermissionDenied

    v = sqlite_venue
    accounts.create_user(v.db, v.admin, "clerk9", "录分", ["clerk"], "2580")
    clerk = accounts.login(v.db, "clerk9", "2580")
    with pytest.raises(PermissionDenied):
        checkin.write_tickets_pdf(v.db, clerk, v.event_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
