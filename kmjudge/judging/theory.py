"""Theory scores (理论成绩) from the exam system's export: preview, then commit.

The file (.xlsx, or .csv in UTF-8/GBK) has a header row somewhere in its first 15 rows with a
key column, 准考证号 or 身份证号 (both may be present; then they must agree), and a score column
(理论成绩 / 理论分数 / 理论考试成绩 / 成绩 / 分数 / 得分 ...). A 姓名 column, when present, is
checked against the registration. Scores are 0..100 with at most two decimals; "缺考" rows
are skipped with a warning.

Every problem is reported with its row number (as Excel shows it), column and reason in
Chinese. A commit writes every row or nothing, and is refused while any row has an error.
Importing again updates changed scores (and leaves the rest alone).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm
from kmjudge.clock import utcnow
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, Event, Registration, TheoryScore
from kmjudge.errors import Issue, KmError, ValidationFailed
from kmjudge.judging import common
from kmjudge.judging.rules import parse_number
from kmjudge.judging.views import TheoryImportResult, TheoryIssue, TheoryRow

HEADERS: dict[str, tuple[str, ...]] = {
    "ticket_no": ("准考证号", "准考证号码", "准考证", "考号", "准考号", "考生号", "ticketno"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "证件号码",
        "证件号",
        "居民身份证号",
        "居民身份证号码",
        "公民身份号码",
        "身份证",
        "idnumber",
    ),
    "name": ("姓名", "考生姓名", "选手姓名", "name"),
    # in order of preference when several are present
    "score": (
        "理论成绩",
        "理论分数",
        "理论考试成绩",
        "理论考试分数",
        "理论得分",
        "理论知识成绩",
        "理论",
        "成绩",
        "分数",
        "得分",
        "考试成绩",
        "score",
    ),
}
COLUMN_ZH = {"ticket_no": "准考证号", "id_number": "身份证号", "name": "姓名", "score": "理论成绩"}
ABSENT_WORDS = {"缺考", "缺席", "缺", "未参加", "未考", "absent"}
MAX_SCORE = Decimal(100)
_HEADER_SCAN = 15
_DECOR = re.compile(r"[\s*＊:：()（）\[\]【】]|必填|选填")


def _norm(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    return _DECOR.sub("", text)


_LOOKUP = {_norm(h): (f, i) for f, hs in HEADERS.items() for i, h in enumerate(hs)}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


@dataclass
class TheoryPreview:
    """What an import would do. ``ok`` when nothing is wrong; ``issues`` otherwise."""

    event_id: uuid.UUID
    path: str
    sha256: str
    columns: dict[str, str]
    rows: list[TheoryRow]
    issues: list[TheoryIssue]
    skipped: list[TheoryIssue] = field(default_factory=list)
    _parsed: list[tuple[int, dict[str, Any]]] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.issues

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def rejected_rows(self) -> list[int]:
        """The rows (as Excel numbers them) that have a problem and are not imported."""
        return sorted({i.row for i in self.issues})

    @property
    def writable(self) -> int:
        """Rows a commit would write (new or changed scores)."""
        return self.count("new") + self.count("update")


# --------------------------------------------------------------------------- reading


def _bounded(rows: Iterable[Iterable[object]]) -> list[list[object]]:
    """At most ``MAX_SHEET_ROWS`` rows, or a refusal (an exam export is never that long)."""
    from kmjudge import untrusted

    out = [list(r) for r in islice(rows, untrusted.MAX_SHEET_ROWS + 1)]
    if len(out) > untrusted.MAX_SHEET_ROWS:
        raise KmError(
            f"表格超过 {untrusted.MAX_SHEET_ROWS} 行，未读取。请拆分成几个文件分别导入。",
            f"The sheet has more than {untrusted.MAX_SHEET_ROWS} rows; not read. "
            "Split it into several files.",
            code="too_large",
        )
    return out


def _read_rows(path: Path) -> list[list[object]]:
    if not path.is_file():
        raise KmError(f"找不到文件“{path}”。", f"File not found: {path}", code="not_found")
    data = path.read_bytes()
    if data.startswith(b"PK"):
        import openpyxl

        from kmjudge import untrusted

        bomb = untrusted.xlsx_problem(data)  # measured before openpyxl inflates anything
        if bomb:
            raise KmError(*bomb, code="too_large")
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise KmError(
                f"文件“{path.name}”已损坏或不是 Excel 工作簿。",
                f"{path.name} is damaged or not an Excel workbook.",
                code="corrupt",
            ) from exc
        try:
            for ws in wb.worksheets:
                rows = _bounded(ws.iter_rows(values_only=True))
                if _find_header(rows) is not None:
                    return rows
            return _bounded(wb.worksheets[0].iter_rows(values_only=True))
        finally:
            wb.close()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise KmError(
            "这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入。",
            "This is an old .xls file; save it as .xlsx and import again.",
            code="xls_unsupported",
        )
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise KmError(
            f"无法识别文件“{path.name}”的编码，请另存为 .xlsx。",
            f"Cannot read the encoding of {path.name}; save it as .xlsx.",
            code="bad_encoding",
        )
    dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect=dialect)]


def _find_header(rows: list[list[object]]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    for r, row in enumerate(rows[:_HEADER_SCAN]):
        found: dict[str, tuple[int, int]] = {}
        texts: dict[str, str] = {}
        for c, cell in enumerate(row):
            hit = _LOOKUP.get(_norm(cell))
            if hit is None:
                continue
            f, rank = hit
            if f not in found or rank < found[f][1]:
                found[f] = (c, rank)
                texts[f] = str(cell).strip()
        if "score" in found and ("ticket_no" in found or "id_number" in found):
            return r, {f: v[0] for f, v in found.items()}, texts
    return None


def _parse(path: Path) -> tuple[dict[str, str], list[tuple[int, dict[str, Any]]]]:
    rows = _read_rows(path)
    header = _find_header(rows)
    if header is None:
        raise KmError(
            "找不到表头：需要“准考证号”或“身份证号”列，以及“理论成绩”（或“成绩”“分数”）列。",
            "No header found: the sheet needs a 准考证号 or 身份证号 column and a 理论成绩 "
            "(or 成绩/分数) column.",
            code="no_header",
        )
    r0, cols, texts = header
    out: list[tuple[int, dict[str, Any]]] = []
    for r in range(r0 + 1, len(rows)):
        row = rows[r]
        cells = {f: (row[c] if c < len(row) else None) for f, c in cols.items()}
        if all(_cell_text(v) == "" for v in cells.values()):
            continue
        first = _cell_text(row[0]) if row else ""
        if first.startswith(("注", "备注", "说明", "合计")) and not _cell_text(cells.get("score")):
            continue
        out.append((r + 1, cells))
    return texts, out


# --------------------------------------------------------------------------- planning


def _plan(
    s: Session, ev: Event, columns: dict[str, str], parsed: list[tuple[int, dict[str, Any]]]
) -> tuple[list[TheoryRow], list[TheoryIssue], list[TheoryIssue]]:
    from kmjudge.registration.idcard import IdCardError, normalize_id_text, parse_id_number

    regs = s.execute(
        select(Registration, Contestant)
        .join(Contestant, Contestant.id == Registration.contestant_id)
        .where(Registration.event_id == ev.id)
    ).all()
    by_ticket = {r.ticket_no: (r, c) for r, c in regs}
    by_ticket_stripped = {r.ticket_no.lstrip("0"): (r, c) for r, c in regs}
    by_id = {c.id_number: (r, c) for r, c in regs}
    old = (
        {
            t.registration_id: t
            for t in s.scalars(
                select(TheoryScore).where(TheoryScore.registration_id.in_([r.id for r, _ in regs]))
            )
        }
        if regs
        else {}
    )
    rows: list[TheoryRow] = []
    issues: list[TheoryIssue] = []
    skipped: list[TheoryIssue] = []
    seen: dict[uuid.UUID, int] = {}
    duplicated: set[uuid.UUID] = set()

    def issue(row: int, fld: str, code: str, zh: str, en: str, value: object) -> None:
        issues.append(
            TheoryIssue(row, columns.get(fld, COLUMN_ZH[fld]), code, zh, en, _cell_text(value))
        )

    for rownum, cells in parsed:
        match: tuple[Registration, Contestant] | None = None
        bad = False
        if "ticket_no" in cells and _cell_text(cells["ticket_no"]):
            t = _cell_text(cells["ticket_no"]).replace(" ", "")
            match = by_ticket.get(t) or by_ticket_stripped.get(t.lstrip("0"))
            if match is None:
                issue(
                    rownum,
                    "ticket_no",
                    "unknown_ticket",
                    f"本场次没有准考证号为 {t} 的选手。",
                    f"No contestant with ticket {t} here.",
                    t,
                )
                bad = True
        if "id_number" in cells and _cell_text(cells["id_number"]):
            raw = cells["id_number"]
            try:
                number = parse_id_number(raw).number
            except IdCardError as exc:
                issue(rownum, "id_number", exc.code, exc.message_zh, exc.message_en, raw)
                bad = True
                number = ""
            if number:
                by_card = by_id.get(number)
                if by_card is None:
                    issue(
                        rownum,
                        "id_number",
                        "unknown_id",
                        "本场次没有该身份证号的选手。",
                        "No contestant with this ID number here.",
                        normalize_id_text(raw)[:6] + "…",
                    )
                    bad = True
                elif match is not None and by_card[0].id != match[0].id:
                    issue(
                        rownum,
                        "id_number",
                        "key_mismatch",
                        f"身份证号与准考证号 {match[0].ticket_no} 不是同一名选手。",
                        "The ID number and the ticket number belong to different contestants.",
                        normalize_id_text(raw)[:6] + "…",
                    )
                    bad = True
                else:
                    match = by_card
        if match is None and not bad:
            fld = "ticket_no" if "ticket_no" in cells else "id_number"
            issue(
                rownum,
                fld,
                "no_key",
                f"缺少{COLUMN_ZH[fld]}，无法确定是哪位选手。",
                "No ticket/ID number: cannot tell who this is.",
                "",
            )
            bad = True
        if match is not None and "name" in cells and _cell_text(cells["name"]):
            name = "".join(_cell_text(cells["name"]).split())
            if name != match[1].name:
                issue(
                    rownum,
                    "name",
                    "name_mismatch",
                    f"姓名“{name}”与报名信息（{match[1].name}）不符，请核对是否对应错行。",
                    "The name does not match the registration.",
                    name,
                )
                bad = True
        raw_score = cells.get("score")
        text = _cell_text(raw_score)
        if text in ABSENT_WORDS:
            skipped.append(
                TheoryIssue(
                    rownum,
                    columns.get("score", "理论成绩"),
                    "absent",
                    "标记为缺考，未导入成绩。",
                    "Marked absent; no score imported.",
                    text,
                )
            )
            continue
        value = parse_number(raw_score) if text else None
        if value is None:
            issue(
                rownum,
                "score",
                "empty_score" if not text else "not_a_number",
                "缺少理论成绩。" if not text else f"“{text}”不是有效的成绩。",
                "The score is missing." if not text else f"{text!r} is not a score.",
                raw_score,
            )
            bad = True
        elif value < 0 or value > MAX_SCORE:
            issue(
                rownum,
                "score",
                "range",
                f"理论成绩应在 0 到 100 分之间，表中为 {text}。",
                f"A theory score must be 0 to 100, not {text}.",
                raw_score,
            )
            bad = True
        elif value != value.quantize(Decimal("0.01")):
            issue(
                rownum,
                "score",
                "decimals",
                f"理论成绩最多两位小数，表中为 {text}。",
                f"At most two decimals, not {text}.",
                raw_score,
            )
            bad = True
        if match is not None and not bad:
            reg, person = match
            if reg.id in seen:
                # Which of the two scores is right is unknown: neither row is imported.
                fld = "ticket_no" if "ticket_no" in cells else "id_number"
                first = seen[reg.id]
                if reg.id not in duplicated:
                    issue(
                        first,
                        fld,
                        "duplicate",
                        f"与第 {rownum} 行是同一名选手，重复；两行都不导入，请删去错误的一行。",
                        f"Same contestant as row {rownum}; neither row is imported.",
                        reg.ticket_no,
                    )
                duplicated.add(reg.id)
                issue(
                    rownum,
                    fld,
                    "duplicate",
                    f"与第 {first} 行是同一名选手，重复；两行都不导入，请删去错误的一行。",
                    f"Same contestant as row {first}; neither row is imported.",
                    reg.ticket_no,
                )
                continue
            seen[reg.id] = rownum
            assert value is not None
            v = value.normalize() if value != value.to_integral_value() else Decimal(int(value))
            prev = old.get(reg.id)
            action = "new" if prev is None else "unchanged" if prev.value == v else "update"
            rows.append(
                TheoryRow(
                    rownum,
                    reg.id,
                    reg.ticket_no,
                    person.name,
                    v,
                    prev.value if prev else None,
                    action,
                )
            )
    rows = [r for r in rows if r.registration_id not in duplicated]
    issues.sort(key=lambda i: (i.row, i.column))
    return rows, issues, skipped


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def preview_theory_import(
    db: Database, actor: Actor, event_id: uuid.UUID, path: str | Path
) -> TheoryPreview:
    """Read and check a theory score file against the event. Writes nothing."""
    common.require_any(actor, Perm.IMPORT_REGISTRATIONS, Perm.REVIEW_SCORES)
    p = Path(path)
    columns, parsed = _parse(p)
    with db.read() as s:
        ev = common.load_event(s, event_id)
        rows, issues, skipped = _plan(s, ev, columns, parsed)
    return TheoryPreview(event_id, str(p), _sha(p), columns, rows, issues, skipped, parsed)


def _as_validation(issues: list[TheoryIssue]) -> ValidationFailed:
    return ValidationFailed(
        [
            Issue(
                f"第 {i.row} 行 {i.column}", i.code, i.message_zh, i.message_en, {"value": i.value}
            )
            for i in issues
        ],
    )


def commit_theory_import(
    db: Database, actor: Actor, preview: TheoryPreview, *, skip_rejected: bool = False
) -> TheoryImportResult:
    """Write every row of a clean preview in one transaction (re-checked inside it).

    With ``skip_rejected=True`` (the import wizard, after showing the rejected rows) the rows
    without a problem are written and the rejected rows are left out (both rows of a
    duplicate included); the audit entry lists the rows left out. Otherwise any problem
    refuses the whole file."""
    common.require_any(actor, Perm.IMPORT_REGISTRATIONS, Perm.REVIEW_SCORES)
    if preview.issues and not skip_rejected:
        raise _as_validation(preview.issues)
    now = utcnow()
    with db.write() as s:
        ev = common.load_event(s, preview.event_id)
        if ev.locked_at is not None:
            raise common.Locked(
                "本场次成绩已锁定，不能再导入理论成绩；请裁判长先解锁。",
                "The event is locked; theory scores cannot be imported.",
            )
        rows, issues, skipped = _plan(s, ev, preview.columns, preview._parsed)
        if issues and not skip_rejected:
            raise _as_validation(issues)
        if not rows:
            raise KmError(
                "没有可导入的成绩：每一行都有问题，请改正后重新导入。",
                "Nothing to import: every row has a problem.",
                code="nothing_to_import",
            )
        current = (
            {
                t.registration_id: t
                for t in s.scalars(
                    select(TheoryScore).where(
                        TheoryScore.registration_id.in_([r.registration_id for r in rows])
                    )
                )
            }
            if rows
            else {}
        )
        log = []
        for r in rows:
            if r.action == "unchanged":
                continue
            row = current.get(r.registration_id)
            if row is None:
                s.add(
                    TheoryScore(
                        registration_id=r.registration_id,
                        value=r.value,
                        source=Path(preview.path).name[:200],
                        imported_at=now,
                        imported_by=actor.user_id,
                    )
                )
            else:
                row.value = r.value
                row.source = Path(preview.path).name[:200]
                row.imported_at = now
                row.imported_by = actor.user_id
                row.version += 1
            log.append(
                {
                    "row": r.row,
                    "registration": r.registration_id,
                    "ticket": r.ticket_no,
                    "old": r.old,
                    "new": r.value,
                }
            )
        result = TheoryImportResult(
            created=sum(1 for r in rows if r.action == "new"),
            updated=sum(1 for r in rows if r.action == "update"),
            unchanged=sum(1 for r in rows if r.action == "unchanged"),
            skipped=len(skipped),
        )
        audit.record(
            s,
            db,
            actor,
            "theory.import",
            entity="event",
            entity_id=ev.id,
            event_id=ev.id,
            after={
                "file": Path(preview.path).name,
                "sha256": preview.sha256,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "skipped": result.skipped,
                "rejected_rows": sorted({i.row for i in issues}),
                "rows": log,
            },
        )
        return result


def import_theory_xlsx(
    db: Database, actor: Actor, event_id: uuid.UUID, path: str | Path
) -> TheoryImportResult:
    """Preview and commit in one call; any row error refuses the whole file (ValidationFailed
    with every issue: row, column, reason)."""
    preview = preview_theory_import(db, actor, event_id, path)
    return commit_theory_import(db, actor, preview)


__all__ = [
    "TheoryPreview",
    "commit_theory_import",
    "import_theory_xlsx",
    "preview_theory_import",
]
