"""Optional coverage-guided fuzzing with atheris (libFuzzer) of the two readers that take
bytes from strangers: the admission-ticket token (what a QR scanner types) and the signed
package reader (what a USB stick brings to the city office).

Not part of the test suite (pytest does not collect this file; the hypothesis tests in
``test_fuzz_tokens.py`` and ``test_fuzz_packages.py`` are). atheris is not a dependency:

    .venv/bin/pip install atheris          # a binary wheel for CPython 3.11 on Linux x86-64
    .venv/bin/python tests/reliability/atheris_fuzz.py ticket  -atheris_runs=200000
    .venv/bin/python tests/reliability/atheris_fuzz.py package -atheris_runs=20000 -max_len=200000

The rules checked on every input: the token parser (``token._decode``, behind ``decode``'s
catch-all) never raises and returns a SignedTicket or None; ``normalize`` never raises.
Reading a package (``kmjudge.sync.inspect`` with no database: container, sizes, manifest,
signature, every file's SHA-256) either succeeds or raises the project's own refusal
(``KmError`` with Chinese and English text), never a zipfile/JSON/Unicode error or a crash.
The package target starts from a genuine package (built once into a temporary folder) so
the fuzzer mutates real zips, not just noise.
Anything else stops the run and libFuzzer writes the input as ``crash-*``; replay it with
``python tests/reliability/atheris_fuzz.py package crash-...``.
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports():
    from kmjudge.checkin import token as tk
    from kmjudge.errors import KmError
    from kmjudge.sync import inspect as inspect_package


def ticket(data: bytes) -> None:
    """``decode`` catches everything (a scan must never crash the desk), so the parser
    behind it (``_decode``) is fuzzed directly: an exception there is a bug the catch-all
    hides. Half the inputs are text, half are token bodies (base32 of fuzzed bytes), so the
    fuzzer reaches the binary layout too."""
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        text = fdp.ConsumeUnicodeNoSurrogates(len(data))
        tk.normalize(text)
    else:
        body = fdp.ConsumeBytes(tk.RAW_LEN)
        text = tk.PREFIX + base64.b32encode(body).decode("ascii").rstrip("=")
    got = tk._decode(text)
    assert got is None or isinstance(got, tk.SignedTicket), got
    assert tk.decode(text) == got


_WORK = Path(tempfile.mkdtemp(prefix="kmj-atheris-"))


def package(data: bytes) -> None:
    path = _WORK / "p.zip"
    path.write_bytes(data)
    try:
        inspect_package(None, path, deep=True)
    except KmError as exc:
        assert exc.message_zh and exc.message_en, exc


def genuine_package(folder: Path) -> bytes:
    """A small venue's signed package (4 contestants, 2 checked in): the seed input."""
    os.environ["KMJUDGE_HOME"] = str(folder / "home")
    from kmjudge import checkin, sync
    from kmjudge.db.engine import open_database
    from tests.checkin.conftest import build_venue

    db = open_database(folder / "venue.sqlite3")
    v = build_venue(db, folder, n=4, n_other=1)
    for t in checkin.issue_tickets(db, v.admin, v.event_id)[:2]:
        checkin.scan(db, v.registrar, v.event_id, t.token)
    res = sync.export_package(db, v.admin, folder / "stick")
    db.dispose()
    return res.path.read_bytes()


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("ticket", "package"):
        raise SystemExit(__doc__)
    target = sys.argv[1]
    args = [sys.argv[0], *sys.argv[2:]]
    if target == "package" and not any(not a.startswith("-") for a in args[1:]):
        corpus = _WORK / "corpus"
        corpus.mkdir()
        (corpus / "genuine.zip").write_bytes(genuine_package(_WORK / "venue"))
        args.append(str(corpus))
    atheris.Setup(args, ticket if target == "ticket" else package)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
