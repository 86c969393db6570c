"""The live certificate preview: core PDF bytes shown by QtPdf (``QPdfDocument`` + ``QPdfView``).

Requests are debounced (``DEBOUNCE_MS``): typing an offset of 1.5 renders once, not three
times. The rendering runs on the worker (never on the GUI thread); one render is in flight at a
time, and when more requests came meanwhile only the latest is rendered next. A result that is
older than the newest request shown is dropped, so the preview never jumps back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.widgets import alive

DEBOUNCE_MS = 200


class PreviewPane(QWidget):
    """Shows one PDF page; :meth:`request` asks for a new one (debounced, off the GUI thread)."""

    rendered = Signal()  # a new page is shown
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("certPreview")
        self.doc = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("certPreviewView")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setStyleSheet("QPdfView { background: #d9dee4; border: 1px solid #c9d3de; }")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("previewError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        self.error_label.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.error_label)
        self._buffer: QBuffer | None = None
        self._pending: tuple[Callable[..., bytes], tuple[Any, ...], dict[str, Any], bool] | None
        self._pending = None
        self._busy = False
        self._asked = 0  # number of the newest request
        self._shown = 0  # number of the request whose page is shown
        self.renders = 0  # how many pages were rendered (tests, benchmarks)
        self.last_pdf = b""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._fire)

    def request(
        self, fn: Callable[..., bytes], *args: Any, pool: bool = False, **kwargs: Any
    ) -> None:
        """Render ``fn(*args, **kwargs)`` (PDF bytes) after the debounce interval. ``pool``:
        pure computation (no database), may run beside database work."""
        self._asked += 1
        self._pending = (fn, args, kwargs, pool)
        self.timer.start()

    @property
    def up_to_date(self) -> bool:
        """Nothing waiting and the page shown is the newest asked for."""
        return self._pending is None and not self._busy and self._shown == self._asked

    def _fire(self) -> None:
        if self._busy or self._pending is None:
            return
        fn, args, kwargs, pool = self._pending
        self._pending = None
        self._busy = True
        number = self._asked
        self.ctx.worker.run(
            fn,
            *args,
            pool=pool,
            on_success=alive(self, lambda data: self._done(number, data)),
            on_error=alive(self, lambda exc: self._failed(number, exc)),
            **kwargs,
        )

    def _done(self, number: int, data: bytes) -> None:
        self._busy = False
        if number >= self._shown:
            self.show_pdf(data)
            self._shown = number
        self._next()

    def _failed(self, number: int, exc: BaseException) -> None:
        self._busy = False
        if number >= self._shown:
            self._shown = number
            self.error_label.setText(self.ctx.error_text(exc))
            self.error_label.show()
            self.failed.emit(self.error_label.text())
        self._next()

    def _next(self) -> None:
        if self._pending is not None and not self.timer.isActive():
            self._fire()

    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (a PDF). The previous buffer is let go only after the new document
        has replaced it."""
        buf = QBuffer(self)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc.close()
        self.doc.load(buf)
        old, self._buffer = self._buffer, buf
        if old is not None:
            old.close()
            old.deleteLater()
        self.last_pdf = data
        self.renders += 1
        self.error_label.hide()
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.rendered.emit()

    def clear(self) -> None:
        self._pending = None
        self.timer.stop()
        self.doc.close()
        self.last_pdf = b""

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 420))
        return hint
