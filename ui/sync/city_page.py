"""The city office page (市级汇总): the year's roll-ups over the venues' imported packages.

Each district's progress against the year's targets (targets are data: a TOML or CSV file
loaded here, per year), with a bar chart; workers trained (a head-count sheet imported
here); results per event; the winners list for the city's 通报; the qualification-upgrade
list and the nomination candidates; all of it as xlsx and PDF. The numbers come from
``kmjudge.sync.reports``; this page only shows them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.events import LEVEL_ZH
from kmjudge.sync import reports
from kmjudge.sync.reports import Progress, ProgressRow, ResultLine, TrainingImport, YearResults
from ui.checkin.common import ask_save_path, default_folder
from ui.context import AppContext
from ui.sync.chart import Bar, Group, TargetsChart
from ui.sync.models import AMBER, GREEN, Row, RowsModel
from ui.widgets import MessageBanner, alive, heading, hint

MET_BG = "#e3f3e6"
SHORT_BG = "#fff1c7"


def load_city(db: Database, actor: Actor, year: int) -> tuple[Progress, YearResults]:
    """Runs on the worker: the progress against targets and every event recomputed."""
    return reports.progress(db, actor, year), reports.year_results(db, actor, year)


def apply_targets(db: Database, actor: Actor, path: Path, year: int) -> int:
    """Read a targets file and store it for its own year (or ``year`` if it names none)."""
    year_in_file, rows = reports.parse_targets(path)
    chosen = year_in_file or year
    reports.set_targets(db, actor, chosen, rows)
    return chosen


def _table(parent: QWidget, name: str, model: RowsModel, stretch: int) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class CityPage(QWidget):
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.progress: Progress | None = None
        self.results: YearResults | None = None
        self.loading = False
        self.last_written: Path | None = None
        self.no_targets_shown = False  # the banner says the year has no targets

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 18)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("City office overview"), self))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Year:"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("cityYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        top.addWidget(self.year)
        lay.addLayout(top)
        lay.addWidget(
            hint(
                self.tr(
                    "Everything here is computed from the packages imported from the venues "
                    "(Data exchange). Targets and training head counts are loaded from files "
                    "for each year."
                ),
                self,
            )
        )
        row = QHBoxLayout()
        self.targets_button = QPushButton(self.tr("Load the year's targets…"), self)
        self.targets_button.setObjectName("loadTargets")
        self.targets_button.clicked.connect(self.choose_targets)
        row.addWidget(self.targets_button)
        self.training_button = QPushButton(self.tr("Import training head counts…"), self)
        self.training_button.setObjectName("importTraining")
        self.training_button.clicked.connect(self.choose_training)
        row.addWidget(self.training_button)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("cityRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        self.xlsx_button = QPushButton(self.tr("Save as Excel…"), self)
        self.xlsx_button.setObjectName("cityXlsx")
        self.xlsx_button.clicked.connect(lambda: self.write("xlsx"))
        row.addWidget(self.xlsx_button)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setObjectName("primary")
        self.pdf_button.clicked.connect(lambda: self.write("pdf"))
        row.addWidget(self.pdf_button)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("cityOpenFile")
        self.open_button.clicked.connect(self.open_written)
        self.open_button.hide()
        row.addWidget(self.open_button)
        lay.addLayout(row)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.summary = QLabel(self)
        self.summary.setObjectName("citySummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        lay.addWidget(self.summary)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("cityTabs")
        # progress: table + chart
        prog = QWidget(self.tabs)
        play = QVBoxLayout(prog)
        play.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, prog)
        self.progress_model = RowsModel(
            [
                self.tr("District"),
                self.tr("Competitions"),
                self.tr("Trades"),
                self.tr("Trained"),
                self.tr("Targets met"),
                self.tr("Events"),
            ],
            self,
            right=(1, 2, 3),
        )
        self.progress_table = _table(split, "progressTable", self.progress_model, 5)
        split.addWidget(self.progress_table)
        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        self.chart = TargetsChart(scroll)
        scroll.setWidget(self.chart)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        play.addWidget(split)
        self.tabs.addTab(prog, self.tr("Progress against targets"))

        self.events_model = RowsModel(
            [
                self.tr("Event"),
                self.tr("Level"),
                self.tr("District"),
                self.tr("Trade"),
                self.tr("Results"),
                self.tr("Entered"),
                self.tr("Ranked"),
                self.tr("1st / 2nd / 3rd prizes"),
                self.tr("Open conflicts"),
            ],
            self,
            right=(5, 6, 8),
        )
        self.events_table = _table(self.tabs, "eventsTable", self.events_model, 0)
        self.tabs.addTab(self.events_table, self.tr("Results per event"))
        people_headers = [
            self.tr("Event"),
            self.tr("Rank"),
            self.tr("Name"),
            self.tr("Employer"),
            self.tr("District"),
            self.tr("Total"),
            self.tr("Award / title"),
        ]
        self.winners_model = RowsModel(list(people_headers), self, right=(1, 5))
        self.winners_table = _table(self.tabs, "winnersTable", self.winners_model, 3)
        self.tabs.addTab(self.winners_table, self.tr("Winners (通报)"))
        self.upgrades_model = RowsModel(list(people_headers), self, right=(1, 5))
        self.upgrades_table = _table(self.tabs, "upgradesTable", self.upgrades_model, 3)
        self.tabs.addTab(self.upgrades_table, self.tr("Qualification upgrades"))
        self.nominations_model = RowsModel(list(people_headers), self, right=(1, 5))
        self.nominations_table = _table(self.tabs, "nominationsTable", self.nominations_model, 3)
        self.tabs.addTab(self.nominations_table, self.tr("Nomination candidates"))
        lay.addWidget(self.tabs, 1)
        self.refresh()

    # ------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loading and self.progress is not None:
            self.refresh()  # packages may have been imported meanwhile

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self._enable(False)
        self.ctx.worker.run(
            load_city,
            self.ctx.db,
            self.ctx.actor,
            self.year.value(),
            on_success=alive(self, self._loaded),
            on_error=alive(self, self._failed),
            progress=(self, self.tr("Adding up the venues' results…")),
        )

    def _enable(self, on: bool) -> None:
        for b in (
            self.targets_button,
            self.training_button,
            self.refresh_button,
            self.xlsx_button,
            self.pdf_button,
        ):
            b.setEnabled(on)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._enable(True)
        self.banner.error(self.ctx.error_text(exc))

    def _loaded(self, data: tuple[Progress, YearResults]) -> None:
        self.loading = False
        self._enable(True)
        year = self.year.value()
        prog, res = data
        if prog.year != year:  # the year was changed meanwhile
            self.refresh()
            return
        self.progress, self.results = prog, res
        self._fill_progress(prog)
        self._fill_events(res)
        self.winners_model.set_rows([self._person(r) for r in res.winners])
        self.upgrades_model.set_rows([self._person(r) for r in res.upgrades])
        self.nominations_model.set_rows([self._person(r) for r in res.nominations])
        goal = prog.city.target.trained if prog.city.target else 0
        trained = (
            self.tr("{n} workers trained (target {goal})").format(
                n=f"{prog.trained_total:,}", goal=f"{goal:,}"
            )
            if goal
            else self.tr("{n} workers trained").format(n=f"{prog.trained_total:,}")
        )
        self.summary.setText(
            self.tr(
                "{year}: {events} events imported; city level {comps} competitions in "
                "{trades} trades; {trained}; {winners} prize winners."
            ).format(
                year=year,
                events=len(res.events),
                comps=prog.city.competitions,
                trades=prog.city.trades,
                trained=trained,
                winners=len(res.winners),
            )
        )
        has_targets = prog.city.target is not None or any(
            r.target is not None for r in prog.districts
        )
        if not has_targets and (self.banner.isHidden() or self.no_targets_shown):
            self.banner.info(
                self.tr(
                    "No targets for {year} yet: load the year's targets file (TOML or CSV)."
                ).format(year=year)
            )
            self.no_targets_shown = True
        elif has_targets and self.no_targets_shown:
            self.banner.clear()
            self.no_targets_shown = False

    def _cell(self, done: int, goal: int | None) -> str:
        return f"{done:,} / {goal:,}" if goal else f"{done:,}"

    def _fill_progress(self, prog: Progress) -> None:
        rows: list[Row] = []
        groups: list[Group] = []
        for r in [prog.city, *prog.districts]:
            rows.append(self._progress_row(r))
            t = r.target
            bars = [
                Bar(self.tr("comp."), r.competitions, t.competitions if t else 0),
                Bar(self.tr("trades"), r.trades, t.trades if t else 0),
            ]
            if t is not None and t.trained:
                bars.append(Bar(self.tr("trained"), r.trained, t.trained))
            groups.append(Group(self._label(r), tuple(bars)))
        self.progress_model.set_rows(rows)
        self.chart.set_groups(groups, self.tr("(no target)"))

    def _label(self, r: ProgressRow) -> str:
        return r.district or self.tr("City level")

    def _progress_row(self, r: ProgressRow) -> Row:
        t = r.target
        metrics = [("competitions", 1), ("trades", 2)] + (
            [("trained", 3)] if t and t.trained else []
        )
        met = [r.met(k) for k, _c in metrics]
        backgrounds = (
            {col: (MET_BG if ok else SHORT_BG) for (_k, col), ok in zip(metrics, met, strict=True)}
            if t
            else {}
        )
        if t is None:
            verdict, color = self.tr("no target"), None
        elif all(met):
            verdict, color = self.tr("yes"), GREEN
        else:
            verdict, color = self.tr("not yet"), AMBER
        return Row(
            [
                self._label(r),
                self._cell(r.competitions, t.competitions if t else None),
                self._cell(r.trades, t.trades if t else None),
                self._cell(r.trained, t.trained if t and t.trained else None),
                verdict,
                "、".join(r.events),
            ],
            r,
            color=color,
            backgrounds=backgrounds,
            tooltip="、".join(r.trade_names),
        )

    def _fill_events(self, res: YearResults) -> None:
        zh = self.ctx.lang == "zh"
        rows = []
        for e in res.events:
            prizes = " / ".join(str(e.awards.get(a, 0)) for a in ("一等奖", "二等奖", "三等奖"))
            rows.append(
                Row(
                    [
                        e.event,
                        LEVEL_ZH.get(e.level, e.level) if zh else e.level,
                        e.district or "—",
                        e.trade,
                        e.status,
                        str(e.entered),
                        str(e.ranked),
                        prizes,
                        str(e.open_conflicts) if e.open_conflicts else "",
                    ],
                    e,
                    color=AMBER if e.open_conflicts else None,
                )
            )
        self.events_model.set_rows(rows)

    def _person(self, r: ResultLine) -> Row:
        return Row(
            [
                r.event,
                str(r.rank or ""),
                r.name,
                r.employer,
                r.contestant_district or r.district,
                f"{r.total:.2f}" if r.total is not None else "",
                " ".join(x for x in (r.award, r.title) if x),
            ],
            r,
        )

    # ------------------------------------------------------------------ files in

    def choose_targets(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The year's targets"),
            str(default_folder()),
            self.tr("Targets (*.toml *.csv);;All files (*)"),
        )
        if path:
            self.load_targets(Path(path))

    def load_targets(self, path: Path) -> None:
        self.banner.clear()
        self.ctx.worker.run(
            apply_targets,
            self.ctx.db,
            self.ctx.actor,
            path,
            self.year.value(),
            on_success=alive(self, self._targets_loaded),
            on_error=alive(self, self._failed),
        )

    def _targets_loaded(self, year: int) -> None:
        self.no_targets_shown = False
        self.banner.success(self.tr("Targets for {year} loaded.").format(year=year))
        if year != self.year.value():
            self.year.setValue(year)  # reloads
        else:
            self.refresh()

    def choose_training(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Training head counts"),
            str(default_folder()),
            self.tr("Sheets (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.load_training(Path(path))

    def load_training(self, path: Path) -> None:
        self.banner.clear()
        self.ctx.worker.run(
            reports.import_training,
            self.ctx.db,
            self.ctx.actor,
            path,
            year=self.year.value(),
            on_success=alive(self, self._training_loaded),
            on_error=alive(self, self._failed),
        )

    def _training_loaded(self, res: TrainingImport) -> None:
        if res.duplicate:
            self.banner.info(self.tr("This sheet was imported before: nothing changed."))
        else:
            self.banner.success(
                self.tr("{rows} row(s) imported: {people} workers trained.").format(
                    rows=res.rows, people=f"{res.people:,}"
                )
            )
        self.refresh()

    # ------------------------------------------------------------------ files out

    def write(self, kind: str) -> None:
        year = self.year.value()
        if kind == "xlsx":
            name, filt = f"{year}年职工技能竞赛汇总.xlsx", self.tr("Excel workbooks (*.xlsx)")
            fn = reports.report_xlsx
        else:
            name, filt = f"{year}年职工技能竞赛汇总.pdf", self.tr("PDF files (*.pdf)")
            fn = reports.report_pdf
        target = ask_save_path(self, self.tr("Save the report"), default_folder() / name, filt)
        if not target:
            return
        self._enable(False)
        self.ctx.worker.run(
            fn,
            self.ctx.db,
            self.ctx.actor,
            year,
            target,
            on_success=alive(self, self._written),
            on_error=alive(self, self._failed),
            progress=(self, self.tr("Writing the report…")),
        )

    def _written(self, path: Path) -> None:
        self._enable(True)
        self.last_written = Path(path)
        self.banner.success(self.tr("Report written: {path}").format(path=path))
        self.open_button.show()

    def open_written(self) -> None:
        if self.last_written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_written)))


__all__ = ["CityPage", "apply_targets", "load_city"]
