"""Identity glue between the control DB and the warehouse.

People link and unlink products in the control DB (`svodka match link …`); the SQL models
read those decisions from `meta.manual_links`, which is refreshed from the control DB
before every build so that a manual decision always wins and survives rebuilds.
"""

from __future__ import annotations

from svodka.pipeline.workspace import Workspace


def sync_manual_links(ws: Workspace) -> int:
    """Copy the control DB's manual links into `meta.manual_links`; return how many."""
    links = ws.control.manual_links()
    wh = ws.warehouse
    wh.command("TRUNCATE TABLE meta.manual_links")
    if links:
        wh.insert("meta.manual_links", sorted(links.items()), ["item", "product_id"])
    return len(links)
