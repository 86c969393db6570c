"""The installer recipes, checked without running PyInstaller: what the bundle holds, what it
trims, how the two programs are told apart, the Windows and Linux packaging files."""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

import kmjudge
from tests.installer import load_script

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


L: Any = load_script("bundle_layout", INSTALLER / "bundle_layout.py")
entry: Any = load_script("kmjudge_installer_entry", INSTALLER / "entry.py")


def _dests(datas: list[tuple[str, str]]) -> dict[str, str]:
    """{path relative to the repository: destination folder in the bundle}"""
    return {str(Path(src).relative_to(ROOT)): dest for src, dest in datas}


# --------------------------------------------------------------------------- data files


def test_version_is_read_from_the_package_source() -> None:
    """The bundle, the .deb and Setup.exe carry kmjudge.__version__ (read without import)."""
    assert L.version() == kmjudge.__version__
    assert L.windows_version_tuple("0.1.0") == (0, 1, 0, 0)
    assert L.windows_version_tuple("1.2.3rc1+local") == (1, 2, 3, 1)


def test_bundle_carries_fonts_with_licences_translations_sounds_icons_and_examples() -> None:
    """Every run-time file under resources/ lands in the same place under the bundle's
    resources/ (where kmjudge.paths.resources_dir() looks in a frozen app); the scripts
    that build them (.py, .sh, .tsv, .ts) stay out."""
    d = _dests(L.resource_datas())
    for font in ("wqy-microhei.ttc", "ukai.ttc", "uming.ttc"):
        assert d[f"resources/fonts/{font}"] == "resources/fonts"
    for licence in (
        "ARPHICPL.TXT",
        "ARPHICPL.zh_CN.TXT",
        "wqy-microhei.LICENSE-Apache-2.0.txt",
        "wqy-microhei.COPYRIGHT.txt",
        "ukai.COPYRIGHT.txt",
        "uming.COPYRIGHT.txt",
    ):
        assert d[f"resources/fonts/{licence}"] == "resources/fonts", licence
    assert d["resources/translations/kmjudge_zh_CN.qm"] == "resources/translations"
    assert d["resources/sounds/ok.wav"] == "resources/sounds"
    assert d["resources/examples/event-setup.toml"] == "resources/examples"
    for size in (16, 32, 256):
        assert d[f"resources/icons/kmjudge-{size}.png"] == "resources/icons"
    assert d["resources/icons/kmjudge.ico"] == "resources/icons"
    for dev_only in (
        "resources/translations/update.sh",
        "resources/translations/kmjudge_zh_CN.ts",
        "resources/translations/installer_zh.tsv",
        "resources/icons/make_icon.py",
        "resources/sounds/make_sounds.py",
    ):
        assert dev_only not in d, dev_only
    assert not any("__pycache__" in k for k in d)


def test_every_migration_and_the_licence_texts_are_bundled() -> None:
    """Alembic reads env.py and the numbered versions as source files, so each one must be
    in the bundle (a migration added later is picked up by the glob); the LGPL and the
    notices go to licenses/."""
    d = _dests(L.migration_datas())
    versions = sorted((ROOT / "kmjudge/db/migrations/versions").glob("*.py"))
    assert versions
    for v in versions:
        rel = str(v.relative_to(ROOT))
        assert d[rel] == "kmjudge/db/migrations/versions", rel
    assert d["kmjudge/db/migrations/env.py"] == "kmjudge/db/migrations"
    lic = _dests(L.license_datas())
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt", "LGPL-2.1.txt", "NOTICE.txt"):
        assert lic[f"installer/licenses/{name}"] == "licenses"


def test_notice_names_every_component_the_about_dialog_lists() -> None:
    """installer/licenses/NOTICE.txt (also the .deb's copyright file) and the About dialog
    name the same components and licences."""
    notice = (INSTALLER / "licenses" / "NOTICE.txt").read_text("utf-8")
    about = (ROOT / "ui" / "about.py").read_text("utf-8")
    names = re.findall(r'Component\(\s*"([^"]+)"', about)
    assert len(names) >= 10
    for name in names:
        first = name.split(" / ")[0].split(" ")[0]
        assert first in notice, f"{name} is in the About dialog but not in NOTICE.txt"
    for licence in ("LGPL-3.0", "LGPL-2.1", "Apache-2.0", "Arphic Public License", "MIT", "BSD"):
        assert licence in notice
    assert "DYNAMICALLY LINKED" in notice


# --------------------------------------------------------------------------- trimming


def test_qt_plugins_kept_are_the_ones_the_app_uses() -> None:
    """X11, offscreen and Windows platforms, the ibus input method (Chinese input), JPEG/GIF/
    ICO, the multimedia back end stay; Wayland, eglfs, the virtual keyboard (QtQuick), the
    PDF image format (PDFium), GTK theme, TLS and network-information plugins go."""
    keep = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Core.so.6",  # not a plugin
    ]
    drop = [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6\\plugins\\imageformats\\qpdf.dll",
    ]
    assert [p for p in keep if not L.keep_plugin(p)] == []
    assert [p for p in drop if L.keep_plugin(p)] == []


def test_only_chinese_qt_translations_stay() -> None:
    """Qt's own translations other than zh_CN go, and pip's RECORD files; the package
    metadata and licence files stay."""
    datas = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/x/qtbase_zh_CN.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/translations/qt_help_zh_CN.qm", "/x/qt_help_zh_CN.qm", "DATA"),
        ("PySide6/Qt/translations/qtmultimedia_zh_CN.qm", "/x/m.qm", "DATA"),
        ("resources/translations/kmjudge_zh_CN.qm", "/r/kmjudge_zh_CN.qm", "DATA"),
        ("pyside6_essentials-6.11.3.dist-info/RECORD", "/s/RECORD", "DATA"),
        ("pyside6_essentials-6.11.3.dist-info/METADATA", "/s/METADATA", "DATA"),
        ("qrcode-8.2.dist-info/licenses/LICENSE", "/s/LICENSE", "DATA"),
    ]
    kept, dropped = L.trim_datas(datas)
    assert [k[0].rsplit("/", 1)[1] for k in kept] == [
        "qtbase_zh_CN.qm",
        "qtmultimedia_zh_CN.qm",
        "kmjudge_zh_CN.qm",
        "METADATA",  # importlib.metadata.version() for the About dialog
        "LICENSE",
    ]
    assert len(dropped) == 3  # two Qt translations and pip's RECORD


def _entry(dest: str, src: str | None = None, kind: str = "BINARY") -> tuple[str, str, str]:
    return (dest, src or f"/venv/{dest}", kind)


def test_trimming_keeps_what_is_linked_and_drops_the_rest() -> None:
    """Unused Qt libraries (QtPdf, only the dropped PDF plugin needs it) and OS-provided
    libraries (libX11, libstdc++) leave the bundle; what a kept extension module or plugin
    links against, directly or through another library, stays; so do the Python library
    (the bootloader loads it) and top-level links to kept libraries."""
    core = _entry("PySide6/Qt/lib/libQt6Core.so.6")
    gui = _entry("PySide6/Qt/lib/libQt6Gui.so.6")
    icu = _entry("PySide6/Qt/lib/libicuuc.so.73")
    pdf = _entry("PySide6/Qt/lib/libQt6Pdf.so.6")
    quick = _entry("PySide6/Qt/lib/libQt6Quick.so.6")
    qtcore_ext = _entry("PySide6/QtCore.abi3.so", kind="EXTENSION")
    xcb = _entry("PySide6/Qt/plugins/platforms/libqxcb.so")
    qpdf = _entry("PySide6/Qt/plugins/imageformats/libqpdf.so")
    x11 = _entry("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6")
    stdcxx = _entry("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6")
    sqlite = _entry("libsqlite3.so.0", "/lib/x86_64-linux-gnu/libsqlite3.so.0")
    sqlite_ext = _entry("python3.11/lib-dynload/_sqlite3.so", kind="EXTENSION")
    unused_sys = _entry("libunused.so.1", "/lib/x86_64-linux-gnu/libunused.so.1")
    python = _entry("libpython3.11.so.1.0", "/py/lib/libpython3.11.so.1.0")
    links = {
        qtcore_ext[1]: ["libQt6Core.so.6", "libstdc++.so.6"],
        core[1]: ["libicuuc.so.73", "libstdc++.so.6"],
        xcb[1]: ["libQt6Gui.so.6", "libX11.so.6"],
        gui[1]: ["libQt6Core.so.6"],
        qpdf[1]: ["libQt6Pdf.so.6"],
        pdf[1]: ["libQt6Quick.so.6"],
        sqlite_ext[1]: ["libsqlite3.so.0"],
    }
    everything = [core, gui, icu, pdf, quick, qtcore_ext, xcb, qpdf, x11, stdcxx, sqlite]
    everything += [sqlite_ext, unused_sys, python]
    kept, dropped = L.trim_binaries(everything, lambda src: links.get(src, []))
    names = {e[0].rsplit("/", 1)[-1] for e in kept}
    assert names == {
        "libQt6Core.so.6",
        "libQt6Gui.so.6",
        "libicuuc.so.73",
        "QtCore.abi3.so",
        "libqxcb.so",
        "libsqlite3.so.0",
        "_sqlite3.so",
        "libpython3.11.so.1.0",
    }
    assert {e[0].rsplit("/", 1)[-1] for e in dropped} == {
        "libQt6Pdf.so.6",
        "libQt6Quick.so.6",
        "libqpdf.so",
        "libX11.so.6",
        "libstdc++.so.6",
        "libunused.so.1",
    }
    # Windows mode: nothing outside the PySide6 wheel is pruned, OS libraries are kept
    kept_win, _ = L.trim_binaries(
        everything, lambda src: links.get(src, []), prune_all=False, drop_os_libraries=False
    )
    assert unused_sys in kept_win and x11 in kept_win and pdf not in kept_win
    # a top-level symbolic link to a dropped library is dropped too (no dangling links)
    links_toc = [
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    kept_links, _ = L.trim_datas(links_toc, dropped)
    assert [k[0] for k in kept_links] == ["libQt6Core.so.6"]


def test_icu_keeps_chinese_english_and_everything_not_per_locale() -> None:
    """Locale data of other languages, non-Chinese codepage converters, the Thai/Lao/Khmer/
    Burmese dictionaries, transliterations and character names go; collation (pinyin),
    Chinese converters, break rules, the CJ dictionary, time zones, normalisation stay."""
    items = [
        "root.res",
        "res_index.res",
        "pool.res",
        "zh.res",
        "zh_Hans_CN.res",
        "en_GB.res",
        "de.res",
        "coll/zh.res",
        "coll/de_.res",
        "coll/ucadata.icu",
        "curr/fr_CA.res",
        "zone/pool.res",
        "brkitr/cjdict.dict",
        "gb18030.cnv",
        "supplementalData.res",
        "yue.res",
        "ibm-1386_P100-2001.cnv",
        "ibm-37_P100-1995.cnv",
        "euc-jp-2007.cnv",
        "brkitr/thaidict.dict",
        "brkitr/word.brk",
        "translit/root.res",
        "translit/zh.res",
        "unames.icu",
        "zoneinfo64.res",
        "nfkc.nrm",
    ]
    assert L.icu_items_to_remove(items) == [
        "de.res",
        "coll/de_.res",
        "curr/fr_CA.res",
        "yue.res",
        "ibm-37_P100-1995.cnv",
        "euc-jp-2007.cnv",
        "brkitr/thaidict.dict",
        "translit/root.res",
        "translit/zh.res",
        "unames.icu",
    ]


def test_debug_sections_are_found_and_stripped_from_a_real_library(tmp_path: Path) -> None:
    """strip_debug() replaces a library built with -g by a copy without .debug_* sections
    (and the copy still exports its symbol); a non-ELF file is left alone."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("strip") is None:
        pytest.skip("needs a C compiler and strip")
    src = tmp_path / "f.c"
    src.write_text("int kmjudge_probe(void) { return 42; }\n")
    lib = tmp_path / "libprobe.so"
    subprocess.run([cc, "-g", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    text = tmp_path / "not-elf.so"
    text.write_bytes(b"hello" * 100)
    assert L._has_debug_sections(lib) is True
    assert L._has_debug_sections(text) is False
    entries = [("libprobe.so", str(lib), "BINARY"), ("x.so", str(text), "BINARY")]
    out = L.strip_debug(entries, tmp_path / "work")
    stripped = Path(out[0][1])
    assert stripped != lib and stripped.stat().st_size < lib.stat().st_size
    assert L._has_debug_sections(stripped) is False
    assert out[1] == entries[1]
    probe = ctypes.CDLL(str(stripped)).kmjudge_probe
    assert probe() == 42


# --------------------------------------------------------------------------- webcam add-on


def test_the_camera_back_end_and_what_only_it_links_become_the_webcam_addon() -> None:
    """The FFmpeg plugin, FFmpeg, QtQuick/QML and QtOpenGL (linked only by the plugin) go to the
    add-on; Qt Multimedia (the check-in sounds), QtNetwork (which Multimedia links) and QtGui
    stay in the main bundle, as does a library both sides link (libQt6Core)."""
    core = _entry("PySide6/Qt/lib/libQt6Core.so.6")
    gui = _entry("PySide6/Qt/lib/libQt6Gui.so.6")
    mm = _entry("PySide6/Qt/lib/libQt6Multimedia.so.6")
    net = _entry("PySide6/Qt/lib/libQt6Network.so.6")
    quick = _entry("PySide6/Qt/lib/libQt6Quick.so.6")
    qml = _entry("PySide6/Qt/lib/libQt6Qml.so.6")
    opengl = _entry("PySide6/Qt/lib/libQt6OpenGL.so.6")
    avcodec = _entry("PySide6/Qt/lib/libavcodec.so.61")
    avutil = _entry("PySide6/Qt/lib/libavutil.so.59")
    stub = _entry("PySide6/Qt/lib/libQt6FFmpegStub-va.so.2")
    mm_ext = _entry("PySide6/QtMultimedia.abi3.so", kind="EXTENSION")
    xcb = _entry("PySide6/Qt/plugins/platforms/libqxcb.so")
    ffmpeg = _entry("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so")
    links = {
        mm_ext[1]: ["libQt6Multimedia.so.6", "libQt6Core.so.6"],
        mm[1]: ["libQt6Network.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"],
        net[1]: ["libQt6Core.so.6"],
        gui[1]: ["libQt6Core.so.6"],
        xcb[1]: ["libQt6Gui.so.6"],
        ffmpeg[1]: ["libQt6Multimedia.so.6", "libQt6Quick.so.6", "libavcodec.so.61"],
        quick[1]: ["libQt6Qml.so.6", "libQt6OpenGL.so.6", "libQt6Gui.so.6"],
        qml[1]: ["libQt6Core.so.6"],
        avcodec[1]: ["libavutil.so.59", "libQt6FFmpegStub-va.so.2"],
    }
    everything = [core, gui, mm, net, quick, qml, opengl, avcodec, avutil, stub, mm_ext, xcb]
    everything.append(ffmpeg)
    kept, dropped = L.trim_binaries(everything, lambda src: links.get(src, []))
    assert dropped == [] and len(kept) == len(everything)
    main, addon = L.split_webcam(kept, lambda src: links.get(src, []))
    name = lambda es: {e[0].rsplit("/", 1)[-1] for e in es}  # noqa: E731
    assert name(addon) == {
        "libffmpegmediaplugin.so",
        "libQt6Quick.so.6",
        "libQt6Qml.so.6",
        "libQt6OpenGL.so.6",
        "libavcodec.so.61",
        "libavutil.so.59",
        "libQt6FFmpegStub-va.so.2",
    }
    assert name(main) == {
        "libQt6Core.so.6",
        "libQt6Gui.so.6",
        "libQt6Multimedia.so.6",
        "libQt6Network.so.6",
        "QtMultimedia.abi3.so",
        "libqxcb.so",
    }
    assert sorted(main + addon) == sorted(kept)
    # Windows: both back ends and the FFmpeg DLLs of the wheel go; the MSVC runtime stays
    win = [
        _entry("PySide6/Qt6Multimedia.dll"),
        _entry("PySide6/avcodec-61.dll"),
        _entry("PySide6/msvcp140.dll"),
        _entry("PySide6/QtMultimedia.pyd", kind="EXTENSION"),
        _entry("PySide6/plugins/multimedia/ffmpegmediaplugin.dll"),
        _entry("PySide6/plugins/multimedia/windowsmediaplugin.dll"),
    ]
    wl = {
        win[3][1]: ["Qt6Multimedia.dll", "MSVCP140.dll"],
        win[4][1]: ["Qt6Multimedia.dll", "avcodec-61.dll", "MSVCP140.dll"],
        win[5][1]: ["Qt6Multimedia.dll"],
    }
    main_w, addon_w = L.split_webcam(win, lambda src: wl.get(src, []), prune_all=False)
    assert name(addon_w) == {"ffmpegmediaplugin.dll", "windowsmediaplugin.dll", "avcodec-61.dll"}
    assert name(main_w) == {"Qt6Multimedia.dll", "msvcp140.dll", "QtMultimedia.pyd"}


def test_the_addon_is_moved_out_of_the_collected_bundle_with_its_links(tmp_path: Path) -> None:
    """After COLLECT: the add-on's files and PyInstaller's top-level links to them move to
    dist/kmjudge-webcam at the same relative paths (empty folders left behind go); laid over
    the main bundle again, as the .deb and Setup.exe install it, every link resolves."""
    bundle = tmp_path / "dist" / "kmjudge"
    internal = bundle / "_internal"
    files = {
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so": "BINARY",
        "PySide6/Qt/lib/libavcodec.so.61": "BINARY",
        "PySide6/Qt/lib/libQt6Core.so.6": "BINARY",
    }
    for rel in files:
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        (internal / rel).write_bytes(rel.encode())
    (internal / "libavcodec.so.61").symlink_to("PySide6/Qt/lib/libavcodec.so.61")
    (internal / "libQt6Core.so.6").symlink_to("PySide6/Qt/lib/libQt6Core.so.6")
    datas = [
        ("libavcodec.so.61", "PySide6/Qt/lib/libavcodec.so.61", "SYMLINK"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("resources/fonts/ukai.ttc", "/r/ukai.ttc", "DATA"),
    ]
    addon_bins = [_entry(d) for d in list(files)[:2]]
    main_datas, links = L.split_links(datas, addon_bins)
    assert [e[0] for e in links] == ["libavcodec.so.61"]
    assert [e[0] for e in main_datas] == ["libQt6Core.so.6", "resources/fonts/ukai.ttc"]
    addon = tmp_path / "dist" / "kmjudge-webcam"
    moved = L.move_addon(addon_bins + links, bundle, addon)
    assert sorted(str(p.relative_to(addon)) for p in moved) == [
        "_internal/PySide6/Qt/lib/libavcodec.so.61",
        "_internal/PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "_internal/libavcodec.so.61",
    ]
    assert not (internal / "PySide6/Qt/plugins").exists()  # emptied folders are gone
    assert (internal / "PySide6/Qt/lib/libQt6Core.so.6").is_file()
    assert (internal / "libQt6Core.so.6").resolve().is_file()
    assert not (internal / "libavcodec.so.61").is_symlink()
    shutil.copytree(addon, bundle, symlinks=True, dirs_exist_ok=True)  # install the add-on
    assert (internal / "libavcodec.so.61").read_bytes() == b"PySide6/Qt/lib/libavcodec.so.61"
    with pytest.raises(FileNotFoundError):
        L.move_addon([_entry("PySide6/Qt/lib/libnothere.so")], bundle, addon)


def test_a_strip_that_misaligns_the_load_segments_is_not_used(tmp_path: Path) -> None:
    """A library without debug information but with a symbol table is stripped with
    --strip-unneeded (smaller, still loads, its exported function still works); when the
    stripped copy's load segments are misaligned (what a full strip once did to Qt's FFmpeg
    libraries) the original is kept."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("strip") is None:
        pytest.skip("needs a C compiler and strip")
    src = tmp_path / "f.c"
    src.write_text("int kmjudge_probe(void) { return 7; }\nstatic int helper(void) { return 1; }\n")
    lib = tmp_path / "libprobe.so"
    subprocess.run([cc, "-O1", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    assert not L._has_debug_sections(lib) and L._has_symbol_table(lib)
    assert L.load_segments_aligned(lib)
    [(_d, out, _k)] = L.strip_debug([("libprobe.so", str(lib), "BINARY")], tmp_path / "w")
    stripped = Path(out)
    assert stripped != lib and not L._has_symbol_table(stripped)
    assert stripped.stat().st_size < lib.stat().st_size
    assert ctypes.CDLL(str(stripped)).kmjudge_probe() == 7
    # a "strip" that shifts a load segment's file offset by one byte
    bad = tmp_path / "bad-strip"
    bad.write_text(
        "#!" + sys.executable + "\n"
        "import shutil, struct, sys\n"
        "src, out = sys.argv[-1], sys.argv[sys.argv.index('-o') + 1]\n"
        "shutil.copy(src, out)\n"
        "data = bytearray(open(out, 'rb').read())\n"
        "phoff, = struct.unpack_from('<Q', data, 0x20)\n"
        "size, n = struct.unpack_from('<HH', data, 0x36)\n"
        "for i in range(n):\n"
        "    at = phoff + i * size\n"
        "    if struct.unpack_from('<I', data, at)[0] == 1:\n"
        "        off, = struct.unpack_from('<Q', data, at + 8)\n"
        "        struct.pack_into('<Q', data, at + 8, off + 1)\n"
        "open(out, 'wb').write(data)\n"
    )
    bad.chmod(0o755)
    kept = L.strip_debug([("libprobe.so", str(lib), "BINARY")], tmp_path / "w2", strip=str(bad))
    assert kept == [("libprobe.so", str(lib), "BINARY")]
    assert not L.load_segments_aligned(tmp_path / "w2" / "stripped" / "libprobe.so")


# --------------------------------------------------------------------------- the spec


#: what the fake GUI analysis finds: the camera back end, FFmpeg, Qt Multimedia and QtCore
_BINARIES = [
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "/w/libffmpegmediaplugin.so"),
    ("PySide6/Qt/lib/libavcodec.so.61", "/w/libavcodec.so.61"),
    ("PySide6/Qt/lib/libQt6Multimedia.so.6", "/w/libQt6Multimedia.so.6"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6"),
]
_LINKS = {
    "/w/libffmpegmediaplugin.so": ["libavcodec.so.61", "libQt6Multimedia.so.6"],
    "/w/libQt6Multimedia.so.6": ["libQt6Core.so.6"],
    "/w/QtMultimedia.abi3.so": ["libQt6Multimedia.so.6"],
}


class _Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT: records the arguments; the GUI
    analysis finds _BINARIES, COLLECT writes the files it is given into DISTPATH."""

    calls: ClassVar[list[tuple[str, tuple[Any, ...], dict[str, Any]]]] = []
    distpath: ClassVar[Path] = Path()

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _Recorder.calls.append((self.kind, args, kwargs))
        obj = types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])
        if self.kind == "Analysis":
            obj.datas = [(f"{d}/{Path(s).name}", s, "DATA") for s, d in kwargs.get("datas", [])]
            if "PySide6" not in kwargs.get("excludes", []):  # the GUI
                obj.binaries = [(d, s, "BINARY") for d, s in _BINARIES]
                obj.binaries.append(
                    ("PySide6/QtMultimedia.abi3.so", "/w/QtMultimedia.abi3.so", "EXTENSION")
                )
        if self.kind == "COLLECT":
            internal = _Recorder.distpath / kwargs["name"] / "_internal"
            for toc in (a for a in args if isinstance(a, list)):  # binaries and datas
                for dest, _src, _kind in toc:
                    (internal / dest).parent.mkdir(parents=True, exist_ok=True)
                    (internal / dest).write_text(dest)
        return obj


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_spec_names_the_data_folders_programs_and_exclusions(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Execute installer/kmjudge.spec with PyInstaller's building blocks replaced by recorders:
    the GUI analysis gets every data file of bundle_layout (UMing as the build's subset), the
    page modules the main window imports by name, the exclusions (no WebEngine, QML,
    Designer); Linux makes one executable plus a kmjudge link, Windows a windowed
    kmjudge-gui.exe and a console kmjudge.exe; on both the camera back end and FFmpeg end up
    in dist/kmjudge-webcam, not in dist/kmjudge."""
    fake_pyi = types.ModuleType("PyInstaller")
    depend = types.ModuleType("PyInstaller.depend")
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda path: [(n, f"/w/{n}") for n in _LINKS.get(path, [])]  # type: ignore[attr-defined]
    utils = types.ModuleType("PyInstaller.utils")
    hooks = types.ModuleType("PyInstaller.utils.hooks")

    def collect_submodules(package: str) -> list[str]:
        base = ROOT / package
        return sorted(
            ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for p in base.rglob("*.py")
            if "__pycache__" not in p.parts
        )

    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda dist: [(f"/site/{dist}.dist-info", f"{dist}.dist-info")]  # type: ignore[attr-defined]
    win32 = types.ModuleType("PyInstaller.utils.win32")
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(versioninfo, name, lambda *a, **k: (a, k))
    modules = {
        "PyInstaller": fake_pyi,
        "PyInstaller.depend": depend,
        "PyInstaller.depend.bindepend": bindepend,
        "PyInstaller.utils": utils,
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.win32": win32,
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }
    depend.bindepend = bindepend  # type: ignore[attr-defined]
    hooks_parent = {"hooks": hooks, "win32": win32}
    for k, v in hooks_parent.items():
        setattr(utils, k, v)
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("KMJUDGE_BUNDLE_WEBCAM", raising=False)
    monkeypatch.delenv("KMJUDGE_BUNDLE_FONT_SUBSET", raising=False)
    subset_calls: list[Path] = []

    def fake_subset(datas: list[tuple[str, str]], workdir: Path) -> list[tuple[str, str]]:
        subset_calls.append(workdir)
        return [
            (str(workdir / "fonts/uming.ttc"), d) if s.endswith("uming.ttc") else (s, d)
            for s, d in datas
        ]

    monkeypatch.setattr(L, "with_subset_fonts", fake_subset)
    (tmp_path / "dist" / "kmjudge").mkdir(parents=True)
    (tmp_path / "dist" / "kmjudge-webcam" / "stale").mkdir(parents=True)  # an older build's
    _Recorder.calls = []
    _Recorder.distpath = tmp_path / "dist"
    namespace: dict[str, Any] = {
        "SPECPATH": str(INSTALLER),
        "DISTPATH": str(tmp_path / "dist"),
        "workpath": str(tmp_path / "work"),
        **{k: _Recorder(k) for k in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    code = compile((INSTALLER / "kmjudge.spec").read_text("utf-8"), "kmjudge.spec", "exec")
    exec(code, namespace)

    analyses = [c for c in _Recorder.calls if c[0] == "Analysis"]
    exes = [c for c in _Recorder.calls if c[0] == "EXE"]
    collect = [c for c in _Recorder.calls if c[0] == "COLLECT"]
    gui = analyses[0][2]
    assert analyses[0][1][0] == [str(INSTALLER / "entry.py")]
    assert str(ROOT) in gui["pathex"]
    sources = {str(Path(s).relative_to(ROOT)) for s, _d in gui["datas"] if s.startswith(str(ROOT))}
    assert "resources/fonts/ukai.ttc" in sources
    # AR PL UMing is the build's subset (installer/font_subset.py), in PyInstaller's workpath
    assert subset_calls == [tmp_path / "work"]
    assert "resources/fonts/uming.ttc" not in sources
    assert (str(tmp_path / "work/fonts/uming.ttc"), "resources/fonts") in gui["datas"]
    assert "resources/translations/kmjudge_zh_CN.qm" in sources
    assert "kmjudge/db/migrations/env.py" in sources
    assert "installer/licenses/LGPL-3.0.txt" in sources
    assert any(d == "SQLAlchemy.dist-info" for _s, d in gui["datas"])
    for page in ("ui.setup.events_page", "ui.checkin", "kmjudge.cli", "alembic.op"):
        assert any(h == page or h.startswith(page + ".") for h in gui["hiddenimports"]), page
    for unwanted in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtDesigner", "tkinter"):
        assert unwanted in gui["excludes"]
    assert collect[0][2]["name"] == "kmjudge"
    # the webcam add-on was moved out of the collected bundle, the rest stayed
    internal = tmp_path / "dist" / "kmjudge" / "_internal"
    addon = tmp_path / "dist" / "kmjudge-webcam" / "_internal"
    for moved in (
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/lib/libavcodec.so.61",
    ):
        assert (addon / moved).is_file() and not (internal / moved).exists(), moved
    for stays in ("PySide6/Qt/lib/libQt6Multimedia.so.6", "PySide6/Qt/lib/libQt6Core.so.6"):
        assert (internal / stays).is_file() and not (addon / stays).exists(), stays
    assert not (tmp_path / "dist" / "kmjudge-webcam" / "stale").exists()
    if platform == "linux":
        assert len(analyses) == 1 and len(exes) == 1
        assert exes[0][2]["name"] == "kmjudge-gui"
        link = tmp_path / "dist" / "kmjudge" / "kmjudge"
        assert link.is_symlink() and str(link.readlink()) == "kmjudge-gui"
    else:
        assert len(analyses) == 2 and len(exes) == 2
        by_name = {e[2]["name"]: e[2] for e in exes}
        assert by_name["kmjudge-gui"]["console"] is False
        assert by_name["kmjudge"]["console"] is True
        assert by_name["kmjudge-gui"]["icon"].endswith("kmjudge.ico")
        assert by_name["kmjudge-gui"]["version"] is not None
        assert "PySide6" in analyses[1][2]["excludes"]  # the CLI never loads Qt


def test_the_program_is_chosen_by_the_name_it_was_started_as() -> None:
    assert entry.program_name("/opt/kmjudge/kmjudge") == "cli"
    assert entry.program_name("/usr/bin/kmjudge") == "cli"
    assert entry.program_name("C:\\Program Files\\kmjudge\\kmjudge.exe") == "cli"
    assert entry.program_name("C:\\Program Files\\kmjudge\\KMJUDGE.EXE") == "cli"
    assert entry.program_name("/opt/kmjudge/kmjudge-gui") == "gui"
    assert entry.program_name("kmjudge-gui.exe") == "gui"


# --------------------------------------------------------------------------- packaging files


def test_windows_installer_script_is_complete() -> None:
    """The Inno Setup script: UTF-8 with BOM (else the Chinese is garbled), a Chinese wizard,
    Start-menu and desktop shortcuts, the icon, the bundle as source, a fixed AppId, and no
    rule that deletes the user's data folder."""
    raw = (INSTALLER / "windows" / "kmjudge.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")  # CRLF throughout
    iss = raw.decode("utf-8-sig").replace("\r\n", "\n")
    assert "ChineseSimplified.isl" in iss and "LanguageDetectionMethod=none" in iss
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M)
    assert "{group}\\{#AppNameZh}" in iss and "{autodesktop}\\{#AppNameZh}" in iss
    assert "Tasks: desktopicon" in iss
    assert 'Source: "{#Bundle}\\*"' in iss and '#define Bundle "..\\..\\dist\\kmjudge"' in iss
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.M)
    assert icon is not None
    rel = icon.group(1).strip().replace("\\", "/")
    assert (INSTALLER / "windows" / rel).resolve() == ROOT / "resources/icons/kmjudge.ico"
    code = "\n".join(ln for ln in iss.splitlines() if not ln.lstrip().startswith(";")).lower()
    assert "[uninstalldelete]" not in code and "deltree" not in code
    assert "localappdata" not in code and "appdata}" not in code  # nothing touches user data
    assert "kmjudge-gui.exe" in iss and "NOTICE.txt" in iss
    ps1 = (INSTALLER / "windows" / "build-windows.ps1").read_text("utf-8-sig")
    assert "PyInstaller" in ps1 and "kmjudge.iss" in ps1 and "--smoke" in ps1


def test_windows_setup_offers_the_webcam_addon_as_a_component() -> None:
    """Setup.exe: the program is a fixed component, 摄像头扫码（可选） a second one, checked
    in the default (full) type, holding dist\\kmjudge-webcam laid into the same {app} tree;
    left out when the build made no add-on.  The Windows build script checks the subset font,
    and runs --check-webcam without and with the add-on."""
    iss = (INSTALLER / "windows" / "kmjudge.iss").read_bytes().decode("utf-8-sig")
    iss = iss.replace("\r\n", "\n")
    assert f'#define WebcamAddon "..\\..\\dist\\{L.WEBCAM_ADDON}"' in iss
    assert "#define HaveWebcam DirExists(AddBackslash(SourcePath) + WebcamAddon)" in iss
    types = re.search(r"^\[Types\]\n(.*?)\n\n", iss, re.M | re.S)
    assert types is not None and types.group(1).splitlines()[0].startswith('Name: "full"')
    comps = re.search(r"^\[Components\]\n(.*?)\n\n", iss, re.M | re.S)
    assert comps is not None
    lines = comps.group(1).splitlines()
    assert lines[0] == (
        'Name: "main"; Description: "{cm:ComponentMain}"; Types: full compact custom; Flags: fixed'
    )
    assert lines[1:] == [
        "#if HaveWebcam",
        'Name: "webcam"; Description: "{cm:ComponentWebcam}"; Types: full',
        "#endif",
    ]
    webcam_text = re.search(r"^chs\.ComponentWebcam=(.+)$", iss, re.M)
    assert webcam_text is not None and webcam_text.group(1).startswith("摄像头扫码（可选）")
    files = re.search(r"^\[Files\]\n(.*?)\n\n", iss, re.M | re.S)
    assert files is not None
    sources = [ln for ln in files.group(1).splitlines() if ln.startswith("Source:")]
    assert sources == [
        'Source: "{#Bundle}\\*"; DestDir: "{app}"; Components: main; '
        "Flags: ignoreversion recursesubdirs createallsubdirs",
        'Source: "{#WebcamAddon}\\*"; DestDir: "{app}"; Components: webcam; '
        "Flags: ignoreversion recursesubdirs createallsubdirs",
    ]
    assert "#if HaveWebcam" in files.group(1)
    ps1 = (INSTALLER / "windows" / "build-windows.ps1").read_text("utf-8-sig")
    assert "uming.SUBSET-NOTICE.txt" in ps1 and "dist\\kmjudge-webcam" in ps1
    assert ps1.count("Check-Webcam ") == 2 and "--check-webcam" in ps1


def test_linux_desktop_entry_starts_the_gui_with_the_icon_in_chinese() -> None:
    desktop = (INSTALLER / "linux" / "kmjudge.desktop").read_text("utf-8")
    fields = dict(
        line.split("=", 1) for line in desktop.splitlines() if "=" in line and line[0] != "#"
    )
    assert fields["Type"] == "Application"
    assert fields["Exec"] == "kmjudge-gui" and fields["Icon"] == "kmjudge"
    assert fields["GenericName[zh_CN]"] == "昆明市职工技能大赛现场评审系统"
    assert fields["Terminal"] == "false" and fields["Categories"].endswith(";")


def test_build_script_takes_the_deb_dependencies_from_system_deps() -> None:
    """build-linux.sh reads RUNTIME_PKGS from scripts/system-deps.sh; the sed range it uses
    must still find the package names there (a reformatted array would silently lose them)."""
    script = (INSTALLER / "build-linux.sh").read_text("utf-8")
    assert "sed -n '/^RUNTIME_PKGS=(/,/^)/p' scripts/system-deps.sh" in script
    deps = (ROOT / "scripts" / "system-deps.sh").read_text("utf-8")
    block = re.search(r"^RUNTIME_PKGS=\(\n(.*?)^\)", deps, re.M | re.S)
    assert block is not None
    names = block.group(1).split()
    assert "libxcb-cursor0" in names and "libfontconfig1" in names and len(names) > 20
