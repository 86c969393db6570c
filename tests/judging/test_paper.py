"""Paper mode: printed sheets with barcodes, blind double entry by two different clerks."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kmjudge.db.models import Score, User
from kmjudge.errors import KmError, PermissionDenied, ValidationFailed
from kmjudge.judging import paper
from tests.judging.conftest import NAMES, Venue

SHEET_VALUES = {
    (1, "A1.1"): "10",
    (1, "A1.2"): "8.5",
    (1, "B1.1"): "40",
    (1, "B1.2"): "2",
    (2, "A1.1"): "0",
    (2, "A1.2"): "6",
    (2, "B1.1"): "35",
    (2, "B1.2"): "3",
}


def _sheet(v: Venue, stations: list[int] | None = None) -> str:
    (info,) = paper.create_sheets(v.db, v.chief, v.event_id, "j2", stations or [1, 2], "A")
    # criterion A has A1.1, A1.2, A1.3; B is another sheet
    return info.code


def _sheets_ab(v: Venue) -> tuple[str, str]:
    a = paper.create_sheets(v.db, v.chief, v.event_id, "j2", [1, 2], "A")[0].code
    b = paper.create_sheets(v.db, v.chief, v.event_id, "j2", [1, 2], "B")[0].code
    return a, b


def _values(code_a: str, code_b: str) -> dict[str, dict[tuple[int, str], str]]:
    return {
        code_a: {k: x for k, x in SHEET_VALUES.items() if k[1].startswith("A")},
        code_b: {k: x for k, x in SHEET_VALUES.items() if k[1].startswith("B")},
    }


def test_sheet_codes_are_unique_short_and_forgiving(venue: Venue) -> None:
    """Codes look like S + 7 Crockford characters, differ, and are found again when a person
    types them in lower case with O for 0."""
    infos = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j1", None, "B", 4)
    assert [i.stations for i in infos] == [(1, 2, 3, 4), (5, 6)]
    codes = [i.code for i in infos]
    assert len(set(codes)) == 2 and all(re.fullmatch(r"S[0-9A-HJKMNP-TV-Z]{7}", c) for c in codes)
    typed = codes[0].lower().replace("0", "o").replace("1", "l")
    assert paper.open_sheet(venue.db, venue.actor("clerk1"), typed).code == codes[0]
    with pytest.raises(KmError) as again:  # a station is on one sheet per judge & criterion
        paper.create_sheets(venue.db, venue.chief, venue.event_id, "j1", [2], "B")
    assert again.value.code == "sheet_exists"


def test_marking_sheet_pdf_has_cjk_text_and_a_scannable_barcode(
    venue: Venue, tmp_path: Path
) -> None:
    """The printed 评分表 names the event, judge and criterion, lists the aspects with max marks
    (text extracted with pypdf, so the CJK font is embedded), greys the 回避 cell, and its
    barcode decodes (rendered with pdftoppm, read with zxing-cpp) to the sheet code."""
    from kmjudge import judges

    judges.exclude(venue.db, venue.chief, venue.event_id, "j1", station_no=1)
    infos = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j1", [1, 2, 3], "B")
    out = paper.write_sheets_pdf(venue.db, venue.chief, [infos[0].code], tmp_path / "sheets.pdf")
    reader = PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    for needle in (
        "评 分 表",
        "测试场次（电工）",
        "赵裁判",
        "B 操作",
        "B1.1",
        "线路连接正确",
        "工艺美观",
        "评价 0–3 整数",
        "0–50，步长 1",
        "回避",
        infos[0].code,
    ):
        assert needle in text, needle
    assert not any(name in text for name in NAMES)
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    embedded = [
        str(f["/BaseFont"])
        for f in fonts
        if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()
    ]
    assert any("WenQuanYi" in name for name in embedded), embedded  # the CJK face, embedded
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed: barcode decoding not checked")
    import zxingcpp
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png")))
    codes = [r.text for r in zxingcpp.read_barcodes(image)]
    assert infos[0].code in codes


def test_double_entry_by_two_clerks_becomes_scores(venue: Venue) -> None:
    """Pass 1 by clerk1, blind pass 2 by clerk2: matching values become scores with source
    paper, entered_by clerk1 and confirmed_by clerk2."""
    code_a, code_b = _sheets_ab(venue)
    c1, c2 = venue.actor("clerk1"), venue.actor("clerk2")
    vals = _values(code_a, code_b)
    for code in (code_a, code_b):
        first = paper.enter_sheet_values(venue.db, c1, code, 1, vals[code])
        assert first.confirmed == 0 and first.waiting == len(vals[code])
        second = paper.enter_sheet_values(venue.db, c2, code, 2, vals[code])
        assert second.confirmed == len(vals[code]) and not second.differing
    with venue.db.read() as s:
        users = {u.username: u.id for u in s.scalars(select(User))}
        scores = s.scalars(select(Score)).all()
    assert len(scores) == 8
    assert {(x.source, x.status, x.entered_by, x.confirmed_by, x.judge_id) for x in scores} == {
        ("paper", "confirmed", users["clerk1"], users["clerk2"], users["j2"])
    }
    assert sorted(str(x.value) for x in scores) == sorted(SHEET_VALUES.values())


def test_the_same_clerk_cannot_confirm_their_own_entry(venue: Venue) -> None:
    """clerk1 typed pass 1: clerk1 is refused pass 2 (and the third entry); the sheet's own
    judge may not type it either. Nothing is written by the refused calls."""
    code = _sheet(venue)
    c1 = venue.actor("clerk1")
    cells = {(1, "A1.1"): "10", (1, "A1.2"): "8"}
    paper.enter_sheet_values(venue.db, c1, code, 1, cells)
    with pytest.raises(PermissionDenied) as info:
        paper.enter_sheet_values(venue.db, c1, code, 2, cells)
    assert "不能核对自己录入的成绩" in info.value.message_zh
    j2_as_clerk = venue.actor("j2")
    with pytest.raises(PermissionDenied):  # a judge holds no clerk right at all
        paper.enter_sheet_values(venue.db, j2_as_clerk, code, 2, cells)
    with venue.db.read() as s:
        assert s.scalars(select(Score)).all() == []


def test_pass_two_never_sees_pass_one(venue: Venue) -> None:
    """What clerk2 gets back for the sheet holds no pass-1 value, before or after typing."""
    code = _sheet(venue)
    c1, c2 = venue.actor("clerk1"), venue.actor("clerk2")
    paper.enter_sheet_values(venue.db, c1, code, 1, {(1, "A1.2"): "8", (2, "A1.2"): "7"})
    mine1 = paper.open_sheet(venue.db, c1, code)
    assert mine1.my_pass == 1 and mine1.my_values == {(1, "A1.2"): 8, (2, "A1.2"): 7}
    view = paper.open_sheet(venue.db, c2, code)
    assert view.my_pass == 2 and view.my_values == {} and view.pass_clerks == {1: "clerk1"}
    result = paper.enter_sheet_values(venue.db, c2, code, 2, {(1, "A1.2"): "8", (2, "A1.2"): "9"})
    assert result.differing == ((2, "A1.2"),) and result.confirmed == 1
    after = paper.open_sheet(venue.db, c2, code)
    assert after.my_values == {(1, "A1.2"): 8, (2, "A1.2"): 9}  # own values only
    hidden = paper.sheet_differences(venue.db, c2, venue.event_id)
    assert [(d.pass1, d.pass2, d.values_hidden) for d in hidden] == [(None, None, True)]


def test_differences_listed_side_by_side_and_resolved(venue: Venue) -> None:
    """Differing cells go to the correction list (chief sees both values side by side); a
    third clerk's blind entry that matches one pass settles it; otherwise the chief decides
    with a reason (and cannot decide a cell they typed)."""
    code = _sheet(venue)
    c1, c2, c3 = (venue.actor(f"clerk{i}") for i in (1, 2, 3))
    paper.enter_sheet_values(venue.db, c1, code, 1, {(1, "A1.2"): "8", (2, "A1.2"): "7"})
    paper.enter_sheet_values(venue.db, c2, code, 2, {(1, "A1.2"): "8.5", (2, "A1.2"): "6"})
    diffs = paper.sheet_differences(venue.db, venue.chief, venue.event_id)
    assert [
        (d.station_no, d.aspect_code, d.pass1, d.pass2, d.pass1_clerk, d.pass2_clerk) for d in diffs
    ] == [
        (1, "A1.2", Decimal(8), Decimal("8.5"), "clerk1", "clerk2"),
        (2, "A1.2", Decimal(7), Decimal(6), "clerk1", "clerk2"),
    ]
    with pytest.raises(KmError):  # a pass clerk cannot change a frozen cell
        paper.enter_sheet_values(venue.db, c1, code, 1, {(1, "A1.2"): "8.5"})
    with pytest.raises(PermissionDenied):  # nor make the third entry
        paper.resolve_difference(venue.db, c1, code, 1, "A1.2", "8")
    settled = paper.resolve_difference(venue.db, c3, code, 1, "A1.2", "8.5")
    assert settled is not None and settled.value == Decimal("8.5")
    assert paper.resolve_difference(venue.db, c3, code, 2, "A1.2", "5") is None  # no match
    (left,) = paper.sheet_differences(venue.db, venue.chief, venue.event_id)
    assert (left.station_no, left.pass3, left.pass3_clerk) == (2, Decimal(5), "clerk3")
    with pytest.raises(KmError):
        paper.resolve_difference(venue.db, venue.chief, code, 2, "A1.2", "7", reason="")
    decided = paper.resolve_difference(
        venue.db, venue.chief, code, 2, "A1.2", "7", reason="对照原始评分表，第一遍正确"
    )
    assert decided is not None and (decided.value, decided.status) == (Decimal(7), "corrected")
    assert paper.sheet_differences(venue.db, venue.chief, venue.event_id) == []
    with venue.db.read() as s:
        users = {u.id: u.username for u in s.scalars(select(User))}
        rows = {str(x.value): x for x in s.scalars(select(Score))}
    assert users[rows["8.5"].entered_by] == "clerk2" and users[rows["8.5"].confirmed_by] == "clerk3"
    assert users[rows["7"].entered_by] == "clerk1" and users[rows["7"].confirmed_by] == "chief"


def test_bad_paper_values_refuse_the_whole_call(venue: Venue) -> None:
    """One out-of-rule value, one cell not on the sheet: every problem listed, nothing saved."""
    code = _sheet(venue)
    c1 = venue.actor("clerk1")
    with pytest.raises(ValidationFailed) as info:
        paper.enter_sheet_values(
            venue.db, c1, code, 1, {(1, "A1.1"): "5", (1, "A1.2"): "8", (3, "A1.2"): "8"}
        )
    assert {i.code for i in info.value.issues} == {"all_or_nothing", "not_on_sheet"}
    assert paper.open_sheet(venue.db, c1, code).my_values == {}


def test_station_lists_are_parsed_or_refused_in_chinese() -> None:
    """What a person types for stations: ranges, full-width commas and digits, 、 and ～; a
    reversed range or a word is refused naming the part."""
    assert paper.parse_stations("1-3,5") == [1, 2, 3, 5]
    assert paper.parse_stations(" １－３，７、9～10 ") == [1, 2, 3, 7, 9, 10]
    assert paper.parse_stations("4,4,2") == [2, 4]
    with pytest.raises(ValidationFailed) as info:
        paper.parse_stations("10-3, 1-a")
    assert [i.code for i in info.value.issues] == ["bad_range", "not_a_station"]
    assert "“1-a”不是工位号或工位范围" in info.value.issues[1].message_zh
    with pytest.raises(ValidationFailed):
        paper.parse_stations(" ，")


def test_sheets_for_several_judges_are_created_in_one_transaction(venue: Venue) -> None:
    """Sheets for j1 and j3 at once; when one judge's stations are already on a sheet, none of
    the judges gets a new sheet (the refusal names the clash)."""
    made = paper.create_sheets_for(venue.db, venue.chief, venue.event_id, ["j1", "j3"], None, "A")
    assert [(i.judge_username, i.stations) for i in made] == [
        ("j1", (1, 2, 3, 4, 5, 6)),
        ("j3", (1, 2, 3, 4, 5, 6)),
    ]
    before = paper.list_sheets(venue.db, venue.chief, venue.event_id)
    with pytest.raises(KmError) as info:
        paper.create_sheets_for(venue.db, venue.chief, venue.event_id, ["j2", "j3"], [1, 2], "A")
    assert info.value.code == "sheet_exists" and "孙裁判" in info.value.message_zh
    assert paper.list_sheets(venue.db, venue.chief, venue.event_id) == before  # j2 got none
    options = paper.print_options(venue.db, venue.chief, venue.event_id)
    assert [c[0] for c in options.criteria] == ["A", "B"]
    assert [(j.username, j.trainee) for j in options.judges] == [
        ("j1", False),
        ("j2", False),
        ("j3", False),
        ("tj", True),
    ]
    assert options.stations == (1, 2, 3, 4, 5, 6) and len(options.sheets) == 2
    with pytest.raises(PermissionDenied):
        paper.print_options(venue.db, venue.actor("clerk1"), venue.event_id)


def test_sheet_states_follow_the_two_passes_to_done(venue: Venue) -> None:
    """not typed -> one pass -> differences -> done, with cell counts that never show a
    value (so clerks may see them)."""
    code = _sheet(venue)
    c1, c2, c3 = (venue.actor(f"clerk{i}") for i in (1, 2, 3))

    def state() -> paper.SheetState:
        (st,) = paper.sheet_states(venue.db, c1, venue.event_id)
        return st

    first = state()
    assert (first.state, first.cells, first.required, first.required_left) == (
        "not_entered",
        6,  # A1.1, A1.2, A1.3 x stations 1, 2
        4,  # the deduction row may stay empty
        4,
    )
    cells = {(1, "A1.1"): "10", (1, "A1.2"): "8", (2, "A1.1"): "0", (2, "A1.2"): "6"}
    paper.enter_sheet_values(venue.db, c1, code, 1, cells)
    one = state()
    assert (one.state, one.pass1, one.pass2, one.waiting, one.pass1_clerk) == (
        "one_pass",
        4,
        0,
        4,
        "clerk1",
    )
    paper.enter_sheet_values(venue.db, c2, code, 2, {**cells, (1, "A1.2"): "8.5"})
    diff = state()
    assert (diff.state, diff.differing, diff.settled_required) == ("differences", 1, 3)
    paper.resolve_difference(venue.db, c3, code, 1, "A1.2", "8")
    done = state()
    assert (done.state, done.required_left, done.differing, done.waiting) == ("done", 0, 0, 0)
    # a deduction typed in one pass only keeps the sheet open until the other pass has it
    paper.enter_sheet_values(venue.db, c1, code, 1, {(1, "A1.3"): "1"})
    assert (state().state, state().waiting) == ("both", 1)


def test_a_cancelled_print_leaves_no_file(venue: Venue, tmp_path: Path) -> None:
    """Cancelling after the first of three sheets raises Cancelled; neither the PDF nor its
    temporary part is left behind. Progress is reported per sheet."""
    from kmjudge.checkin import Cancelled

    infos = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j1", None, "B", 2)
    assert len(infos) == 3
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "print"
    folder.mkdir()
    out = folder / "sheets.pdf"
    with pytest.raises(Cancelled):
        paper.write_sheets_pdf(
            venue.db,
            venue.chief,
            [i.code for i in infos],
            out,
            progress=lambda d, t: seen.append((d, t)),
            cancel=lambda: bool(seen),
        )
    assert seen == [(1, 3)] and list(folder.iterdir()) == []
    paper.write_sheets_pdf(
        venue.db,
        venue.chief,
        [i.code for i in infos],
        out,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (3, 3) and len(PdfReader(out).pages) == 3


def test_sheet_listings_on_every_backend(any_venue: Venue) -> None:
    """The event-wide listings read plain rows (UUIDs as stored: text on SQLite, native on
    PostgreSQL): states and the correction list agree with what the clerks typed."""
    v = any_venue
    code = _sheet(v)
    c1, c2 = v.actor("clerk1"), v.actor("clerk2")
    cells = {(1, "A1.1"): "10", (1, "A1.2"): "8", (2, "A1.1"): "0", (2, "A1.2"): "6"}
    paper.enter_sheet_values(v.db, c1, code, 1, cells)
    paper.enter_sheet_values(v.db, c2, code, 2, {**cells, (2, "A1.2"): "6.5"})
    (state,) = paper.sheet_states(v.db, c1, v.event_id)
    assert (state.state, state.settled_required, state.differing) == ("differences", 3, 1)
    assert (state.pass1_clerk, state.pass2_clerk) == ("clerk1", "clerk2")
    (diff,) = paper.sheet_differences(v.db, v.chief, v.event_id)
    assert (diff.station_no, diff.aspect_code, diff.pass1, diff.pass2) == (
        2,
        "A1.2",
        Decimal(6),
        Decimal("6.5"),
    )
    assert (diff.pass1_clerk, diff.pass2_clerk) == ("clerk1", "clerk2")
