"""Fuzzing the other readers of outside files: marking schemes (TOML/JSON/xlsx), event set-up
files and theory score sheets. Whatever the content, the answer is a result or the project's
own refusal with zh/en text, and a refusal writes nothing.

The structured fuzzers start from the documented examples (resources/examples/) and change
them the way people and broken tools do: a value of the wrong type, a key deleted or
misspelt, NaN/Infinity/1e999999999 numbers, deep nesting, huge text.
"""

from __future__ import annotations

import copy
import io
import json
import re
import tomllib
import uuid
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmjudge import events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from kmjudge.errors import KmError
from kmjudge.scheme import SchemeSpec, load_scheme, parse_scheme_dict
from kmjudge.setupfile import load_setup, parse_setup_dict
from tests.checkin.conftest import build_venue
from tests.conftest import EXAMPLES
from tests.reliability.fuzzing import (
    assert_clear_refusal,
    budget,
    fingerprint,
    mutated,
    parse_bounded_many,
)

SCHEME_JSON = json.loads((EXAMPLES / "scheme-electrician.json").read_text("utf-8"))
SETUP_TOML = tomllib.loads((EXAMPLES / "event-setup.toml").read_text("utf-8"))
SCHEME_XLSX = (EXAMPLES / "scheme-electrician.xlsx").read_bytes()

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [Decimal("sNaN"), Decimal("1e999999999"), Decimal("-0"), Decimal("0.000000000001")]
    ),
    st.text(max_size=30),
    st.sampled_from(["M", "J", "D", "mean", "trim1", "median", "x" * 20_000, "", " "]),
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_tree(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` with 1-4 edits: a value replaced by anything, a key deleted, a key added."""
    data: Any = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(_paths(data))))
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if op == "replace":
                data = draw(JSON_VALUES)
            continue
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if op == "replace":
                parent[path[-1]] = draw(JSON_VALUES)
            elif op == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(max_size=12))] = draw(JSON_VALUES)
            elif isinstance(parent, list):
                parent.append(draw(JSON_VALUES))
        except (KeyError, IndexError, TypeError):
            continue
    return data


def _only_km_error(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except Exception as exc:  # the property: nothing but a clearly worded KmError
        assert_clear_refusal(exc)
        return exc


# --------------------------------------------------------------------------- schemes


@budget(40)
@given(mutated_tree(SCHEME_JSON))
def test_fuzz_scheme_dicts_validate_or_refuse(data: Any) -> None:
    got = _only_km_error(parse_scheme_dict, data)
    assert isinstance(got, SchemeSpec | KmError)


@budget(20)
@given(JSON_VALUES)
def test_fuzz_any_json_value_as_a_scheme(data: Any) -> None:
    _only_km_error(parse_scheme_dict, data)


@pytest.fixture(scope="module")
def venue(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Database, Actor, uuid.UUID, Path]]:
    folder = tmp_path_factory.mktemp("fuzzfiles")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = open_database(folder / "fuzz.sqlite3")
        try:
            v = build_venue(db, folder, n=3, n_other=1)
            yield db, v.admin, v.event_id, folder
        finally:
            db.dispose()


def _import_scheme(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes, suffix: str
) -> None:
    db, admin, event_id, folder = venue
    path = folder / f"scheme-{uuid.uuid4().hex[:8]}{suffix}"
    path.write_bytes(data)
    before = fingerprint(db)
    got = _only_km_error(events.import_scheme_file, db, admin, event_id, path)
    if isinstance(got, KmError):
        assert fingerprint(db) == before, "a refused scheme wrote to the database"


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


@budget(15)
@given(mutated_tree(SCHEME_JSON))
def test_fuzz_scheme_json_files_import_or_refuse_writing_nothing(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: Any
) -> None:
    _import_scheme(venue, _json_bytes(data), ".json")


@budget(15)
@given(
    st.one_of(
        st.binary(max_size=2000), mutated((EXAMPLES / "scheme-electrician.toml").read_bytes())
    )
)
def test_fuzz_scheme_toml_bytes_import_or_refuse_writing_nothing(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes
) -> None:
    _import_scheme(venue, data, ".toml")


@budget(12)
@given(mutated(SCHEME_XLSX))
def test_fuzz_scheme_xlsx_import_or_refuse_writing_nothing(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes
) -> None:
    _import_scheme(venue, data, ".xlsx")


def test_deeply_nested_and_huge_scheme_files_are_refused(tmp_path: Path) -> None:
    """JSON nested 100,000 deep (RecursionError inside the parser), a 40 MB file, a zip bomb
    renamed .xlsx: each a SchemeError with a message, in a child with 1 GB of memory."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (40 << 20))
    bomb = tmp_path / "bomb.xlsx"
    src = zipfile.ZipFile(io.BytesIO(SCHEME_XLSX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet1"):
                head, tail = data.split(b"</sheetData>")
                data = head + b" " * (40 << 20) + b"</sheetData>" + tail
            out.writestr(info, data)
    bomb.write_bytes(buf.getvalue())
    for got in parse_bounded_many("scheme", [deep, big, bomb]):
        assert got["result"] == "refused", got
        assert got["zh"] and got["en"]


# --------------------------------------------------------------------------- set-up files


@budget(40)
@given(mutated_tree(SETUP_TOML))
def test_fuzz_setup_dicts_validate_or_refuse(data: Any) -> None:
    _only_km_error(parse_setup_dict, data, EXAMPLES)


@budget(15)
@given(st.one_of(st.binary(max_size=2000), mutated((EXAMPLES / "event-setup.toml").read_bytes())))
def test_fuzz_setup_files_load_or_refuse(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / f"setup-{uuid.uuid4().hex[:8]}.toml"
    path.write_bytes(data)
    _only_km_error(load_setup, path)


def test_load_scheme_examples_still_load() -> None:
    """The fuzzers' seeds are valid (so a refusal above is caused by the mutation)."""
    assert isinstance(load_scheme(EXAMPLES / "scheme-electrician.json"), SchemeSpec)
    assert isinstance(parse_scheme_dict(SCHEME_JSON), SchemeSpec)
    assert parse_setup_dict(SETUP_TOML, EXAMPLES).events


# --------------------------------------------------------------------------- theory sheets


def _theory_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["准考证号", "姓名", "理论成绩"])
    for k in range(1, 4):
        ws.append([f"26000{k}", f"选手{k}", 80 + k])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


THEORY_XLSX = _theory_xlsx()


def _theory(venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes, suffix: str) -> None:
    from kmjudge.judging import theory

    db, admin, event_id, folder = venue
    path = folder / f"theory-{uuid.uuid4().hex[:8]}{suffix}"
    path.write_bytes(data)
    before = fingerprint(db)
    _only_km_error(theory.preview_theory_import, db, admin, event_id, path)
    assert fingerprint(db) == before


@budget(15)
@given(st.binary(max_size=2000), st.sampled_from([".xlsx", ".csv"]))
def test_fuzz_theory_random_bytes_refused_cleanly(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes, suffix: str
) -> None:
    _theory(venue, data, suffix)


@budget(15)
@given(mutated(THEORY_XLSX))
def test_fuzz_theory_mutated_xlsx_refused_cleanly(
    venue: tuple[Database, Actor, uuid.UUID, Path], data: bytes
) -> None:
    _theory(venue, data, ".xlsx")


def test_theory_zip_bomb_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A theory sheet that inflates to 40 MB (over the 32 MB bound) is refused with a KmError
    before any spreadsheet parser runs (openpyxl is booby-trapped here)."""
    from kmjudge.judging import theory

    src = zipfile.ZipFile(io.BytesIO(THEORY_XLSX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                head = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C800000"', head)
                data = head + b" " * (40 << 20) + b"</sheetData>" + tail
            out.writestr(info, data)
    path = tmp_path / "theory-bomb.xlsx"
    path.write_bytes(buf.getvalue())

    reached: list[bool] = []

    def trap(*_a: object, **_k: object) -> None:
        reached.append(True)
        raise AssertionError("the bomb reached openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", trap)
    with pytest.raises(KmError) as info:
        theory._parse(path)
    assert_clear_refusal(info.value)
    assert not reached, "the bomb was handed to openpyxl (its refusal came from the trap)"


@pytest.mark.parametrize("reader", ["registration", "scheme"])
def test_xlsx_bombs_are_refused_before_they_are_inflated(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The registration and scheme readers measure an .xlsx before openpyxl sees it."""
    from kmjudge.registration import service

    src = zipfile.ZipFile(io.BytesIO(SCHEME_XLSX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet1"):
                head, tail = data.split(b"</sheetData>")
                data = head + b" " * (40 << 20) + b"</sheetData>" + tail
            out.writestr(info, data)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buf.getvalue())

    reached: list[bool] = []

    def trap(*_a: object, **_k: object) -> None:
        reached.append(True)
        raise AssertionError("the bomb reached openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", trap)
    with pytest.raises(KmError) as info:
        service._read(path) if reader == "registration" else load_scheme(path)
    assert_clear_refusal(info.value)
    assert not reached
    assert "32 MB" in info.value.message_en


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1E+999999999"),
        Decimal("1E-999999999"),
        Decimal("sNaN"),
        Decimal("NaN"),
        Decimal("-Infinity"),
        Decimal("1E+40"),
        10**40,
    ],
)
@pytest.mark.parametrize("where", ["schema_version", "max_mark", "spread_limit"])
def test_extreme_numbers_are_refused_not_crashed_on(where: str, value: object) -> None:
    """What deeper fuzzing found (decimal.Overflow / InvalidOperation escaping the parser):
    numbers a TOML/JSON file can hold (1e999999999, nan, inf) in any numeric field give a
    SchemeError that shows the number briefly, never a crash or a billion-digit message."""
    data = copy.deepcopy(SCHEME_JSON)
    if where == "max_mark":
        data["criteria"][0]["subcriteria"][0]["aspects"][0]["max_mark"] = value
    else:
        data[where] = value
    with pytest.raises(KmError) as info:
        parse_scheme_dict(data)
    assert_clear_refusal(info.value)
    assert len(info.value.message_en) < 2000
