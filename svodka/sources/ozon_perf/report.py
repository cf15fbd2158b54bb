"""Decode an Ozon Performance statistics report: a CSV (one campaign) or a ZIP of CSVs.

Per the official document (``GET /api/client/statistics/report``): one campaign in the
request gives a CSV, several give a ZIP archive with one ``<campaignId>.csv`` per campaign;
the content type is ``text/csv; charset=UTF-8``. The CSV uses ``;`` as the delimiter and a
decimal comma, and opens with a title line (``; Кампания по продвижению товаров № …, период
…``) before the header; a totals row (``Всего``) ends the data.

`decode_report` is pure: the loader calls it on the verbatim body from the lake, so a
rebuild decodes exactly as the sync did. Values stay strings as written (``"3523,86"``);
only the whitespace around cells (the document's ``"; "`` separators) is dropped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from svodka.errors import RecordError

STREAM = "ozon_perf_stats"
DELIMITER = ";"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with members, an empty archive
MAX_UNZIPPED = 1 << 30
"""Refuse archives that claim more than 1 GiB of CSV (a report is megabytes; this is a bomb)."""
TOTALS = frozenset({"всего", "итого"})
# The document's own example spells the totals row "Bcero" in Latin letters: read look-alikes
# as the Cyrillic letters they imitate before comparing.
_LOOKALIKES = str.maketrans("AaBCcEeHKkMOoPprTXxy", "АаВСсЕеНКкМОоРргТХху")


class TruncatedReport(RecordError):
    """A report that ends before its totals row: cut off in transit (fetch it again)."""


def report_format(body: bytes) -> str:
    """``"zip"`` for an archive (several campaigns), else ``"csv"``."""
    return "zip" if body.startswith(ZIP_MAGIC) else "csv"


def decode_report(body: bytes, meta: Mapping[str, Any], *, source: str = "") -> list[dict[str, str]]:
    """The data rows of a report body: one dict per row, keyed by the CSV's header names.

    Each row also gets ``"campaign_id"``: from the ZIP member name, or for a plain CSV the
    single campaign of ``meta["campaigns"]``. Title lines, blank lines and totals rows are
    skipped. Raises `RecordError` (naming `source`) on a body that is not such a report,
    `TruncatedReport` on a CSV that stops before its totals row and ``zipfile.BadZipFile`` on
    a corrupt archive.
    """
    if report_format(body) == "zip":
        return _decode_zip(body, source)
    campaigns = list(meta.get("campaigns") or ())
    if len(campaigns) != 1:
        raise RecordError(
            f"a CSV report holds one campaign, but the request named {len(campaigns)}: {campaigns}",
            source=source,
            stream=STREAM,
            field="campaign_id",
        )
    return decode_csv(body, str(campaigns[0]), source=source)


def _decode_zip(body: bytes, source: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise RecordError("the report archive unpacks to more than 1 GiB", source=source, stream=STREAM)
        for member in members:
            name = PurePosixPath(member.filename).name
            stem, dot, ext = name.rpartition(".")
            if not dot or ext.lower() != "csv" or not stem.isdigit():
                raise RecordError(
                    f"the report archive holds {member.filename!r}, expected <campaignId>.csv",
                    source=source,
                    stream=STREAM,
                    field="campaign_id",
                )
            rows.extend(decode_csv(archive.read(member), stem, source=source))
    return rows


def decode_csv(data: bytes, campaign_id: str, *, source: str = "") -> list[dict[str, str]]:
    """The data rows of one campaign's CSV (UTF-8, a byte-order mark allowed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data":  # a character cut in two at the very end
            raise TruncatedReport(
                f"the report of campaign {campaign_id} ends inside a character: truncated?",
                source=source,
                stream=STREAM,
            ) from None
        raise RecordError(
            f"the report of campaign {campaign_id} is not UTF-8 text: {e}", source=source, stream=STREAM
        ) from None
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    ended = False  # the totals row came last: the file is whole
    for line, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER), start=1):
        cells = [c.strip() for c in cells]
        filled = [c for c in cells if c]
        if header is None:
            # The title line has one filled cell (after an empty first one); the header has many.
            if len(filled) >= 2:
                header = _header(cells, campaign_id, source)
            continue
        if not filled:
            continue
        ended = _is_totals(filled[0])
        if ended:
            continue
        if len(cells) > len(header):
            if any(cells[len(header) :]):
                raise RecordError(
                    f"line {line} of the report of campaign {campaign_id} has {len(cells)} cells, "
                    f"the header {len(header)}",
                    source=source,
                    stream=STREAM,
                )
            cells = cells[: len(header)]
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        row["campaign_id"] = campaign_id
        rows.append(row)
    if header is None:  # cut off before its header, or not a report at all
        raise TruncatedReport(
            f"the report of campaign {campaign_id} has no header line: {text[:120]!r}",
            source=source,
            stream=STREAM,
        )
    if not ended:
        # Every report closes with a totals row (the document's example too); without it the
        # body was cut off, and a cut row would load as wrong numbers.
        raise TruncatedReport(
            f"the report of campaign {campaign_id} ends without its totals row (Всего): truncated?",
            source=source,
            stream=STREAM,
        )
    return rows


def _header(cells: list[str], campaign_id: str, source: str) -> list[str]:
    names = list(cells)
    while names and not names[-1]:  # a trailing delimiter
        names.pop()
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes or "campaign_id" in names:
        raise RecordError(
            f"the report of campaign {campaign_id} has ambiguous columns {dupes or ['campaign_id']}",
            source=source,
            stream=STREAM,
            field=(dupes or ["campaign_id"])[0],
        )
    return names


def _is_totals(first_cell: str) -> bool:
    return first_cell.translate(_LOOKALIKES).casefold() in TOTALS
