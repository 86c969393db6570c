"""Fill untranslated entries of a Qt .ts file from translation tables (*_zh.tsv).

    python merge_tsv.py kmjudge_zh_CN.ts pages_zh.tsv [more.tsv ...]

A table has one entry per line: ``context<TAB>source<TAB>translation``, with ``\\n``, ``\\t``
and ``\\\\`` as escapes. Only messages that lupdate marked unfinished (or left empty) are
filled; a translation already in the .ts wins, so fixes made in Qt Linguist are kept. Prints
how many entries it filled and how many are still untranslated.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def read_table(path: Path) -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{n}: expected context<TAB>source<TAB>translation")
        context, source, translation = (_unescape(p) for p in parts)
        table[(context, source)] = translation
    return table


def merge(ts_path: Path, tables: list[Path]) -> tuple[int, int]:
    entries: dict[tuple[str, str], str] = {}
    for t in tables:
        entries.update(read_table(t))
    raw = ts_path.read_text("utf-8")
    root = ET.fromstring(raw)
    filled = left = 0
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or msg.get("numerus") == "yes":
                continue
            done = tr.get("type") not in ("unfinished",) and (tr.text or "").strip()
            if done or tr.get("type") in ("vanished", "obsolete"):
                continue
            value = entries.get((name, msg.findtext("source") or ""))
            if value:
                tr.text = value
                tr.attrib.pop("type", None)
                filled += 1
            else:
                left += 1
    if filled:
        body = ET.tostring(root, encoding="unicode")
        ts_path.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
        )
    return filled, left


def main(argv: list[str]) -> int:
    if len(argv) < 1:
        print(__doc__)
        return 2
    ts, *tables = (Path(a) for a in argv)
    filled, left = merge(ts, tables)
    print(f"merge_tsv: filled {filled} translation(s) from {len(tables)} table(s); {left} left")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
