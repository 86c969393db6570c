"""The chief judge: spread flags and overrides, completeness, 复核, 申诉, locks, the audit."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from kmjudge import audit, judges
from kmjudge.db.engine import open_database
from kmjudge.db.models import Event, Recheck, Registration
from kmjudge.errors import AuthError, KmError, PermissionDenied, ValidationFailed
from kmjudge.judging import (
    appeals,
    completeness,
    entry,
    lock,
    paper,
    recheck,
    review,
    scores_for_results,
    theory,
)
from tests.judging.conftest import JUDGES, NAMES, PIN, Venue, build_venue


def _grade(v: Venue, judge: str, station: int, grade: str) -> None:
    cell = entry.judge_sheet(v.db, v.actor(judge), v.event_id).cell(station, "B1.2")
    entry.enter_score(v.db, v.actor(judge), v.event_id, station, "B1.2", grade, cell.version)


# --------------------------------------------------------------------------- spread


def test_spread_above_limit_is_flagged_with_the_triggering_grades(venue: Venue) -> None:
    """Grades 1, 3, 2 (spread 2 > limit 1) flag the panel; the trainee's 0 is not counted;
    re-scoring within the limit clears it."""
    for j, g in zip(JUDGES, ("1", "3", "2"), strict=True):
        _grade(venue, j, 2, g)
    _grade(venue, "tj", 2, "0")
    (flag,) = review.spread_flags(venue.db, venue.chief, venue.event_id)
    assert (flag.station_no, flag.aspect_code, flag.spread, flag.limit) == (
        2,
        "B1.2",
        Decimal(2),
        Decimal(1),
    )
    assert [(x.judge_username, x.value) for x in flag.values] == [
        ("j1", Decimal(1)),
        ("j2", Decimal(3)),
        ("j3", Decimal(2)),
    ]
    assert entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id).cell(2, "B1.2").flagged
    _grade(venue, "j1", 2, "2")
    assert review.spread_flags(venue.db, venue.chief, venue.event_id) == []


def test_override_needs_a_reason_marks_accepted_and_is_audited(venue: Venue) -> None:
    """Only the chief judge overrides, only with a written reason; a later change of a grade
    puts the panel back on the list."""
    for j, g in zip(JUDGES, ("0", "2", "2"), strict=True):
        _grade(venue, j, 3, g)
    with pytest.raises(PermissionDenied):
        review.override(venue.db, venue.actor("j1"), venue.event_id, 3, "B1.2", "我同意")
    with pytest.raises(KmError) as no_reason:
        review.override(venue.db, venue.chief, venue.event_id, 3, "B1.2", " ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(KmError):  # nothing to override at station 4
        review.override(venue.db, venue.chief, venue.event_id, 4, "B1.2", "理由")
    flag = review.override(
        venue.db, venue.chief, venue.event_id, 3, "B1.2", "经合议，j1 依据评分细则扣分合理"
    )
    assert flag.accepted and flag.reason.startswith("经合议")
    assert {x.status for x in flag.values} == {"accepted"}
    assert review.spread_flags(venue.db, venue.chief, venue.event_id) == []
    assert len(review.spread_flags(venue.db, venue.chief, venue.event_id, True)) == 1
    with venue.db.read() as s:
        from kmjudge.db.models import AuditEntry

        last = s.scalars(select(AuditEntry).where(AuditEntry.action == "score.override")).one()
    assert last.after["reason"].startswith("经合议") and len(last.before) == 3
    _grade(venue, "j2", 3, "3")
    (again,) = review.spread_flags(venue.db, venue.chief, venue.event_id)
    assert not again.accepted and again.spread == 3


# --------------------------------------------------------------------------- completeness


def test_completeness_counts_missing_marks_per_criterion(venue: Venue) -> None:
    """3 counting judges x 6 stations x (A: 2 M aspects, B: 2) expected; trainees never
    block; an absent contestant and a 回避 pair are not expected; D aspects not required."""
    report = completeness.missing(venue.db, venue.chief, venue.event_id)
    assert [(c.code, c.expected, c.entered, len(c.missing)) for c in report.criteria] == [
        ("A", 36, 0, 36),
        ("B", 36, 0, 36),
    ]
    venue.set_status(6, "absent")
    judges.exclude(venue.db, venue.chief, venue.event_id, "j1", station_no=1)
    venue.fill(values={"A1.1": "10", "A1.2": "8", "B1.1": "40"})  # B1.2 left out
    report = completeness.missing(venue.db, venue.chief, venue.event_id)
    a, b = report.criteria
    assert (a.expected, a.entered, a.complete) == (28, 28, True)  # (3x5 - 1) x 2
    assert (b.expected, b.entered, len(b.missing)) == (28, 14, 14)
    assert {(m.judge_username, m.aspect_code) for m in b.missing} == {(j, "B1.2") for j in JUDGES}
    assert (report.active_stations, report.missing_count, report.complete) == (5, 14, False)
    with pytest.raises(PermissionDenied):
        completeness.missing(venue.db, venue.actor("j1"), venue.event_id)


# --------------------------------------------------------------------------- 复核


def test_recheck_sample_is_top_10_plus_15_percent_and_full_above_5_percent(
    tmp_path: Path,
) -> None:
    """31 ranked contestants: the top 10 plus ceil(15% x 21) = 4 drawn; drawing again gives
    the same list; one error in 14 (7 % > 5 %) demands a full recheck of the other 17, and
    the lock waits for it."""
    db = open_database(tmp_path / "big.sqlite3")
    try:
        v = build_venue(db, tmp_path, n=31)
        with db.read() as s:
            regs = s.scalars(
                select(Registration.id)
                .where(Registration.event_id == v.event_id)
                .order_by(Registration.station_no)
            ).all()
        ranking = {r: i + 1 for i, r in enumerate(regs)}
        ranking[regs[10]] = 10  # a tie for 10th place: both are "top 10"
        assert recheck.sample_size(20) == 3 and recheck.sample_size(21) == 4
        st = recheck.recheck_sample(db, v.chief, v.event_id, ranking)
        top = [i for i in st.items if i.reason == "top"]
        sample = [i for i in st.items if i.reason == "sample"]
        assert len(top) == 11 and {i.station_no for i in top} == set(range(1, 12))
        assert len(sample) == recheck.sample_size(31 - 11) == 3
        assert all(i.station_no is not None and i.station_no > 11 for i in sample)
        again = recheck.recheck_sample(db, v.chief, v.event_id, {r: 1 for r in regs})
        assert [i.id for i in again.items] == [i.id for i in st.items]
        for i in st.items[:-1]:
            assert i.station_no is not None
            recheck.record_recheck(db, v.chief, v.event_id, i.station_no, False)
        last = st.items[-1].station_no
        assert last is not None
        with pytest.raises(KmError):  # an error needs a description
            recheck.record_recheck(db, v.chief, v.event_id, last, True)
        after = recheck.record_recheck(db, v.chief, v.event_id, last, True, "B1.1 合计算错 2 分")
        assert (after.sample_size, after.errors) == (14, 1)
        assert after.error_rate > Decimal("0.05") and after.full_required
        full = [i for i in after.items if i.reason == "full"]
        assert len(full) == 31 - 14 and not after.complete
        blockers = lock.lock_blockers(db, v.chief, v.event_id)
        assert any(b.kind == "recheck" and "全部复核" in b.message_zh for b in blockers)
    finally:
        db.dispose()


def test_no_errors_means_no_full_recheck(venue: Venue) -> None:
    """With the default ranking (results engine): 6 contestants are all top 10; no errors ->
    complete, no full recheck."""
    venue.fill()
    st = recheck.recheck_sample(venue.db, venue.chief, venue.event_id)
    assert [i.reason for i in st.items] == ["top"] * 6
    for i in st.items:
        assert i.station_no is not None
        st = recheck.record_recheck(venue.db, venue.chief, venue.event_id, i.station_no, False)
    assert st.complete and not st.full_required and st.error_rate == 0


# --------------------------------------------------------------------------- 申诉


def test_appeal_within_two_hours_accepted_later_refused(venue: Venue) -> None:
    """Event ends 17:30: an appeal at 19:29 is recorded, at 19:31 refused with the deadline;
    the chief judge's decision is recorded once."""
    end = datetime(2026, 10, 20, 17, 30)
    a = appeals.submit_appeal(
        venue.db,
        venue.admin,
        venue.event_id,
        "对 3 号工位 B1.1 的扣分有异议，请复核。",
        "3 号选手",
        3,
        now=end + timedelta(hours=1, minutes=59),
    )
    assert (a.outcome, a.station_no) == ("pending", 3)
    with pytest.raises(KmError) as late:
        appeals.submit_appeal(
            venue.db,
            venue.admin,
            venue.event_id,
            "对成绩有异议，请复核。",
            "4 号选手",
            4,
            now=end + timedelta(hours=2, minutes=1),
        )
    assert late.value.code == "appeal_late" and "2026-10-20 19:30" in late.value.message_zh
    with pytest.raises(KmError):  # not written
        appeals.submit_appeal(venue.db, venue.admin, venue.event_id, "", "某人", now=end)
    assert lock.lock_blockers(venue.db, venue.chief, venue.event_id)[-1].kind == "appeal"
    decided = appeals.decide_appeal(
        venue.db, venue.chief, a.id, "rejected", "经复核，扣分符合评分细则。"
    )
    assert decided.outcome == "rejected" and decided.decided_at is not None
    with pytest.raises(KmError):
        appeals.decide_appeal(venue.db, venue.chief, a.id, "upheld", "改判")
    assert [x.outcome for x in appeals.list_appeals(venue.db, venue.chief, venue.event_id)] == [
        "rejected"
    ]


# --------------------------------------------------------------------------- lock / unlock


def test_lock_is_refused_while_anything_is_missing_or_flagged(venue: Venue) -> None:
    """Every blocker is listed (missing marks, a spread flag, a paper difference); none ->
    the criterion locks."""
    venue.fill()
    _grade(venue, "j1", 5, "0")  # spread 2 on station 5
    code = paper.create_sheets(venue.db, venue.chief, venue.event_id, "j3", [6], "A")[0].code
    # j3's A marks at station 6 exist from the screen; the paper passes disagree with each other
    paper.enter_sheet_values(venue.db, venue.actor("clerk1"), code, 1, {(6, "A1.3"): "1"})
    paper.enter_sheet_values(venue.db, venue.actor("clerk2"), code, 2, {(6, "A1.3"): "2"})
    with pytest.raises(ValidationFailed) as a_refused:
        lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")
    assert [i.code for i in a_refused.value.issues] == ["difference"]
    with pytest.raises(ValidationFailed) as b_refused:
        lock.lock_criterion(venue.db, venue.chief, venue.event_id, "B")
    assert [i.code for i in b_refused.value.issues] == ["flag"]
    assert "差异超限" in b_refused.value.message_zh
    paper.resolve_difference(venue.db, venue.chief, code, 6, "A1.3", "1", reason="看原表为 1 次")
    lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")
    with pytest.raises(PermissionDenied):
        lock.lock_criterion(venue.db, venue.actor("j1"), venue.event_id, "B")
    with pytest.raises(ValidationFailed) as ev_refused:
        lock.lock_event(venue.db, venue.chief, venue.event_id)
    assert {i.code for i in ev_refused.value.issues} == {"flag", "recheck"}


def test_unlock_needs_the_chief_pin_and_a_reason(venue: Venue) -> None:
    """Unlocking is refused without a reason, with a wrong PIN and for a non-chief; with PIN and
    reason the criterion opens again and judges can change marks."""
    venue.fill()
    lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")
    with pytest.raises(KmError) as no_reason:
        lock.unlock_criterion(venue.db, venue.chief, venue.event_id, "A", PIN, "")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(AuthError):
        lock.unlock_criterion(venue.db, venue.chief, venue.event_id, "A", "1357", "申诉改判")
    with pytest.raises(PermissionDenied):
        lock.unlock_criterion(venue.db, venue.admin, venue.event_id, "A", PIN, "申诉改判")
    lock.unlock_criterion(venue.db, venue.chief, venue.event_id, "A", PIN, "申诉改判需更正")
    entry.enter_score(venue.db, venue.actor("j1"), venue.event_id, 1, "A1.2", "9", 1)


def test_named_chief_judge_only(venue: Venue) -> None:
    """Once an event names its chief judge, another 裁判长 account cannot lock it."""
    from kmjudge.db.models import User

    with venue.db.write() as s:
        s.add(User(username="chief2", display_name="王裁判长", roles=["chief"], secret_hash="x"))
    judges.assign_chief(venue.db, venue.admin, venue.event_id, "chief")
    venue.fill()
    with pytest.raises(PermissionDenied) as info:
        lock.lock_criterion(venue.db, venue.actor("chief2"), venue.event_id, "A")
    assert "不是本场次的裁判长" in info.value.message_zh
    lock.lock_criterion(venue.db, venue.chief, venue.event_id, "A")


# --------------------------------------------------------------------------- the whole day


def test_the_whole_day_then_names_revealed_and_the_audit_chain_verifies(
    venue: Venue, tmp_path: Path
) -> None:
    """Marks (screen, paper, trainee), a flag overridden, an exclusion, theory, the recheck,
    an appeal, lock, unlock with PIN, relock: names reach judges only after the lock, the
    results input is plain data, and kmjudge.audit.verify finds the chain intact."""
    db, ev = venue.db, venue.event_id
    judges.exclude(db, venue.chief, ev, "j1", station_no=4, reason="同一单位")
    venue.fill(("j1", "j3", "tj"))
    code_a = paper.create_sheets(db, venue.chief, ev, "j2", None, "A")[0].code
    code_b = paper.create_sheets(db, venue.chief, ev, "j2", None, "B")[0].code
    for code, vals in (
        (code_a, {"A1.1": "10", "A1.2": "8.5"}),
        (code_b, {"B1.1": "40", "B1.2": "3"}),
    ):
        cells = {(st, a): x for st in range(1, 7) for a, x in vals.items()}
        paper.enter_sheet_values(db, venue.actor("clerk1"), code, 1, cells)
        paper.enter_sheet_values(db, venue.actor("clerk2"), code, 2, cells)
    entry.enter_score(db, venue.actor("j3"), ev, 2, "A1.3", "1")  # one safety violation
    _grade(venue, "j1", 1, "1")  # 1 vs 3 from paper: flagged
    review.override(db, venue.chief, ev, 1, "B1.2", "评分细则允许不同理解，予以认可")
    with pytest.raises(PermissionDenied):
        entry.station_names(db, venue.actor("j1"), ev)
    sheet = tmp_path / "theory.csv"
    with db.read() as s:
        tickets = s.scalars(
            select(Registration.ticket_no)
            .where(Registration.event_id == ev)
            .order_by(Registration.station_no)
        ).all()
    sheet.write_text(
        "准考证号,理论成绩\n" + "".join(f"{t},{70 + i}\n" for i, t in enumerate(tickets)), "utf-8"
    )
    assert theory.import_theory_xlsx(db, venue.admin, ev, sheet).created == 6
    ranks = recheck.default_ranking(db, ev)  # from the results engine now: everyone ranked
    assert sorted(ranks.values()) == [1, 2, 3, 4, 5, 6]
    st = recheck.recheck_sample(db, venue.chief, ev)
    for item in st.items:
        assert item.station_no is not None
        recheck.record_recheck(db, venue.chief, ev, item.station_no, False)
    lock.lock_event(db, venue.chief, ev)
    with db.read() as s:
        row = s.get(Event, ev)
        assert row is not None and row.status == "locked" and row.locked_at is not None
    names = entry.station_names(db, venue.actor("j1"), ev)
    assert [n.name for n in names.values()] == NAMES[:6]
    with pytest.raises(KmError):
        entry.enter_score(db, venue.actor("j1"), ev, 2, "B1.1", "1", 1)
    lock.unlock_event(db, venue.chief, ev, PIN, "申诉复核")
    lock.unlock_criterion(db, venue.chief, ev, "B", PIN, "申诉复核后更正 B1.1")
    entry.correct_score(db, venue.chief, ev, 2, "B1.1", "j1", "45", "申诉成立，按复核更正")
    lock.lock_event(db, venue.chief, ev)
    data = scores_for_results(db, ev)
    assert data.locked and len(data.registrations) == 6
    two = data.registrations[1]
    assert two.station_no == 2 and {m.judge_username for m in two.marks["B1.1"]} == {
        "j1",
        "j2",
        "j3",
        "tj",
    }
    assert [m.trainee for m in two.marks["B1.1"] if m.judge_username == "tj"] == [True]
    assert [m.value for m in two.marks["A1.3"]] == [Decimal(1)]  # occurrences
    assert "j1" not in {m.judge_username for m in data.registrations[3].marks["B1.1"]}
    report = audit.verify(db)
    assert report.ok, [p.message_en for p in report.problems]
    with db.read() as s:
        assert s.scalars(select(Recheck)).first() is not None
    assert uuid.UUID(str(ev)) == ev


def test_review_list_gathers_everything_waiting_for_the_chief(venue: Venue) -> None:
    """One call shows the flag, the paper difference, the reopen request, the pending appeal,
    what is missing and what blocks the lock; judges may not open it."""
    db, ev = venue.db, venue.event_id
    venue.fill(("j1", "j3"))
    _grade(venue, "j1", 1, "0")  # j1 0 vs j3 2
    entry.submit(db, venue.actor("j1"), ev, "A", PIN)
    entry.request_reopen(db, venue.actor("j1"), ev, "A", "2 号工位 A1.2 写错")
    code = paper.create_sheets(db, venue.chief, ev, "j2", [1], "B")[0].code
    paper.enter_sheet_values(db, venue.actor("clerk1"), code, 1, {(1, "B1.1"): "40"})
    paper.enter_sheet_values(db, venue.actor("clerk2"), code, 2, {(1, "B1.1"): "45"})
    appeals.submit_appeal(
        db,
        venue.admin,
        ev,
        "对 1 号工位成绩有异议。",
        "1 号选手",
        1,
        now=datetime(2026, 10, 20, 18, 0),
    )
    desk = review.review_list(db, venue.chief, ev)
    assert [(f.station_no, f.aspect_code) for f in desk.flags] == [(1, "B1.2")]
    assert [(d.station_no, d.pass1, d.pass2) for d in desk.differences] == [
        (1, Decimal(40), Decimal(45))
    ]
    assert [(r.judge_username, r.criterion_code) for r in desk.reopen_requests] == [("j1", "A")]
    assert len(desk.appeals) == 1 and not desk.recheck.drawn
    # all of j2's marks: the differing paper cell is not a mark until it is settled
    assert desk.completeness.missing_count == 4 * 6
    kinds = [b.kind for b in desk.blockers]
    assert kinds == [
        "missing",
        "missing",
        "flag",
        "difference",
        "reopen_request",
        "recheck",
        "appeal",
    ]
    with pytest.raises(PermissionDenied):
        review.review_list(db, venue.actor("j1"), ev)


def test_override_keeps_the_marks_in_agreement_with_the_audit_chain(venue: Venue) -> None:
    """An override raises each mark's version; each gets its own audit entry, so
    ``audit.verify_records`` finds nothing edited behind the app's back."""
    for judge, grade in (("j1", "0"), ("j2", "3"), ("j3", "3")):
        _grade(venue, judge, 1, grade)
    assert audit.verify_records(venue.db) == []
    review.override(venue.db, venue.actor("chief"), venue.event_id, 1, "B1.2", "评分标准已核对")
    assert audit.verify_records(venue.db) == []
    assert audit.verify(venue.db).ok
