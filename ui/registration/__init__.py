"""Registration screens: the contestant list, the import wizard and the walk-in form."""

from ui.registration.contestants_page import ContestantsPage
from ui.registration.import_wizard import ImportWizard
from ui.registration.walkin_dialog import WalkInDialog

__all__ = ["ContestantsPage", "ImportWizard", "WalkInDialog"]
