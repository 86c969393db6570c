"""Judges and assignments (裁判分工), for the admin and the chief judge.

Where a venue starts: a judge with no assignment sees nothing to mark. The page lists every
judge account with what it marks (whole event / criterion / aspect, ranking group, trainee
见习), shows who is unassigned and which aspects have too few judges, adds and removes
assignments, names the chief judge, and handles conflicts of interest (回避): judges and
contestants from the same employer, with an "exclude" action and the exclusions made.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge import judges
from kmjudge.judges import AssignmentView, JudgesOverview
from ui.context import AppContext
from ui.judging.assign_conflicts import ConflictsTab
from ui.judging.chief_common import make_table, selected_row
from ui.judging.models import SimpleTableModel
from ui.widgets import MessageBanner, alive, heading, hint

RED, GREEN, GREY, AMBER = "#a61b1b", "#1d6b2c", "#6b7580", "#8a5a00"


class AssignPage(QWidget):
    refreshed = Signal()
    done = Signal(str)  # assign | unassign | chief | exclude | lift | failed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.event_id: uuid.UUID | None = None
        self.overview: JudgesOverview | None = None
        self.assignments: list[AssignmentView] = []
        self._pending = 0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Judges and assignments"), self))
        self.summary = hint("", self)
        self.summary.setObjectName("summaryLabel")
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)
        self.gaps = MessageBanner(self)
        lay.addWidget(self.gaps)
        self.tabs = QTabWidget(self)
        lay.addWidget(self.tabs, 1)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        # ------------------------------------------------------------ assignments tab
        at = QWidget(self)
        al = QHBoxLayout(at)
        left = QVBoxLayout()
        al.addLayout(left, 1)
        left.addWidget(QLabel(self.tr("Judge accounts and what they mark"), at))
        self.judge_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Employer"), self.tr("Marks"), self.tr("State")], self
        )
        self.judge_table = make_table(at, "judgeTable", self.judge_model)
        self.judge_table.selectionModel().selectionChanged.connect(self._judge_selected)
        left.addWidget(self.judge_table, 1)
        left.addWidget(QLabel(self.tr("Assignments"), at))
        self.assign_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Scope"), self.tr("Ranking group"), self.tr("Kind")], self
        )
        self.assign_table = make_table(at, "assignTable", self.assign_model)
        left.addWidget(self.assign_table, 1)
        self.remove_button = QPushButton(self.tr("Remove the selected assignment"), at)
        self.remove_button.setObjectName("removeAssignment")
        self.remove_button.clicked.connect(self.remove_selected)
        left.addWidget(self.remove_button)

        right = QVBoxLayout()
        al.addLayout(right)
        add = QGroupBox(self.tr("Add an assignment"), at)
        form = QFormLayout(add)
        self.judge_combo = QComboBox(add)
        self.judge_combo.setObjectName("assignJudge")
        form.addRow(self.tr("Judge:"), self.judge_combo)
        self.scope_combo = QComboBox(add)
        self.scope_combo.setObjectName("assignScope")
        form.addRow(self.tr("Marks:"), self.scope_combo)
        self.group_combo = QComboBox(add)
        self.group_combo.setObjectName("assignGroup")
        form.addRow(self.tr("Ranking group:"), self.group_combo)
        self.trainee_check = QCheckBox(self.tr("Trainee (见习): marks are kept, never counted"))
        self.trainee_check.setObjectName("assignTrainee")
        form.addRow("", self.trainee_check)
        self.add_button = QPushButton(self.tr("Add"), add)
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_assignment)
        form.addRow("", self.add_button)
        right.addWidget(add)
        chief = QGroupBox(self.tr("Chief judge"), at)
        cf = QFormLayout(chief)
        self.chief_label = QLabel("", chief)
        self.chief_label.setObjectName("chiefLabel")
        self.chief_label.setWordWrap(True)
        cf.addRow(self.chief_label)
        self.chief_combo = QComboBox(chief)
        self.chief_combo.setObjectName("chiefCombo")
        cf.addRow(self.tr("Account:"), self.chief_combo)
        self.chief_button = QPushButton(self.tr("Name as this event's chief judge"), chief)
        self.chief_button.setObjectName("chiefButton")
        self.chief_button.clicked.connect(self.name_chief)
        cf.addRow("", self.chief_button)
        right.addWidget(chief)
        right.addWidget(QLabel(self.tr("Judges per aspect"), at))
        self.staff_model = SimpleTableModel(
            [
                self.tr("Aspect"),
                self.tr("Counting"),
                self.tr("Trainees"),
                self.tr("Planned"),
                self.tr("Needed"),
            ],
            self,
        )
        self.staff_table = make_table(at, "staffTable", self.staff_model)
        sh = self.staff_table.horizontalHeader()
        sh.setStretchLastSection(False)
        sh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # long titles elide
        self.staff_table.setWordWrap(False)
        right.addWidget(self.staff_table, 1)
        for box in (add, chief):
            box.setFixedWidth(400)
        self.staff_table.setFixedWidth(400)
        self.tabs.addTab(at, self.tr("Assignments"))

        self.conflicts_tab = ConflictsTab(self)
        self.tabs.addTab(self.conflicts_tab, self.tr("Conflicts of interest (回避)"))

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    # ---------------------------------------------------------------- loading

    def _event_changed(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.banner.clear()
        self.refresh()

    def _run(self, fn: object, then: object) -> None:
        self._pending += 1

        def ok(value: object) -> None:
            then(value)  # type: ignore[operator]
            self._loaded_one()

        def bad(exc: BaseException) -> None:
            self.banner.error(self.ctx.error_text(exc))
            self._loaded_one()

        self.ctx.worker.run(
            fn,  # type: ignore[arg-type]
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, ok),
            on_error=alive(self, bad),
        )

    def _loaded_one(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            if self.overview is not None:
                self._show_gaps(self.overview)
            self.refreshed.emit()

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self._run(judges.judges_overview, self._show_overview)
        self._run(judges.conflicts, self.conflicts_tab.show_conflicts)
        self._run(judges.list_exclusions, self.conflicts_tab.show_exclusions)

    def judge_text(self, username: str, name: str) -> str:
        return f"{name}（{username}）" if self.ctx.lang == "zh" else f"{name} ({username})"

    def scope_text(self, a: AssignmentView) -> str:
        ov = self.overview
        titles = {c: t for c, t in ov.criteria} if ov else {}
        aspects = {c: t for c, t, _k in ov.aspects} if ov else {}
        if a.aspect_code:
            return self.tr("aspect {c} {t}").format(c=a.aspect_code, t=aspects.get(a.aspect_code))
        if a.criterion_code:
            return self.tr("criterion {c} {t}").format(
                c=a.criterion_code, t=titles.get(a.criterion_code, "")
            )
        return self.tr("the whole event")

    def group_text(self, group: str) -> str:
        return judges.group_label(group) if self.ctx.lang == "zh" else (group or "all groups")

    def _show_overview(self, ov: JudgesOverview) -> None:
        self.overview = ov
        rows: list[list[str]] = []
        colors: list[str | None] = []
        for j in ov.judges:
            own = [a for a in j.assignments if not a.is_chief]
            marks = "；".join(
                self.scope_text(a)
                + ("" if not a.ranking_group else f"·{self.group_text(a.ranking_group)}")
                + (self.tr(" (trainee)") if a.trainee else "")
                for a in own
            )
            if not j.active:
                state, color = self.tr("account disabled"), GREY
            elif own:
                state, color = self.tr("assigned"), GREEN
            else:
                state, color = self.tr("UNASSIGNED — sees nothing to mark"), RED
            rows.append([self.judge_text(j.username, j.display_name), j.employer, marks, state])
            colors.append(color)
        keep = self.judge_combo.currentData()
        self.judge_model.set_rows(rows, payload=list(ov.judges), colors=colors)
        self.assignments = [a for j in ov.judges for a in j.assignments if not a.is_chief] + [
            a for c in ov.chiefs for a in c.assignments if a.is_chief
        ]
        self.assign_model.set_rows(
            [
                [
                    self.judge_text(a.username, a.display_name),
                    self.tr("chief judge") if a.is_chief else self.scope_text(a),
                    "" if a.is_chief else self.group_text(a.ranking_group),
                    self.tr("trainee")
                    if a.trainee
                    else ("" if a.is_chief else self.tr("counting")),
                ]
                for a in self.assignments
            ],
            payload=self.assignments,
        )
        self.judge_combo.clear()
        for j in ov.judges:
            if j.active:
                self.judge_combo.addItem(self.judge_text(j.username, j.display_name), j.username)
        i = self.judge_combo.findData(keep)
        self.judge_combo.setCurrentIndex(max(i, 0))
        scope = self.scope_combo.currentData()
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("the whole event"), "|")
        for code, title in ov.criteria:  # each criterion, then its aspects indented
            self.scope_combo.addItem(
                self.tr("criterion {c} {t}").format(c=code, t=title), code + "|"
            )
            for a_code, a_title, crit in ov.aspects:
                if crit == code:
                    self.scope_combo.addItem(
                        "    " + self.tr("aspect {c} {t}").format(c=a_code, t=a_title),
                        f"{crit}|{a_code}",
                    )
        self.scope_combo.setCurrentIndex(max(self.scope_combo.findData(scope), 0))
        self.group_combo.clear()
        for value, _label in ov.groups:
            self.group_combo.addItem(self.group_text(value), value)
        self.chief_combo.clear()
        for c in ov.chiefs:
            self.chief_combo.addItem(self.judge_text(c.username, c.display_name), c.username)
        named = [self.judge_text(c.username, c.display_name) for c in ov.chiefs
                 if c.username in ov.named_chiefs]  # fmt: skip
        self.chief_label.setText(
            self.tr("Named: {who}. Only they may review, lock and unlock this event.").format(
                who="、".join(named)
            )
            if named
            else self.tr("None named: any chief judge account may review this event.")
        )
        self.staff_model.set_rows(
            [
                [f"{s.aspect_code} {s.title}", str(s.counting), str(s.trainees),
                 str(s.planned) if s.planned else self.tr("(deduction)"),
                 str(s.needed) if s.needed else ""]
                for s in ov.staffing
            ],
            colors=[RED if s.short else (AMBER if s.below_plan else None) for s in ov.staffing],
        )  # fmt: skip
        self.summary.setText(
            self.tr("{n} judge account(s) · {u} unassigned · planned panel: {p} judges").format(
                n=len(ov.judges), u=len(ov.unassigned), p=ov.judges_per_panel
            )
        )
        tab = self.conflicts_tab
        for w in (self.add_button, self.remove_button, tab.exclude_button, tab.lift_button):
            w.setEnabled(not ov.locked)

    def _show_gaps(self, ov: JudgesOverview) -> None:
        lines = []
        if ov.unassigned:
            who = "、".join(self.judge_text(j.username, j.display_name) for j in ov.unassigned)
            lines.append(
                self.tr("Not assigned, so they see nothing to mark: {who}.").format(who=who)
            )
        if ov.understaffed:
            what = "、".join(f"{s.aspect_code}（{s.counting}/{s.needed}）" for s in ov.understaffed)
            lines.append(self.tr("Aspects with too few counting judges: {what}.").format(what=what))
        thin = [s for s in ov.staffing if s.below_plan and not s.short]
        if thin:
            what = "、".join(f"{s.aspect_code}（{s.counting}/{s.planned}）" for s in thin)
            lines.append(self.tr("Fewer judges than planned per panel: {what}.").format(what=what))
        open_ = sum(1 for c in self.conflicts_tab.conflicts if not c.excluded)
        if open_:
            lines.append(
                self.tr(
                    "{n} judge–contestant pair(s) from the same employer not yet excluded "
                    "(see 回避)."
                ).format(n=open_)
            )
        if ov.locked:
            lines.append(self.tr("The event is locked: assignments cannot change."))
        if lines:
            self.gaps.show_message("\n".join(lines), "warning")
        else:
            self.gaps.clear()

    def _judge_selected(self) -> None:
        row = selected_row(self.judge_table)
        if row is None or self.overview is None:
            return
        i = self.judge_combo.findData(self.overview.judges[row].username)
        if i >= 0:
            self.judge_combo.setCurrentIndex(i)

    # ---------------------------------------------------------------- actions

    def act(
        self,
        what: str,
        message: str,
        fn: object,
        *args: object,
        on_ok: Callable[[], None] | None = None,
        **kw: Any,
    ) -> None:
        """One core action: on success the green ``message`` and a refresh, on refusal the
        core's message (what was typed stays)."""

        def ok(_r: object) -> None:
            if on_ok is not None:
                on_ok()
            self.banner.success(message)
            self.done.emit(what)
            self.refresh()

        def bad(exc: BaseException) -> None:
            self.banner.error(self.ctx.error_text(exc))
            self.done.emit("failed")

        self.ctx.worker.run(
            fn,  # type: ignore[arg-type]
            self.ctx.db,
            self.ctx.actor,
            *args,
            on_success=alive(self, ok),
            on_error=alive(self, bad),
            **kw,
        )

    def add_assignment(self) -> None:
        username = self.judge_combo.currentData()
        if self.event_id is None or not username:
            self.banner.error(self.tr("Choose a judge first."))
            return
        crit, _, aspect = str(self.scope_combo.currentData() or "|").partition("|")
        group = self.group_combo.currentData() or ""
        trainee = self.trainee_check.isChecked()
        self.act(
            "assign",
            self.tr("{judge} now marks {scope}.").format(
                judge=self.judge_combo.currentText(), scope=self.scope_combo.currentText().strip()
            ),
            judges.assign_judge,
            self.event_id,
            username,
            crit,
            trainee,
            aspect,
            group,
        )

    def remove_selected(self) -> None:
        row = selected_row(self.assign_table)
        if row is None:
            self.banner.error(self.tr("Select an assignment first."))
            return
        a = self.assignments[row]
        self.act(
            "unassign",
            self.tr("Assignment removed: {judge}, {scope}.").format(
                judge=self.judge_text(a.username, a.display_name),
                scope=self.tr("chief judge") if a.is_chief else self.scope_text(a),
            ),
            judges.remove_assignment,
            a.id,
        )

    def name_chief(self) -> None:
        username = self.chief_combo.currentData()
        if self.event_id is None or not username:
            self.banner.error(self.tr("There is no chief judge account; create one first."))
            return
        self.act(
            "chief",
            self.tr("{who} is this event's chief judge.").format(
                who=self.chief_combo.currentText()
            ),
            judges.assign_chief,
            self.event_id,
            username,
        )
