"""The verdict of the last scan, big enough to read from two metres at 7 a.m.

Green: checked in now. Teal-blue: already checked in (not an error: it shows the first time and
the station). Red, the whole panel: refused (not a ticket, forged, other event, withdrawn...).
Orange, the whole panel: a question of time (check-in not open yet, closed, ticket expired).

For valid and already the panel shows the name, the photo (or a placeholder), the trade, the
last four characters of the ID number (to compare with the ID card) and the station. Refusals
carry no personal data, so none is shown. The panel is never a dialog: the next scan simply
replaces it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kmjudge.checkin import Verdict, VerdictKind
from ui.checkin.big_text import BigText

K = VerdictKind
PHOTO_SIZE = (150, 200)
NAME_PT = 52
ID_PT = 50
STATION_PT = 90  # 1-inch photo proportions (25 x 35 mm, near enough)
WARNING_KINDS = frozenset({K.NOT_OPEN, K.CLOSED, K.EXPIRED})

#: panel style per look: (band/solid colour, light background)
COLOURS = {
    "ok": "#17803a",
    "already": "#0a6f8c",
    "refused": "#b3261e",
    "warning": "#b85600",
    "info": "#1d5fa7",
    "idle": "#5d6975",
}

VERDICT_STYLE = """
QFrame#verdictPanel { background: white; border: 3px solid #c9d3de; border-radius: 10px; }
QFrame#verdictPanel[look="ok"] { background: #e8f6ec; border: 6px solid #17803a; }
QFrame#verdictPanel[look="already"] { background: #e5f3f8; border: 6px solid #0a6f8c; }
QFrame#verdictPanel[look="refused"] { background: #b3261e; border: 6px solid #7d1a15; }
QFrame#verdictPanel[look="warning"] { background: #b85600; border: 6px solid #7f3b00; }
QFrame#verdictPanel[look="info"] { background: #e8f0fb; border: 6px solid #1d5fa7; }
QFrame#verdictBand { border-radius: 4px; }
QFrame#verdictBand[look="ok"] { background: #17803a; }
QFrame#verdictBand[look="already"] { background: #0a6f8c; }
QFrame#verdictBand[look="info"] { background: #1d5fa7; }
QFrame#verdictBand[look="idle"] { background: #eef1f5; }
QFrame#verdictBand[look="refused"], QFrame#verdictBand[look="warning"] { background: transparent; }
QLabel#verdictHeadline { font-size: 30pt; font-weight: bold; color: white; }
QFrame#verdictBand[look="idle"] QLabel#verdictHeadline { color: #5d6975; font-size: 22pt; }
QLabel#verdictTime { font-size: 13pt; color: white; }
QFrame#verdictBand[look="idle"] QLabel#verdictTime { color: #5d6975; }
QLabel#verdictMessage { font-size: 17pt; font-weight: bold; color: #17202a; }
QLabel#verdictHint { font-size: 13pt; color: #3d4852; }
QFrame#verdictPanel[look="idle"] QLabel#verdictMessage {
    font-size: 14pt; font-weight: normal; color: #3d4852;
}
QFrame#verdictPanel[look="refused"] QLabel, QFrame#verdictPanel[look="warning"] QLabel {
    color: white;
}
/* 46 pt, not more: above ~64 px Qt draws glyphs as outlines and drops the synthetic bold
   that the bundled font (it has no bold face) relies on; see big_text.py */
QFrame#verdictPanel[look="refused"] QLabel#verdictHeadline,
QFrame#verdictPanel[look="warning"] QLabel#verdictHeadline { font-size: 46pt; }
QFrame#verdictPanel[look="refused"] QLabel#verdictMessage,
QFrame#verdictPanel[look="warning"] QLabel#verdictMessage { font-size: 22pt; }
QFrame#verdictPanel[look="refused"] QLabel#verdictHint,
QFrame#verdictPanel[look="warning"] QLabel#verdictHint { font-size: 15pt; }
QLabel#verdictKey { font-size: 14pt; color: #3d4852; }
QLabel#verdictInfo { font-size: 15pt; color: #17202a; }
QFrame#stationBox {
    background: white; border: 3px solid #17202a; border-radius: 10px; min-width: 200px;
}
QLabel#verdictPhoto {
    background: #eef1f5; border: 2px dashed #9aa6b2; color: #5d6975; font-size: 12pt;
}
"""


def look_of(kind: VerdictKind) -> str:
    if kind == K.VALID:
        return "ok"
    if kind == K.ALREADY:
        return "already"
    if kind in WARNING_KINDS:
        return "warning"
    return "refused"


def _restyle(*widgets: QWidget) -> None:
    for w in widgets:
        w.style().unpolish(w)
        w.style().polish(w)


class VerdictPanel(QFrame):
    """Shows one verdict (or a notice) until the next one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setStyleSheet(VERDICT_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.look = "idle"
        self.kind: VerdictKind | None = None
        self.verdict: Verdict | None = None
        self._titles = {
            K.VALID: self.tr("✔ Checked in"),
            K.ALREADY: self.tr("Already checked in"),
            K.MALFORMED: self.tr("✖ Not a ticket"),
            K.FORGED: self.tr("✖ Invalid ticket"),
            K.WRONG_EVENT: self.tr("✖ Wrong event"),
            K.UNKNOWN: self.tr("✖ Not registered here"),
            K.WITHDRAWN: self.tr("✖ Withdrawn"),
            K.DISQUALIFIED: self.tr("✖ Disqualified"),
            K.REVOKED: self.tr("✖ Ticket cancelled"),
            K.EXPIRED: self.tr("Ticket expired"),
            K.NOT_OPEN: self.tr("Not open yet"),
            K.CLOSED: self.tr("Check-in closed"),
        }
        self._compare = self.tr(
            "Compare the last 4 ID characters and the photo with the ID card, then let the "
            "contestant in."
        )
        self._hints = {
            K.MALFORMED: self.tr(
                "This is not a kmjudge ticket code. If the person is registered, check the ID "
                "card and use manual check-in."
            ),
            K.FORGED: self.tr("Do not admit with this ticket. Call the organiser."),
            K.WRONG_EVENT: self.tr("Send the contestant to the right event or venue."),
            K.UNKNOWN: self.tr(
                "The ticket is genuine, but this computer has no such registration. "
                "Check with the organiser."
            ),
            K.WITHDRAWN: self.tr("Do not admit. An administrator can reinstate a mistake."),
            K.DISQUALIFIED: self.tr("Do not admit. An administrator can reinstate a mistake."),
            K.REVOKED: self.tr(
                "A newer ticket was issued. Ask for it, or check the ID card and use manual "
                "check-in."
            ),
            K.EXPIRED: self.tr("Check this computer's date, then the ticket."),
            K.NOT_OPEN: self.tr("Check this computer's date and the check-in times."),
            K.CLOSED: self.tr("Late arrivals need an administrator (manual check-in)."),
        }

        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 14)
        lay.setSpacing(10)

        self.band = QFrame(self)
        self.band.setObjectName("verdictBand")
        band_lay = QHBoxLayout(self.band)
        band_lay.setContentsMargins(16, 8, 16, 8)
        self.headline = QLabel(self.band)
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        band_lay.addWidget(self.headline, 1)
        self.time_label = QLabel(self.band)
        self.time_label.setObjectName("verdictTime")
        band_lay.addWidget(
            self.time_label, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        lay.addWidget(self.band)

        self.message = QLabel(self)
        self.message.setObjectName("verdictMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

        self.person = QWidget(self)
        self.person.setObjectName("verdictPerson")
        grid = QGridLayout(self.person)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.photo = QLabel(self.person)
        self.photo.setObjectName("verdictPhoto")
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.photo, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        self.name = BigText(NAME_PT, self.person)
        self.name.setObjectName("verdictName")
        grid.addWidget(self.name, 0, 1)
        id_box = QVBoxLayout()
        id_box.setSpacing(0)
        self.id_caption = QLabel(self.tr("ID card, last 4"), self.person)
        self.id_caption.setObjectName("verdictKey")
        id_box.addWidget(self.id_caption)
        self.id4 = BigText(ID_PT, self.person, family="WenQuanYi Micro Hei Mono")
        self.id4.setObjectName("verdictId4")
        id_box.addWidget(self.id4)
        grid.addLayout(id_box, 1, 1)
        self.info = QLabel(self.person)
        self.info.setObjectName("verdictInfo")
        self.info.setWordWrap(True)
        grid.addWidget(self.info, 3, 1, 1, 2)  # under the station box: room for one line
        grid.setRowStretch(2, 1)

        self.station_box = QFrame(self.person)
        self.station_box.setObjectName("stationBox")
        box = QVBoxLayout(self.station_box)
        box.setContentsMargins(14, 6, 14, 6)
        box.setSpacing(0)
        self.station_caption = QLabel(self.tr("Station"), self.station_box)
        self.station_caption.setObjectName("verdictKey")
        self.station_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.station_caption)
        self.station = BigText(STATION_PT, self.station_box, align=Qt.AlignmentFlag.AlignHCenter)
        self.station.setObjectName("verdictStation")
        self.station.setMinimumWidth(170)
        box.addWidget(self.station, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.station_box, 0, 2, 3, 1)
        grid.setColumnStretch(1, 1)
        lay.addWidget(self.person, 1)

        self.hint = QLabel(self)
        self.hint.setObjectName("verdictHint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.show_idle(self.tr("Scan a ticket's QR code"), self.idle_hint())

    # ------------------------------------------------------------------ states

    def idle_hint(self) -> str:
        return self.tr(
            "Just scan: there is no need to click anywhere first. Without a ticket: find the "
            "person under Manual look-up on the right."
        )

    def _set_look(self, look: str) -> None:
        self.look = look
        self.setProperty("look", look)
        self.band.setProperty("look", look)
        _restyle(self, self.band, self.headline, self.time_label, self.message, self.hint)

    def show_idle(self, headline: str, message: str) -> None:
        """Nothing scanned yet: a calm prompt."""
        self.kind = None
        self.verdict = None
        self._set_look("idle")
        self.headline.setText(headline)
        self.time_label.setText("")
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.person.hide()
        self.hint.setText("")
        self.hint.hide()

    def show_notice(self, look: str, headline: str, message: str, hint: str = "") -> None:
        """A message that is not a verdict of the core (no event chosen, the self-test code,
        an error): same size, no person."""
        self.kind = None
        self.verdict = None
        self._set_look(look)
        self.headline.setText(headline)
        self.time_label.setText(datetime.now().strftime("%H:%M:%S"))
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.person.hide()
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def show_verdict(self, v: Verdict, lang: str = "zh", at: datetime | None = None) -> None:
        self.kind = v.kind
        self.verdict = v
        self._set_look(look_of(v.kind))
        self.headline.setText(self._titles.get(v.kind, v.kind.value))
        self.time_label.setText((at or datetime.now()).strftime("%H:%M:%S"))
        self.message.setText(v.message(lang))
        # "检录成功，工位 12" only repeats the headline and the station box; keep the line when
        # it says more (no station: 工位已满) and for "already" (it has the first time).
        self.message.setVisible(not (v.kind == K.VALID and v.station_no is not None))
        hint = self._hints.get(v.kind, self._compare if v.ok else "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if not v.ok:
            self._clear_person()
            self.person.hide()
            return
        self.name.setText(v.name)
        self.id4.setText(v.id_last4 or "—")
        parts = [v.trade]
        if v.ticket_no:
            parts.append(self.tr("Ticket {no}").format(no=v.ticket_no))
        if v.method == "manual":
            parts.append(self.tr("manual check-in"))
        self.info.setText(" · ".join(p for p in parts if p))
        if v.station_no is not None:
            self.station.set_style(STATION_PT, "#111820")
            self.station.setText(str(v.station_no))
        else:
            self.station.set_style(24, "#5d6975")
            self.station.setText(self.tr("not drawn"))
        self._set_photo(v.photo)
        self.person.show()

    def _clear_person(self) -> None:
        for label in (self.name, self.id4, self.info, self.station):
            label.setText("")
        self.photo.clear()

    def _set_photo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo.setPixmap(
                pixmap.scaled(
                    *PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("No photo"))

    # ------------------------------------------------------------------ for tests

    def texts(self) -> dict[str, str]:
        """What is on screen, by part (hidden parts are empty)."""
        shown = self.person.isVisibleTo(self)
        return {
            "headline": self.headline.text(),
            "message": self.message.text() if self.message.isVisibleTo(self) else "",
            "hint": self.hint.text() if self.hint.isVisibleTo(self) else "",
            "name": self.name.text() if shown else "",
            "id4": self.id4.text() if shown else "",
            "info": self.info.text() if shown else "",
            "station": self.station.text() if shown else "",
            "time": self.time_label.text(),
        }
