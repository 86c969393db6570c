"""Plain, frozen view objects the judging services return (to the GUI, the CLI, the tests).

Blind marking is a property of these types: every view a judge or a score clerk can obtain
(``JudgeGrid``, ``ScoreView``, ``PaperSheetView`` ...) identifies contestants by **station
number only**. None of them has a field for a name, ID number, ticket number, employer or
registration id, so no screen built on them can leak one by accident. Names come only from
``entry.station_names``, which refuses judges until the event is locked.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

# --------------------------------------------------------------------------- judge entry


@dataclass(frozen=True)
class AspectColumn:
    """One column of a judge's grid (or row of a paper sheet): an aspect and its rule."""

    code: str
    title: str
    description: str
    kind: str  # M | J | D
    max_mark: Decimal
    step: Decimal | None
    all_or_nothing: bool
    cap: Decimal | None
    criterion_code: str
    criterion_title: str
    hint_zh: str  # what may be entered, e.g. "0–4，步长 0.5"
    hint_en: str
    trainee: bool = False  # this judge's marks on it are stored but never counted


#: Why a cell cannot be edited ("" = it can).
CELL_BLOCKS = {
    "": "",
    "not_assigned": "不属于本人评分范围",
    "excluded": "回避",
    "absent": "缺考",
    "withdrawn": "退赛",
    "disqualified": "取消资格",
    "locked": "已锁定",
    "submitted": "已提交",
}


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    version: int  # 0 = no score yet; pass it back as expected_version
    status: str  # "" | entered | confirmed | accepted | corrected
    source: str  # "" | screen | paper
    blocked: str = ""  # a key of CELL_BLOCKS
    flagged: bool = False  # judgement spread above the limit: please re-score

    @property
    def editable(self) -> bool:
        return not self.blocked

    @property
    def missing(self) -> bool:
        return self.value is None and not self.blocked


@dataclass(frozen=True)
class StationRow:
    station_no: int
    status: str  # active | absent | withdrawn | disqualified
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class CriterionState:
    code: str
    title: str
    locked: bool
    submitted: bool
    reopen_requested: bool = False


@dataclass(frozen=True)
class JudgeGrid:
    """A judge's marking grid: stations x the aspects this judge owns. No names, ever."""

    event_id: uuid.UUID
    event_name: str
    judge_username: str
    judge_name: str
    event_locked: bool
    aspects: tuple[AspectColumn, ...]
    stations: tuple[StationRow, ...]
    criteria: tuple[CriterionState, ...]

    def column(self, aspect_code: str) -> int:
        for i, a in enumerate(self.aspects):
            if a.code == aspect_code:
                return i
        raise KeyError(aspect_code)

    def cell(self, station_no: int, aspect_code: str) -> Cell:
        col = self.column(aspect_code)
        for row in self.stations:
            if row.station_no == station_no:
                return row.cells[col]
        raise KeyError(station_no)

    @property
    def missing(self) -> int:
        """Marks still to give (deduction columns left out: empty = no violation seen)."""
        marked = [i for i, a in enumerate(self.aspects) if a.kind != "D"]
        return sum(1 for r in self.stations for i in marked if r.cells[i].missing)


@dataclass(frozen=True)
class ScoreView:
    """One stored mark, as its judge (or the chief judge) sees it."""

    station_no: int
    aspect_code: str
    judge_username: str
    value: Decimal
    version: int
    trainee: bool
    status: str
    source: str
    changed: bool = True  # False when the call changed nothing (same value again)


@dataclass(frozen=True)
class SubmissionView:
    judge_username: str
    criterion_code: str
    submitted_at: str
    open: bool  # True once the chief judge reopened it


@dataclass(frozen=True)
class RevealedStation:
    """Who sat at a station: only from ``station_names`` (after lock for judges)."""

    station_no: int
    ticket_no: str
    name: str
    employer: str
    status: str


# --------------------------------------------------------------------------- paper


@dataclass(frozen=True)
class PaperSheetInfo:
    code: str
    judge_username: str
    judge_name: str
    criterion_code: str
    criterion_title: str
    stations: tuple[int, ...]


@dataclass(frozen=True)
class PaperSheetView:
    """What a score clerk sees of a sheet: layout, who typed which pass, and only the clerk's
    own pass values (never the other pass's)."""

    code: str
    event_name: str
    judge_username: str
    judge_name: str
    criterion_code: str
    criterion_title: str
    stations: tuple[int, ...]
    aspects: tuple[AspectColumn, ...]
    blocked: Mapping[tuple[int, str], str]  # cells not to be typed, with the reason key
    pass_clerks: Mapping[int, str]  # pass number -> clerk username
    my_pass: int | None  # the pass this clerk owns (or should take); None = may not type
    my_values: Mapping[tuple[int, str], Decimal]
    confirmed: int  # cells already confirmed as scores
    differing: int  # cells waiting in the correction list
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class SheetEntryResult:
    code: str
    pass_no: int
    saved: int
    confirmed: int  # cells that became scores now
    differing: tuple[tuple[int, str], ...]  # cells where the passes differ (no values shown)
    waiting: int  # cells typed in this pass but not yet in the other


@dataclass(frozen=True)
class SheetDifference:
    """A cell of a paper sheet needing a decision, side by side. For clerks the values are
    hidden (``values_hidden``): a third entry must be typed blind from the paper."""

    code: str
    judge_username: str
    criterion_code: str
    station_no: int
    aspect_code: str
    kind: str  # passes_differ | differs_from_existing_score
    pass1: Decimal | None
    pass1_clerk: str
    pass2: Decimal | None
    pass2_clerk: str
    pass3: Decimal | None = None
    pass3_clerk: str = ""
    existing: Decimal | None = None
    values_hidden: bool = False


# --------------------------------------------------------------------------- theory


@dataclass(frozen=True)
class TheoryIssue:
    row: int
    column: str
    code: str
    message_zh: str
    message_en: str
    value: str


@dataclass(frozen=True)
class TheoryRow:
    row: int
    registration_id: uuid.UUID
    ticket_no: str
    name: str
    value: Decimal
    old: Decimal | None
    action: str  # new | update | unchanged


@dataclass(frozen=True)
class TheoryImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int


# --------------------------------------------------------------------------- review


@dataclass(frozen=True)
class PanelValue:
    judge_username: str
    judge_name: str
    value: Decimal
    status: str
    version: int


@dataclass(frozen=True)
class SpreadFlag:
    station_no: int
    aspect_code: str
    criterion_code: str
    spread: Decimal
    limit: Decimal
    values: tuple[PanelValue, ...]  # the counting judges' grades that trigger it
    accepted: bool  # overridden by the chief judge
    reason: str = ""


@dataclass(frozen=True)
class ReopenRequest:
    judge_username: str
    judge_name: str
    criterion_code: str
    reason: str
    requested_at: str


@dataclass(frozen=True)
class MissingCell:
    judge_username: str
    judge_name: str
    station_no: int
    aspect_code: str


@dataclass(frozen=True)
class CriterionCompleteness:
    code: str
    title: str
    locked: bool
    expected: int
    entered: int
    missing: tuple[MissingCell, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Understaffed:
    aspect_code: str
    judges: int
    needed: int


@dataclass(frozen=True)
class Completeness:
    """Judges x stations x aspects still missing, per criterion (trainees never block;
    absent, withdrawn and disqualified contestants are left out)."""

    event_id: uuid.UUID
    active_stations: int
    unstationed: int  # contestants still competing but without a station number
    criteria: tuple[CriterionCompleteness, ...]
    understaffed: tuple[Understaffed, ...] = ()
    unsubmitted: tuple[tuple[str, str], ...] = ()  # (judge username, criterion code)

    @property
    def missing_count(self) -> int:
        return sum(len(c.missing) for c in self.criteria)

    @property
    def complete(self) -> bool:
        return self.missing_count == 0 and self.unstationed == 0


@dataclass(frozen=True)
class RecheckItem:
    id: uuid.UUID
    station_no: int | None
    registration_id: uuid.UUID
    reason: str  # top | sample | full
    checked: bool
    found_error: bool | None
    note: str


@dataclass(frozen=True)
class RecheckStatus:
    drawn: bool
    items: tuple[RecheckItem, ...]
    sample_size: int  # top + sample
    errors: int  # errors found in top + sample
    error_rate: Decimal  # errors / sample_size
    limit: Decimal
    full_required: bool
    complete: bool  # every drawn (and, if required, every full-recheck) item checked


@dataclass(frozen=True)
class AppealView:
    id: uuid.UUID
    station_no: int | None
    submitted_at: datetime
    submitted_by: str
    text: str
    outcome: str  # pending | upheld | rejected
    decision: str
    decided_at: datetime | None


@dataclass(frozen=True)
class Blocker:
    """Something that stops a lock."""

    kind: str  # missing | unstationed | flag | difference | reopen_request | recheck | appeal
    criterion_code: str
    count: int
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class ReviewList:
    """The chief judge's desk: everything waiting for a decision."""

    flags: tuple[SpreadFlag, ...]
    differences: tuple[SheetDifference, ...]
    reopen_requests: tuple[ReopenRequest, ...]
    appeals: tuple[AppealView, ...]
    completeness: Completeness
    recheck: RecheckStatus
    blockers: tuple[Blocker, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- results input


@dataclass(frozen=True)
class JudgeMark:
    judge_id: uuid.UUID
    judge_username: str
    value: Decimal  # M: points; J: grade 0-3; D: occurrences
    trainee: bool  # stored, never counted
    status: str  # entered | confirmed | accepted | corrected
    source: str  # screen | paper


@dataclass(frozen=True)
class AspectInput:
    code: str
    criterion_code: str
    kind: str
    max_mark: Decimal
    step: Decimal | None
    all_or_nothing: bool
    cap: Decimal | None
    panel_rule: str
    judges_min: int | None


@dataclass(frozen=True)
class RegistrationScores:
    registration_id: uuid.UUID
    station_no: int | None
    ticket_no: str
    ranking_group: str
    status: str
    theory: Decimal | None
    completion_seconds: int | None
    marks: Mapping[str, tuple[JudgeMark, ...]]  # aspect code -> every judge's mark


@dataclass(frozen=True)
class ResultsInput:
    """Everything the results engine needs from judging, as plain data (no names)."""

    event_id: uuid.UUID
    locked: bool
    theory_weight: Decimal
    practical_weight: Decimal
    pass_mark: Decimal
    spread_limit: Decimal
    aspects: tuple[AspectInput, ...]
    registrations: tuple[RegistrationScores, ...]
