"""`svodka match`: link what the warehouse could not link by barcode or article, by name.

The catalogue is the current products (dim_product: name, barcode, article, brand). The
items are the supplier offers of the newest price lists and the marketplace listings no
barcode or article linked. Manual links and unlinks (control DB) always win; an item whose
name, barcode, article and brand are unchanged since the last run keeps its link without
being matched again. Verdicts go to `meta.identity_links` (the models use the `auto` ones);
unsure ones go to the control DB's review queue. Then the models that use links are rebuilt.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console

from svodka.identity import AUTO, REVIEW, Catalog, Item, Link, Matcher
from svodka.pipeline.workspace import Workspace
from svodka.warehouse.client import Warehouse

_CATALOG = """
SELECT product_id, title, barcode, vendor_code, brand FROM dwh.dim_product
WHERE is_current = 1 AND title != ''
    AND NOT startsWith(product_id, 'ozon:') AND NOT startsWith(product_id, 'wb:')
"""
# items the SQL chain (barcode, vendor code) and people (manual) did not settle: unlinked
# ones and those an earlier run linked by name (they stay "known" while unchanged)
_ITEMS = """
SELECT item_key, name, barcode, '' AS article, brand FROM dwh.fct_supplier_price
WHERE match_method NOT IN ('barcode', 'manual', 'manual_unlink')
UNION ALL
SELECT item_key, title, barcode, vendor_code, brand FROM dwh.dim_listing
WHERE is_current = 1 AND match_method NOT IN ('barcode', 'vendor_code', 'manual', 'manual_unlink')
"""


@dataclass
class MatchResult:
    """What one run did: items seen, how many settled by each method and status, how long."""

    items: int = 0
    rematched: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_method: Counter = field(default_factory=Counter)


def _known(wh: Warehouse) -> dict[str, Link]:
    rows = wh.rows(
        "SELECT item, product_id, method, confidence, status, fingerprint, candidates"
        " FROM meta.identity_links"
    )
    return {r[0]: Link(r[0], r[1], r[2], float(r[3]), r[4], r[5], tuple(r[6])) for r in rows}


def _items(wh: Warehouse) -> list[Item]:
    # a supplier's article is its own, not the seller's: only the name, barcode and brand count
    return [Item(k, n or "", b or "", a or "", br or "") for k, n, b, a, br in wh.rows(_ITEMS)]


def matcher(wh: Warehouse) -> Matcher:
    """A matcher over the current products."""
    return Matcher(Catalog.build(Item(p, t, b, a, br) for p, t, b, a, br in wh.rows(_CATALOG)))


def match_all(ws: Workspace, console: Console) -> MatchResult:
    """Match the unlinked items, store the verdicts, queue the unsure ones, rebuild what uses links."""
    from svodka.pipeline.runs import build_all

    wh = ws.warehouse
    if not wh.table_exists("dwh.dim_product"):
        raise_not_built()
    run = ws.control.start_run("match")
    try:
        items = _items(wh)
        known = _known(wh)
        m = matcher(wh)
        links = m.match(items, manual=ws.control.manual_links(), known=known)
        result = MatchResult(items=len(items))
        for item, link in zip(items, links, strict=True):
            result.by_status[link.status] += 1
            result.by_method[link.method] += 1
            if known.get(item.id) is not link:
                result.rematched += 1
            if link.status == REVIEW:
                for candidate in link.candidates or ((link.product_id,) if link.product_id else ()):
                    ws.control.queue_review(
                        item.id, candidate, link.method, link.confidence, {"name": item.name}
                    )
        wh.command("TRUNCATE TABLE meta.identity_links")
        if links:
            wh.insert(
                "meta.identity_links",
                [_row(link) for link in links],
                ["item", "product_id", "method", "confidence", "status", "fingerprint", "candidates"],
            )  # fmt: skip
        ws.control.finish_run(
            run,
            "succeeded",
            rows=len(items),
            details={"status": dict(result.by_status), "rematched": result.rematched},
        )
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    console.print(
        f"Matched {result.items:,} items ({result.rematched:,} new or changed): "
        + ", ".join(f"{n:,} {s}" for s, n in sorted(result.by_status.items()))
        + (
            f"; {result.by_status[REVIEW]:,} wait for review (`svodka match review`)"
            if result.by_status[REVIEW]
            else ""
        )
    )
    if result.by_status[AUTO] or result.rematched:
        build_all(ws, console, selector="dwh.dim_listing+")
    return result


def explain(ws: Workspace, item: str) -> str:
    """Why `item` links where it does (or would, if matched now)."""
    wh = ws.warehouse
    rows = [i for i in _items(wh) if i.id == item]
    if not rows:
        linked = wh.rows(
            "SELECT product_id, match_method FROM dwh.dim_listing WHERE item_key = {i:String} AND is_current"
            " UNION ALL SELECT product_id, match_method FROM dwh.fct_supplier_price"
            " WHERE item_key = {i:String}",
            {"i": item},
        )
        if linked:
            return (
                f"{item}: linked to {linked[0][0] or '—'} by {linked[0][1]} (before the name matching stage)"
            )
        return f"{item}: no such item (see dwh.dim_listing.item_key and dwh.fct_supplier_price.item_key)"
    return matcher(wh).explain(rows[0], manual=ws.control.manual_links(), known=_known(wh))


def _row(link: Link) -> tuple:
    return (
        link.offer_id,
        link.product_id,
        link.method,
        link.confidence,
        link.status,
        link.fingerprint,
        list(link.candidates),
    )


def raise_not_built() -> None:
    """Matching needs the warehouse built."""
    from svodka.errors import ConfigError

    raise ConfigError(
        "nothing to match against yet: the warehouse is not built", hint="Run `svodka build` first."
    )
