"""Signed packages in the GUI: the data exchange page (export with handover slip, import with
device trust, trusted devices, package log) and the conflicts screen.

Everything that reads or writes data is a call into ``kmjudge.sync`` / ``kmjudge.trust`` run
through ``ctx.worker``; these modules only show what the core returns.
"""
