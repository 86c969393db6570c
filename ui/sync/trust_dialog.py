"""Trusting a laptop this database has not seen: the person compares its fingerprint.

The fingerprint is shown large; the person types it as the other side reads it aloud from
their screen (or as printed on the handover slip). Only when what was typed matches does
"Trust" become possible; a mismatch says plainly not to go on. Typing, rather than ticking
a box, makes the comparison happen.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge.trust import normalize_fingerprint
from ui.sync import common
from ui.widgets import MessageBanner, heading, hint


class TrustDialog(QDialog):
    def __init__(
        self,
        device_name: str,
        device_id: uuid.UUID,
        fingerprint: str,
        parent: QWidget | None = None,
        *,
        what: str = "",
        accept_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.fingerprint = normalize_fingerprint(fingerprint)
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("New device: compare the fingerprint"))
        self.setMinimumWidth(620)
        self.setModal(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 18, 22, 16)
        lay.setSpacing(10)
        lay.addWidget(heading(self.tr("This laptop is not trusted here yet"), self))
        lay.addWidget(
            hint(
                what
                or self.tr(
                    "Before anything from it is accepted, make sure the package really comes "
                    "from that laptop. Ask the person who brought it to read the fingerprint "
                    "from their screen (Data exchange page) or from the handover slip, and "
                    "type it below."
                ),
                self,
            )
        )
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        name = QLabel(device_name, self)
        name.setObjectName("trustDeviceName")
        name.setStyleSheet("font-size: 13pt; font-weight: bold;")
        form.addRow(self.tr("Device"), name)
        dev = QLabel(str(device_id), self)
        dev.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Device id"), dev)
        self.shown = QLabel(self.fingerprint, self)
        self.shown.setObjectName("trustFingerprint")
        self.shown.setFont(common.mono_font(22))
        self.shown.setStyleSheet("color: #1d5fa7; padding: 6px 0;")
        form.addRow(self.tr("Fingerprint here"), self.shown)
        self.field = QLineEdit(self)
        self.field.setObjectName("trustTyped")
        self.field.setFont(common.mono_font(16, bold=False))
        self.field.setPlaceholderText(self.tr("e.g. 1A2B 3C4D 5E6F 7A8B"))
        self.field.setMaxLength(40)
        self.field.textChanged.connect(self._check)
        form.addRow(self.tr("As read out / on the slip"), self.field)
        lay.addLayout(form)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel: do not trust"), self)
        self.cancel_button.setObjectName("trustCancel")
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        self.trust_button = QPushButton(accept_text or self.tr("Trust and import"), self)
        self.trust_button.setObjectName("primary")
        self.trust_button.setEnabled(False)
        self.trust_button.clicked.connect(self.accept)
        row.addWidget(self.trust_button)
        lay.addLayout(row)
        # Enter in the field trusts only when the fingerprints match; it never cancels by
        # surprise either (no default button).
        for b in (self.cancel_button, self.trust_button):
            b.setAutoDefault(False)
            b.setDefault(False)
        self.field.returnPressed.connect(self.accept)
        self.field.setFocus()

    def typed(self) -> str:
        return normalize_fingerprint(self.field.text())

    def matches(self) -> bool:
        return bool(self.typed()) and self.typed() == self.fingerprint

    def _check(self, _text: str) -> None:
        typed = self.typed().replace(" ", "")
        want = self.fingerprint.replace(" ", "")
        ok = self.matches()
        self.trust_button.setEnabled(ok)
        if ok:
            self.banner.success(self.tr("The fingerprints match."))
        elif len(typed) >= len(want) or not want.startswith(typed):
            self.banner.error(
                self.tr(
                    "The fingerprints do NOT match. Do not trust this package: it may not come "
                    "from that laptop. Check what was read out, or call the venue."
                )
            )
        else:
            self.banner.clear()

    def accept(self) -> None:
        if not self.matches():  # the button is disabled; Enter must not get round it
            return
        super().accept()
