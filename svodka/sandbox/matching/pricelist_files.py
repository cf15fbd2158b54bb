"""Writers of supplier price-list files as suppliers make them: .xlsx with a title block and a
merged logo cell, .xlsx with several sheets, legacy .xls, and CSV in two dialects.

Each writer takes *blocks* (sheet name, header labels, rows of cells) and returns, per block, the
1-based row number (as a spreadsheet or a text editor shows it) of every data row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import xlsxwriter
import xlwt


@dataclass
class Block:
    """One table of a file: where it goes and what it holds."""

    sheet: str
    header: list[str]
    rows: list[list[object]]


def _xlsx_cell(ws, r: int, c: int, x: object) -> None:  # ws: xlsxwriter Worksheet
    if x is None:
        return
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        ws.write_string(r, c, str(x))
    else:
        ws.write_number(r, c, x)


def _workbook(path: Path, created: datetime) -> xlsxwriter.Workbook:
    # Text stays text: no formulas, URLs or numbers inferred from strings.
    opts = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    wb = xlsxwriter.Workbook(str(path), opts)
    wb.set_properties({"created": created})  # a fixed timestamp keeps the file byte-identical
    return wb


def write_xlsx_title(
    path: Path, blocks: list[Block], title: list[str], before: dict[str, list[str]], created: datetime
) -> list[list[int]]:
    """An .xlsx whose tables start after a title block: a merged «logo» cell over A1:B3, the title
    lines in C1.., a blank row, a note row, then the header. `before` adds text-only sheets in
    front (name → lines), as suppliers keep contacts and terms there."""
    wb = _workbook(path, created)
    for name, lines in before.items():
        ws = wb.add_worksheet(name)
        for r, line in enumerate(lines):
            ws.write_string(r, 0, line)
    logo = wb.add_format({"bold": True, "font_size": 20, "align": "center", "valign": "vcenter"})
    out = []
    for b in blocks:
        ws = wb.add_worksheet(b.sheet)
        ws.merge_range(0, 0, 2, 1, title[0], logo)
        for r, line in enumerate(title[1:4]):
            ws.write_string(r, 2, line)
        ws.write_string(4, 0, "Цены указаны в рублях с НДС. Минимальный заказ — 10 000 руб.")
        for c, h in enumerate(b.header):
            ws.write_string(5, c, h)
        for r, row in enumerate(b.rows, start=6):
            for c, x in enumerate(row):
                _xlsx_cell(ws, r, c, x)
        out.append(list(range(7, 7 + len(b.rows))))
    wb.close()
    return out


def write_xlsx_sheets(
    path: Path, blocks: list[Block], after: dict[str, list[str]], created: datetime
) -> list[list[int]]:
    """An .xlsx with one table per sheet, header on row 1, and text-only sheets after them."""
    wb = _workbook(path, created)
    bold = wb.add_format({"bold": True})
    out = []
    for b in blocks:
        ws = wb.add_worksheet(b.sheet)
        for c, h in enumerate(b.header):
            ws.write_string(0, c, h, bold)
        for r, row in enumerate(b.rows, start=1):
            for c, x in enumerate(row):
                _xlsx_cell(ws, r, c, x)
        out.append(list(range(2, 2 + len(b.rows))))
    for name, lines in after.items():
        ws = wb.add_worksheet(name)
        for r, line in enumerate(lines):
            ws.write_string(r, 0, line)
    wb.close()
    return out


def write_xls(path: Path, blocks: list[Block], title: str) -> list[list[int]]:
    """A legacy Excel 97–2003 (.xls, BIFF8) file: a title line, a blank row, then the header."""
    wb = xlwt.Workbook(encoding="utf-8")
    out = []
    for b in blocks:
        ws = wb.add_sheet(b.sheet)
        ws.write(0, 0, title)
        for c, h in enumerate(b.header):
            ws.write(2, c, h)
        for r, row in enumerate(b.rows, start=3):
            for c, x in enumerate(row):
                if x is not None:
                    ws.write(r, c, x)
        out.append(list(range(4, 4 + len(b.rows))))
    wb.save(str(path))
    return out


def write_text_csv(path: Path, block: Block, delimiter: str, encoding: str) -> list[list[int]]:
    """CSV with a header line; every cell is text. Fields holding the delimiter are quoted."""
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(block.header)
        for row in block.rows:
            w.writerow(["" if x is None else str(x) for x in row])
    return [list(range(2, 2 + len(block.rows)))]
