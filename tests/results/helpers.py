"""Build scored events directly through the ORM (the judging services are written in parallel).

``ScoredEvent`` creates an event from an inline set-up (a 4-aspect scheme: M 40 mean, J 30
trim1, M 30 median, D 5/occurrence capped at 10), five counting judges and a trainee, and lets a
test add contestants with their theory score and every judge's marks in one call.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from kmjudge import accounts, events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.db.models import Aspect, Contestant, Event, Registration, Score, TheoryScore, User
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

PIN = "2580"

SCHEME: dict[str, Any] = {
    "title": "测试评分标准",
    "criteria": [
        {
            "code": "A",
            "title": "实操",
            "subcriteria": [
                {
                    "code": "A1",
                    "title": "分项",
                    "aspects": [
                        {"code": "M1", "title": "尺寸", "kind": "M", "max_mark": 40, "step": 0.5},
                        {
                            "code": "J1",
                            "title": "工艺美观",
                            "kind": "J",
                            "max_mark": 30,
                            "panel_rule": "trim1",
                        },
                        {
                            "code": "M2",
                            "title": "功能",
                            "kind": "M",
                            "max_mark": 30,
                            "step": 1,
                            "panel_rule": "median",
                        },
                        {
                            "code": "D1",
                            "title": "安全违规",
                            "kind": "D",
                            "max_mark": 5,
                            "cap": 10,
                        },
                    ],
                }
            ],
        }
    ],
}


def setup_dict(**overrides: Any) -> dict[str, Any]:
    event = {
        "name": "测试电工项目",
        "trade": "电工",
        "level": "city",
        "organiser": "昆明市总工会",
        "venue": "实训楼",
        "start": "2026-09-19T08:30:00",
        "end": "2026-09-19T17:30:00",
        "judges_per_panel": 5,
        "scheme": SCHEME,
    }
    event.update(overrides)
    return {"competition": {"name": "测试竞赛", "year": 2026}, "events": [event]}


@dataclass
class ScoredEvent:
    db: Database
    admin: Actor
    event_id: uuid.UUID
    judges: list[uuid.UUID]
    trainee: uuid.UUID
    aspect_ids: dict[str, uuid.UUID]
    _seq: int = 0
    stations: dict[int, uuid.UUID] = field(default_factory=dict)

    @classmethod
    def create(cls, db: Database, admin: Actor, **overrides: Any) -> ScoredEvent:
        spec = parse_setup_dict(setup_dict(**overrides))
        (event_id,) = events.create_from_setup(db, admin, spec)
        names = ["judge1", "judge2", "judge3", "judge4", "judge5", "trainee1"]
        for n in names:
            accounts.create_user(db, admin, n, n.upper(), ["judge"], PIN)
        accounts.create_user(db, admin, "chief", "裁判长甲", ["chief"], PIN)
        with db.read() as s:
            ids = {u.username: u.id for u in s.scalars(select(User))}
            aspects = {a.code: a.id for a in s.scalars(select(Aspect))}
        return cls(
            db,
            admin,
            event_id,
            [ids[n] for n in names[:5]],
            ids["trainee1"],
            aspects,
        )

    def add(
        self,
        station: int,
        *,
        name: str | None = None,
        marks: dict[str, list[Any]] | None = None,
        theory: Any = None,
        status: str = "checked_in",
        gender: str = "M",
        birth: date = date(1990, 5, 6),
        completion: int | None = None,
        trainee_marks: dict[str, Any] | None = None,
        employer: str = "昆明钢铁控股有限公司",
    ) -> uuid.UUID:
        """A contestant at ``station``; ``marks`` = aspect code -> one value per judge (None =
        that judge did not mark it)."""
        self._seq += 1
        seq3 = (2 * self._seq + (1 if gender == "M" else 0)) % 1000
        idn = make_id_number("530102", birth, seq3, gender)  # type: ignore[arg-type]
        with self.db.write() as s:
            c = Contestant(
                id_number=idn,
                name=name or f"选手{station:03d}",
                gender=gender,
                birth_date=birth,
                employer=employer,
            )
            s.add(c)
            s.flush()
            reg = Registration(
                event_id=self.event_id,
                contestant_id=c.id,
                ticket_no=f"T{station:04d}",
                status=status,
                station_no=station,
                employer=employer,
                completion_seconds=completion,
            )
            s.add(reg)
            s.flush()
            if theory is not None:
                s.add(TheoryScore(registration_id=reg.id, value=Decimal(str(theory))))
            for code, values in (marks or {}).items():
                for judge, v in zip(self.judges, values, strict=False):
                    if v is not None:
                        s.add(self._score(reg.id, code, judge, v, False))
            for code, v in (trainee_marks or {}).items():
                s.add(self._score(reg.id, code, self.trainee, v, True))
            self.stations[station] = reg.id
            return reg.id

    def _score(self, reg: uuid.UUID, code: str, judge: uuid.UUID, v: Any, trainee: bool) -> Score:
        return Score(
            event_id=self.event_id,
            registration_id=reg,
            aspect_id=self.aspect_ids[code],
            judge_id=judge,
            value=Decimal(str(v)),
            trainee=trainee,
            entered_by=judge,
            device_id=self.db.device.id,
        )

    def set_score(self, station: int, code: str, judge_index: int, value: Any) -> None:
        with self.db.write() as s:
            row = s.scalar(
                select(Score).where(
                    Score.registration_id == self.stations[station],
                    Score.aspect_id == self.aspect_ids[code],
                    Score.judge_id == self.judges[judge_index],
                )
            )
            assert row is not None
            row.value = Decimal(str(value))

    def lock(self, when: datetime | None = None) -> None:
        """What the judging service's lock does to the event row (it owns locking)."""
        from kmjudge.clock import utcnow

        with self.db.write() as s:
            ev = s.get(Event, self.event_id)
            assert ev is not None
            ev.locked_at = when or utcnow()
            ev.status = "locked"

    def unlock(self) -> None:
        with self.db.write() as s:
            ev = s.get(Event, self.event_id)
            assert ev is not None
            ev.locked_at = None
            ev.status = "open"

    def login(self, username: str) -> Actor:
        return accounts.login(self.db, username, PIN)


FULL = {"M1": [40] * 5, "J1": [3] * 5, "M2": [30] * 5}


def marks(m1: Any, j1: list[Any], m2: Any, d1: Any = None) -> dict[str, list[Any]]:
    """Five judges: the same M1 and M2 for all (unless a list), J1 per judge, D1 occurrences."""
    out = {
        "M1": m1 if isinstance(m1, list) else [m1] * 5,
        "J1": j1,
        "M2": m2 if isinstance(m2, list) else [m2] * 5,
    }
    if d1 is not None:
        out["D1"] = d1 if isinstance(d1, list) else [d1] * 5
    return out
