"""Certificate settings kept in ``setting`` rows (no schema change):

- ``certificates.layout``: the default layout name (e.g. ``"landscape"``);
- ``certificates.offsets``: ``{printer name: [dx_mm, dy_mm]}``, overlay offsets per printer,
  +x moves the print right, +y moves it down;
- ``certificates.issuers``: ``{event id: ["昆明市总工会", ...]}``, the issuing bodies printed
  on an event's certificates (default: the event's organiser, split at 、，；/ or new lines).
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.certificates.layout import load_layout
from kmjudge.certificates.model import CertificateError
from kmjudge.db.engine import Database
from kmjudge.db.models import Event, Setting

LAYOUT_KEY = "certificates.layout"
OFFSETS_KEY = "certificates.offsets"
ISSUERS_KEY = "certificates.issuers"
DEFAULT_LAYOUT = "landscape"
MAX_OFFSET_MM = 30.0
_SPLIT = re.compile(r"[、，,；;/\n]+")


@dataclass(frozen=True)
class CertificateSettings:
    layout: str
    #: issuing bodies of the event asked for (empty without an event)
    issuers: tuple[str, ...]
    #: printer name -> (dx_mm, dy_mm)
    offsets: dict[str, tuple[float, float]]


def _value(s: Session, key: str) -> Any:
    row = s.get(Setting, key)
    return row.value if row is not None else None


def _put(s: Session, key: str, value: Any) -> Any:
    row = s.get(Setting, key, with_for_update=True)
    before = row.value if row is not None else None
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
    return before


def _offsets(raw: Any) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    if isinstance(raw, dict):
        for k, v in raw.items():
            try:
                out[str(k)] = (float(v[0]), float(v[1]))
            except (TypeError, ValueError, IndexError):
                continue
    return out


def default_issuers(organiser: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _SPLIT.split(organiser or "") if p.strip())


def issuers_in(s: Session, event_id: uuid.UUID) -> tuple[str, ...]:
    raw = _value(s, ISSUERS_KEY)
    if isinstance(raw, dict) and isinstance(raw.get(str(event_id)), list):
        return tuple(str(x) for x in raw[str(event_id)] if str(x).strip())
    ev = s.get(Event, event_id)
    return default_issuers(ev.organiser if ev else "")


def layout_in(s: Session) -> str:
    raw = _value(s, LAYOUT_KEY)
    return raw if isinstance(raw, str) and raw else DEFAULT_LAYOUT


def get_settings(db: Database, event_id: uuid.UUID | None = None) -> CertificateSettings:
    with db.read() as s:
        return CertificateSettings(
            layout=layout_in(s),
            issuers=issuers_in(s, event_id) if event_id else (),
            offsets=_offsets(_value(s, OFFSETS_KEY)),
        )


def printer_offsets(db: Database, printer: str | None) -> tuple[float, float]:
    """The overlay offsets (mm) saved for ``printer``; (0, 0) when none are saved."""
    if not printer:
        return (0.0, 0.0)
    return get_settings(db).offsets.get(printer, (0.0, 0.0))


def save_printer_offsets(
    db: Database, actor: Actor, printer: str, dx_mm: float, dy_mm: float
) -> None:
    """Save a printer's overlay offsets (+x right, +y down; at most 30 mm each way)."""
    require(actor, Perm.PRINT_CERTIFICATES)
    name = " ".join(str(printer).split())
    if not name:
        raise CertificateError("请选择打印机。", "Name the printer.", code="printer_required")
    for label, v in (("X", dx_mm), ("Y", dy_mm)):
        if not isinstance(v, int | float) or not math.isfinite(v) or abs(v) > MAX_OFFSET_MM:
            raise CertificateError(
                f"{label} 偏移应在 −30 到 30 毫米之间。",
                f"The {label} offset must be between -30 and 30 mm.",
                code="offset_range",
            )
    with db.write() as s:
        current = _offsets(_value(s, OFFSETS_KEY))
        before = current.get(name)
        current[name] = (round(float(dx_mm), 2), round(float(dy_mm), 2))
        _put(s, OFFSETS_KEY, {k: list(v) for k, v in sorted(current.items())})
        audit.record(
            s,
            db,
            actor,
            "certificate.offsets",
            entity="setting",
            entity_id=OFFSETS_KEY,
            before={"printer": name, "offsets": before},
            after={"printer": name, "offsets": current[name]},
        )


def save_layout_choice(db: Database, actor: Actor, name: str) -> None:
    """Make ``name`` the default certificate layout (it must load without errors)."""
    require(actor, Perm.PRINT_CERTIFICATES)
    load_layout(name)
    with db.write() as s:
        before = _put(s, LAYOUT_KEY, name)
        audit.record(
            s,
            db,
            actor,
            "certificate.layout",
            entity="setting",
            entity_id=LAYOUT_KEY,
            before=before,
            after=name,
        )


def save_issuers(db: Database, actor: Actor, event_id: uuid.UUID, lines: list[str]) -> None:
    """The issuing bodies printed on an event's certificates, one per line (at most 4)."""
    require(actor, Perm.PRINT_CERTIFICATES)
    clean = [" ".join(str(x).split()) for x in lines if str(x).strip()]
    if len(clean) > 4 or any(len(x) > 40 for x in clean):
        raise CertificateError(
            "发证单位最多 4 行，每行不超过 40 个字。",
            "At most 4 issuing bodies of at most 40 characters each.",
            code="issuers",
        )
    with db.write() as s:
        if s.get(Event, event_id) is None:
            raise CertificateError("找不到该竞赛场次。", f"No event {event_id}.", code="not_found")
        raw = _value(s, ISSUERS_KEY)
        table = dict(raw) if isinstance(raw, dict) else {}
        before = table.get(str(event_id))
        table[str(event_id)] = clean
        _put(s, ISSUERS_KEY, table)
        audit.record(
            s,
            db,
            actor,
            "certificate.issuers",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            before=before,
            after=clean,
        )
