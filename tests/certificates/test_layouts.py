"""Layouts are data: the bundled ones load and preview; a broken one names every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from kmjudge import certificates as cert
from kmjudge.certificates.layout import load_layout
from kmjudge.errors import ValidationFailed
from tests.certificates.helpers import pdf_text

GOOD = """
name = "mini"
label = "小样"
orientation = "portrait"
[texts.award]
heading = "荣誉证书"
[[element]]
type = "text"
text = "{heading} {name}"
x = 20
y = 30
[[element]]
type = "qr"
x = 20
y = 200
size_mm = 20
"""


def test_bundled_layouts_load_and_preview_as_one_page_each() -> None:
    infos = {i.name: i for i in cert.list_layouts()}
    assert {"landscape", "portrait", "stock-landscape"} <= set(infos)
    assert infos["landscape"].orientation == "landscape" and infos["landscape"].mode == "full"
    assert infos["stock-landscape"].mode == "overlay"
    for name, info in infos.items():
        data = cert.preview_pdf(name, cert.SampleFields(name="张晓明"))
        reader = PdfReader(__import__("io").BytesIO(data))
        assert len(reader.pages) == 1
        w, h = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
        assert (w > h) == (info.orientation == "landscape"), name
        assert "张晓明" in pdf_text(data)[0]


def test_a_custom_layout_file_is_used_as_written(tmp_path: Path) -> None:
    p = tmp_path / "mini.toml"
    p.write_text(GOOD, encoding="utf-8")
    lay = load_layout(p)
    assert lay.label == "小样" and lay.orientation == "portrait"
    (page,) = pdf_text(cert.preview_pdf(lay, cert.SampleFields(name="李四")))
    assert "荣誉证书李四" in page
    assert [i.name for i in cert.list_layouts(tmp_path)] == ["mini"]


def test_a_broken_layout_lists_every_problem_with_where(tmp_path: Path) -> None:
    bad = GOOD.replace("{heading} {name}", "{nmae}").replace("size_mm = 20", "size_mm = 5")
    bad += '\n[colors]\naccent = "red"\n[[element]]\ntype = "circle"\n'
    bad = bad.replace('orientation = "portrait"', 'orientation = "sideways"')
    p = tmp_path / "bad.toml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_layout(p)
    codes = {i.code for i in err.value.issues}
    assert {"placeholder", "size_mm", "color", "type", "orientation"} <= codes
    assert all(i.where.startswith("bad.toml") for i in err.value.issues)
    assert "nmae" in err.value.message_zh
    assert cert.list_layouts(tmp_path) == []  # a broken file is not offered
    (tmp_path / "junk.toml").write_text("= nonsense", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        load_layout(tmp_path / "junk.toml")
    with pytest.raises(cert.CertificateError):
        load_layout("does-not-exist")
