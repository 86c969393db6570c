"""The scan desk: a keyboard-wedge scanner typing real signed tickets into the check-in screen.

Every token here is issued by the core for the demo venue (150 characters); the scanner types
it one key every 3 ms through the window, as the window system delivers a scanner's keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kmjudge.checkin import VerdictKind
from kmjudge.registration import service as registration
from ui.checkin.scan_field import PAUSE_MS
from ui.context import AppContext
from ui.mainwindow import MainWindow

from . import scanner
from .conftest import WAIT_MS, Desk, Keep, portrait_png
from .helpers import no_modal_dialog, open_page, wait_verdict

K = VerdictKind


def page_station(desk: Desk, i: int) -> int | None:
    rows = registration.list_registrations(desk.db, desk.admin, desk.event_id)
    return next(r.station_no for r in rows if r.id == desk.reg(i).id)


def test_a_scanned_ticket_with_enter_checks_in_and_shows_name_id_and_station(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """150 characters at 3 ms a key, then Enter: 检录成功 in green with the contestant's name, the
    last 4 ID characters and the station the core drew; the contestant is checked in on disk;
    the field is empty and keeps the focus for the next scan."""
    page = open_page(qtbot, keep, make_ctx())
    token = desk.token(0)
    assert len(token) == 150
    scanner.scan(page.scan, token)
    wait_verdict(qtbot, page, K.VALID)
    shown = page.verdict.texts()
    reg = desk.reg(0)
    assert shown["name"] == reg.name
    assert shown["id4"] == reg.last4
    assert "检录成功" in shown["headline"]
    assert shown["message"] == ""  # "检录成功，工位 N" would only repeat the headline and box
    assert page.verdict.look == "ok"
    station = page.last_verdict.station_no if page.last_verdict else None
    assert station is not None and shown["station"] == str(station)
    assert desk.status(0) == "checked_in"
    assert page.scan.text() == ""
    assert QApplication.focusWidget() is page.scan
    assert page.scan.last_input is not None and page.scan.last_input.ended_by == "enter"
    assert page.scan.last_input.scanner_speed
    assert page.sounds.last_cue == "ok"


def test_a_scan_without_enter_ends_on_the_pause(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A scanner set to send no Enter: the scan is taken about 110 ms after its last key,
    and not before (nothing was submitted while it was still typing)."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(1), enter=False)
    assert page.scan.text() != "", "submitted before the pause"
    wait_verdict(qtbot, page, K.VALID, desk.reg(1).name)
    assert page.scan.last_input is not None and page.scan.last_input.ended_by == "pause"
    assert desk.status(1) == "checked_in"


def test_slow_typing_by_hand_is_not_cut_off_by_the_pause(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A person typing a ticket number at 150 ms a key is not interrupted by the pause rule;
    their text waits for Enter."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, "KMJ1ABCD", gap_ms=PAUSE_MS + 40, enter=False)
    qtbot.wait(PAUSE_MS * 3)
    assert page.scan.text() == "KMJ1ABCD"
    assert page.verdict.verdict is None
    scanner.scan(page.scan, "", enter=True)
    wait_verdict(qtbot, page, K.MALFORMED)


def test_the_next_scan_is_taken_while_a_verdict_is_still_on_screen(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """Two contestants in a row: the second scan is typed straight after the first verdict
    appears; no dialog is ever in the way, and the panel shows the second person."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(2))
    wait_verdict(qtbot, page, K.VALID, desk.reg(2).name)
    assert no_modal_dialog()
    scanner.scan(page.scan, desk.token(3))
    wait_verdict(qtbot, page, K.VALID, desk.reg(3).name)
    assert no_modal_dialog()
    assert desk.status(2) == desk.status(3) == "checked_in"
    assert page.verdict.texts()["name"] == desk.reg(3).name


def test_scanner_keys_reach_the_scan_field_after_clicking_elsewhere(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """In the main window: clicking the page's buttons and tabs does not take the focus from
    the scan field; after clicking the navigation list (which does take it), the scanner's keys
    still land in the scan field, not in the list and not in the event selector."""
    win = MainWindow(make_ctx())
    keep(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.show_page("checkin")
    page = win.pages["checkin"]
    qtbot.waitUntil(lambda: page.counts is not None, timeout=WAIT_MS)
    assert QApplication.focusWidget() is page.scan

    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(2).center())
    assert page.tabs.currentWidget() is page.tools
    qtbot.mouseClick(page.tools, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.tools.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.verdict, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is page.scan

    nav = win.nav
    item = nav.item(win.nav_keys().index("checkin"))
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    # the selector fills in from a background read of the events: wait for it
    qtbot.waitUntil(lambda: win.event_combo.currentIndex() >= 0, timeout=WAIT_MS)
    win.event_combo.setFocus()  # and even the event selector
    assert QApplication.focusWidget() is win.event_combo
    combo_index = win.event_combo.currentIndex()
    scanner.scan(page.scan, desk.token(4))
    wait_verdict(qtbot, page, K.VALID, desk.reg(4).name)
    assert QApplication.focusWidget() is page.scan
    assert win.current_page_key() == "checkin"
    assert win.event_combo.currentIndex() == combo_index
    assert page.router.redirected >= 1


def test_a_lower_case_token_is_accepted(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """Caps Lock or a scanner set to lower case: the ticket still checks in."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(5).lower())
    wait_verdict(qtbot, page, K.VALID, desk.reg(5).name)
    assert desk.status(5) == "checked_in"


def test_control_characters_from_the_scanner_are_stripped(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A scanner framing the code with STX … ETX (typed as Ctrl+B / Ctrl+C) and a GS: they are
    removed, noted, and the ticket checks in (Ctrl+C did not copy, Ctrl+B did nothing)."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(6), prefix=scanner.STX, suffix=scanner.GS + scanner.ETX)
    wait_verdict(qtbot, page, K.VALID, desk.reg(6).name)
    last = page.scan.last_input
    assert last is not None
    assert last.text == desk.token(6)
    assert set(last.stripped) == {0x02, 0x03, 0x1D}


def test_garbage_is_refused_in_red_with_no_personal_data(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """A product barcode's text: 无法识别 in red over the whole panel, and nothing about
    any person (no name, no ID digits, no station), even right after a valid scan."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(7))
    wait_verdict(qtbot, page, K.VALID, desk.reg(7).name)
    scanner.scan(page.scan, "6901234567892")
    wait_verdict(qtbot, page, K.MALFORMED)
    shown = page.verdict.texts()
    assert "无法识别" in shown["headline"] and "无法识别" in shown["message"]
    assert page.verdict.look == "refused"
    assert shown["name"] == shown["id4"] == shown["station"] == shown["info"] == ""
    assert not page.verdict.person.isVisible()
    visible = " ".join(shown.values())
    assert desk.reg(7).name not in visible and desk.reg(7).last4 not in visible
    assert page.sounds.last_cue == "refused"


def test_a_forged_ticket_is_refused(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """One character of a genuine token changed (the signature no longer matches):
    无效准考证 in red, nobody checked in, no name shown."""
    page = open_page(qtbot, keep, make_ctx())
    token = desk.token(8)
    i = 40
    forged = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
    scanner.scan(page.scan, forged)
    qtbot.waitUntil(lambda: page.verdict.verdict is not None, timeout=WAIT_MS)
    assert page.verdict.kind in (K.FORGED, K.MALFORMED)
    assert page.verdict.look == "refused"
    assert page.verdict.texts()["name"] == ""
    assert desk.status(8) == "registered"


def test_a_repeat_scan_says_already_checked_in_with_time_and_station(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """The same ticket twice: the second verdict is 已检录 in teal (not red), with the first
    check-in time and the same station, and the name to compare."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(9))
    wait_verdict(qtbot, page, K.VALID, desk.reg(9).name)
    first = page.last_verdict
    assert first is not None and first.first_checkin_at is not None
    scanner.scan(page.scan, desk.token(9))
    wait_verdict(qtbot, page, K.ALREADY)
    shown = page.verdict.texts()
    assert page.verdict.look == "already"
    assert "已检录" in shown["headline"]
    hhmm = first.first_checkin_at.strftime("%H:%M")
    assert hhmm in shown["message"]
    assert shown["station"] == str(first.station_no)
    assert f"工位 {first.station_no}" in shown["message"]
    assert shown["name"] == desk.reg(9).name
    assert page.sounds.last_cue == "already"
    assert abs((datetime.now() - first.first_checkin_at.replace(tzinfo=None)).total_seconds()) < 120


def test_the_scan_field_is_closed_to_the_chinese_input_method(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """The scan field refuses the input method (so 拼音 cannot catch KMJ1…) and asks for Latin
    text without prediction; the manual look-up field, where Chinese names are typed, keeps it."""
    page = open_page(qtbot, keep, make_ctx())
    assert not page.scan.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    hints = page.scan.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhLatinOnly
    assert hints & Qt.InputMethodHint.ImhNoPredictiveText
    assert page.lookup.search.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_counters_follow_the_scans(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """报名 60 / 已检录 0 / 未检录 60 before; after two check-ins and a refused scan the tiles
    say 2 in and 58 waiting, and the scan list shows three scans."""
    page = open_page(qtbot, keep, make_ctx())
    assert page.counter_values() == {
        "registered": "60",
        "checked_in": "0",
        "waiting": "60",
        "absent": "0",
        "withdrawn": "0",
    }
    scanner.scan(page.scan, desk.token(10))
    wait_verdict(qtbot, page, K.VALID, desk.reg(10).name)
    scanner.scan(page.scan, "NOT A TICKET")
    wait_verdict(qtbot, page, K.MALFORMED)
    scanner.scan(page.scan, desk.token(11))
    wait_verdict(qtbot, page, K.VALID, desk.reg(11).name)
    qtbot.waitUntil(lambda: page.counter_values()["checked_in"] == "2", timeout=WAIT_MS)
    assert page.counter_values()["waiting"] == "58"
    qtbot.waitUntil(lambda: page.recent_model.rowCount() == 3, timeout=WAIT_MS)
    results = [row[1] for row in page.recent_model.texts()]
    assert results.count("检录成功") == 2 and "无法识别" in results
    # the manual look-up list shows them as checked in, with their stations
    lookup = page.lookup.model
    row = lookup.texts()[lookup.row_of(desk.reg(10).id)]
    assert row[3] == "已检录" and row[4] == str(page_station(desk, 10))


def test_the_self_test_code_at_the_desk_checks_no_one_in(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """Scanning the self-test code on the check-in screen says it is the test code (blue),
    stores no scan and checks no one in."""
    from ui.checkin.selftest import SELFTEST_TEXT

    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, SELFTEST_TEXT)
    qtbot.waitUntil(lambda: page.verdict.look == "info", timeout=WAIT_MS)
    assert "测试码" in page.verdict.texts()["headline"]
    assert desk.counts().scans == 0


def test_the_contestants_photo_is_shown_when_there_is_one(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """With a photo on file the panel shows it (for the face-to-photo check); without one,
    a 无照片 placeholder of the same size."""
    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(17))
    wait_verdict(qtbot, page, K.VALID, desk.reg(17).name)
    assert page.verdict.photo.text() == "无照片"
    desk.set_photo(18, portrait_png())
    scanner.scan(page.scan, desk.token(18))
    wait_verdict(qtbot, page, K.VALID, desk.reg(18).name)
    pixmap = page.verdict.photo.pixmap()
    assert not pixmap.isNull() and pixmap.height() == 200
    assert page.verdict.photo.text() == ""


def test_a_tab_suffix_ends_the_scan_and_keeps_the_focus(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """Some scanners end with Tab instead of Enter: the scan is taken, and the Tab does not
    move the focus on to the next widget (the next scan still lands in the field)."""
    from PySide6.QtTest import QTest

    page = open_page(qtbot, keep, make_ctx())
    scanner.scan(page.scan, desk.token(19), enter=False)
    QTest.keyClick(page.window().windowHandle(), Qt.Key.Key_Tab)
    wait_verdict(qtbot, page, K.VALID, desk.reg(19).name)
    assert page.scan.last_input is not None and page.scan.last_input.ended_by == "tab"
    assert QApplication.focusWidget() is page.scan


def test_other_pages_keep_their_keys_when_the_desk_is_not_shown(
    qtbot: QtBot, keep: Keep, desk: Desk, make_ctx: Callable[..., AppContext]
) -> None:
    """The key router works only while the check-in page is on screen: on the contestants
    page, typing into its search field stays there and nothing is scanned."""
    win = MainWindow(make_ctx())
    keep(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.show_page("checkin")
    page = win.pages["checkin"]
    qtbot.waitUntil(lambda: page.counts is not None, timeout=WAIT_MS)
    win.show_page("registration")
    contestants = win.pages["registration"]
    search = contestants.search  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: search.isEnabled(), timeout=WAIT_MS)
    search.setFocus()
    scanner.scan(search, "260001")
    qtbot.wait(PAUSE_MS * 2)
    assert search.text() == "260001"
    assert page.router.redirected == 0 and page.verdict.verdict is None
    assert desk.counts().scans == 0


def test_the_desk_speaks_english_when_chosen(
    qtbot: QtBot, keep: Keep, desk: Desk, worker: object
) -> None:
    """With English chosen, the panel and the core's verdict message are in English."""
    from kmjudge import accounts
    from ui import i18n

    i18n.install("en")
    actor = accounts.login(desk.db, "registrar", "2580")
    ctx = AppContext(desk.db, actor, worker, "en", event_id=desk.event_id)  # type: ignore[arg-type]
    page = open_page(qtbot, keep, ctx)
    scanner.scan(page.scan, "NOT A TICKET")
    wait_verdict(qtbot, page, K.MALFORMED)
    shown = page.verdict.texts()
    assert shown["headline"] == "✖ Not a ticket"
    assert shown["message"] == "Not a ticket code"
    assert page.tiles["checked_in"].findChild(QLabel, "counterCaption").text() == "Checked in"
