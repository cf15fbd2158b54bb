"""ruff stays clean: lint and format, with the project's configuration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = str(Path(sys.executable).with_name("ruff"))


def test_ruff_check_is_clean() -> None:
    p = subprocess.run([RUFF, "check", "svodka", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_ruff_format_is_clean() -> None:
    p = subprocess.run(
        [RUFF, "format", "--check", "svodka", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert p.returncode == 0, p.stdout + p.stderr
