"""Shared pieces of the fuzz tests: example budgets, the database fingerprint that proves
"nothing written", byte mutators, and a bounded subprocess for inputs that could eat memory.

Budgets: the normal suite runs a few dozen examples per property (seconds).
``KMJUDGE_FUZZ_EXAMPLES=2000 pytest tests/reliability -k fuzz`` runs many more.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, table

from kmjudge.db.engine import Database
from kmjudge.errors import KmError

ROOT = Path(__file__).resolve().parents[2]


def budget(normal: int) -> Any:
    """Hypothesis settings: ``normal`` examples, or ``KMJUDGE_FUZZ_EXAMPLES``."""
    raw = os.environ.get("KMJUDGE_FUZZ_EXAMPLES", "").strip()
    return settings(
        max_examples=int(raw) if raw else normal,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def fingerprint(db: Database) -> dict[str, int]:
    """Row counts of every table: equal before and after means nothing was written."""
    with db.read() as s:
        names = sorted(inspect(s.get_bind()).get_table_names())
        return {n: int(s.scalar(select(func.count()).select_from(table(n))) or 0) for n in names}


def assert_clear_refusal(exc: BaseException) -> None:
    """Only the project's own error, with a message in both languages."""
    assert isinstance(exc, KmError), f"{type(exc).__name__}: {exc}"
    assert exc.message_zh.strip() and exc.message_en.strip(), "a refusal without a message"
    assert "Traceback" not in exc.message_en


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random edits: flipped bytes, a cut, an insertion, a duplicated run."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "dup", "zero"]))
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[i] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[i:]
        elif kind == "insert":
            out[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "dup":
            n = draw(st.integers(1, 256))
            out[i:i] = out[i : i + n]
        else:
            n = draw(st.integers(1, 512))
            out[i : i + n] = bytes(min(n, len(out) - i))
    return bytes(out)


BOUNDED = """
import json, resource, sys, time
from pathlib import Path
limit = int(sys.argv[2]) << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from kmjudge.errors import KmError
kind = sys.argv[1]
for path in sys.argv[3:]:
    t = time.perf_counter()
    try:
        if kind == "registration":
            from kmjudge.registration.service import _read
            _read(path)
        elif kind == "scheme":
            from kmjudge.scheme import load_scheme
            load_scheme(path)
        elif kind == "theory":
            from kmjudge.judging.theory import _parse
            _parse(Path(path))
        elif kind == "setup":
            from kmjudge.setupfile import load_setup
            load_setup(path)
        out = {"result": "accepted"}
    except KmError as exc:
        out = {"result": "refused", "code": exc.code, "zh": exc.message_zh, "en": exc.message_en}
    except MemoryError:
        out = {"result": "MemoryError"}
    except Exception as exc:
        out = {"result": type(exc).__name__, "en": str(exc)[:300]}
    out["file"] = Path(path).name
    out["seconds"] = round(time.perf_counter() - t, 3)
    print(json.dumps(out, ensure_ascii=False), flush=True)
"""


def parse_bounded_many(kind: str, paths: list[Path], memory_mb: int = 1024) -> list[dict[str, Any]]:
    """Parse each of ``paths`` in one child with ``memory_mb`` of address space (a hang guard
    of 10 minutes; not a timing assertion: each normally answers in well under a second)."""
    done = subprocess.run(
        [sys.executable, "-c", BOUNDED, kind, str(memory_mb), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.strip().splitlines()]


def parse_bounded(kind: str, path: Path, memory_mb: int = 1024) -> dict[str, Any]:
    (result,) = parse_bounded_many(kind, [path], memory_mb)
    return result
