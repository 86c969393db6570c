"""Kill-harness operations of the judging room: paper double entry by the score clerks, and
the chief judge's actions (override, recheck, appeal decisions, locks).

Both run on the judging tests' venue (tests/judging/conftest.py), built once per session.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Appeal,
    Aspect,
    AuditEntry,
    Criterion,
    Event,
    Recheck,
    Registration,
    Score,
    ScoreSheet,
    SheetEntry,
    User,
)
from kmjudge.judging import paper, recheck
from tests.judging import conftest as judging_venue
from tests.reliability.harness import KillOperation, Template
from tests.reliability.operations import _finish, _template_db, check_marks_audited, check_scores

# --------------------------------------------------------------------------- paper double entry

PAPER_STATIONS = 24
#: what the paper says, per aspect, chosen by (sheet number + station)
PAPER_VALUES = {
    "A1.1": ["10", "0"],
    "A1.2": ["8.5", "7", "9.5", "10"],
    "A1.3": ["0", "1"],
    "B1.1": ["40", "33", "47"],
    "B1.2": ["2", "1", "3", "0"],
}


def _cell(key: str) -> tuple[int, str]:
    station, aspect = key.split("|")
    return int(station), aspect


def build_paper(folder: Path) -> Template:
    """24 stations; a sheet per judge (j1-j3 and the trainee), criterion and two stations
    (96 sheets). Every third sheet's second pass differs from the first in one cell; half of
    those are settled by a third clerk's blind entry, half by the chief judge."""
    db_path, home, db = _template_db(folder, "paper.sqlite3")
    v = judging_venue.build_venue(db, folder, n=PAPER_STATIONS)
    infos = []
    for crit in ("A", "B"):
        infos += paper.create_sheets_for(
            db, v.chief, v.event_id, ["j1", "j2", "j3", "tj"], None, crit, per_sheet=2
        )
    sheets = []
    for n, info in enumerate(infos):
        layout = paper.sheet_layout(db, v.chief, info.code)
        pass1 = {
            f"{st}|{a.code}": PAPER_VALUES[a.code][(n + st) % len(PAPER_VALUES[a.code])]
            for st in layout.stations
            for a in layout.aspects
            if (st, a.code) not in layout.blocked
        }
        pass2 = dict(pass1)
        if n % 3 == 0:
            first = next(iter(pass1))
            values = PAPER_VALUES[_cell(first)[1]]
            pass2[first] = values[(values.index(pass1[first]) + 1) % len(values)]
        sheets.append(
            {
                "code": info.code,
                "judge": info.judge_username,
                "pass1": pass1,
                "pass2": pass2,
                "differs": sorted(k for k in pass1 if pass1[k] != pass2[k]),
                "resolve": "third" if n % 2 else "decide",
            }
        )
    return _finish(db, db_path, home, {"event_id": str(v.event_id), "sheets": sheets})


PAPER_CHILD = """
from kmjudge.judging import paper
ev = uuid.UUID(ctx["event_id"])
c1, c2, c3, chief = actor("clerk1"), actor("clerk2"), actor("clerk3"), actor("chief")
def cells(plan):
    return {(int(k.split("|")[0]), k.split("|")[1]): v for k, v in plan.items()}
ready()
start = rnd * 7 % len(ctx["sheets"])  # each child starts elsewhere (a clerk picks any sheet)
for sh in ctx["sheets"][start:] + ctx["sheets"][:start]:
    code = sh["code"]
    if not paper.open_sheet(db, c1, code).my_values:  # pass 1 by clerk1
        r = paper.enter_sheet_values(db, c1, code, 1, cells(sh["pass1"]))
        confirm(kind="pass", code=code, pass_no=1, confirmed=r.confirmed)
    if not paper.open_sheet(db, c2, code).my_values:  # blind pass 2 by clerk2
        r = paper.enter_sheet_values(db, c2, code, 2, cells(sh["pass2"]))
        confirm(kind="pass", code=code, pass_no=2, confirmed=r.confirmed,
                differing=[f"{st}|{a}" for st, a in r.differing])
    if not sh["differs"]:
        continue
    for d in paper.sheet_differences(db, chief, ev):
        if d.code != code:
            continue
        k = f"{d.station_no}|{d.aspect_code}"
        if sh["resolve"] == "third":  # a third clerk types the cell blind: it matches pass 1
            got = paper.resolve_difference(db, c3, code, d.station_no, d.aspect_code,
                                           sh["pass1"][k])
        else:  # the chief judge decides, with a reason
            got = paper.resolve_difference(db, chief, code, d.station_no, d.aspect_code,
                                           sh["pass2"][k], reason="对照原始评分表裁定")
        confirm(kind=sh["resolve"], code=code, cell=k, value=str(got.value),
                version=got.version)
"""


def check_paper(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Each typed pass is in whole (every cell of the paper, by its clerk) with its one audit
    entry, or not at all; a confirmed pass or settlement is there. A cell becomes a mark
    exactly when both passes agree (entered by clerk1, confirmed by clerk2) or a confirmed
    third entry / decision settled it: no mark half-confirmed, no agreeing pair without its
    mark. Every mark's versions have their audit entries."""
    plan = {sh["code"]: sh for sh in ctx["sheets"]}
    with db.read() as s:
        users = {u.username: u.id for u in s.scalars(select(User))}
        sheets = {sh.id: (sh.code, sh.judge_id) for sh in s.scalars(select(ScoreSheet))}
        station = {r: st for r, st in s.execute(select(Registration.id, Registration.station_no))}
        aspect = {a: code for a, code in s.execute(select(Aspect.id, Aspect.code))}
        passes: dict[tuple[str, int], dict[str, tuple[Decimal, uuid.UUID]]] = defaultdict(dict)
        for e in s.scalars(select(SheetEntry)):
            key = f"{station[e.registration_id]}|{aspect[e.aspect_id]}"
            passes[(sheets[e.sheet_id][0], e.pass_no)][key] = (e.value, e.clerk_id)
        entered = Counter(
            (a["code"], a["pass"])
            for a in s.scalars(select(AuditEntry.after).where(AuditEntry.action == "paper.enter"))
        )
        settled = {
            (a["code"], f"{a['station']}|{a['aspect']}"): a
            for a in s.scalars(
                select(AuditEntry.after).where(
                    AuditEntry.action.in_(("paper.third_entry", "paper.decide"))
                )
            )
        }
        marks = {
            (sc.judge_id, f"{station[sc.registration_id]}|{aspect[sc.aspect_id]}"): sc
            for sc in s.scalars(select(Score))
        }
    clerk = {1: users["clerk1"], 2: users["clerk2"]}
    for (code, pass_no), cells in passes.items():
        if pass_no == 3:
            continue
        want = plan[code][f"pass{pass_no}"]
        got = {k: str(v) for k, (v, _c) in cells.items()}
        assert got == {k: str(Decimal(v)) for k, v in want.items()}, f"{code} pass {pass_no} half"
        assert {c for _v, c in cells.values()} == {clerk[pass_no]}, f"{code} pass {pass_no} clerk"
        assert entered[(code, pass_no)] == 1, f"{code} pass {pass_no}: audit {entered}"
    for (code, pass_no), n in entered.items():
        assert n == 1 and (code, pass_no) in passes, f"{code} pass {pass_no} audited, not stored"
    for c in confirmed:
        if c["kind"] == "pass":
            assert (c["code"], c["pass_no"]) in passes, f"confirmed pass lost: {c}"
        else:
            assert (c["code"], c["cell"]) in settled, f"confirmed settlement lost: {c}"
    judge_of = {code: judge for code, judge in sheets.values()}
    paper_marks = {k for k, sc in marks.items() if sc.source == "paper"}
    expected: set[tuple[uuid.UUID, str]] = set()
    for code, sh in plan.items():
        p1, p2 = passes.get((code, 1), {}), passes.get((code, 2), {})
        for key in sh["pass1"]:
            if key not in p1 or key not in p2:
                continue
            mark_key = (judge_of[code], key)
            mark = marks.get(mark_key)
            if p1[key][0] == p2[key][0]:
                assert mark is not None, f"{code} {key}: both passes agree but no mark"
                assert (mark.value, mark.status) == (p1[key][0], "confirmed"), (code, key)
                assert (mark.entered_by, mark.confirmed_by) == (clerk[1], clerk[2]), (code, key)
            elif (code, key) in settled:
                how = settled[(code, key)]
                assert mark is not None, f"{code} {key}: settled but no mark"
                if "decided" in how:
                    want_mark = (Decimal(how["decided"]), "corrected", users["chief"])
                else:
                    want_mark = (Decimal(how["value"]), "confirmed", users["clerk3"])
                assert (mark.value, mark.status, mark.confirmed_by) == want_mark, (code, key)
            else:
                assert mark_key not in paper_marks, f"{code} {key}: passes differ, yet a mark"
                continue
            expected.add(mark_key)
    assert paper_marks == expected, f"marks without their passes: {paper_marks - expected}"
    check_marks_audited(db)


PAPER_ENTRY = KillOperation("paper_entry", build_paper, PAPER_CHILD, check_paper, window_s=1.0)


# --------------------------------------------------------------------------- chief judge


def build_chief(folder: Path) -> Template:
    """The 6-station venue with every mark in (all judges agree), the recheck sample drawn
    (all six: the top 10) and rechecked once: ready to lock."""
    db_path, home, db = _template_db(folder, "chief.sqlite3")
    v = judging_venue.build_venue(db, folder)
    v.fill()
    ranks = {v.registration(i).id: i for i in range(1, 7)}
    drawn = recheck.recheck_sample(db, v.chief, v.event_id, ranks)
    for item in drawn.items:
        assert item.station_no is not None
        recheck.record_recheck(db, v.chief, v.event_id, item.station_no, False, "复核 初查")
    return _finish(db, db_path, home, {"event_id": str(v.event_id)})


CHIEF_CHILD = """
from datetime import datetime
from kmjudge.judging import appeals, entry, lock, recheck, review
ev = uuid.UUID(ctx["event_id"])
chief, j1 = actor("chief"), actor("j1")
HANDED_IN = datetime(2026, 10, 20, 18, 0)  # within 2 hours of the event's end
def tidy():  # what a killed predecessor left half-way: unlock, decide, override
    desk = review.desk_choices(db, chief, ev)
    for code, _title, locked in desk.criteria:
        if locked:
            lock.unlock_criterion(db, chief, ev, code, "2580", f"续 {rnd}")
            confirm(kind="unlock", what=f"criterion:{code}")
    if review.desk_choices(db, chief, ev).event_locked:
        lock.unlock_event(db, chief, ev, "2580", f"续 {rnd}")
        confirm(kind="unlock", what="event")
    for a in appeals.list_appeals(db, chief, ev):
        if a.outcome == "pending":
            d = appeals.decide_appeal(db, chief, a.id, "rejected", f"驳回 {rnd}-x")
            confirm(kind="decide", id=str(d.id), outcome=d.outcome, decision=d.decision)
    for f in review.spread_flags(db, chief, ev):
        review.override(db, chief, ev, f.station_no, f.aspect_code, f"裁定 {rnd}-x{f.station_no}")
ready()
tidy()
k = 0
while True:
    st = (rnd + k) % 6 + 1
    # j1 marks the judgement aspect 0 while the others gave 2: the panel is flagged
    panel = review.panel_marks(db, chief, ev, st, "B1.2")
    mine = next(m for m in panel.marks if m.judge_username == "j1")
    got = entry.enter_score(db, j1, ev, st, "B1.2", "0", mine.version)
    confirm(kind="mark", judge="j1", station=st, aspect="B1.2", value=str(got.value),
            version=got.version)
    reason = f"裁定 {rnd}-{k}"
    flag = review.override(db, chief, ev, st, "B1.2", reason)
    confirm(kind="override", station=st, reason=reason,
            versions={p.judge_username: p.version for p in flag.values})
    note = f"复核 {rnd}-{k}"
    recheck.record_recheck(db, chief, ev, st, False, note)
    confirm(kind="recheck", station=st, note=note)
    a = appeals.submit_appeal(db, chief, ev, f"申诉 {rnd}-{k}：对评分有异议", "选手本人", st,
                              now=HANDED_IN)
    confirm(kind="appeal", id=str(a.id), text=a.text)
    d = appeals.decide_appeal(db, chief, a.id, "rejected", f"驳回 {rnd}-{k}")
    confirm(kind="decide", id=str(d.id), outcome=d.outcome, decision=d.decision)
    if k % 2:
        lock.lock_event(db, chief, ev)
        confirm(kind="lock", what="event")
        for code in ("A", "B"):  # A's unlock unlocks the event too
            lock.unlock_criterion(db, chief, ev, code, "2580", f"解锁 {rnd}-{k}")
            confirm(kind="unlock", what=f"criterion:{code}")
    else:
        lock.lock_criterion(db, chief, ev, "A")
        confirm(kind="lock", what="criterion:A")
        lock.unlock_criterion(db, chief, ev, "A", "2580", f"解锁 {rnd}-{k}")
        confirm(kind="unlock", what="criterion:A")
    k += 1
"""


def _order(text: str) -> tuple[int, int]:
    """'复核 3-12' -> (3, 12): which child (round) and which of its steps wrote it."""
    found = re.search(r"(\d+)-(\d+)$", text)
    return (int(found.group(1)), int(found.group(2))) if found else (-1, -1)


def check_chief(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """Every confirmed mark, override, recheck, appeal, decision, lock and unlock is there
    with its audit entry; an override is whole (each panel mark accepted with the reason and
    its own entry); the recheck rows say what their newest entry says; an appeal is decided
    exactly when a decision entry exists; every criterion's and the event's lock state is
    what the lock entries, replayed, say (a lock is complete or absent)."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in confirmed:
        by_kind[c["kind"]].append(c)
    check_scores(db, by_kind["mark"], ctx)  # marks + every version audited
    ev_id = uuid.UUID(ctx["event_id"])
    with db.read() as s:
        users = {u.id: u.username for u in s.scalars(select(User))}
        station = {r: st for r, st in s.execute(select(Registration.id, Registration.station_no))}
        b12 = s.scalar(select(Aspect.id).where(Aspect.event_id == ev_id, Aspect.code == "B1.2"))
        panel = {
            (station[sc.registration_id], users[sc.judge_id]): sc
            for sc in s.scalars(select(Score).where(Score.aspect_id == b12))
        }
        entries = s.execute(
            select(AuditEntry.seq, AuditEntry.action, AuditEntry.entity_id, AuditEntry.after)
            .where(AuditEntry.event_id == ev_id)
            .order_by(AuditEntry.seq)
        ).all()
        rechecks = {station[r.registration_id]: r for r in s.scalars(select(Recheck))}
        appeal_rows = {str(a.id): a for a in s.scalars(select(Appeal))}
        crits = {c.code: c for c in s.scalars(select(Criterion).where(Criterion.event_id == ev_id))}
        event = s.get(Event, ev_id)
        assert event is not None
        crit_locked = {code: c.locked_at is not None for code, c in crits.items()}
        event_locked = event.locked_at is not None
    acts: dict[str, list[Any]] = defaultdict(list)
    for e in entries:
        acts[e.action].append(e)
    accepted = Counter(e.after["reason"] for e in acts["score.accept"])
    overrides = {e.after["reason"] for e in acts["score.override"]}
    for reason in overrides:  # an override is whole: one accept entry per counting mark
        assert accepted[reason] == 3, f"override {reason!r}: {accepted[reason]} marks accepted"
    assert set(accepted) <= overrides, "marks accepted without their override entry"
    for c in by_kind["override"]:
        assert c["reason"] in overrides, f"confirmed override lost: {c}"
        for judge, version in c["versions"].items():
            mark = panel[(c["station"], judge)]
            assert mark.version >= version, f"{c}: {judge} at v{mark.version}"
            if mark.version == version:
                assert (mark.status, mark.override_reason) == ("accepted", c["reason"]), c
    newest_note: dict[int, str] = {}
    for e in acts["recheck.record"]:
        newest_note[e.after["station"]] = e.after["note"]
    for st, row in rechecks.items():
        assert row.note == newest_note.get(st, row.note), f"recheck {st}: {row.note!r}"
        assert row.checked_at is not None, f"recheck {st} unchecked"
    for c in by_kind["recheck"]:
        assert c["note"] in {e.after["note"] for e in acts["recheck.record"]}, f"lost: {c}"
        assert _order(rechecks[c["station"]].note) >= _order(c["note"]), f"recheck {c} undone"
    submitted = {e.entity_id for e in acts["appeal.submit"]}
    decided = {e.entity_id: e.after for e in acts["appeal.decide"]}
    for aid, row in appeal_rows.items():
        assert aid in submitted, f"appeal {aid} without its audit entry"
        if row.outcome == "pending":
            assert aid not in decided, f"appeal {aid}: decision audited, not stored"
        else:
            assert decided.get(aid) == {"outcome": row.outcome, "decision": row.decision}, aid
    for c in by_kind["appeal"]:
        assert c["id"] in appeal_rows and appeal_rows[c["id"]].text == c["text"], f"lost: {c}"
    for c in by_kind["decide"]:
        row = appeal_rows.get(c["id"])
        assert row is not None and (row.outcome, row.decision) == (c["outcome"], c["decision"]), c
    # locks: replay the lock entries in order; the rows must say the same
    want_crit = {code: False for code in crits}
    want_event = False
    for e in entries:
        if e.action == "judging.lock_criterion":
            want_crit[e.after["criterion"]] = True
        elif e.action == "judging.lock_event":
            want_event = True
            for code in e.after["criteria_locked"]:
                want_crit[code] = True
        elif e.action == "judging.unlock_criterion":
            want_crit[e.after["criterion"]] = False
            want_event = False
        elif e.action == "judging.unlock_event":
            want_event = False
    assert crit_locked == want_crit, f"criteria locked {crit_locked}, entries say {want_crit}"
    assert event_locked == want_event, f"event locked {event_locked}, entries say {want_event}"
    assert not event_locked or all(crit_locked.values()), "event locked, a criterion not"
    done = Counter((c["kind"], c["what"]) for c in confirmed if c["kind"] in ("lock", "unlock"))
    audited = Counter(
        {
            ("lock", "event"): len(acts["judging.lock_event"]),
            ("unlock", "event"): len(acts["judging.unlock_event"]),
            **{
                (kind, f"criterion:{code}"): sum(
                    1 for e in acts[f"judging.{kind}_criterion"] if e.after["criterion"] == code
                )
                for kind in ("lock", "unlock")
                for code in crits
            },
        }
    )
    for what, n in done.items():
        assert audited[what] >= n, f"{n} confirmed {what}, {audited[what]} audited"


CHIEF_ACTIONS = KillOperation("chief_actions", build_chief, CHIEF_CHILD, check_chief, window_s=1.0)

JUDGING_OPERATIONS = [PAPER_ENTRY, CHIEF_ACTIONS]
