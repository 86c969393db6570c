"""Record ids: UUIDs that sort by creation time (RFC 9562 version 7).

Ids travel between machines, so they must be unique without a central counter (random
bits), but records made together should also sit together in an index: a venue's marks
arrive at the city office as one package, and random (version 4) ids would scatter them
over the whole index of a million marks, rewriting thousands of its pages per package.
A version 7 id starts with the creation time in milliseconds, then 74 random bits.
"""

from __future__ import annotations

import os
import time
import uuid

_last_ms = 0
_seq = 0


def new_id() -> uuid.UUID:
    """A new version 7 UUID. Within one process ids are strictly increasing (a 12-bit counter
    continues within a millisecond), which keeps one batch's rows in order."""
    global _last_ms, _seq
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms
        _seq += 1
        if _seq > 0xFFF:  # 4,096 ids in one millisecond: borrow the next one
            ms += 1
            _seq = 0
    else:
        _seq = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room to count up
    _last_ms = ms
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _seq << 64 | 0b10 << 62 | rand
    return uuid.UUID(int=value)
