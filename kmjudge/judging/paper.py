"""Paper mode: printed marking sheets (评分表) typed in by two score clerks, blind.

- ``create_sheets`` makes one ``ScoreSheet`` per judge, criterion and group of stations, each
  with a code for its barcode: ``"S"`` + 7 characters of Crockford base32 drawn with
  ``secrets`` (``S7K3M9QX``: Code128-friendly, no I/L/O/U; typing O for 0 or I/L for 1 is
  forgiven). A station is on at most one sheet per judge and criterion, so a sheet's cells
  are the only paper source of those marks. ``write_sheets_pdf`` prints them.
- Pass 1 is typed by one clerk, pass 2 by a **different** clerk, who never sees pass 1.
  Matching values become scores (``source="paper"``, ``entered_by`` = pass-1 clerk,
  ``confirmed_by`` = pass-2 clerk). Differences go to the correction list
  (``sheet_differences``, side by side), resolved by a third blind entry by yet another clerk
  (it wins when it matches one of the passes) or by the chief judge with a reason.
- Nobody confirms their own entry: the core refuses the same clerk for two passes, the judge
  of the sheet as a clerk, and a chief judge deciding a cell they typed.
- For the screens: ``create_sheets_for`` (several judges, one transaction), ``parse_stations``,
  ``print_options``, ``sheet_states`` (each sheet's state and counts, no values) and
  ``write_sheets_pdf`` with progress and cancel.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, Protocol, cast

from sqlalchemy import String, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.checkin.common import CancelCheck
from kmjudge.db.engine import Database
from kmjudge.db.models import (
    Criterion,
    Event,
    Registration,
    Score,
    ScoreSheet,
    SheetEntry,
    User,
)
from kmjudge.errors import (
    ConflictError,
    Issue,
    KmError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from kmjudge.judging import common, rules
from kmjudge.judging.common import AspectInfo, Seat
from kmjudge.judging.views import (
    PaperSheetInfo,
    PaperSheetView,
    ScoreView,
    SheetDifference,
    SheetEntryResult,
)

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BODY = 7
STATIONS_PER_SHEET = 10
_FORGIVE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "S" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_BODY))


def normalise_code(raw: str) -> str:
    """What a scanner or a person typed -> the stored code (case, spaces, O/0, I/L/1)."""
    text = "".join(unicodedata.normalize("NFKC", raw or "").split()).upper().replace("-", "")
    if text.startswith("S"):
        return "S" + text[1:].translate(_FORGIVE)
    return text


# --------------------------------------------------------------------------- loading a sheet


class _EntryLike(Protocol):
    """A typed value of a sheet: the ORM row when writing, a plain row when only reading."""

    @property
    def registration_id(self) -> uuid.UUID: ...
    @property
    def aspect_id(self) -> uuid.UUID: ...
    @property
    def pass_no(self) -> int: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def clerk_id(self) -> uuid.UUID: ...


class _ScoreLike(Protocol):
    @property
    def value(self) -> Decimal: ...
    @property
    def source(self) -> str: ...


class _EntryRow(NamedTuple):
    registration_id: uuid.UUID
    aspect_id: uuid.UUID
    pass_no: int
    value: Decimal
    clerk_id: uuid.UUID


class _ScoreRow(NamedTuple):
    value: Decimal
    source: str


@dataclass
class _Sheet:
    row: ScoreSheet
    ev: Event
    crit: Criterion
    judge: User
    aspects: list[AspectInfo]
    cov: common.Coverage
    seats: dict[int, Seat]
    excluded: set[uuid.UUID]
    entries: dict[tuple[uuid.UUID, uuid.UUID], dict[int, _EntryLike]] = field(default_factory=dict)
    _covered: dict[tuple[uuid.UUID, str], bool] = field(default_factory=dict)

    def aspect(self, code: str) -> AspectInfo | None:
        return next((a for a in self.aspects if a.code == code.strip()), None)

    def block(self, station: int, aspect: AspectInfo) -> str:
        seat = self.seats.get(station)
        if seat is None:
            return "absent"
        key = (aspect.id, seat.group)
        covered = self._covered.get(key)
        if covered is None:
            covered = self._covered[key] = self.cov.trainee_for(aspect, seat.group) is not None
        if not covered:
            return "not_assigned"
        if not seat.active:
            return seat.status
        if seat.registration_id in self.excluded:
            return "excluded"
        return ""

    def owners(self) -> dict[int, uuid.UUID]:
        out: dict[int, uuid.UUID] = {}
        for passes in self.entries.values():
            for p, e in passes.items():
                out.setdefault(p, e.clerk_id)
        return out


@dataclass
class _EventBits:
    """What every sheet of one event shares (loaded once when several sheets are read)."""

    ev: Event
    scheme: common.SchemeIndex
    covs: dict[uuid.UUID, common.Coverage]
    seats: dict[int, Seat]
    excluded: set[tuple[uuid.UUID, uuid.UUID]]


def _event_bits(
    s: Session, event_id: uuid.UUID, cache: dict[uuid.UUID, _EventBits] | None = None
) -> _EventBits:
    if cache is not None and event_id in cache:
        return cache[event_id]
    ev = common.load_event(s, event_id)
    bits = _EventBits(
        ev,
        common.scheme_index(s, ev.id),
        common.coverages(s, ev.id),
        {x.station_no: x for x in common.seats(s, ev) if x.station_no is not None},
        common.excluded_pairs(s, ev.id),
    )
    if cache is not None:
        cache[event_id] = bits
    return bits


def _build(
    s: Session, row: ScoreSheet, bits: _EventBits, entries: Sequence[_EntryLike] | None = None
) -> _Sheet:
    crit = s.get(Criterion, row.criterion_id) if row.criterion_id else None
    judge = s.get(User, row.judge_id)
    assert crit is not None and judge is not None
    cov = bits.covs.get(judge.id) or common.Coverage(judge.id)
    aspects = [a for a in cov.aspects(bits.scheme) if a.criterion_id == crit.id]
    excluded = {r for u, r in bits.excluded if u == judge.id}
    sheet = _Sheet(row, bits.ev, crit, judge, aspects, cov, bits.seats, excluded)
    if entries is None:
        entries = list(s.scalars(select(SheetEntry).where(SheetEntry.sheet_id == row.id)))
    for e in entries:
        sheet.entries.setdefault((e.registration_id, e.aspect_id), {})[e.pass_no] = e
    return sheet


def _load(
    s: Session,
    code: str,
    *,
    lock: bool = False,
    cache: dict[uuid.UUID, _EventBits] | None = None,
) -> _Sheet:
    wanted = normalise_code(code)
    query = select(ScoreSheet).where(ScoreSheet.code == wanted)
    # Locking the sheet row serialises two clerks typing the same sheet on PostgreSQL.
    row = s.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise NotFound(
            f"没有编号为 {wanted or code} 的评分表，请核对条码。",
            f"No marking sheet {wanted or code}; check the barcode.",
            code="no_sheet",
        )
    return _build(s, row, _event_bits(s, row.event_id, cache))


def _raw(column: Any) -> Any:
    """A UUID column read as stored (hex text on SQLite), for :func:`_ids` to convert once per
    distinct value: thousands of entries name the same few stations, aspects and clerks, and
    parsing a UUID for every cell was most of the time of a sheet listing."""
    return type_coerce(column, String())


def _ids() -> Callable[[Any], uuid.UUID]:
    seen: dict[Any, uuid.UUID] = {}

    def get(raw: Any) -> uuid.UUID:
        found = seen.get(raw)
        if found is None:
            found = seen[raw] = raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
        return found

    return get


def _load_all(s: Session, event_id: uuid.UUID) -> list[_Sheet]:
    """Every sheet of an event, with their entries, in a fixed number of queries."""
    rows = list(
        s.scalars(
            select(ScoreSheet).where(ScoreSheet.event_id == event_id).order_by(ScoreSheet.code)
        )
    )
    if not rows:
        return []
    bits = _event_bits(s, event_id)
    # the judges and criteria into the identity map at once (``_build`` uses ``s.get``)
    list(s.scalars(select(User).where(User.id.in_({r.judge_id for r in rows}))))
    list(s.scalars(select(Criterion).where(Criterion.event_id == event_id)))
    # plain rows, not ORM objects: a few thousand entries load several times faster
    by_sheet: dict[uuid.UUID, list[_EntryLike]] = {r.id: [] for r in rows}
    uid = _ids()
    for sheet_id, reg_id, aspect_id, pass_no, value, clerk_id in s.execute(
        select(
            _raw(SheetEntry.sheet_id),
            _raw(SheetEntry.registration_id),
            _raw(SheetEntry.aspect_id),
            SheetEntry.pass_no,
            SheetEntry.value,
            _raw(SheetEntry.clerk_id),
        )
        .join(ScoreSheet, ScoreSheet.id == SheetEntry.sheet_id)
        .where(ScoreSheet.event_id == event_id)
    ):
        entry = _EntryRow(uid(reg_id), uid(aspect_id), pass_no, value, uid(clerk_id))
        by_sheet[uid(sheet_id)].append(entry)
    return [_build(s, r, bits, by_sheet[r.id]) for r in rows]


_ScoreKey = tuple[uuid.UUID, uuid.UUID]


def _cell_scores(s: Session, sh: _Sheet) -> dict[_ScoreKey, Score]:
    """The judge's current marks for the sheet's cells, from any source."""
    regs = [x.registration_id for x in sh.seats.values() if x.station_no in sh.row.stations]
    if not regs:
        return {}
    return {
        (x.registration_id, x.aspect_id): x
        for x in s.scalars(
            select(Score).where(
                Score.judge_id == sh.judge.id,
                Score.registration_id.in_(regs),
                Score.aspect_id.in_([a.id for a in sh.aspects]),
            )
        )
    }


def _judge_scores(
    s: Session, event_id: uuid.UUID, sheets: Sequence[_Sheet]
) -> dict[uuid.UUID, dict[_ScoreKey, _ScoreLike]]:
    """Every mark of the sheets' judges on the event, per judge (one query for many sheets)."""
    judges = {sh.judge.id for sh in sheets}
    out: dict[uuid.UUID, dict[_ScoreKey, _ScoreLike]] = {j: {} for j in judges}
    if not judges:
        return out
    uid = _ids()
    for judge_id, reg_id, aspect_id, value, source in s.execute(
        select(
            _raw(Score.judge_id),
            _raw(Score.registration_id),
            _raw(Score.aspect_id),
            Score.value,
            Score.source,
        )
        .join(Registration, Registration.id == Score.registration_id)
        .where(Registration.event_id == event_id, Score.judge_id.in_(judges))
    ):
        out[uid(judge_id)][(uid(reg_id), uid(aspect_id))] = _ScoreRow(value, source)
    return out


# --------------------------------------------------------------------------- creating sheets

_RANGE = re.compile(r"^(\d{1,4})\s*[-~—–至到]\s*(\d{1,4})$")
MAX_STATION = 9999


def parse_stations(text: str) -> list[int]:
    """``"1-10,12"`` -> ``[1, ..., 10, 12]`` (full-width digits and commas, 、 and ～ accepted).

    Anything else is a ``ValidationFailed`` naming the part that is not a station or range."""
    norm = unicodedata.normalize("NFKC", text or "").strip()
    out: set[int] = set()
    issues: list[Issue] = []
    for part in re.split(r"[,，、;；\s]+", norm):
        if not part:
            continue
        m = _RANGE.match(part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo < 1 or lo > hi:
                issues.append(
                    Issue(
                        "工位",
                        "bad_range",
                        f"“{part}”不是有效的范围：起始工位须不小于 1 且不大于结束工位。",
                        f"{part!r} is not a valid range (start from 1, start <= end).",
                    )
                )
                continue
            out.update(range(lo, hi + 1))
        elif part.isdigit() and 1 <= int(part) <= MAX_STATION:
            out.add(int(part))
        else:
            issues.append(
                Issue(
                    "工位",
                    "not_a_station",
                    f"“{part}”不是工位号或工位范围（例如 1-10,12）。",
                    f"{part!r} is not a station number or range (e.g. 1-10,12).",
                )
            )
    if issues:
        raise ValidationFailed(issues)
    if not out:
        raise ValidationFailed(
            [
                Issue(
                    "工位", "empty", "请填写工位号，例如 1-10,12。", "Enter stations, e.g. 1-10,12."
                )
            ]
        )
    return sorted(out)


def _create_for_judge(
    s: Session,
    db: Database,
    actor: Actor,
    bits: _EventBits,
    crit: common.CriterionInfo,
    judge: str,
    stations: Sequence[int] | None,
    per_sheet: int,
) -> list[PaperSheetInfo]:
    ev = bits.ev
    user = s.scalar(select(User).where(User.username == judge))
    if user is None:
        raise NotFound(f"没有用户 {judge}。", f"No user {judge}.")
    cov = bits.covs.get(user.id)
    aspects = [a for a in (cov.aspects(bits.scheme) if cov else []) if a.criterion_id == crit.id]
    if cov is None or not aspects:
        raise KmError(
            f"{user.display_name} 没有模块 {crit.code} 的评分任务。",
            f"{judge} has nothing to mark in criterion {crit.code}.",
        )
    excluded = {r for u, r in bits.excluded if u == user.id}

    def usable(x: Seat) -> bool:
        return any(cov.trainee_for(a, x.group) is not None for a in aspects)

    if stations is None:
        chosen = [
            st
            for st, x in sorted(bits.seats.items())
            if x.active and x.registration_id not in excluded and usable(x)
        ]
    else:
        chosen = sorted(set(int(x) for x in stations))
        # Excluded (回避), absent or other-group stations may be on a sheet (a block of
        # stations printed for everyone): their cells print greyed and cannot be typed.
        issues = [
            Issue(f"{st} 号工位", "no_station", "本场次没有该工位。", "No such station.")
            for st in chosen
            if st not in bits.seats
        ]
        if issues:
            raise ValidationFailed(issues)
    if not chosen:
        raise KmError(
            f"没有可为 {user.display_name} 打印评分表的工位。",
            f"No stations to print sheets for ({judge}).",
        )
    taken: dict[int, str] = {}
    for other in s.scalars(
        select(ScoreSheet).where(
            ScoreSheet.event_id == ev.id,
            ScoreSheet.judge_id == user.id,
            ScoreSheet.criterion_id == crit.id,
        )
    ):
        for st in other.stations:
            taken[int(st)] = other.code
    clash = [st for st in chosen if st in taken]
    if clash:
        shown = "、".join(f"{st} 号工位（{taken[st]}）" for st in clash[:5])
        raise KmError(
            f"{shown} 已在 {user.display_name} 的模块 {crit.code} 评分表中；"
            "需要补打请用原编号重新打印。",
            f"Station(s) {', '.join(map(str, clash))} are on an existing sheet of this "
            "judge and criterion; reprint that sheet instead.",
            code="sheet_exists",
        )
    out: list[PaperSheetInfo] = []
    for i in range(0, len(chosen), per_sheet):
        chunk = chosen[i : i + per_sheet]
        row = ScoreSheet(
            event_id=ev.id,
            judge_id=user.id,
            criterion_id=crit.id,
            code=new_code(),
            stations=chunk,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "paper.create_sheet",
            entity="score_sheet",
            entity_id=row.id,
            event_id=ev.id,
            after={"code": row.code, "judge": judge, "criterion": crit.code, "stations": chunk},
        )
        out.append(
            PaperSheetInfo(
                row.code, user.username, user.display_name, crit.code, crit.title, tuple(chunk)
            )
        )
    return out


def create_sheets(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    judge: str,
    stations: Sequence[int] | None,
    criterion: str,
    per_sheet: int = STATIONS_PER_SHEET,
) -> list[PaperSheetInfo]:
    """Sheets for one judge and criterion; ``stations=None`` = every station the judge marks
    (not absent/withdrawn, not excluded), ``per_sheet`` stations to a sheet. Listed stations
    the judge may not mark (回避, 缺考, another ranking group) print as greyed cells."""
    return create_sheets_for(db, actor, event_id, [judge], stations, criterion, per_sheet)


def create_sheets_for(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    judges: Sequence[str],
    stations: Sequence[int] | None,
    criterion: str,
    per_sheet: int = STATIONS_PER_SHEET,
) -> list[PaperSheetInfo]:
    """``create_sheets`` for several judges in one transaction: every judge's sheets are
    created, or (one refusal) none."""
    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES)
    per_sheet = max(1, min(int(per_sheet), 20))
    names = list(dict.fromkeys(j.strip() for j in judges if j.strip()))
    if not names:
        raise KmError("请至少选择一名裁判。", "Choose at least one judge.", code="no_judge")
    try:
        with db.write() as s:
            bits = _event_bits(s, event_id)
            crit = bits.scheme.criterion(criterion)
            common.ensure_unlocked(bits.ev, crit.code, crit.locked_at)
            out: list[PaperSheetInfo] = []
            for judge in names:
                out += _create_for_judge(s, db, actor, bits, crit, judge, stations, per_sheet)
            return out
    except IntegrityError as exc:  # a code drawn twice (1 in 34 billion): try again
        raise ConflictError("评分表编号冲突，请重试。", "Sheet code clash; try again.") from exc


def list_sheets(db: Database, actor: Actor, event_id: uuid.UUID) -> list[PaperSheetInfo]:
    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES, Perm.ENTER_PAPER_SCORES)
    with db.read() as s:
        rows = s.execute(
            select(ScoreSheet, User, Criterion)
            .join(User, User.id == ScoreSheet.judge_id)
            .join(Criterion, Criterion.id == ScoreSheet.criterion_id)
            .where(ScoreSheet.event_id == event_id)
            .order_by(Criterion.position, User.username, ScoreSheet.printed_at)
        ).all()
    return [
        PaperSheetInfo(r.code, u.username, u.display_name, c.code, c.title, tuple(r.stations))
        for r, u, c in rows
    ]


@dataclass(frozen=True)
class SheetJudge:
    """A judge paper sheets can be printed for, and the criteria they mark."""

    username: str
    display_name: str
    criteria: tuple[str, ...]
    trainee: bool  # every assignment is a trainee's (见习): marks stored, never counted


@dataclass(frozen=True)
class SheetPrintOptions:
    """What the print dialog offers for an event."""

    event_id: uuid.UUID
    event_name: str
    locked: bool
    criteria: tuple[tuple[str, str, bool], ...]  # (code, title, locked)
    judges: tuple[SheetJudge, ...]
    stations: tuple[int, ...]  # every station number of the event
    active_stations: tuple[int, ...]  # of which still competing
    sheets: tuple[PaperSheetInfo, ...]  # sheets already made


def print_options(db: Database, actor: Actor, event_id: uuid.UUID) -> SheetPrintOptions:
    """The criteria, the judges who mark each, the stations and the sheets already made."""
    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES)
    with db.read() as s:
        bits = _event_bits(s, event_id)
        users = (
            {u.id: u for u in s.scalars(select(User).where(User.id.in_(set(bits.covs))))}
            if bits.covs
            else {}
        )
        judges = []
        for uid, cov in bits.covs.items():
            u = users.get(uid)
            if u is None or not u.active:
                continue
            codes = tuple(dict.fromkeys(a.criterion_code for a in cov.aspects(bits.scheme)))
            if codes:
                trainee = all(r.trainee for r in cov.rules)
                judges.append(SheetJudge(u.username, u.display_name, codes, trainee))
        judges.sort(key=lambda j: (j.trainee, j.username))
    return SheetPrintOptions(
        event_id=bits.ev.id,
        event_name=bits.ev.name,
        locked=bits.ev.locked_at is not None,
        criteria=tuple((c.code, c.title, c.locked_at is not None) for c in bits.scheme.criteria),
        judges=tuple(judges),
        stations=tuple(sorted(bits.seats)),
        active_stations=tuple(st for st, x in sorted(bits.seats.items()) if x.active),
        sheets=tuple(list_sheets(db, actor, event_id)),
    )


# --------------------------------------------------------------------------- clerks


def _view(sh: _Sheet, s: Session, clerk_id: uuid.UUID | None, can_type: bool) -> PaperSheetView:
    names = common.usernames(s, sh.owners().values())
    owners = sh.owners()
    my_pass: int | None = None
    note_zh = note_en = ""
    if clerk_id is not None and can_type:
        mine = [p for p, c in owners.items() if c == clerk_id and p in (1, 2)]
        if clerk_id == sh.judge.id:
            note_zh, note_en = (
                "裁判本人不能录入自己的评分表。",
                "A judge cannot type their own sheet.",
            )
        elif mine:
            my_pass = mine[0]
        elif 1 not in owners:
            my_pass = 1
        elif 2 not in owners:
            my_pass = 2
        else:
            note_zh = "两遍均已由其他录分员录入；如有差异请在更正列表中做第三遍录入。"
            note_en = "Both passes were typed by other clerks; see the correction list."
    my_values: dict[tuple[int, str], Decimal] = {}
    blocked: dict[tuple[int, str], str] = {}
    reg_station = {x.registration_id: st for st, x in sh.seats.items()}
    by_id = {a.id: a for a in sh.aspects}
    for station in sh.row.stations:
        for asp in sh.aspects:
            b = sh.block(int(station), asp)
            if b:
                blocked[(int(station), asp.code)] = b
    confirmed = differing = 0
    scores = _cell_scores(s, sh)
    for (reg_id, asp_id), passes in sh.entries.items():
        a = by_id.get(asp_id)
        st = reg_station.get(reg_id)
        if a is None or st is None:
            continue
        if my_pass is not None and my_pass in passes and passes[my_pass].clerk_id == clerk_id:
            my_values[(st, a.code)] = passes[my_pass].value
        if 1 in passes and 2 in passes:
            if _open_difference(passes, scores.get((reg_id, asp_id))):
                differing += 1
            else:
                confirmed += 1
    return PaperSheetView(
        code=sh.row.code,
        event_name=sh.ev.name,
        judge_username=sh.judge.username,
        judge_name=sh.judge.display_name,
        criterion_code=sh.crit.code,
        criterion_title=sh.crit.title,
        stations=tuple(int(x) for x in sh.row.stations),
        aspects=tuple(a.column(sh.cov.trainee_for(a, None) is True) for a in sh.aspects),
        blocked=blocked,
        pass_clerks={p: names.get(c, ("?", ""))[0] for p, c in sorted(owners.items())},
        my_pass=my_pass,
        my_values=my_values,
        confirmed=confirmed,
        differing=differing,
        note_zh=note_zh,
        note_en=note_en,
    )


def open_sheet(db: Database, clerk: Actor, code: str) -> PaperSheetView:
    """A sheet by its (scanned) code: its layout, which pass this clerk types, and only this
    clerk's own values. The other pass's values are never shown."""
    common.require_any(clerk, Perm.ENTER_PAPER_SCORES, Perm.REVIEW_SCORES, Perm.ASSIGN_JUDGES)
    with db.read() as s:
        sh = _load(s, code)
        return _view(sh, s, clerk.user_id, clerk.can(Perm.ENTER_PAPER_SCORES))


def sheet_layout(db: Database, actor: Actor, code: str) -> PaperSheetView:
    """The printable layout of a sheet (no values)."""
    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES)
    with db.read() as s:
        return _view(_load(s, code), s, None, False)


def _open_difference(passes: Mapping[int, _EntryLike], score: _ScoreLike | None) -> bool:
    if 1 not in passes or 2 not in passes:
        return False
    if score is not None and score.source == "paper":
        return False
    p1 = passes[1].value
    return passes[2].value != p1 or (score is not None and score.value != p1)


def _confirm(
    s: Session,
    db: Database,
    actor: Actor,
    sh: _Sheet,
    seat: Seat,
    aspect: AspectInfo,
    value: Decimal,
    entered_by: uuid.UUID,
    confirmed_by: uuid.UUID,
    *,
    status: str = "confirmed",
    reason: str = "",
    action: str = "score.paper",
) -> ScoreView:
    trainee = sh.cov.trainee_for(aspect, seat.group)
    return common.put_score(
        s,
        db,
        actor,
        event_id=sh.ev.id,
        aspect=aspect,
        seat=seat,
        judge_id=sh.judge.id,
        judge_username=sh.judge.username,
        value=value,
        trainee=bool(trainee),
        source="paper",
        entered_by=entered_by,
        confirmed_by=confirmed_by,
        status=status,
        reason=reason,
        check_version=False,
        action=action,
    )


def enter_sheet_values(
    db: Database,
    clerk: Actor,
    code: str,
    pass_no: int,
    values: Mapping[tuple[int, str], object],
) -> SheetEntryResult:
    """Type (part of) one pass of a sheet: ``{(station, aspect code): value}``; ``None``
    clears a cell of this clerk's pass while the other pass has not typed it.

    Every value is checked first; one bad value refuses the whole call (nothing written).
    """
    common.require_any(clerk, Perm.ENTER_PAPER_SCORES)
    clerk_id = common.own_id(clerk)
    if pass_no not in (1, 2):
        raise KmError("录入遍数只能是 1 或 2。", "The pass must be 1 or 2.")
    other = 3 - pass_no
    try:
        with db.write() as s:
            sh = _load(s, code, lock=True)
            common.ensure_unlocked(sh.ev, sh.crit.code, sh.crit.locked_at)
            if clerk_id == sh.judge.id:
                raise PermissionDenied(
                    "裁判本人不能录入自己的评分表。", "A judge cannot type their own sheet."
                )
            owners = sh.owners()
            names = common.usernames(s, owners.values())
            if owners.get(other) == clerk_id:
                raise PermissionDenied(
                    f"两遍录入须由两名不同的录分员完成：您已录入第 {other} 遍，"
                    f"不能再录入第 {pass_no} 遍（不能核对自己录入的成绩）。",
                    f"Double entry needs two different clerks: you typed pass {other}, so you "
                    f"cannot type pass {pass_no} (nobody confirms their own entry).",
                    code="same_clerk",
                )
            if pass_no in owners and owners[pass_no] != clerk_id:
                who = names.get(owners[pass_no], ("?", "?"))[1]
                raise PermissionDenied(
                    f"第 {pass_no} 遍已由 {who} 录入，请选择另一遍。",
                    f"Pass {pass_no} belongs to another clerk.",
                    code="pass_taken",
                )
            issues: list[Issue] = []
            todo: list[tuple[Seat, AspectInfo, Decimal | None]] = []
            for (station, acode), raw in values.items():
                where = f"{station} 号工位 {acode}"
                if int(station) not in {int(x) for x in sh.row.stations}:
                    issues.append(
                        Issue(
                            where,
                            "not_on_sheet",
                            "该工位不在这张评分表上。",
                            "Station not on this sheet.",
                        )
                    )
                    continue
                aspect = sh.aspect(acode)
                if aspect is None:
                    issues.append(
                        Issue(
                            where,
                            "not_on_sheet",
                            "该评分项不在这张评分表上。",
                            "Aspect not on this sheet.",
                        )
                    )
                    continue
                blocked = sh.block(int(station), aspect)
                if blocked:
                    issues.append(
                        Issue(
                            where,
                            blocked,
                            f"该格不需填写（{_block_zh(blocked)}）。",
                            f"This cell is not to be filled ({blocked}).",
                        )
                    )
                    continue
                seat = sh.seats[int(station)]
                passes = sh.entries.get((seat.registration_id, aspect.id), {})
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    value: Decimal | None = None
                else:
                    value, issue = rules.value_issue(aspect, raw, where)
                    if issue is not None:
                        issues.append(issue)
                        continue
                mine = passes.get(pass_no)
                if mine is not None and value is not None and mine.value == value:
                    continue
                if mine is None and value is None:
                    continue
                if other in passes and mine is not None:
                    issues.append(
                        Issue(
                            where,
                            "frozen",
                            "该格两遍均已录入，不能再改；如有差异请在更正列表中处理。",
                            "Both passes are in for this cell; use the correction list.",
                        )
                    )
                    continue
                todo.append((seat, aspect, value))
            if issues:
                raise ValidationFailed(issues)
            saved = 0
            logged: dict[str, str | None] = {}
            for seat, aspect, value in todo:
                key = (seat.registration_id, aspect.id)
                mine = cast("SheetEntry | None", sh.entries.get(key, {}).get(pass_no))
                if value is None:
                    if mine is not None:
                        s.delete(mine)
                        sh.entries[key].pop(pass_no)
                elif mine is None:
                    entry = SheetEntry(
                        sheet_id=sh.row.id,
                        registration_id=seat.registration_id,
                        aspect_id=aspect.id,
                        pass_no=pass_no,
                        value=value,
                        clerk_id=clerk_id,
                    )
                    s.add(entry)
                    sh.entries.setdefault(key, {})[pass_no] = entry
                else:
                    mine.value = value
                saved += 1
                logged[f"{seat.station_no}/{aspect.code}"] = None if value is None else str(value)
            s.flush()
            scores = _cell_scores(s, sh)
            confirmed = 0
            differing: list[tuple[int, str]] = []
            waiting = 0
            owners = sh.owners()
            for seat, aspect, value in todo:
                if value is None:
                    continue
                passes = sh.entries[(seat.registration_id, aspect.id)]
                assert seat.station_no is not None
                if other not in passes:
                    waiting += 1
                    continue
                existing = scores.get((seat.registration_id, aspect.id))
                if _open_difference(passes, existing):
                    differing.append((seat.station_no, aspect.code))
                    continue
                _confirm(s, db, clerk, sh, seat, aspect, passes[1].value, owners[1], owners[2])
                confirmed += 1
            audit.record(
                s,
                db,
                clerk,
                "paper.enter",
                entity="score_sheet",
                entity_id=sh.row.id,
                event_id=sh.ev.id,
                after={
                    "code": sh.row.code,
                    "pass": pass_no,
                    "cells": logged,
                    "confirmed": confirmed,
                    "differing": [f"{st}/{a}" for st, a in differing],
                },
            )
            return SheetEntryResult(
                sh.row.code, pass_no, saved, confirmed, tuple(sorted(differing)), waiting
            )
    except IntegrityError as exc:
        raise ConflictError(
            "另一名录分员刚刚录入了同一张评分表，请重新打开后再试。",
            "Another clerk typed this sheet a moment ago; reopen it and try again.",
        ) from exc


def _block_zh(key: str) -> str:
    return common.STATUS_ZH.get(key) or {
        "not_assigned": "不属于该裁判评分范围",
        "excluded": "回避",
    }.get(key, key)


# --------------------------------------------------------------------------- corrections


def _differences(
    s: Session,
    sh: _Sheet,
    hide: bool,
    scores: Mapping[_ScoreKey, _ScoreLike] | None = None,
    names: Mapping[uuid.UUID, tuple[str, str]] | None = None,
) -> list[SheetDifference]:
    if scores is None:
        scores = _cell_scores(s, sh)
    if names is None:
        names = common.usernames(s, [e.clerk_id for p in sh.entries.values() for e in p.values()])
    reg_station = {x.registration_id: st for st, x in sh.seats.items()}
    by_id = {a.id: a for a in sh.aspects}
    out: list[SheetDifference] = []
    for (reg_id, asp_id), passes in sh.entries.items():
        existing = scores.get((reg_id, asp_id))
        if not _open_difference(passes, existing):
            continue
        a = by_id.get(asp_id)
        st = reg_station.get(reg_id)
        if a is None or st is None or sh.block(st, a):
            continue  # e.g. the judge was excluded (回避) after the sheet was typed
        p1, p2, p3 = passes[1], passes[2], passes.get(3)
        kind = "passes_differ" if p1.value != p2.value else "differs_from_existing_score"
        out.append(
            SheetDifference(
                code=sh.row.code,
                judge_username=sh.judge.username,
                criterion_code=sh.crit.code,
                station_no=st,
                aspect_code=a.code,
                kind=kind,
                pass1=None if hide else p1.value,
                pass1_clerk=names.get(p1.clerk_id, ("?", ""))[0],
                pass2=None if hide else p2.value,
                pass2_clerk=names.get(p2.clerk_id, ("?", ""))[0],
                pass3=None if hide or p3 is None else p3.value,
                pass3_clerk=names.get(p3.clerk_id, ("?", ""))[0] if p3 else "",
                existing=None if hide or existing is None else existing.value,
                values_hidden=hide,
            )
        )
    out.sort(key=lambda d: (d.station_no, d.aspect_code))
    return out


def differences_in(s: Session, event_id: uuid.UUID, hide: bool = False) -> list[SheetDifference]:
    out: list[SheetDifference] = []
    sheets = _load_all(s, event_id)
    scores = _judge_scores(s, event_id, sheets)
    clerks = {e.clerk_id for sh in sheets for p in sh.entries.values() for e in p.values()}
    names = common.usernames(s, clerks)
    for sh in sheets:
        out += _differences(s, sh, hide, scores[sh.judge.id], names)
    return out


@dataclass(frozen=True)
class SheetState:
    """Where one sheet stands (counts of cells; no values, so clerks may see it)."""

    code: str
    judge_username: str
    judge_name: str
    criterion_code: str
    criterion_title: str
    stations: tuple[int, ...]
    cells: int  # cells to type (greyed cells left out)
    required: int  # of which marks (M/J); deduction cells may stay empty
    pass1: int  # cells typed in pass 1
    pass2: int  # cells typed in pass 2
    settled: int  # cells whose mark is in (passes agree, third entry, decision, or on screen)
    settled_required: int  # of which marks (M/J)
    differing: int  # cells in the correction list
    waiting: int  # cells typed in one pass only
    pass1_clerk: str
    pass2_clerk: str
    state: str  # not_entered | one_pass | both | differences | done

    @property
    def required_left(self) -> int:
        """Marks of this sheet still to come in."""
        return self.required - self.settled_required


SHEET_STATES_ZH = {
    "not_entered": "未录入",
    "one_pass": "已录一遍",
    "both": "两遍录入中",
    "differences": "有差异",
    "done": "已完成",
}


def _state(
    sh: _Sheet,
    scores: Mapping[_ScoreKey, _ScoreLike],
    names: Mapping[uuid.UUID, tuple[str, str]],
) -> SheetState:
    owners = sh.owners()
    cells = required = pass1 = pass2 = settled = settled_required = differing = waiting = 0
    no_cells: dict[int, _EntryLike] = {}
    for station in sh.row.stations:
        seat = sh.seats.get(int(station))
        # what ``_Sheet.block`` checks, the seat's part once per station (thousands of cells)
        if seat is None or not seat.active or seat.registration_id in sh.excluded:
            continue
        for a in sh.aspects:
            if sh.block(int(station), a):
                continue
            cells += 1
            need = a.kind != "D"
            required += need
            key = (seat.registration_id, a.id)
            passes = sh.entries.get(key, no_cells)
            score = scores.get(key)
            pass1 += 1 in passes
            pass2 += 2 in passes
            if 1 in passes and 2 in passes:
                if _open_difference(passes, score):
                    differing += 1
                    continue
                done = True
            elif 1 in passes or 2 in passes:
                waiting += 1
                continue
            else:
                done = score is not None
            settled += done
            settled_required += done and need
    if differing:
        state = "differences"
    elif settled_required == required and not waiting and (pass1 or pass2):
        state = "done"  # typed, and every mark of the sheet is in (a mark given on screen too)
    elif not pass1 and not pass2:
        state = "not_entered"
    elif not pass1 or not pass2:
        state = "one_pass"
    else:
        state = "both"
    return SheetState(
        code=sh.row.code,
        judge_username=sh.judge.username,
        judge_name=sh.judge.display_name,
        criterion_code=sh.crit.code,
        criterion_title=sh.crit.title,
        stations=tuple(int(x) for x in sh.row.stations),
        cells=cells,
        required=required,
        pass1=pass1,
        pass2=pass2,
        settled=settled,
        settled_required=settled_required,
        differing=differing,
        waiting=waiting,
        pass1_clerk=names.get(owners[1], ("?", ""))[0] if 1 in owners else "",
        pass2_clerk=names.get(owners[2], ("?", ""))[0] if 2 in owners else "",
        state=state,
    )


def sheet_states(db: Database, actor: Actor, event_id: uuid.UUID) -> list[SheetState]:
    """Every sheet of the event with its state (not entered, one pass, both passes under way,
    differences, done) and cell counts, ordered by criterion, judge and first station."""
    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES, Perm.ENTER_PAPER_SCORES)
    with db.read() as s:
        sheets = _load_all(s, event_id)
        scores = _judge_scores(s, event_id, sheets)
        order = {c.code: i for i, c in enumerate(_event_bits(s, event_id).scheme.criteria)}
        names = common.usernames(s, {c for sh in sheets for c in sh.owners().values()})
        out = [_state(sh, scores[sh.judge.id], names) for sh in sheets]
    out.sort(key=lambda x: (order.get(x.criterion_code, 0), x.judge_username, x.stations[:1]))
    return out


def sheet_differences(
    db: Database, actor: Actor, event_id: uuid.UUID, code: str | None = None
) -> list[SheetDifference]:
    """The correction list, pass 1 and pass 2 side by side. Clerks get it with the values
    hidden (a third entry is typed blind from the paper); the chief judge sees the values."""
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.ENTER_PAPER_SCORES)
    hide = not actor.can(Perm.REVIEW_SCORES)
    with db.read() as s:
        if code is None:
            return differences_in(s, event_id, hide)
        sh = _load(s, code)
        if sh.ev.id != event_id:
            raise NotFound("该评分表不属于本场次。", "The sheet belongs to another event.")
        return _differences(s, sh, hide)


def resolve_difference(
    db: Database,
    actor: Actor,
    code: str,
    station_no: int,
    aspect_code: str,
    value: object,
    reason: str = "",
) -> ScoreView | None:
    """Settle one cell of the correction list.

    A score clerk who typed neither pass enters the cell a third time, blind: if it matches
    pass 1 or pass 2 that value becomes the score (confirmed by the third clerk), otherwise the
    cell stays for the chief judge. The chief judge decides any value with a written reason.
    Returns the score, or None when the cell is still open.
    """
    common.require_any(actor, Perm.REVIEW_SCORES, Perm.ENTER_PAPER_SCORES)
    actor_id = common.own_id(actor)
    with db.write() as s:
        sh = _load(s, code, lock=True)
        common.ensure_unlocked(sh.ev, sh.crit.code, sh.crit.locked_at)
        aspect = sh.aspect(aspect_code)
        seat = sh.seats.get(int(station_no))
        if (
            aspect is None
            or seat is None
            or int(station_no) not in {int(x) for x in sh.row.stations}
        ):
            raise NotFound(
                f"评分表 {sh.row.code} 上没有 {station_no} 号工位 {aspect_code}。",
                f"Sheet {sh.row.code} has no cell {station_no} {aspect_code}.",
            )
        passes = sh.entries.get((seat.registration_id, aspect.id), {})
        existing = _cell_scores(s, sh).get((seat.registration_id, aspect.id))
        if not _open_difference(passes, existing):
            raise KmError(
                f"{station_no} 号工位 {aspect.code} 没有待更正的差异。",
                f"Station {station_no} {aspect.code} has nothing to correct.",
                code="no_difference",
            )
        v = rules.check_value(aspect, value, f"{station_no} 号工位 {aspect.code}")
        p1, p2 = passes[1], passes[2]
        typists = {p1.clerk_id, p2.clerk_id, sh.judge.id}
        if actor.can(Perm.REVIEW_SCORES):
            common.require_chief(s, actor, sh.ev.id, Perm.REVIEW_SCORES)
            text = common.need_reason(reason)
            if actor_id in typists:
                raise PermissionDenied(
                    "您录入过这一格，不能再裁定它（不能核对自己录入的成绩）。",
                    "You typed this cell; you cannot also decide it.",
                    code="same_clerk",
                )
            entered_by = (
                p1.clerk_id if v == p1.value else p2.clerk_id if v == p2.value else actor_id
            )
            view = _confirm(
                s,
                db,
                actor,
                sh,
                seat,
                aspect,
                v,
                entered_by,
                actor_id,
                status="corrected",
                reason=text,
                action="score.paper_decided",
            )
            audit.record(
                s,
                db,
                actor,
                "paper.decide",
                entity="score_sheet",
                entity_id=sh.row.id,
                event_id=sh.ev.id,
                after={
                    "code": sh.row.code,
                    "station": station_no,
                    "aspect": aspect.code,
                    "pass1": p1.value,
                    "pass2": p2.value,
                    "decided": v,
                    "reason": text,
                },
            )
            return view
        if p1.value == p2.value:
            raise PermissionDenied(
                "两遍录入一致但与已有评分不同，须由裁判长裁定。",
                "Both passes agree but differ from an existing mark: the chief judge decides.",
            )
        if actor_id in typists:
            raise PermissionDenied(
                "第三遍录入须由未录入过这一格的另一名录分员完成（不能核对自己录入的成绩）。",
                "The third entry needs a clerk who typed neither pass.",
                code="same_clerk",
            )
        third = cast("SheetEntry | None", passes.get(3))  # ORM rows: loaded with lock=True
        if third is not None and third.clerk_id != actor_id:
            raise PermissionDenied(
                "这一格的第三遍已由另一名录分员录入，请裁判长裁定。",
                "Another clerk made the third entry; the chief judge decides.",
                code="pass_taken",
            )
        if third is None:
            third = SheetEntry(
                sheet_id=sh.row.id,
                registration_id=seat.registration_id,
                aspect_id=aspect.id,
                pass_no=3,
                value=v,
                clerk_id=actor_id,
            )
            s.add(third)
        else:
            third.value = v
        s.flush()
        audit.record(
            s,
            db,
            actor,
            "paper.third_entry",
            entity="score_sheet",
            entity_id=sh.row.id,
            event_id=sh.ev.id,
            after={"code": sh.row.code, "station": station_no, "aspect": aspect.code, "value": v},
        )
        if v == p1.value:
            return _confirm(s, db, actor, sh, seat, aspect, v, p1.clerk_id, actor_id)
        if v == p2.value:
            return _confirm(s, db, actor, sh, seat, aspect, v, p2.clerk_id, actor_id)
        return None


def write_sheets_pdf(
    db: Database,
    actor: Actor,
    codes: Sequence[str],
    path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelCheck | None = None,
) -> Path:
    """A printable PDF with one marking sheet (评分表) per code (reprints use the same code).

    ``progress(done, total)`` is called after each sheet; ``cancel`` (a ``threading.Event``
    or a callable) is checked between sheets and stops the run with ``Cancelled``: the PDF is
    written beside ``path`` and renamed at the end, so a cancelled run leaves no file."""
    from kmjudge.judging import sheetpdf

    common.require_any(actor, Perm.ASSIGN_JUDGES, Perm.REVIEW_SCORES)
    wanted = list(dict.fromkeys(normalise_code(c) for c in codes if c and c.strip()))
    if not wanted:
        raise KmError("没有要打印的评分表。", "No sheets to print.", code="empty")
    cache: dict[uuid.UUID, _EventBits] = {}
    with db.read() as s:
        layouts = [_view(_load(s, c, cache=cache), s, None, False) for c in wanted]
        event_ids = {_event_of(s, c) for c in wanted}
    out = sheetpdf.write_pdf(layouts, Path(path), progress=progress, cancel=cancel)
    with db.write() as s:
        for ev_id in sorted(event_ids):
            audit.record(
                s,
                db,
                actor,
                "paper.print",
                entity="score_sheet",
                event_id=ev_id,
                after={"codes": [x.code for x in layouts], "file": Path(path).name},
            )
    return out


def _event_of(s: Session, code: str) -> uuid.UUID:
    ev = s.scalar(select(ScoreSheet.event_id).where(ScoreSheet.code == code))
    assert ev is not None
    return ev


__all__ = [
    "SHEET_STATES_ZH",
    "SheetJudge",
    "SheetPrintOptions",
    "SheetState",
    "create_sheets",
    "create_sheets_for",
    "enter_sheet_values",
    "list_sheets",
    "new_code",
    "normalise_code",
    "open_sheet",
    "parse_stations",
    "print_options",
    "resolve_difference",
    "sheet_differences",
    "sheet_layout",
    "sheet_states",
    "write_sheets_pdf",
]
