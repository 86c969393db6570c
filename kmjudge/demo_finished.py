"""The demo's finished event: yesterday's 电工（高级工）, marked by all five judges, not locked.

It is there so that a newcomer can see results at once: sign in as the chief judge, look at the
provisional results (stations only), lock the event (names appear), release, and watch the big
screen. Everything is generated from a fixed seed, so every demo database holds the same marks
and ``docs/scoring.md`` ("the demo's finished event") can work some of them out by hand.

What the day looked like: 23 registered, 2 did not come (缺考), 1 checked in and withdrew
(退赛, no marks), 20 marked by judge1..judge5 on a compact PLC scheme (measurement, judgement
and deduction aspects) and given a theory score. On purpose:

* stations at ranks 2 and 3 have **exactly the same total** and are separated by the tie-break
  chain (higher practical first) -- the last 一等奖 place against the first 二等奖 place;
* the two stations at rank 6 are **tied outright** (the same marks in a different judge order,
  the same theory, no completion time) on the last 二等奖 place: both get 二等奖;
* one judgement panel is spread 2 grades (limit 1) and the chief judge overrode it with a
  written reason (``kmjudge.judging.review.override``); trim1 drops the outlying grade anyway;
* the recheck (复核: top 10 + 15 %) was drawn (``kmjudge.judging.recheck.recheck_sample``) and
  done without errors, so nothing blocks the lock.

Speed: this runs on every first ``--demo`` start, so the marks, check-ins and theory scores go
in as Core bulk inserts in one transaction with one audit entry summarising them (about 1,100
scores), not as a thousand audited single writes; the override and the recheck draw go through
the judging services (one audited write each).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor
from kmjudge.clock import iso_utc, utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Aspect,
    AuditEntry,
    Base,
    CheckIn,
    Contestant,
    Criterion,
    Device,
    Event,
    JudgeAssignment,
    Recheck,
    Registration,
    Score,
    Setting,
    TheoryScore,
    User,
)
from kmjudge.ids import new_id
from kmjudge.results.engine import compute
from kmjudge.results.model import (
    AspectDef,
    AwardRules,
    ContestantInput,
    EventInputs,
    EventRules,
    Mark,
    ResultSet,
)
from kmjudge.setupfile import EventSpec

SEED = 20260918
JUDGES = ("judge1", "judge2", "judge3", "judge4", "judge5")
#: 23 registered: 20 marked, 2 absent, 1 withdrawn
N_REGISTERED = 23
ABSENT = 2
WITHDRAWN = 1
OVERRIDE_REASON = "裁判长复看作品：各裁判评分均有依据，维持原评分（去掉最高最低后不影响得分）"

D = Decimal


def _aspect(code: str, title: str, kind: str, max_mark: Any, **more: Any) -> dict[str, Any]:
    return {"code": code, "title": title, "kind": kind, "max_mark": max_mark, **more}


#: 电工（高级工）PLC 控制系统安装与调试: M + J = 100 (4+2+20+10+12 + 10+30+6+6), two deductions.
SCHEME: dict[str, Any] = {
    "title": "电工（高级工）实操评分标准：PLC 控制系统安装与调试",
    "spread_limit": 1,
    "default_panel_rule": "mean",
    "criteria": [
        {
            "code": "A",
            "title": "安全文明生产",
            "subcriteria": [
                {
                    "code": "A1",
                    "title": "安全防护与文明生产",
                    "aspects": [
                        _aspect("A1.1", "劳动防护用品穿戴齐全，作业前验电", "M", 4,
                                all_or_nothing=True),
                        _aspect("A1.2", "工位整洁，工具材料摆放有序", "M", 2, step=0.5),
                    ],
                },
                {
                    "code": "A2",
                    "title": "违规扣分",
                    "aspects": [
                        _aspect("A2.1", "违反安全操作规程（带电接线、未经允许通电）", "D", 5,
                                cap=10),
                        _aspect("A2.2", "损坏元器件或仪表", "D", 2, cap=4),
                    ],
                },
            ],
        },
        {
            "code": "B",
            "title": "电气线路安装",
            "subcriteria": [
                {
                    "code": "B1",
                    "title": "主电路与控制电路",
                    "aspects": [
                        _aspect("B1.1", "按图接线正确（主电路、控制电路、PLC 输入输出）", "M",
                                20, step=1),
                        _aspect("B1.2", "导线压接牢固，线号标注清晰", "M", 10, step=0.5),
                        _aspect("B1.3", "布线工艺：横平竖直、整齐美观", "J", 12,
                                panel_rule="trim1"),
                    ],
                }
            ],
        },
        {
            "code": "C",
            "title": "PLC 编程与调试",
            "subcriteria": [
                {
                    "code": "C1",
                    "title": "编程与通电调试",
                    "aspects": [
                        _aspect("C1.1", "I/O 分配表与外部接线图正确", "M", 10, step=1),
                        _aspect("C1.2", "程序功能：按控制要求逐项测试", "M", 30, step=2,
                                panel_rule="median"),
                        _aspect("C1.3", "调试过程规范、有序", "J", 6, panel_rule="trim1"),
                        _aspect("C1.4", "在规定时间（150 分钟）内完成", "M", 6,
                                all_or_nothing=True),
                    ],
                }
            ],
        },
    ],
}  # fmt: skip


def event_name(today: date) -> str:
    return f"{today.year}年昆明市职工职业技能竞赛（电工·高级工）"


def setup_event(day: date) -> dict[str, Any]:
    """The set-up file entry of the finished event (``day`` = yesterday)."""
    d = day.isoformat()
    return {
        "name": event_name(day + timedelta(days=1)),
        "trade": "电工",
        "trade_code": "6-31-01-03",
        "trade_grade": "三级/高级工",
        "level": "city",
        "organiser": "昆明市总工会、昆明市人力资源和社会保障局",
        "venue": "昆明市职业技能鉴定中心实训楼",
        "start": f"{d}T08:30:00",
        "end": f"{d}T17:30:00",
        "checkin_opens": f"{d}T07:30:00",
        "checkin_closes": f"{d}T08:30:00",
        "theory_weight": 30,
        "practical_weight": 70,
        "pass_mark": 60,
        "ranking_groups": "all",
        "award": {"mode": "ratio", "first": 10, "second": 20, "third": 30},
        "judges_per_panel": 5,
        "scheme": SCHEME,
    }


# --------------------------------------------------------------------------- the marks


@dataclass
class Entrant:
    """One marked contestant as generated: values per aspect, one per judge (judge1..5)."""

    marks: dict[str, list[Decimal]]
    theory: Decimal
    completion: int | None = None
    role: str = ""
    flags: list[str] = field(default_factory=list)


def _q(value: float, step: Decimal, top: Decimal) -> Decimal:
    """``value`` on the aspect's step, within 0..top, written as a judge would ("9", "8.5")."""
    steps = round(value / float(step))
    return _plain(min(top, max(D(0), step * steps)))


def _plain(value: Decimal) -> Decimal:
    return value.quantize(D(1)) if value == value.to_integral_value() else value.normalize()


def _generate(rng: random.Random, aspects: list[AspectDef], step: dict[str, Decimal]) -> Entrant:
    skill = 0.56 + 0.4 * rng.random()
    marks: dict[str, list[Decimal]] = {}
    for a in aspects:
        mx = a.max_mark
        if a.kind == "D":
            # most never break a rule; now and then one judge sees what others missed
            seen = 1 if rng.random() < (0.12 if a.code == "A2.1" else 0.15) else 0
            marks[a.code] = [D(seen if rng.random() < 0.85 else 0) for _ in JUDGES]
        elif a.kind == "J":
            grade = min(2, max(0, int(skill * 3.4 - 0.9 + rng.random())))
            marks[a.code] = [D(grade + (1 if rng.random() < 0.45 else 0)) for _ in JUDGES]
        elif step[a.code] == 0:  # all or nothing: judges agree
            got = rng.random() < (0.45 + skill * 0.5)
            marks[a.code] = [mx if got else D(0) for _ in JUDGES]
        else:
            centre = float(mx) * min(1.0, skill + (rng.random() - 0.5) * 0.2)
            unit = step[a.code]
            base = _q(centre, unit, mx)
            marks[a.code] = [
                _q(float(base) + float(unit) * rng.choice((-1, 0, 0, 0, 1)), unit, mx)
                for _ in JUDGES
            ]
    theory = _q(40 + 58 * (0.7 * skill + 0.3 * rng.random()), D("0.5"), D(99))
    done_early = marks["C1.4"][0] > 0 and skill > 0.7 and rng.random() < 0.7
    return Entrant(marks, theory, rng.randrange(7200, 8700, 60) if done_early else None)


def _permuted(rng: random.Random, marks: dict[str, list[Decimal]]) -> dict[str, list[Decimal]]:
    """The same values per aspect, given by the judges in another order."""
    out = {}
    for code, values in marks.items():
        vs = list(values)
        rng.shuffle(vs)
        out[code] = vs
    return out


def _inputs(
    aspects: tuple[AspectDef, ...], entrants: list[Entrant], base: EventInputs
) -> EventInputs:
    by_code = {a.code: a for a in aspects}
    people = []
    for i, e in enumerate(entrants):
        marks = {}
        for code, values in e.marks.items():
            a = by_code[code]
            if a.kind == "D":  # occurrences -> points (capped), as the loader does
                pts = [v * a.max_mark for v in values]
                values = [min(x, a.cap) for x in pts] if a.cap is not None else pts
            marks[code] = tuple(Mark(j, v) for j, v in zip(JUDGES, values, strict=True))
        people.append(
            ContestantInput(
                key=str(i),
                station=i + 1,
                theory=e.theory,
                marks=marks,
                completion_seconds=e.completion,
            )
        )
    return EventInputs(base.rules, aspects, tuple(people))


def _order(res: ResultSet) -> list[int]:
    return [int(r.key) for r in res.ranked]


def design(
    base: EventInputs, step: dict[str, Decimal], n: int = N_REGISTERED - ABSENT - WITHDRAWN
) -> tuple[list[Entrant], list[int]]:
    """The 20 marked contestants, best first, with the ties and the spread built in, and their
    ranks.

    Deterministic (``SEED``). Raises ``RuntimeError`` if the seeded draw cannot be shaped as
    documented (it can: the demo tests check every number).
    """
    rng = random.Random(SEED)
    aspects = base.aspects
    entrants = [_generate(rng, list(aspects), step) for _ in range(n)]
    entrants = [entrants[i] for i in _order(compute(_inputs(aspects, entrants, base)))]

    # ranks 2 and 3: the same total, split by the tie-break chain (practical first)
    first = entrants[1]
    first.theory = min(first.theory, D("90.5"))
    b_marks = _permuted(rng, first.marks)
    # practical 1.5 lower: B1.2 (mean) -1.1 = five judges -5.5; C1.1 (mean) -0.4 = -2
    for code, deltas in (
        ("B1.2", ("1", "1", "1.5", "1", "1")),
        ("C1.1", ("1", "0", "0", "1", "0")),
    ):
        b_marks[code] = [
            _plain(max(D(0), v - D(d))) for v, d in zip(b_marks[code], deltas, strict=True)
        ]
    entrants[2] = Entrant(b_marks, first.theory + D("3.5"), None, role="chain_second")
    first.role = "chain_first"
    # rank 6, twice: the same values in another judge order, the same theory, no time recorded
    x = entrants[5]
    x.completion = None
    entrants[6] = Entrant(_permuted(rng, x.marks), x.theory, None, role="twin")
    x.role = "twin"
    entrants[0].role = "winner"

    # one judgement panel spread 2 grades: raise the highest grade of a mid-table panel by one
    # (or lower the lowest); trim1 drops that grade, so the mark does not change
    for e in entrants[9:]:
        for code in ("C1.3", "B1.3"):
            g = e.marks[code]
            lo, hi = min(g), max(g)
            if hi - lo == 1 and hi <= 2:
                g[g.index(hi)] = hi + 1
            elif hi - lo == 1 and lo >= 1:
                g[g.index(lo)] = lo - 1
            else:
                continue
            e.flags.append(code)
            break
        if e.flags:
            break

    final = compute(_inputs(aspects, entrants, base))
    ranks = [r.rank for r in final.ranked]
    keys = [int(r.key) for r in final.ranked]
    shaped = (
        ranks == [1, 2, 3, 4, 5, 6, 6, *range(8, n + 1)]
        and keys[:5] == [0, 1, 2, 3, 4]
        and set(keys[5:7]) == {5, 6}
        and final.ranked[1].score.total == final.ranked[2].score.total
        and sum(len(e.flags) for e in entrants) == 1
    )
    if not shaped:
        raise RuntimeError(f"demo marks do not have the documented shape: ranks {ranks}")
    return [entrants[int(r.key)] for r in final.ranked], [r.rank or 0 for r in final.ranked]


# --------------------------------------------------------------------------- the database


def _utc(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    """Local wall-clock time on ``day`` as the naive UTC the database stores."""
    return datetime.combine(day, time(hh, mm, ss)).astimezone(UTC).replace(tzinfo=None)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


@dataclass
class _Entry:
    """An audit entry's fields, for ``audit.entry_hash`` (which reads them as attributes)."""

    device_id: uuid.UUID
    seq: int
    at: str
    user_id: uuid.UUID | None
    username: str
    action: str
    entity: str
    entity_id: str
    event_id: uuid.UUID | None
    before: Any
    after: Any
    prev_hash: str


_Item = tuple[tuple[uuid.UUID, str], str, str, dict[str, Any]]


def _audit_rows(s: Session, db: Database, event_id: uuid.UUID, items: list[_Item]) -> int:
    """Append one chain entry per ((user id, username), action, entity, after) in this
    transaction (``after["_id"]`` is the entity id).

    What ``audit.record`` does once per call, done for a thousand generated rows at once: the
    same hash (``audit.entry_hash``) and device signature, one device-row update and one bulk
    insert instead of a query and an ORM object per entry. ``after`` must be plain JSON
    (text, numbers, booleans), so what is hashed is exactly what is stored. ``kmjudge audit
    verify`` then finds every generated mark and check-in in the chain, like real ones.
    """
    s.flush()  # entries recorded earlier in this transaction come first
    dev = s.scalar(select(Device).where(Device.id == db.device.id).with_for_update())
    assert dev is not None
    at = iso_utc(utcnow())
    seq, head = dev.audit_seq, dev.audit_head
    rows: list[dict[str, Any]] = []
    for (user_id, username), action, entity, after in items:
        seq += 1
        e = _Entry(
            dev.id, seq, at, user_id, username, action, entity,
            str(after.pop("_id")), event_id, None, after, head,
        )  # fmt: skip
        head = audit.entry_hash(cast(AuditEntry, e))
        row = dict(e.__dict__)
        row.update(hash=head, signature=db.device.sign(bytes.fromhex(head)))
        rows.append(row)
    s.connection().execute(insert(_table(AuditEntry)), rows)
    dev.audit_seq, dev.audit_head = seq, head
    return len(rows)


def base_inputs(spec: EventSpec) -> tuple[EventInputs, dict[str, Decimal]]:
    """The engine's view of the set-up (aspects in scheme order, rules), and each aspect's
    step (0 = all or nothing), before anything is in the database."""
    aspects = tuple(
        AspectDef(
            key=a.code,
            code=a.code,
            kind=a.kind,
            max_mark=a.max_mark,
            panel_rule=a.panel_rule,
            cap=a.cap,
            title=a.title,
            criterion=c.code,
            criterion_title=c.title,
        )
        for c, _sub, a in spec.scheme.aspects()
    )
    steps = {
        a.code: D(0) if a.all_or_nothing or a.step is None else a.step
        for _c, _sub, a in spec.scheme.aspects()
    }
    rules = EventRules(
        theory_weight=spec.theory_weight,
        practical_weight=spec.practical_weight,
        pass_mark=spec.pass_mark,
        award=AwardRules.from_json(spec.award.to_dict()),
        tie_break=tuple(spec.tie_break),
        level=spec.level,
    )
    return EventInputs(rules, aspects, ()), steps


def create(db: Database, admin: Actor, chief: Actor, today: date | None = None) -> uuid.UUID:
    """Add the finished event to the demo venue (its competition exists already)."""
    from kmjudge import demo, events
    from kmjudge.judging import common, recheck, review
    from kmjudge.setupfile import parse_setup_dict

    day = (today or date.today()) - timedelta(days=1)
    spec = parse_setup_dict({"competition": demo.competition(), "events": [setup_event(day)]})
    (event_id,) = events.create_from_setup(db, admin, spec)
    base, steps = base_inputs(spec.events[0])
    entrants, ranks = design(base, steps)
    rows = demo.contestant_rows(N_REGISTERED, seed=SEED, exclude=demo.contestant_rows())
    rng = random.Random(SEED + 1)
    # who did not come and who withdrew, at random; stations were drawn at check-in, so the
    # 21 who came hold stations 1..21 in random order (the judges only ever saw these)
    order = list(range(N_REGISTERED))
    rng.shuffle(order)
    absent = set(order[:ABSENT])
    withdrawn = set(order[ABSENT : ABSENT + WITHDRAWN])
    marked = order[ABSENT + WITHDRAWN :]
    came = order[ABSENT:]
    rng.shuffle(came)
    station = {k: n + 1 for n, k in enumerate(came)}
    entrant = dict(zip(marked, entrants, strict=True))
    rank = dict(zip(marked, ranks, strict=True))
    regs = [uuid.uuid4() for _ in rows]
    now = utcnow()
    entries: list[_Item] = []
    with db.write() as s:
        users = {u.username: u.id for u in s.scalars(select(User))}
        who = {name: (uid, name) for name, uid in users.items()}
        aspect_ids = {
            a.code: a.id for a in s.scalars(select(Aspect).where(Aspect.event_id == event_id))
        }
        crit_ids = list(s.scalars(select(Criterion.id).where(Criterion.event_id == event_id)))
        people: list[dict[str, Any]] = []
        reg_rows: list[dict[str, Any]] = []
        checkins: list[dict[str, Any]] = []
        for k, (row, reg_id) in enumerate(zip(rows, regs, strict=True)):
            idn = row["身份证号码"]
            person = uuid.uuid4()
            people.append(
                {
                    "id": person,
                    "id_number": idn,
                    "name": row["姓名"],
                    "gender": "M" if row["性别"] == "男" else "F",
                    "birth_date": date(int(idn[6:10]), int(idn[10:12]), int(idn[12:14])),
                    "phone": row["联系电话"],
                    "employer": row["工作单位"],
                    "district": row["所属区县"],
                    "created_at": now,
                    "updated_at": now,
                }
            )
            status, reason = "checked_in", ""
            if k in absent:
                status, reason = "absent", "检录截止未到"
            elif k in withdrawn:
                status, reason = "withdrawn", "实操开始后身体不适，本人申请退赛"
            e = entrant.get(k)
            reg_rows.append(
                {
                    "id": reg_id,
                    "event_id": event_id,
                    "contestant_id": person,
                    "ticket_no": f"{day.year % 100:02d}{k + 1:04d}",
                    "status": status,
                    "status_reason": reason,
                    "station_no": station.get(k),
                    "employer": row["工作单位"],
                    "district": row["所属区县"],
                    "source": "import",
                    "completion_seconds": e.completion if e else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            if k not in absent:
                when = _utc(day, 7, 40 + k * 2 // 3, (k * 37) % 60)
                checkins.append(
                    {
                        "id": uuid.uuid4(),
                        "registration_id": reg_id,
                        "checked_in_at": when,
                        "device_id": db.device.id,
                        "user_id": users["registrar"],
                        "method": "scan",
                    }
                )
                entries.append(
                    (
                        who["registrar"],
                        "checkin.scan",
                        "registration",
                        {
                            "_id": reg_id,
                            "status": "checked_in",
                            "station": station.get(k),
                            "station_drawn": True,
                            "ticket": reg_rows[-1]["ticket_no"],
                            "serial": 1,
                            "reason": "",
                            "local_time": datetime.combine(day, time(7, 40)).isoformat(),
                        },
                    )
                )
            if k in withdrawn:  # withdrew after the check-in, as checkin.withdraw audits it
                entries.append(
                    (
                        who["admin"],
                        "registration.withdraw",
                        "registration",
                        {"_id": reg_id, "status": status, "reason": reason, "tickets_revoked": 0},
                    )
                )
        # Core inserts on the session's connection: no ORM bookkeeping per row
        conn = s.connection()
        conn.execute(insert(_table(Contestant)), people)
        conn.execute(insert(_table(Registration)), reg_rows)
        conn.execute(insert(_table(CheckIn)), checkins)
        # marking is over; the lock is the chief judge's
        s.execute(update(Event).where(Event.id == event_id).values(status="open"))
        s.execute(
            insert(JudgeAssignment),
            [{"id": uuid.uuid4(), "event_id": event_id, "user_id": users[j]} for j in JUDGES],
        )
        scores: list[dict[str, Any]] = []
        for n, (k, e) in enumerate(entrant.items()):
            for code, values in e.marks.items():
                for j, v in zip(JUDGES, values, strict=True):
                    score_id = new_id()
                    entries.append(
                        (
                            who[j],
                            "score.enter",
                            "score",
                            {
                                "_id": score_id,
                                "station": station[k],
                                "registration": str(regs[k]),
                                "aspect": code,
                                "judge": j,
                                "value": format(v, "f"),
                                "version": 1,
                                "trainee": False,
                                "source": "screen",
                                "status": "entered",
                                "reason": "",
                            },
                        )
                    )
                    scores.append(
                        {
                            "id": score_id,
                            "event_id": event_id,
                            "registration_id": regs[k],
                            "aspect_id": aspect_ids[code],
                            "judge_id": users[j],
                            "value": v,
                            "entered_by": users[j],
                            "entered_at": _utc(day, 10 + n // 4, (n * 7) % 60),
                            "device_id": db.device.id,
                        }
                    )
        conn.execute(insert(_table(Score)), scores)
        s.execute(
            insert(TheoryScore),
            [
                {
                    "id": uuid.uuid4(),
                    "registration_id": regs[k],
                    "value": e.theory,
                    "source": "理论考试成绩.xlsx",
                    "imported_at": _utc(day, 16, 5),
                    "imported_by": users["admin"],
                }
                for k, e in entrant.items()
            ],
        )
        signed = iso_utc(_utc(day, 17, 10))
        s.execute(
            insert(Setting),
            [
                {
                    "key": common.submission_key(crit, users[j]),
                    "value": {
                        "event": str(event_id),
                        "judge": j,
                        "submitted_at": signed,
                        "open": False,
                        "request": None,
                        "history": [{"submitted_at": signed}],
                    },
                }
                for crit in crit_ids
                for j in JUDGES
            ],
        )
        audit.record(
            s,
            db,
            admin,
            "demo.finished_event",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            after={
                "seed": SEED,
                "registered": len(reg_rows),
                "checked_in": len(checkins),
                "absent": sorted(r["ticket_no"] for r in reg_rows if r["status"] == "absent"),
                "withdrawn": [r["ticket_no"] for r in reg_rows if r["status"] == "withdrawn"],
                "scores": len(scores),
                "theory": len(entrant),
                "judges": list(JUDGES),
                "note": "演示数据：昨天已结束的场次（报名、检录、评分、理论成绩由演示程序生成，"
                "随后每条评分与检录各有一条审计记录）",
            },
        )
        _audit_rows(s, db, event_id, entries)
    for k, e in entrant.items():
        for code in e.flags:
            review.override(db, chief, event_id, station[k], code, OVERRIDE_REASON)
    # the recheck draws from the ranking just computed (the same marks; saves a recompute)
    drawn = recheck.recheck_sample(db, chief, event_id, {regs[k]: r for k, r in rank.items()})
    with db.write() as s:
        s.execute(
            update(Recheck)
            .where(Recheck.event_id == event_id)
            .values(checked_at=_utc(day, 18, 20), checked_by=users["chief"], found_error=False)
        )
        audit.record(
            s,
            db,
            chief,
            "demo.recheck_done",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            after={
                "stations": sorted(i.station_no or 0 for i in drawn.items),
                "found_error": 0,
                "note": "演示数据：复核已完成，未发现差错",
            },
        )
    return event_id
