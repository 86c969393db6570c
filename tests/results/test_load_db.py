"""Results from a real database (SQLite file, and PostgreSQL via ``any_db``): the loader reads
registrations, theory scores and every judge's marks straight from the tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

from kmjudge.db.engine import Database
from kmjudge.db.models import Setting
from kmjudge.results.engine import compute
from kmjudge.results.load import RESULTS_SETTING_KEY, load_event
from tests.conftest import make_admin
from tests.results.helpers import ScoredEvent, marks


def test_event_scored_in_the_database_computes_as_by_hand(any_db: Database) -> None:
    """Panel rules, a deduction stored as occurrences, theory weights, statuses: on each backend.

    Station 1: M1 mean 38, J1 trim1 of 3,2,2,1,3 -> 7/3 -> 30 x 7/9 = 70/3, M2 median 27,
    D1 one occurrence x 5 points by every judge -> -5: practical 38 + 23.333… + 27 - 5 =
    83.333…, total 84.5 x 30% + 83.333… x 70% = 83.683333… -> 83.68.
    """
    admin = make_admin(any_db)
    ev = ScoredEvent.create(any_db, admin)
    ev.add(1, name="张三", marks=marks(38, [3, 2, 2, 1, 3], 27, 1), theory="84.5")
    ev.add(2, name="李四", marks=marks("35.5", [2, 2, 2, 2, 2], 30), theory=90)
    ev.add(3, name="王五", status="absent")
    ev.add(4, name="赵六", marks=marks(20, [1, 1, 1, 1, 1], [10, 12, 15, 11, 30]), theory=70)
    loaded = load_event(any_db, ev.event_id)
    res = compute(loaded.inputs)
    one = res.by_station(1)
    assert one.score.practical == Fraction(250, 3)
    assert one.score.total == Fraction(84_5, 10) * Fraction(3, 10) + Fraction(250, 3) * Fraction(
        7, 10
    )
    assert str(one.total) == "83.68" and str(one.practical) == "83.33"
    deduction = one.score.aspects[3]
    assert deduction.aspect.code == "D1" and deduction.mark == -5
    assert res.by_station(4).score.aspects[2].aggregate == 12  # median of 10 12 15 11 30
    assert [r.station for r in res.ranked] == [2, 1, 4]
    assert res.by_station(3).state == "absent"
    assert res.by_station(2).title == "技术状元"
    # names never reach the engine's inputs; the loader keeps them apart
    assert "张三" not in repr(loaded.inputs)
    assert loaded.identities[one.key].name == "张三"
    assert loaded.identities[one.key].id_masked.count("*") == 8
    assert set(loaded.judges) == {"judge1", "judge2", "judge3", "judge4", "judge5"}


def test_deduction_occurrences_are_capped_per_judge(db: Database) -> None:
    """D1 is 5 per occurrence, cap 10: a judge's 3 occurrences count as 10 points, not 15."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(1, marks=marks(40, [3] * 5, 30, [3, 2, 2, 2, 2]), theory=80)
    res = compute(load_event(db, ev.event_id).inputs)
    d1 = res.rows[0].score.aspects[3]
    assert sorted(d1.used) == [D(10)] * 5 and d1.mark == -10
    assert res.rows[0].practical == D("90.00")


def test_trainee_scores_in_the_database_do_not_count(db: Database) -> None:
    """A trainee's 0 on J1 is loaded (for the severity report) but leaves the aggregate alone."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(1, marks=marks(40, [3, 3, 3, 3, 3], 30), theory=80, trainee_marks={"J1": 0})
    loaded = load_event(db, ev.event_id)
    j1 = compute(loaded.inputs).rows[0].score.aspects[1]
    assert len(j1.marks) == 6 and j1.aggregate == 3 and j1.mark == 30
    assert "trainee1" in loaded.judges


def test_missing_judge_and_theory_only_from_the_database(db: Database) -> None:
    """A judge who did not mark J1 (4 left: trim1 falls back to mean); a theory-only entrant."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(1, marks=marks(40, [3, 3, 2, None, 0], 30), theory=80)
    ev.add(2, theory=95)
    res = compute(load_event(db, ev.event_id).inputs)
    j1 = res.by_station(1).score.aspects[1]
    assert j1.rule == "mean" and j1.fallback and j1.aggregate == 2
    assert res.by_station(2).state == "incomplete"
    assert any("1号工位：J1 仅 4 名裁判计分" in w for w in res.warnings)


def test_age_groups_use_the_event_start_date(db: Database) -> None:
    """Bands <=35 / >35 on the start date 2026-09-19: the birthday that day counts as 35."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin, ranking_groups=["<=35", ">35"])
    ev.add(1, marks=marks(40, [3] * 5, 30), theory=80, birth=date(1991, 9, 19))
    ev.add(2, marks=marks(30, [2] * 5, 20), theory=70, birth=date(1990, 9, 19))
    res = compute(load_event(db, ev.event_id).inputs)
    assert res.by_station(1).group == "<=35" and res.by_station(2).group == ">35"
    assert res.by_station(1).rank == res.by_station(2).rank == 1
    assert [g.label for g in res.groups] == ["35岁及以下", "36岁及以上"]


def test_weights_awards_and_settings_come_from_the_event(db: Database) -> None:
    """20/80 weights, count-mode awards and a titles setting are read from the database."""
    admin = make_admin(db)
    ev = ScoredEvent.create(
        db,
        admin,
        theory_weight=20,
        practical_weight=80,
        level="district",
        district="五华区",
        award={"mode": "count", "first": 1, "second": 1, "third": 0, "merit": True},
    )
    with db.write() as s:
        s.add(Setting(key=RESULTS_SETTING_KEY, value={"titles": {"district": {"1": "技术能手"}}}))
    for i, m1 in enumerate((40, 35, 30), start=1):
        ev.add(i, marks=marks(m1, [3] * 5, 30), theory=80)
    res = compute(load_event(db, ev.event_id).inputs)
    first = res.by_station(1)
    assert first.score.total == Fraction(80 * 20 + 100 * 80, 100)
    assert [r.award for r in res.ranked] == ["first", "second", "merit"]
    assert first.title == "技术能手"


def test_loader_agrees_with_judgings_scores_for_results(db: Database) -> None:
    """Our direct loader and judging's ``scores_for_results`` see the same marks: same judges,
    trainee flags and values, with deductions turned into points by judging's own
    ``deduction_points`` (so the two sides cannot drift apart on what a stored value means)."""
    from kmjudge.judging.results_input import scores_for_results
    from kmjudge.judging.rules import deduction_points

    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    ev.add(1, marks=marks(38, [3, 2, 2, 1, 3], 27, [1, 3, 0, 2, 1]), theory="84.5")
    ev.add(2, marks=marks("35.5", [2, 2, None, 2, 2], 30), theory=90, trainee_marks={"J1": 0})
    ev.add(3, status="absent")
    ours = load_event(db, ev.event_id).inputs
    theirs = scores_for_results(db, ev.event_id)
    aspect = {a.code: a for a in theirs.aspects}
    by_key = {c.key: c for c in ours.contestants}
    assert len(theirs.registrations) == len(ours.contestants) == 3
    for reg in theirs.registrations:
        mine = by_key[str(reg.registration_id)]
        assert (mine.station, mine.status, mine.theory) == (reg.station_no, reg.status, reg.theory)
        expected = {
            code: sorted(
                (
                    m.judge_username,
                    deduction_points(aspect[code], m.value)
                    if aspect[code].kind == "D"
                    else m.value,
                    m.trainee,
                )
                for m in ms
            )
            for code, ms in reg.marks.items()
        }
        got = {code: sorted(tuple(m) for m in ms) for code, ms in mine.marks.items()}
        assert got == expected
    assert [a.code for a in ours.aspects] == [a.code for a in theirs.aspects]


def test_fast_loader_reads_exactly_the_stored_marks_on_each_backend(any_db: Database) -> None:
    """The loader reads score rows straight from the driver's cursor (no ORM objects, shared
    ``Mark`` tuples): on SQLite and PostgreSQL it must give, mark for mark, what the ORM reads
    from the same rows (seeded random values, two decimals, trainee marks, deductions as
    capped points, judges who skipped aspects, a contestant with no marks at all)."""
    import random

    from sqlalchemy import select

    from kmjudge.db.models import Aspect, Registration, Score, User

    rng = random.Random(20260919)
    admin = make_admin(any_db)
    ev = ScoredEvent.create(any_db, admin)
    for station in range(1, 13):
        m1 = [D(rng.randrange(0, 81)) / 2 for _ in range(5)]  # steps of 0.5 up to 40
        j1: list[object] = [rng.randrange(0, 4) for _ in range(5)]
        if station % 4 == 0:
            j1[rng.randrange(5)] = None  # a judge who did not mark it
        m2 = [rng.randrange(0, 31) for _ in range(5)]
        d1 = [rng.choice([0, 0, 1, 2, 3]) for _ in range(5)]
        trainee = {"J1": rng.randrange(0, 4)} if station % 3 == 0 else None
        ev.add(
            station,
            marks=marks(m1, j1, m2, d1),
            theory=rng.randrange(40, 100),
            trainee_marks=trainee,
        )
    ev.add(13, theory=77)  # registered, nothing marked
    loaded = load_event(any_db, ev.event_id).inputs
    with any_db.read() as s:
        judge = {u.id: u.username for u in s.scalars(select(User))}
        aspect = {a.id: a for a in s.scalars(select(Aspect))}
        expected: dict[str, dict[str, list[tuple[str, D, bool]]]] = {}
        for sc in s.scalars(select(Score).where(Score.event_id == ev.event_id)):
            a = aspect[sc.aspect_id]
            value = sc.value
            if a.kind == "D":
                value = min(value * a.max_mark, a.cap) if a.cap is not None else value * a.max_mark
            expected.setdefault(str(sc.registration_id), {}).setdefault(a.code, []).append(
                (judge[sc.judge_id], value, sc.trainee)
            )
        regs = {str(r.id) for r in s.scalars(select(Registration))}
    assert {c.key for c in loaded.contestants} == regs
    n_marks = 0
    for c in loaded.contestants:
        got = {code: sorted(tuple(m) for m in ms) for code, ms in c.marks.items()}
        assert got == {code: sorted(v) for code, v in expected.get(c.key, {}).items()}
        for ms in c.marks.values():
            for m in ms:
                assert type(m.value) is D and type(m.trainee) is bool and type(m.judge) is str
                n_marks += 1
    assert n_marks == sum(len(v) for e in expected.values() for v in e.values()) > 200
    assert loaded.contestants[-1].station == 13 and loaded.contestants[-1].marks == {}


def test_an_event_without_any_mark_loads_on_each_backend(any_db: Database) -> None:
    """Before marking starts there are no score rows at all: the loader's cursor path returns
    contestants without marks (incomplete, not an error)."""
    ev = ScoredEvent.create(any_db, make_admin(any_db))
    ev.add(1, theory=80)
    loaded = load_event(any_db, ev.event_id)
    assert [c.marks for c in loaded.inputs.contestants] == [{}] and loaded.judges == {}
    assert compute(loaded.inputs).rows[0].state == "incomplete"
