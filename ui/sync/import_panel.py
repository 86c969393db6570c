"""Import: pick one or many package files; each is inspected first (signer, fingerprint, trusted
or not, events, sequence number, rows) and listed; then they are imported one after the other,
in sequence order, each in its own transaction after one backup.

A package from a laptop not trusted here is imported only after the person has compared its
fingerprint (``TrustDialog``); cancelling writes nothing. A package the inspection found
broken (tampered, bad signature, newer schema) is refused without asking anything. A gap in a
laptop's sequence is refused naming the missing numbers. Each row ends with what happened:
added/updated/unchanged counts, "already imported: nothing changed", or the reason for the
refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import sync
from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.errors import KmError
from kmjudge.sync import ImportResult, PackageInfo, SequenceGap, UntrustedSigner
from ui.context import AppContext
from ui.sync import common
from ui.sync.models import AMBER, GREEN, GREY, RED, Row, RowsModel
from ui.sync.trust_dialog import TrustDialog
from ui.widgets import MessageBanner, alive, hint, human_size, local_time

PENDING = "pending"
IMPORTED = "imported"
DUPLICATE = "duplicate"
STALE = "stale"
REFUSED = "refused"
NOT_TRUSTED = "not_trusted"
DONE = (IMPORTED, DUPLICATE, STALE, REFUSED, NOT_TRUSTED)


@dataclass
class Item:
    path: Path
    info: PackageInfo | None
    error: str = ""  # why the file could not even be read
    state: str = PENDING
    message: str = ""
    result: ImportResult | None = None


class ImportPanel(QWidget):
    imported = Signal(object)  # list[ImportResult] of one run
    show_conflicts = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[Item] = []
        self.queue: list[Item] = []
        #: the next packages of a run, read in a second process while one merges
        self.ahead: sync.Prefetcher | None = None
        self.ahead_index: dict[int, int] = {}
        self.run_results: list[ImportResult] = []
        self.confirmed: dict[str, str] = {}  # device id -> fingerprint confirmed in this run
        self.declined: set[str] = set()
        self.backed_up = False
        self.running = False
        self.trust_dialog: TrustDialog | None = None
        self.allowed = ctx.actor.can(Perm.IMPORT_PACKAGES)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 10, 0, 0)
        lay.setSpacing(8)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose package files…"), self)
        self.choose_button.setObjectName("chooseFiles")
        self.choose_button.clicked.connect(self.choose_files)
        row.addWidget(self.choose_button)
        self.clear_button = QPushButton(self.tr("Clear list"), self)
        self.clear_button.setObjectName("clearFiles")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("goConflicts")
        self.conflicts_button.clicked.connect(self.show_conflicts.emit)
        self.conflicts_button.hide()
        row.addWidget(self.conflicts_button)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.import_all)
        row.addWidget(self.import_button)
        lay.addLayout(row)
        lay.addWidget(
            hint(
                self.tr(
                    "Each file is checked before anything is written: the signature, the "
                    "SHA-256 of every part, the version and the sequence number. The database "
                    "is backed up before the first package is merged."
                ),
                self,
            )
        )
        if not self.allowed:
            lay.addWidget(
                hint(
                    self.tr(
                        "Your account may not import packages: sign in as the administrator "
                        "of this laptop or the city office."
                    ),
                    self,
                )
            )
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = RowsModel(
            [
                self.tr("File"),
                self.tr("From"),
                self.tr("Fingerprint"),
                self.tr("Trusted"),
                self.tr("Package"),
                self.tr("Rows"),
                self.tr("Result"),
            ],
            self,
            right=(5,),
        )
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the file name is long and the same for every laptop but the middle: elide it
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 210)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._details())
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("importDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Choose a package in the list to see details."))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self._update_buttons()

    # ------------------------------------------------------------------ choosing

    def choose_files(self) -> None:
        start = common.remembered_folder(common.IMPORT_FOLDER_KEY)
        drives = common.removable_drives()
        if drives:
            start = drives[0].path
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose the packages to import"),
            str(start),
            self.tr("kmjudge packages (*.zip);;All files (*)"),
        )
        if files:
            common.remember_folder(common.IMPORT_FOLDER_KEY, Path(files[0]).parent)
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        """Inspect ``files`` (nothing is written) and list them, sorted by sequence."""
        known = {i.path.resolve() for i in self.items if i.state not in DONE}
        fresh = [f for f in files if f.resolve() not in known]
        if not fresh:
            return
        self.items = [i for i in self.items if i.state not in DONE]
        self.banner.clear()
        self.running = True
        self._update_buttons()
        self.ctx.worker.run(
            common.inspect_files,
            self.ctx.db,
            [*(i.path for i in self.items), *fresh],
            pool=True,
            on_success=alive(self, self._inspected),
            on_error=alive(self, self._inspect_failed),
            progress=(self, self.tr("Checking the packages…")),
        )

    def _inspected(self, found: list[tuple[Path, object]]) -> None:
        self.running = False
        items = []
        for path, what in found:
            if isinstance(what, PackageInfo):
                items.append(Item(path, what))
            else:
                exc = what if isinstance(what, BaseException) else Exception(str(what))
                items.append(Item(path, None, error=self.ctx.error_text(exc)))
        self.items = items
        self._show()
        if self.items:
            self.table.selectRow(0)
        untrusted = {i.info.signer.name for i in items if i.info and not i.info.signer.trusted}
        if untrusted:
            self.banner.info(
                self.tr(
                    "New device(s): {names}. You will be asked to compare the fingerprint "
                    "before importing."
                ).format(names="、".join(sorted(untrusted)))
            )

    def _inspect_failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_buttons()
        self.banner.error(self.ctx.error_text(exc))

    def clear(self) -> None:
        if self.running:
            return
        self.items = []
        self.banner.clear()
        self.conflicts_button.hide()
        self._show()

    # ------------------------------------------------------------------ showing

    def _problems(self, info: PackageInfo) -> list[str]:
        return list(info.problems_zh if self.ctx.lang == "zh" else info.problems_en)

    def _row(self, item: Item) -> Row:
        info = item.info
        if info is None:
            return Row(
                [item.path.name, "", "", "", "", "", self.tr("Not a package: ") + item.error],
                item,
                color=RED,
                tooltip=str(item.path),
            )
        man = info.manifest
        s = info.signer
        if s.is_local:
            trusted = self.tr("this computer")
        elif not s.key_matches:
            trusted = self.tr("FOREIGN KEY")
        elif s.trusted:
            trusted = self.tr("yes")
        elif item.result is not None and item.result.trusted_now:
            trusted = self.tr("yes (confirmed now)")
        else:
            trusted = self.tr("new device")
        kind = self.tr("venue data") if man.kind == "venue" else self.tr("event set-up")
        scope = self.tr("full") if man.full else self.tr("incremental")
        package = self.tr("no. {seq} · {kind} · {scope}").format(
            seq=man.seq, kind=kind, scope=scope
        )
        rows = sum(f[2] for n, f in man.files.items() if n.startswith("data/"))
        events = "、".join(e.name for e in man.events)
        color: str | None = None
        if item.state == PENDING:
            problems = self._problems(info)
            if problems:
                result, color = self.tr("will be refused: ") + problems[0], RED
            elif not s.trusted:
                result, color = self.tr("waiting: fingerprint to compare"), AMBER
            else:
                result = self.tr("waiting")
        else:
            result = item.message
            color = {
                IMPORTED: GREEN,
                DUPLICATE: GREY,
                STALE: GREY,
                REFUSED: RED,
                NOT_TRUSTED: AMBER,
            }.get(item.state)
        return Row(
            [
                item.path.name,
                s.name,
                man.fingerprint,
                trusted,
                package,
                str(rows),
                result,
            ],
            item,
            color=color,
            tooltip="\n".join(t for t in (result, events, str(item.path)) if t),
        )

    def _show(self) -> None:
        current = self.table.currentIndex().row()
        self.model.set_rows([self._row(i) for i in self.items])
        if 0 <= current < len(self.items):
            self.table.selectRow(current)
        self._update_buttons()
        self._details()

    def _update_buttons(self) -> None:
        waiting = any(i.state == PENDING and i.info is not None for i in self.items)
        self.import_button.setEnabled(self.allowed and waiting and not self.running)
        self.choose_button.setEnabled(not self.running)
        self.clear_button.setEnabled(not self.running and bool(self.items))

    def _details(self) -> None:
        row = self.table.currentIndex().row()
        item = self.model.payload(row)
        if not isinstance(item, Item):
            self.details.setPlainText("")
            return
        zh = self.ctx.lang == "zh"
        lines = [str(item.path)]
        if item.info is None:
            lines.append(item.error)
            self.details.setPlainText("\n".join(lines))
            return
        info = item.info
        man = info.manifest
        lines += [
            self.tr("SHA-256: {sha}").format(sha=common.group_hash(info.sha256, 16)),
            self.tr("Size: {size}").format(size=human_size(info.size)),
            self.tr("Device: {name} ({id})").format(name=man.device_name, id=man.device_id),
            self.tr("Fingerprint: {fp}").format(fp=man.fingerprint),
            self.tr("Exported: {when}, kmjudge {app}, schema {schema}").format(
                when=local_time(man.created_at), app=man.app_version, schema=man.schema_version
            ),
            self.tr("Sequence: no. {seq}; imported here so far: up to no. {last}").format(
                seq=man.seq, last=info.last_seq
            ),
            self.tr("Signature: {ok}").format(
                ok=self.tr("valid") if info.signature_ok else self.tr("INVALID")
            ),
            self.tr("Contents: {counts}").format(
                counts=common.counts_text(
                    {
                        n.removeprefix("data/").removesuffix(".jsonl"): f[2]
                        for n, f in man.files.items()
                        if n.startswith("data/")
                    },
                    "zh" if zh else "en",
                    limit=30,
                )
                or "—"
            ),
        ]
        lines += [self.tr("Event: {name}").format(name=e.name) for e in man.events]
        lines += [f"✘ {p}" for p in self._problems(info)]
        if item.message:
            lines += ["", item.message]
        res = item.result
        if res is not None and res.counts:
            lines.append("")
            lines.append(
                self.tr("Table: added / updated / unchanged / older / in conflict / skipped")
            )
            for name, c in sorted(res.counts.items()):
                lines.append(
                    f"  {common.table_label(name, 'zh' if zh else 'en')}: {c.inserted} / "
                    f"{c.updated} / {c.unchanged} / {c.older} / {c.conflicts} / {c.skipped}"
                )
            for conflict in res.conflicts:
                lines.append("! " + (conflict.summary_zh if zh else conflict.summary_en))
        if res is not None and res.backup is not None:
            lines.append(self.tr("Backup made before the import: {path}").format(path=res.backup))
        self.details.setPlainText("\n".join(lines))

    # ------------------------------------------------------------------ importing

    def import_all(self) -> None:
        if self.running or not self.allowed:
            return
        self.queue = [i for i in self.items if i.state == PENDING and i.info is not None]
        if not self.queue:
            return
        self.run_results = []
        self.confirmed = {}
        self.declined = set()
        self._stop_reading_ahead()
        if len(self.queue) > 1:
            self.ahead = sync.Prefetcher([i.path for i in self.queue])
            self.ahead_index = {id(item): k for k, item in enumerate(self.queue)}
        self.running = True
        self.banner.clear()
        self.conflicts_button.hide()
        self._update_buttons()
        self._next()

    def _next(self) -> None:
        if not self.queue:
            self._finished()
            return
        item = self.queue[0]
        info = item.info
        assert info is not None
        problems = self._problems(info)
        if problems:
            self._done(
                item,
                REFUSED,
                self.tr("Refused, nothing written: {why}").format(why="；".join(problems)),
            )
            return
        dev = str(info.manifest.device_id)
        if dev in self.declined:
            self._done(item, NOT_TRUSTED, self.tr("Not imported: the device was not trusted."))
            return
        # The sequence may have moved on since the inspection (an earlier package of the same
        # laptop in this run): look again, cheaply, before asking anything.
        self.ctx.worker.run(
            sync.inspect,
            self.ctx.db,
            item.path,
            deep=False,
            pool=True,
            on_success=alive(self, lambda fresh: self._ready(item, fresh)),
            on_error=alive(self, lambda exc: self._failed(item, exc)),
        )

    def _ready(self, item: Item, fresh: PackageInfo) -> None:
        man = fresh.manifest
        dev = str(man.device_id)
        if fresh.sequence == "gap":
            nums = ", ".join(str(n) for n in fresh.missing[:20])
            self._done(
                item,
                REFUSED,
                self.tr(
                    "Refused, nothing written: package(s) no. {nums} of {device} are missing "
                    "(imported here up to no. {last}, this is no. {seq}). Import the missing "
                    "ones first, or ask for a full package."
                ).format(nums=nums, device=man.device_name, last=fresh.last_seq, seq=man.seq),
            )
            return
        needs_trust = (
            not fresh.signer.trusted
            and fresh.signer.key_matches
            and fresh.sequence not in ("duplicate", "own")
            and dev not in self.confirmed
        )
        if needs_trust:
            self._ask_trust(item, fresh)
            return
        self._import(item, self.confirmed.get(dev))

    def _ask_trust(self, item: Item, info: PackageInfo) -> None:
        man = info.manifest
        dialog = TrustDialog(man.device_name, man.device_id, man.fingerprint, self)
        self.trust_dialog = dialog
        dialog.finished.connect(lambda code: self._trust_answer(item, dialog, code))
        dialog.open()

    def _trust_answer(self, item: Item, dialog: TrustDialog, code: int) -> None:
        self.trust_dialog = None
        info = item.info
        assert info is not None
        dev = str(info.manifest.device_id)
        if code == TrustDialog.DialogCode.Accepted and dialog.matches():
            self.confirmed[dev] = dialog.typed()
            self._import(item, dialog.typed())
        else:
            self.declined.add(dev)
            self._done(
                item,
                NOT_TRUSTED,
                self.tr("Not imported: the fingerprint was not confirmed. Nothing was written."),
            )
        dialog.deleteLater()

    def _import(self, item: Item, fingerprint: str | None) -> None:
        ahead, index = self.ahead, self.ahead_index.get(id(item))

        def run(
            db: Database, actor: Actor, path: Path, fp: str | None, backup: bool
        ) -> ImportResult:
            # On the worker thread: waits (if need be) for the helper process's reading.
            prepared = ahead.take(index) if ahead is not None and index is not None else None
            return sync.import_package(db, actor, path, fp, backup=backup, prepared=prepared)

        self.ctx.worker.run(
            run,
            self.ctx.db,
            self.ctx.actor,
            item.path,
            fingerprint,
            not self.backed_up,
            on_success=alive(self, lambda res: self._imported(item, res)),
            on_error=alive(self, lambda exc: self._failed(item, exc)),
            progress=(self, self.tr("Importing {file}…").format(file=item.path.name)),
        )

    def _imported(self, item: Item, res: ImportResult) -> None:
        item.result = res
        if res.backup is not None:
            self.backed_up = True
        self.run_results.append(res)
        if res.status == sync.STATUS_DUPLICATE:
            self._done(item, DUPLICATE, self.tr("Already imported: nothing changed."))
            return
        if res.status == sync.STATUS_STALE:
            self._done(
                item,
                STALE,
                self.tr("Older than what is imported here: nothing changed."),
            )
            return
        added = sum(c.inserted for c in res.counts.values())
        updated = sum(c.updated for c in res.counts.values())
        unchanged = sum(c.unchanged + c.older for c in res.counts.values())
        text = self.tr("Imported: {added} added, {updated} updated, {unchanged} unchanged").format(
            added=added, updated=updated, unchanged=unchanged
        )
        if res.conflicts:
            text += self.tr("; {n} conflict(s) to resolve").format(n=len(res.conflicts))
        self._done(item, IMPORTED, text)

    def _failed(self, item: Item, exc: BaseException) -> None:
        if isinstance(exc, UntrustedSigner) and item.info is not None:
            # Trust was withdrawn meanwhile: ask, as for a new device.
            dev = str(item.info.manifest.device_id)
            if dev not in self.confirmed and dev not in self.declined:
                self._ask_trust(item, item.info)
                return
        why = self.ctx.error_text(exc)
        if isinstance(exc, SequenceGap | KmError):
            self._done(item, REFUSED, self.tr("Refused: {why}").format(why=why))
        else:
            self._done(item, REFUSED, self.tr("Failed, nothing written: {why}").format(why=why))

    def _done(self, item: Item, state: str, message: str) -> None:
        item.state = state
        item.message = message
        if self.queue and self.queue[0] is item:
            self.queue.pop(0)
        self._show()
        self._next()

    def _stop_reading_ahead(self) -> None:
        if self.ahead is not None:
            self.ahead.close(wait=False)
            self.ahead = None
            self.ahead_index = {}

    def _finished(self) -> None:
        self._stop_reading_ahead()
        self.running = False
        self._update_buttons()
        states = [i.state for i in self.items]
        n_imp = states.count(IMPORTED)
        n_same = states.count(DUPLICATE) + states.count(STALE)
        n_bad = states.count(REFUSED) + states.count(NOT_TRUSTED)
        conflicts = sum(len(r.conflicts) for r in self.run_results)
        text = self.tr(
            "{imported} imported, {same} already imported (nothing changed), {refused} refused."
        ).format(imported=n_imp, same=n_same, refused=n_bad)
        if conflicts:
            text += " " + self.tr(
                "{n} conflict(s) found: resolve them on the conflicts screen."
            ).format(n=conflicts)
            self.conflicts_button.setText(self.tr("Resolve {n} conflict(s)").format(n=conflicts))
            self.conflicts_button.show()
        kind = "error" if n_bad else "warning" if conflicts else "success"
        self.banner.show_message(text, kind)
        if any(r.status == sync.STATUS_IMPORTED for r in self.run_results):
            self.ctx.bus.events_changed.emit()
            if self.ctx.event_id is not None:
                self.ctx.bus.registrations_changed.emit(self.ctx.event_id)
        self.imported.emit(list(self.run_results))

    # ------------------------------------------------------------------ for tests

    def result_texts(self) -> list[str]:
        return self.model.column_texts(6)
