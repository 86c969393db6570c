"""Theory scores from the exam system's export: preview, per-row errors, commit, re-import."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from kmjudge.db.models import Contestant, Registration, TheoryScore
from kmjudge.errors import KmError, ValidationFailed
from kmjudge.judging import theory
from tests.judging.conftest import Venue


def _people(v: Venue) -> list[tuple[str, str, str]]:
    """(ticket, ID number, name) by station."""
    with v.db.read() as s:
        rows = s.execute(
            select(Registration.ticket_no, Contestant.id_number, Contestant.name)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == v.event_id)
            .order_by(Registration.station_no)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _xlsx(path: Path, header: list[str], rows: list[list[object]], title: str | None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _theory(v: Venue) -> dict[str, Decimal]:
    with v.db.read() as s:
        rows = s.execute(
            select(Registration.ticket_no, TheoryScore.value).join(
                TheoryScore, TheoryScore.registration_id == Registration.id
            )
        ).all()
    return {r[0]: r[1] for r in rows}


def test_import_by_ticket_with_title_row_and_synonym_header(venue: Venue, tmp_path: Path) -> None:
    """A 理论分数 export keyed by 准考证号 (ticket numbers stored as numbers, a title row on
    top, a 缺考 row) imports; re-importing a corrected file updates only the changed score."""
    people = _people(venue)
    rows: list[list[object]] = [[int(t), n, 80 + i] for i, (t, _id, n) in enumerate(people[:5])]
    rows.append([people[5][0], people[5][2], "缺考"])
    rows[1][2] = 85.5
    path = _xlsx(tmp_path / "理论.xlsx", ["准考证号", "姓名", "理论分数"], rows, "理论考试成绩导出")
    preview = theory.preview_theory_import(venue.db, venue.admin, venue.event_id, path)
    assert preview.ok and preview.count("new") == 5 and len(preview.skipped) == 1
    assert preview.skipped[0].row == 8 and "缺考" in preview.skipped[0].message_zh
    result = theory.commit_theory_import(venue.db, venue.admin, preview)
    assert (result.created, result.updated, result.skipped) == (5, 0, 1)
    assert _theory(venue)[people[1][0]] == Decimal("85.5")
    rows[1][2] = 88
    theory.import_theory_xlsx(
        venue.db,
        venue.admin,
        venue.event_id,
        _xlsx(tmp_path / "理论2.xlsx", ["准考证号", "姓名", "理论成绩"], rows, None),
    )
    stored = _theory(venue)
    assert stored[people[1][0]] == 88 and stored[people[0][0]] == 80 and len(stored) == 5
    with venue.db.read() as s:
        row = s.scalar(select(TheoryScore).where(TheoryScore.value == 88))
        assert row is not None and row.version == 2


def test_per_row_errors_with_row_column_reason_and_nothing_written(
    venue: Venue, tmp_path: Path
) -> None:
    """Out of range, three decimals, unknown ticket, wrong name, a duplicate and a text score:
    each reported with its Excel row, column and a Chinese reason; the commit writes nothing."""
    p = _people(venue)
    rows: list[list[object]] = [
        [p[0][0], p[0][2], 101],
        [p[1][0], p[1][2], "85.125"],
        ["269999", "某某", 70],
        [p[2][0], "错名字", 70],
        [p[3][0], p[3][2], 60],
        [p[3][0], p[3][2], 61],
        [p[4][0], p[4][2], "优秀"],
        [p[5][0], p[5][2], 75],
    ]
    path = _xlsx(tmp_path / "bad.xlsx", ["准考证号", "姓名", "成绩"], rows, None)
    preview = theory.preview_theory_import(venue.db, venue.admin, venue.event_id, path)
    got = [(i.row, i.column, i.code) for i in preview.issues]
    assert got == [
        (2, "成绩", "range"),
        (3, "成绩", "decimals"),
        (4, "准考证号", "unknown_ticket"),
        (5, "姓名", "name_mismatch"),
        (6, "准考证号", "duplicate"),  # both rows of a duplicate: which score is right?
        (7, "准考证号", "duplicate"),
        (8, "成绩", "not_a_number"),
    ]
    zh = {i.code: i.message_zh for i in preview.issues if i.row != 6}
    assert "0 到 100 分之间" in zh["range"] and "两位小数" in zh["decimals"]
    assert "与第 6 行是同一名选手" in zh["duplicate"] and "不符" in zh["name_mismatch"]
    with pytest.raises(ValidationFailed) as info:
        theory.commit_theory_import(venue.db, venue.admin, preview)
    assert "第 2 行 成绩" in info.value.message_zh
    with venue.db.read() as s:
        assert s.scalar(select(func.count()).select_from(TheoryScore)) == 0


def test_import_by_id_number_csv_gbk(venue: Venue, tmp_path: Path) -> None:
    """A GBK CSV keyed by 身份证号 works too; an ID Excel mangled into a float is explained."""
    p = _people(venue)
    lines = ["身份证号,考生姓名,理论成绩"] + [
        f"{idn},{name},{70 + i}" for i, (_t, idn, name) in enumerate(p[:3])
    ]
    lines.append("5.30102E+17,某某,60")
    path = tmp_path / "exam.csv"
    path.write_bytes("\n".join(lines).encode("gbk"))
    preview = theory.preview_theory_import(venue.db, venue.admin, venue.event_id, path)
    assert [(i.row, i.code) for i in preview.issues] == [(5, "float_lost_digits")]
    path.write_bytes("\n".join(lines[:-1]).encode("gbk"))
    result = theory.import_theory_xlsx(venue.db, venue.admin, venue.event_id, path)
    assert result.created == 3 and _theory(venue)[p[2][0]] == 72


def test_a_file_without_the_needed_columns_is_refused(venue: Venue, tmp_path: Path) -> None:
    """A sheet without a key or a score column is refused as a whole, naming what is needed."""
    path = _xlsx(tmp_path / "x.xlsx", ["姓名", "实操成绩"], [["张伟", 80]], None)
    with pytest.raises(KmError) as info:
        theory.preview_theory_import(venue.db, venue.admin, venue.event_id, path)
    assert "准考证号" in info.value.message_zh and info.value.code == "no_header"


def test_skip_rejected_imports_the_good_rows_and_neither_row_of_a_duplicate(
    venue: Venue, tmp_path: Path
) -> None:
    """The wizard's commit (``skip_rejected=True``): the good rows are written in one go; an
    out-of-range row and both rows of a duplicate (which score is right?) are left out, and
    the audit entry lists the rows left out."""
    from kmjudge.db.models import AuditEntry

    p = _people(venue)
    rows: list[list[object]] = [[t, n, 70 + i] for i, (t, _id, n) in enumerate(p[:4])]
    rows[1][2] = 140
    rows.append([p[2][0], p[2][2], 99])  # the same contestant as row 4, another score
    path = _xlsx(tmp_path / "t.xlsx", ["准考证号", "姓名", "成绩"], rows, None)
    preview = theory.preview_theory_import(venue.db, venue.admin, venue.event_id, path)
    assert preview.rejected_rows == [3, 4, 6] and preview.writable == 2
    result = theory.commit_theory_import(venue.db, venue.admin, preview, skip_rejected=True)
    assert (result.created, result.updated) == (2, 0)
    assert _theory(venue) == {p[0][0]: Decimal(70), p[3][0]: Decimal(73)}
    with venue.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "theory.import")).one()
    assert entry.after["rejected_rows"] == [3, 4, 6]
