"""Sequence numbers: incremental packages, replay, reordering, gaps, forks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kmjudge import sync
from kmjudge.db.engine import open_database
from kmjudge.device import load_or_create
from tests.sync.conftest import City, table_dump
from tests.sync.venues import Venue, change_mark, results_of, stations


def test_incremental_packages_carry_only_what_changed(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """After one corrected mark, the next package holds that contestant's marks (one chunk),
    their registration and contestant, the event's set-up and the new audit entries; the
    city applies the newer version and its results follow the venue's."""
    first = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    sync.import_package(city.db, city.admin, first.path, first.fingerprint)
    station = stations(wuhua)[0]
    change_mark(wuhua, "j2", station, "M2", "7")
    second = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    assert not second.full and second.seq == 2 and second.prev_sha256 == first.sha256
    assert second.counts["score"] == 3 * 4  # three judges x four aspects of one contestant
    assert second.counts["registration"] == 1 and second.counts["contestant"] == 1
    assert second.counts["checkin"] == 0 and second.counts["theory_score"] == 0
    assert second.audit_entries >= 2  # the export's own entry and the corrected mark
    assert second.size < first.size
    imp = sync.import_package(city.db, city.admin, second.path)
    assert imp.counts["score"].updated == 1 and imp.counts["score"].unchanged == 11
    assert results_of(city.db, wuhua.event_id) == wuhua.results()
    third = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    assert third.nothing_changed and third.counts["score"] == 0


def test_a_gap_is_refused_naming_the_missing_packages_then_in_order_works(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    packages = []
    for value in ("6", "7", "8"):
        change_mark(wuhua, "j1", stations(wuhua)[1], "M2", value)
        packages.append(sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb"))
    one, two, three = packages
    sync.import_package(city.db, city.admin, one.path, one.fingerprint)
    before = table_dump(city.db)
    with pytest.raises(sync.SequenceGap) as err:
        sync.import_package(city.db, city.admin, three.path)
    assert err.value.missing == (2,)
    assert "第 2 号" in err.value.message_zh and "2" in err.value.message_en
    assert table_dump(city.db) == before
    # Reordered on the stick: imported in the right order, both apply.
    assert sync.import_package(city.db, city.admin, two.path).status == sync.STATUS_IMPORTED
    assert sync.import_package(city.db, city.admin, three.path).status == sync.STATUS_IMPORTED
    assert results_of(city.db, wuhua.event_id) == wuhua.results()
    # Replays change nothing.
    after = table_dump(city.db)
    for p in (one, two, three):
        assert sync.import_package(city.db, city.admin, p.path).status == sync.STATUS_DUPLICATE
    assert table_dump(city.db) == after


def test_the_first_package_seen_must_be_number_one_or_a_full_export(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """A city that missed packages 1-3 gets a full export (no. 4), which fills the gap; an
    older package arriving afterwards is stale and changes nothing."""
    pk = []
    for value in ("5", "6", "7"):
        change_mark(wuhua, "j3", stations(wuhua)[2], "M2", value)
        pk.append(sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb"))
    with pytest.raises(sync.SequenceGap) as err:
        sync.import_package(city.db, city.admin, pk[2].path, pk[2].fingerprint)
    assert err.value.missing == (1, 2)
    full = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb", incremental=False)
    assert full.full and full.seq == 4
    sync.import_package(city.db, city.admin, full.path, full.fingerprint)
    assert results_of(city.db, wuhua.event_id) == wuhua.results()
    before = table_dump(city.db)
    stale = sync.import_package(city.db, city.admin, pk[1].path)
    assert stale.status == sync.STATUS_STALE and "旧" in stale.message_zh
    assert table_dump(city.db) == before


def test_a_venue_restored_from_a_backup_cannot_fork_its_sequence(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """Package 2 exported, the laptop restored to before it, package 2 exported again with
    other content: the city that holds the first no. 2 refuses the second."""
    station = stations(wuhua)[0]
    first = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    sync.import_package(city.db, city.admin, first.path, first.fingerprint)
    saved = tmp_path / "saved.sqlite3"
    wuhua.db.backup("manual")
    from kmjudge import paths
    from kmjudge.db.backup import list_backups

    shutil.copy(list_backups(paths.backups_dir(), wuhua.path.stem)[0].path, saved)
    change_mark(wuhua, "j1", station, "M2", "9")
    two_a = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb-a")
    sync.import_package(city.db, city.admin, two_a.path)
    wuhua.db.dispose()
    restored = open_database(saved, device=load_or_create(wuhua.device_dir))
    try:
        change_mark(
            Venue(wuhua.spec, saved, wuhua.device_dir, wuhua.event_id, restored),
            "j1",
            station,
            "M2",
            "3",
        )
        two_b = sync.export_package(restored, wuhua.admin, tmp_path / "usb-b")
    finally:
        restored.dispose()
    assert two_b.seq == 2 and two_b.sha256 != two_a.sha256
    before = table_dump(city.db)
    with pytest.raises(sync.PackageRefused) as err:
        sync.import_package(city.db, city.admin, two_b.path)
    assert err.value.code == "sequence_fork"
    assert table_dump(city.db) == before
