"""Read an untrusted price-list file (.xlsx, .xls, .ods, .csv) into sheets of text cells.

Spreadsheets are read with python-calamine, which returns each cell's stored value: for a
formula that is the value Excel cached when it saved the file — no formula is ever
evaluated here, and a file saved without cached values simply shows empty cells. Every
cell becomes text (`cell_text`) so the decoder sees what the supplier typed, and numbers
are parsed later with the price list's own rules.

Safety: the file size is capped before anything is parsed; zip-based files (.xlsx, .ods)
are decompressed once in a streaming pass with a budget, so a zip bomb is refused on what
it actually inflates to, not on what its headers claim; the row count is capped.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from svodka.errors import SourceError

SOURCE = "pricelist"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS = (";", "\t", ",", "|")
"""CSV delimiters tried, in order of preference on a tie (`;` is what Russian Excel writes)."""
# Encodings a non-UTF-8 Russian export can be in; Windows-1251 is by far the most common.
CYRILLIC_ENCODINGS = ["cp1251", "koi8_r", "cp866"]
UNZIP_FACTOR = 20
"""A zip-based file may inflate to at most this many times the file size limit."""


class FileRefused(SourceError):
    """The file cannot be read safely or at all: too big, a zip bomb, corrupt, not a price list."""

    def __init__(self, file_name: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"price list {file_name}: {message}", source=SOURCE, hint=hint)


@dataclass(frozen=True)
class Limits:
    """What an uploaded file may cost: bytes on disk, bytes inflated, rows."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 1_000_000

    @property
    def max_unzipped(self) -> int:
        return self.max_bytes * UNZIP_FACTOR


@dataclass
class Sheet:
    """One sheet as text: ``rows[i]`` is spreadsheet row ``i + 1`` (blank rows kept, so numbers match)."""

    name: str
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Workbook:
    """A read file: its format, its sheets and, for CSV, how the text was decoded."""

    format: str
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


def detect_format(body: bytes, file_name: str) -> str:
    """``xlsx``, ``ods``, ``xls`` or ``csv``, from the bytes (the extension is only a cross-check)."""
    ext = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if body.startswith(ZIP_MAGIC):
        return "ods" if ext == "ods" else "xlsx"
    if body.startswith(OLE2_MAGIC):
        return "xls"
    if ext in ("xlsx", "xlsm", "xls", "ods"):
        raise FileRefused(
            file_name,
            f"the name says .{ext} but the content is not a spreadsheet",
            hint="Save it again from Excel, or export it as .csv.",
        )
    if b"\x00" in body[:4096] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(file_name, "binary content that is neither .xlsx, .xls nor text (.csv)")
    return "csv"


def cell_text(value: Any) -> str:
    """A cell as text: integral numbers without ``.0`` (barcodes, articles), dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Excel stores every number as a double: 4600000000001.0 is the barcode 4600000000001.
        return str(int(value)) if value.is_integer() and abs(value) < 1e17 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def check_size(file_name: str, size: int, limits: Limits) -> None:
    """Refuse a file over the size limit before reading it."""
    if size > limits.max_bytes:
        raise FileRefused(
            file_name,
            f"{size / 1048576:.1f} MB is over the limit of {limits.max_bytes / 1048576:.0f} MB",
            hint="Split the file, or raise [pricelists] max_file_mb in svodka.toml.",
        )


def _check_zip(body: bytes, file_name: str, limits: Limits) -> None:
    """Inflate every member once, counting bytes, and stop at the budget: a bomb never finishes."""
    budget = limits.max_unzipped
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            total = 0
            for info in z.infolist():
                with z.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > budget:
                            raise FileRefused(
                                file_name,
                                f"it unpacks to more than {budget / 1048576:.0f} MB "
                                f"({len(body) / 1048576:.1f} MB packed): refused as a possible zip bomb",
                                hint="A real price list is far smaller; export it again, or as .csv.",
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as e:
        raise FileRefused(file_name, f"a damaged .xlsx/.ods archive ({e})") from None


def _read_spreadsheet(
    body: bytes, file_name: str, fmt: str, limits: Limits, only: Collection[str] | None
) -> Workbook:
    if fmt in ("xlsx", "ods"):
        _check_zip(body, file_name, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(body))
    except (CalamineError, ValueError, OSError) as e:
        raise FileRefused(file_name, f"cannot be read as .{fmt}: {e}") from None
    sheets: list[Sheet] = []
    budget = limits.max_rows
    try:
        for name in book.sheet_names:
            if only is not None and name not in only:
                continue
            # skip_empty_area=False keeps row 1 as rows[0]: row numbers match what the user sees.
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=budget + 1)
            rows = [[cell_text(c) for c in row] for row in grid]
            while rows and not any(rows[-1]):
                rows.pop()
            budget -= len(rows)
            if budget < 0:
                raise FileRefused(
                    file_name,
                    f"more than {limits.max_rows:,} rows",
                    hint="Split the file, or raise [pricelists] max_rows in svodka.toml.",
                )
            sheets.append(Sheet(name, rows))
    except CalamineError as e:
        raise FileRefused(file_name, f"cannot be read as .{fmt}: {e}") from None
    finally:
        book.close()
    return Workbook(fmt, sheets)


def detect_encoding(body: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the likeliest Cyrillic code page."""
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[: 1 << 20], cp_isolation=CYRILLIC_ENCODINGS).best()
    return best.encoding if best is not None else "cp1251"


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number (> 1) of fields."""
    lines = [line for line in text.splitlines()[:100] if line.strip()]
    best: tuple[int, int, int] | None = None
    choice = ";"
    for rank, d in enumerate(DELIMITERS):
        widths = [len(r) for r in csv.reader(lines, delimiter=d) if len(r) > 1]
        if not widths:
            continue
        width, lines_with_it = Counter(widths).most_common(1)[0]
        score = (lines_with_it, width, -rank)
        if best is None or score > best:
            best, choice = score, d
    return choice


def _read_csv(
    body: bytes, file_name: str, limits: Limits, encoding: str | None, delimiter: str | None
) -> Workbook:
    encoding = encoding or detect_encoding(body)
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise FileRefused(file_name, f"cannot be decoded as {encoding}: {e}") from None
    text = text.removeprefix("\ufeff").replace("\x00", "")
    delimiter = delimiter or detect_delimiter(text)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([c.strip() for c in row])
            if len(rows) > limits.max_rows:
                raise FileRefused(
                    file_name,
                    f"more than {limits.max_rows:,} rows",
                    hint="Split the file, or raise [pricelists] max_rows in svodka.toml.",
                )
    except csv.Error as e:
        raise FileRefused(file_name, f"malformed CSV at line {len(rows) + 1}: {e}") from None
    while rows and not any(rows[-1]):
        rows.pop()
    return Workbook("csv", [Sheet(file_name, rows)], encoding=encoding, delimiter=delimiter)


def read_workbook(
    body: bytes,
    file_name: str,
    limits: Limits | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheets: Collection[str] | None = None,
) -> Workbook:
    """Read a price-list file's bytes; raise `FileRefused` naming the file and what to do.

    `encoding` and `delimiter` (CSV) and `sheets` (spreadsheets) skip detection when known,
    as they are when the decoder re-reads a stored file. A CSV is one sheet named after the file.
    """
    limits = limits or Limits()
    check_size(file_name, len(body), limits)
    fmt = detect_format(body, file_name)
    if fmt == "csv":
        return _read_csv(body, file_name, limits, encoding, delimiter)
    return _read_spreadsheet(body, file_name, fmt, limits, sheets)
