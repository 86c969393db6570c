"""The Chinese catalogue of these pages, compiled from resources/translations/pages_zh.tsv.

The app's own catalogue (kmjudge_zh_CN.qm) is maintained by the shell; until these strings are
merged into it, tests and screenshots install this one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
TSV = ROOT / "resources" / "translations" / "pages_zh.tsv"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"


def read_tsv(path: Path = TSV) -> dict[tuple[str, str], str]:
    """(context, source) -> translation; ``\\n`` and ``\\t`` in the file are escapes."""

    def unescape(text: str) -> str:
        return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")

    out: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        context, source, translation = line.split("\t")
        out[(context, unescape(source))] = unescape(translation)
    return out


def compile_catalogue(entries: dict[tuple[str, str], str], folder: Path) -> Path:
    """Write a .ts from the entries and compile it with pyside6-lrelease; returns the .qm."""
    by_context: dict[str, list[tuple[str, str]]] = {}
    for (context, source), translation in sorted(entries.items()):
        by_context.setdefault(context, []).append((source, translation))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="zh_CN">',
    ]
    for context, messages in by_context.items():
        parts.append(f"<context><name>{escape(context)}</name>")
        for source, translation in messages:
            parts.append(
                f"<message><source>{escape(source)}</source>"
                f"<translation>{escape(translation)}</translation></message>"
            )
        parts.append("</context>")
    parts.append("</TS>")
    ts = folder / "pages_zh.ts"
    ts.write_text("\n".join(parts), encoding="utf-8")
    qm = folder / "pages_zh.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm
