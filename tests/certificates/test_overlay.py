"""Overlay printing on pre-printed stock: only the fields, moved by the printer's offsets
(measured in the PDF); the calibration page."""

from __future__ import annotations

from pathlib import Path

import pytest

from kmjudge import certificates as cert
from kmjudge.accounts import Actor
from kmjudge.certificates.layout import MM
from kmjudge.db.engine import Database
from tests.certificates.helpers import NAMES, pdf_text, scored_event, words


def _pos(path: Path, text: str) -> tuple[float, float]:
    hits = [(x0, y0) for w, x0, y0, _x1, _y1 in words(path) if text in w]
    assert hits, f"{text!r} not found"
    return hits[0]


@pytest.fixture
def chief_and_plan(db: Database, admin: Actor) -> tuple[Actor, cert.CertificatePlan]:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    return chief, cert.plan_batch(db, chief, ev.event_id, tiers="一等奖")


def test_offsets_move_the_fields_by_the_configured_millimetres(
    db: Database, chief_and_plan: tuple[Actor, cert.CertificatePlan], tmp_path: Path
) -> None:
    chief, plan = chief_and_plan
    cert.save_printer_offsets(db, chief, "HP LaserJet 1020", 3.0, -2.0)
    assert cert.printer_offsets(db, "HP LaserJet 1020") == (3.0, -2.0)
    assert cert.printer_offsets(db, "another printer") == (0.0, 0.0)
    base = cert.preview_pdf(
        "landscape", cert.SampleFields(name="张晓明"), overlay=True, show_stock=False
    )
    moved = cert.preview_pdf(
        "landscape",
        cert.SampleFields(name="张晓明"),
        overlay=True,
        offsets=(3.0, -2.0),
        show_stock=False,
    )
    (tmp_path / "a.pdf").write_bytes(base)
    (tmp_path / "b.pdf").write_bytes(moved)
    for text in ("张晓明", "一等奖", "特发此证"):
        (x0, y0), (x1, y1) = _pos(tmp_path / "a.pdf", text), _pos(tmp_path / "b.pdf", text)
        assert x1 - x0 == pytest.approx(3.0 * MM, abs=0.05), text
        assert y1 - y0 == pytest.approx(-2.0 * MM, abs=0.05), text  # -2 mm = up

    # the real batch with the saved offsets of that printer, against one without offsets
    out = cert.issue_certificates(
        db, chief, plan, tmp_path / "o.pdf", overlay=True, printer="HP LaserJet 1020"
    )
    ref = cert.preview_pdf(
        "landscape", cert.SampleFields(name=NAMES[0]), overlay=True, show_stock=False
    )
    (tmp_path / "ref.pdf").write_bytes(ref)
    (xo, yo), (xr, yr) = _pos(out.path, NAMES[0]), _pos(tmp_path / "ref.pdf", NAMES[0])
    assert (xo - xr, yo - yr) == (pytest.approx(3 * MM, abs=0.05), pytest.approx(-2 * MM, abs=0.05))


def test_overlay_prints_the_fields_only(
    db: Database, chief_and_plan: tuple[Actor, cert.CertificatePlan], tmp_path: Path
) -> None:
    chief, plan = chief_and_plan
    full = pdf_text(cert.preview_pdf("landscape"))[0]
    over = pdf_text(cert.preview_pdf("landscape", overlay=True, show_stock=False))[0]
    assert "荣誉证书" in full.replace("荣誉证书", "荣誉证书") and "荣誉证书" not in over.replace(
        " ", ""
    )
    assert "张晓明" in over and "一等奖" in over
    # the stock layout's preview shows the stock as a guide, but the printed batch does not
    assert "荣誉证书" in pdf_text(cert.preview_pdf("stock-landscape"))[0]
    out = cert.issue_certificates(db, chief, plan, tmp_path / "s.pdf")  # layout: landscape
    assert "荣誉证书" in pdf_text(out.path)[0]
    stock_plan = cert.plan_batch(
        db, chief, plan.event_id, tiers="一等奖", layout="stock-landscape", reprint_issued=True
    )
    out = cert.issue_certificates(db, chief, stock_plan, tmp_path / "t.pdf", reason="套打重印")
    (page,) = pdf_text(out.path)
    assert NAMES[0] in page and "荣誉证书" not in page and "昆明市总工会" not in page


def test_offsets_are_validated(
    db: Database, chief_and_plan: tuple[Actor, cert.CertificatePlan]
) -> None:
    chief, _ = chief_and_plan
    with pytest.raises(cert.CertificateError):
        cert.save_printer_offsets(db, chief, "P", 31, 0)
    with pytest.raises(cert.CertificateError):
        cert.save_printer_offsets(db, chief, "P", float("nan"), 0)
    with pytest.raises(cert.CertificateError):
        cert.save_printer_offsets(db, chief, "  ", 1, 1)
    assert cert.get_settings(db).offsets == {}


def test_the_calibration_page_places_its_crosses_and_applies_the_offsets(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    cert.calibration_pdf(a)
    b.write_bytes(cert.calibration_pdf(offsets=(1.5, 2.5), printer="Canon"))
    assert a.exists() and "校准" in pdf_text(a)[0]
    (xa, ya), (xb, yb) = _pos(a, "(30,"), _pos(b, "(30,")
    assert (xb - xa, yb - ya) == (
        pytest.approx(1.5 * MM, abs=0.05),
        pytest.approx(2.5 * MM, abs=0.05),
    )
    assert "Canon" in pdf_text(b)[0]
