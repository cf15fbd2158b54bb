"""A real workspace per test to load price lists into."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svodka.pipeline.workspace import Workspace, init_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace, opened in this process (closed after the test)."""
    root = init_workspace(tmp_path / "ws")
    w = Workspace.open(root)
    try:
        yield w
    finally:
        w.close()
