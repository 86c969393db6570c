"""The data exchange page (数据交换): signed packages on USB sticks between laptops.

Venue laptop -> city office, judges' laptops -> the chief judge's laptop, city office -> venue
(event set-up). Tabs: export, import, trusted devices, package log. This computer's name and
fingerprint stay at the top: the receiving side asks for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.sync import common
from ui.sync.devices_panel import DevicesPanel, LogPanel
from ui.sync.export_panel import ExportPanel
from ui.sync.import_panel import ImportPanel
from ui.widgets import heading, hint


class ExchangePage(QWidget):
    navigate = Signal(str)  # a page key of the main window

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 18)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Data exchange"), self))
        top.addStretch(1)
        dev = ctx.db.device
        me = QLabel(self.tr("This computer: {name}").format(name=dev.name), self)
        me.setObjectName("thisDevice")
        top.addWidget(me)
        self.fingerprint = QLabel(dev.fingerprint, self)
        self.fingerprint.setObjectName("thisFingerprint")
        self.fingerprint.setFont(common.mono_font(14))
        self.fingerprint.setStyleSheet("color: #1d5fa7; padding-left: 8px;")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setToolTip(self.tr("This computer's key fingerprint"))
        top.addWidget(self.fingerprint)
        lay.addLayout(top)
        lay.addWidget(
            hint(
                self.tr(
                    "Venues have no network: data travels as signed packages on a USB stick. "
                    "Nothing is ever overwritten silently: differences between laptops are "
                    "listed on the conflicts screen."
                ),
                self,
            )
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("exchangeTabs")
        self.export_panel = ExportPanel(ctx, self.tabs)
        self.import_panel = ImportPanel(ctx, self.tabs)
        self.devices_panel = DevicesPanel(ctx, self.tabs)
        self.log_panel = LogPanel(ctx, self.tabs)
        self.tabs.addTab(self.export_panel, self.tr("Export"))
        self.tabs.addTab(self.import_panel, self.tr("Import"))
        self.tabs.addTab(self.devices_panel, self.tr("Trusted devices"))
        self.tabs.addTab(self.log_panel, self.tr("Package log"))
        lay.addWidget(self.tabs, 1)

        self.export_panel.exported.connect(lambda _r: self.log_panel.refresh())
        self.import_panel.imported.connect(lambda _r: self._after_import())
        self.import_panel.show_conflicts.connect(lambda: self.navigate.emit("conflicts"))
        ctx.bus.events_changed.connect(self.export_panel.refresh)

    def _after_import(self) -> None:
        self.devices_panel.refresh()
        self.log_panel.refresh()
