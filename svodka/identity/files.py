"""Matching two table files without the warehouse: `svodka match files`.

The catalogue file names the products, the offers file the items to link; both have a
header, and the caller says which column is which (`id` and `name` required; `barcode`,
`article`, `brand` optional). The result is a CSV `offer_id,product_id,method,confidence,status`.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from svodka.errors import ConfigError
from svodka.identity.catalog import Catalog
from svodka.identity.engine import Matcher, StageStat
from svodka.identity.fuzzy import Thresholds
from svodka.identity.model import Item, Link
from svodka.identity.tables import MAX_BYTES, read_table

FIELDS = ("id", "name", "barcode", "article", "brand")
REQUIRED = ("id", "name")
OUTPUT_HEADER = ("offer_id", "product_id", "method", "confidence", "status")


@dataclass
class FilesResult:
    """What `match_files` did: row counts, links by method and status, stage timings."""

    catalog_rows: int
    offers_rows: int
    links: list[Link]
    stats: list[StageStat] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def by_method(self) -> Counter[str]:
        """Links per method."""
        return Counter(link.method for link in self.links)

    @property
    def by_status(self) -> Counter[str]:
        """Links per status (auto, review, none)."""
        return Counter(link.status for link in self.links)


def parse_columns(spec: str | None, option: str) -> dict[str, str]:
    """`id=sku,name=title,…` → {"id": "sku", "name": "title", …}; unknown fields are an error."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip().lower()
        if not sep or not column.strip():
            raise ConfigError(f"{option}: {part.strip()!r} must look like FIELD=COLUMN", hint=_COLUMNS_HINT)
        if key not in FIELDS:
            raise ConfigError(f"{option}: unknown field {key!r}", hint=_COLUMNS_HINT)
        out[key] = column.strip()
    return out


_COLUMNS_HINT = (
    "e.g. id=sku,name=title,barcode=ean,article=vendor_code,brand=brand (id and name are required)"
)


def read_items(path: Path, columns: Mapping[str, str], *, max_bytes: int = MAX_BYTES) -> list[Item]:
    """The rows of a table file as `Item`s, columns picked by `columns` (field → header)."""
    header, rows = read_table(path, max_bytes=max_bytes)
    cols = {**{f: f for f in REQUIRED if f not in columns and f in header}, **columns}
    missing_fields = [f for f in REQUIRED if f not in cols]
    if missing_fields:
        raise ConfigError(
            f"{path}: say which column holds {', '.join(missing_fields)} "
            f"(the header is: {', '.join(header)})",
            hint=_COLUMNS_HINT,
        )
    folded = {h.casefold(): i for i, h in reversed(list(enumerate(header)))}
    pos: dict[str, int] = {}
    for f, col in cols.items():
        i = folded.get(col.strip().casefold())
        if i is None:
            raise ConfigError(
                f"{path}: no column {col!r} for {f} — the header is: {', '.join(header)}",
                hint="Name the column exactly as the file's first row does.",
            )
        pos[f] = i
    width = len(header)
    items = []
    for r in rows:
        if len(r) < width:
            r = r + [""] * (width - len(r))
        items.append(Item(**{f: r[i].strip() for f, i in pos.items()}))
    return items


def write_links(path: Path, links: list[Link]) -> None:
    """The links as CSV (UTF-8, comma): offer_id, product_id, method, confidence, status."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(OUTPUT_HEADER)
        for link in links:
            w.writerow(
                (link.offer_id, link.product_id or "", link.method, f"{link.confidence:.4f}", link.status)
            )
    tmp.replace(path)  # never a half-written result under the final name


def match_files(
    catalog_path: Path,
    offers_path: Path,
    out_path: Path,
    catalog_columns: Mapping[str, str],
    offers_columns: Mapping[str, str],
    *,
    thresholds: Thresholds | None = None,
    max_bytes: int = MAX_BYTES,
) -> FilesResult:
    """Match every offer of one file against the catalogue of another and write the links."""
    t0 = time.perf_counter()
    # a catalogue row without an id can never be linked to: skip it
    products = [p for p in read_items(Path(catalog_path), catalog_columns, max_bytes=max_bytes) if p.id]
    offers = read_items(Path(offers_path), offers_columns, max_bytes=max_bytes)
    matcher = Matcher(Catalog.build(products), thresholds or Thresholds())
    links = matcher.match(offers)
    write_links(Path(out_path), links)
    return FilesResult(len(products), len(offers), links, matcher.stats, time.perf_counter() - t0)
