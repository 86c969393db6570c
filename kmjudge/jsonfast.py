"""JSON encoders built once and reused.

``json.dumps`` builds a new encoder on every call; for a million audit entries (their hashes
at import, their stored ``before``/``after`` texts) that is a large share of the time. These
produce exactly what the matching ``json.dumps`` call produces (tested in
tests/core/test_jsonfast.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any


def make_encoder(
    *, sort_keys: bool, compact: bool, default: Callable[[Any], Any] | None = None
) -> Callable[[Any], str]:
    """``json.dumps(v, ensure_ascii=False, sort_keys=sort_keys, default=default,
    separators=(",", ":") if compact else None)`` as a reusable function."""
    key_sep, item_sep = (":", ",") if compact else (": ", ", ")
    c_make = getattr(_encoder, "c_make_encoder", None)
    if c_make is None:  # pragma: no cover - CPython always has the C encoder
        return json.JSONEncoder(
            ensure_ascii=False,
            sort_keys=sort_keys,
            separators=(item_sep, key_sep),
            default=default,
        ).encode
    c = c_make(
        None,  # no cycle check (shared between threads it could misfire); a cycle recurses
        default,
        _encoder.encode_basestring,
        None,
        key_sep,
        item_sep,
        sort_keys,
        False,
        True,
    )
    join = "".join
    encode_str = _encoder.encode_basestring

    def encode(value: Any) -> str:
        if type(value) is str:  # json.dumps special-cases a bare string the same way
            return encode_str(value)
        return join(c(value, 0))

    return encode


#: Canonical JSON (sorted keys, no spaces): what audit hashes cover.
canonical = make_encoder(sort_keys=True, compact=True)
