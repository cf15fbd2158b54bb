"""What the SQL models need from outside the warehouse, copied in before every build.

People link and unlink products in the control DB (`svodka match link …`); the models read
those decisions from `meta.manual_links`, refreshed before every build so that a manual
decision always wins and survives rebuilds. Suppliers' staleness times live in svodka.toml;
`meta.suppliers` carries them to the price-list mart.
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


def sync_suppliers(ws: Workspace) -> int:
    """Copy each price-list supplier's staleness time into `meta.suppliers`; return how many."""
    from svodka.pipeline.pricelists import stale_after_days

    wh = ws.warehouse
    suppliers = [
        r[0]
        for r in wh.rows(
            "SELECT DISTINCT JSONExtractString(meta, 'supplier') FROM raw.records"
            " WHERE stream = 'pricelist_rows'"
        )
    ]
    wh.command("TRUNCATE TABLE meta.suppliers")
    if suppliers:
        wh.insert(
            "meta.suppliers",
            [(s, float(stale_after_days(ws, s))) for s in sorted(suppliers)],
            ["supplier", "stale_after_days"],
        )
    return len(suppliers)
