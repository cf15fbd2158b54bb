"""Supplier price-list files: read back with independent readers, every row accounted for.

.xlsx through openpyxl, .xls through python-calamine, CSV through the csv module with the stated
encoding and delimiter. Each loaded row must hold what the truth says; each rejected row must
really have its defect; nothing else may be in the file.
"""

from __future__ import annotations

import csv
import filecmp
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from svodka.sandbox import World
from svodka.sandbox.matching.pricelist_rows import REASONS
from svodka.sandbox.matching.pricelists import LAYOUTS, PriceListTruth, write_pricelists

CSV_DIALECT = {"chistyy_dom": (";", "cp1251"), "tekstil_obuv": (",", "utf-8-sig")}


def read_sheets(t: PriceListTruth) -> dict[str, list[list[object]]]:
    """Every sheet of the file as rows of cell values (row 1 first), "" for empty cells."""
    p = t.path
    if p.suffix == ".csv":
        delimiter, encoding = CSV_DIALECT[t.layout]
        with p.open(encoding=encoding, newline="") as f:
            return {"": [list(r) for r in csv.reader(f, delimiter=delimiter)]}
    if p.suffix == ".xls":
        wb = CalamineWorkbook.from_path(str(p))
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}
    wb = openpyxl.load_workbook(p)
    return {
        ws.title: [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)] for ws in wb
    }


def money(x: object) -> Decimal:
    """A price as a loader must read it: numbers, or text «1 234,50» with spaces and a decimal comma."""
    if isinstance(x, (int, float)):
        return Decimal(str(x)).quantize(Decimal("0.01"))
    try:
        return Decimal(str(x).replace(" ", "").replace("\u00a0", "").replace(",", ".")).quantize(
            Decimal("0.01")
        )
    except InvalidOperation:
        raise ValueError(f"not a number: {x!r}") from None


def count(x: object) -> int:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, int):
        return x
    if isinstance(x, str) and re.fullmatch(r"-?\d+", x.strip()):
        return int(x)
    raise ValueError(f"not a count: {x!r}")


def barcode_text(x: object) -> str:
    """Barcodes come as text, or as numbers when a spreadsheet holds them as numbers."""
    return str(int(x)) if isinstance(x, (int, float)) else str(x).strip()


@pytest.fixture(scope="module")
def day1(world: World, tmp_path_factory) -> list[PriceListTruth]:
    return write_pricelists(world, tmp_path_factory.mktemp("day1"), day=1)


@pytest.fixture(scope="module")
def day2(world: World, tmp_path_factory) -> list[PriceListTruth]:
    return write_pricelists(world, tmp_path_factory.mktemp("day2"), day=2)


def data_rows(t: PriceListTruth, sheets: dict) -> dict[tuple[str | None, int], dict[str, object]]:
    """Data rows (after the header, non-empty) by (sheet, row number), cells keyed by field."""
    out = {}
    fields = dict((h, f) for f, h in LAYOUTS[t.layout])
    for sheet, header in t.headers.items():
        rows = sheets[sheet]
        at = next(i for i, r in enumerate(rows) if [str(c) for c in r[: len(header)]] == header)
        for i, r in enumerate(rows[at + 1 :], start=at + 2):
            if any(str(c).strip() for c in r):
                out[(sheet or None, i)] = {
                    fields[h]: (r[c] if c < len(r) else "") for c, h in enumerate(header)
                }
    return out


def test_files_and_layouts(day1: list[PriceListTruth]) -> None:
    kinds = {t.path.suffix for t in day1}
    assert kinds == {".xlsx", ".xls", ".csv"} and len(day1) == 6
    assert len({t.supplier for t in day1 if t.layout != "unknown"}) == 4
    assert [t.layout for t in day1] == [
        "kosmetik_opt", "elektromir_v1", "chistyy_dom", "tekstil_odezhda", "tekstil_obuv", "unknown",
    ]  # fmt: skip
    assert all(t.path.exists() and t.rows_in_file > 0 for t in day1)


def test_every_row_reads_back_as_the_truth_says(day1, day2) -> None:
    reasons_seen = set()
    for t in [*day1, *day2]:
        if t.layout == "unknown":
            continue
        rows = data_rows(t, read_sheets(t))
        assert len(rows) == t.rows_in_file == t.expected_loaded + len(t.rejected), t.path.name
        for lr in t.loaded:
            cells = rows[(lr.sheet, lr.row)]
            assert str(cells["article"]).strip() == lr.article
            assert money(cells["price"]) == lr.price > 0
            assert count(cells["quantity"]) == lr.quantity > 0
            if cells.get("barcode") not in ("", None) and lr.barcode is not None:
                assert barcode_text(cells["barcode"]) == lr.barcode
        for rej in t.rejected:
            cells = rows[(rej.sheet, rej.row)]
            reasons_seen.add(rej.reason)
            assert _defect(cells) == rej.reason, (t.path.name, rej, cells)
        for lr in t.loaded:
            assert _defect(rows[(lr.sheet, lr.row)]) is None
    assert reasons_seen == set(REASONS)


def _defect(cells: dict) -> str | None:
    """The one reason a row must be rejected for, judged from its cells alone."""
    if not str(cells["article"]).strip():
        return "no_article"
    try:
        if money(cells["price"]) <= 0:
            return "price_not_positive"
    except ValueError:
        return "price_not_number"
    try:
        if count(cells["quantity"]) <= 0:
            return "quantity_not_positive"
    except ValueError:
        return "quantity_not_number"
    return None


def test_loaded_rows_name_world_goods(world: World, day1) -> None:
    codes = set(world.catalog.bar_code)
    known = [lr for t in day1 for lr in t.loaded if lr.barcode is not None]
    assert known and all(lr.barcode in codes for lr in known)
    assert any(lr.barcode is None for t in day1 for lr in t.loaded)  # goods the seller does not have


def test_title_block_named_sheet_and_merged_logo(day1) -> None:
    t = day1[0]
    wb = openpyxl.load_workbook(t.path)
    assert wb.sheetnames == ["Контакты", "Прайс"]
    ws = wb["Прайс"]
    assert "A1:B3" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[6]][: len(t.headers["Прайс"])] == t.headers["Прайс"]
    assert all(lr.row >= 7 and lr.sheet == "Прайс" for lr in t.loaded)


def test_several_sheets_and_a_terms_sheet(day1) -> None:
    t = day1[1]
    assert openpyxl.load_workbook(t.path).sheetnames == ["Аксессуары", "Электроника", "Условия"]
    assert set(t.headers) == {"Аксессуары", "Электроника"}


def test_later_day_adds_and_moves_columns(day1, day2) -> None:
    h1, h2 = day1[1].headers["Аксессуары"], day2[1].headers["Аксессуары"]
    assert day2[1].layout == "elektromir_v2" and set(h2) - set(h1) == {"РРЦ"} and set(h1) <= set(h2)
    assert h1.index("Цена опт") != h2.index("Цена опт") and h1.index("EAN") != h2.index("EAN")
    assert read_sheets(day2[1])["Аксессуары"][0] == h2


def test_unknown_layout_is_really_unknown(day1) -> None:
    t = day1[-1]
    known = {h for name, layout in LAYOUTS.items() if name != "unknown" for _, h in layout}
    header = t.headers["Лист1"]
    assert t.layout == "unknown" and t.expected_loaded == 0 and not t.loaded and not t.rejected
    assert not set(header) & known
    assert not any(
        re.search(r"артикул|код|наименование|цена|штрихкод|ean|остаток|кол-во", h, re.I) for h in header
    )
    assert read_sheets(t)["Лист1"][0] == header and t.rows_in_file == len(read_sheets(t)["Лист1"]) - 1


def test_csv_dialects_and_russian_number_formats(day1) -> None:
    cp, bom = day1[2].path.read_bytes(), day1[4].path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp.decode("utf-8")
    assert cp.decode("cp1251").startswith("Артикул;") and bom.startswith(b"\xef\xbb\xbf")
    texts = [str(v) for t in day1 if t.layout != "unknown" for r in data_rows(t, read_sheets(t)).values()
             for v in [r["price"]]]  # fmt: skip
    assert any(re.fullmatch(r"\d{1,3}[ \u00a0]\d{3},\d{2}", s) for s in texts)  # «1 234,50»
    assert any(re.fullmatch(r"\d+,\d{2}", s) for s in texts)


def test_same_world_and_day_give_identical_files(world: World, day1, tmp_path: Path) -> None:
    again = write_pricelists(world, tmp_path, day=1)
    for a, b in zip(day1, again, strict=True):
        assert a.path.name == b.path.name and filecmp.cmp(a.path, b.path, shallow=False)
        assert a.loaded == b.loaded and a.rejected == b.rejected
