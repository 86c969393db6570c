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
