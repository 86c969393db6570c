"""Translations: every UI string has Chinese, the shipped .qm is current, Chinese is default."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "kmjudge_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "kmjudge_zh_CN.qm"
BIN = ROOT / ".venv" / "bin"


def _tool(name: str) -> str:
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found (it comes with PySide6)")
    return found


def _ui_sources() -> list[str]:
    found = (ROOT / "ui").rglob("*.py")
    return sorted(str(p.relative_to(ROOT)) for p in found if "__pycache__" not in p.parts)


def test_every_ui_string_has_a_chinese_translation(tmp_path: Path) -> None:
    """lupdate over all of ui/ (as resources/translations/update.sh runs it) finds no string
    that is new or untranslated in kmjudge_zh_CN.ts. Fails when someone adds self.tr("...")
    and does not run update.sh and translate."""
    ts = tmp_path / "check_zh_CN.ts"
    shutil.copy(TS, ts)
    subprocess.run(
        [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *_ui_sources(),
         "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    missing = []
    total = 0
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            total += 1
            tr = msg.find("translation")
            assert tr is not None
            text = "".join(tr.itertext()).strip()
            if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                missing.append(f"{name}: {msg.findtext('source')!r}")
    assert total > 100, "lupdate found suspiciously few strings"
    assert not missing, (
        f"{len(missing)} UI string(s) without a Chinese translation; run "
        "resources/translations/update.sh and translate them:\n" + "\n".join(missing[:40])
    )


def test_the_shipped_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    """The committed .qm is byte-for-byte what lrelease makes of the committed .ts (so a
    translation fixed in the .ts cannot be forgotten in the app)."""
    assert QM.exists(), "kmjudge_zh_CN.qm is missing: run resources/translations/update.sh"
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-removeidentical", str(TS), "-qm", str(fresh)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert fresh.read_bytes() == QM.read_bytes(), (
        "kmjudge_zh_CN.qm is stale: run resources/translations/update.sh"
    )


def test_chinese_is_the_default_for_our_strings_and_qt_buttons() -> None:
    """With no saved choice the UI is Chinese: our catalogue and Qt's own (OK/Cancel)."""
    assert i18n.saved_lang() == "zh"
    installed = i18n.install(i18n.saved_lang())
    assert len(installed) == 2
    assert QCoreApplication.translate("Nav", "Home") == "首页"
    assert QCoreApplication.translate("SignInForm", "Sign in") == "登录"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    msg = QMessageBox()
    msg.setStandardButtons(QMessageBox.StandardButton.Yes)
    assert msg.button(QMessageBox.StandardButton.Yes).text() in ("是", "是(&Y)")


def test_english_is_switchable_and_remembered() -> None:
    """Saving English and installing it gives the English source strings and buttons."""
    i18n.save_lang("en")
    assert i18n.saved_lang() == "en"
    assert i18n.install("en") == []
    assert QCoreApplication.translate("Nav", "Home") == "Home"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    with pytest.raises(ValueError):
        i18n.save_lang("fr")


def test_update_script_scans_all_of_ui() -> None:
    """update.sh lists every .py under ui/ (lupdate does not recurse into .py folders itself),
    so pages added by others are picked up too."""
    script = (ROOT / "resources" / "translations" / "update.sh").read_text("utf-8")
    assert "find ui -name '*.py'" in script
    assert "pyside6-lrelease" in script and "pyside6-lupdate" in script


def test_merge_tsv_fills_only_untranslated_entries(tmp_path: Path) -> None:
    """update.sh's merge step fills unfinished messages from a *_zh.tsv table (with \\n
    escapes) and never overwrites a translation already made in the .ts."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "merge_tsv", ROOT / "resources" / "translations" / "merge_tsv.py"
    )
    assert spec and spec.loader
    merge_tsv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(merge_tsv)
    ts = tmp_path / "x_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">'
        "<context><name>Page</name>"
        '<message><source>Two\nlines</source><translation type="unfinished"/></message>'
        "<message><source>Kept</source><translation>保留</translation></message>"
        '<message><source>Unknown</source><translation type="unfinished"/></message>'
        "</context></TS>",
        "utf-8",
    )
    table = tmp_path / "pages_zh.tsv"
    table.write_text("Page\tTwo\\nlines\t两\\n行\nPage\tKept\t不应覆盖\n", "utf-8")
    assert merge_tsv.merge(ts, [table]) == (1, 1)
    got = {
        m.findtext("source"): (m.find("translation").text, m.find("translation").get("type"))  # type: ignore[union-attr]
        for m in ET.parse(ts).getroot().iter("message")
    }
    assert got["Two\nlines"] == ("两\n行", None)
    assert got["Kept"] == ("保留", None)
    assert got["Unknown"][1] == "unfinished"
