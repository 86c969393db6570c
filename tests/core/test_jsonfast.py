"""The prebuilt JSON encoders and the audit hash's written-out canonical text produce exactly
what ``json.dumps`` produces, for any JSON value (a different byte would break every
audit chain made before)."""

from __future__ import annotations

import hashlib
import json
import uuid
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kmjudge import audit
from kmjudge.jsonfast import canonical, make_encoder

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_encoders_equal_json_dumps(value: Any) -> None:
    assert canonical(value) == json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    stored = make_encoder(sort_keys=True, compact=False, default=str)
    assert stored(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def test_stored_encoder_writes_decimals_and_ids_as_text_like_json_dumps() -> None:
    stored = make_encoder(sort_keys=True, compact=False, default=str)
    v = {"b": Decimal("1.50"), "a": uuid.UUID(int=7), "c": [float("nan"), "中\n"]}
    assert stored(v) == json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def _reference_hash(fields: dict[str, Any]) -> str:
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@settings(max_examples=300, deadline=None)
@given(
    texts,
    st.integers(min_value=0, max_value=2**31),
    texts,
    st.none() | texts,
    texts,
    texts,
    st.none() | json_values,
    json_values,
)
def test_audit_payload_hash_equals_the_canonical_json_hash(
    name: str,
    seq: int,
    at: str,
    user: str | None,
    action: str,
    entity_id: str,
    before: Any,
    after: Any,
) -> None:
    fields = {
        "device_id": str(uuid.UUID(int=seq)),
        "seq": seq,
        "at": at,
        "user_id": user,
        "username": name,
        "action": action,
        "entity": "score",
        "entity_id": entity_id,
        "event_id": None if user is None else str(uuid.UUID(int=seq + 1)),
        "before": before,
        "after": after,
        "prev_hash": "ab" * 32,
    }
    assert audit.payload_hash(**fields) == _reference_hash(fields)
