"""Column types shared by the models.

Decimals are stored as canonical text: SQLite has no exact decimal type and its NUMERIC
affinity silently turns values into binary floats. Text keeps every digit on every backend.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from kmjudge.jsonfast import make_encoder


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal stored as text ("12.50")."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError("DecimalText refuses floats: pass a Decimal or a string")
            value = Decimal(value)
        if not value.is_finite():
            raise ValueError(f"not a finite decimal: {value}")
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value)


#: json.dumps(value, ensure_ascii=False, sort_keys=True, default=str), built once
_stored_json = make_encoder(sort_keys=True, compact=False, default=str)


class JSONText(TypeDecorator[Any]):
    """JSON stored as text with sorted keys, identical on SQLite and PostgreSQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return _stored_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value)
