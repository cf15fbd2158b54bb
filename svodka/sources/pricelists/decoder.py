"""Decode a stored price-list file into one record per data row (stream ``pricelist_rows``).

The lake keeps the supplier's file verbatim; the manifest's meta keeps how it was read
(format, encoding, delimiter, and per sheet the header row and each field's column). The
decoder needs nothing else, so a rebuild from the lake decodes exactly as the first load
did, whatever the layout profiles say by then.

A record::

    {"sheet": "Прайс", "row": 7,                      # where the row is in the file (1-based)
     "article": "A-1", "name": "…", "price": "1 234,50", "quantity": "12",
     "barcode": "4600000000001", "brand": "…", "unit": "шт",    # texts as written ("" if absent)
     "price_value": "1234.50", "quantity_value": "12",          # parsed numbers, or null
     "values": {"Артикул": "A-1", "Цена, руб.": "1 234,50", …},  # every column by its header
     "rejected": false, "reason": null}                         # or true and a reason code

Rows whose every cell is blank are not rows; every other row below the header is one record,
rejected ones included (the warehouse model filters them), so «rows in file = loaded +
rejected» can be checked against raw.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svodka.sources.pricelists.profiles import FIELDS
from svodka.sources.pricelists.reading import Limits, Workbook, read_workbook
from svodka.sources.pricelists.validation import check_row, decimal_text

STREAM = "pricelist_rows"
# Re-reading a stored file must not fail on limits the workspace had when it was accepted.
_REPLAY_LIMITS = Limits(max_bytes=1 << 40, max_rows=1 << 30)


def _header_keys(headers: list[str]) -> list[str]:
    """Unique keys for the `values` map: the header text, «(2)» on repeats, «#N» for a blank header."""
    seen: dict[str, int] = {}
    out = []
    for col, h in enumerate(headers):
        key = h or f"#{col + 1}"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key} ({seen[key]})")
    return out


def decode_rows(wb: Workbook, meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The records of a read workbook, following the sheet layouts in `meta["sheets"]`."""
    records: list[dict[str, Any]] = []
    for layout in meta["sheets"]:
        sheet = wb.sheet(layout["name"])
        columns: dict[str, int] = layout["columns"]
        keys = _header_keys(list(layout["headers"]))
        start = int(layout["header_row"])
        for number, row in enumerate(sheet.rows[start:], start=start + 1):
            if not any(row):
                continue
            texts = {f: (row[columns[f]] if f in columns and columns[f] < len(row) else "") for f in FIELDS}
            reason, price, quantity = check_row(texts["article"], texts["price"], texts["quantity"])
            values = {}
            for col, cell in enumerate(row):
                if cell or col < len(keys):
                    values[keys[col] if col < len(keys) else f"#{col + 1}"] = cell
            records.append(
                {
                    "sheet": sheet.name,
                    "row": number,
                    **texts,
                    "price_value": decimal_text(price),
                    "quantity_value": decimal_text(quantity),
                    "values": values,
                    "rejected": reason is not None,
                    "reason": reason,
                }
            )
    return records


def decode_pricelist(body: bytes, meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The records of a stored price-list file (the loader's decoder for ``pricelist_rows``)."""
    wb = read_workbook(
        body,
        str(meta["file_name"]),
        _REPLAY_LIMITS,
        encoding=meta.get("encoding"),
        delimiter=meta.get("delimiter"),
        sheets=[s["name"] for s in meta["sheets"]],
    )
    return decode_rows(wb, meta)
