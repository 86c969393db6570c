"""The same machinery inside a venue and from the city office: set-up packages, judges'
laptops to the chief judge's laptop, and rules that must travel (回避 removes marks)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kmjudge import accounts, audit, checkin, events, judges, sync
from kmjudge.db.engine import open_database
from kmjudge.db.models import Score, User
from kmjudge.errors import AuthError
from kmjudge.judging import entry
from kmjudge.setupfile import parse_setup_dict
from tests.sync.conftest import SPECS, City
from tests.sync.venues import (
    JUDGES,
    PIN,
    Venue,
    _setup,
    laptop_from_setup,
    named_device,
    registrations,
    results_of,
    stations,
)


def test_city_set_up_package_runs_a_venue_and_comes_back(city: City, tmp_path: Path) -> None:
    """The city office creates an event with its judges and sends the set-up to a venue
    laptop; the venue marks; its package back reproduces the venue's results at the city."""
    admin = accounts.login(city.db, "admin", PIN)
    for j in JUDGES:
        accounts.create_user(city.db, admin, j, f"裁判{j}", ["judge"], PIN)
    (event_id,) = events.create_from_setup(
        city.db, admin, parse_setup_dict(_setup(SPECS["panlong"]))
    )
    for j in JUDGES:
        judges.assign_judge(city.db, admin, event_id, j)
    setup = sync.export_setup(city.db, admin, tmp_path / "usb", [event_id])
    assert setup.kind == "setup" and setup.full and "judge_assignment" in setup.counts
    assert setup.audit_entries == 0 and setup.counts["app_user"] == 3

    venue_db = open_database(
        tmp_path / "venue-laptop.sqlite3", device=named_device(tmp_path / "dev", "盘龙赛点")
    )
    try:
        accounts.create_first_admin(venue_db, "admin", "赛点管理员", PIN)
        vadmin = accounts.login(venue_db, "admin", PIN)
        res = sync.import_package(venue_db, vadmin, setup.path, setup.fingerprint)
        assert res.kind == "setup" and res.counts["event"].inserted == 1
        # Judges arrive without a PIN: they cannot sign in until the admin gives them one.
        with pytest.raises(AuthError):
            accounts.login(venue_db, "j1", PIN)
        with venue_db.read() as s:
            assert s.scalar(select(User.active).where(User.username == "j1")) is True
        for j in JUDGES:
            accounts.set_secret(venue_db, vadmin, j, PIN)
        sheet = tmp_path / "报名.csv"
        sheet.write_text(
            "姓名,身份证号码\n王小二,110101199003074477\n李四,110101198001010053\n", "utf-8"
        )
        from kmjudge.registration import service

        service.import_file(venue_db, vadmin, event_id, sheet)
        for reg in service.list_registrations(venue_db, vadmin, event_id):
            checkin.manual_checkin(venue_db, vadmin, reg.id, "核验")
        checkin.draw_all(venue_db, vadmin, event_id)
        for j in JUDGES:
            judge = accounts.login(venue_db, j, PIN)
            grid = entry.judge_sheet(venue_db, judge, event_id)
            for row in grid.stations:
                for a in grid.aspects:
                    value = {"M1": "30", "J1": "2", "M2": "25", "D1": "0"}[a.code]
                    entry.enter_score(venue_db, judge, event_id, row.station_no, a.code, value)
        back = sync.export_package(venue_db, vadmin, tmp_path / "usb-back")
        imp = sync.import_package(city.db, city.admin, back.path, back.fingerprint)
        assert imp.counts["score"].inserted == 2 * 3 * 4
        assert imp.counts["event"].unchanged + imp.counts["event"].updated == 1
        assert results_of(city.db, event_id) == results_of(venue_db, event_id)
        assert audit.verify(city.db).ok
    finally:
        venue_db.dispose()


def test_judges_laptop_to_the_chief_judges_laptop_then_to_the_city(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> None:
    """A judge's laptop (set up from the venue's main laptop) marks the latecomer; its package
    goes to the main laptop, whose next package relays those marks and the judge laptop's
    audit chain to the city, which verifies it."""
    main = venue_copy("wuhua")
    late = registrations(main)[-1]
    checkin.manual_checkin(main.db, main.admin, late.id, "迟到，核验身份证")
    checkin.draw_all(main.db, main.admin, main.event_id)
    laptop = laptop_from_setup(main, tmp_path / "j-laptop", "五华评分笔记本", pins=JUDGES)
    new_station = next(r.station_no for r in registrations(main) if r.id == late.id)
    assert new_station is not None
    for j in JUDGES:
        judge = accounts.login(laptop.db, j, PIN)
        for code, value in {"M1": "33", "J1": "3", "M2": "28", "D1": "1"}.items():
            entry.enter_score(laptop.db, judge, laptop.event_id, new_station, code, value)
    up = sync.export_package(laptop.db, laptop.admin, tmp_path / "usb")
    imp = sync.import_package(main.db, main.admin, up.path, up.fingerprint)
    assert imp.counts["score"].inserted == 12
    assert imp.audit_entries > 12
    to_city = sync.export_package(main.db, main.admin, tmp_path / "usb-city")
    assert str(laptop.db.device.id) in {str(d) for d in _audit_devices(to_city.path)}
    sync.import_package(city.db, city.admin, to_city.path, to_city.fingerprint)
    assert results_of(city.db, main.event_id) == main.results()
    report = audit.verify(city.db)
    assert report.ok and report.devices == 3  # city, main laptop, judge laptop


def _audit_devices(path: Path) -> list[str]:
    from tests.sync.craft import members

    return [
        n.removeprefix("audit/").removesuffix(".jsonl")
        for n in members(path)
        if n.startswith("audit/")
    ]


def test_an_exclusion_at_the_venue_removes_the_marks_at_the_city(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> None:
    """回避 decided after the first package: the judge's marks for that contestant are gone
    at the venue, and the next package removes them at the city too."""
    v = venue_copy("wuhua")
    first = sync.export_package(v.db, v.admin, tmp_path / "usb")
    sync.import_package(city.db, city.admin, first.path, first.fingerprint)
    station = stations(v)[0]
    judges.exclude(v.db, v.admin, v.event_id, "j2", station_no=station, reason="同一工作单位")
    second = sync.export_package(v.db, v.admin, tmp_path / "usb")
    imp = sync.import_package(city.db, city.admin, second.path)
    assert imp.counts["judge_exclusion"].inserted == 1
    with city.db.read() as s:
        j2 = s.scalar(select(User.id).where(User.username == "j2"))
        n = s.scalar(select(func.count()).select_from(Score).where(Score.judge_id == j2))
    with v.db.read() as s:
        j2v = s.scalar(select(User.id).where(User.username == "j2"))
        nv = s.scalar(select(func.count()).select_from(Score).where(Score.judge_id == j2v))
    assert n == nv
    assert results_of(city.db, v.event_id) == v.results()


def test_packages_need_the_export_and_import_permissions(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> None:
    from kmjudge.errors import PermissionDenied

    v = venue_copy("wuhua")
    with pytest.raises(PermissionDenied):
        sync.export_package(v.db, v.actor("j1"), tmp_path / "usb")
    res = sync.export_package(v.db, v.admin, tmp_path / "usb")
    judge = accounts.create_user(
        city.db, accounts.login(city.db, "admin", PIN), "cj", "裁判", ["judge"], PIN
    )
    assert judge.username == "cj"
    with pytest.raises(PermissionDenied):
        sync.import_package(city.db, accounts.login(city.db, "cj", PIN), res.path, res.fingerprint)
    with pytest.raises(sync.PackageRefused) as err:
        sync.import_package(v.db, v.admin, res.path)
    assert err.value.code == "own_package"
