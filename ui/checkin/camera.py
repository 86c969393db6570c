"""Scanning tickets with the laptop's webcam, for a desk without a USB scanner.

QCamera → QMediaCaptureSession → QVideoSink gives frames on the GUI thread; at most one frame
is decoded at a time, and no more often than every ``DECODE_INTERVAL_S``, by zxing-cpp on the
worker's pool (never on the GUI thread). The same code seen again within ``REPEAT_S`` (the
ticket is still in front of the camera) is not reported twice.

QtMultimedia is imported only when a camera is looked for or started. Without any camera
(``QMediaDevices.videoInputs()`` empty) the option is not offered at all. The camera back end
(Qt's FFmpeg plugin in ``plugins/multimedia``, with FFmpeg and QtQuick about 40 MB) is an
optional add-on of the installed app (the ``kmjudge-webcam`` .deb, the Setup.exe component
摄像头扫码): without it the switch is shown greyed out with a tooltip that says so, and the USB
scanner and the manual look-up work as before.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import zxingcpp
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets import alive
from ui.worker import Worker

log = logging.getLogger(__name__)

DECODE_INTERVAL_S = 0.2
REPEAT_S = 3.0
PREVIEW_INTERVAL_S = 0.1
PREVIEW_SIZE = (240, 180)
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def decode_qr(image: QImage) -> list[str]:
    """The texts of the QR codes in ``image`` (runs on a pool thread; QImage is reentrant)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    found = zxingcpp.read_barcodes(gray, formats=QR_ONLY)
    return [r.text for r in found if r.text]


PLUGIN_SUFFIXES = (".so", ".dll", ".dylib")


def plugin_folders() -> list[str]:
    """Where Qt looks for plugins (QT_PLUGIN_PATH, the app's folder, Qt's own)."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    folders = [*QCoreApplication.libraryPaths()]
    folders.append(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return folders


def backend_installed(folders: list[str] | None = None) -> bool:
    """Whether a Qt Multimedia camera back end is installed: a plugin file in a
    ``multimedia`` folder of Qt's plugin paths. From source (the PySide6 wheel) it always is;
    the installed app has it only with the webcam add-on."""
    for folder in plugin_folders() if folders is None else folders:
        media = Path(folder) / "multimedia"
        try:
            if any(p.suffix.lower() in PLUGIN_SUFFIXES for p in media.iterdir()):
                return True
        except OSError:
            continue
    return False


def video_inputs() -> list[Any]:
    """The cameras Qt can see (QCameraDevice); empty when there are none or no backend."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return list(QMediaDevices.videoInputs())
    except Exception as exc:  # pragma: no cover - QtMultimedia missing from a build
        log.info("no QtMultimedia: %s", exc)
        return []


class CameraScanner(QObject):
    """Frames in, decoded QR texts out (:attr:`decoded`)."""

    decoded = Signal(str)
    preview = Signal(QImage)
    failed = Signal(str)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.frames_seen = 0
        self.frames_decoded = 0
        self._busy = False
        self._last_decode = 0.0
        self._last_preview = 0.0
        self._last_text = ""
        self._last_text_at = 0.0
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None

    @property
    def running(self) -> bool:
        return self._camera is not None

    def start(self, device: Any = None) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self.stop()
        self._camera = QCamera(device, self) if device is not None else QCamera(self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self.on_frame)
        self._camera.errorOccurred.connect(lambda _err, text: self.failed.emit(text))
        self._camera.start()

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._sink.videoFrameChanged.disconnect(self.on_frame)
            for obj in (self._camera, self._session, self._sink):
                obj.deleteLater()
        self._camera = self._session = self._sink = None

    def on_frame(self, frame: Any) -> None:
        """A QVideoFrame from the sink: preview it now and then, decode it when free."""
        self.frames_seen += 1
        now = time.monotonic()
        want_preview = now - self._last_preview >= PREVIEW_INTERVAL_S
        if not (want_preview or self._ready(now)) or not frame.isValid():
            return
        image = frame.toImage()
        if want_preview:
            self._last_preview = now
            self.preview.emit(image)
        self.handle_image(image)

    def _ready(self, now: float) -> bool:
        return not self._busy and now - self._last_decode >= DECODE_INTERVAL_S

    def handle_image(self, image: QImage) -> bool:
        """Decode ``image`` on the pool unless a decode is running or one ran just now.
        Returns whether it was taken."""
        now = time.monotonic()
        if image.isNull() or not self._ready(now):
            return False
        self._busy = True
        self._last_decode = now
        self.frames_decoded += 1
        self.worker.run(
            decode_qr,
            image,
            pool=True,
            on_success=alive(self, self._decoded),
            on_error=alive(self, self._decode_failed),
        )
        return True

    def _decoded(self, texts: list[str]) -> None:
        self._busy = False
        now = time.monotonic()
        for text in texts:
            if text == self._last_text and now - self._last_text_at < REPEAT_S:
                self._last_text_at = now
                continue
            self._last_text, self._last_text_at = text, now
            self.decoded.emit(text)

    def _decode_failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("QR decode failed: %s", exc)


class CameraPanel(QWidget):
    """The webcam switch, the camera choice and a small preview."""

    decoded = Signal(str)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self.scanner = CameraScanner(worker, self)
        self.scanner.decoded.connect(self.decoded)
        self.scanner.preview.connect(self._show_preview)
        self.scanner.failed.connect(self._failed)
        self._devices: list[Any] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.switch = QCheckBox(self.tr("Scan with the webcam"), self)
        self.switch.setObjectName("cameraSwitch")
        self.switch.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.switch.toggled.connect(self._toggled)
        row.addWidget(self.switch)
        self.devices = QComboBox(self)
        self.devices.setObjectName("cameraDevices")
        self.devices.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.devices.currentIndexChanged.connect(self._device_changed)
        row.addWidget(self.devices, 1)
        lay.addLayout(row)
        self.view = QLabel(self)
        self.view.setObjectName("cameraPreview")
        self.view.setFixedSize(*PREVIEW_SIZE)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("background: #17202a; color: white;")
        self.view.hide()
        lay.addWidget(self.view)
        self.backend = backend_installed()
        if not self.backend:
            log.info("no Qt Multimedia camera back end: the webcam add-on is not installed")
            self.switch.setEnabled(False)
            self.switch.setToolTip(
                self.tr(
                    "The webcam add-on (kmjudge-webcam) is not installed on this computer: "
                    "scan with the USB scanner instead."
                )
            )
        self.refresh_devices()

    def refresh_devices(self) -> bool:
        """Look for cameras; the panel is shown only when there is one. Returns that.
        Without the camera back end (the webcam add-on) it shows the greyed-out switch."""
        if not self.backend:
            self._devices = []
            self.devices.hide()
            self.setVisible(True)
            return False
        self._devices = video_inputs()
        self.devices.blockSignals(True)
        self.devices.clear()
        for d in self._devices:
            self.devices.addItem(d.description())
        self.devices.blockSignals(False)
        self.devices.setVisible(len(self._devices) > 1)
        if not self._devices and self.switch.isChecked():
            self.switch.setChecked(False)
        self.setVisible(bool(self._devices))
        return bool(self._devices)

    def _toggled(self, on: bool) -> None:
        if on and self._devices:
            self.view.setText(self.tr("Starting the camera…"))
            self.view.show()
            self.scanner.start(self._devices[max(0, self.devices.currentIndex())])
        else:
            self.scanner.stop()
            self.view.hide()

    def _device_changed(self, _index: int) -> None:
        if self.switch.isChecked():
            self._toggled(True)

    def _show_preview(self, image: QImage) -> None:
        self.view.setPixmap(
            QPixmap.fromImage(image).scaled(
                *PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )

    def _failed(self, text: str) -> None:
        self.view.setText(self.tr("Camera error: {error}").format(error=text))

    def shutdown(self) -> None:
        self.scanner.stop()
