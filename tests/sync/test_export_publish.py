"""An export cut off between the database commit and the file's rename is finished later."""

from __future__ import annotations

from pathlib import Path

from kmjudge import sync
from tests.sync.conftest import City
from tests.sync.venues import Venue


def test_a_package_left_as_part_after_its_commit_gets_its_name_at_the_next_export(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """The package keeps its ``.part`` name until the database has recorded it; a power cut
    right after the commit leaves the recorded package as ``.NAME.part``. The next export
    gives it its name first, so the city still receives packages 1 and 2 in order."""
    usb = tmp_path / "usb"
    first = sync.export_package(wuhua.db, wuhua.admin, usb)
    part = first.path.parent / f".{first.path.name}.part"
    first.path.rename(part)  # as if the rename never happened
    assert not first.path.exists()
    second = sync.export_package(wuhua.db, wuhua.admin, usb)
    assert first.path.exists() and not part.exists()
    assert second.seq == 2 and second.prev_sha256 == first.sha256
    assert sorted(p.name for p in usb.iterdir()) == sorted([first.path.name, second.path.name])
    for res in (first, second):
        sync.import_package(city.db, city.admin, res.path, res.fingerprint)


def test_a_part_the_database_never_recorded_is_removed_by_the_next_export(
    wuhua: Venue, tmp_path: Path
) -> None:
    """An export killed before its commit leaves ``.NAME.part`` that no package record
    names; the next export (a second or more later, so under another name) removes it, and
    leaves alone a part of another device and other files on the stick."""
    usb = tmp_path / "usb"
    usb.mkdir()
    dev = str(wuhua.db.device.id)[:8]
    stale = usb / f".kmjudge-venue-x-{dev}-0001-20260101-000000.zip.part"
    stale.write_bytes(b"PK half a package")
    other = usb / ".kmjudge-venue-x-0000abcd-0001-20260101-000000.zip.part"
    other.write_bytes(b"another laptop's")
    notes = usb / "说明.txt"
    notes.write_text("移交单", encoding="utf-8")
    res = sync.export_package(wuhua.db, wuhua.admin, usb)
    assert res.seq == 1 and res.path.exists()
    assert not stale.exists() and other.exists() and notes.exists()
