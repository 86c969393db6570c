"""What goes into the frozen one-folder bundle, and what is trimmed from it.

``installer/kmjudge.spec`` (PyInstaller) imports this module; the tests in tests/installer
import it too, so the layout is checked without running PyInstaller. Pure Python, no Qt, no
PyInstaller import at module level.

The bundle (``dist/kmjudge/``)::

    kmjudge-gui[.exe]          the GUI (ui.app.main)
    kmjudge[.exe]              the command line (kmjudge.cli.main), sharing every library
                               (Linux: a symbolic link to kmjudge-gui, see entry.py)
    _internal/
        resources/             fonts (+ licence files), translations (.qm), sounds, examples,
                               icons: kmjudge.paths.resources_dir() finds them here; AR PL
                               UMing is a build-time subset (installer/font_subset.py)
        kmjudge/db/migrations/ Alembic's env.py and numbered versions (read as source files)
        licenses/              licence texts of kmjudge's components (LGPL for Qt, ...)
        PySide6/Qt/...         only the Qt libraries, plugins and zh_CN translations in use

The webcam add-on (``dist/kmjudge-webcam/``, same relative paths, laid over the bundle when
installed: the kmjudge-webcam .deb, the Setup.exe component)::

    _internal/PySide6/Qt/plugins/multimedia/   Qt's camera back end (FFmpeg)
    _internal/PySide6/Qt/lib/...               FFmpeg, QtQuick/QML, QtOpenGL: what only it links
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

APP_NAME = "kmjudge"
GUI_NAME = "kmjudge-gui"
CLI_NAME = "kmjudge"
DISPLAY_NAME_ZH = "昆明市职工技能大赛现场评审系统"

# Development files that live in resources/ but are not needed at run time.
RESOURCE_SKIP_SUFFIXES = frozenset({".py", ".pyc", ".sh", ".ts", ".tsv"})
RESOURCE_SKIP_DIRS = frozenset({"__pycache__"})

#: Distributions whose metadata (version, licence files) the frozen app keeps, so the About
#: dialog can show their versions through importlib.metadata.
METADATA_PACKAGES = (
    "PySide6_Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "reportlab",
    "qrcode",
    "openpyxl",
    "cryptography",
    "platformdirs",
    "charset-normalizer",
    "zxing-cpp",
)

#: Python modules never wanted in the bundle (the GUI uses QtCore, QtGui, QtWidgets and
#: QtMultimedia only; no QML, no WebEngine, no Designer).
EXCLUDES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc_data",
    "pytest",
    "hypothesis",
    "IPython",
    "numpy",
    "readline",
    "curses",
    "_curses",
    # Pillow is only needed for photos on tickets (JPEG/PNG through ReportLab's ImageReader)
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL.ImageCms",
    "PIL._imagingcms",
    "PIL.ImageFont",
    "PIL._imagingft",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuick3D",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DAnimation",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtTextToSpeech",
    "PySide6.QtSpatialAudio",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtHttpServer",
    "PySide6.QtNetworkAuth",
    "PySide6.QtAxContainer",
)

#: Qt plugins kept, by plugin folder; every other plugin (and every other folder) is dropped.
#: Names without the "lib" prefix and the suffix, so one table serves Linux and Windows.
#: platforms: X11 (xcb), the offscreen smoke run, Windows; no Wayland (Qt falls back to xcb
#: through XWayland), no eglfs/vnc/linuxfb.  imageformats: the JPEG/GIF/ICO readers; no PDF
#: (would pull in QtPdf and its PDFium), SVG, TIFF, WebP.  platforminputcontexts: ibus (also
#: what fcitx5 speaks through its ibus front end) and compose; no virtual keyboard (QtQuick).
#: multimedia: the FFmpeg (Linux) / Windows Media back end for the check-in webcam.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows", "qminimal"}),
    "xcbglintegrations": None,  # None: every plugin in the folder
    "imageformats": frozenset({"qjpeg", "qgif", "qico"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "multimedia": None,
    "styles": None,  # Windows: qmodernwindowsstyle
}

#: The webcam add-on: Qt Multimedia's camera back ends (the ``multimedia`` plugin folder: the
#: FFmpeg plugin; on Windows also the Windows Media one) and every library that only they link
#: (FFmpeg, QtQuick/QML, QtOpenGL, FFmpeg's stubs): about 40 MB the app does not need without
#: a webcam.  The build moves them from dist/kmjudge to dist/kmjudge-webcam (same relative
#: paths, laid over the main bundle when installed): the kmjudge-webcam .deb, the Setup.exe
#: component 摄像头扫码.  Check-in sounds (QSoundEffect) stay in the main bundle: Qt Multimedia
#: plays audio without a back-end plugin.
WEBCAM_PLUGIN_FOLDER = "multimedia"
WEBCAM_ADDON = "kmjudge-webcam"
#: PyInstaller's folder (contents_directory) that holds everything but the executables.
CONTENTS_DIR = "_internal"

#: The Python runtime library: loaded by the bootloader, not linked by anything.
PYTHON_LIBRARY = re.compile(r"^(libpython3[\d.]*\.so|python3\d*\.dll)")

#: Linux libraries the machine provides (installed through the .deb's Depends, or
#: scripts/system-deps.sh for a bare bundle) instead of copies from the build machine: the
#: X11/xcb/keyboard stack, fonts, GLib/D-Bus, sound, Kerberos, compression and the C++
#: runtime.  A bundled copy of these clashes with the machine's own configuration files and
#: drivers (a bundled libstdc++ older than the one Mesa's GL driver needs stops the app).
#: OpenSSL too (hashlib's scrypt for PINs): the machine's security updates apply to it.
#: Python's other helpers (SQLite, bzip2, uuid) stay bundled, so for example the SQLite
#: version is the one the tests ran with.
OS_LIBRARIES = re.compile(
    r"^lib("
    r"x11|x11-xcb|xau|xdmcp|xext|xrender|xrandr|xi|xfixes|xcursor|xcb[-\w]*|xkbcommon[-\w]*"
    r"|fontconfig|freetype|expat|png16|harfbuzz|graphite2|brotli\w*|z"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8|ffi|mount|blkid|selinux"
    r"|dbus-1|systemd|cap|gcrypt|gpg-error|lz4|zstd|lzma|bsd|md"
    r"|pulse|pulsecommon-[\d.]+|sndfile|asyncns|flac|vorbis|vorbisenc|ogg|opus|mp3lame|mpg123"
    r"|gssapi_krb5|krb5|k5crypto|com_err|krb5support|keyutils"
    r"|egl|gl|glx|opengl|gldispatch|drm|gbm|va|va-drm|va-x11"
    r"|stdc\+\+|gcc_s|ssl|crypto"
    r")\.so(\.[\d.]+)?$"
)
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")

#: Qt's own translations kept: Simplified Chinese for the standard dialogs and buttons.
QT_TRANSLATION_KEEP = re.compile(r"(^|/)(qtbase|qtmultimedia)_zh_CN\.qm$")

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (dest name, source path, type code)


def version(root: Path = ROOT) -> str:
    """``kmjudge.__version__``, read from the source without importing the package."""
    tree = ast.parse((root / "kmjudge" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ValueError(f"no __version__ = '...' in {root / 'kmjudge' / '__init__.py'}")


def windows_version_tuple(text: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0) for the .exe version resource (pre-release tags dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:4]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def _files(folder: Path) -> list[Path]:
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(part in RESOURCE_SKIP_DIRS for part in rel.parts):
            continue
        out.append(path)
    return out


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) for every run-time file under resources/."""
    base = root / "resources"
    out = []
    for path in _files(base):
        if path.suffix.lower() in RESOURCE_SKIP_SUFFIXES:
            continue
        dest = PurePosixPath("resources", *path.relative_to(base).parent.parts)
        out.append((str(path), str(dest)))
    return out


def migration_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Alembic reads env.py and the versions as source files from kmjudge/db/migrations."""
    base = root / "kmjudge" / "db" / "migrations"
    out = []
    for path in _files(base):
        if path.suffix in (".py", ".mako"):
            dest = PurePosixPath(
                "kmjudge", "db", "migrations", *path.relative_to(base).parent.parts
            )
            out.append((str(path), str(dest)))
    return out


def license_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    return [(str(p), "licenses") for p in _files(root / "installer" / "licenses")]


def all_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    return resource_datas(root) + migration_datas(root) + license_datas(root)


#: Fonts the bundle carries as a build-time subset instead of the repository's file (same
#: name, so every font look-up finds it unchanged): AR PL UMing, 21 MB -> about 5 MB.  See
#: installer/font_subset.py.  UKai (names on certificates, rare characters, and the per-glyph
#: fallback for what the subset lacks) and WenQuanYi Micro Hei (the UI) stay whole.
SUBSET_FONTS = frozenset({"uming.ttc"})


def with_subset_fonts(
    datas: Iterable[tuple[str, str]], workdir: Path, root: Path = ROOT
) -> list[tuple[str, str]]:
    """``datas`` (source, destination folder) with each font of SUBSET_FONTS replaced by its
    subset, written to ``workdir/fonts`` by installer/font_subset.py (fontTools), and the
    licence's modification notice added beside it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "kmjudge_font_subset", root / "installer" / "font_subset.py"
    )
    assert spec is not None and spec.loader is not None
    fs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fs)
    out: list[tuple[str, str]] = []
    chars: set[str] | None = None
    for src, dest in datas:
        name = PurePosixPath(src.replace("\\", "/")).name
        if name in SUBSET_FONTS and PurePosixPath(dest).parts == ("resources", "fonts"):
            chars = chars if chars is not None else fs.wanted_chars(root)
            target = workdir / "fonts" / name
            stats = fs.subset_uming(Path(src), target, chars)
            print(
                f"bundle_layout: {name}: subset of {stats['kept']} characters, "
                f"{stats['bytes_in'] / 1e6:.1f} MB -> {stats['bytes_out'] / 1e6:.1f} MB"
            )
            out.append((str(target), dest))
            out.append((str(target.parent / fs.NOTICE_NAME), dest))
        else:
            out.append((src, dest))
    return out


def icon_file(platform: str, root: Path = ROOT) -> str:
    """The executable's icon: .ico on Windows; on Linux the icon comes from the .desktop file."""
    icons = root / "resources" / "icons"
    return str(icons / ("kmjudge.ico" if platform.startswith("win") else "kmjudge-256.png"))


# --------------------------------------------------------------------------- trimming


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def _plugin_stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def plugin_location(dest: str) -> tuple[str, str] | None:
    """(plugin folder, plugin name) if ``dest`` is a Qt plugin in the bundle, else None."""
    parts = _parts(dest)
    for i, part in enumerate(parts[:-2]):
        if part == "plugins" and i > 0 and parts[i - 1] in ("Qt", "PySide6"):
            return parts[i + 1], _plugin_stem(parts[-1])
    return None


def keep_plugin(dest: str) -> bool:
    loc = plugin_location(dest)
    if loc is None:
        return True
    folder, name = loc
    if folder not in KEEP_PLUGINS:
        return False
    allowed = KEEP_PLUGINS[folder]
    if allowed is None:
        return True
    # Windows debug builds end in "d" (qxcbd.dll); release wheels do not, but be tolerant.
    return name in allowed or (name.endswith("d") and name[:-1] in allowed)


def is_qt_translation(dest: str) -> bool:
    parts = _parts(dest)
    return "translations" in parts and parts[0] == "PySide6" and dest.endswith(".qm")


#: pip's list of installed files in the copied *.dist-info folders (0.45 MB): it names files
#: the bundle does not have; importlib.metadata needs METADATA, the licence files stay.
DIST_INFO_RECORD = re.compile(r"\.dist-info/RECORD$")


def keep_data(dest: str) -> bool:
    if is_qt_translation(dest):
        return bool(QT_TRANSLATION_KEEP.search(dest.replace("\\", "/")))
    return not DIST_INFO_RECORD.search(dest.replace("\\", "/"))


def _is_qt_shared_library(entry: Entry) -> bool:
    """A shared library shipped inside the PySide6 wheel (Qt, ICU, FFmpeg, MSVC runtime),
    but not a Python extension module and not a plugin."""
    dest, _src, kind = entry
    return kind == "BINARY" and _parts(dest)[0] == "PySide6" and plugin_location(dest) is None


def _basename(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name.lower()


def is_root(entry: Entry) -> bool:
    """Loaded by the bootloader or by Python's import system, never through another binary's
    link-time imports: Python extension modules, Qt plugins, the Python library itself."""
    dest, _src, kind = entry
    return (
        kind != "BINARY"
        or plugin_location(dest) is not None
        or bool(PYTHON_LIBRARY.match(_basename(dest)))
    )


def is_os_library(entry: Entry) -> bool:
    """A Linux system library that must come from the machine, not from the bundle (the
    .deb declares the packages that provide them; see OS_LIBRARIES)."""
    dest, src, kind = entry
    if kind != "BINARY" or not src.startswith(SYSTEM_LIBRARY_DIRS):
        return False
    return bool(OS_LIBRARIES.match(_basename(dest)))


def trim_binaries(
    binaries: Iterable[Entry],
    imports_of: Callable[[str], Sequence[str]],
    *,
    prune_all: bool = True,
    drop_os_libraries: bool = True,
) -> tuple[list[Entry], list[Entry]]:
    """Drop unwanted Qt plugins, the system libraries the OS provides, then every shared
    library nothing that is left links against.

    ``imports_of(source path)`` returns the names of the libraries a binary links against
    (PyInstaller's bindepend on the build machine; a dict in the tests).  With
    ``prune_all=False`` (Windows) only the libraries inside the PySide6 wheel are pruned.
    Returns (kept, dropped).
    """
    entries = list(binaries)
    unwanted = [
        e for e in entries if not keep_plugin(e[0]) or (drop_os_libraries and is_os_library(e))
    ]
    gone = {id(e) for e in unwanted}
    entries = [e for e in entries if id(e) not in gone]

    def prunable(e: Entry) -> bool:
        return not is_root(e) and (prune_all or _is_qt_shared_library(e))

    by_name = {_basename(e[0]): e for e in entries if prunable(e)}
    needed: set[str] = set()
    todo = [e for e in entries if not prunable(e)]
    while todo:
        entry = todo.pop()
        for name in imports_of(entry[1]):
            base = _basename(name)
            if base in by_name and base not in needed:
                needed.add(base)
                todo.append(by_name[base])
    kept = [e for e in entries if not prunable(e) or _basename(e[0]) in needed]
    unused = [e for e in entries if prunable(e) and _basename(e[0]) not in needed]
    return kept, unwanted + unused


def trim_datas(
    datas: Iterable[Entry], dropped_binaries: Iterable[Entry] = ()
) -> tuple[list[Entry], list[Entry]]:
    """Drop Qt translations other than zh_CN, data files of dropped plugins, and the
    top-level symbolic links PyInstaller made to binaries that were dropped."""
    gone = _link_names(dropped_binaries)
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for e in datas:
        dest = e[0]
        dangling = _links_into(e, gone)
        (kept if keep_data(dest) and keep_plugin(dest) and not dangling else dropped).append(e)
    return kept, dropped


def _link_names(binaries: Iterable[Entry]) -> set[str]:
    """The bundle paths and base names a top-level symbolic link may point at."""
    entries = list(binaries)
    return {e[0].replace("\\", "/") for e in entries} | {_basename(e[0]) for e in entries}


def _links_into(entry: Entry, names: set[str]) -> bool:
    """``entry`` is one of PyInstaller's symbolic links to a library in ``names``."""
    dest, target, kind = entry
    return kind == "SYMLINK" and (target.replace("\\", "/") in names or _basename(dest) in names)


def is_webcam_plugin(entry: Entry) -> bool:
    loc = plugin_location(entry[0])
    return loc is not None and loc[0] == WEBCAM_PLUGIN_FOLDER


def split_webcam(
    binaries: Iterable[Entry],
    imports_of: Callable[[str], Sequence[str]],
    *,
    prune_all: bool = True,
) -> tuple[list[Entry], list[Entry]]:
    """(main bundle, webcam add-on): the add-on gets the camera back-end plugins and every
    library that only they need (what the main bundle still links, directly or through other
    libraries, once the plugins are gone, stays in it: QtMultimedia for the sounds, QtGui,
    QtNetwork).  Call it on binaries that trim_binaries() already trimmed."""
    entries = list(binaries)
    main, _unused = trim_binaries(
        [e for e in entries if not is_webcam_plugin(e)],
        imports_of,
        prune_all=prune_all,
        drop_os_libraries=False,
    )
    in_main = {id(e) for e in main}
    return main, [e for e in entries if id(e) not in in_main]


def split_links(
    entries: Iterable[Entry], addon: Iterable[Entry]
) -> tuple[list[Entry], list[Entry]]:
    """(main, add-on) of data entries: PyInstaller's top-level symbolic links to libraries
    that went to the add-on go with them (the main bundle must not hold dangling links)."""
    moved = _link_names(addon)
    main: list[Entry] = []
    extra: list[Entry] = []
    for e in entries:
        (extra if _links_into(e, moved) else main).append(e)
    return main, extra


def move_addon(entries: Iterable[Entry], bundle: Path, addon_root: Path) -> list[Path]:
    """Move the add-on's files (and links) out of the collected bundle into ``addon_root``,
    keeping their paths relative to the bundle; empty folders left behind are removed.
    Returns the moved files' new paths.  Run after PyInstaller's COLLECT."""
    import shutil

    moved: list[Path] = []
    for dest, _src, _kind in entries:
        rel = PurePosixPath(CONTENTS_DIR, *_parts(dest))
        here = bundle / rel
        if not (here.exists() or here.is_symlink()):
            raise FileNotFoundError(f"{here}: not in the collected bundle")
        there = addon_root / rel
        there.parent.mkdir(parents=True, exist_ok=True)
        if there.exists() or there.is_symlink():
            there.unlink()
        shutil.move(str(here), str(there))
        moved.append(there)
        folder = here.parent
        while folder != bundle and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return moved


def _section_names(path: Path) -> list[bytes]:
    """The section names of the 64-bit little-endian ELF file at ``path`` (empty otherwise)."""
    import struct

    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:  # 64-bit little-endian
                return []
            (shoff,) = struct.unpack_from("<Q", head, 0x28)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 0x3A)
            f.seek(shoff)
            table = f.read(shentsize * shnum)
            sections = [struct.unpack_from("<IIQQQQ", table, i * shentsize) for i in range(shnum)]
            _name, _type, _flags, _addr, str_off, str_size = sections[shstrndx]
            f.seek(str_off)
            names = f.read(str_size)
    except (OSError, struct.error, IndexError, ValueError):
        return []
    return [names[s[0] :].split(b"\0", 1)[0] for s in sections]


def _has_debug_sections(path: Path) -> bool:
    """True if the ELF file at ``path`` has .debug_* sections (read from the section headers)."""
    return any(n.startswith(b".debug_") for n in _section_names(path))


def _has_symbol_table(path: Path) -> bool:
    """True if the ELF file has a static symbol table (.symtab), which nothing needs at run
    time: dynamic linking uses .dynsym."""
    return b".symtab" in _section_names(path)


def load_segments_aligned(path: Path) -> bool:
    """True if every PT_LOAD segment of the ELF file can be mapped: its address and file
    offset agree modulo the page size and modulo its alignment (glibc refuses the file with
    "ELF load command address/offset not page-aligned" otherwise)."""
    import struct

    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
                return False
            (phoff,) = struct.unpack_from("<Q", head, 0x20)
            phentsize, phnum = struct.unpack_from("<HH", head, 0x36)
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except (OSError, struct.error):
        return False
    for i in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = struct.unpack_from(
            "<IIQQQQQQ", table, i * phentsize
        )
        if p_type != 1:  # PT_LOAD
            continue
        if (vaddr - offset) % 4096 or (align > 1 and (vaddr - offset) % align):
            return False
    return True


def strip_debug(
    entries: Iterable[Entry], workdir: Path, strip: str = "strip", *, symbols: bool = True
) -> list[Entry]:
    """Linux: replace binaries that carry debug information (the locally built Python and its
    lib-dynload, Cython modules) or, with ``symbols``, a static symbol table (cryptography's
    Rust module, ICU, libpython: about 6 MB together) by ``strip --strip-unneeded`` copies
    made in ``workdir`` (``--strip-debug`` without ``symbols``).

    Only files that have those sections are touched, and a copy is used only if its load
    segments are still aligned (load_segments_aligned): a careless ``strip`` of the Qt wheel's
    FFmpeg libraries once made them unloadable ("ELF load command address/offset not
    page-aligned"); those have neither debug sections nor a symbol table, so they are left
    alone anyway.
    """
    import subprocess

    out: list[Entry] = []
    for dest, src, kind in entries:
        if kind in ("BINARY", "EXTENSION"):
            debug = _has_debug_sections(Path(src))
            if symbols and (debug or _has_symbol_table(Path(src))):
                how = "--strip-unneeded"  # removes the debug sections too
            else:
                how = "--strip-debug" if debug else ""
            if how:
                target = workdir / "stripped" / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                done = subprocess.run([strip, how, "-o", str(target), src], capture_output=True)
                if done.returncode == 0 and load_segments_aligned(target):
                    out.append((dest, str(target), kind))
                    continue
                print(f"bundle_layout: {dest}: {strip} {how} unusable, the original is kept")
        out.append((dest, src, kind))
    return out


# --------------------------------------------------------------------------- ICU data

#: ICU's locale data kept in the Linux bundle's libicudata: the UI's two languages.  Qt uses
#: ICU for collation (QCollator), case mapping and text codecs; locale names, currencies,
#: units and time-zone names of the 800 other locales are never used by kmjudge.  Removing
#: them takes libicudata.so from 32 MB to 14.6 MB; the unused converters, dictionaries and
#: transliterations below take it to about 8 MB.
ICU_KEEP_LANGUAGES = frozenset({"en", "zh"})
_ICU_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
_ICU_ALWAYS = frozenset({"root.res", "res_index.res", "pool.res"})
#: Codepage converters kept: the Chinese ones (GB 18030, GBK, EUC-CN, Big5, Big5-HKSCS), in
#: case Qt is ever asked to decode such text (QStringDecoder); kmjudge reads outside files in
#: Python, and Unicode, ASCII and Latin-1 are built into ICU.  The other 180 converters
#: (EBCDIC, Japanese, Korean, ...) are about 4.5 MB.
ICU_KEEP_CONVERTERS = frozenset(
    {
        "gb18030.cnv",
        "ibm-1383_P110-1999.cnv",  # EUC-CN (GB 2312)
        "ibm-1386_P100-2001.cnv",  # GBK
        "windows-936-2000.cnv",  # Windows code page 936
        "ibm-1373_P100-2002.cnv",  # Windows code page 950 (Big5)
        "ibm-950_P110-1999.cnv",  # Big5
        "ibm-5471_P100-2006.cnv",  # Big5-HKSCS
    }
)
#: Other ICU data Qt never asks for: word-break dictionaries of Thai, Lao, Khmer and Burmese
#: (the Chinese/Japanese one, cjdict, stays), transliteration rules (ICU's Transliterator,
#: which Qt does not use) and Unicode character names (u_charName).  About 2.4 MB.
_ICU_UNUSED = re.compile(r"^(brkitr/(thai|lao|khmer|burmese)dict\.dict|translit/.*|unames\.icu)$")


def icu_items_to_remove(
    items: Iterable[str], keep: frozenset[str] = ICU_KEEP_LANGUAGES
) -> list[str]:
    """The items of an ICU data package (``icupkg -l``: ``coll/de.res``, ``fr_CA.res``, ...)
    that kmjudge's Qt never uses: locale data for a language not in ``keep``, codepage
    converters other than ICU_KEEP_CONVERTERS, and _ICU_UNUSED.  What stays: the kept
    locales, root data, collation (pinyin), normalisation, break rules, time zones,
    supplemental data."""
    out = []
    for item in items:
        item = item.strip()
        name = item.rsplit("/", 1)[-1]
        if not name or (name in _ICU_ALWAYS and not item.startswith("translit/")):
            continue
        m = _ICU_LOCALE.match(name)
        if (
            (m and m.group(1) not in keep)
            or (name.endswith(".cnv") and name not in ICU_KEEP_CONVERTERS)
            or _ICU_UNUSED.match(item)
        ):
            out.append(item)
    return out


def _elf_symbol(lib: Path, prefix: str) -> tuple[str, int, int]:
    """(name, file offset, size) of the first defined symbol starting with ``prefix``."""
    import subprocess

    syms = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True, check=True)
    secs = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True)
    for line in syms.stdout.splitlines():
        f = line.split()
        if len(f) >= 8 and f[7].startswith(prefix) and f[6] != "UND":
            value, size, ndx = int(f[1], 16), int(f[2], 0), int(f[6])
            for sline in secs.stdout.splitlines():
                m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sline)
                if m and int(m.group(1)) == ndx:
                    addr, off = int(m.group(3), 16), int(m.group(4), 16)
                    return f[7], value - addr + off, size
    raise ValueError(f"no symbol {prefix}* in {lib}")


def build_filtered_icu(lib: Path, workdir: Path) -> Path | None:
    """Rebuild ``libicudataNN.so`` with only the locale data of ICU_KEEP_LANGUAGES.

    The data is one symbol (``icudtNN_dat``) in a library of its own; the other ICU libraries
    find it by that name, so a library with the same soname that exports the same symbol over
    a smaller package is a drop-in.  Needs ``icupkg`` (Debian: icu-devtools) and a C compiler;
    returns None (and the bundle keeps the full data) when either is missing or a step fails.
    """
    import shutil
    import subprocess

    if not (shutil.which("icupkg") and (shutil.which("cc") or shutil.which("gcc"))):
        print("bundle_layout: icupkg or cc missing; ICU data not trimmed")
        return None
    cc = shutil.which("cc") or shutil.which("gcc")
    out_dir = workdir / "icu"
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        symbol, offset, size = _elf_symbol(lib, "icudt")
        full = out_dir / f"{symbol.removesuffix('_dat')}l.dat"
        with open(lib, "rb") as f:
            f.seek(offset)
            full.write_bytes(f.read(size))
        listed = subprocess.run(
            ["icupkg", "-l", str(full)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        remove = icu_items_to_remove(listed)
        # icupkg names the package's items after the output file: it must be icudtNNl.dat too
        (out_dir / "small").mkdir(exist_ok=True)
        small = out_dir / "small" / full.name
        # Some kept items alias removed ones (zh_Hant_HK -> yue): keep what icupkg names.
        for _attempt in range(20):
            (out_dir / "remove.txt").write_text("\n".join(remove) + "\n", "utf-8")
            small.unlink(missing_ok=True)
            done = subprocess.run(
                ["icupkg", "-r", str(out_dir / "remove.txt"), str(full), str(small)],
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                break
            needed = set(re.findall(r"depends on missing item (\S+)", done.stderr))
            if not needed:
                raise ValueError(f"icupkg failed: {done.stderr[-300:]}")
            remove = [r for r in remove if r not in needed]
        else:
            raise ValueError("icupkg: dependencies did not settle")
        asm = out_dir / "icudata.S"
        asm.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{small}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            "utf-8",
        )
        target = out_dir / lib.name
        soname = lib.name
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(target), str(asm)],
            capture_output=True,
            check=True,
        )
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        print(f"bundle_layout: ICU data not trimmed: {exc} {detail[-300:]!r}")
        return None
    print(
        f"bundle_layout: {lib.name}: {len(listed)} ICU items, {len(remove)} removed, "
        f"{lib.stat().st_size // 1_000_000} MB -> {target.stat().st_size // 1_000_000} MB"
    )
    return target


def with_filtered_icu(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """Swap the bundle's libicudata for the trimmed one (Linux; unchanged if it cannot)."""
    out = []
    for dest, src, kind in binaries:
        if re.match(r"libicudata\.so\.\d+$", _basename(dest)):
            small = build_filtered_icu(Path(src), workdir)
            if small is not None:
                out.append((dest, str(small), kind))
                continue
        out.append((dest, src, kind))
    return out
