"""The fast QR matrix is exactly what the qrcode library would draw, in far less time."""

from __future__ import annotations

import base64
import os

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from kmjudge.checkin import qr


def _library(text: str) -> list[list[bool]]:
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    q.add_data(text)
    q.make(fit=True)  # evaluates all eight masks the slow way
    return [[bool(m) for m in row] for row in q.modules]


@pytest.mark.parametrize("length", [5, 20, 60, 91, 91, 91, 91, 91, 150, 400])
def test_fast_matrix_equals_the_library_best_mask_matrix(length: int) -> None:
    """Same version, same mask, same modules as qrcode's own best-mask choice (versions 1-17,
    so the version-information area of version 7+ is covered as well)."""
    for _ in range(6):
        text = "KMJ1" + base64.b32encode(os.urandom(length)).decode().rstrip("=")
        assert qr.qr_matrix(text) == _library(text)


def test_path_is_one_filled_path_of_rectangles() -> None:
    """One q ... f Q block, one rectangle per horizontal run of dark modules."""
    m = qr.qr_matrix("KMJ1HELLO")
    ops = qr.path_operators(m, 10, 20, 85)
    assert ops.startswith("q ") and ops.endswith("f Q")
    runs = sum(1 for row in m for j, v in enumerate(row) if v and (j == 0 or not row[j - 1]))
    assert ops.count(" re") == runs
    assert ops.splitlines().count("f Q") == 1 and ops.count("\nf") == 1
