"""Fuzzing the signed codes people scan: admission tickets (check-in) and certificates
(verify). Decoding never raises, whatever arrives; no edit of a genuine code other than what
scanners do to text (case, spaces, full-width forms) is ever accepted; and a refused scan
leaves nothing but its own scan log row.

(tests/checkin/test_scan_fuzz.py covers arbitrary text, random well-formed bodies and
unknown registrations at the desk; these add single-edit mutations of genuine codes.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kmjudge import checkin
from kmjudge.checkin import VerdictKind as K
from kmjudge.checkin import token as tk
from kmjudge.db.engine import open_database
from tests.checkin.conftest import Venue, build_venue
from tests.reliability.fuzzing import budget, fingerprint

ANYTHING = st.one_of(
    st.text(max_size=700),
    st.binary(max_size=300),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.floats(),
)


@budget(100)
@given(ANYTHING)
def test_fuzz_ticket_decode_never_raises(raw: Any) -> None:
    got = tk.decode(raw)
    assert got is None or isinstance(got, tk.SignedTicket)


def make_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Venue, list[str]]]:
    """A small venue (4 contestants with tickets) in its own data folder."""
    folder = tmp_path_factory.mktemp("fuzztok")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = open_database(folder / "desk.sqlite3")
        try:
            v = build_venue(db, folder, n=4, n_other=1)
            tokens = [t.token for t in checkin.issue_tickets(db, v.admin, v.event_id)]
            yield v, tokens
        finally:
            db.dispose()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Venue, list[str]]]:
    yield from make_desk(tmp_path_factory)


def _canonical(text: str) -> str:
    return tk.normalize(text)


@st.composite
def edited(draw: st.DrawFn, tokens: list[str]) -> tuple[str, str]:
    """(genuine, edited): one to three characters substituted, deleted or inserted."""
    genuine = draw(st.sampled_from(tokens))
    chars = list(genuine)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["sub", "del", "ins"]))
        c = draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567018=+/"))
        if op == "sub":
            chars[i] = c
        elif op == "del":
            del chars[i]
        else:
            chars.insert(i, c)
    return genuine, "".join(chars)


@budget(30)
@given(st.data())
def test_fuzz_edited_tickets_are_never_admitted(
    desk: tuple[Venue, list[str]], data: st.DataObject
) -> None:
    """An edited genuine ticket is refused (forged/malformed/unknown/wrong event), never
    valid or "already"; only a Scan row is written."""
    v, tokens = desk
    genuine, text = data.draw(edited(tokens))
    assume(_canonical(text) != _canonical(genuine))
    before = fingerprint(v.db)
    verdict = checkin.scan(v.db, v.registrar, v.event_id, text)
    assert verdict.kind in (K.FORGED, K.MALFORMED, K.UNKNOWN, K.WRONG_EVENT), verdict.kind
    after = fingerprint(v.db)
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {"scan": 1}


def test_what_scanners_do_to_a_ticket_is_forgiven(desk: tuple[Venue, list[str]]) -> None:
    """The control for the property above: lower case, spaces, a line end and full-width
    characters around a genuine code still check in (so refusals come from real edits)."""
    v, tokens = desk
    raw = tokens[0].lower()
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in raw[:10])
    verdict = checkin.scan(v.db, v.registrar, v.event_id, f" {fullwidth}{raw[10:]}\r\n")
    assert verdict.kind in (K.VALID, K.ALREADY)
