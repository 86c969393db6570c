"""Pausing Python's cycle collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while bulk data is built (then restore it).

    Loading an event's results (a few hundred thousand marks) or merging a venue package
    (10,000 marks and their audit entries) builds many small objects that all stay alive for
    a while. The cycle collector, triggered by the allocations, would meanwhile walk every live
    object again and again: a third of the time at 200,000 scores
    (``benchmarks/bench_results.py``), a fifth of a 100-package import at the city office
    (``benchmarks/bench_sync.py``). Nothing built there forms reference cycles, so nothing is
    lost by collecting later instead. Reference counting frees memory as usual; the collector
    is switched back on only if it was on, so nesting and other threads are safe (the GUI keeps
    it off and collects on its own thread, ``ui/gcguard.py``).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
