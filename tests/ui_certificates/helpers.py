"""Driving the certificates page like a person, and reading back what it produced."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui_certificates.conftest import WAIT_MS
from ui.certificates.page import CertificatesPage
from ui.certificates.printing import page_image
from ui.context import AppContext


def open_page(qtbot: QtBot, ctx: AppContext) -> CertificatesPage:
    page = CertificatesPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda w: quiet(qtbot, w))
    page.resize(1300, 740)
    page.show()
    qtbot.waitUntil(lambda: page.lock_state != "none", timeout=WAIT_MS)
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: CertificatesPage) -> None:
    """Wait until no plan, list or preview is pending (the worker is idle, the preview shown)."""
    qtbot.waitUntil(
        lambda: (
            not page.ctx.worker.busy
            and not page.batch.plan_timer.isActive()
            and page.preview.up_to_date
            and page.preview.renders > 0
        ),
        timeout=WAIT_MS,
    )


def quiet(qtbot: QtBot, page: CertificatesPage) -> None:
    """At the end of a test: let pending work finish, so nothing reaches a stopped worker."""
    settle(qtbot, page)
    page.preview.timer.stop()
    page.batch.plan_timer.stop()


def listed_names(page: CertificatesPage) -> list[str]:
    m = page.batch.model
    return [m.text(r, m.NAME) for r in range(m.rowCount())]


def pdf_text(path: str | Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def squeeze(text: str) -> str:
    """PDF text without the spaces extractors put between wide characters."""
    return re.sub(r"\s+", "", text)


def dark_box(image: QImage, threshold: int = 110) -> tuple[int, int, int, int, int]:
    """Bounding box (left, top, right, bottom) of the dark pixels, and how many there are:
    the printed fields (the stock's pre-printed parts are drawn light grey)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    xs: set[int] = set()
    ys: list[int] = []
    n = 0
    for y in range(h):
        row = data[y * stride : y * stride + w]
        hits = [x for x, v in enumerate(row) if v < threshold]
        if hits:
            ys.append(y)
            xs.update((hits[0], hits[-1]))
            n += len(hits)
    if not n:
        return (0, 0, 0, 0, 0)
    return (min(xs), ys[0], max(xs), ys[-1], n)


def preview_image(page: CertificatesPage, dpi: int = 40) -> QImage:
    return page_image(page.preview.last_pdf, dpi)
