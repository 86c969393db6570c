"""Subset AR PL UMing (the Song face of certificates and tickets) for the frozen bundle.

The repository keeps the whole ``resources/fonts/uming.ttc`` (21 MB, four faces: CN, HK, TW,
TW MBE), and running from source uses it.  The bundle gets a **one-face collection** with the
same name, ``resources/fonts/uming.ttc``, that holds only AR PL UMing CN (subfont index 0, the
only face kmjudge uses) and only these characters:

- ASCII and Latin-1 (U+0020-U+007E, U+00A0-U+00FF);
- General Punctuation (U+2000-U+206F), CJK Symbols and Punctuation (U+3000-U+303F),
  Halfwidth and Fullwidth Forms (U+FF00-U+FFEF);
- all of GB 2312: every valid double-byte code (rows 0xA1-0xF7, cells 0xA1-0xFE) decoded;
- every character that occurs in the repository's own text: the files under ``resources/``
  (translations .ts/.tsv, examples, templates) and the string literals of ``kmjudge/`` and
  ``ui/`` (certificate and ticket wording).

A character outside the subset (a rare name such as 堃 or 喆 is not in GB 2312) is drawn by the
next font of the chain, AR PL UKai, which the bundle keeps whole: ``kmjudge.certificates.fonts``
falls back per glyph, and the smoke test proves it with ``pdffonts``/``pdftotext``.

The Arphic Public License (§2) allows a modified font if the file says how and when it was
changed and the change is freely available under the same licence: the subset's name table
(Description, Version, Unique ID) says so, and ``uming.SUBSET-NOTICE.txt`` is written next to it.

Needs fontTools (the ``build`` extra).  Usable as a script too::

    python installer/font_subset.py resources/fonts/uming.ttc OUT.ttc
"""

from __future__ import annotations

import ast
import datetime as _dt
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (first, last) code points kept whole, besides GB 2312 and the repository's text.
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)
#: Text files under resources/ whose characters are kept (everything else there is binary).
TEXT_SUFFIXES = frozenset({".ts", ".tsv", ".toml", ".csv", ".txt", ".md", ".json", ".html"})
SUBSET_FACE = 0  # AR PL UMing CN
NOTICE_NAME = "uming.SUBSET-NOTICE.txt"


def gb2312_chars() -> set[str]:
    """Every character of GB 2312 (6,763 hanzi and 682 other symbols)."""
    out: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def range_chars(ranges: Iterable[tuple[int, int]] = RANGES) -> set[str]:
    return {chr(c) for first, last in ranges for c in range(first, last + 1)}


def _literals(source: str) -> Iterable[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def repo_chars(root: Path = ROOT) -> set[str]:
    """The characters of the repository's own text: text files under resources/ and the
    string literals of the kmjudge and ui packages."""
    out: set[str] = set()
    for path in sorted((root / "resources").rglob("*")):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            try:
                out.update(path.read_text("utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
    for package in ("kmjudge", "ui"):
        for path in sorted((root / package).rglob("*.py")):
            for text in _literals(path.read_text("utf-8")):
                out.update(text)
    return {c for c in out if c.isprintable()}


def wanted_chars(root: Path = ROOT) -> set[str]:
    return range_chars() | gb2312_chars() | repo_chars(root)


def _notice(chars: int, kept: int, when: str) -> str:
    return (
        f"Subset of AR PL UMing CN made by the kmjudge bundle build on {when}: only the CN face "
        f"(subfont 0) and {kept} of its characters ({chars} requested: ASCII, Latin-1, "
        "punctuation, full-width forms, GB 2312 and the characters of kmjudge's own text) are "
        "kept, with fontTools' subsetter; glyphs are unchanged. Licensed under the ARPHIC "
        "PUBLIC LICENSE (ARPHICPL.TXT) like the original; the unmodified font is "
        "fonts-arphic-uming 0.2.20080216.2 (Debian), uming.ttc."
    )


def subset_uming(
    src: Path, out: Path, chars: Iterable[str], *, when: str | None = None
) -> dict[str, int]:
    """Write a one-face collection (``.ttc``) or a font (``.ttf``, by ``out``'s suffix) with
    the characters of ``chars`` that face ``SUBSET_FACE`` of ``src`` has.  The name table
    carries the Arphic licence's modification notice.  Returns counts and sizes."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    when = when or _dt.date.today().isoformat()
    wanted = {ord(c) for c in chars}
    font = TTFont(str(src), fontNumber=SUBSET_FACE, recalcBBoxes=False, recalcTimestamp=False)
    cmap = font.getBestCmap()
    keep = sorted(c for c in wanted if c in cmap)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright, licence and URL records
    options.name_languages = ["*"]
    options.name_legacy = True
    options.layout_features = ["*"]  # vertical forms, localised forms
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's own timestamps
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    note = _notice(len(wanted), len(keep), when)
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID == 5:  # Version
            base = rec.toUnicode().strip()
            name.setName(
                f"{base}; kmjudge GB subset {when}", 5, rec.platformID, rec.platEncID, rec.langID
            )
        elif rec.nameID == 3:  # Unique ID: must differ from the original's
            name.setName(
                f"{rec.toUnicode().strip()} : kmjudge subset {when}",
                3,
                rec.platformID,
                rec.platEncID,
                rec.langID,
            )
    name.setName(note, 10, 3, 1, 0x409)  # Description (Windows, English)
    name.setName(note, 10, 1, 0, 0)  # Description (Mac Roman)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".ttc":
        collection = TTCollection()
        collection.fonts.append(font)
        collection.save(str(out))
    else:
        font.save(str(out))
    (out.parent / NOTICE_NAME).write_text(
        note
        + "\n\nThe file in this folder named "
        + out.name
        + " is that subset. The whole font is in the kmjudge source repository\n"
        "(resources/fonts/uming.ttc) and in Debian's fonts-arphic-uming package.\n",
        "utf-8",
    )
    return {
        "requested": len(wanted),
        "kept": len(keep),
        "glyphs": int(font["maxp"].numGlyphs),
        "bytes_in": src.stat().st_size,
        "bytes_out": out.stat().st_size,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python installer/font_subset.py SRC.ttc OUT.ttc|OUT.ttf", file=sys.stderr)
        return 2
    stats = subset_uming(Path(argv[0]), Path(argv[1]), wanted_chars())
    print(
        f"font_subset: {argv[1]}: {stats['kept']} characters ({stats['requested']} wanted), "
        f"{stats['glyphs']} glyphs, {stats['bytes_in'] / 1e6:.1f} MB -> "
        f"{stats['bytes_out'] / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
