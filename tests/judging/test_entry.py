"""Blind judge entry: the grid, one mark at a time, assignments, exclusions, submit/reopen."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kmjudge import accounts, judges
from kmjudge.db.models import AuditEntry, Score
from kmjudge.errors import AuthError, ConflictError, KmError, PermissionDenied, ValidationFailed
from kmjudge.judging import entry, views
from kmjudge.registration import service as registration
from tests.judging.conftest import NAMES, PIN, Venue

PERSONAL = {"name", "id_number", "ticket_no", "employer", "registration_id", "phone", "contestant"}


def _score_count(v: Venue) -> int:
    with v.db.read() as s:
        return s.scalar(select(func.count()).select_from(Score)) or 0


def test_judge_views_have_no_personal_fields() -> None:
    """Blindness by construction: nothing a judge or clerk receives has a field that could
    hold a contestant's name, ID, ticket, employer or registration id."""
    judge_types = [
        views.JudgeGrid,
        views.StationRow,
        views.Cell,
        views.AspectColumn,
        views.CriterionState,
        views.ScoreView,
        views.SubmissionView,
        views.PaperSheetView,
        views.SheetEntryResult,
        views.SheetDifference,
    ]
    for t in judge_types:
        names = {f.name for f in dataclasses.fields(t)}
        assert not names & PERSONAL, (t.__name__, names & PERSONAL)


def test_grid_shows_stations_and_own_aspects_only_and_no_names(venue: Venue) -> None:
    """j1's grid: stations 1-6 x the 5 aspects; the rendered grid mentions no contestant."""
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert [r.station_no for r in grid.stations] == [1, 2, 3, 4, 5, 6]
    assert [a.code for a in grid.aspects] == ["A1.1", "A1.2", "A1.3", "B1.1", "B1.2"]
    text = repr(grid)
    assert not any(name in text for name in NAMES)
    assert "昆明钢铁" not in text and "2600" not in text  # employer, ticket numbers
    assert grid.missing == 6 * 4  # the deduction column A1.3 may stay empty
    assert grid.cell(3, "A1.2").version == 0


def test_judge_cannot_see_names_before_lock(venue: Venue) -> None:
    """Every path to names refuses a judge while the marks are not locked."""
    j1 = venue.actor("j1")
    with pytest.raises(PermissionDenied) as info:
        entry.station_names(venue.db, j1, venue.event_id)
    assert "只能看到工位号" in info.value.message_zh
    with pytest.raises(PermissionDenied):
        registration.list_registrations(venue.db, j1, venue.event_id)
    with pytest.raises(PermissionDenied):
        judges.conflicts(venue.db, j1, venue.event_id)
    # the chief judge (and staff) may see them
    names = entry.station_names(venue.db, venue.chief, venue.event_id)
    assert names[1].name == NAMES[0]


def test_enter_score_commits_with_version_and_audit(any_venue: Venue) -> None:
    """A mark is stored with version 1; changing it needs the version seen; both audited
    with before/after."""
    venue = any_venue
    j1 = venue.actor("j1")
    first = entry.enter_score(venue.db, j1, venue.event_id, 2, "A1.2", "7.5")
    assert (first.value, first.version, first.source, first.trainee) == (
        Decimal("7.5"),
        1,
        "screen",
        False,
    )
    second = entry.enter_score(venue.db, j1, venue.event_id, 2, "A1.2", "8", expected_version=1)
    assert (second.value, second.version) == (Decimal(8), 2)
    with venue.db.read() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "score").order_by(AuditEntry.id)
        ).all()
    assert entries[-1].before["value"] == "7.5" and entries[-1].after["value"] == "8"
    assert entries[-2].before is None and entries[-2].after["station"] == 2
    again = entry.enter_score(venue.db, j1, venue.event_id, 2, "A1.2", "8", expected_version=2)
    assert again.version == 2 and not again.changed  # same value: nothing written


def test_stale_version_is_refused(any_venue: Venue) -> None:
    """A write carrying an old version (another laptop changed it) is refused, not lost."""
    venue = any_venue
    j1 = venue.actor("j1")
    entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "30")
    entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "31", expected_version=1)
    with pytest.raises(ConflictError) as info:
        entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "45", expected_version=1)
    assert "已被修改" in info.value.message_zh
    with pytest.raises(ConflictError):  # "I saw no mark" while there is one
        entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "45")
    assert entry.judge_sheet(venue.db, j1, venue.event_id).cell(1, "B1.1").value == 31


BAD_VALUES = [
    ("B1.1", "51", "range", "0 到 50 分之间"),
    ("A1.2", "7.3", "step", "按 0.5 分一档给分"),
    ("A1.1", "5", "all_or_nothing", "只能给 0 分或 10 分"),
    ("B1.2", "2.5", "judgement_grade", "只能打 0、1、2、3 分"),
    ("B1.2", "4", "judgement_grade", "只能打 0、1、2、3 分"),
    ("A1.3", "3", "occurrences_over_cap", "最多记 2 次"),
]


def test_bad_values_are_refused_in_chinese_and_nothing_is_stored(any_venue: Venue) -> None:
    """Range, step, all-or-nothing, J 0-3 whole grades, D over the cap: each refused with a
    clear Chinese message naming station and aspect; nothing stored (on each backend)."""
    v = any_venue
    for aspect, value, code, zh in BAD_VALUES:
        with pytest.raises(ValidationFailed) as info:
            entry.enter_score(v.db, v.actor("j2"), v.event_id, 3, aspect, value)
        assert info.value.issues[0].code == code, (aspect, value)
        assert zh in info.value.message_zh and "3 号工位" in info.value.message_zh
    assert _score_count(v) == 0


def test_aspect_not_assigned_is_refused(any_venue: Venue) -> None:
    """A judge assigned to criterion A only cannot mark B; one assigned to aspect B1.2 for
    group 女 cannot mark it for others."""
    venue = any_venue
    admin = venue.admin
    with venue.db.write() as s:  # a fresh judge account without a scrypt per test
        from kmjudge.db.models import User

        s.add(User(username="j4", display_name="李裁判", roles=["judge"], secret_hash="x"))
    judges.assign_judge(venue.db, admin, venue.event_id, "j4", criterion_code="A")
    j4 = venue.actor("j4")
    grid = entry.judge_sheet(venue.db, j4, venue.event_id)
    assert [a.code for a in grid.aspects] == ["A1.1", "A1.2", "A1.3"]
    entry.enter_score(venue.db, j4, venue.event_id, 1, "A1.1", "10")
    with pytest.raises(PermissionDenied) as info:
        entry.enter_score(venue.db, j4, venue.event_id, 1, "B1.1", "10")
    assert "不在 李裁判 的评分范围内" in info.value.message_zh
    venue.registration(2)
    with venue.db.write() as s:
        from kmjudge.db.models import Registration

        reg = s.get(Registration, venue.registration(2).id)
        assert reg is not None
        reg.ranking_group = "女"
    judges.assign_judge(
        venue.db, admin, venue.event_id, "j4", aspect_code="B1.2", ranking_group="女"
    )
    entry.enter_score(venue.db, j4, venue.event_id, 2, "B1.2", "2")
    with pytest.raises(PermissionDenied):
        entry.enter_score(venue.db, j4, venue.event_id, 3, "B1.2", "2")
    assert entry.judge_sheet(venue.db, j4, venue.event_id).cell(3, "B1.2").blocked == "not_assigned"


def test_trainee_marks_are_stored_but_flagged(venue: Venue) -> None:
    """tj's mark is stored with trainee set; the grid marks the columns as trainee."""
    tj = venue.actor("tj")
    mark = entry.enter_score(venue.db, tj, venue.event_id, 1, "B1.2", "3")
    assert mark.trainee
    with venue.db.read() as s:
        row = s.scalar(select(Score))
        assert row is not None and row.trainee
    assert all(a.trainee for a in entry.judge_sheet(venue.db, tj, venue.event_id).aspects)


def test_conflict_of_interest_listed_and_exclusion_enforced(any_venue: Venue) -> None:
    """j1 works where the contestants at stations 1 and 4 work: listed; once excluded from
    station 1, j1 cannot mark it, earlier marks are removed, and the grid shows 回避."""
    venue = any_venue
    j1 = venue.actor("j1")
    pairs = judges.conflicts(venue.db, venue.admin, venue.event_id)
    assert {(p.judge_username, p.station_no) for p in pairs} == {("j1", 1), ("j1", 4)}
    assert all(p.exact and not p.excluded for p in pairs)
    entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "40")
    judges.exclude(venue.db, venue.chief, venue.event_id, "j1", station_no=1, reason="同一单位")
    with pytest.raises(PermissionDenied) as info:
        entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.2", "2")
    assert "须回避" in info.value.message_zh
    assert _score_count(venue) == 0
    grid = entry.judge_sheet(venue.db, j1, venue.event_id)
    assert grid.cell(1, "B1.1").blocked == "excluded" and grid.cell(1, "B1.1").value is None
    assert [p.excluded for p in judges.conflicts(venue.db, venue.admin, venue.event_id)] == [
        True,
        False,
    ]


def test_absent_and_withdrawn_stations_are_refused(venue: Venue) -> None:
    """Absent and withdrawn contestants cannot be marked (message names the status); the grid
    shows their rows as blocked."""
    venue.set_status(5, "absent")
    venue.set_status(6, "withdrawn")
    j2 = venue.actor("j2")
    for station, word in ((5, "缺考"), (6, "退赛")):
        with pytest.raises(KmError) as info:
            entry.enter_score(venue.db, j2, venue.event_id, station, "B1.1", "10")
        assert word in info.value.message_zh
    grid = entry.judge_sheet(venue.db, j2, venue.event_id)
    assert grid.stations[4].status == "absent" and grid.cell(5, "B1.1").blocked == "absent"


def test_submit_needs_the_pin_and_closes_entry_until_the_chief_reopens(any_venue: Venue) -> None:
    """Submitting re-checks the PIN and needs every mark; afterwards the judge cannot change
    the criterion; only the chief judge reopens it, with a reason."""
    venue = any_venue
    j2 = venue.actor("j2")
    with pytest.raises(KmError) as incomplete:
        entry.submit(venue.db, j2, venue.event_id, "A", PIN)
    assert incomplete.value.code == "incomplete"
    venue.fill(("j2",))
    with pytest.raises(AuthError):
        entry.submit(venue.db, j2, venue.event_id, "A", "9999")
    sub = entry.submit(venue.db, j2, venue.event_id, "A", PIN)
    assert not sub.open
    version = entry.judge_sheet(venue.db, j2, venue.event_id).cell(1, "A1.2").version
    with pytest.raises(KmError) as closed:
        entry.enter_score(venue.db, j2, venue.event_id, 1, "A1.2", "9", expected_version=version)
    assert "已提交" in closed.value.message_zh
    entry.enter_score(venue.db, j2, venue.event_id, 1, "B1.1", "41", expected_version=1)  # B open
    entry.request_reopen(venue.db, j2, venue.event_id, "A", "1 号工位 A1.2 录错")
    with pytest.raises(PermissionDenied):
        entry.reopen(venue.db, j2, venue.event_id, "A", "j2", "自己打开")
    with pytest.raises(KmError):
        entry.reopen(venue.db, venue.chief, venue.event_id, "A", "j2", "")
    entry.reopen(venue.db, venue.chief, venue.event_id, "A", "j2", "同意更正 1 号工位")
    entry.enter_score(venue.db, j2, venue.event_id, 1, "A1.2", "9", expected_version=version)


def test_locked_criterion_refuses_writes_without_the_chief(venue: Venue) -> None:
    """After lock_criterion, judges are refused; the chief judge corrects only with PIN and
    reason, and the correction is audited."""
    from kmjudge.judging import lock

    venue.fill()
    lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")
    j1 = venue.actor("j1")
    with pytest.raises(KmError) as info:
        entry.enter_score(venue.db, j1, venue.event_id, 1, "A1.2", "9", expected_version=1)
    assert "已锁定" in info.value.message_zh
    entry.enter_score(venue.db, j1, venue.event_id, 1, "B1.1", "41", expected_version=1)
    with pytest.raises(KmError) as no_pin:
        entry.correct_score(venue.db, venue.chief, venue.event_id, 1, "A1.2", "j1", "9", "复核发现")
    assert no_pin.value.code == "reauth_required"
    with pytest.raises(AuthError):
        entry.correct_score(
            venue.db, venue.chief, venue.event_id, 1, "A1.2", "j1", "9", "复核发现", secret="0000"
        )
    fixed = entry.correct_score(
        venue.db, venue.chief, venue.event_id, 1, "A1.2", "j1", "9", "复核发现录错", secret=PIN
    )
    assert (fixed.value, fixed.status) == (Decimal(9), "corrected")
    with venue.db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.action == "score.correct_locked"
    assert last.after["reason"] == "复核发现录错" and last.before["value"] == "8.5"


def test_real_login_actor_works_end_to_end(venue: Venue) -> None:
    """The judge signs in with the PIN (not a test shortcut) and marks."""
    j3 = accounts.login(venue.db, "j3", PIN)
    assert entry.enter_score(venue.db, j3, venue.event_id, 6, "B1.2", "1").version == 1
