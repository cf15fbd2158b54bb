"""Recognise a price list's layout: which profile, which sheets, which row holds the header.

The header row is the first of a sheet's top `HEADER_SCAN_ROWS` rows where a profile finds
all its required fields, so a title block (company name, date, «Прайс-лист на …») above it
is skipped. Columns are matched by header text, never by position: added or reordered
columns still load.

Which profile wins: a profile with a fixed supplier must first be *identified* — its
supplier given by the user, or one of its `match` patterns (by default the supplier's name)
found in the file name, a sheet name, the title block or the header row. Among candidates,
supplier-specific beats generic, then more fields found, then a name column found, then
`priority`, then a workspace profile over a built-in one, then the name. A file no profile
fits raises `UnknownLayout`, which names the headers it saw.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from svodka.errors import SourceError
from svodka.sources.pricelists.profiles import FIELDS, LayoutProfile, lower_header
from svodka.sources.pricelists.reading import SOURCE, Sheet, Workbook

HEADER_SCAN_ROWS = 30
"""How deep a header row may lie: title blocks are a few rows; 30 leaves room for logos and notes."""


def same_supplier(a: str, b: str) -> bool:
    """Supplier names compare case- and space-insensitively («ООО Альфа» = «ооо  альфа»)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(frozen=True)
class SheetLayout:
    """Where the data of one sheet is: the header's row number and each field's column."""

    name: str
    header_row: int
    """1-based row number of the header (the data starts below it)."""
    columns: dict[str, int]
    """Canonical field → 0-based column index."""
    headers: list[str]
    """The header row's texts, by column."""

    def as_meta(self) -> dict[str, Any]:
        """Plain JSON for the lake manifest: the decoder reads the stored file with exactly this."""
        return {
            "name": self.name,
            "header_row": self.header_row,
            "columns": self.columns,
            "headers": self.headers,
        }


@dataclass(frozen=True)
class Recognition:
    """The winning profile and the sheets it reads."""

    profile: LayoutProfile
    sheets: list[SheetLayout]

    @property
    def supplier(self) -> str | None:
        return self.profile.supplier


class UnknownLayout(SourceError):
    """No profile fits the file: it is not loaded. Carries the headers seen, for the warning."""

    def __init__(self, file_name: str, seen: list[tuple[str, int, list[str]]]) -> None:
        self.file_name = file_name
        self.seen = seen
        lines = [
            f"  sheet {sheet!r}, row {row}: " + ", ".join(f"«{h}»" for h in headers[:15] if h)
            for sheet, row, headers in seen
        ] or ["  (the file holds no text at all)"]
        super().__init__(
            f"price list {file_name}: layout not recognised — no layout profile finds an article and a "
            "price column, so the file was NOT loaded. Headers seen:\n" + "\n".join(lines),
            source=SOURCE,
            hint="Add a profile to svodka.toml naming those headers, e.g.\n"
            "  [pricelists.layouts.my_supplier]\n"
            '  extends = "ru_standard"\n'
            '  article = ["<the article header>"]\n'
            '  price = ["<the price header>"]\n'
            "then load the file again (docs/pricelists.md).",
        )


def _find_header(profile: LayoutProfile, sheet: Sheet) -> SheetLayout | None:
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if not any(row):
            continue
        columns = profile.map_headers(row)
        if all(f in columns for f in profile.required):
            ordered = {f: columns[f] for f in FIELDS if f in columns}
            return SheetLayout(sheet.name, i + 1, ordered, list(row))
    return None


def _texts(file_name: str, wb: Workbook, found: list[SheetLayout], supplier: str | None) -> list[str]:
    """Where a supplier may name itself: file name, sheet names, title blocks and header rows."""
    out = [file_name, *(s.name for s in wb.sheets)]
    if supplier:
        out.append(supplier)
    for layout in found:
        for row in wb.sheet(layout.name).rows[: layout.header_row]:
            out.extend(c for c in row if c)
    return out


def _identified(profile: LayoutProfile, texts: list[str], supplier: str | None) -> bool:
    if profile.supplier is None:
        return True
    if supplier is not None:
        return same_supplier(profile.supplier, supplier)
    if profile.match:
        return profile.identifies(texts)
    own = re.compile(re.escape(lower_header(profile.supplier)))
    return any(own.search(lower_header(t)) for t in texts)


def _headers_seen(wb: Workbook) -> list[tuple[str, int, list[str]]]:
    """Per sheet (first five), the top row with the most filled cells: most likely the header."""
    seen = []
    for sheet in wb.sheets[:5]:
        best = max(
            ((sum(1 for c in row if c), -i) for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS])),
            default=(0, 0),
        )
        if best[0]:
            i = -best[1]
            seen.append((sheet.name, i + 1, sheet.rows[i]))
    return seen


def recognise(
    wb: Workbook, profiles: Mapping[str, LayoutProfile], file_name: str, supplier: str | None = None
) -> Recognition:
    """The best profile for `wb` and the sheets it reads; raise `UnknownLayout` when none fits.

    `supplier`, when the user gives it, rules out profiles fixed to another supplier.
    """
    best: tuple[tuple[Any, ...], Recognition] | None = None
    for index, profile in enumerate(profiles.values()):
        found = [
            layout
            for sheet in wb.sheets
            if profile.sheet is None or profile.sheet.search(lower_header(sheet.name))
            if (layout := _find_header(profile, sheet)) is not None
        ]
        if not found:
            continue
        if not _identified(profile, _texts(file_name, wb, found, supplier), supplier):
            continue
        score = (
            profile.supplier is not None,
            max(len(s.columns) for s in found),
            any("name" in s.columns for s in found),
            profile.priority,
            profile.origin != "built-in",
            -index,
        )
        if best is None or score > best[0]:
            best = (score, Recognition(profile, found))
    if best is None:
        raise UnknownLayout(file_name, _headers_seen(wb))
    return best[1]
