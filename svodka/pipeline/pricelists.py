"""Load supplier price lists: one file → one lake run → raw, recorded as a `pricelist` run.

The order mirrors a sync (pipeline/sync.py) and keeps "nothing half-loaded" true:

1. size check, read, recognise the layout and the supplier — a file that fails here (too
   big, a zip bomb, damaged, unknown layout, supplier unknown) is refused with nothing
   written anywhere: no control run, no lake run, no raw rows;
2. a control run (kind ``pricelist``) starts; the file goes to the lake verbatim as one page
   of stream ``pricelist_rows`` whose meta says how it was read;
3. raw gets one record per data row through the decoder (rejected rows included, with
   their reason), all or nothing; then the lake run is committed;
4. "linked" (rows whose barcode or article names a known listing) is counted on the
   warehouse and the run finishes with the counts in its details.

A file whose sha256 a successful load already holds is skipped, so a drop folder can be
scanned as often as one likes.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from svodka.errors import ConfigError, SvodkaError
from svodka.pipeline.files import land_pages
from svodka.pipeline.workspace import Workspace
from svodka.sources.base import Page
from svodka.sources.pricelists import (
    STREAM,
    FileRefused,
    Limits,
    UnknownLayout,
    decode_rows,
    load_profiles,
    read_workbook,
    recognise,
)
from svodka.sources.pricelists.reading import SOURCE, check_size
from svodka.sources.pricelists.recognise import same_supplier
from svodka.timeutil import utcnow
from svodka.warehouse.client import Warehouse

KIND = "pricelist"
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
REJECTED_KEPT = 200
"""How many rejected rows (sheet, row, reason) a run's details keep; raw keeps them all."""


class SupplierUnknown(ConfigError):
    """The layout is known but nothing says whose price list it is."""


REFUSALS = (FileRefused, UnknownLayout, SupplierUnknown)
"""Why a file is refused before anything is written (shown as a warning, not a crash)."""


@dataclass
class PriceListLoad:
    """What one `load_pricelist` did."""

    file: Path
    sha256: str
    status: str
    """``loaded``, or ``skipped`` when the same file (sha256) was loaded before."""
    run: int | None = None
    """Control run id (for a skip: the run that holds the file)."""
    lake_run: str | None = None
    supplier: str = ""
    layout: str = ""
    sheets: list[str] = field(default_factory=list)
    rows_in_file: int = 0
    loaded: int = 0
    rejected: int = 0
    linked: int | None = None
    """None when the warehouse has no listings yet to link to."""
    reasons: dict[str, int] = field(default_factory=dict)
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ScanResult:
    """A drop-folder scan: what was loaded, skipped as already loaded, and refused (with why)."""

    loaded: list[PriceListLoad] = field(default_factory=list)
    skipped: list[PriceListLoad] = field(default_factory=list)
    refused: list[tuple[Path, SvodkaError]] = field(default_factory=list)


def _limits(ws: Workspace) -> Limits:
    cfg = ws.settings.pricelists
    return Limits(max_bytes=int(cfg.max_file_mb * 1024 * 1024), max_rows=cfg.max_rows)


def _account(supplier: str) -> str:
    """The supplier as a lake path segment and raw `account` (no slashes or control characters)."""
    return re.sub(r"[^\w.\- ]+", "_", supplier).strip(" .") or "_"


def _loaded_files(ws: Workspace) -> dict[str, int]:
    """sha256 → id of the successful run that loaded it."""
    runs = ws.control.list_runs(limit=1_000_000, kind=KIND, status="succeeded")
    return {r.details["sha256"]: r.id for r in reversed(runs) if "sha256" in r.details}


def count_linked(wh: Warehouse, lake_run: str) -> int | None:
    """Loaded rows of a run whose barcode or normalised article names a current listing.

    The normalisation is dim_listing's own for vendor codes (lower case, letters and digits).
    None when dwh.dim_listing is not built yet. (The identity engine will replace this count.)
    """
    if not wh.table_exists("dwh.dim_listing"):
        return None
    key = "replaceRegexpAll(lowerUTF8({}), '[^0-9a-zа-яё]', '')"
    listings = "dwh.dim_listing WHERE is_current = 1"
    return int(
        wh.scalar(
            f"""
            SELECT countIf(barcode IN (SELECT barcode FROM {listings} AND barcode != '')
                           OR (akey != '' AND akey IN (SELECT {key.format("vendor_code")} FROM {listings}
                                                       AND vendor_code != '')))
            FROM (SELECT JSONExtractString(payload, 'barcode') AS barcode,
                         {key.format("JSONExtractString(payload, 'article')")} AS akey
                  FROM raw.records FINAL
                  WHERE stream = {{s:String}} AND run_id = {{r:String}}
                    AND NOT JSONExtractBool(payload, 'rejected'))
            """,
            {"s": STREAM, "r": lake_run},
        )
        or 0
    )


def _prepare(
    ws: Workspace, path: Path, body: bytes, sha: str, supplier: str | None, folder_supplier: str | None
) -> tuple[PriceListLoad, dict[str, Any]]:
    """Step 1: read, recognise, name the supplier, decode and count — writing nothing; or refuse."""
    wb = read_workbook(body, path.name, _limits(ws))
    rec = recognise(wb, load_profiles(ws.settings.pricelists.layouts), path.name, supplier)
    who = (supplier or "").strip() or rec.supplier or folder_supplier
    if not who:
        raise SupplierUnknown(
            f"price list {path.name}: layout {rec.profile.name!r} recognised, but nothing says whose "
            "price list it is, so the file was NOT loaded",
            hint="Pass --supplier NAME, put the file in a sub-folder named after the supplier in the "
            "drop folder, or give the profile a supplier in svodka.toml.",
        )
    meta = {
        "supplier": who,
        "layout": rec.profile.name,
        "layout_origin": rec.profile.origin,
        "file_name": path.name,
        "format": wb.format,
        "encoding": wb.encoding,
        "delimiter": wb.delimiter,
        "sheet": rec.sheets[0].name,
        "sheets": [s.as_meta() for s in rec.sheets],
        "sha256": sha,
    }
    records = decode_rows(wb, meta)
    rejected = [r for r in records if r["rejected"]]
    reasons = Counter(r["reason"] for r in rejected)
    result = PriceListLoad(
        path,
        sha,
        "loaded",
        supplier=who,
        layout=rec.profile.name,
        sheets=[s.name for s in rec.sheets],
        rows_in_file=len(records),
        rejected=len(rejected),
        loaded=len(records) - len(rejected),
        reasons=dict(sorted(reasons.items())),
        rejected_rows=[
            {"sheet": r["sheet"], "row": r["row"], "reason": r["reason"]} for r in rejected[:REJECTED_KEPT]
        ],
    )
    return result, meta


def load_pricelist(
    ws: Workspace,
    path: Path,
    supplier: str | None = None,
    *,
    folder_supplier: str | None = None,
    now: datetime | None = None,
) -> PriceListLoad:
    """Load one price-list file (steps 1–4 above); raise a SvodkaError with nothing written if refused.

    The supplier is `supplier` (the user's), else the one of the recognised profile, else
    `folder_supplier` (the drop folder's sub-folder); with none of them the file is refused.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"price list {path}: no such file")
    check_size(path.name, path.stat().st_size, _limits(ws))
    body = path.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    done = _loaded_files(ws).get(sha)
    if done is not None:
        prev = ws.control.get_run(done).details
        return PriceListLoad(path, sha, "skipped", run=done, supplier=prev.get("supplier", ""))

    result, meta = _prepare(ws, path, body, sha, supplier, folder_supplier)

    # 2–4. control run, lake, raw, commit, counts
    keys = ("supplier", "layout", "sha256")
    run = ws.control.start_run(
        KIND, details={"file": path.name, "path": str(path.resolve()), **{k: meta[k] for k in keys}}
    )
    result.run = run
    try:
        page = Page(
            stream=STREAM,
            request={"method": "FILE", "url": f"file:{path.name}", "params": {"supplier": result.supplier}},
            status=200,
            body=body,
            fetched_at=now or utcnow(),
            records=result.rows_in_file,
            meta=meta,
        )
        lake_run = land_pages(ws, SOURCE, _account(result.supplier), [page], now)
        result.lake_run = lake_run
        result.linked = count_linked(ws.warehouse, lake_run)
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    ws.control.finish_run(
        run,
        "succeeded",
        rows=result.loaded,
        details={
            "lake_run": lake_run,
            "format": meta["format"],
            "sheets": result.sheets,
            "layout_origin": meta["layout_origin"],
            "rows_in_file": result.rows_in_file,
            "loaded": result.loaded,
            "rejected": result.rejected,
            "linked": result.linked,
            "reasons": result.reasons,
            "rejected_rows": result.rejected_rows,
        },
    )
    return result


def _candidates(directory: Path) -> list[tuple[Path, str | None]]:
    """Price-list files under `directory` with the sub-folder (supplier) they lie in, by path."""
    out = []
    for p in sorted(directory.rglob("*")):
        rel = p.relative_to(directory)
        if not p.is_file() or p.suffix.lower() not in SUFFIXES:
            continue
        # Hidden files and Excel's «~$file.xlsx» lock files are not price lists.
        if any(part.startswith((".", "~$")) for part in rel.parts):
            continue
        out.append((p, rel.parts[0] if len(rel.parts) > 1 else None))
    return out


def scan_folder(ws: Workspace, directory: Path, supplier: str | None = None) -> ScanResult:
    """Load every new price list in a drop folder; files already loaded are skipped, refusals collected."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError(
            f"drop folder {directory} does not exist",
            hint="Create it, or set [pricelists] drop_folder in svodka.toml.",
        )
    result = ScanResult()
    for path, folder in _candidates(directory):
        try:
            load = load_pricelist(ws, path, supplier, folder_supplier=folder)
        except SvodkaError as e:
            result.refused.append((path, e))
            continue
        (result.loaded if load.status == "loaded" else result.skipped).append(load)
    return result


@dataclass(frozen=True)
class LoadInfo:
    """One recorded price-list load, as `svodka pricelist list` shows it."""

    run: int
    status: str
    file: str
    supplier: str
    layout: str
    rows_in_file: int | None
    loaded: int | None
    rejected: int | None
    linked: int | None
    at: datetime
    latest: bool
    """The supplier's newest successful load (the one whose age decides staleness)."""
    stale: bool
    age_days: float
    error: str | None


def stale_after_days(ws: Workspace, supplier: str) -> float:
    """The supplier's staleness limit: its own setting, else [pricelists] stale_after_days."""
    cfg = ws.settings.pricelists
    for name, s in cfg.suppliers.items():
        if same_supplier(name, supplier) and s.stale_after_days is not None:
            return s.stale_after_days
    return cfg.stale_after_days


def list_loads(ws: Workspace, limit: int = 50, now: datetime | None = None) -> list[LoadInfo]:
    """The newest price-list loads first; the newest successful one per supplier says if it is stale."""
    now = now or utcnow()
    seen: set[str] = set()
    out = []
    for r in ws.control.list_runs(limit=limit, kind=KIND):
        d = r.details
        supplier = str(d.get("supplier", ""))
        at = r.finished_at or r.started_at
        age = (now - at).total_seconds() / 86400
        latest = r.status == "succeeded" and supplier.casefold() not in seen
        if latest:
            seen.add(supplier.casefold())
        out.append(
            LoadInfo(
                run=r.id,
                status=r.status,
                file=str(d.get("file", "")),
                supplier=supplier,
                layout=str(d.get("layout", "")),
                rows_in_file=d.get("rows_in_file"),
                loaded=d.get("loaded"),
                rejected=d.get("rejected"),
                linked=d.get("linked"),
                at=at,
                latest=latest,
                stale=latest and age > stale_after_days(ws, supplier),
                age_days=age,
                error=r.error,
            )
        )
    return out


# --- console output -------------------------------------------------------------------------


def _n(v: int | None) -> str:
    return "—" if v is None else f"{v:,}"


def print_load(console: Console, load: PriceListLoad) -> None:
    """One load: its counts, the rejection reasons and the first rejected rows."""
    if load.status == "skipped":
        console.print(f"{load.file.name}: already loaded (run {load.run}, supplier {load.supplier}), skipped")
        return
    t = Table(
        "file", "supplier", "layout", "sheets", "rows in file", "loaded", "rejected", "linked",
        title=f"price list loaded (run {load.run})",
    )  # fmt: skip
    t.add_row(
        load.file.name,
        load.supplier,
        load.layout,
        ", ".join(load.sheets),
        _n(load.rows_in_file),
        _n(load.loaded),
        _n(load.rejected),
        _n(load.linked),
    )
    console.print(t)
    if load.reasons:
        console.print("rejected: " + ", ".join(f"{k} {v:,}" for k, v in load.reasons.items()))
        for r in load.rejected_rows[:10]:
            console.print(f"  sheet {r['sheet']!r} row {r['row']}: {r['reason']}")
        if load.rejected > 10:
            console.print(f"  … {load.rejected - 10:,} more (all of them in raw, stream {STREAM})")


def print_loads(console: Console, loads: list[LoadInfo]) -> None:
    """The load history as a table; a stale supplier's newest load is marked."""
    t = Table(
        "run", "file", "supplier", "layout", "rows", "loaded", "rejected", "linked", "loaded at", "state"
    )
    for x in loads:
        if x.status != "succeeded":
            state = f"failed: {(x.error or '')[:60]}"
        elif x.stale:
            state = f"STALE ({x.age_days:.0f} d old)"
        else:
            state = "fresh" if x.latest else "superseded"
        t.add_row(
            str(x.run),
            x.file,
            x.supplier,
            x.layout,
            _n(x.rows_in_file),
            _n(x.loaded),
            _n(x.rejected),
            _n(x.linked),
            f"{x.at:%Y-%m-%d %H:%M}",
            state,
        )
    console.print(t)
