"""`svodka onec import FILE…`: a 1C CommerceML 2 export (import.xml, offers.xml) as a source.

For infobases without a published OData interface: the files land like a sync (one lake
run, raw through the CommerceML decoder, a `commerceml` run in the control DB) under the
1C account they belong to, and feed the same 1C models (catalog, barcodes, prices).
Every file is read and checked (size, XML safety, kind) before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from svodka.pipeline.files import land_pages
from svodka.pipeline.workspace import Workspace
from svodka.sources.commerceml import read_commerceml


def import_commerceml(ws: Workspace, paths: Sequence[Path], account: str = "main") -> tuple[str, int]:
    """Load CommerceML files for the 1C `account`; return the lake run and the record count."""
    pages = [read_commerceml(p) for p in paths]  # refuse a bad file before writing anything
    run = ws.control.start_run("commerceml", details={"files": [p.name for p in paths], "account": account})
    try:
        lake_run = land_pages(ws, "onec", account, pages)
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    records = sum(p.records for p in pages)
    ws.control.finish_run(run, "succeeded", rows=records, details={"lake_run": lake_run})
    return lake_run, records
