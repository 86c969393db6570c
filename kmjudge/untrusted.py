"""Bounds on files that come from outside (registration sheets, schemes, set-up files).

A file is measured before any parser sees it, so that a zip bomb (a small .xlsx that
inflates to gigabytes), a runaway export or a file that is simply far too large is refused in
milliseconds with a message, instead of taking minutes and gigabytes of memory.
"""

from __future__ import annotations

import io
import zipfile

#: What an .xlsx may inflate to, all parts together (a 10,000-row registration sheet is ~10 MB).
MAX_XLSX_UNPACKED = 32 * 1024 * 1024
#: Parts an .xlsx may have (a workbook has a dozen or two; thousands means something is wrong).
MAX_XLSX_PARTS = 2000
#: A CSV, TOML or JSON file's size on disk.
MAX_TEXT_FILE = 32 * 1024 * 1024
#: Data rows a registration or score sheet may have.
MAX_SHEET_ROWS = 100_000


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def xlsx_problem(data: bytes) -> tuple[str, str] | None:
    """Why these .xlsx bytes must not be opened (zh, en), or None. Reads only the zip's
    directory; a damaged directory is left for the spreadsheet reader to report."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    if len(infos) > MAX_XLSX_PARTS:
        return (
            f"文件内部有 {len(infos)} 个部件，不是正常的 Excel 工作簿，未读取。",
            f"The file has {len(infos)} internal parts; not a normal Excel workbook, not read.",
        )
    total = sum(max(i.file_size, 0) for i in infos)
    if total > MAX_XLSX_UNPACKED:
        return (
            f"文件解压后有 {_mb(total)}，超过上限 {_mb(MAX_XLSX_UNPACKED)}"
            "（可能是损坏或恶意构造的文件），未读取。请只保留需要的工作表和行后重新保存。",
            f"The file unpacks to {_mb(total)}, over the limit of {_mb(MAX_XLSX_UNPACKED)} (a "
            "damaged or maliciously built file?); not read. Keep only the sheets and rows "
            "needed and save it again.",
        )
    return None


def text_file_problem(size: int) -> tuple[str, str] | None:
    if size > MAX_TEXT_FILE:
        return (
            f"文件有 {_mb(size)}，超过上限 {_mb(MAX_TEXT_FILE)}，未读取。",
            f"The file is {_mb(size)}, over the limit of {_mb(MAX_TEXT_FILE)}; not read.",
        )
    return None


def too_many_rows() -> tuple[str, str]:
    return (
        f"表格超过 {MAX_SHEET_ROWS} 行，未读取。请拆分成几个文件分别导入。",
        f"The sheet has more than {MAX_SHEET_ROWS} rows; not read. Split it into several files.",
    )
