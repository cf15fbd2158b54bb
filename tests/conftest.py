"""Shared fixtures: a fresh embedded warehouse per test (chDB allows one path per process)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svodka.warehouse.client import Warehouse, connect
from svodka.warehouse.migrations import migrate


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    """A migrated chDB warehouse in a temporary folder, closed after the test."""
    w = connect(f"chdb://{tmp_path / 'warehouse'}")
    migrate(w)
    try:
        yield w
    finally:
        w.close()
