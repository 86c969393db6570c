"""Competition set-up screens: events, their settings and their marking schemes."""

from ui.setup.event_form import EventForm
from ui.setup.events_page import EventsPage
from ui.setup.scheme_view import IssuesDialog, SchemeView

__all__ = ["EventForm", "EventsPage", "IssuesDialog", "SchemeView"]
