"""A full disk or a pulled USB stick during a backup, a restore or an export: a clear error,
no partial file left behind, the database as it was.

"Full" is real: a tiny tmpfs is mounted (the tests skip when mounting is not permitted).
"Pulled" is an EIO from the operating system at the moment the file is flushed.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kmjudge import checkin, paths
from kmjudge.db import backup as backup_mod
from kmjudge.db.engine import Database, open_database
from kmjudge.errors import DatabaseError, KmError
from kmjudge.fileio import WriteFailed
from kmjudge.registration.sheet import export_rejections_xlsx, read_registration_file
from kmjudge.scheme import load_scheme, write_scheme_xlsx
from tests.checkin.conftest import Venue, build_venue
from tests.conftest import EXAMPLES

Mount = Callable[[int], Path]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Mount]:
    """``tiny_disk(size_bytes)`` mounts a tmpfs of that size and returns its folder."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        where = tmp_path / f"stick{len(mounted)}"
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path, leave: int) -> None:
    """Fill a tmpfs until only about ``leave`` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    if free > leave:
        (folder / "filler.bin").write_bytes(b"\0" * (free - leave))


def _dump(db: Database) -> list[str]:
    """The logical content of the database (every row), to prove it did not change."""
    import sqlite3

    assert db.path is not None
    con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def venue(db: Database, tmp_path: Path) -> Venue:
    return build_venue(db, tmp_path)


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*") if p.is_file()}


def test_backup_onto_a_full_disk_leaves_no_partial_and_the_database_unchanged(
    venue: Venue, tiny_disk: Mount, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backups folder is a 64 KB stick, smaller than the database: the backup fails with
    "空间已满", no file is left on the stick, the database is unchanged and keeps working."""
    stick = tiny_disk(64 * 1024)
    monkeypatch.setenv("KMJUDGE_HOME", str(stick))
    before = _dump(venue.db)
    with pytest.raises(DatabaseError) as info:
        venue.db.backup("manual")
    assert info.value.code == "backup_failed"
    assert "空间已满" in info.value.message_zh and "full" in info.value.message_en
    assert "没有留下不完整的备份文件" in info.value.message_zh
    assert _files(stick) == set(), "a partial backup was left on the stick"
    assert backup_mod.list_backups(paths.backups_dir()) == []
    assert _dump(venue.db) == before
    t = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)[0]
    assert checkin.scan(venue.db, venue.registrar, venue.event_id, t.token).ok


def test_stick_pulled_while_a_backup_is_flushed(
    venue: Venue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EIO at the fsync (the stick is gone): "U 盘被拔出", no .part, no backup listed."""
    real_fsync = os.fsync

    def pulled(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup_mod.os, "fsync", pulled)
    before = _dump(venue.db)
    with pytest.raises(DatabaseError) as info:
        venue.db.backup("manual")
    monkeypatch.setattr(backup_mod.os, "fsync", real_fsync)
    assert "U 盘被拔出" in info.value.message_zh and "pulled out" in info.value.message_en
    assert not list(paths.backups_dir().glob("*.part"))
    assert all(b.reason != "manual" for b in backup_mod.list_backups(paths.backups_dir()))
    assert _dump(venue.db) == before


def test_restore_onto_a_full_disk_keeps_the_current_file(
    tmp_path: Path, tiny_disk: Mount, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database lives on a stick with no room for the restored copy: restore fails with a
    clear message, the current file is byte-for-byte as it was, no partial copy is left."""
    source_home = tmp_path / "home"
    monkeypatch.setenv("KMJUDGE_HOME", str(source_home))
    db = open_database(tmp_path / "venue.sqlite3")
    build_venue(db, tmp_path)
    good = db.backup("manual")
    db.dispose()
    stick = tiny_disk(2 * good.stat().st_size + 64 * 1024)
    target = stick / "venue.sqlite3"
    target.write_bytes(good.read_bytes())
    _fill(stick, good.stat().st_size // 3)
    before = target.read_bytes()
    with pytest.raises(DatabaseError) as info:
        backup_mod.restore_sqlite(good, target, paths.backups_dir())
    assert info.value.code == "restore_failed" and "空间已满" in info.value.message_zh
    assert target.read_bytes() == before
    assert _files(stick) == {"venue.sqlite3", "filler.bin"}


def _export_cases(venue: Venue, tmp_path: Path) -> dict[str, Callable[[Path], object]]:
    rejected = tmp_path / "bad.csv"
    rejected.write_text("姓名,身份证号码\n张三,530102199001011235\n", encoding="utf-8")
    parsed = read_registration_file(rejected)
    scheme = load_scheme(EXAMPLES / "scheme-electrician.toml")
    return {
        "tickets_pdf": lambda out: checkin.write_tickets_pdf(
            venue.db, venue.admin, venue.event_id, out / "准考证.pdf"
        ),
        "noshow_xlsx": lambda out: checkin.export_noshow_xlsx(
            venue.db, venue.admin, venue.event_id, out / "缺考.xlsx"
        ),
        "draw_list_pdf": lambda out: checkin.write_draw_list_pdf(
            venue.db, venue.admin, venue.event_id, out / "抽签.pdf"
        ),
        "rejections_xlsx": lambda out: export_rejections_xlsx(parsed, out / "未通过.xlsx"),
        "scheme_template_xlsx": lambda out: write_scheme_xlsx(scheme, out / "评分标准.xlsx"),
    }


EXPORTS = ["tickets_pdf", "noshow_xlsx", "draw_list_pdf", "rejections_xlsx", "scheme_template_xlsx"]


@pytest.mark.parametrize("kind", EXPORTS)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_export_to_a_full_stick_leaves_no_partial_file(
    kind: str, venue: Venue, tmp_path: Path, tiny_disk: Mount
) -> None:
    """Each export onto a stick with 4 KB free: a WriteFailed (a KmError, so the GUI and CLI
    show it) saying the stick is full, nothing on the stick, and no print/export logged."""
    from kmjudge.db.models import PrintLog
    from tests.reliability.operations import count_rows

    export = _export_cases(venue, tmp_path)[kind]
    export(tmp_path / "roomy")  # works where there is room (and issues the tickets)
    stick = tiny_disk(256 * 1024)
    _fill(stick, 4096)
    logs = count_rows(venue.db, PrintLog)
    with pytest.raises(WriteFailed) as info:
        export(stick)
    assert isinstance(info.value, KmError)
    assert "空间已满" in info.value.message_zh and "没有留下不完整的文件" in info.value.message_zh
    assert _files(stick) == {"filler.bin"}, "a partial export was left"
    assert count_rows(venue.db, PrintLog) == logs


def test_cli_reports_a_full_stick_in_words(
    venue: Venue,
    tmp_path: Path,
    tiny_disk: Mount,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`kmjudge checkin noshow EVENT --out STICK/x.xlsx` on a full stick: exit 1 and one
    readable line on stderr (no traceback)."""
    from kmjudge.cli import main

    stick = tiny_disk(64 * 1024)
    _fill(stick, 2048)
    assert venue.db.path is not None
    monkeypatch.setenv("KMJUDGE_USER", "admin")
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    code = main(
        [
            "checkin",
            "noshow",
            str(venue.event_id),
            "--out",
            str(stick / "缺考.xlsx"),
            "--db",
            str(venue.db.path),
            "--lang",
            "zh",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "空间已满" in err and "Traceback" not in err
    assert _files(stick) == {"filler.bin"}


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("kind", ["board_xlsx", "board_pdf", "winners_pdf"])
def test_results_export_to_a_full_stick_leaves_no_partial_file(
    kind: str, db: Database, tmp_path: Path, tiny_disk: Mount
) -> None:
    """Result lists (成绩公示表 xlsx/pdf, 获奖名单) onto a full stick: WriteFailed, no file."""
    from kmjudge.results import publish
    from tests.results.test_publish import released as released_fixture

    _, view = released_fixture.__wrapped__(db)  # type: ignore[attr-defined]
    stick = tiny_disk(256 * 1024)
    _fill(stick, 4096)
    suffix = "xlsx" if kind.endswith("xlsx") else "pdf"
    with pytest.raises(WriteFailed):
        getattr(publish, kind)(view, stick / f"{kind}.{suffix}")
    assert _files(stick) == {"filler.bin"}


def test_package_export_to_a_full_stick_leaves_nothing_and_logs_nothing(
    venue: Venue, tiny_disk: Mount
) -> None:
    """The signed package for the city office onto a full stick: a refusal with a message,
    no file (not even a .part) on the stick, no package logged, nothing audited."""
    sync = pytest.importorskip("kmjudge.sync")
    from kmjudge.db.models import AuditEntry, PackageLog
    from tests.reliability.operations import count_rows

    stick = tiny_disk(256 * 1024)
    _fill(stick, 8192)
    before = (count_rows(venue.db, PackageLog), count_rows(venue.db, AuditEntry))
    with pytest.raises(KmError) as info:
        sync.export_package(venue.db, venue.admin, stick)
    assert info.value.message_zh and info.value.message_en
    assert _files(stick) == {"filler.bin"}
    assert (count_rows(venue.db, PackageLog), count_rows(venue.db, AuditEntry)) == before


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_certificates_to_a_full_stick_issue_nothing(
    db: Database, tmp_path: Path, tiny_disk: Mount
) -> None:
    """A certificate batch onto a full stick: WriteFailed, no PDF, no certificate issued, no
    print logged - the same plan prints once there is room."""
    cert = pytest.importorskip("kmjudge.certificates")
    from kmjudge.db.models import Certificate, PrintLog
    from tests.certificates.helpers import scored_event
    from tests.conftest import make_admin
    from tests.reliability.operations import count_rows

    ev = scored_event(db, make_admin(db))
    chief = ev.login("chief")
    plan = cert.plan_batch(db, chief, ev.event_id)
    stick = tiny_disk(512 * 1024)
    _fill(stick, 16 * 1024)
    with pytest.raises(WriteFailed):
        cert.issue_certificates(db, chief, plan, stick / "获奖证书.pdf")
    assert _files(stick) == {"filler.bin"}
    assert count_rows(db, Certificate) == 0 and count_rows(db, PrintLog) == 0
    done = cert.issue_certificates(db, chief, plan, tmp_path / "获奖证书.pdf")
    assert done.new == 6
