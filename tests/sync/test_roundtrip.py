"""Venue -> city: a full package reproduces the venue's results at the city exactly."""

from __future__ import annotations

from pathlib import Path

from kmjudge import audit, sync
from tests.sync.conftest import City, row_counts, table_dump
from tests.sync.venues import Venue, results_of


def test_venue_to_city_round_trip_reproduces_the_results_exactly(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """Registrations, check-ins, every mark and theory score arrive; the city recomputes the
    results of the venue's event and gets the same ranks, totals and awards."""
    res = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    assert res.full and res.seq == 1 and res.counts["score"] > 0
    imp = sync.import_package(city.db, city.admin, res.path, res.fingerprint)
    assert imp.status == sync.STATUS_IMPORTED and imp.trusted_now
    assert imp.counts["score"].inserted == res.counts["score"]
    assert results_of(city.db, wuhua.event_id) == wuhua.results()
    assert audit.verify(city.db).ok
    before = table_dump(city.db)
    again = sync.import_package(city.db, city.admin, res.path)
    assert again.status == sync.STATUS_DUPLICATE
    assert table_dump(city.db) == before
    assert row_counts(city.db)["audit_entry"] > res.audit_entries


def test_accounts_from_another_machine_arrive_inactive_without_a_pin(
    wuhua: Venue, city: City, tmp_path: Path
) -> None:
    """The venue's admin and judges travel with the rows that name them, never with their
    PIN: inactive here, and a username the city uses already gets the device-independent
    suffix of the person's id."""
    import pytest
    from sqlalchemy import select

    from kmjudge import accounts
    from kmjudge.db.models import User
    from kmjudge.errors import AuthError

    res = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    sync.import_package(city.db, city.admin, res.path, res.fingerprint)
    with city.db.read() as s:
        users = {u.username: u for u in s.scalars(select(User))}
    venue_admin = f"admin@{wuhua.admin.user_id.hex[:6]}"  # type: ignore[union-attr]
    assert users["admin"].active and venue_admin in users
    assert not users[venue_admin].active and users["j1"].active is False
    assert users[venue_admin].secret_hash == "!imported"
    for name in (venue_admin, "j1"):
        with pytest.raises(AuthError):
            accounts.login(city.db, name, "2580")
