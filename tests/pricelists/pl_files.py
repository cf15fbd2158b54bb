"""Price-list test material: real files written to disk, and raw rows read back."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import xlwt

from svodka.pipeline.workspace import Workspace

HEADER = ["№", "Наименование товара", "Артикул", "Бренд", "Цена, руб.", "Остаток", "Штрихкод"]
GOOD = [
    [1, "Крем для рук «Ромашка» 50 мл", "AL-001", "Natura", "1 234,50", 12, 4600000000017],
    [2, "Крем для рук «Ромашка» 100 мл", "AL-002", "Natura", 990, 0, "4600000000024"],
    [3, "Гель для стирки 1 л", "AL-003", "Чистюля", "349.90", "", None],
]
BAD = [
    ([4, "Шампунь без артикула", "", "X", 100, 1, None], "no_article"),
    ([5, "Шампунь, цена словами", "AL-005", "X", "договорная", 1, None], "price_not_number"),
    ([6, "Шампунь даром", "AL-006", "X", 0, 1, None], "price_not_positive"),
    ([7, "Шампунь, остаток словами", "AL-007", "X", 10, "много", None], "quantity_not_number"),
    ([8, "Шампунь в минусе", "AL-008", "X", "10 р.", -3, None], "quantity_not_positive"),
]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """An .xlsx with one sheet per entry, rows as given (None = empty cell)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def csv_bytes(rows: Sequence[Sequence[object]], delimiter: str, encoding: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if c is None else c for c in r] for r in rows]
    )
    return buf.getvalue().encode(encoding)


def title_block() -> list[list[object]]:
    """What suppliers put above the header: company, date, contacts, a blank row."""
    return [["ООО «Альфа-Трейд»"], ["Прайс-лист на 01.12.2026", None, None, "тел. +7 495 000-00-00"], []]


def raw_rows(ws: Workspace) -> list[tuple[str, int, str]]:
    """(run_id, record_index, payload) of every price-list row in raw."""
    return ws.warehouse.rows(
        "SELECT run_id, record_index, payload FROM raw.records FINAL WHERE stream = 'pricelist_rows'"
        " ORDER BY run_id, record_index"
    )


def write_xls(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A legacy Excel 97–2003 .xls (BIFF8), as old 1C and accounting programs still export."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path
