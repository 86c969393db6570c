"""The verify screen (证书查验): a certificate's QR typed in by a USB scanner (fast keys, with or
without Enter) or pasted, checked offline against the devices this database trusts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge import certificates as certs
from kmjudge import trust
from kmjudge.certificates import CertificatesPdf, VerifyResult
from kmjudge.db.engine import Database, open_database
from tests.conftest import make_admin, other_device
from tests.results.helpers import ScoredEvent
from tests.ui_certificates.conftest import WAIT_MS
from ui.certificates.verify_page import VerifyPage
from ui.checkin.camera import video_inputs
from ui.context import AppContext
from ui.worker import Worker


@pytest.fixture
def issued(ev: ScoredEvent, tmp_path: Path) -> CertificatesPdf:
    ev.lock()
    chief = ev.login("chief")
    plan = certs.plan_batch(ev.db, chief, ev.event_id)
    return certs.issue_certificates(ev.db, chief, plan, tmp_path / "batch.pdf")


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    made: list[Worker] = []
    yield made
    for w in made:
        w.shutdown()


def open_verify(qtbot: QtBot, db: Database, ev: ScoredEvent | None, workers: list[Worker],
                user: str = "judge1") -> VerifyPage:  # fmt: skip
    w = Worker()
    workers.append(w)
    actor = ev.login(user) if ev is not None else make_admin(db)
    page = VerifyPage(AppContext(db, actor, w, "zh", ev.event_id if ev else None))
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitUntil(page.scan.hasFocus, timeout=WAIT_MS)
    return page


def scan(qtbot: QtBot, page: VerifyPage, text: str, enter: bool = True) -> VerifyResult:
    """Type ``text`` into the scan field at scanner speed, as a keyboard-wedge scanner does."""
    with qtbot.waitSignal(page.verified, timeout=WAIT_MS) as sig:
        qtbot.keyClicks(page.scan, text)
        if enter:
            qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    result = sig.args[0]
    assert isinstance(result, VerifyResult)
    return result


def change_one_character(token: str, index: int = 120) -> str:
    """A typo a person could make: one base32 character replaced by another (inside the
    signature, so the text still decodes)."""
    ch = token[index]
    other = "A" if ch != "A" else "B"
    return token[:index] + other + token[index + 1 :]


def detail(page: VerifyPage, key: str) -> str:
    return page.detail_labels[key].text()


def test_a_real_certificate_typed_like_a_scanner_is_valid_with_its_details(
    qtbot: QtBot, ev: ScoredEvent, issued: CertificatesPdf, workers: list[Worker]
) -> None:
    page = open_verify(qtbot, ev.db, ev, workers)
    assert page.big.text() == "等待扫码"
    cert = issued.certificates[0]
    result = scan(qtbot, page, cert.token)
    assert result.status == "valid"
    assert page.big.text() == "证书有效"
    assert page.verdict.property("kind") == "valid"
    assert detail(page, "number") == cert.number
    assert detail(page, "name") == cert.name
    assert detail(page, "award").startswith(cert.award)
    assert "测试电工项目" in detail(page, "event")
    assert detail(page, "fingerprint") == ev.db.device.fingerprint
    assert detail(page, "issuer") == ev.db.device.name
    assert page.scan.text() == ""  # ready for the next certificate


def test_one_changed_character_is_invalid(
    qtbot: QtBot, ev: ScoredEvent, issued: CertificatesPdf, workers: list[Worker]
) -> None:
    page = open_verify(qtbot, ev.db, ev, workers)
    token = issued.certificates[0].token
    result = scan(qtbot, page, change_one_character(token))
    assert result.status == "forged"
    assert page.big.text() == "无效/伪造"
    assert page.verdict.property("kind") == "bad"
    assert "请勿认可" in page.advice.text()
    # nothing of what a forged code claims is shown as if it were true
    assert detail(page, "name") == "" and detail(page, "number") == ""
    # the real one right after is fine again
    assert scan(qtbot, page, token).status == "valid"
    assert page.big.text() == "证书有效"


def test_a_scanner_without_enter_and_lower_case_still_verifies(
    qtbot: QtBot, ev: ScoredEvent, issued: CertificatesPdf, workers: list[Worker]
) -> None:
    page = open_verify(qtbot, ev.db, ev, workers)
    cert = issued.certificates[2]
    result = scan(qtbot, page, cert.token.lower(), enter=False)  # Caps Lock, no Enter suffix
    assert result.status == "valid" and detail(page, "number") == cert.number
    assert page.scan.last_input is not None and page.scan.last_input.ended_by == "pause"


def test_pasted_text_verifies_and_other_codes_are_not_certificates(
    qtbot: QtBot, ev: ScoredEvent, issued: CertificatesPdf, workers: list[Worker]
) -> None:
    page = open_verify(qtbot, ev.db, ev, workers)
    page.paste.setPlainText("  " + issued.certificates[1].token + "\n")
    with qtbot.waitSignal(page.verified, timeout=WAIT_MS):
        qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert page.big.text() == "证书有效"
    assert detail(page, "number") == issued.certificates[1].number
    result = scan(qtbot, page, "KMJ1ABCDEFGHIJKLMNOP")  # an admission ticket, say
    assert result.status == "malformed"
    assert page.big.text() == "不是证书二维码"
    assert detail(page, "number") == ""


def test_a_revoked_certificate_says_so(
    qtbot: QtBot, ev: ScoredEvent, issued: CertificatesPdf, workers: list[Worker]
) -> None:
    cert = issued.certificates[0]
    certs.revoke_certificate(ev.db, ev.login("chief"), cert.number, "申诉改判")
    page = open_verify(qtbot, ev.db, ev, workers)
    assert scan(qtbot, page, cert.token).status == "revoked"
    assert page.big.text() == "已作废"
    assert page.verdict.property("kind") == "bad"


def test_another_laptop_verifies_offline_once_it_trusts_the_issuer(
    qtbot: QtBot,
    ev: ScoredEvent,
    issued: CertificatesPdf,
    workers: list[Worker],
    tmp_path: Path,
) -> None:
    """The issue's "done when": a certificate's QR verifies on another laptop, no network."""
    laptop = open_database(tmp_path / "laptop.sqlite3", device=other_device(tmp_path, "laptop"))
    try:
        page = open_verify(qtbot, laptop, None, workers)
        cert = issued.certificates[0]
        assert scan(qtbot, page, cert.token).status == "unknown_issuer"
        assert page.big.text() == "签发设备未受信任"
        assert page.verdict.property("kind") == "warn"
        assert "信任" in page.advice.text()
        assert detail(page, "number") == cert.number + "　（二维码所称，未核实）"
        assert detail(page, "name") == ""
        # the administrator trusts the issuing laptop's key, fingerprint read from its screen
        key_file = tmp_path / "device-key.txt"
        issuer = trust.write_key_file(ev.db, key_file)
        admin = page.ctx.actor
        trust.trust_device(laptop, admin, trust.read_key_file(key_file), issuer.fingerprint)
        result = scan(qtbot, page, cert.token)
        assert result.status == "valid" and result.record is None
        assert page.big.text() == "证书有效"
        assert detail(page, "fingerprint") == issuer.fingerprint
        assert "输入证书上印的姓名" in page.advice.text()  # the QR carries no name
        # the printed name checks against the code; someone else's name does not
        page.name_edit.setText(cert.name)
        with qtbot.waitSignal(page.verified, timeout=WAIT_MS):
            qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
        assert page.big.text() == "证书有效" and detail(page, "name") == cert.name + " ✓"
        page.name_edit.setText(issued.certificates[1].name)
        with qtbot.waitSignal(page.verified, timeout=WAIT_MS):
            qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
        assert page.big.text() == "姓名不符"
        assert page.verdict.property("kind") == "bad"
    finally:
        for w in workers:
            w.shutdown()
        workers.clear()
        laptop.dispose()


def test_the_webcam_button_is_offered_only_with_a_camera(
    qtbot: QtBot, ev: ScoredEvent, workers: list[Worker]
) -> None:
    page = open_verify(qtbot, ev.db, ev, workers)
    assert page.camera.isVisible() == bool(video_inputs())
