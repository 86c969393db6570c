"""On SQLite an export's JSON lines are written by SQLite (json_array) instead of Python's
encoder; the package must be byte for byte what the Python encoder writes, including texts
with quotes, backslashes, control characters, emoji and line separators, booleans and JSON
columns (else the incremental digests would change between two exports of nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from kmjudge import demo
from kmjudge.db import models as m
from kmjudge.db.engine import Database
from kmjudge.sync import exporter

TRICKY = "a\"b\\c\n\t\r\x01\x1f\x7f 中文 🎉 \u2028\u2029 </script> 'q'"


def _members(db: Database, sql_lines: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(exporter, "SQLITE_LINES", sql_lines)
    with db.read() as s:
        ids = list(s.scalars(select(m.Event.id)))
        members, *_ = exporter._collect(s, "venue", ids, None)
    return members


def test_sqlite_lines_equal_the_python_encoders_byte_for_byte(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo.create_demo(db)
    with db.write() as s:
        first = s.scalars(select(m.Score.id).limit(3)).all()
        s.execute(update(m.Score).where(m.Score.id == first[0]).values(override_reason=TRICKY))
        s.execute(update(m.Score).where(m.Score.id == first[1]).values(trainee=True))
        ev = s.scalars(select(m.Event)).first()
        assert ev is not None
        ev.venue = TRICKY
    fast = _members(db, True, monkeypatch)
    slow = _members(db, False, monkeypatch)
    assert fast.keys() == slow.keys()
    for name in fast:
        assert fast[name] == slow[name], name
    scores = [json.loads(x) for x in fast["data/score.jsonl"][0].decode().split("\n")[1:-1]]
    assert any(TRICKY in row for row in scores)
    assert {True, False} <= {v for row in scores for v in row if isinstance(v, bool)}
    events = fast["data/event.jsonl"][0].decode()
    assert TRICKY in [v for line in events.split("\n")[1:-1] for v in json.loads(line)]
