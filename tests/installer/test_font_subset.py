"""The bundle's subset of AR PL UMing (installer/font_subset.py): which characters it keeps,
that ReportLab and Qt accept the one-face collection, that it carries the Arphic licence's
modification notice, and that a certificate drawn with it falls back to UKai, per glyph, for
what the subset lacks.  The real uming.ttc is subset once per module (about 1.5 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fontTools", reason="fontTools is in the build extra (pip install -e .[build])")
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from tests.installer import load_script

ROOT = Path(__file__).resolve().parents[2]
UMING = ROOT / "resources" / "fonts" / "uming.ttc"
#: not in GB 2312 and not in kmjudge's text (so not in the subset); AR PL UKai has them
RARE = "玥赟"


FS: Any = load_script("kmjudge_font_subset", ROOT / "installer" / "font_subset.py")
L: Any = load_script("bundle_layout", ROOT / "installer" / "bundle_layout.py")


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The bundle's uming.ttc, made exactly as the spec makes it (bundle_layout)."""
    work = tmp_path_factory.mktemp("work")
    datas = L.with_subset_fonts([(str(UMING), "resources/fonts")], work)
    assert datas == [
        (str(work / "fonts" / "uming.ttc"), "resources/fonts"),
        (str(work / "fonts" / "uming.SUBSET-NOTICE.txt"), "resources/fonts"),
    ]
    out = work / "fonts" / "uming.ttc"
    return out, {"bytes": out.stat().st_size}


def _cmap(path: Path, number: int = 0) -> dict[int, str]:
    return dict(TTFont(str(path), fontNumber=number, lazy=True).getBestCmap())


def test_gb2312_is_decoded_whole_and_nothing_else() -> None:
    """Every valid GB 2312 double-byte code: 6,763 hanzi (啊 is the first, 齄 the last) and 682
    symbols (full-width Ａ, 。, ①); 堃, 喆 and 玥 are not GB 2312."""
    chars = FS.gb2312_chars()
    assert len(chars) == 7445
    for c in "啊齄Ａ。①昆明职工技能大赛荣誉证书":
        assert c in chars, c
    for c in "堃喆玥赟𠮷":
        assert c not in chars, c


def test_the_repository_text_is_scanned_translations_layouts_and_literals() -> None:
    """Characters of the translation tables, the certificate layouts and the string literals of
    the code (the demo's rare given names 堃 喆 included) are wanted; 玥 occurs nowhere."""
    repo = FS.repo_chars()
    tsv = (ROOT / "resources/translations/installer_zh.tsv").read_text("utf-8")
    assert set(tsv) - {"\t", "\n"} <= repo
    assert set("荣誉证书盖章处") <= repo  # resources/certificates/*.toml
    assert set("补发（第") <= repo  # kmjudge/checkin/tickets_pdf.py
    assert {"堃", "喆"} <= repo  # kmjudge/demo.py
    assert not set(RARE) & repo
    wanted = FS.wanted_chars()
    assert FS.gb2312_chars() <= wanted and repo <= wanted
    assert {"é", "—", "…", "“", "、", "〔", "！", "～"} <= wanted  # the ranges


def test_the_subset_keeps_every_wanted_character_the_font_has_and_drops_the_rest(
    subset: tuple[Path, dict[str, int]],
) -> None:
    """One face (AR PL UMing CN) with the wanted characters uming has: all of GB 2312 (but ￣,
    which uming never had), the repository's text; not 玥 赟; at most a quarter of the
    original's 21 MB."""
    out, info = subset
    collection = TTCollection(str(out))
    assert len(collection.fonts) == 1
    full = _cmap(UMING)
    kept = _cmap(out)
    wanted = {ord(c) for c in FS.wanted_chars()}
    assert set(kept) >= wanted & set(full)
    # beyond them only the few that kept glyphs' substitutions reach (U+223C ∼)
    assert len(set(kept) - wanted) <= 10
    gb = {ord(c) for c in FS.gb2312_chars()}
    assert gb - set(kept) == {0xFFE3}  # ￣ (GB 2312 A3FE): not in uming.ttc either
    assert 0xFFE3 not in full
    assert {ord(c) for c in FS.repo_chars()} & set(full) <= set(kept)
    assert not {ord(c) for c in RARE} & set(kept)
    assert info["bytes"] < UMING.stat().st_size / 4
    # the glyphs are the original ones: same advance widths
    a, b = TTFont(str(UMING), fontNumber=0), TTFont(str(out), fontNumber=0)
    for ch in "证书编号：A1":
        ga, gb_ = a.getBestCmap()[ord(ch)], b.getBestCmap()[ord(ch)]
        assert a["hmtx"][ga] == b["hmtx"][gb_]


def test_the_subset_says_how_and_when_it_was_changed(subset: tuple[Path, dict[str, int]]) -> None:
    """Arphic Public License §2a: a prominent notice in the modified file (name table:
    Description, Version, a new Unique ID) and the notice file beside it; the copyright and
    licence records of the original stay."""
    out, _info = subset
    names = TTFont(str(out), fontNumber=0)["name"]
    desc = names.getDebugName(10)
    assert desc is not None and "Subset of AR PL UMing CN" in desc
    assert "ARPHIC PUBLIC LICENSE" in desc and "GB 2312" in desc
    assert "kmjudge GB subset" in (names.getDebugName(5) or "")
    assert "kmjudge subset" in (names.getDebugName(3) or "")  # not the original's unique ID
    assert "Arphic" in (names.getDebugName(0) or "")
    assert names.getDebugName(1) == "AR PL UMing CN"
    notice = (out.parent / FS.NOTICE_NAME).read_text("utf-8")
    assert desc in notice and "uming.ttc" in notice


def test_reportlab_and_qt_both_accept_the_one_face_collection(
    subset: tuple[Path, dict[str, int]], qapp: Any
) -> None:
    from PySide6.QtGui import QFontDatabase
    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    out, _info = subset
    rl = RLFont("KMTestUMingSubset", str(out), subfontIndex=0)
    assert ord("证") in rl.face.charToGlyph and ord("玥") not in rl.face.charToGlyph
    font_id = QFontDatabase.addApplicationFont(str(out))
    try:
        assert font_id >= 0
        assert QFontDatabase.applicationFontFamilies(font_id) == ["AR PL UMing CN"]
    finally:
        QFontDatabase.removeApplicationFont(font_id)


@pytest.fixture
def bundle_resources(
    subset: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A resources/ folder laid out like the bundle's: the subset uming.ttc, the whole UKai and
    WenQuanYi, the real layouts; no system fonts."""
    from kmjudge.certificates import fonts

    res = tmp_path / "resources"
    (res / "fonts").mkdir(parents=True)
    for item in (ROOT / "resources").iterdir():
        if item.name != "fonts":
            (res / item.name).symlink_to(item)
    for font in ("ukai.ttc", "wqy-microhei.ttc"):
        (res / "fonts" / font).symlink_to(ROOT / "resources" / "fonts" / font)
    (res / "fonts" / "uming.ttc").symlink_to(subset[0])
    monkeypatch.setenv("KMJUDGE_RESOURCES", str(res))
    monkeypatch.setenv("KMJUDGE_FONT_DIRS", "")
    fonts.reset()
    yield res
    fonts.reset()


def test_song_text_falls_back_to_ukai_for_what_the_subset_lacks(
    bundle_resources: Path, tmp_path: Path
) -> None:
    """With the bundle's fonts, a Song line is drawn in UMing except 玥 赟, which come from UKai
    (the next font of the chain); the certificate PDF embeds both and its text has the QR
    caption with 玥赟 (the smoke test does the same with the frozen bundle)."""
    from kmjudge.certificates import fonts, preview_pdf
    from kmjudge.certificates.model import SampleFields

    song = fonts.font_chain("song")
    assert song.primary.path == bundle_resources / "fonts" / "uming.ttc"
    runs = song.runs(f"证书编号：{RARE}协会")
    names = {ref.name: ref.path.name for ref in song.fonts}
    assert [(names[f], t) for f, t in runs] == [
        ("uming.ttc", "证书编号："),
        ("ukai.ttc", RARE),
        ("uming.ttc", "协会"),
    ]
    assert song.missing(RARE) == ""
    layout = tmp_path / "seal.toml"
    text = (bundle_resources / "certificates" / "portrait.toml").read_text("utf-8")
    assert 'caption = "扫码核验"' in text
    layout.write_text(
        text.replace('caption = "扫码核验"', f'caption = "{RARE}协会扫码核验"'), "utf-8"
    )
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(preview_pdf(str(layout), SampleFields(name="张晓明")))
    reader = PdfReader(str(pdf))
    # (pypdf breaks the line where the font changes)
    assert f"{RARE}协会扫码核验" in reader.pages[0].extract_text().replace("\n", "")
    assert "UKai" in _base_fonts(reader) and "UMing" in _base_fonts(reader)


def _base_fonts(reader: PdfReader) -> str:
    """The BaseFont names of the fonts of the pages and their form XObjects."""
    found: list[str] = []

    def walk(resources: Any) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            found.append(str(font.get_object()["/BaseFont"]))
        for xo in (resources.get("/XObject") or {}).values():
            walk(xo.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return " ".join(found)
