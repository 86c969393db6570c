"""Issuing and printing certificates: the rules, one PDF for the batch, numbers, the print log,
reprints (补发), cancellation and conflicts — on a real SQLite file, PDFs read back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kmjudge import certificates as cert
from kmjudge.accounts import Actor
from kmjudge.checkin.common import Cancelled
from kmjudge.db.engine import Database
from kmjudge.db.models import AuditEntry, Certificate, PrintLog
from kmjudge.errors import ConflictError, KmError, PermissionDenied
from tests.certificates.helpers import NAMES, pdf_text, scored_event
from tests.conftest import make_admin


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_certificates_are_refused_before_the_lock(db: Database, admin: Actor) -> None:
    ev = scored_event(db, admin, lock=False)
    with pytest.raises(cert.CertificateError) as err:
        cert.plan_batch(db, ev.login("chief"), ev.event_id)
    assert err.value.code == "not_locked"
    assert "锁定" in err.value.message_zh


def test_only_holders_of_the_print_permission_may_plan(db: Database, admin: Actor) -> None:
    ev = scored_event(db, admin)
    with pytest.raises(PermissionDenied):
        cert.plan_batch(db, ev.login("judge1"), ev.event_id)


def test_plan_lists_winners_by_tier_in_rank_order_and_writes_nothing(
    db: Database, admin: Actor
) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    audit_before = _count(db, AuditEntry)
    plan = cert.plan_batch(db, chief, ev.event_id)
    assert plan.by_tier == {"first": 1, "second": 2, "third": 3}
    assert [e.name for e in plan.entries] == NAMES[:6]
    assert [e.award for e in plan.entries] == [
        "一等奖",
        "二等奖",
        "二等奖",
        "三等奖",
        "三等奖",
        "三等奖",
    ]
    assert plan.entries[0].title == "技术状元"  # first place of a city-level event
    assert all(e.action == "new" for e in plan.entries)
    assert _count(db, Certificate) == 0 and _count(db, AuditEntry) == audit_before


def test_a_winner_who_never_checked_in_gets_no_certificate_and_a_notice(
    db: Database, admin: Actor
) -> None:
    ev = scored_event(db, admin, statuses={2: "registered"})
    plan = cert.plan_batch(db, ev.login("chief"), ev.event_id)
    assert NAMES[1] not in [e.name for e in plan.entries]
    (notice,) = [n for n in plan.notices if n.code == "not_checked_in"]
    assert notice.name == NAMES[1] and not notice.blocking


def test_tiers_and_participation_select_who_is_printed(db: Database, admin: Actor) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id, tiers="一等奖,second")
    assert [e.award for e in plan.entries] == ["一等奖", "二等奖", "二等奖"]
    plan = cert.plan_batch(db, chief, ev.event_id, tiers=[], participation=True)
    assert [e.name for e in plan.entries] == NAMES[6:]  # checked in, no award
    assert {e.award for e in plan.entries} == {"参赛证书"}
    with pytest.raises(cert.CertificateError):
        cert.plan_batch(db, chief, ev.event_id, tiers="特等奖")


def test_one_pdf_for_the_batch_carries_every_name_award_and_number(
    any_db: Database, tmp_path: Path
) -> None:
    """On SQLite and (with KMJUDGE_TEST_PG_URL) PostgreSQL."""
    db = any_db
    ev = scored_event(db, make_admin(db))
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id, participation=True)
    seen: list[tuple[int, int]] = []
    out = cert.issue_certificates(
        db, chief, plan, tmp_path / "certs.pdf", progress=lambda d, t: seen.append((d, t))
    )
    assert out.pages == 10 and out.new == 10 and seen[-1] == (10, 10)
    pages = pdf_text(out.path)
    assert len(pages) == 10
    for page, issued in zip(pages, out.certificates, strict=True):
        assert issued.name in page
        assert issued.number in page
        assert (issued.award in page) if issued.kind == "award" else ("参赛证书" in page)
    assert "荣誉证书" in pages[0] and "技术状元" in pages[0]
    numbers = [c.number for c in out.certificates]
    code = numbers[0].split("-")[1]
    assert numbers[:6] == [f"KM2026-{code}-{i:04d}" for i in range(1, 7)]
    assert numbers[6:] == [f"KM2026-{code}-C{i:04d}" for i in range(1, 5)]
    with db.read() as s:
        rows = s.scalars(select(Certificate).order_by(Certificate.number)).all()
        log = s.scalars(select(PrintLog)).all()
    assert sorted(numbers) == [r.number for r in rows]
    assert all(r.token and r.issued_by == chief.user_id for r in rows)
    assert [(p.count, p.reprint, p.kind) for p in log] == [(10, False, "certificate")]
    (entry,) = cert.print_log(db, chief, ev.event_id)
    assert entry.user == "chief" and entry.count == 10 and not entry.reprint


def test_already_issued_are_skipped_and_reprints_are_marked_and_logged(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    first = cert.issue_certificates(
        db, chief, cert.plan_batch(db, chief, ev.event_id), tmp_path / "a.pdf"
    )
    again = cert.plan_batch(db, chief, ev.event_id)
    assert again.to_print == () and {e.action for e in again.entries} == {"skip"}
    assert any(n.code == "already_issued" for n in again.notices)
    with pytest.raises(cert.CertificateError):
        cert.issue_certificates(db, chief, again, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()

    number = first.certificates[1].number
    with pytest.raises(KmError) as no_reason:  # a reprint needs a reason
        cert.reprint_certificate(db, chief, number, tmp_path / "r.pdf", "")
    assert no_reason.value.code == "reason_required"
    r = cert.reprint_certificate(db, chief, number, tmp_path / "r.pdf", "原证书遗失")
    assert r.reprints == 1 and r.certificates[0].token == first.certificates[1].token
    (page,) = pdf_text(r.path)
    assert "补发" in page and number in page and NAMES[1] in page
    log = cert.print_log(db, chief, ev.event_id)
    assert [(p.reprint, p.number, p.reason) for p in log] == [
        (False, "", ""),
        (True, number, "原证书遗失"),
    ]
    rows = {row.number: row.printed for row in cert.list_certificates(db, chief, ev.event_id)}
    assert rows[number] == 2 and _count(db, Certificate) == 6

    batch = cert.plan_batch(db, chief, ev.event_id, reprint_issued=True)
    assert batch.reprint_count == 6 and batch.new_count == 0
    out = cert.issue_certificates(db, chief, batch, tmp_path / "all.pdf", reason="打印机卡纸")
    assert all("补发" in p for p in pdf_text(out.path))


def test_a_changed_award_is_flagged_and_a_revoked_certificate_can_be_issued_anew(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    first = cert.issue_certificates(
        db, chief, cert.plan_batch(db, chief, ev.event_id), tmp_path / "a.pdf"
    )
    # a correction after an unlock: station 4 now beats everyone
    ev.unlock()
    ev.set_score(4, "M1", 0, 40)
    for j in range(5):
        ev.set_score(4, "M2", j, 30)
        ev.set_score(4, "J1", j, 3)
    ev.lock()
    plan = cert.plan_batch(db, chief, ev.event_id)
    changed = [n for n in plan.notices if n.code == "award_changed"]
    assert changed and any(n.name == NAMES[3] for n in changed)
    old = next(c for c in first.certificates if c.name == NAMES[3])
    assert next(e for e in plan.entries if e.name == NAMES[3]).action == "skip"
    with pytest.raises(cert.CertificateError):
        cert.reprint_certificate(db, chief, old.number, tmp_path / "x.pdf", "试试补发")
    cert.revoke_certificate(db, chief, old.number, "成绩更正后奖项变化")
    plan = cert.plan_batch(db, chief, ev.event_id)
    entry = next(e for e in plan.entries if e.name == NAMES[3])
    assert entry.action == "new" and entry.award == "一等奖"


def test_cancelling_leaves_no_file_and_writes_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id)
    stop = threading.Event()
    audit_before = _count(db, AuditEntry)

    def progress(done: int, total: int) -> None:
        if done == 3:
            stop.set()

    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        cert.issue_certificates(db, chief, plan, out / "c.pdf", progress=progress, cancel=stop)
    assert list(out.iterdir()) == []  # not even the temporary file
    assert _count(db, Certificate) == 0 and _count(db, PrintLog) == 0
    assert _count(db, AuditEntry) == audit_before


def test_a_stale_plan_records_nothing_and_leaves_no_file(any_db: Database, tmp_path: Path) -> None:
    """On SQLite and (with KMJUDGE_TEST_PG_URL) PostgreSQL."""
    db = any_db
    ev = scored_event(db, make_admin(db))
    chief = ev.login("chief")
    stale = cert.plan_batch(db, chief, ev.event_id)
    cert.issue_certificates(db, chief, cert.plan_batch(db, chief, ev.event_id), tmp_path / "a.pdf")
    with pytest.raises(ConflictError):
        cert.issue_certificates(db, chief, stale, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists() and _count(db, Certificate) == 6
    ev.unlock()
    ev.lock()
    relocked = cert.plan_batch(db, chief, ev.event_id, reprint_issued=True)
    ev.unlock()
    with pytest.raises(ConflictError):
        cert.issue_certificates(db, chief, relocked, tmp_path / "c.pdf", reason="重新打印")
    assert not (tmp_path / "c.pdf").exists()


def test_a_character_no_font_has_blocks_the_batch_unless_forced(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    names = ["吉𠮷", *NAMES[1:]]  # U+20BB7 is in none of the bundled fonts
    ev = scored_event(db, admin, names)
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id)
    (warn,) = plan.glyph_warnings
    assert warn.blocking and warn.name == "吉𠮷" and warn.chars == "𠮷"
    assert "𠮷" in warn.message_zh and "方框" in warn.message_zh
    assert plan.entries[0].missing_chars == "𠮷"
    with pytest.raises(cert.CertificateError) as err:
        cert.issue_certificates(db, chief, plan, tmp_path / "c.pdf")
    assert err.value.code == "blocked" and not (tmp_path / "c.pdf").exists()
    assert _count(db, Certificate) == 0
    out = cert.issue_certificates(db, chief, plan, tmp_path / "c.pdf", force=True)
    assert out.pages == 6


def test_issuers_and_layout_choice_are_settings(db: Database, admin: Actor, tmp_path: Path) -> None:
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    assert cert.get_settings(db, ev.event_id).issuers == ("昆明市总工会",)  # the organiser
    cert.save_issuers(db, chief, ev.event_id, ["昆明市总工会", "昆明市人力资源和社会保障局"])
    cert.save_layout_choice(db, chief, "portrait")
    settings = cert.get_settings(db, ev.event_id)
    assert settings.layout == "portrait" and len(settings.issuers) == 2
    plan = cert.plan_batch(db, chief, ev.event_id, tiers="一等奖")
    assert plan.layout == "portrait"
    out = cert.issue_certificates(db, chief, plan, tmp_path / "p.pdf")
    (page,) = pdf_text(out.path)
    assert "昆明市人力资源和社会保障局" in page
    from pypdf import PdfReader

    box = PdfReader(str(out.path)).pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait
    with pytest.raises(cert.CertificateError):
        cert.save_layout_choice(db, chief, "no-such-layout")


def test_a_layout_file_named_like_a_bundled_one_is_printed_as_written(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    """``--layout my.toml`` whose ``name`` is also a bundled layout's ("landscape") prints
    the file's texts, not the bundled layout's (the plan used to keep only the name)."""
    bundled = Path(__file__).resolve().parents[2] / "resources" / "certificates"
    custom = tmp_path / "my-landscape.toml"
    custom.write_text(
        (bundled / "landscape.toml")
        .read_text(encoding="utf-8")
        .replace('heading = "荣誉证书"', 'heading = "嘉奖证书"'),
        encoding="utf-8",
    )
    ev = scored_event(db, admin)
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id, layout=str(custom))
    out = cert.issue_certificates(db, chief, plan, tmp_path / "certs.pdf")
    pages = pdf_text(out.path)
    assert pages and all("嘉奖证书" in p and "荣誉证书" not in p for p in pages)
