"""A package that was altered, is malformed or is a trap is refused, and nothing is written."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kmjudge import sync, trust
from kmjudge.sync.errors import PackageRefused
from tests.sync import craft
from tests.sync.conftest import City, table_dump
from tests.sync.venues import Venue


@pytest.fixture
def exported(wuhua: Venue, city: City, tmp_path: Path) -> tuple[Venue, Path]:
    """The 五华 venue's first package, and a city that trusts the venue's device."""
    res = sync.export_package(wuhua.db, wuhua.admin, tmp_path / "usb")
    trust.trust_device(city.db, city.admin, trust.local_key(wuhua.db), res.fingerprint)
    return wuhua, res.path


def _refused(city: City, path: Path) -> PackageRefused:
    before = table_dump(city.db)
    with pytest.raises(PackageRefused) as err:
        sync.import_package(city.db, city.admin, path)
    assert table_dump(city.db) == before, "a refused package changed the database"
    return err.value


def test_one_byte_changed_in_each_part_is_refused(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    """The manifest, its signature, every data file and the audit segment: one byte changed
    in any of them and the package is refused, with the database as it was."""
    _venue, path = exported
    items = craft.members(path)
    assert {"manifest.json", "manifest.sig", "data/score.jsonl"} <= set(items)
    assert any(n.startswith("audit/") for n in items)
    codes = {}
    for name in items:
        changed = dict(items)
        changed[name] = craft.flip(items[name])
        bad = craft.write(tmp_path / f"bad-{name.replace('/', '_')}.zip", changed)
        codes[name] = _refused(city, bad).code
    assert codes["manifest.sig"] == "bad_signature"
    assert codes["manifest.json"] in ("bad_signature", "bad_manifest")
    assert all(codes[n] == "hash_mismatch" for n in items if "/" in n)
    # The untouched package still imports.
    assert sync.import_package(city.db, city.admin, path).status == sync.STATUS_IMPORTED


def test_a_byte_changed_in_the_compressed_stream_is_refused(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    """Damage inside the zip file itself (a bad USB stick): each member's compressed bytes."""
    _venue, path = exported
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    for info in infos:
        name_len, extra_len = struct.unpack(
            "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
        )
        start = info.header_offset + 30 + name_len + extra_len
        bad = tmp_path / f"raw-{info.filename.replace('/', '_')}.zip"
        bad.write_bytes(craft.flip(raw, start + info.compress_size // 2))
        _refused(city, bad)


def test_foreign_signer_claiming_the_venue_is_refused(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    """Re-signed with another laptop's key while naming the trusted venue device: refused as
    a foreign signer; re-signed as that other (unknown) device: asks for a fingerprint."""
    from tests.conftest import other_device

    _venue, path = exported
    intruder = other_device(tmp_path, "intruder")
    forged = craft.resign(path, tmp_path / "forged.zip", intruder)
    err = _refused(city, forged)
    assert err.code in ("key_mismatch", "bad_signature")
    own = craft.resign(path, tmp_path / "as-intruder.zip", intruder, as_device=True)
    err = _refused(city, own)
    assert isinstance(err, sync.UntrustedSigner)
    assert err.signer.fingerprint == intruder.fingerprint


def test_zip_traps_are_refused_before_decompressing(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    """../ paths, absolute paths, folders, unlisted or missing members, a zip bomb, an
    oversized manifest, a file that is not a zip at all."""
    venue, path = exported
    key = venue.db.device
    items = craft.members(path)

    def with_items(name: str, extra: dict[str, bytes], drop: str = "") -> Path:
        out = dict(items)
        out.update(extra)
        out.pop(drop, None)
        return craft.write(tmp_path / name, out)

    assert _refused(city, with_items("dots.zip", {"../evil.txt": b"x"})).code == "bad_member"
    assert _refused(city, with_items("abs.zip", {"/etc/passwd": b"x"})).code == "bad_member"
    assert _refused(city, with_items("dir.zip", {"data/x/": b""})).code == "bad_member"
    assert (
        _refused(city, with_items("extra.zip", {"data/score_extra.jsonl": b"{}\n"})).code
        == "bad_member"
    )
    assert _refused(city, with_items("missing.zip", {}, drop="data/score.jsonl")).code == (
        "bad_member"
    )
    bomb = craft.resign(
        path,
        tmp_path / "bomb.zip",
        key,
        edit_member=lambda n, d: d + b" " * 8_000_000 if n == "data/scan.jsonl" else d,
    )
    assert _refused(city, bomb).code == "too_large"
    huge = craft.resign(
        path,
        tmp_path / "huge-manifest.zip",
        key,
        edit_manifest=lambda man: man.update(padding="x" * 5_000_000),
    )
    assert _refused(city, huge).code == "too_large"
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert _refused(city, junk).code == "not_a_package"
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    assert _refused(city, empty).code == "not_a_package"


@pytest.mark.parametrize(
    ("table", "column", "value", "fragment"),
    [
        ("score", "value", 8.5, "value"),  # a float, not decimal text
        ("score", "registration_id", "not-a-uuid", "registration_id"),
        ("registration", "station_no", "3", "station_no"),  # text, not an integer
        ("checkin", "checked_in_at", "yesterday", "checked_in_at"),
        ("contestant", "name", "名" * 61, "name"),  # longer than the column
        ("score", "trainee", 0, "trainee"),  # 0 is not false
        ("score", "value", "Infinity", "value"),
        ("contestant", "id_number", None, "id_number"),  # may not be empty
    ],
)
def test_wrong_types_are_refused_naming_file_line_and_column(
    exported: tuple[Venue, Path],
    city: City,
    tmp_path: Path,
    table: str,
    column: str,
    value: Any,
    fragment: str,
) -> None:
    """A validly signed package (the trusted device's own key) with a wrong value is still
    refused: every value is type-checked, and the message says where."""
    venue, path = exported

    def edit(columns: list[str], row: list[Any]) -> None:
        row[columns.index(column)] = value

    bad = craft.resign(
        path, tmp_path / "typed.zip", venue.db.device, edit_member=craft.edit_rows(table, edit)
    )
    err = _refused(city, bad)
    assert err.code == "bad_data"
    assert f"data/{table}.jsonl" in err.message_en and fragment in err.message_en
    assert "line 2" in err.message_en


def test_columns_from_another_schema_are_refused(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    venue, path = exported

    def add_column(name: str, data: bytes) -> bytes:
        if name != "data/trade.jsonl":
            return data
        lines = data.decode().splitlines()
        header = json.loads(lines[0])
        header["columns"].append("colour")
        rows = [[*json.loads(x), "red"] for x in lines[1:]]
        return ("\n".join([json.dumps(header), *map(json.dumps, rows)]) + "\n").encode()

    bad = craft.resign(path, tmp_path / "cols.zip", venue.db.device, edit_member=add_column)
    err = _refused(city, bad)
    assert err.code == "bad_data" and "colour" in err.message_en


def test_a_newer_schema_is_refused_with_advice(
    exported: tuple[Venue, Path], city: City, tmp_path: Path
) -> None:
    venue, path = exported
    bad = craft.resign(
        path,
        tmp_path / "newer.zip",
        venue.db.device,
        edit_manifest=lambda man: man.update(schema_version="9999"),
    )
    err = _refused(city, bad)
    assert err.code == "schema_newer" and "升级" in err.message_zh
