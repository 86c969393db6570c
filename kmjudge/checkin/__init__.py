"""Check-in (检录): signed admission tickets, QR scanning, station draw, no-shows.

The public API, for the GUI and the CLI::

    from kmjudge import checkin
    tickets = checkin.write_tickets_pdf(db, actor, event_id, "tickets.pdf", per_page=6)
    verdict = checkin.scan(db, actor, event_id, scanned_text)

See ``docs/checkin.md`` for the token format and the verdicts.
"""

from kmjudge.checkin.common import Cancelled
from kmjudge.checkin.draw import (
    CheckinSettings,
    DrawnStation,
    DrawResult,
    draw_all,
    draw_list,
    get_settings,
    set_settings,
    write_draw_list_pdf,
)
from kmjudge.checkin.issue import IssuedTicket, issue_tickets, reissue_ticket
from kmjudge.checkin.noshow import export_noshow_xlsx, noshow_rows
from kmjudge.checkin.service import (
    AbsentResult,
    CheckinCounts,
    ScanLogRow,
    Verdict,
    VerdictKind,
    counters,
    disqualify,
    manual_checkin,
    mark_absent,
    recent_scans,
    reinstate,
    scan,
    undo_checkin,
    withdraw,
)
from kmjudge.checkin.tickets_pdf import TicketsPdf, reprint_ticket_pdf, write_tickets_pdf

__all__ = [
    "AbsentResult",
    "Cancelled",
    "CheckinCounts",
    "CheckinSettings",
    "DrawResult",
    "DrawnStation",
    "IssuedTicket",
    "ScanLogRow",
    "TicketsPdf",
    "Verdict",
    "VerdictKind",
    "counters",
    "disqualify",
    "draw_all",
    "draw_list",
    "export_noshow_xlsx",
    "get_settings",
    "issue_tickets",
    "manual_checkin",
    "mark_absent",
    "noshow_rows",
    "recent_scans",
    "reinstate",
    "reissue_ticket",
    "reprint_ticket_pdf",
    "scan",
    "set_settings",
    "undo_checkin",
    "withdraw",
    "write_draw_list_pdf",
    "write_tickets_pdf",
]
