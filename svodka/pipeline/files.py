"""Files as a source (price lists, CommerceML exports): pages straight into the lake and raw.

A file is read and checked in full before anything is written; then its pages go to the
lake, raw gets their records (all or nothing), and only then is the lake run committed — the
same order as a sync, so a failure leaves the warehouse as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from svodka.lake.store import new_run_id
from svodka.pipeline.load import load_run
from svodka.pipeline.workspace import Workspace
from svodka.sources.base import Page


def land_pages(
    ws: Workspace, source: str, account: str, pages: Iterable[Page], now: datetime | None = None
) -> str:
    """Store `pages` as one lake run, load it into raw and commit it; return the lake run id."""
    lake_run = new_run_id(now)
    with ws.lake.writer(lake_run, source, account) as writer:
        for page in pages:
            writer.put(page)
    load_run(ws.warehouse, ws.lake, lake_run)
    ws.lake.commit(lake_run)
    return lake_run
