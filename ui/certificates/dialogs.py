"""Small dialogs of the certificates page: the reason for a reprint (补发) or a revocation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import MessageBanner, heading, hint

MIN_REASON = 2


class ReasonDialog(QDialog):
    """Asks why; ``choice`` says which button was pressed ("print", "pdf" or "revoke")."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        text: str,
        reasons: list[str],
        buttons: list[tuple[str, str]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.choice = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.addWidget(heading(title, self, level=2))
        lay.addWidget(hint(text, self))
        lay.addWidget(QLabel(self.tr("Reason (required, kept in the log):"), self))
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setEditable(True)
        self.reason.addItems(reasons)
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        lay.addWidget(self.reason)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("cancelButton")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.buttons: dict[str, QPushButton] = {}
        for key, label in buttons:
            b = QPushButton(label, self)
            b.setObjectName(f"{key}Choice")
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self._choose(k))
            row.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(row)

    def text(self) -> str:
        return " ".join(self.reason.currentText().split())

    def _choose(self, key: str) -> None:
        if len(self.text()) < MIN_REASON:
            self.banner.error(self.tr("Please give the reason."))
            self.reason.setFocus()
            return
        self.choice = key
        self.accept()


def reprint_reasons() -> list[str]:
    return [
        QCoreApplication.translate("ReasonDialog", "Certificate lost"),
        QCoreApplication.translate("ReasonDialog", "Certificate damaged"),
        QCoreApplication.translate("ReasonDialog", "Printer jam or misprint"),
    ]
