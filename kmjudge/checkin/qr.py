"""QR codes for tickets: the ``qrcode`` library's matrix, fast, drawn as one vector path.

``qrcode`` picks the mask the way ISO/IEC 18004 says (the lowest penalty of all eight), but it
builds and scores every candidate in pure Python: about 8 ms per code, 8 s for 1,000 tickets.
``qr_matrix`` asks the library for the mask-0 symbol once, derives the seven other candidates
from it by XOR on whole-symbol integers (one bit per module), scores them with the library's
own rules as bit operations, and lets the library build the winner. The result is the very
matrix ``qrcode`` would produce (``tests/checkin/test_qr.py`` checks that on random tokens) in
about a quarter of the time. If the library's internals ever change shape, it falls back to the
library's own (slow) path.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

import qrcode
from qrcode import util as qr_util
from qrcode.constants import ERROR_CORRECT_M

log = logging.getLogger(__name__)

Matrix = list[list[bool]]

# Finder-like 1:1:3:1:1 patterns with four light modules (dark offsets, light offsets).
_FINDER_LIKE = (
    ((0, 2, 3, 4, 6), (1, 5, 7, 8, 9, 10)),  # 10111010000
    ((4, 6, 7, 8, 10), (0, 1, 2, 3, 5, 9)),  # 00001011101
)


def _to_int(modules: list[list[Any]]) -> int:
    """Bit ``row * n + col`` set for a dark module."""
    n = len(modules)
    text = "".join(
        "1" if modules[i][j] else "0" for i in range(n - 1, -1, -1) for j in range(n - 1, -1, -1)
    )
    return int(text, 2)


def _cells(n: int, rows: range, cols: range) -> int:
    out = 0
    for i in rows:
        for j in cols:
            out |= 1 << (i * n + j)
    return out


class _Probe(qrcode.QRCode):
    """Captures the symbol just before data is placed: the function patterns."""

    captured: list[list[Any]]

    def map_data(self, data: Any, mask_pattern: int) -> None:
        self.captured = [list(row) for row in self.modules]
        super().map_data(data, mask_pattern)


@dataclass(frozen=True)
class _Layout:
    n: int
    full: int
    area: int  # data modules
    base: int  # dark function modules as scored (format/version info light, as qrcode does)
    masks: tuple[int, ...]  # mask pattern k, restricted to the data modules
    run5_h: int  # valid starts of a 5-module run along a row
    run5_v: int
    block2: int  # valid top-left corners of a 2x2 block
    win11_h: int  # valid starts of an 11-module window along a row
    win11_v: int


@functools.lru_cache(maxsize=8)
def _layout(version: int) -> _Layout:
    probe = _Probe(version=version, error_correction=ERROR_CORRECT_M, border=0)
    probe.add_data("0")
    probe.makeImpl(True, 0)
    cap = probe.captured
    n = len(cap)
    area = _to_int([[m is None for m in row] for row in cap])
    base = _to_int([[m is True for m in row] for row in cap])
    masks = []
    for k in range(8):
        fn = qr_util.mask_func(k)
        masks.append(_to_int([[bool(fn(i, j)) for j in range(n)] for i in range(n)]) & area)
    return _Layout(
        n=n,
        full=(1 << (n * n)) - 1,
        area=area,
        base=base,
        masks=tuple(masks),
        run5_h=_cells(n, range(n), range(n - 4)),
        run5_v=_cells(n, range(n - 4), range(n)),
        block2=_cells(n, range(n - 1), range(n - 1)),
        win11_h=_cells(n, range(n), range(n - 10)),
        win11_v=_cells(n, range(n - 10), range(n)),
    )


def _penalty(x: int, lay: _Layout) -> int:
    """``qrcode.util.lost_point`` on a whole-symbol integer (same four rules, same numbers)."""
    n = lay.n
    nx = ~x & lay.full
    points = 0
    for z in (x, nx):
        # Rule 1: a run of L >= 5 same-colour modules costs L - 2 (= (L - 4) starts + 2).
        h = z & (z >> 1) & (z >> 2) & (z >> 3) & (z >> 4) & lay.run5_h
        points += h.bit_count() + 2 * (h & ~(h >> 1)).bit_count()
        v = z & (z >> n) & (z >> 2 * n) & (z >> 3 * n) & (z >> 4 * n) & lay.run5_v
        points += v.bit_count() + 2 * (v & ~(v >> n)).bit_count()
        # Rule 2: every 2x2 block of one colour costs 3.
        b = z & (z >> 1) & (z >> n) & (z >> (n + 1)) & lay.block2
        points += 3 * b.bit_count()
    # Rule 3: every finder-like pattern costs 40.
    for step, valid in ((1, lay.win11_h), (n, lay.win11_v)):
        for dark, light in _FINDER_LIKE:
            m = valid
            for o in dark:
                m &= x >> (o * step)
            for o in light:
                m &= nx >> (o * step)
            points += 40 * m.bit_count()
    # Rule 4: every 5 % away from half dark costs 10 (float arithmetic as in qrcode).
    percent = float(x.bit_count()) / (n**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


def best_mask(q: qrcode.QRCode) -> int:
    """The mask ``qrcode`` would choose for ``q`` (already made with mask pattern 0)."""
    lay = _layout(q.version)
    symbol0 = _to_int(q.modules)
    data = (symbol0 ^ lay.masks[0]) & lay.area
    best, best_points = 0, 0
    for k in range(8):
        candidate = lay.base | ((data ^ lay.masks[k]) & lay.area)
        points = _penalty(candidate, lay)
        if k == 0 or points < best_points:
            best, best_points = k, points
    return best


def _slow_matrix(text: str) -> Matrix:
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    q.add_data(text)
    q.make(fit=True)
    return [[bool(m) for m in row] for row in q.get_matrix()]


def qr_matrix(text: str) -> Matrix:
    """The QR symbol for ``text`` (error correction M, smallest version, best mask), as rows
    of booleans (True = dark), without the quiet zone."""
    try:
        q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
        q.add_data(text)
        q.make(fit=True)
        k = best_mask(q)
        if k:
            q.makeImpl(False, k)  # reuses the encoded data; only places it again
        return [[bool(m) for m in row] for row in q.modules]
    except (AttributeError, TypeError, KeyError) as exc:  # pragma: no cover - library drift
        log.warning("fast QR mask selection unavailable (%s); using qrcode's own", exc)
        return _slow_matrix(text)


def path_operators(matrix: Matrix, x: float, y: float, size: float) -> str:
    """PDF content for the symbol as ONE filled path: a rectangle per horizontal run of dark
    modules, in module units under one transformation, each run reaching a hair into the row
    above so that no anti-aliasing seam shows between rows."""
    n = len(matrix)
    unit = size / n
    ops = [f"q 0 g {unit:.4f} 0 0 {unit:.4f} {x:.3f} {y:.3f} cm"]
    for i, row in enumerate(matrix):
        bottom = n - 1 - i
        height = "1" if i == 0 else "1.03"
        j = 0
        while j < n:
            if row[j]:
                k = j + 1
                while k < n and row[k]:
                    k += 1
                ops.append(f"{j} {bottom} {k - j} {height} re")
                j = k
            else:
                j += 1
    ops.append("f Q")
    return "\n".join(ops)


def draw_qr(canvas: Any, text_or_matrix: str | Matrix, x: float, y: float, size: float) -> None:
    """Draw a QR symbol (``size`` points square, lower-left corner at x, y) on a ReportLab
    canvas. Leave a quiet zone of 4 modules around it in the layout."""
    matrix = qr_matrix(text_or_matrix) if isinstance(text_or_matrix, str) else text_or_matrix
    canvas.addLiteral(path_operators(matrix, x, y, size))
