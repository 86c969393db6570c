"""Keeping ID numbers (居民身份证号) out of places that do not need them: log files above all.

Screens that must show a number show it masked (``mask_id``: ``5301**********123X``). Logs
must never hold one in full, whatever ends up in them (an exception that quotes SQL
parameters, a technician turning on SQL logging): ``MaskIdNumbers`` is a logging filter
that masks anything shaped like an 18-character (or old 15-digit) ID number in each record,
its arguments and its traceback before the record is written.
"""

from __future__ import annotations

import logging
import re

from kmjudge.registration.idcard import mask_id

_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# Not inside a longer run of letters/digits (UUID hex, SHA-256), ASCII only.
ID_PATTERN = re.compile(
    rf"(?<![0-9A-Za-z])(?:[1-8]\d{{5}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}[0-9Xx]"
    rf"|[1-8]\d{{7}}{_DATE}\d{{3}})(?![0-9A-Za-z])",
    re.ASCII,
)


def mask_id_numbers(text: str) -> str:
    """``text`` with every ID-number-shaped run masked."""
    return ID_PATTERN.sub(lambda m: mask_id(m.group(0)), text)


class MaskIdNumbers(logging.Filter):
    """A handler filter: the record leaves with its message (arguments merged in), traceback
    and stack masked. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is
            message = str(record.msg)
        record.msg = mask_id_numbers(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_id_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_id_numbers(record.stack_info)
        return True
