"""Done-when of issue 6, on the demo database: the chief judge locks the demo's finished event
and prints every winner's certificate in one go; a QR read from a printed page verifies on
another laptop that has no network, only the issuer's trusted key."""

from __future__ import annotations

from pathlib import Path

from kmjudge import accounts, certificates, demo, trust
from kmjudge.db.engine import open_database
from kmjudge.judging import lock
from kmjudge.results.engine import compute
from kmjudge.results.load import load_event
from tests.certificates.helpers import decode_qr, pdf_text, render_png
from tests.conftest import make_admin, other_device


def test_chief_locks_the_demo_event_and_prints_every_winner_then_another_laptop_verifies(
    tmp_path: Path,
) -> None:
    db = demo.ensure_demo(tmp_path / "demo.sqlite3")
    try:
        event_id = demo.finished_event(db)
        chief = accounts.login(db, "chief", "2580")
        lock.lock_event(db, chief, event_id)
        results = compute(load_event(db, event_id).inputs)
        loaded = load_event(db, event_id)
        winners = [
            loaded.identities[r.key].name for r in results.rows if r.state == "ranked" and r.award
        ]
        assert winners

        plan = certificates.plan_batch(db, chief, event_id)
        assert not plan.blocking
        out = certificates.issue_certificates(db, chief, plan, tmp_path / "winners.pdf")
        assert out.pages == len(winners) == out.new
        pages = pdf_text(out.path)
        assert sorted(winners) == sorted(c.name for c in out.certificates)
        for c, page in zip(out.certificates, pages, strict=True):
            assert c.name in page and c.award in page and c.number in page

        key_file = trust.write_key_file(db, tmp_path / "issuer-key.txt")
        (scanned,) = decode_qr(render_png(out.path, 1))
    finally:
        db.dispose()

    laptop = open_database(tmp_path / "laptop.sqlite3", device=other_device(tmp_path, "laptop"))
    try:
        admin = make_admin(laptop)
        key = trust.read_key_file(tmp_path / "issuer-key.txt")
        trust.trust_device(laptop, admin, key, key_file.fingerprint)
        r = certificates.verify(laptop, scanned, name=out.certificates[0].name)
        assert r.status == "valid" and r.ok
        assert r.claims is not None and r.claims.number == out.certificates[0].number
    finally:
        laptop.dispose()
