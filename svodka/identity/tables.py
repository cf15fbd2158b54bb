"""Reading a user's table file (CSV or a spreadsheet) into a header and rows of text.

Files come from anywhere (a competitor's export, a supplier, 1C): they are untrusted. A file
larger than the limit is refused before it is read; a spreadsheet is refused when its
unpacked content would exceed the limit (zip bombs); cells are read as stored values, never
evaluated (python-calamine does not run formulas). CSV encodings seen in Russian exports —
UTF-8 with or without BOM, Windows-1251 — and delimiters `;`, `,` and tab are detected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from svodka.errors import ConfigError

MAX_BYTES = 512 * 1024 * 1024
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_DELIMITERS = ";,\t|"


def read_table(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[list[str], list[list[str]]]:
    """The header (first non-empty row) and the data rows of a CSV or spreadsheet file, as text."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such file", hint="Check the path.")
    size = path.stat().st_size
    if size > max_bytes:
        raise ConfigError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit",
            hint="Split the file, or raise the limit (max_bytes) if the file is trusted.",
        )
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        rows = _spreadsheet_rows(path, max_bytes)
    else:
        rows = _csv_rows(path.read_bytes(), path)
    it = iter(rows)
    for header in it:
        if any(c.strip() for c in header):
            return [c.strip() for c in header], [r for r in it if any(c.strip() for c in r)]
    raise ConfigError(
        f"{path}: the file is empty — no header row", hint="The first row must name the columns."
    )


def decode(data: bytes, path: Path) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else the detected encoding (often cp1251)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1024 * 1024]).best()
    encoding = best.encoding if best is not None else "cp1251"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ConfigError(
            f"{path}: cannot tell the text encoding (tried UTF-8 and {encoding})",
            hint="Save the file as UTF-8 or Windows-1251 CSV.",
        ) from None


def sniff_delimiter(text: str) -> str:
    """`;`, `,`, tab or `|`: csv.Sniffer over the first lines, else the most frequent in the header."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(_DELIMITERS, key=first.count)


def _csv_rows(data: bytes, path: Path) -> list[list[str]]:
    text = decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return list(reader)
    except csv.Error as e:  # a runaway quote, a field over the csv module's limit
        raise ConfigError(
            f"{path}: line {reader.line_num} is not valid CSV ({e})",
            hint="Check that line's quotes, or re-export the file.",
        ) from None


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        # a number cell holding a barcode or an article: 4601234567890.0 → 4601234567890
        return str(int(v)) if v.is_integer() and abs(v) < 1e18 else repr(v)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    return str(v)


def _spreadsheet_rows(path: Path, max_bytes: int) -> list[list[str]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > max_bytes * 4:
            raise ConfigError(
                f"{path}: the spreadsheet unpacks to {unpacked:,} bytes, over the limit — refused",
                hint="If the file is genuine, export it as CSV.",
            )
    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=True)
        finally:
            wb.close()
    except CalamineError as e:
        raise ConfigError(
            f"{path}: not a readable spreadsheet ({e})", hint="Re-save it as .xlsx or CSV."
        ) from None
    return [[_cell(v) for v in r] for r in rows]
