"""Sending a certificates PDF to a printer at actual size.

The core writes the PDF (numbers, QR tokens, the print log); this module only puts its pages
on paper. Each page is rendered by QtPdf (``QPdfDocument.render``) at the printer's resolution
(at most ``MAX_DPI``) and drawn from the paper's top-left corner (``QPrinter.setFullPage``) at
exactly the PDF page's size in millimetres: no "fit to page", because an overlay on pre-printed
stock is positioned in millimetres and the per-printer offsets already correct the printer's
own shift. Pages are rendered in horizontal bands, so a 600 dpi A4 page needs a few megabytes
of memory instead of 140.

:func:`print_pdf` runs on a pool thread (QImage, QPainter on a QPrinter and a QPdfDocument
created in that thread are all usable off the GUI thread); it reports each page to a plain
``progress(done, total)`` callable and checks ``cancel`` between pages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from kmjudge.checkin.common import Cancelled
from kmjudge.errors import KmError

MAX_DPI = 600
BAND_BYTES = 8 * 1024 * 1024  # memory of one rendered band


class PrintFailed(KmError):
    """The printer could not be opened or the PDF could not be read; said in both languages."""

    code = "print_failed"


def prepare_printer(printer: QPrinter, orientation: str) -> None:
    """A4 in the certificate's orientation, no margins, painting from the paper's corner."""
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait
            if orientation == "portrait"
            else QPageLayout.Orientation.Landscape,
            QMarginsF(0, 0, 0, 0),
        )
    )


def printer_dpi(printer: QPrinter) -> int:
    return max(72, min(MAX_DPI, printer.resolution()))


def print_pdf(
    path: str | Path,
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Print every page of ``path`` on ``printer`` at actual size; returns the page count.
    Raises ``Cancelled`` between pages when ``cancel`` is set (pages already sent stay sent)."""
    doc = QPdfDocument()
    err = doc.load(str(path))
    if err != QPdfDocument.Error.None_ or doc.pageCount() < 1:
        raise PrintFailed(
            f"无法读取要打印的 PDF：{path}",
            f"Cannot read the PDF to print: {path}",
        )
    total = doc.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise PrintFailed(
            "无法打开打印机，请检查打印机是否连接、是否有纸。",
            "Cannot open the printer; check that it is connected and has paper.",
        )
    try:
        for i in range(total):
            if cancel is not None and cancel.is_set():
                printer.abort()
                raise Cancelled()
            if i:
                printer.newPage()
            draw_page(painter, doc, i, printer.resolution(), printer_dpi(printer))
            if progress is not None:
                progress(i + 1, total)
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
    return total


def draw_page(painter: QPainter, doc: QPdfDocument, page: int, device_dpi: int, dpi: int) -> None:
    """Draw ``page`` with its top-left corner at the painter's origin, at its real size on a
    device of ``device_dpi``, rendered at ``dpi``, band by band."""
    pt = doc.pagePointSize(page)
    width = max(1, round(pt.width() / 72 * dpi))
    height = max(1, round(pt.height() / 72 * dpi))
    scale = device_dpi / dpi
    band = max(16, BAND_BYTES // (width * 4))
    y = 0
    while y < height:
        h = min(band, height - y)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        options.setScaledClipRect(QRect(0, y, width, h))
        image = doc.render(page, QSize(width, h), options)
        if image.isNull():
            raise PrintFailed(
                f"第 {page + 1} 页无法渲染。", f"Page {page + 1} could not be rendered."
            )
        white = QImage(image.size(), QImage.Format.Format_RGB32)
        white.fill(0xFFFFFFFF)
        p = QPainter(white)
        p.drawImage(0, 0, image)
        p.end()
        painter.drawImage(QRectF(0, y * scale, width * scale, h * scale), white)
        y += h


def page_image(pdf: bytes | str | Path, dpi: int = 96, page: int = 0) -> QImage:
    """One page of a PDF as an image on white (for tests and thumbnails)."""
    from PySide6.QtCore import QBuffer, QByteArray

    doc = QPdfDocument()
    buf: QBuffer | None = None
    if isinstance(pdf, bytes):
        buf = QBuffer()
        buf.setData(QByteArray(pdf))
        buf.open(QBuffer.OpenModeFlag.ReadOnly)
        doc.load(buf)
    else:
        doc.load(str(pdf))
    pt = doc.pagePointSize(page)
    size = QSize(round(pt.width() / 72 * dpi), round(pt.height() / 72 * dpi))
    out = QImage(size, QImage.Format.Format_RGB32)
    out.fill(0xFFFFFFFF)
    p = QPainter(out)
    p.drawImage(0, 0, doc.render(page, size))
    p.end()
    doc.close()
    if buf is not None:
        buf.close()
    return out


__all__ = ["PrintFailed", "draw_page", "page_image", "prepare_printer", "print_pdf"]
