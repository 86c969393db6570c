"""ID numbers (居民身份证号) stay out of the log files and off the screens that do not need
them.

- Logs: the app's rotating log (ui.app.setup_logging, in the data folder) after an import
  and check-ins with SQL logging switched on, and after a background task failed with an ID
  number in its message: no ID number in full, only masked (5301**********1234).
- Screens: the check-in desk (after a scan), the contestants list and the judge's grid show
  no ID number in full in any label, field or table cell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import checkin, paths
from kmjudge.privacy import ID_PATTERN, mask_id_numbers
from kmjudge.registration.idcard import mask_id
from tests.ui_checkin import scanner
from tests.ui_checkin.conftest import (  # noqa: F401 - fixtures used by name
    WAIT_MS,
    Desk,
    Keep,
    chinese_app,
    demo_template,
    desk,
    keep,
    make_ctx,
    worker,
)
from tests.ui_checkin.helpers import open_page, wait_verdict
from ui.context import AppContext
from ui.worker import Worker

pytestmark = pytest.mark.gui


def _log_text() -> str:
    return "\n".join(
        p.read_text("utf-8", "replace") for p in sorted(paths.logs_dir().glob("kmjudge.log*"))
    )


def test_log_files_hold_no_id_number_in_full(
    qtbot: QtBot,
    desk: Desk,  # noqa: F811
    worker: Worker,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Import + check-in with SQL logging on (it prints every parameter), and a background
    task failing with an ID number in its message: the log has every one masked."""
    from kmjudge.registration import service
    from tests.checkin.conftest import person
    from ui.app import setup_logging

    handler = setup_logging()
    sql = logging.getLogger("sqlalchemy.engine")
    sql.setLevel(logging.INFO)
    people = [person(9000 + k) for k in range(5)]
    try:
        sheet = tmp_path / "新报名.csv"
        sheet.write_text(
            "姓名,身份证号码,工作单位\n" + "".join(f"{n},{i},昆钢\n" for n, i in people),
            encoding="utf-8",
        )
        service.import_file(desk.db, desk.admin, desk.event_id, sheet)
        for i in range(3):
            checkin.scan(desk.db, desk.admin, desk.event_id, desk.token(i))

        def fails() -> None:
            raise ValueError(f"duplicate contestant {people[0][1]} in row 2")

        worker.run(fails)  # no on_error: the worker logs the traceback
        qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    finally:
        sql.setLevel(logging.WARNING)
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = _log_text()
    ids = [i for _, i in people] + [desk.reg(i).id_number for i in range(3)]
    assert "background task failed" in text and "INSERT INTO contestant" in text
    for number in ids:
        assert number not in text, f"{mask_id(number)} is in the log in full"
    assert mask_id(people[0][1]) in text  # the log did carry them, masked
    assert not ID_PATTERN.search(text)


def test_the_mask_leaves_other_numbers_alone() -> None:
    """Ticket numbers, phone numbers, UUIDs and hashes are not ID numbers."""
    text = (
        "ticket 260001 phone 13888888888 uuid 5301021990010112345678abcdef0123 "
        "sha 9f530102199001011234aa time 20261020083000"
    )
    assert mask_id_numbers(text) == text
    assert mask_id_numbers("(530102199001011234, 53010219900101123x)") == (
        "(5301**********1234, 5301**********123x)"
    )


def _screen_text(root: QWidget) -> str:
    """Every label, field, button and table cell (with headers and tooltips) under root."""
    parts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            parts.append(w.text())
        parts.append(w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = m.data(m.index(r, c), role)
                        if value is not None:
                            parts.append(str(value))
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page_name", "user"),
    [("checkin", "registrar"), ("contestants", "registrar"), ("judge", "judge1")],
)
def test_screens_show_no_id_number_in_full(
    page_name: str,
    user: str,
    qtbot: QtBot,
    keep: Keep,  # noqa: F811
    desk: Desk,  # noqa: F811
    make_ctx: Callable[..., AppContext],  # noqa: F811
) -> None:
    ctx = make_ctx(user)
    if page_name == "checkin":
        page: QWidget = open_page(qtbot, keep, ctx)
        scanner.scan(page.scan, desk.token(0))  # type: ignore[attr-defined]
        wait_verdict(qtbot, page, checkin.VerdictKind.VALID)  # type: ignore[arg-type]
    else:
        if page_name == "contestants":
            from ui.registration.contestants_page import ContestantsPage as Page
        else:
            from ui.judging.judge_page import JudgePage as Page  # type: ignore[assignment]
        page = keep(Page(ctx))
        page.resize(1176, 660)
        page.show()
        qtbot.waitExposed(page)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=WAIT_MS)
    shown = _screen_text(page)
    for reg in desk.regs:
        assert reg.id_number not in shown, f"{page_name} shows {mask_id(reg.id_number)} in full"
    assert not ID_PATTERN.search(shown)
    if page_name == "contestants":  # control: the list is really read (masked IDs are there)
        assert mask_id(desk.reg(0).id_number) in shown
    if page_name == "checkin":
        assert desk.reg(0).name in shown and desk.reg(0).last4 in shown
    if page_name == "judge":  # blind marking: not even names
        assert desk.reg(0).name not in shown
