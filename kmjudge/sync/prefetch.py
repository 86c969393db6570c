"""Reading the next packages of a batch in a second process while this one merges.

A city office imports a stick's worth of packages at once (100 venues: a million marks and
their audit entries). About a third of each import is reading the package: the zip, every
member's SHA-256, the JSON, every value checked. None of that needs the database, so a helper
process does it for the next package while this process merges the current one; the result
comes back pickled (a fifth of the cost of reading it again).

The helper's work is an optimisation only, never trusted on its own: ``import_package`` uses
it only for a file whose whole-file SHA-256 it computed again itself and which is the one the
helper read (same bytes, same code), and still does every check that needs the database
(trust, signature, sequence, audit chain). If the helper cannot start or fails, the package is
read in this process as before, with the same messages.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from kmjudge.gcpause import gc_paused
from kmjudge.sync import package as pkg
from kmjudge.sync import tables as tb
from kmjudge.sync.parse import Parsed, parse_all

log = logging.getLogger(__name__)

#: Packages read ahead of the one being merged (each is a few MB once parsed).
AHEAD = 2


@dataclass(frozen=True)
class Prepared:
    """A package read by the helper: the SHA-256 of the file it read, and the parse."""

    sha256: str
    parsed: Parsed


def allowed_tables(kind: str) -> tuple[str, ...]:
    return tb.SETUP_TABLES if kind == "setup" else tuple(t.name for t in tb.TABLES)


def read_package(path: str) -> Prepared | None:
    """In the helper process: open, check and parse one package. Any refusal gives None (this
    process then reads the package itself and gives the refusal its message)."""
    try:
        with gc_paused(), pkg.open_package(Path(path)) as p:
            p.check_members()
            return Prepared(p.sha256, parse_all(p, allowed_tables(p.manifest.kind)))
    except Exception:
        return None


class Prefetcher:
    """``with Prefetcher(paths) as pre:`` then ``pre.take(path)`` for each path in order."""

    def __init__(self, paths: Sequence[Path], ahead: int = AHEAD) -> None:
        self.paths = [Path(p) for p in paths]
        self.ahead = ahead
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[int, Future[Prepared | None]] = {}
        self.next = 1  # the first package is read in this process while the helper starts
        if len(self.paths) > 1 and (os.cpu_count() or 1) > 1:
            try:
                self.pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
                self._fill(0)
            except Exception as exc:
                log.warning("package read-ahead not available: %s", exc)
                self.close()

    def _fill(self, current: int) -> None:
        assert self.pool is not None
        while self.next < len(self.paths) and self.next <= current + self.ahead:
            self.futures[self.next] = self.pool.submit(read_package, str(self.paths[self.next]))
            self.next += 1

    def take(self, index: int) -> Prepared | None:
        """What the helper read for ``paths[index]`` (waiting for it), or None."""
        fut = self.futures.pop(index, None)
        if self.pool is not None:
            try:
                self._fill(index)
            except Exception as exc:
                log.warning("package read-ahead stopped: %s", exc)
                self.close()
        if fut is None:
            return None
        try:
            return fut.result()
        except Exception as exc:
            log.warning("package read-ahead failed for %s: %s", self.paths[index].name, exc)
            return None

    def close(self, wait: bool = True) -> None:
        """Stop the helper (``wait=False``: do not wait for a package it is reading, e.g. on
        the GUI thread; the process ends once that one is read)."""
        for fut in self.futures.values():
            fut.cancel()
        self.futures.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb_: TracebackType | None,
    ) -> None:
        self.close()
