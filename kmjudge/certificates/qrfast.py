"""A fast QR encoder for upper-case alphanumeric texts, matrix for matrix the same as ``qrcode``.

Why: a certificate batch draws 1,000 different codes. ``qrcode`` builds each one in pure Python
(Reed-Solomon by polynomial objects, eight full mask trials): about 8 ms a code, and still
2.4 ms with the ticket module's faster mask choice (``kmjudge.checkin.qr``). Everything except
the data is the same for every code of one version, so it is computed once per version:

- Reed-Solomon is linear over GF(2): the error-correction bytes of a block are the XOR of one
  precomputed table entry per data byte (``table[position][value]``), so encoding a block is
  one table look-up and one XOR per data byte;
- where each codeword bit lands in the symbol is a fixed permutation, applied with one
  ``operator.itemgetter`` call on the bit string;
- function patterns, format and version information come from ``qrcode`` itself (one symbol
  per mask, built once), and the mask is chosen with the ticket module's penalty on whole-symbol
  integers (``kmjudge.checkin.qr``), so the result is the matrix ``qrcode`` would make.

``tests/certificates/test_qrfast.py`` compares the output with ``qrcode`` on random texts and
decodes it with zxing-cpp. About 0.15 ms a code (``benchmarks/bench_certificates.py``).
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

import qrcode
from qrcode import base as qr_base
from qrcode.constants import ERROR_CORRECT_M

from kmjudge.checkin import qr as ticket_qr

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALNUM_VALUE = {c: i for i, c in enumerate(ALNUM)}
_RUNS = re.compile("1+")

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1
_EXP = [0] * 512
_LOG = [0] * 256
_v = 1
for _i in range(255):
    _EXP[_i] = _v
    _LOG[_v] = _i
    _v <<= 1
    if _v & 0x100:
        _v ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def _generator(ec: int) -> list[int]:
    g = [1]
    for i in range(ec):
        nxt = [0] * (len(g) + 1)
        for j, coef in enumerate(g):
            nxt[j] ^= coef
            if coef:
                nxt[j + 1] ^= _EXP[_LOG[coef] + i]
        g = nxt
    return g


def _rs_remainder(data: list[int], ec: int) -> list[int]:
    gen = _generator(ec)
    rem = list(data) + [0] * ec
    for i in range(len(data)):
        coef = rem[i]
        if coef:
            lc = _LOG[coef]
            for j in range(1, ec + 1):
                if gen[j]:
                    rem[i + j] ^= _EXP[lc + _LOG[gen[j]]]
    return rem[len(data) :]


@functools.lru_cache(maxsize=8)
def _ec_table(data_len: int, ec: int) -> tuple[tuple[int, ...], ...]:
    """``table[i][v]``: the EC bytes (as one big-endian int) of a message that is ``v`` at
    position ``i`` and zero elsewhere. By linearity the EC of any message is the XOR."""
    table = []
    for i in range(data_len):
        units = []
        for b in range(8):
            msg = [0] * data_len
            msg[i] = 1 << b
            units.append(int.from_bytes(bytes(_rs_remainder(msg, ec)), "big"))
        row = [0] * 256
        for v in range(1, 256):
            low = (v & -v).bit_length() - 1
            row[v] = row[v & (v - 1)] ^ units[low]
        table.append(tuple(row))
    return tuple(table)


@dataclass(frozen=True)
class _Version:
    version: int
    n: int
    count_bits: int
    data_bits: int
    blocks: tuple[tuple[int, int], ...]  # (data count, ec count) per block
    tables: tuple[tuple[tuple[int, ...], ...], ...]
    place: Callable[[str], tuple[str, ...]]  # codeword bit string (+ "0") -> symbol bits
    functions: tuple[int, ...]  # per mask: function modules incl. format/version info
    layout: ticket_qr._Layout


def _capacity_bits(version: int) -> int:
    return sum(b.data_count * 8 for b in qr_base.rs_blocks(version, ERROR_CORRECT_M))


def _count_bits(version: int) -> int:
    return 9 if version < 10 else 11 if version < 27 else 13


def version_for(length: int) -> int:
    """The smallest version (level M) that holds ``length`` alphanumeric characters."""
    for v in range(1, 41):
        need = 4 + _count_bits(v) + 11 * (length // 2) + 6 * (length % 2)
        if need <= _capacity_bits(v):
            return v
    raise ValueError(f"{length} characters do not fit a QR code")


def _placement_order(n: int, area: int) -> list[int]:
    """Module bit indexes (row * n + col) in the order codeword bits are placed."""
    order: list[int] = []
    col = n - 1
    upward = True
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for row in rows:
            for c in (col, col - 1):
                bit = row * n + c
                if area >> bit & 1:
                    order.append(bit)
        upward = not upward
        col -= 2
    return order


@functools.lru_cache(maxsize=8)
def _prepare(version: int) -> _Version:
    lay = ticket_qr._layout(version)
    n = lay.n
    rs = qr_base.rs_blocks(version, ERROR_CORRECT_M)
    blocks = tuple((b.data_count, b.total_count - b.data_count) for b in rs)
    tables = tuple(_ec_table(d, e) for d, e in blocks)
    total_bits = sum(d + e for d, e in blocks) * 8
    order = _placement_order(n, lay.area)
    where = {bit: i for i, bit in enumerate(order) if i < total_bits}
    # itemgetter indexes for bits n*n-1 … 0 (the int's most significant bit first); modules
    # outside the codewords read the light "0" appended after the codeword bits.
    perm = [where.get(bit, total_bits) for bit in range(n * n - 1, -1, -1)]
    functions = []
    for k in range(8):
        q = qrcode.QRCode(
            version=version, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=k
        )
        q.add_data("0")
        q.make(fit=False)
        functions.append(ticket_qr._to_int(q.modules) & ~lay.area & lay.full)
    return _Version(
        version=version,
        n=n,
        count_bits=_count_bits(version),
        data_bits=_capacity_bits(version),
        blocks=blocks,
        tables=tables,
        place=operator.itemgetter(*perm),
        functions=tuple(functions),
        layout=lay,
    )


def _data_codewords(text: str, spec: _Version) -> bytes:
    values = [_ALNUM_VALUE[c] for c in text]
    acc = 0b0010  # alphanumeric mode
    acc = (acc << spec.count_bits) | len(values)
    nbits = 4 + spec.count_bits
    for i in range(0, len(values) - 1, 2):
        acc = (acc << 11) | (values[i] * 45 + values[i + 1])
        nbits += 11
    if len(values) % 2:
        acc = (acc << 6) | values[-1]
        nbits += 6
    if nbits > spec.data_bits:
        raise ValueError("text too long for this QR version")
    term = min(4, spec.data_bits - nbits)
    acc <<= term
    nbits += term
    if nbits % 8:
        acc <<= 8 - nbits % 8
        nbits += 8 - nbits % 8
    out = bytearray(acc.to_bytes(nbits // 8, "big"))
    pad = (0xEC, 0x11)
    i = 0
    while len(out) * 8 < spec.data_bits:
        out.append(pad[i % 2])
        i += 1
    return bytes(out)


def _codewords(text: str, spec: _Version) -> bytes:
    data = _data_codewords(text, spec)
    data_blocks: list[bytes] = []
    ec_blocks: list[bytes] = []
    pos = 0
    for (dc, ec), table in zip(spec.blocks, spec.tables, strict=True):
        chunk = data[pos : pos + dc]
        pos += dc
        acc = 0
        for i, value in enumerate(chunk):
            acc ^= table[i][value]
        data_blocks.append(chunk)
        ec_blocks.append(acc.to_bytes(ec, "big"))
    out = bytearray()
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            for b in group:
                if i < len(b):
                    out.append(b[i])
    return bytes(out)


@dataclass(frozen=True)
class Symbol:
    """A QR symbol as one integer: bit ``row * n + col`` set for a dark module."""

    n: int
    bits: int
    version: int
    mask: int

    def matrix(self) -> list[list[bool]]:
        return [
            [bool(self.bits >> (r * self.n + c) & 1) for c in range(self.n)] for r in range(self.n)
        ]


def encode(text: str, version: int | None = None) -> Symbol:
    """Encode ``text`` (characters of ``ALNUM`` only) at level M in the smallest version (or
    ``version``), with the mask ``qrcode`` would choose."""
    if any(c not in _ALNUM_VALUE for c in text):
        raise ValueError("only upper-case alphanumeric QR characters are supported")
    spec = _prepare(version or version_for(len(text)))
    stream = _codewords(text, spec)
    nbits = len(stream) * 8
    bitstring = format(int.from_bytes(stream, "big"), f"0{nbits}b") + "0"
    data = int("".join(spec.place(bitstring)), 2)
    lay = spec.layout
    best, best_points = 0, -1
    for k in range(8):
        points = ticket_qr._penalty(lay.base | ((data ^ lay.masks[k]) & lay.area), lay)
        if best_points < 0 or points < best_points:
            best, best_points = k, points
    bits = spec.functions[best] | ((data ^ lay.masks[best]) & lay.area)
    return Symbol(spec.n, bits, spec.version, best)


@functools.lru_cache(maxsize=4)
def _chunk_ops(n: int) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """``ops[c][v]``: the rectangles (module units, row bottom at 0) of the dark runs in
    8-column chunk ``c`` of a row whose chunk bits are ``v`` (bit b = column 8c + b); one table
    for the top row (height 1) and one for the others (height 1.03)."""
    tables = []
    for height in ("1", "1.03"):
        per_chunk = []
        for c in range((n + 7) // 8):
            row = []
            for v in range(256):
                text = format(v, "08b")[::-1]
                row.append(
                    "".join(
                        f"{8 * c + m.start()} 0 {m.end() - m.start()} {height} re "
                        for m in _RUNS.finditer(text)
                    )
                )
            per_chunk.append(tuple(row))
        tables.append(tuple(per_chunk))
    return tables[0], tables[1]


def path_operators(symbol: Symbol, x: float, y: float, size: float) -> str:
    """PDF content drawing the symbol: one filled path per row of modules, a rectangle per
    horizontal run (runs split at 8-column chunks, looked up from a table), each row reaching a
    hair into the row above so that no anti-aliasing seam shows between rows."""
    n = symbol.n
    unit = size / n
    top, rest = _chunk_ops(n)
    chunks = range(len(top))
    ops = [f"q 0 g {unit:.4f} 0 0 {unit:.4f} {x:.3f} {y:.3f} cm 1 0 0 1 0 {n - 1} cm"]
    bits = symbol.bits
    row_mask = (1 << n) - 1
    table = top
    for i in range(n):
        row = (bits >> (i * n)) & row_mask
        if row:
            ops.append("".join([table[c][(row >> (8 * c)) & 0xFF] for c in chunks]) + "f")
        ops.append("1 0 0 1 0 -1 cm")
        table = rest
    ops.append("Q")
    return "\n".join(ops)
