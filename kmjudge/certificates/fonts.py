"""Certificate fonts: Kai, Song and Hei faces with per-glyph fallback.

Each face is a *chain* of TrueType fonts. The system's fonts come first when present (on
Windows 楷体 ``simkai.ttf``, 宋体 ``simsun.ttc``, 黑体 ``simhei.ttf``, 微软雅黑 ``msyh.ttc``,
and SimSun-ExtB ``simsunb.ttf`` for CJK Extension B names such as 𠮷), then the fonts bundled in
``resources/fonts`` (AR PL UKai, AR PL UMing, WenQuanYi Micro Hei, with their licences), then
the other faces as fallbacks. A text is drawn in runs: each character in the first font of the
chain that has a glyph for it. A character that no font has is reported by ``missing`` so that
the batch is refused (or forced) *before* printing, instead of printing an empty box.

Only TrueType-outline (``glyf``) fonts can be embedded by ReportLab; a system font it refuses
(CFF outlines, embedding not permitted) is skipped with a log line. Fonts are embedded as
subsets of the characters used (ReportLab's subsetting).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kmjudge import paths

log = logging.getLogger(__name__)

Face = Literal["kai", "song", "hei"]
FACES: tuple[Face, ...] = ("kai", "song", "hei")
FACE_ZH = {"kai": "楷体", "song": "宋体", "hei": "黑体"}

#: system font files per face, best first: (file name, subfont index)
SYSTEM_FILES: dict[str, tuple[tuple[str, int], ...]] = {
    "kai": (("simkai.ttf", 0), ("STKAITI.TTF", 0)),
    "song": (("simsun.ttc", 0), ("STSONG.TTF", 0)),
    "hei": (("simhei.ttf", 0), ("msyh.ttc", 0), ("msyh.ttf", 0)),
    # last-resort coverage of CJK Extension B (e.g. 𠮷) on Windows
    "ext": (("simsunb.ttf", 0),),
}
#: bundled fonts per face (``resources/fonts``)
BUNDLED: dict[str, tuple[str, int]] = {
    "kai": ("ukai.ttc", 0),
    "song": ("uming.ttc", 0),
    "hei": ("wqy-microhei.ttc", 0),
}


def system_font_dirs() -> list[Path]:
    """Folders searched for system fonts (tests monkeypatch this). ``KMJUDGE_FONT_DIRS``
    (paths separated by ``os.pathsep``) replaces the defaults."""
    env = os.environ.get("KMJUDGE_FONT_DIRS")
    if env is not None:
        return [Path(p) for p in env.split(os.pathsep) if p]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        out = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            out.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return out
    home = Path.home()
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def _find_system(names: Iterable[str], dirs: list[Path]) -> dict[str, Path]:
    """Case-insensitive look-up of ``names`` in ``dirs`` (recursively, each folder once)."""
    wanted = {n.lower() for n in names}
    found: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _dirs, files in os.walk(d):
            for f in files:
                low = f.lower()
                if low in wanted and low not in found:
                    found[low] = Path(root) / f
    return found


@dataclass(frozen=True)
class FontRef:
    """One registered font: ReportLab name, file, subfont index, and where it came from."""

    name: str
    path: Path
    index: int
    system: bool
    face: str


class FontChain:
    """A face's fonts in fallback order, with their character coverage.

    Fonts are parsed and registered lazily, in order: a fallback font is loaded only when a
    character is not in the fonts before it (each big CJK font costs a few tenths of a second
    to parse), so a batch of ordinary names never loads the fallbacks at all.
    """

    def __init__(self, face: str, candidates: list[tuple[Path, int, bool, str]]) -> None:
        self.face = face
        self._pending = list(candidates)
        self._refs: list[FontRef] = []
        self._cmaps: list[frozenset[int]] = []
        self._pick: dict[str, int] = {}
        self._widths: list[dict[str, float]] = []
        self._lock = threading.Lock()

    def _load_next(self) -> bool:
        """Register the next usable candidate; False when none is left."""
        with self._lock:
            while self._pending:
                path, idx, system, face = self._pending.pop(0)
                if not path.exists():
                    continue
                reg = _register(path, idx, system)
                if reg is None:
                    continue
                self._refs.append(FontRef(reg[0], path, idx, system, face))
                self._cmaps.append(reg[1])
                self._widths.append({})
                return True
            return False

    @property
    def fonts(self) -> tuple[FontRef, ...]:
        """Every font of the chain (loads them all)."""
        while self._load_next():
            pass
        return tuple(self._refs)

    @property
    def primary(self) -> FontRef:
        if not self._refs and not self._load_next():
            from kmjudge.checkin.fonts import FontMissing

            raise FontMissing(
                "找不到可嵌入的中文字体，请重新安装 kmjudge。",
                "No embeddable CJK font was found; reinstall kmjudge.",
            )
        return self._refs[0]

    def font_index(self, ch: str) -> int:
        """Index of the first font that has ``ch``; -1 if none has it (whitespace: 0)."""
        try:
            return self._pick[ch]
        except KeyError:
            pass
        self.primary  # noqa: B018 - at least one font
        code = ord(ch)
        idx = -1
        if ch.isspace():
            idx = 0
        else:
            i = 0
            while True:
                while i < len(self._cmaps):
                    if code in self._cmaps[i]:
                        idx = i
                        break
                    i += 1
                if idx >= 0 or not self._load_next():
                    break
        self._pick[ch] = idx
        return idx

    def missing(self, text: str) -> str:
        """The characters of ``text`` that no font of the chain has (each once, in order)."""
        out: list[str] = []
        for ch in text:
            if self.font_index(ch) < 0 and ch not in out:
                out.append(ch)
        return "".join(out)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` split into (ReportLab font name, run) by the font that draws each character.
        A character no font has stays with the primary font (it would show as a box: callers
        refuse to print such texts unless forced)."""
        out: list[tuple[str, str]] = []
        cur = -2
        buf: list[str] = []
        for ch in text:
            i = self.font_index(ch)
            if i < 0:
                i = 0
            if i != cur and buf:
                out.append((self._refs[cur].name, "".join(buf)))
                buf = []
            cur = i
            buf.append(ch)
        if buf:
            out.append((self._refs[cur].name, "".join(buf)))
        return out

    def char_width(self, font_pos: int, ch: str) -> float:
        """Advance width of ``ch`` in font ``font_pos`` at size 1 (points)."""
        cache = self._widths[font_pos]
        try:
            return cache[ch]
        except KeyError:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            w = float(stringWidth(ch, self._refs[font_pos].name, 1000)) / 1000
            cache[ch] = w
            return w

    def width(self, text: str, size: float, spacing: float = 0.0) -> float:
        """Width of ``text`` at ``size`` points with ``spacing`` points after each character."""
        total = 0.0
        for ch in text:
            i = self.font_index(ch)
            total += self.char_width(i if i >= 0 else 0, ch)
        return total * size + spacing * len(text)


_lock = threading.Lock()
_reg_lock = threading.RLock()
_chains: dict[str, FontChain] = {}
_registered: dict[tuple[str, int], tuple[str, frozenset[int]] | None] = {}


def _register(path: Path, index: int, system: bool) -> tuple[str, frozenset[int]] | None:
    """Register a font file with ReportLab once; its name and character set, or None when
    ReportLab cannot embed it."""
    key = (str(path), index)
    with _reg_lock:
        if key not in _registered:
            _registered[key] = _load(path, index, system)
        return _registered[key]


def _load(path: Path, index: int, system: bool) -> tuple[str, frozenset[int]] | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"KMC{len(_registered) + 1}{'S' if system else 'B'}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
        pdfmetrics.registerFont(font)
        cmap = frozenset(c for c, g in font.face.charToGlyph.items() if g)
        result: tuple[str, frozenset[int]] | None = (name, cmap)
    except Exception as exc:  # CFF outlines, embedding forbidden, damaged file
        log.warning("font %s (%s) cannot be embedded, skipped: %s", path, index, exc)
        result = None
    return result


def _candidates(face: str) -> list[tuple[Path, int, bool, str]]:
    found = _find_system(
        [n for files in SYSTEM_FILES.values() for n, _ in files], system_font_dirs()
    )
    fonts_dir = paths.resources_dir() / "fonts"
    order = [face] + [f for f in FACES if f != face]
    out: list[tuple[Path, int, bool, str]] = []
    for f in order:
        for fname, idx in SYSTEM_FILES[f]:
            p = found.get(fname.lower())
            if p is not None:
                out.append((p, idx, True, f))
        bfile, bidx = BUNDLED[f]
        out.append((fonts_dir / bfile, bidx, False, f))
    for fname, idx in SYSTEM_FILES["ext"]:
        p = found.get(fname.lower())
        if p is not None:
            out.append((p, idx, True, "ext"))
    return out


def font_chain(face: str) -> FontChain:
    """The fallback chain of ``face`` (kai, song or hei), built once per process."""
    if face not in FACES:
        raise ValueError(f"unknown font face {face!r} (kai, song, hei)")
    chain = _chains.get(face)
    if chain is not None:
        return chain
    with _lock:
        chain = _chains.get(face)
        if chain is None:
            chain = FontChain(face, _candidates(face))
            chain.primary  # noqa: B018 - fail here when no font at all can be used
            _chains[face] = chain
    return chain


def missing_chars(text: str) -> str:
    """Characters of ``text`` that no certificate font has (any face: every chain holds every
    font, so the Kai chain answers for all)."""
    return font_chain("kai").missing(text)


def reset() -> None:
    """Forget the chains (tests that change ``system_font_dirs``)."""
    with _lock:
        _chains.clear()


def describe() -> tuple[tuple[str, str], ...]:
    """(face, "file (system|bundled)") for every font of every chain, for the docs/CLI."""
    out = []
    for face in FACES:
        for ref in font_chain(face).fonts:
            out.append(
                (face, f"{ref.path.name}#{ref.index} ({'system' if ref.system else 'bundled'})")
            )
    return tuple(out)
