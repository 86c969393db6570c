"""The fast QR encoder makes exactly the matrix ``qrcode`` makes, and it decodes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kmjudge.certificates import qrfast
from kmjudge.checkin import qr as ticket_qr
from tests.certificates.helpers import decode_qr


@pytest.mark.parametrize("length", [1, 7, 24, 61, 120, 171, 172, 240, 400])
def test_matrix_is_identical_to_qrcode_for_random_alphanumeric_texts(length: int) -> None:
    rnd = random.Random(length)
    for _ in range(4):
        # a letter first: qrcode would pick numeric mode for digits-only texts
        text = "K" + "".join(rnd.choice(qrfast.ALNUM) for _ in range(length - 1))
        symbol = qrfast.encode(text)
        assert symbol.matrix() == ticket_qr._slow_matrix(text), (length, symbol.version)


def test_a_171_character_token_is_version_7() -> None:
    assert qrfast.version_for(171) == 7
    assert qrfast.encode("KMC1" + "A" * 167).n == 45


def test_lower_case_and_other_characters_are_refused() -> None:
    with pytest.raises(ValueError):
        qrfast.encode("kmc1")
    with pytest.raises(ValueError):
        qrfast.encode("证书")


def test_the_drawn_path_decodes_with_zxing(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    text = "KMC1" + "".join(
        random.Random(7).choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(167)
    )
    pdf = tmp_path / "q.pdf"
    c = Canvas(str(pdf), pagesize=(200, 200))
    c.addLiteral(qrfast.path_operators(qrfast.encode(text), 40, 40, 23 * 72 / 25.4))
    c.showPage()
    c.save()
    import subprocess

    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(tmp_path / "q")], check=True
    )
    assert decode_qr(tmp_path / "q.png") == [text]
