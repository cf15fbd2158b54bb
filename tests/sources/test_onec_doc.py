"""The 1C section of docs/connectors.md stays true: every option with its default, every stream."""

from __future__ import annotations

import re
from pathlib import Path

from svodka.sources.onec import STREAMS, OneCOptions

DOC = (Path(__file__).resolve().parents[2] / "docs" / "connectors.md").read_text()
SECTION = DOC.partition("## 1C:Enterprise")[2].partition("\n## ")[0]


def rows() -> dict[str, list[str]]:
    """Markdown table rows of the 1C section keyed by their first cell (without backticks)."""
    out = {}
    for line in SECTION.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 1:
            out[cells[0].strip("`")] = cells
    return out


def test_every_option_is_documented_with_its_default():
    table = rows()
    assert SECTION, "docs/connectors.md has no 1C:Enterprise section"
    for name, field in OneCOptions.model_fields.items():
        assert name in table, f"option {name} is missing from the 1C section of docs/connectors.md"
        assert float(table[name][1]) == float(field.default), f"default of {name} differs"


def test_every_stream_is_documented_with_its_resource_and_record_path():
    table = rows()
    for cls in STREAMS:
        assert cls.name in table, f"stream {cls.name} is missing from the 1C section"
        assert cls.entity in table[cls.name][1], cls.name
        shown = re.sub(r"[`\s]", "", table[cls.name][3]).replace('"', "'")
        assert shown == repr(cls.record_path).replace(" ", ""), cls.name
