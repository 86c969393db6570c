"""检录 (check-in): the scan desk, manual look-up, tickets, station draw, scanner self-test.

Everything here is the Qt layer over ``kmjudge.checkin``; no SQL. The scan field and its key
router are in :mod:`ui.checkin.scan_field`, the big verdict in :mod:`ui.checkin.verdict_panel`.
"""
