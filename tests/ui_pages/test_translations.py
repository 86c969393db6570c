"""Every English source string of these pages has a Chinese translation with the same fields."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from .catalogue import ROOT, read_tsv

SOURCES = sorted((ROOT / "ui" / "registration").glob("*.py")) + sorted(
    (ROOT / "ui" / "setup").glob("*.py")
)
FIELDS = re.compile(r"\{(\w*)\}")


def extracted(tmp_path: Path) -> set[tuple[str, str]]:
    """(context, source) of every self.tr(...) in the pages, as Qt's lupdate finds them."""
    ts = tmp_path / "pages.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *map(str, SOURCES), "-ts", str(ts)], check=True, capture_output=True
    )
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.add((name, message.findtext("source") or ""))
    return out


def test_every_string_is_translated(tmp_path: Path) -> None:
    """lupdate over ui/registration and ui/setup finds no string missing from pages_zh.tsv."""
    found = extracted(tmp_path)
    table = read_tsv()
    assert len(found) > 150
    missing = sorted(found - set(table))
    assert not missing, missing
    stale = sorted(set(table) - found)
    assert not stale, stale


def test_translations_keep_the_format_fields() -> None:
    """A translation uses exactly the {fields} of its source, so .format() never breaks."""
    for (context, source), translation in read_tsv().items():
        assert sorted(FIELDS.findall(source)) == sorted(FIELDS.findall(translation)), (
            context,
            source,
        )
        assert translation.strip(), (context, source)
