"""复核 recheck tab: draw the sample once, work through it station by station (no error /
error with a note), watch the error rate, and print the list.

Keyboard: the list has the focus; Alt+N records "no error" for the selected station and moves
to the next one still to check; type a note and Alt+E records an error.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from kmjudge.judging import recheck
from kmjudge.judging.recheck import RecheckList, RecheckRow
from ui.judging.chief_common import ChiefTab, make_table, selected_row
from ui.judging.models import SimpleTableModel, station_text
from ui.widgets import MessageBanner, alive, hint, local_time

OK_COLOR, ERROR_COLOR, FULL_COLOR = "#1d6b2c", "#a61b1b", "#7a5500"


def percent(value: Decimal) -> str:
    """7.7 for 0.0769…; 5 for 0.05 (whole percentages without a trailing .0)."""
    pct = (value * 100).quantize(Decimal("0.1"))
    return format(pct.normalize() if pct == pct.to_integral() else pct, "f")


if TYPE_CHECKING:
    from ui.judging.chief_page import ChiefPage


class RecheckTab(ChiefTab):
    def __init__(self, page: ChiefPage) -> None:
        super().__init__(page)
        self.list: RecheckList | None = None
        self.rows: list[RecheckRow] = []
        lay = QVBoxLayout(self)
        self.rule = hint("", self)
        self.rule.setObjectName("recheckRule")
        lay.addWidget(self.rule)

        top = QHBoxLayout()
        self.draw_button = QPushButton(self.tr("Draw the recheck sample"), self)
        self.draw_button.setObjectName("primary")
        self.draw_button.clicked.connect(self.draw)
        top.addWidget(self.draw_button)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("recheckProgress")
        self.progress.setFormat("%v / %m")
        self.progress.setMaximumWidth(260)
        top.addWidget(self.progress)
        self.status_label = QLabel("", self)
        self.status_label.setObjectName("recheckStatus")
        top.addWidget(self.status_label, 1)
        self.export_button = QPushButton(self.tr("Print list (xlsx)…"), self)
        self.export_button.setObjectName("recheckExport")
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        lay.addLayout(top)

        self.full_banner = MessageBanner(self)
        lay.addWidget(self.full_banner)
        self.lock_note = hint("", self)
        self.lock_note.setObjectName("recheckLockNote")
        lay.addWidget(self.lock_note)

        self.model = SimpleTableModel(
            [
                self.tr("Station"),
                self.tr("Why drawn"),
                self.tr("Result"),
                self.tr("Checked by"),
                self.tr("When"),
                self.tr("Note"),
            ],
            self,
        )
        self.table = make_table(self, "recheckTable", self.model)
        lay.addWidget(self.table, 1)

        rec = QHBoxLayout()
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("recheckNote")
        self.note_edit.setPlaceholderText(
            self.tr("What was wrong (required for an error), e.g. B1.1 added up wrongly")
        )
        rec.addWidget(self.note_edit, 1)
        self.ok_button = QPushButton(self.tr("&No error"), self)
        self.ok_button.setObjectName("recheckOk")
        self.ok_button.clicked.connect(lambda: self.record(False))
        rec.addWidget(self.ok_button)
        self.error_button = QPushButton(self.tr("Found an &error"), self)
        self.error_button.setObjectName("recheckError")
        self.error_button.clicked.connect(lambda: self.record(True))
        rec.addWidget(self.error_button)
        lay.addLayout(rec)
        self._show(None)

    # ---------------------------------------------------------------- loading

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self.load(recheck.recheck_list, self.ctx.db, self.ctx.actor, self.event_id, then=self._show)

    def _show(self, rl: RecheckList | None) -> None:
        self.list = rl
        st = rl.status if rl is not None else None
        drawn = bool(st and st.drawn)
        self.rule.setText(
            (rl.rule_zh() if self.zh() else rl.rule_en())
            if rl is not None
            else self.tr("Everyone ranked 10 or better plus a random 15 % of the rest.")
        )
        self.draw_button.setVisible(not drawn)
        for w in (self.ok_button, self.error_button, self.note_edit, self.export_button):
            w.setEnabled(drawn)
        self.rows = list(rl.rows) if rl is not None else []
        texts, colors = [], []
        for r in self.rows:
            texts.append(
                [
                    station_text(r.station_no) if r.station_no is not None else "—",
                    (r.why_zh if self.zh() else r.why_en)(rl.top_n if rl is not None else 10),
                    self._outcome(r),
                    r.checked_by,
                    local_time(r.checked_at),
                    r.note,
                ]
            )
            colors.append(None if not r.checked else (ERROR_COLOR if r.found_error else OK_COLOR))
        keep = selected_row(self.table)
        self.model.set_rows(texts, payload=self.rows, colors=colors)
        if st is None or not drawn:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.status_label.setText(self.tr("The sample has not been drawn yet."))
            self.full_banner.clear()
            self.lock_note.setText(
                self.tr(
                    "Draw it once every mark is in. The event cannot be locked before the "
                    "recheck is finished. The draw is random and happens only once."
                )
            )
            self.loaded.emit()
            return
        assert rl is not None
        done = rl.checked
        self.progress.setRange(0, max(1, len(self.rows)))
        self.progress.setValue(done)
        self.status_label.setText(
            self.tr(
                "Checked {done} of {total} · sample {sample} (top {top} + random {random}) · "
                "errors {errors} · error rate {rate} % (limit {limit} %)"
            ).format(
                done=done,
                total=len(self.rows),
                sample=st.sample_size,
                top=rl.top_count,
                random=rl.sample_count,
                errors=st.errors,
                rate=percent(st.error_rate),
                limit=percent(st.limit),
            )
        )
        if st.full_required:
            extra = sum(1 for r in self.rows if r.reason == "full")
            self.full_banner.error(
                self.tr(
                    "Error rate {rate} % is above {limit} %: FULL RECHECK required. Every "
                    "contestant still competing must be rechecked ({extra} added to the "
                    "list). The event cannot be locked until all {total} are checked."
                ).format(
                    rate=percent(st.error_rate),
                    limit=percent(st.limit),
                    extra=extra,
                    total=len(self.rows),
                )
            )
        else:
            self.full_banner.clear()
        left = len(self.rows) - done
        self.lock_note.setText(
            self.tr("Recheck finished: it no longer stops the lock.")
            if st.complete
            else self.tr(
                "{left} station(s) still to recheck; the event cannot be locked yet."
            ).format(left=left)
        )
        target = keep if keep is not None and keep < len(self.rows) else None
        if target is None or self.rows[target].checked:
            target = next((i for i, r in enumerate(self.rows) if not r.checked), target)
        if target is not None:
            self.table.selectRow(target)
        self.loaded.emit()

    def _outcome(self, r: RecheckRow) -> str:
        if not r.checked:
            return self.tr("to check")
        return self.tr("error found") if r.found_error else self.tr("no error")

    # ---------------------------------------------------------------- actions

    def confirm_draw(self) -> bool:
        """Asks before the one-time draw (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Draw the recheck sample"),
            self.tr(
                "Draw the recheck sample now? The draw is random and cannot be repeated: "
                "the top 10 and a random 15 % of the others will be on the list."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def draw(self) -> None:
        if self.event_id is None or not self.confirm_draw():
            return
        self.act(
            "draw",
            self.tr("The recheck sample is drawn; work through the list below."),
            recheck.recheck_sample,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
        )

    def selected(self) -> RecheckRow | None:
        row = selected_row(self.table)
        return self.rows[row] if row is not None else None

    def record(self, found_error: bool) -> None:
        r = self.selected()
        if r is None or r.station_no is None or self.event_id is None:
            self.page.banner.error(self.tr("Select a station on the recheck list first."))
            return
        note = self.note_edit.text().strip()
        if found_error and len(note) < 2:
            self.page.banner.error(
                self.tr("Describe the error found at station {s} first.").format(
                    s=station_text(r.station_no)
                )
            )
            self.note_edit.setFocus()
            return
        message = (
            self.tr("Station {s}: error recorded.")
            if found_error
            else self.tr("Station {s}: no error.")
        ).format(s=station_text(r.station_no))
        self.table.setFocus()
        self.act(
            "recheck",
            message,
            recheck.record_recheck,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            r.station_no,
            found_error,
            note,
            on_ok=self.note_edit.clear,
        )

    def ask_save_path(self, suggested: str) -> str:
        """The save dialog (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recheck list"),
            str(Path.home() / suggested),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        return path

    def export(self) -> None:
        if self.event_id is None or self.list is None:
            return
        path = self.ask_save_path(f"{self.list.event_name}-复核清单.xlsx")
        if not path:
            return
        self.ctx.worker.run(
            recheck.write_recheck_xlsx,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            path,
            on_success=alive(
                self,
                lambda out: self.page.finished("export", self.tr("Saved: {path}").format(path=out)),
            ),
            on_error=alive(self, self.page.failed),
            progress=(self, self.tr("Writing the file…")),
        )
