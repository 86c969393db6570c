"""The no-show list (缺考名单): everyone entered who did not (or may not) compete, as .xlsx."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from kmjudge import audit
from kmjudge.accounts import Actor, Perm, require
from kmjudge.checkin.common import atomic_output, load_event
from kmjudge.db.engine import Database
from kmjudge.db.models import Contestant, Registration
from kmjudge.registration.idcard import mask_id

NOSHOW_ZH = {
    "registered": "未检录",
    "absent": "缺考",
    "withdrawn": "退赛",
    "disqualified": "取消资格",
}
HEADERS = ("序号", "准考证号", "姓名", "性别", "身份证号", "工作单位", "所属区县", "状态", "原因")


@dataclass(frozen=True)
class NoShowRow:
    ticket_no: str
    name: str
    gender: str
    id_masked: str
    employer: str
    district: str
    status: str
    reason: str


def noshow_rows(db: Database, actor: Actor, event_id: uuid.UUID) -> list[NoShowRow]:
    require(actor, Perm.VIEW_NAMES)
    with db.read() as s:
        load_event(s, event_id)
        rows = s.execute(
            select(Registration, Contestant)
            .join(Contestant, Contestant.id == Registration.contestant_id)
            .where(Registration.event_id == event_id, Registration.status.in_(list(NOSHOW_ZH)))
            .order_by(Registration.ticket_no)
        ).all()
    return [
        NoShowRow(
            r.ticket_no,
            c.name,
            {"M": "男", "F": "女"}.get(c.gender, c.gender),
            mask_id(c.id_number),
            r.employer or c.employer,
            r.district or c.district,
            r.status,
            r.status_reason,
        )
        for r, c in rows
    ]


def export_noshow_xlsx(
    db: Database, actor: Actor, event_id: uuid.UUID, path: str | os.PathLike[str]
) -> int:
    """Write the no-show list (absent, withdrawn, disqualified, and not yet checked in) to
    ``path``; ID numbers are masked. Returns the number of contestants listed."""
    import openpyxl
    from openpyxl.styles import Font

    require(actor, Perm.CHECKIN)
    rows = noshow_rows(db, actor, event_id)
    with db.read() as s:
        title = load_event(s, event_id).name
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "缺考名单"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, start=1):
        values = (
            r.ticket_no,
            r.name,
            r.gender,
            r.id_masked,
            r.employer,
            r.district,
            NOSHOW_ZH.get(r.status, r.status),
            r.reason,
        )
        ws.append((i, *values))
        for cell in ws[ws.max_row][1:]:
            cell.data_type = "s"  # "=..." stays text, never a formula
            cell.number_format = "@"
    for col, width in zip("ABCDEFGHI", (6, 12, 10, 6, 22, 36, 12, 10, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    workbook.properties.title = f"缺考名单 {title}"
    with atomic_output(path) as tmp:
        workbook.save(os.fspath(tmp))
    with db.write() as s:
        audit.record(
            s,
            db,
            actor,
            "checkin.export_noshow",
            entity="event",
            entity_id=event_id,
            event_id=event_id,
            after={"file": Path(path).name, "rows": len(rows)},
        )
    return len(rows)
