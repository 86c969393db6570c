"""Fonts: embedded and subset (read back from the PDF), per-glyph fallback for rare name
characters, the system font search (Windows names in a monkeypatched font folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kmjudge import paths
from kmjudge.certificates import fonts, preview_pdf
from kmjudge.certificates.model import SampleFields
from tests.certificates.helpers import pdf_text


def _fonts_in(reader: PdfReader) -> dict[str, Any]:
    """Every font dictionary used by the pages and their form XObjects, by BaseFont."""
    found: dict[str, Any] = {}

    def walk(resources: Any) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            f = font.get_object()
            found[str(f["/BaseFont"])] = f
        for xo in (resources.get("/XObject") or {}).values():
            walk(xo.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    fonts.reset()
    yield
    fonts.reset()


def test_every_font_is_embedded_as_a_truetype_subset(tmp_path: Path) -> None:
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(preview_pdf("landscape", SampleFields(name="周刏", title="技术状元")))
    found = _fonts_in(PdfReader(str(pdf)))
    assert found, "no fonts found"
    for name, f in found.items():
        desc = f["/FontDescriptor"].get_object()
        assert "/FontFile2" in desc, f"{name} is not embedded"
        assert name[1:8].endswith("+") and name[1:7].isupper(), f"{name} is not a subset"
        size = len(desc["/FontFile2"].get_object().get_data())
        assert size < 400_000, f"{name}: {size} bytes embedded, not a subset"
    names = " ".join(found)
    assert "UKai" in names and "WenQuanYi" in names  # 刏 came from the fallback font


def test_a_rare_name_is_drawn_run_by_run_from_the_fonts_that_have_it() -> None:
    kai = fonts.font_chain("kai")
    runs = kai.runs("周刏堃")
    assert [r[1] for r in runs] == ["周", "刏", "堃"]
    picked = {text: next(f for f in kai.fonts if f.name == name) for name, text in runs}
    assert picked["周"].path.name == "ukai.ttc" and picked["堃"].path.name == "ukai.ttc"
    assert picked["刏"].path.name == "wqy-microhei.ttc"
    for ch in "堃喆昇赟犇":
        assert kai.font_index(ch) == 0, ch  # the Kai font itself has them
    assert kai.missing("张𠮷㵘明") == "𠮷㵘"
    assert fonts.missing_chars("张晓明") == ""


def test_rare_characters_come_back_out_of_the_pdf(tmp_path: Path) -> None:
    data = preview_pdf("landscape", SampleFields(name="李堃喆", title=""))
    (page,) = pdf_text(data)
    assert "李堃喆" in page
    (page,) = pdf_text(preview_pdf("landscape", SampleFields(name="周刏")))
    assert "周刏" in page


def test_system_fonts_come_first_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fonts: None
) -> None:
    """A Windows-like font folder: 宋体 as simsun.ttc (a TTC: subfont index 0) and 楷体 as
    SIMKAI.TTF (upper case, as some installs have it); the bundled fonts are only fallbacks."""
    win = tmp_path / "Windows" / "Fonts"
    win.mkdir(parents=True)
    bundled = paths.resources_dir() / "fonts"
    os.symlink(bundled / "uming.ttc", win / "simsun.ttc")
    os.symlink(bundled / "ukai.ttc", win / "SIMKAI.TTF")
    (win / "simhei.ttf").write_bytes(b"not a font")  # damaged: skipped, never fatal
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [win])
    song = fonts.font_chain("song")
    assert song.primary.system and song.primary.path.name == "simsun.ttc"
    assert [f.system for f in song.fonts][:2] == [True, False]
    kai = fonts.font_chain("kai")
    assert kai.primary.system and kai.primary.path.name == "SIMKAI.TTF"
    hei = fonts.font_chain("hei")
    assert not hei.primary.system and hei.primary.path.name == "wqy-microhei.ttc"
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(preview_pdf("landscape"))
    assert any(str(f.path).startswith(str(win)) for f in kai.fonts)
    assert _fonts_in(PdfReader(str(pdf)))


def test_without_system_fonts_the_bundled_ones_are_used(
    monkeypatch: pytest.MonkeyPatch, fresh_fonts: None
) -> None:
    monkeypatch.setenv("KMJUDGE_FONT_DIRS", "")
    chain = fonts.font_chain("kai")
    assert [f.path.name for f in chain.fonts] == ["ukai.ttc", "uming.ttc", "wqy-microhei.ttc"]
    assert not any(f.system for f in chain.fonts)
