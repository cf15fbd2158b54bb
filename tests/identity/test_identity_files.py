"""`match_files` on real files: `;` + Windows-1251, `,` + UTF-8 with BOM, .xlsx, bad columns."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import xlsxwriter

from svodka.errors import ConfigError
from svodka.identity.files import match_files, parse_columns, read_items

CATALOG = [
    ("sku", "title", "ean", "vendor_code", "brand"),
    (
        "P1",
        "Крем для лица Natura Lab Aqua Vita Q10 увлажняющий 50 мл",
        "4601234567893",
        "KR-001",
        "Natura Lab",
    ),
    ("P2", "Крем для лица Natura Lab Aqua Vita Q10 увлажняющий 100 мл", "", "KR-002", "Natura Lab"),
    ("P3", "SSD накопитель Samsung 980 PRO 1TB NVMe M.2", "8806090572210", "", "Samsung"),
    ("P4", "Гель для стирки EcoWash Polar X12 концентрат 1 л", "", "", "EcoWash"),
]
OFFERS = [
    ("Код", "Наименование товара", "Штрихкод", "Артикул"),
    ("A", "Крем д/лица Natura Lab Aqua Vita Q10 увлажн. 50мл", "", ""),
    ("B", "любое название", "4601234567893", ""),
    ("C", "Крем 100", "", "kr 002"),
    ("D", "SSD Samsung 980 PRO 1TB SATA", "", ""),
    ("E", "Гель для стирки EcoWash Polar X12 концентрат 1 л", "", ""),
    ("F", "EcoWash Polar X12 гель для стирки 1000 мл концентрат", "", ""),
]
EXPECTED = {
    "A": ("P1", "fuzzy", "auto"),
    "B": ("P1", "barcode", "auto"),
    "C": ("P2", "article", "auto"),
    "D": ("", "none", "none"),
    "E": ("P4", "exact_name", "auto"),
    "F": ("P4", "tokens", "auto"),
}
CAT_COLS = {"id": "sku", "name": "title", "barcode": "ean", "article": "vendor_code", "brand": "brand"}
OFF_COLS = {"id": "Код", "name": "Наименование товара", "barcode": "Штрихкод", "article": "Артикул"}


def write_csv(path: Path, rows: list[tuple], delimiter: str, encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[tuple]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Прайс")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            # barcodes as numbers, the way spreadsheets hold them
            if r and c == 2 and v:
                ws.write_number(r, c, int(v))
            else:
                ws.write(r, c, v)
    wb.close()
    return path


def read_links(path: Path) -> dict[str, tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["offer_id", "product_id", "method", "confidence", "status"]
    return {r[0]: (r[1], r[2], r[4]) for r in rows[1:]}


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "cp1251"), (",", "utf-8-sig"), ("\t", "utf-8"), (";", "utf-8-sig")]
)
def test_csv_files_in_russian_export_dialects(tmp_path: Path, delimiter: str, encoding: str) -> None:
    cat = write_csv(tmp_path / "catalog.csv", CATALOG, delimiter, encoding)
    off = write_csv(tmp_path / "offers.csv", OFFERS, delimiter, encoding)
    if encoding == "cp1251":
        with pytest.raises(UnicodeDecodeError):
            off.read_bytes().decode("utf-8")  # the file really is not UTF-8
    res = match_files(cat, off, tmp_path / "links.csv", CAT_COLS, OFF_COLS)
    assert read_links(tmp_path / "links.csv") == EXPECTED
    assert (res.catalog_rows, res.offers_rows) == (4, 6)
    assert res.by_status == {"auto": 5, "none": 1}


def test_xlsx_files_with_numeric_barcodes(tmp_path: Path) -> None:
    cat = write_xlsx(tmp_path / "catalog.xlsx", CATALOG)
    off = write_xlsx(tmp_path / "offers.xlsx", OFFERS)
    match_files(cat, off, tmp_path / "out" / "links.csv", CAT_COLS, OFF_COLS)
    assert read_links(tmp_path / "out" / "links.csv") == EXPECTED


def test_a_missing_column_names_the_file_and_the_header_it_saw(tmp_path: Path) -> None:
    cat = write_csv(tmp_path / "catalog.csv", CATALOG, ";", "cp1251")
    with pytest.raises(ConfigError) as e:
        read_items(cat, {"id": "sku", "name": "Наименование"})
    msg = str(e.value)
    assert "catalog.csv" in msg and "'Наименование'" in msg and "sku, title, ean, vendor_code, brand" in msg
    with pytest.raises(ConfigError, match="say which column holds name"):
        read_items(cat, {"id": "sku"})


def test_column_options_are_parsed_and_checked() -> None:
    assert parse_columns("id=sku, name=title,barcode=ean", "--x") == {
        "id": "sku",
        "name": "title",
        "barcode": "ean",
    }
    with pytest.raises(ConfigError, match="unknown field 'colour'"):
        parse_columns("id=sku,colour=c", "--x")
    with pytest.raises(ConfigError, match="FIELD=COLUMN"):
        parse_columns("id", "--x")


def test_oversized_and_unreadable_files_are_refused(tmp_path: Path) -> None:
    cat = write_csv(tmp_path / "catalog.csv", CATALOG, ";", "utf-8")
    with pytest.raises(ConfigError, match="over the 100-byte limit"):
        read_items(cat, CAT_COLS, max_bytes=100)
    bad = tmp_path / "fake.xlsx"
    bad.write_bytes(b"not a spreadsheet at all")
    with pytest.raises(ConfigError, match="not a readable spreadsheet"):
        read_items(bad, CAT_COLS)
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="empty"):
        read_items(empty, CAT_COLS)


def test_broken_csv_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('sku,title\nP1,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.csv: line \d+ is not valid CSV"):
        read_items(bad, {"id": "sku", "name": "title"})
