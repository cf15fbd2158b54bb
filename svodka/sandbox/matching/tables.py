"""Column tables of the corpus and their CSV / .xlsx writers."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import xlsxwriter

XLSX_MAX_ROWS = 1_048_575  # one header row + this many data rows fit on a sheet


class Table:
    """Named columns of equal length (Python lists), as a file would hold them."""

    def __init__(self, columns: dict[str, list]) -> None:
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"matching corpus: columns of different lengths {sorted(lengths)}")
        self.columns = columns

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))

    def __getitem__(self, name: str) -> list:
        return self.columns[name]

    @property
    def names(self) -> list[str]:
        """Column names in file order."""
        return list(self.columns)

    def row(self, i: int) -> dict:
        """Row `i` as a dict."""
        return {k: v[i] for k, v in self.columns.items()}

    def rows(self) -> Iterator[tuple]:
        """Rows as tuples in column order."""
        return zip(*self.columns.values(), strict=True)


def _cell(x: object, decimal_comma: bool) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        s = f"{x:.2f}"
        return s.replace(".", ",") if decimal_comma else s
    return str(x)


def write_csv(table: Table, path: str | Path, delimiter: str = ";", encoding: str = "utf-8") -> Path:
    """Write `table` with a header row. Encodings: "cp1251", "utf-8-sig" (BOM) or "utf-8". With
    `;` prices get a decimal comma, as Russian Excel writes them. Missing values are empty."""
    if encoding.lower().replace("_", "-") not in ("cp1251", "windows-1251", "utf-8-sig", "utf-8"):
        raise ValueError(f"matching corpus: encoding {encoding!r}; use cp1251, utf-8-sig or utf-8")
    path = Path(path)
    comma = delimiter == ";"
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(table.names)
        for row in table.rows():
            w.writerow([_cell(x, comma) for x in row])
    return path


def write_xlsx(table: Table, path: str | Path, sheet: str = "data") -> Path:
    """Write `table` on one sheet: text as text (barcodes keep their digits), prices as numbers."""
    if len(table) > XLSX_MAX_ROWS:
        raise ValueError(
            f"matching corpus: {len(table)} rows do not fit on an .xlsx sheet; write CSV instead"
        )
    path = Path(path)
    opts = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    wb = xlsxwriter.Workbook(str(path), {**opts, "strings_to_urls": False})
    ws = wb.add_worksheet(sheet)
    for c, name in enumerate(table.names):
        ws.write_string(0, c, name)
    for r, row in enumerate(table.rows(), start=1):
        for c, x in enumerate(row):
            if isinstance(x, float):
                ws.write_number(r, c, x)
            elif x is not None:
                ws.write_string(r, c, _cell(x, False))
    wb.close()
    return path
