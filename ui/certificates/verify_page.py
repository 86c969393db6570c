"""证书查验: check a certificate's QR code offline, for every role.

A USB scanner types into the scan field (``ui.checkin.scan_field``: no input method, with or
without Enter; keys typed while another widget of the window has the focus are routed to it
while this page is shown); the text can also be pasted, or read by the webcam when there is
one. ``kmjudge.certificates.verify`` checks the Ed25519 signature against the devices this
database trusts, without any network, and the page shows the verdict in large letters: green
证书有效 with the number, award, event, issuing device and its fingerprint, or red/orange with
what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge import certificates as certs
from kmjudge.certificates import VerifyResult
from ui.checkin.camera import CameraPanel
from ui.checkin.scan_field import ScanField, ScanInput, ScanKeyRouter
from ui.context import AppContext
from ui.widgets import alive, heading, hint

COLORS = {
    "valid": ("#e2f4e6", "#1d6b2c", "#86c596"),
    "warn": ("#fff4d6", "#7a5200", "#e0b84a"),
    "bad": ("#fdecec", "#a61b1b", "#e8a5a5"),
    "idle": ("#eef1f5", "#5d6975", "#c9d3de"),
}


class VerifyPage(QWidget):
    verified = Signal(object)  # VerifyResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.result: VerifyResult | None = None
        self.last_text = ""
        self._ticket = 0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 16)
        lay.setSpacing(10)
        lay.addWidget(heading(self.tr("Verify a certificate"), self))
        lay.addWidget(
            hint(
                self.tr(
                    "Scan the QR code on the certificate (scanner or webcam), or paste its "
                    "text. The check runs on this computer without any network, against the "
                    "keys of the devices it trusts."
                ),
                self,
            )
        )
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.scan = ScanField(self)
        self.scan.setPlaceholderText(self.tr("Scan the certificate's QR code here"))
        self.scan.setMinimumHeight(36)
        self.scan.scanned.connect(self._scanned)
        form.addRow(self.tr("Scan:"), self.scan)
        paste_row = QHBoxLayout()
        self.paste = QPlainTextEdit(self)
        self.paste.setObjectName("pasteBox")
        self.paste.setPlaceholderText(self.tr("…or paste the code's text here"))
        self.paste.setFixedHeight(54)
        paste_row.addWidget(self.paste, 1)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify_pasted)
        paste_row.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Paste:"), paste_row)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("printedName")
        self.name_edit.setPlaceholderText(
            self.tr(
                "optional: the name printed on the certificate, to check it belongs to the code"
            )
        )
        self.name_edit.editingFinished.connect(self._name_changed)
        form.addRow(self.tr("Printed name:"), self.name_edit)
        lay.addLayout(form)
        self.camera = CameraPanel(ctx.worker, self)
        self.camera.decoded.connect(self.verify_text)
        lay.addWidget(self.camera)

        self.verdict = QFrame(self)
        self.verdict.setObjectName("verdict")
        vl = QVBoxLayout(self.verdict)
        vl.setContentsMargins(20, 14, 20, 14)
        self.big = QLabel(self.verdict)
        self.big.setObjectName("verdictBig")
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        vl.addWidget(self.big)
        self.message = QLabel(self.verdict)
        self.message.setObjectName("verdictMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        vl.addWidget(self.message)
        self.details = QFormLayout()
        self.details.setHorizontalSpacing(16)
        self.detail_labels: dict[str, QLabel] = {}
        for key, label in (
            ("number", self.tr("Number:")),
            ("name", self.tr("Name:")),
            ("award", self.tr("Award:")),
            ("event", self.tr("Event:")),
            ("issued", self.tr("Issued on:")),
            ("issuer", self.tr("Issuing device:")),
            ("fingerprint", self.tr("Key fingerprint:")),
            ("printed", self.tr("Printed:")),
        ):
            value = QLabel(self.verdict)
            value.setObjectName(f"detail_{key}")
            value.setProperty("detail", True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            caption = QLabel(label, self.verdict)
            caption.setObjectName("factKey")
            self.details.addRow(caption, value)
            self.detail_labels[key] = value
        vl.addLayout(self.details)
        self.advice = QLabel(self.verdict)
        self.advice.setObjectName("verdictAdvice")
        self.advice.setWordWrap(True)
        vl.addWidget(self.advice)
        lay.addWidget(self.verdict)
        lay.addStretch(1)

        self.router = ScanKeyRouter(self.scan, self)
        self._show_idle()

    # ------------------------------------------------------------------ focus

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.router)
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.router)
        if self.camera.switch.isChecked():
            self.camera.switch.setChecked(False)  # let go of the webcam
        super().hideEvent(event)

    # ------------------------------------------------------------------ input

    def _scanned(self, scan: ScanInput) -> None:
        self.verify_text(scan.text)

    def verify_pasted(self) -> None:
        text = self.paste.toPlainText().strip()
        if text:
            self.verify_text(text)

    def _name_changed(self) -> None:
        if self.last_text:
            self.verify_text(self.last_text)

    def verify_text(self, text: str) -> None:
        self.last_text = text
        self._ticket += 1
        ticket = self._ticket
        name = self.name_edit.text().strip() or None
        self.ctx.worker.run(
            certs.verify,
            self.ctx.db,
            text,
            name=name,
            on_success=alive(self, lambda r: self._verified(ticket, r)),
            on_error=alive(self, lambda e: self._error(ticket, e)),
        )

    # ------------------------------------------------------------------ showing

    def _style(self, kind: str) -> None:
        bg, fg, border = COLORS[kind]
        self.verdict.setProperty("kind", kind)
        self.verdict.setStyleSheet(
            f"QFrame#verdict {{ background: {bg}; border: 2px solid {border};"
            " border-radius: 10px; }"
            f" QLabel#verdictBig {{ color: {fg}; font-size: 30pt; font-weight: bold; }}"
            f" QLabel#verdictMessage {{ color: {fg}; font-size: 12pt; }}"
            f" QLabel#verdictAdvice {{ color: #17202a; font-size: 12pt; }}"
            " QLabel#factKey { color: #5d6975; font-size: 11pt; }"
            ' QLabel[detail="true"] { color: #17202a; font-size: 13pt; }'
            " QLabel#detail_number { font-weight: bold; }"
            " QLabel { background: transparent; }"
        )

    def _show_idle(self) -> None:
        self._style("idle")
        self.big.setText(self.tr("Waiting for a scan"))
        self.message.setText("")
        self.advice.setText("")
        self._set_details({})

    def _set_details(self, values: dict[str, str]) -> None:
        for key, label in self.detail_labels.items():
            text = values.get(key, "")
            label.setText(text)
            label.setVisible(bool(text))
            caption = self.details.labelForField(label)
            if caption is not None:
                caption.setVisible(bool(text))

    def _error(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        self._style("bad")
        self.big.setText(self.tr("Could not check"))
        self.message.setText(self.ctx.error_text(exc))
        self.message.show()
        self.advice.setText("")
        self._set_details({})

    def _verified(self, ticket: int, r: VerifyResult) -> None:
        if ticket != self._ticket:
            return
        self.result = r
        zh = self.ctx.lang == "zh"
        # the core's sentence, unless the big verdict already says all of it
        plain_valid = r.status == "valid" and r.name_matches is not False
        self.message.setText("" if plain_valid else r.message("zh" if zh else "en"))
        self.message.setVisible(bool(self.message.text()))
        c = r.claims
        rec = r.record
        values: dict[str, str] = {}
        if c is not None and r.status == "unknown_issuer":
            # what the code claims, but nobody vouches for it: the number only, marked so
            values["number"] = c.number + "　" + self.tr("(as the code claims; not verified)")
        if c is not None and r.status in ("valid", "revoked"):
            award = rec.award if rec else c.award
            title = rec.title if rec else ""
            values["number"] = c.number
            values["award"] = award + (f" · {title}" if title else "")
            d = c.issued_on
            values["issued"] = f"{d.year}年{d.month}月{d.day}日" if zh else d.isoformat()
        if r.status in ("valid", "revoked"):
            if rec is not None:
                values["name"] = rec.name
                trade = rec.trade
                if not trade or trade.split("（")[0] in rec.event_name:
                    values["event"] = rec.event_name  # the name already says the trade
                else:
                    values["event"] = (
                        f"{rec.event_name}（{trade}）" if zh else f"{rec.event_name} ({trade})"
                    )
                values["printed"] = self.tr("%1 time(s)").replace("%1", str(rec.printed))
            elif r.name_matches is True:
                values["name"] = self.name_edit.text().strip() + " ✓"
            values["issuer"] = r.issuer_name
            values["fingerprint"] = r.issuer_fingerprint
        if r.status == "unknown_issuer" and c is not None:
            values["fingerprint"] = self.tr("key id %1 (not trusted here)").replace(
                "%1", c.key_id_hex
            )
        self._set_details(values)

        if r.status == "valid" and r.name_matches is not False:
            self._style("valid")
            self.big.setText(self.tr("Certificate valid"))
            if rec is None and r.name_matches is None:
                advice = self.tr(
                    "Genuine: signed by the device shown and not changed. This computer does "
                    "not hold the certificate's record, and the QR code carries no name: type "
                    "the printed name above to check that the certificate belongs to this code."
                )
            else:
                advice = self.tr(
                    "Genuine: signed by the device shown and not changed. Compare the number "
                    "and the award with the printed certificate."
                )
        elif r.status == "valid":
            self._style("bad")
            self.big.setText(self.tr("Name does not match"))
            advice = self.tr(
                "The code is genuine, but it was issued to someone else: the name printed on "
                "this certificate is not the name it was issued to. Do not accept it."
            )
        elif r.status == "unknown_issuer":
            self._style("warn")
            self.big.setText(self.tr("Issuing device not trusted"))
            advice = self.tr(
                "This computer does not know the laptop that issued the certificate, so it "
                "cannot say whether it is genuine. Ask the administrator to trust that "
                "laptop's device key (its fingerprint confirmed with the issuing venue), then "
                "scan again."
            )
        elif r.status == "revoked":
            self._style("bad")
            self.big.setText(self.tr("Revoked"))
            advice = self.tr(
                "The certificate was genuine but has been revoked (for example after an "
                "appeal changed the award). Ask the organiser for the current certificate."
            )
        elif r.status == "forged":
            self._style("bad")
            self.big.setText(self.tr("Invalid / forged"))
            advice = self.tr(
                "The signature does not match: the code was altered or made up. Do not accept "
                "the certificate; keep it and report it to the organiser."
            )
        else:
            self._style("idle")
            self.big.setText(self.tr("Not a certificate code"))
            advice = self.tr(
                "This is not the QR code of a kmjudge certificate (an admission ticket, a "
                "web link, or a damaged scan). Scan the code beside “扫码核验” again."
            )
        notes = "\n".join(r.notes)
        self.advice.setText(advice + ("\n" + notes if notes else ""))
        self.verified.emit(r)
