"""docs/connectors.md stays true: every WB option with its default, every stream with its record path."""

from __future__ import annotations

import re
from pathlib import Path

from svodka.sources.wb import STREAMS, WBOptions

DOC = (Path(__file__).resolve().parents[2] / "docs" / "connectors.md").read_text()


def rows(first_cell: str) -> dict[str, list[str]]:
    """Markdown table rows keyed by their first cell (without backticks)."""
    out = {}
    for line in DOC.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 1:
            out[cells[0].strip("`")] = cells
    return out


def test_every_option_is_documented_with_its_default():
    table = rows("option")
    for name, field in WBOptions.model_fields.items():
        assert name in table, f"option {name} is missing from docs/connectors.md"
        assert float(table[name][1]) == float(field.default), f"default of {name} differs"


def test_every_stream_is_documented_with_its_record_path():
    table = rows("stream")
    for cls in STREAMS:
        assert cls.name in table, f"stream {cls.name} is missing from docs/connectors.md"
        shown = re.sub(r"[`\s]", "", table[cls.name][3]).replace('"', "'")
        assert shown == repr(cls.record_path).replace(" ", ""), cls.name
