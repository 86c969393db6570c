"""Reliability tests: the kill harness, corrupt files, full disks, busy databases, fuzzing,
security and the soak's little brother.

``slow`` tests (200 kills per operation, thousands of fuzz examples) run only when asked for:
``pytest -m slow tests/reliability`` (see docs/reliability.md).
"""

from __future__ import annotations

import pytest


def slow_requested(config: pytest.Config) -> bool:
    return "slow" in (config.getoption("markexpr", "") or "")


@pytest.fixture(autouse=True)
def _slow_only_on_request(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("slow") and not slow_requested(request.config):
        pytest.skip("slow mode: run with `pytest -m slow tests/reliability`")
