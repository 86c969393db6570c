"""Judging (评分): assignments, blind judge entry, paper double entry, theory scores, the chief
judge's review (spread flags, corrections, 复核 recheck, 申诉 appeals), completeness and locks.

Qt-free; every function takes a ``Database`` and an ``Actor`` and enforces its own rules. See
``docs/judging.md``. Modules:

- ``rules``: what one mark may be (M points, J grade 0-3, D occurrences), pure
- ``entry``: the judge's grid, ``enter_score``, ``submit``/``reopen``, ``correct_score``,
  ``station_names`` (names only after lock for judges)
- ``paper``/``sheetpdf``: printed marking sheets, two blind clerk passes, corrections
- ``theory``: theory score import (preview -> commit)
- ``review``: spread flags, ``override``, the chief judge's ``review_list``
- ``completeness``: ``missing``; ``recheck``: 复核; ``appeals``: 申诉
- ``lock``: ``lock_criterion``/``lock_event``/``unlock_*``
- ``results_input``: ``scores_for_results`` (plain data)
- ``views``: the frozen view objects (no personal fields in anything a judge or clerk gets)
"""

from kmjudge.judging.appeals import decide_appeal, list_appeals, submit_appeal
from kmjudge.judging.completeness import missing
from kmjudge.judging.entry import (
    correct_score,
    enter_score,
    judge_sheet,
    reopen,
    request_reopen,
    station_names,
    submit,
)
from kmjudge.judging.lock import (
    lock_blockers,
    lock_criterion,
    lock_event,
    unlock_criterion,
    unlock_event,
)
from kmjudge.judging.paper import (
    create_sheets,
    enter_sheet_values,
    list_sheets,
    open_sheet,
    resolve_difference,
    sheet_differences,
    write_sheets_pdf,
)
from kmjudge.judging.recheck import recheck_sample, recheck_status, record_recheck
from kmjudge.judging.results_input import scores_for_results
from kmjudge.judging.review import override, review_list, spread_flags
from kmjudge.judging.theory import (
    commit_theory_import,
    import_theory_xlsx,
    preview_theory_import,
)

__all__ = [
    "commit_theory_import",
    "correct_score",
    "create_sheets",
    "decide_appeal",
    "enter_score",
    "enter_sheet_values",
    "import_theory_xlsx",
    "judge_sheet",
    "list_appeals",
    "list_sheets",
    "lock_blockers",
    "lock_criterion",
    "lock_event",
    "missing",
    "open_sheet",
    "override",
    "preview_theory_import",
    "recheck_sample",
    "recheck_status",
    "record_recheck",
    "reopen",
    "request_reopen",
    "resolve_difference",
    "review_list",
    "scores_for_results",
    "sheet_differences",
    "spread_flags",
    "station_names",
    "submit",
    "submit_appeal",
    "unlock_criterion",
    "unlock_event",
    "write_sheets_pdf",
]
