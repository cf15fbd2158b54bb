"""Reading untrusted price-list files: formats, encodings, delimiters, limits, numbers."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pl_files import GOOD, HEADER, csv_bytes, write_xlsx

from svodka.sources.pricelists import FileRefused, Limits, parse_number, read_workbook
from svodka.sources.pricelists.reading import detect_delimiter


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1234.5", Decimal("1234.5")),
        ("1 234 р.", Decimal("1234")),
        ("1\u00a0234,5 руб.", Decimal("1234.5")),
        ("990 ₽", Decimal("990")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("1 234 567", Decimal("1234567")),
        ("-3", Decimal("-3")),
        ("0", Decimal("0")),
        ("", None),
        ("договорная", None),
        ("12 шт", None),
        ("1,2,3.4.5", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_numbers_as_russian_suppliers_write_them(text: str, value: Decimal | None) -> None:
    assert parse_number(text) == value


def _rows() -> list[list[object]]:
    return [HEADER, *GOOD]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "expected"),
    [(";", "cp1251", "cp1251"), (",", "utf-8-sig", "utf-8-sig"), ("\t", "utf-8", "utf-8")],
)
def test_csv_delimiter_and_encoding_are_detected(delimiter: str, encoding: str, expected: str) -> None:
    body = csv_bytes(_rows(), delimiter, encoding)
    wb = read_workbook(body, "prices.csv")
    assert (wb.format, wb.encoding, wb.delimiter) == ("csv", expected, delimiter)
    [sheet] = wb.sheets
    assert sheet.rows[0] == HEADER
    # the decimal comma inside a quoted field of a comma-separated file stays one cell
    assert sheet.rows[1][1] == "Крем для рук «Ромашка» 50 мл" and sheet.rows[1][4] == "1 234,50"


def test_a_csv_title_line_does_not_fool_the_delimiter() -> None:
    text = "Прайс-лист ООО «Бета», цены в рублях, с НДС\n" + "\n".join(
        ";".join(map(str, r)) for r in [HEADER, *[[c if c is not None else "" for c in g] for g in GOOD]]
    )
    assert detect_delimiter(text) == ";"


def test_xlsx_cells_become_text_and_formulas_are_never_evaluated(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Прайс"
    ws.append(["Артикул", "Цена", "Сумма", "Штрихкод"])
    ws.append(["A-1", 1234.5, "=B2*1000", 4600000000017])
    # a formula saved without a cached value (as openpyxl writes it) must read as empty,
    # never as a computed 1234500 nor as the formula text
    path = tmp_path / "f.xlsx"
    wb.save(path)
    sheet = read_workbook(path.read_bytes(), path.name).sheet("Прайс")
    assert sheet.rows[1] == ["A-1", "1234.5", "", "4600000000017"]


def test_blank_rows_keep_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", {"Лист1": [["Прайс"], [], [], HEADER, *GOOD]})
    rows = read_workbook(path.read_bytes(), path.name).sheet("Лист1").rows
    assert rows[0][0] == "Прайс" and rows[3][:3] == HEADER[:3] and not any(rows[1])


def test_a_file_over_the_size_limit_is_refused() -> None:
    body = csv_bytes(_rows(), ";", "utf-8")
    with pytest.raises(FileRefused, match="over the limit") as e:
        read_workbook(body, "big.csv", Limits(max_bytes=100))
    assert "max_file_mb" in str(e.value)


def test_a_file_over_the_row_limit_is_refused(tmp_path: Path) -> None:
    body = csv_bytes(_rows() * 3, ";", "utf-8")
    with pytest.raises(FileRefused, match="more than 5 rows"):
        read_workbook(body, "long.csv", Limits(max_rows=5))
    path = write_xlsx(tmp_path / "long.xlsx", {"a": _rows() * 3})
    with pytest.raises(FileRefused, match="more than 5 rows"):
        read_workbook(path.read_bytes(), path.name, Limits(max_rows=5))


def test_a_zip_bomb_xlsx_is_refused_on_what_it_inflates_to(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", {"Прайс": _rows()})
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        # 30 MB of zeros packs into ~30 KB: far past 20 × the 1 MB limit once inflated
        with dst.open("xl/media/padding.bin", "w") as f:
            for _ in range(30):
                f.write(bytes(1 << 20))
    body = buf.getvalue()
    assert len(body) < 1 << 20
    with pytest.raises(FileRefused, match="zip bomb"):
        read_workbook(body, "bomb.xlsx", Limits(max_bytes=1 << 20))
    # the same archive is fine under a limit that allows what it really holds
    assert read_workbook(body, "bomb.xlsx", Limits(max_bytes=2 << 20)).sheet("Прайс").rows[0] == HEADER


def test_a_spreadsheet_name_with_other_content_is_refused() -> None:
    with pytest.raises(FileRefused, match="not a spreadsheet"):
        read_workbook(b"<html>not a price list</html>", "prices.xlsx")
    with pytest.raises(FileRefused, match="damaged"):
        read_workbook(b"PK\x03\x04 broken", "prices.xlsx")
