"""Read-ahead of a batch (kmjudge.sync.prefetch): the next packages are read in a second
process while one merges. The result must be exactly what importing one by one gives, and
the helper's reading is never trusted for any other bytes than the ones it read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kmjudge import sync
from kmjudge.db.engine import open_database
from tests.sync import craft
from tests.sync.conftest import make_city, table_dump
from tests.sync.venues import Venue

# Columns that differ between two cities however the packages arrive (their own ids, the
# time of the import, where the file was): everything else must be equal.
_OWN = {
    "device",
    "app_user",
    "audit_entry",
    "package_log",
    "device_trust",
    "setting",
    "sync_conflict",
}


def _comparable(db_dump: dict[str, list[tuple[object, ...]]]) -> dict[str, object]:
    return {k: v for k, v in db_dump.items() if k not in _OWN}


def test_a_batch_read_ahead_gives_the_same_city_as_one_by_one(
    venues: dict[str, Venue], tmp_path: Path
) -> None:
    packages = [sync.export_package(v.db, v.admin, tmp_path / "usb") for v in venues.values()]
    paths = [p.path for p in packages]
    dumps = []
    for read_ahead in (True, False):
        db = open_database(tmp_path / f"city-{read_ahead}.sqlite3")
        try:
            city = make_city(db)
            used = []
            with sync.Prefetcher(paths if read_ahead else []) as ahead:
                for n, p in enumerate(packages):
                    prepared = ahead.take(n)
                    used.append(prepared is not None)
                    res = sync.import_package(
                        db, city.admin, p.path, p.fingerprint, backup=False, prepared=prepared
                    )
                    assert res.status == sync.STATUS_IMPORTED
            # the first package is read here while the helper starts; the others by it
            assert used == ([False, True, True] if read_ahead else [False, False, False])
            kinds = sorted(c.kind for c in sync.list_conflicts(db, city.admin))
            dumps.append({**_comparable(table_dump(db)), "conflicts": kinds})
        finally:
            db.dispose()
    assert dumps[0] == dumps[1]


def test_a_file_changed_after_it_was_read_ahead_is_read_again_and_refused(
    venues: dict[str, Venue], tmp_path: Path
) -> None:
    packages = [sync.export_package(v.db, v.admin, tmp_path / "usb") for v in venues.values()]
    db = open_database(tmp_path / "city.sqlite3")
    try:
        city = make_city(db)
        before = table_dump(db)
        with sync.Prefetcher([p.path for p in packages]) as ahead:
            prepared = ahead.take(1)
            assert prepared is not None and prepared.sha256 == packages[1].sha256
            # the stick's file is swapped for a tampered one after the helper read it
            items = craft.members(packages[1].path)
            items["data/score.jsonl"] = craft.flip(items["data/score.jsonl"])
            craft.write(packages[1].path, items)
            with pytest.raises(sync.PackageRefused):
                sync.import_package(
                    db, city.admin, packages[1].path, packages[1].fingerprint, prepared=prepared
                )
        assert table_dump(db) == before
    finally:
        db.dispose()


def test_a_reading_of_another_package_is_not_used(venues: dict[str, Venue], tmp_path: Path) -> None:
    one, two = (
        sync.export_package(v.db, v.admin, tmp_path / "usb") for v in list(venues.values())[:2]
    )
    db = open_database(tmp_path / "city.sqlite3")
    try:
        city = make_city(db)
        with sync.Prefetcher([two.path, two.path]) as ahead:
            wrong = ahead.take(1)
        assert wrong is not None
        res = sync.import_package(db, city.admin, one.path, one.fingerprint, prepared=wrong)
        assert res.status == sync.STATUS_IMPORTED and res.sha256 == one.sha256
        assert res.counts["score"].inserted == sum(
            1 for _ in craft.members(one.path)["data/score.jsonl"].splitlines()[1:]
        )
    finally:
        db.dispose()
