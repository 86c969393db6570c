"""What the chief judge's and the admin's screens read from the core: the recheck list and its
printable xlsx, the appeal window, a panel's marks and the corrections made, the judges
overview, narrowing an assignment."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from kmjudge import judges
from kmjudge.db.models import Appeal, AuditEntry
from kmjudge.errors import KmError, PermissionDenied
from kmjudge.judging import appeals, entry, recheck, review
from tests.judging.conftest import JUDGES, PIN, Venue

END = datetime(2026, 10, 20, 17, 30)


def test_recheck_draw_is_refused_until_every_mark_is_in(venue: Venue) -> None:
    """With marks missing the ranking is not final: the default draw is refused with the
    number missing, and nothing is drawn."""
    venue.fill(("j1", "j2"))
    with pytest.raises(KmError) as info:
        recheck.recheck_sample(venue.db, venue.chief, venue.event_id)
    assert info.value.code == "incomplete" and "还缺 24 项" in info.value.message_zh
    assert not recheck.recheck_status(venue.db, venue.chief, venue.event_id).drawn


def test_recheck_list_says_why_each_station_was_drawn_and_prints_as_xlsx(
    venue: Venue, tmp_path: Path
) -> None:
    """Every drawn station carries the rank the draw used; outcomes show who checked; the
    xlsx has one row per station with its reason and outcome, ready to sign."""
    venue.fill()
    for station, grade in ((1, "3"), (2, "1"), (3, "0")):  # stations 1 > 2 > 3 on B1.2
        for j in JUDGES:
            cell = entry.judge_sheet(venue.db, venue.actor(j), venue.event_id).cell(station, "B1.2")
            entry.enter_score(
                venue.db, venue.actor(j), venue.event_id, station, "B1.2", grade, cell.version
            )
    ranks = recheck.default_ranking(venue.db, venue.event_id)
    recheck.recheck_sample(venue.db, venue.chief, venue.event_id)
    recheck.record_recheck(venue.db, venue.chief, venue.event_id, 2, True, "B1.1 合计抄错")
    rl = recheck.recheck_list(venue.db, venue.chief, venue.event_id)
    by_station = {r.station_no: r for r in rl.rows}
    assert set(by_station) == set(range(1, 7))
    for st in range(1, 7):
        assert by_station[st].rank == ranks[venue.registration(st).id]
    assert by_station[1].rank == 1 and by_station[3].rank == 6
    assert by_station[1].why_zh() == "排名前 10 名（第 1 名）"
    two = by_station[2]
    assert two.checked and two.found_error and two.checked_by == "郑裁判长"
    assert two.outcome_zh == "有差错" and by_station[1].outcome_zh == "待复核"
    assert rl.drawn_by == "郑裁判长" and rl.population == 6 and rl.drawn_at is not None
    assert rl.status.full_required  # 1 error in 6
    out = recheck.write_recheck_xlsx(venue.db, venue.chief, venue.event_id, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    body = [r for r in rows[head + 1 :] if isinstance(r[0], int)]
    assert [r[1] for r in body] == [r.station_no for r in rl.rows]
    assert [r[2] for r in body] == [r.why_zh() for r in rl.rows]
    line2 = next(r for r in body if r[1] == 2)
    assert line2[3] == "有差错" and line2[4] == "B1.1 合计抄错" and line2[5] == "郑裁判长"
    assert "须全部复核" in str(rows[head - 1][0])
    assert ws.page_setup.orientation == "landscape"


def test_recheck_list_cannot_be_printed_before_the_draw(venue: Venue, tmp_path: Path) -> None:
    """No sample, no list: a clear refusal and no file."""
    with pytest.raises(KmError) as info:
        recheck.write_recheck_xlsx(venue.db, venue.chief, venue.event_id, tmp_path / "r.xlsx")
    assert info.value.code == "not_drawn" and not (tmp_path / "r.xlsx").exists()


def test_appeal_keeps_the_time_it_was_handed_in_and_the_desk_shows_the_window(
    venue: Venue,
) -> None:
    """An appeal handed in at 19:20 (typed later) is stored with 19:20; the desk says how
    long is left (or how long ago the window closed) and who decided."""
    a = appeals.submit_appeal(
        venue.db,
        venue.admin,
        venue.event_id,
        "对 2 号工位 B1.2 的评分有异议。",
        "王芳",
        2,
        now=END + timedelta(hours=1, minutes=50),
    )
    with venue.db.read() as s:
        row = s.get(Appeal, a.id)
        assert row is not None
        stored = row.submitted_at
    local = (END + timedelta(hours=1, minutes=50)).astimezone()
    assert stored == local.astimezone(tz=None).replace(tzinfo=None) - (
        local.utcoffset() or timedelta(0)
    )
    desk = appeals.appeal_desk(
        venue.db, venue.chief, venue.event_id, now=END + timedelta(hours=1, minutes=30)
    )
    assert desk.deadline == END + timedelta(hours=2) and desk.open
    assert desk.time_left == timedelta(minutes=30) and desk.pending == 1
    appeals.decide_appeal(venue.db, venue.chief, a.id, "upheld", "复看作品后同意调整。")
    later = appeals.appeal_desk(venue.db, venue.chief, venue.event_id, now=END + timedelta(hours=3))
    assert not later.open and later.time_left == timedelta(hours=-1)
    (e,) = later.entries
    assert (e.appeal.outcome, e.decided_by, later.pending) == ("upheld", "郑裁判长", 0)
    with pytest.raises(PermissionDenied):
        appeals.appeal_desk(venue.db, venue.actor("j1"), venue.event_id)


def test_panel_marks_and_the_corrections_list(venue: Venue) -> None:
    """The chief sees every judge's mark (trainee flagged, 回避 shown) before correcting;
    a correction shows in the list with before/after, reason and who; a locked criterion
    needs the PIN."""
    judges.exclude(venue.db, venue.admin, venue.event_id, "j1", station_no=1)
    venue.fill(("j1", "j2", "j3", "tj"))
    p = review.panel_marks(venue.db, venue.chief, venue.event_id, 1, "A1.2")
    assert [(m.judge_username, m.value, m.trainee, m.excluded) for m in p.marks] == [
        ("j1", None, False, True),
        ("j2", Decimal("8.5"), False, False),
        ("j3", Decimal("8.5"), False, False),
        ("tj", Decimal("8.5"), True, False),
    ]
    assert not p.locked and p.competing and p.hint_zh
    j2 = p.marks[1]
    entry.correct_score(
        venue.db, venue.chief, venue.event_id, 1, "A1.2", "j2", "9", "原表为 9 分，录入错误",
        expected_version=j2.version,
    )  # fmt: skip
    (c,) = review.corrections(venue.db, venue.chief, venue.event_id)
    assert (c.station_no, c.aspect_code, c.judge_username, c.before, c.after) == (
        1,
        "A1.2",
        "j2",
        Decimal("8.5"),
        Decimal("9"),
    )
    assert c.by == "chief" and c.by_name == "郑裁判长"
    assert c.reason.startswith("原表") and not c.locked
    with pytest.raises(PermissionDenied):
        review.panel_marks(venue.db, venue.actor("j1"), venue.event_id, 1, "A1.2")
    from kmjudge.judging import lock

    lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")
    assert review.panel_marks(venue.db, venue.chief, venue.event_id, 1, "A1.2").locked
    entry.correct_score(
        venue.db, venue.chief, venue.event_id, 2, "A1.2", "j3", "8", "复核发现错误", secret=PIN
    )
    newest = review.corrections(venue.db, venue.chief, venue.event_id)[0]
    assert newest.locked and newest.station_no == 2


def test_judges_overview_shows_unassigned_judges_and_short_aspects(venue: Venue) -> None:
    """A judge account with no assignment is listed as unassigned; aspects count their
    counting judges against the panel's minimum; the chief judge is named."""
    from kmjudge import accounts

    accounts.create_user(venue.db, venue.admin, "j9", "吴裁判", ["judge"], PIN, "昆明地铁")
    ov = judges.judges_overview(venue.db, venue.admin, venue.event_id)
    assert [j.username for j in ov.unassigned] == ["j9"]
    assert ov.judges[0].username == "j9"  # unassigned first
    staffing = {a.aspect_code: a for a in ov.staffing}
    assert (staffing["A1.1"].counting, staffing["A1.1"].trainees) == (3, 1)
    assert (staffing["A1.1"].needed, staffing["A1.1"].planned) == (1, 3)
    assert (staffing["A1.3"].needed, staffing["A1.3"].planned) == (0, 0)  # deductions
    assert not ov.understaffed
    assert [c for c, _t in ov.criteria] == ["A", "B"] and ov.groups == (("", "全部组别"),)
    judges.assign_judge(venue.db, venue.admin, venue.event_id, "j9", aspect_code="B1.2")
    judges.assign_chief(venue.db, venue.admin, venue.event_id, "chief")
    ov = judges.judges_overview(venue.db, venue.admin, venue.event_id)
    assert not ov.unassigned and ov.named_chiefs == ("chief",)
    assert {a.aspect_code: a.counting for a in ov.staffing}["B1.2"] == 4
    with pytest.raises(PermissionDenied):
        judges.judges_overview(venue.db, venue.actor("j1"), venue.event_id)


def test_narrowing_an_assignment_keeps_marks_covered(venue: Venue) -> None:
    """j1 marked criterion A under the whole-event assignment: removing it alone would orphan
    the marks and is refused; with a criterion-A assignment added first it is allowed, and
    the audit entry says what was removed."""
    venue.fill(("j1",), {"A1.1": "10", "A1.2": "8"})
    whole = next(
        a.id
        for a in judges.list_assignments(venue.db, venue.event_id)
        if a.username == "j1" and not a.criterion_code
    )
    with pytest.raises(KmError) as info:
        judges.remove_assignment(venue.db, venue.admin, whole)
    assert info.value.code == "has_marks" and "12 项" in info.value.message_zh
    judges.assign_judge(venue.db, venue.admin, venue.event_id, "j1", "A")
    judges.remove_assignment(venue.db, venue.admin, whole)
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert [a.code for a in grid.aspects] == ["A1.1", "A1.2", "A1.3"]
    with venue.db.read() as s:
        last = s.scalars(select(AuditEntry).where(AuditEntry.action == "judge.unassign")).one()
    assert last.before["judge"] == "j1" and last.before["criterion"] == ""


def test_the_desk_reads_work_on_every_backend(any_venue: Venue) -> None:
    """recheck_list, appeal_desk, panel_marks, corrections, desk_choices and judges_overview
    on SQLite and (when available) PostgreSQL."""
    v = any_venue
    v.fill()
    recheck.recheck_sample(v.db, v.chief, v.event_id)
    recheck.record_recheck(v.db, v.chief, v.event_id, 3, False)
    rl = recheck.recheck_list(v.db, v.chief, v.event_id)
    assert len(rl.rows) == 6 and rl.checked == 1 and {r.rank for r in rl.rows} == {1}
    appeals.submit_appeal(
        v.db, v.admin, v.event_id, "对成绩有异议，请复核。", "张伟", 1, now=END + timedelta(hours=1)
    )
    desk = appeals.appeal_desk(v.db, v.chief, v.event_id, now=END)
    assert desk.pending == 1 and desk.time_left == timedelta(hours=2)
    entry.correct_score(v.db, v.chief, v.event_id, 1, "B1.1", "j1", "41", "纸质表为 41")
    assert [c.after for c in review.corrections(v.db, v.chief, v.event_id)] == [Decimal(41)]
    p = review.panel_marks(v.db, v.chief, v.event_id, 1, "B1.1")
    assert [m.value for m in p.marks if m.judge_username == "j1"] == [Decimal(41)]
    choices = review.desk_choices(v.db, v.chief, v.event_id)
    assert [s for s, _st in choices.stations] == [1, 2, 3, 4, 5, 6]
    assert [c for c, _t, _l in choices.criteria] == ["A", "B"]
    ov = judges.judges_overview(v.db, v.admin, v.event_id)
    assert [j.username for j in ov.judges] == ["j1", "j2", "j3", "tj"] and not ov.unassigned
