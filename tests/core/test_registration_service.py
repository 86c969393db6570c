"""Registration import through the service: preview writes nothing, commit is all-or-nothing,
re-import updates instead of duplicating, walk-ins, permissions and search."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from kmjudge import accounts, audit, events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.errors import KmError, PermissionDenied, ValidationFailed
from kmjudge.registration import service
from kmjudge.registration.idcard import make_id_number
from tests.conftest import EXAMPLES, make_admin

GOOD = [
    make_id_number("530102", date(1985 + i, 1 + i % 12, 1 + i), 100 + i, "M" if i % 3 else "F")
    for i in range(8)
]


def _bad_checksum(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def messy_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["昆明市2026年电工职业技能竞赛报名表"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["序号", "姓 名", "性别", "身份证号码", "工作单位", "联系电话"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def venue(any_db: Database) -> tuple[Database, Actor, uuid.UUID]:
    admin = make_admin(any_db)
    ev, _ = events.import_setup_file(any_db, admin, EXAMPLES / "event-setup.toml")
    return any_db, admin, ev


def _sheet(tmp_path: Path) -> Path:
    g = "女"  # GOOD[3] is a woman's number
    return messy_xlsx(
        tmp_path / "reg.xlsx",
        [
            [1, "张三", "男" if int(GOOD[0][16]) % 2 else "女", GOOD[0], "昆明供电局", 13800000001],
            [2, "李 四", None, GOOD[1], "昆钢", "13800000002"],
            [3, "王五", None, _bad_checksum(GOOD[2]), "昆明地铁", None],  # rejected
            [4, "赵六", None, "530102850101123", "云内动力", None],  # 15 digits: rejected
            [5, "钱七", None, GOOD[1], "昆钢", None],  # duplicate of row 5: rejected
            [6, "孙八", g, GOOD[3], "昆明船舶", None],
        ],
    )


def test_preview_writes_nothing_and_explains_every_bad_row(venue, tmp_path: Path) -> None:
    db, admin, ev = venue
    preview = service.preview_import(db, admin, ev, _sheet(tmp_path))
    assert preview.rejected_rows == [6, 7, 8]  # sheet rows (title, blank, header above)
    codes = {i.row: i.code for i in preview.rejected}
    assert codes[6] == "checksum" and codes[7] == "length_15" and codes[8] == "duplicate_in_file"
    assert all(i.message_zh for i in preview.rejected)
    assert service.list_registrations(db, admin, ev) == []


def test_commit_writes_accepted_rows_once_and_reimport_updates(venue, tmp_path: Path) -> None:
    """Accepted rows commit together; the same sheet again changes nothing; a corrected
    sheet updates the same people instead of duplicating them."""
    db, admin, ev = venue
    sheet = _sheet(tmp_path)
    _, result = service.import_file(db, admin, ev, sheet)
    assert (result.created, result.rejected) == (3, 3)
    rows = service.list_registrations(db, admin, ev)
    assert sorted(r.name for r in rows) == ["孙八", "张三", "李四"]
    assert len({r.ticket_no for r in rows}) == 3

    _again, second = service.import_file(db, admin, ev, sheet)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)

    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    ws["E4"] = "昆明供电局（官渡）"
    wb.save(sheet)
    preview = service.preview_import(db, admin, ev, sheet)
    updates = [p for p in preview.plans if p.action == "update"]
    assert len(updates) == 1 and updates[0].changes["employer"][1] == "昆明供电局（官渡）"
    service.commit_import(db, admin, preview)
    rows = service.list_registrations(db, admin, ev)
    assert len(rows) == 3
    assert {r.employer for r in rows if r.name == "张三"} == {"昆明供电局（官渡）"}
    assert audit.verify(db).ok


def test_failed_commit_leaves_the_database_as_it_was(venue, tmp_path: Path, monkeypatch) -> None:
    """An error in the middle of the commit rolls everything back."""
    db, admin, ev = venue
    preview = service.preview_import(db, admin, ev, _sheet(tmp_path))

    def boom(*_a, **_k):
        raise RuntimeError("disk pulled")

    monkeypatch.setattr(service.audit, "record", boom)
    with pytest.raises(RuntimeError):
        service.commit_import(db, admin, preview)
    monkeypatch.undo()
    assert service.list_registrations(db, admin, ev) == []
    from sqlalchemy import func, select

    from kmjudge.db.models import Contestant

    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Contestant)) == 0


def test_backup_is_taken_before_an_import(db: Database, admin: Actor, tmp_path: Path) -> None:
    from kmjudge import paths
    from kmjudge.db.backup import list_backups

    ev, _ = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    _, result = service.import_file(db, admin, ev, _sheet(tmp_path))
    assert result.backup is not None and result.backup.exists()
    assert "pre-import" in [b.reason for b in list_backups(paths.backups_dir())]
    con = sqlite3.connect(result.backup)
    assert con.execute("select count(*) from registration").fetchone()[0] == 0
    con.close()


def test_ticket_taken_by_someone_else_is_rejected(venue, tmp_path: Path) -> None:
    db, admin, ev = venue
    first = messy_xlsx(tmp_path / "a.xlsx", [[1, "张三", None, GOOD[0], "甲", None]])
    service.import_file(db, admin, ev, first)
    ticket = service.list_registrations(db, admin, ev)[0].ticket_no
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "准考证号"])
    ws.append(["李四", GOOD[4], ticket])
    wb.save(tmp_path / "b.xlsx")
    preview = service.preview_import(db, admin, ev, tmp_path / "b.xlsx")
    assert [i.code for i in preview.rejected] == ["ticket_taken"]


def test_file_level_errors_are_clear(venue, tmp_path: Path) -> None:
    db, admin, ev = venue
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook at all")
    with pytest.raises(KmError) as info:
        service.preview_import(db, admin, ev, junk)
    assert info.value.message_zh


def test_walkin_adds_one_and_refuses_bad_input(venue) -> None:
    db, admin, ev = venue
    view = service.add_walkin(db, admin, ev, service.WalkIn("周九", GOOD[5], "13912345678"))
    assert view.ticket_no and view.source == "walkin"
    with pytest.raises(KmError) as dup:
        service.add_walkin(db, admin, ev, service.WalkIn("周九", GOOD[5]))
    assert dup.value.code == "duplicate"
    with pytest.raises(ValidationFailed) as bad:
        service.add_walkin(db, admin, ev, service.WalkIn("", _bad_checksum(GOOD[6]), "123"))
    wheres = {i.where for i in bad.value.issues}
    assert wheres == {"姓名", "身份证号码", "联系电话"}
    assert len(service.list_registrations(db, admin, ev)) == 1


def test_judges_cannot_read_names(venue) -> None:
    """Blind marking: the contestant list is refused to a judge by the core."""
    db, admin, ev = venue
    accounts.create_user(db, admin, "j1", "裁判", ["judge"], "2468")
    judge = accounts.login(db, "j1", "2468")
    with pytest.raises(PermissionDenied):
        service.list_registrations(db, judge, ev)
    with pytest.raises(PermissionDenied):
        service.add_walkin(db, judge, ev, service.WalkIn("周九", GOOD[5]))


def test_search_by_name_id_digits_and_ticket(venue) -> None:
    db, admin, ev = venue
    for i, name in enumerate(["张三", "张三丰", "李四"]):
        service.add_walkin(db, admin, ev, service.WalkIn(name, GOOD[i]))
    rows = service.list_registrations(db, admin, ev)
    idx = service.SearchIndex(rows)
    assert [rows[i].name for i in idx.search("张三")] == ["张三", "张三丰"]
    assert [rows[i].name for i in idx.search(GOOD[2][-4:])] == ["李四"]
    assert [rows[i].name for i in idx.search(rows[1].ticket_no)] == [rows[1].name]
    assert len(idx.search("")) == 3
