"""Property-based: whatever text reaches the scan field, scan answers (never raises), the
answer is a refusal of the right kind without personal data, and the scan is stored."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kmjudge import checkin
from kmjudge.checkin import VerdictKind as K
from kmjudge.checkin import token as tk
from kmjudge.db.engine import open_database
from kmjudge.db.models import CheckIn, Scan
from tests.checkin.conftest import Venue, build_venue

REFUSALS = {K.MALFORMED, K.FORGED, K.UNKNOWN}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def fuzz_venue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Venue]:
    """One venue for all examples (module scope), in its own data folder."""
    folder = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = open_database(folder / "fuzz.sqlite3")
        try:
            yield build_venue(db, folder)
        finally:
            db.dispose()


def _counts(v: Venue) -> tuple[int, int]:
    with v.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Scan)) or 0,
            s.scalar(select(func.count()).select_from(CheckIn)) or 0,
        )


def _check(v: Venue, text: str) -> checkin.Verdict:
    before = _counts(v)
    verdict = checkin.scan(v.db, v.registrar, v.event_id, text)
    after = _counts(v)
    assert after == (before[0] + 1, before[1]), "one Scan row, no check-in"
    assert verdict.kind in REFUSALS, verdict
    assert not verdict.ok and verdict.name == "" and verdict.station_no is None
    assert verdict.photo is None and verdict.id_last4 == "" and verdict.ticket_no == ""
    return verdict


@FUZZ
@given(st.text(max_size=400))
def test_any_text_is_refused_stored_and_never_raises(fuzz_venue: Venue, text: str) -> None:
    _check(fuzz_venue, text)


@FUZZ
@given(st.binary(min_size=tk.RAW_LEN, max_size=tk.RAW_LEN), st.booleans())
def test_random_well_formed_tokens_are_forged_or_malformed(
    fuzz_venue: Venue, raw: bytes, lower: bool
) -> None:
    """Random bytes in the exact token shape: malformed (bad version) or forged (a signature
    nobody made) - never anything else."""
    text = "KMJ1" + base64.b32encode(raw).decode().rstrip("=")
    verdict = _check(fuzz_venue, text.lower() if lower else text)
    assert verdict.kind in (K.MALFORMED, K.FORGED)


@FUZZ
@given(st.uuids(), st.integers(min_value=1, max_value=65535))
def test_issuer_signed_tokens_for_unknown_registrations_are_unknown(
    fuzz_venue: Venue, reg: uuid.UUID, serial: int
) -> None:
    claims = tk.TicketClaims(
        tk.event_prefix(fuzz_venue.event_id),
        reg,
        serial,
        date.today() - timedelta(days=1),
        date.today() + timedelta(days=1),
    )
    verdict = _check(fuzz_venue, tk.encode(claims, fuzz_venue.db.device.sign))
    assert verdict.kind == K.UNKNOWN


def test_fuzz_venue_is_a_real_database(fuzz_venue: Venue) -> None:
    """Sanity for the properties above: a genuine ticket at the same desk does check in."""
    t = checkin.issue_tickets(fuzz_venue.db, fuzz_venue.admin, fuzz_venue.event_id)[0]
    assert checkin.scan(fuzz_venue.db, fuzz_venue.registrar, fuzz_venue.event_id, t.token).ok
