"""Home: the selected event at a glance and what the signed-in person can do next."""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Role
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint, roles_text

LEVEL_EN = {
    "city": "City",
    "district": "District",
    "county": "County",
    "park": "Park",
    "industry": "Industry",
}
STATUS_EN = {
    "setup": "In preparation",
    "open": "Running",
    "locked": "Locked",
    "released": "Published",
}


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(parent)
    card.setObjectName("card")
    lay = QVBoxLayout(card)
    lay.setContentsMargins(20, 16, 20, 16)
    lay.setSpacing(8)
    return card, lay


def _when(value: datetime | None) -> str:
    # Event times are the venue's wall-clock times, shown as entered.
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _span(start: datetime | None, end: datetime | None) -> str:
    if start and end and start.date() == end.date():
        return f"{_when(start)}–{end:%H:%M}"
    return " – ".join(x for x in (_when(start), _when(end)) if x)


def _pct(value: object) -> str:
    text = format(value, "f") if value is not None else ""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


class StatCard(QFrame):
    """A large number with a caption under it."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 14)
        lay.setSpacing(2)
        self.number = QLabel("–", self)
        self.number.setObjectName("bigNumber")
        self.number.setProperty("counter", key)
        lay.addWidget(self.number)
        cap = QLabel(caption, self)
        cap.setObjectName("cardCaption")
        lay.addWidget(cap)

    def set_value(self, value: int | None) -> None:
        self.number.setText("–" if value is None else str(value))


class HomePage(QWidget):
    navigate = Signal(str)  # a page key of the main window

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: events.EventDetail | None = None
        self._request = 0
        self.setObjectName("page")

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body.setObjectName("page")
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        lay = QVBoxLayout(body)
        lay.setContentsMargins(28, 22, 28, 22)
        lay.setSpacing(16)

        greet_row = QHBoxLayout()
        a = ctx.actor
        self.greeting = heading(self.tr("Hello, {name}").format(name=a.display_name), body, 2)
        greet_row.addWidget(self.greeting)
        chip = QLabel(roles_text(a.roles, ctx.lang), body)
        chip.setObjectName("chip")
        greet_row.addWidget(chip)
        greet_row.addStretch(1)
        lay.addLayout(greet_row)

        self.banner = MessageBanner(body)
        lay.addWidget(self.banner)

        # --- the event: title, counters, facts
        self.event_card, ev_lay = _card(body)
        title_row = QHBoxLayout()
        self.title = heading("", self.event_card)
        self.title.setObjectName("h1")
        title_row.addWidget(self.title, 1)
        self.status_chip = QLabel(self.event_card)
        self.status_chip.setObjectName("chip")
        title_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        ev_lay.addLayout(title_row)
        self.subtitle = hint("", self.event_card)
        ev_lay.addWidget(self.subtitle)
        lay.addWidget(self.event_card)

        counters = QHBoxLayout()
        counters.setSpacing(12)
        self.counters = {
            "registered": StatCard("registered", self.tr("Registered"), body),
            "checked_in": StatCard("checked_in", self.tr("Checked in"), body),
            "absent": StatCard("absent", self.tr("Absent"), body),
            "withdrawn": StatCard("withdrawn", self.tr("Withdrawn"), body),
        }
        for card in self.counters.values():
            counters.addWidget(card, 1)
        self.counter_row = QWidget(body)
        self.counter_row.setLayout(counters)
        counters.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.counter_row)

        lower = QHBoxLayout()
        lower.setSpacing(12)
        self.facts_card, facts_lay = _card(body)
        facts_lay.addWidget(heading(self.tr("Key facts"), self.facts_card, 2))
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(18)
        self.facts.setVerticalSpacing(8)
        self.facts.setColumnStretch(1, 1)
        facts_lay.addLayout(self.facts)
        facts_lay.addStretch(1)
        lower.addWidget(self.facts_card, 3)

        self.next_card, next_lay = _card(body)
        next_lay.addWidget(heading(self.tr("What to do next"), self.next_card, 2))
        self.next_box = QVBoxLayout()
        self.next_box.setSpacing(10)
        next_lay.addLayout(self.next_box)
        next_lay.addStretch(1)
        lower.addWidget(self.next_card, 2)
        lay.addLayout(lower)
        lay.addStretch(1)

        self._show_none()
        ctx.bus.event_changed.connect(self.load)
        ctx.bus.registrations_changed.connect(self._registrations_changed)
        if ctx.event_id is not None:
            self.load(ctx.event_id)

    # ------------------------------------------------------------------ data

    def load(self, event_id: uuid.UUID | None) -> None:
        self._request += 1
        if event_id is None:
            self._show_none()
            return
        request = self._request
        self.ctx.worker.run(
            events.get_event,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            on_success=alive(self, lambda d: self._show(d) if request == self._request else None),
            on_error=alive(self, self._failed),
        )

    def _registrations_changed(self, event_id: object) -> None:
        if event_id == self.ctx.event_id:
            self.load(self.ctx.event_id)

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))

    # ------------------------------------------------------------------ views

    def _show_none(self) -> None:
        self.detail = None
        self.title.setText(self.tr("No competition event yet"))
        self.subtitle.setText(
            self.tr(
                "Events come from a competition setup file that the administrator "
                "imports under Competition setup."
            )
        )
        self.status_chip.hide()
        self.counter_row.hide()
        self.facts_card.hide()
        self._fill_next(None)

    def _show(self, d: events.EventDetail) -> None:
        self.detail = d
        self.banner.clear()
        s = d.summary
        zh = self.ctx.lang == "zh"
        self.title.setText(s.name)
        self.subtitle.setText(f"{s.year} · {s.competition}")
        status = s.status
        now = datetime.now()
        opens = d.checkin_opens_at or s.start_at
        if status == "setup" and opens and d.end_at and opens <= now <= d.end_at:
            status = "open"  # nothing stores "running": it is running while it is on
        self.status_chip.setText(
            events.STATUS_ZH.get(status, status) if zh else STATUS_EN.get(status, status)
        )
        self.status_chip.show()
        values = {
            "registered": s.registered,
            "checked_in": d.counts.get("checked_in", 0),
            "absent": d.counts.get("absent", 0),
            "withdrawn": d.counts.get("withdrawn", 0),
        }
        for key, card in self.counters.items():
            card.set_value(values[key])
        self.counter_row.show()
        self._fill_facts(d)
        self.facts_card.show()
        self._fill_next(d)

    def _fill_facts(self, d: events.EventDetail) -> None:
        while self.facts.count():
            item = self.facts.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        s = d.summary
        zh = self.ctx.lang == "zh"
        trade = s.trade + (f"（{d.trade_grade}）" if d.trade_grade else "")
        if d.trade_code:
            trade += f"  {d.trade_code}"
        level = s.level_zh if zh else LEVEL_EN.get(s.level, s.level)
        if s.district:
            level += f" · {s.district}"
        weights = self.tr("Theory {t} · Practical {p}").format(
            t=_pct(d.theory_weight), p=_pct(d.practical_weight)
        )
        rows = [
            (self.tr("Trade"), trade),
            (self.tr("Level"), level),
            (self.tr("Venue"), s.venue),
            (self.tr("Organiser"), d.organiser),
            (self.tr("Dates"), _span(s.start_at, d.end_at)),
            (self.tr("Check-in"), _span(d.checkin_opens_at, d.checkin_closes_at)),
            (self.tr("Weights"), weights),
            (self.tr("Pass mark"), format(d.pass_mark.normalize(), "f")),
        ]
        if d.scheme is not None:
            n = sum(len(sc.aspects) for c in d.scheme.criteria for sc in c.subcriteria)
            rows.append(
                (
                    self.tr("Marking scheme"),
                    self.tr("{title} · {n} aspects").format(title=d.scheme.title, n=n),
                )
            )
        for r, (key, value) in enumerate(x for x in rows if x[1]):
            k = QLabel(key, self.facts_card)
            k.setObjectName("factKey")
            v = QLabel(value, self.facts_card)
            v.setWordWrap(True)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(k, r, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(v, r, 1)

    def _steps(self, d: events.EventDetail | None) -> list[tuple[str, str | None, str]]:
        """(text, page key or None, button text) for the signed-in roles."""
        a = self.ctx.actor
        go = self.tr("Open")
        steps: list[tuple[str, str | None, str]] = []
        if a.has_role(Role.ADMIN):
            if d is None:
                steps.append(
                    (
                        self.tr(
                            "Import the competition setup file (events, weights, marking scheme)."
                        ),
                        "setup",
                        go,
                    )
                )
            elif d.summary.registered == 0:
                steps.append(
                    (
                        self.tr(
                            "Import the registration sheet from the organisers (Excel or CSV)."
                        ),
                        "registration",
                        go,
                    )
                )
            else:
                steps.append(
                    (self.tr("Check the contestant list and add walk-ins."), "registration", go)
                )
            steps.append(
                (self.tr("Create accounts for registrars, judges and score clerks."), "users", go)
            )
        if a.has_role(Role.REGISTRAR) and not a.has_role(Role.ADMIN):
            steps.append((self.tr("Handle registrations and walk-ins."), "registration", go))
        if (a.has_role(Role.REGISTRAR) or a.has_role(Role.ADMIN)) and d is not None:
            steps.append(
                (
                    self.tr(
                        "Check contestants in by scanning their admission tickets; the "
                        "station is drawn at check-in."
                    ),
                    "checkin",
                    go,
                )
            )
        if (a.has_role(Role.ADMIN) or a.has_role(Role.CHIEF)) and d is not None:
            steps.append(
                (self.tr("Assign the judges and settle conflicts of interest."), "assign", go)
            )
        if a.has_role(Role.CHIEF) and d is not None:
            steps.append(
                (
                    self.tr("Follow the marking: missing marks, spread flags, recheck; then lock."),
                    "chief",
                    go,
                )
            )
            steps.append(
                (self.tr("Check the results, export them and release them."), "results", go)
            )
        if a.has_role(Role.JUDGE):
            steps.append(
                (
                    self.tr(
                        "Mark the aspects assigned to you. You see station numbers only, "
                        "never names; submit each criterion with your PIN when it is done."
                    ),
                    "judging",
                    go,
                )
            )
        if a.has_role(Role.CLERK):
            steps.append(
                (
                    self.tr(
                        "Type in the judges' paper score sheets: scan the sheet's barcode; "
                        "a second clerk types each sheet again, blind."
                    ),
                    "paper",
                    go,
                )
            )
        if a.has_role(Role.CITY):
            steps.append(
                (
                    self.tr("Import the venues' signed packages and check them."),
                    "exchange",
                    go,
                )
            )
        if a.has_role(Role.ADMIN):
            steps.append(
                (
                    self.tr(
                        "Back up before the competition starts, and copy the backup to a USB stick."
                    ),
                    "data",
                    go,
                )
            )
        return self._reachable(steps)

    def _reachable(
        self, steps: list[tuple[str, str | None, str]]
    ) -> list[tuple[str, str | None, str]]:
        """Steps whose page this person has (a page missing from this installation, or not
        for this role, gets no button that would lead nowhere); no step twice."""
        from ui.mainwindow import pages_for  # the window imports this module

        keys = {p.key for p in pages_for(self.ctx.actor)}
        out: list[tuple[str, str | None, str]] = []
        seen: set[str] = set()
        for text, key, button in steps:
            if key is not None and (key in seen or key not in keys):
                continue
            if key is not None:
                seen.add(key)
            out.append((text, key, button))
        return out

    def _fill_next(self, d: events.EventDetail | None) -> None:
        while self.next_box.count():
            item = self.next_box.takeAt(0)
            w = item.widget()
            if w is not None:
                w.deleteLater()
        for text, key, button in self._steps(d):
            row = QWidget(self.next_card)
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"•  {text}", row)
            label.setWordWrap(True)
            rl.addWidget(label, 1)
            if key is not None:
                b = QPushButton(button, row)
                b.setProperty("target", key)
                b.clicked.connect(lambda _c=False, k=key: self.navigate.emit(k))
                rl.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            self.next_box.addWidget(row)
