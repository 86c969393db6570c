"""Export: which events, full or only what changed since the last export, where to (a folder
or a USB stick); afterwards the package's path, SHA-256 (grouped for reading aloud), this
computer's fingerprint, what it holds, and the handover slip."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events, sync
from kmjudge.accounts import Perm
from kmjudge.sync import ExportResult, PackageLogView
from ui.context import AppContext
from ui.sync import common
from ui.widgets import MessageBanner, alive, heading, hint, human_size, local_time


def card(title: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(18, 14, 18, 14)
    lay.setSpacing(8)
    lay.addWidget(heading(title, frame, 2))
    return frame, lay


def value_label(parent: QWidget, name: str, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ExportPanel(QWidget):
    exported = Signal(object)  # ExportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: ExportResult | None = None
        self.previous: PackageLogView | None = None
        self.slip_dialog: QWidget | None = None
        self.running = False
        self.allowed = ctx.actor.can(Perm.EXPORT)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 10, 0, 0)
        outer.setSpacing(12)

        # ---------------------------------------------------------- what and where
        what, lay = card(self.tr("What to export"), self)
        self.kind_group = QButtonGroup(self)
        self.venue_radio = QRadioButton(
            self.tr("Venue data: check-ins, marks, results inputs (to the city office or the "
                    "chief judge's laptop)"),
            what,
        )  # fmt: skip
        self.venue_radio.setObjectName("kindVenue")
        self.setup_radio = QRadioButton(
            self.tr("Event set-up: events, schemes, contestants, judges (to a venue laptop)"),
            what,
        )
        self.setup_radio.setObjectName("kindSetup")
        self.venue_radio.setChecked(True)
        for i, b in enumerate((self.venue_radio, self.setup_radio)):
            self.kind_group.addButton(b, i)
            lay.addWidget(b)
        self.kind_group.idToggled.connect(lambda _i, _on: self._update_state())

        self.all_events = QCheckBox(self.tr("All events"), what)
        self.all_events.setObjectName("allEvents")
        self.all_events.setChecked(True)
        self.all_events.toggled.connect(lambda _on: self._update_state())
        lay.addWidget(self.all_events)
        self.events_list = QListWidget(what)
        self.events_list.setObjectName("exportEvents")
        self.events_list.setMinimumHeight(60)
        self.events_list.setMaximumHeight(170)
        self.events_list.itemChanged.connect(lambda _item: self._update_state())
        lay.addWidget(self.events_list)

        self.scope_group = QButtonGroup(self)
        self.incremental_radio = QRadioButton(self.tr("Only what changed since the last export"))
        self.incremental_radio.setObjectName("incremental")
        self.full_radio = QRadioButton(self.tr("Everything (a full package)"), what)
        self.full_radio.setObjectName("full")
        self.incremental_radio.setChecked(True)
        self.scope_group.addButton(self.incremental_radio, 0)
        self.scope_group.addButton(self.full_radio, 1)
        self.scope_chosen = False  # the person picked full/incremental themselves
        self.scope_group.buttonClicked.connect(lambda _b: setattr(self, "scope_chosen", True))
        lay.addWidget(self.incremental_radio)
        self.since_label = hint("", what)
        self.since_label.setObjectName("sinceLabel")
        self.since_label.setContentsMargins(24, 0, 0, 0)
        lay.addWidget(self.since_label)
        lay.addWidget(self.full_radio)

        lay.addSpacing(6)
        lay.addWidget(QLabel(self.tr("Save to (a folder or a USB stick):"), what))
        row = QHBoxLayout()
        self.folder_combo = QComboBox(what)
        self.folder_combo.setObjectName("exportFolder")
        self.folder_combo.setEditable(True)
        self.folder_combo.setMinimumWidth(280)
        self.folder_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        row.addWidget(self.folder_combo, 1)
        self.browse_button = QPushButton(self.tr("Browse…"), what)
        self.browse_button.setObjectName("exportBrowse")
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.browse_button)
        self.drives_button = QPushButton(self.tr("Look for USB sticks"), what)
        self.drives_button.setObjectName("exportDrives")
        self.drives_button.clicked.connect(self.fill_folders)
        row.addWidget(self.drives_button)
        lay.addLayout(row)
        self.drives_hint = hint("", what)
        self.drives_hint.setObjectName("drivesHint")
        lay.addWidget(self.drives_hint)
        lay.addStretch(1)

        self.banner = MessageBanner(what)
        lay.addWidget(self.banner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("Export package"), what)
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export)
        buttons.addWidget(self.export_button)
        lay.addLayout(buttons)
        if not self.allowed:
            lay.addWidget(
                hint(
                    self.tr(
                        "Your account may not export packages: sign in as the administrator "
                        "of this laptop or the city office."
                    ),
                    what,
                )
            )
        outer.addWidget(what, 5)

        # ---------------------------------------------------------- result
        res, rlay = card(self.tr("Package written"), self)
        self.result_card = res
        self.result_empty = hint(
            self.tr(
                "After the export, the package's file, its SHA-256 and this computer's "
                "fingerprint appear here. Read them to the receiving side or print the "
                "handover slip."
            ),
            res,
        )
        rlay.addWidget(self.result_empty)
        self.result_box = QWidget(res)
        form = QFormLayout(self.result_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.result_path = value_label(self.result_box, "resultPath")
        form.addRow(self.tr("File"), self.result_path)
        self.result_hash = value_label(self.result_box, "resultHash")
        self.result_hash.setFont(common.mono_font(13))
        self.result_hash.setWordWrap(False)
        form.addRow(self.tr("SHA-256"), self.result_hash)
        self.result_fp = value_label(self.result_box, "resultFingerprint")
        self.result_fp.setFont(common.mono_font(15))
        form.addRow(self.tr("Device fingerprint"), self.result_fp)
        self.result_meta = value_label(self.result_box, "resultMeta")
        form.addRow(self.tr("Package"), self.result_meta)
        self.result_events = value_label(self.result_box, "resultEvents")
        form.addRow(self.tr("Events"), self.result_events)
        self.result_counts = value_label(self.result_box, "resultCounts")
        form.addRow(self.tr("Contents"), self.result_counts)
        rlay.addWidget(self.result_box)
        self.result_note = MessageBanner(res)
        rlay.addWidget(self.result_note)
        rbuttons = QHBoxLayout()
        self.slip_button = QPushButton(self.tr("Print handover slip…"), res)
        self.slip_button.setObjectName("primary")
        self.slip_button.setAccessibleName("slipButton")
        self.slip_button.clicked.connect(self.show_slip)
        rbuttons.addWidget(self.slip_button)
        self.open_folder_button = QPushButton(self.tr("Open folder"), res)
        self.open_folder_button.setObjectName("openExportFolder")
        self.open_folder_button.clicked.connect(self.open_folder)
        rbuttons.addWidget(self.open_folder_button)
        rbuttons.addStretch(1)
        rlay.addLayout(rbuttons)
        rlay.addStretch(1)
        self.result_box.hide()
        self.slip_button.hide()
        self.open_folder_button.hide()
        outer.addWidget(res, 4)

        self.fill_folders()
        self._update_state()
        self.refresh()

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.ctx.worker.run(
            events.list_events,
            self.ctx.db,
            self.ctx.actor,
            on_success=alive(self, self._fill_events),
            on_error=alive(self, self._failed),
        )
        if self.allowed:
            self.ctx.worker.run(
                common.last_export,
                self.ctx.db,
                self.ctx.actor,
                on_success=alive(self, self._fill_previous),
                on_error=alive(self, self._failed),
            )

    def _fill_events(self, rows: list[events.EventSummary]) -> None:
        checked = set(self.chosen_events())
        self.events_list.blockSignals(True)
        self.events_list.clear()
        for e in rows:
            item = QListWidgetItem(f"{e.name}（{e.district or e.level_zh}）", self.events_list)
            item.setData(Qt.ItemDataRole.UserRole, str(e.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = e.id in checked or (not checked and e.id == self.ctx.event_id)
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
        self.events_list.blockSignals(False)
        self._update_state()

    def _fill_previous(self, prev: PackageLogView | None) -> None:
        self.previous = prev
        self._update_state()

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))

    def chosen_events(self) -> list[uuid.UUID]:
        out = []
        for i in range(self.events_list.count()):
            item = self.events_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole))))
        return out

    def _update_state(self) -> None:
        setup = self.setup_radio.isChecked()
        if setup and self.all_events.isChecked():
            self.all_events.setChecked(False)  # a set-up package names its events
        self.all_events.setEnabled(not setup)
        self.events_list.setEnabled(not self.all_events.isChecked())
        prev = self.previous
        if setup:
            self.incremental_radio.setEnabled(False)
            self.full_radio.setChecked(True)
            self.since_label.setText(self.tr("A set-up package is always complete."))
        elif prev is None:
            self.incremental_radio.setEnabled(False)
            self.full_radio.setChecked(True)
            self.since_label.setText(
                self.tr("No package exported from this computer yet: the first one is full.")
            )
        else:
            if not self.incremental_radio.isEnabled() and not self.scope_chosen:
                self.incremental_radio.setChecked(True)  # the usual case once one was sent
            self.incremental_radio.setEnabled(True)
            self.since_label.setText(
                self.tr(
                    "Covers every change after package no. {seq} exported on {when} "
                    "(the receiving side must have imported that one)."
                ).format(seq=prev.seq, when=local_time(prev.created_at))
            )
        nothing = not self.all_events.isChecked() and not self.chosen_events()
        self.export_button.setEnabled(self.allowed and not self.running and not nothing)
        self.export_button.setToolTip(self.tr("Choose at least one event.") if nothing else "")

    # ------------------------------------------------------------------ folders

    def fill_folders(self) -> None:
        current = self.folder_combo.currentText().strip()
        drives = common.removable_drives()
        last = common.remembered_folder(common.EXPORT_FOLDER_KEY)
        self.folder_combo.clear()
        seen: set[str] = set()
        for d in drives:
            free = human_size(d.free) if d.free >= 0 else "?"
            self.folder_combo.addItem(
                self.tr("USB: {label} ({path}, {free} free)").format(
                    label=d.label, path=d.path, free=free
                ),
                str(d.path),
            )
            seen.add(str(d.path))
        if str(last) not in seen:
            self.folder_combo.addItem(str(last), str(last))
        if current and current not in seen and current != str(last):
            self.folder_combo.insertItem(0, current, current)
            self.folder_combo.setCurrentIndex(0)
        elif drives:
            self.folder_combo.setCurrentIndex(0)
        else:
            self.folder_combo.setCurrentIndex(self.folder_combo.findData(str(last)))
        if drives:
            self.drives_hint.setText(
                self.tr("{n} USB stick(s) found; the first one is chosen.").format(n=len(drives))
            )
        else:
            self.drives_hint.setText(
                self.tr("No USB stick found. Plug one in and press “Look for USB sticks”.")
            )

    def folder(self) -> Path | None:
        idx = self.folder_combo.currentIndex()
        text = self.folder_combo.currentText().strip()
        if idx >= 0 and text == self.folder_combo.itemText(idx):
            data = self.folder_combo.itemData(idx)
            if data:
                return Path(str(data))
        return Path(text) if text else None

    def set_folder(self, folder: Path) -> None:
        idx = self.folder_combo.findData(str(folder))
        if idx < 0:
            self.folder_combo.insertItem(0, str(folder), str(folder))
            idx = 0
        self.folder_combo.setCurrentIndex(idx)

    def browse(self) -> None:
        start = self.folder() or common.remembered_folder(common.EXPORT_FOLDER_KEY)
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where to save the package"), str(start)
        )
        if chosen:
            self.set_folder(Path(chosen))

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        folder = self.folder()
        self.banner.clear()
        if folder is None:
            self.banner.error(self.tr("Choose the folder or USB stick to save the package to."))
            return
        setup = self.setup_radio.isChecked()
        chosen = None if self.all_events.isChecked() else self.chosen_events()
        if (setup or chosen is not None) and not chosen:
            self.banner.error(self.tr("Choose at least one event."))
            return
        self.running = True
        self._update_state()
        self.ctx.worker.run(
            sync.export_package,
            self.ctx.db,
            self.ctx.actor,
            folder,
            chosen,
            incremental=self.incremental_radio.isChecked() and not setup,
            kind="setup" if setup else "venue",
            on_success=alive(self, self._exported),
            on_error=alive(self, self._export_failed),
            progress=(self, self.tr("Writing and checking the package…")),
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_state()
        self.banner.error(self.ctx.error_text(exc))

    def _exported(self, res: ExportResult) -> None:
        self.running = False
        self.result = res
        common.remember_folder(common.EXPORT_FOLDER_KEY, res.path.parent)
        self.show_result(res)
        self.banner.success(
            self.tr("Package no. {seq} written. Check the SHA-256 on the slip.").format(seq=res.seq)
        )
        self._update_state()
        self.refresh()
        self.exported.emit(res)

    def show_result(self, res: ExportResult) -> None:
        zh = self.ctx.lang == "zh"
        self.result_empty.hide()
        self.result_box.show()
        self.slip_button.show()
        self.open_folder_button.show()
        self.result_path.setText(str(res.path))
        self.result_hash.setText(common.group_hash(res.sha256))
        self.result_hash.setToolTip(res.sha256)
        self.result_fp.setText(res.fingerprint)
        kind = self.tr("venue data") if res.kind == "venue" else self.tr("event set-up")
        scope = self.tr("full") if res.full else self.tr("incremental")
        self.result_meta.setText(
            self.tr("no. {seq}, {kind}, {scope}, {size}, from {device}").format(
                seq=res.seq, kind=kind, scope=scope, size=human_size(res.size),
                device=res.device_name,
            )
        )  # fmt: skip
        self.result_events.setText("\n".join(e.name for e in res.events) or "—")
        rows = sum(res.counts.values())
        self.result_counts.setText(
            self.tr("{rows} rows: {detail}; {audit} audit entries").format(
                rows=rows,
                detail=common.counts_text(res.counts, "zh" if zh else "en") or "—",
                audit=res.audit_entries,
            )
        )
        if res.nothing_changed:
            self.result_note.info(
                self.tr(
                    "Nothing changed since the previous export. Hand this package over "
                    "anyway: it keeps the sequence of packages unbroken."
                )
            )
        else:
            self.result_note.clear()

    def show_slip(self) -> None:
        from ui.sync.slip_dialog import SlipDialog

        if self.result is None:
            return
        dialog = SlipDialog(self.ctx, self.result, self)
        self.slip_dialog = dialog
        dialog.open()

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))
