"""The command line: export with a handover slip, inspect, trust, import, conflicts, log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kmjudge.cli import main
from tests.sync.conftest import make_city
from tests.sync.venues import Venue, change_mark, stations


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    user: str,
    *argv: str,
) -> tuple[int, Any, str]:
    """One ``kmjudge`` call as the user at one installation (its own data folder and key)."""
    monkeypatch.setenv("KMJUDGE_HOME", str(home))
    monkeypatch.setenv("KMJUDGE_USER", user)
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    code = main([*argv, "--json"])
    cap = capsys.readouterr()
    return code, json.loads(cap.out) if cap.out.strip() else None, cap.err


def test_cli_walk_through_venue_to_city(
    wuhua: Venue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    venue_home, city_home = tmp_path / "venue-home", tmp_path / "city-home"
    venue = str(wuhua.path)
    wuhua.db.dispose()
    city_path = tmp_path / "city.sqlite3"
    monkeypatch.setenv("KMJUDGE_HOME", str(city_home))
    from kmjudge.db.engine import open_database

    make_city(open_database(city_path)).db.dispose()
    city = str(city_path)
    usb = tmp_path / "usb"

    code, key, _ = run(
        capsys,
        monkeypatch,
        venue_home,
        "admin",
        "device",
        "key",
        "--db",
        venue,
        "--out",
        str(tmp_path / "key.txt"),
    )
    assert code == 0 and (tmp_path / "key.txt").exists()
    code, out, _ = run(
        capsys,
        monkeypatch,
        venue_home,
        "admin",
        "export",
        "--out",
        str(usb),
        "--slip",
        str(tmp_path / "slip.pdf"),
        "--db",
        venue,
    )
    assert (
        code == 0 and out["seq"] == 1 and out["full"] and out["fingerprint"] == key["fingerprint"]
    )
    package = out["file"]
    slip = "".join(p.extract_text() for p in PdfReader(tmp_path / "slip.pdf").pages)
    assert "数据移交单" in slip.replace(" ", "") and key["fingerprint"] in slip
    assert out["sha256"][:4].upper() in slip

    code, info, _ = run(
        capsys, monkeypatch, city_home, "city", "package", "inspect", package, "--db", city
    )
    assert code == 0 and info["signature_ok"] and info["files_ok"]
    assert not info["trusted"] and info["sequence"] == "new"
    code, out, err = run(capsys, monkeypatch, city_home, "city", "import", package, "--db", city)
    assert code == 1 and out["packages"][0]["error"] == "untrusted_device"
    assert key["fingerprint"] in err
    code, out, _ = run(
        capsys,
        monkeypatch,
        city_home,
        "admin",
        "device",
        "trust",
        str(tmp_path / "key.txt"),
        "--fingerprint",
        "0000 1111 2222 3333",
        "--db",
        city,
    )
    assert code == 1 and out["error"] == "fingerprint_mismatch"
    code, out, _ = run(
        capsys,
        monkeypatch,
        city_home,
        "admin",
        "device",
        "trust",
        str(tmp_path / "key.txt"),
        "--fingerprint",
        key["fingerprint"],
        "--db",
        city,
    )
    assert code == 0 and out["trusted"]
    code, out, _ = run(capsys, monkeypatch, city_home, "city", "import", package, "--db", city)
    assert code == 0 and out["packages"][0]["status"] == "imported"
    assert out["packages"][0]["counts"]["score"]["inserted"] > 0
    code, out, _ = run(capsys, monkeypatch, city_home, "city", "import", package, "--db", city)
    assert code == 0 and out["packages"][0]["status"] == "duplicate"

    # Two more packages; given in the wrong order on the command line, both import.
    monkeypatch.setenv("KMJUDGE_HOME", str(venue_home))
    from kmjudge.db.engine import open_database as reopen

    v2 = reopen(venue)
    try:
        wuhua.db = v2
        wuhua._actors.clear()
        for value in ("4", "5"):
            change_mark(wuhua, "j1", stations(wuhua)[0], "M2", value)
            code, out, _ = run(
                capsys, monkeypatch, venue_home, "admin", "export", "--out", str(usb), "--db", venue
            )
            assert code == 0
    finally:
        v2.dispose()
    later = sorted(usb.glob("*-0002-*.zip")) + sorted(usb.glob("*-0003-*.zip"))
    code, out, _ = run(
        capsys, monkeypatch, city_home, "city", "import", str(later[1]), "--db", city
    )
    assert code == 1 and out["packages"][0]["missing"] == [2]
    code, out, _ = run(
        capsys, monkeypatch, city_home, "city", "import", str(later[1]), str(later[0]), "--db", city
    )
    assert code == 0 and [p["status"] for p in out["packages"]] == ["imported", "imported"]
    code, out, _ = run(capsys, monkeypatch, city_home, "city", "conflicts", "list", "--db", city)
    assert code == 0 and out["conflicts"] == []
    code, out, _ = run(capsys, monkeypatch, city_home, "city", "package", "log", "--db", city)
    assert code == 0 and [p["seq"] for p in out["packages"] if p["direction"] == "import"] == [
        3,
        2,
        1,
    ]
    code, out, _ = run(capsys, monkeypatch, city_home, "city", "device", "list", "--db", city)
    assert code == 0 and any(d["trusted"] and d["last_import_seq"] == 3 for d in out["devices"])
