"""Products, prices and stocks: /v3/product/list, /v3/product/info/list, /v5/product/info/prices,
/v4/product/info/stocks, /v2/product/info/stocks-by-warehouse/fbs, /v1/analytics/stocks.

Products exist from their `created_at`; lists are ordered by product_id. Stocks are the
snapshot at 00:00 Moscow time of the clock's date (clamped to the world), as `truth.ozon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from svodka.sandbox.http import Call, Reply
from svodka.sandbox.ozon import fmt
from svodka.sandbox.ozon.fmt import BadRequest
from svodka.sandbox.ozon.gateway import bad_request
from svodka.sandbox.ozon.render_stocks import StockRenderer

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

VISIBILITY = {"ALL", "VISIBLE", "INVISIBLE", "EMPTY_STOCK", "IN_SALE", "ARCHIVED"}


def guarded(fn):
    """Turn BadRequest into the 400 rpcStatus answer."""

    def handler(call: Call) -> Reply:
        try:
            return fn(call, fmt.body_of(call))
        except BadRequest as exc:
            return bad_request(str(exc))

    return handler


def _page(idx: np.ndarray, ids: np.ndarray, cursor: Any, limit: int) -> tuple[np.ndarray, str]:
    """A product_id-ordered page after the cursor; the cursor of a non-empty page is its last id
    (a request with it returns the next page, empty at the end, with cursor "")."""
    if cursor:
        after = fmt.decode_cursor(cursor)
        if not isinstance(after, dict) or not isinstance(after.get("product_id"), int):
            raise BadRequest("invalid cursor")
        idx = idx[ids[idx] > after["product_id"]]
    idx = idx[:limit]
    return idx, (fmt.encode_cursor({"product_id": int(ids[idx[-1]])}) if len(idx) else "")


def table(srv: SandboxServer) -> list[tuple[str, object, str]]:
    """(path, handler, record path) of every product method."""
    o = srv.world.ozon
    ls = o.listing
    r = StockRenderer(srv.world)

    def visible(call: Call, flt: dict) -> np.ndarray:
        """Products existing at the clock that pass the common filter (offer_id, product_id, visibility)."""
        keep = ls.created <= call.now_s
        offers = fmt.str_list(flt.get("offer_id"), "filter.offer_id")
        pids = fmt.id_list(flt.get("product_id"), "filter.product_id")
        if offers:
            keep &= np.isin(np.array(ls.offer_id, dtype=object), offers)
        if pids:
            keep &= np.isin(ls.product_id, pids)
        vis = flt.get("visibility", "ALL") or "ALL"
        if not isinstance(vis, str):
            raise BadRequest("invalid request: filter.visibility must be a string")
        if vis == "ARCHIVED":
            keep &= False  # the seller archives nothing
        elif vis in ("VISIBLE", "IN_SALE", "INVISIBLE", "EMPTY_STOCK"):
            stocked = r.stock(call.now_s)[0].sum(axis=1) > 0
            keep &= stocked if vis in ("VISIBLE", "IN_SALE") else ~stocked
        return np.nonzero(keep)[0]

    def product_list(call: Call, body: dict) -> Reply:
        limit = fmt.int_field(body, "limit", 1000, 1, 1000)
        idx = visible(call, body.get("filter") or {})
        total = len(idx)
        last = body.get("last_id") or ""
        if last:
            after = fmt.decode_cursor(last)
            if not isinstance(after, list) or len(after) != 2:
                raise BadRequest("invalid last_id")
            idx = idx[ls.product_id[idx] > int(after[0])]
        idx = idx[:limit]
        free, _ = r.stock(call.now_s)
        items = [
            {
                "product_id": int(ls.product_id[i]),
                "offer_id": ls.offer_id[i],
                "has_fbo_stocks": bool(free[i, :-1].sum() > 0),
                "has_fbs_stocks": bool(free[i, -1] > 0),
                "archived": False,
                "is_discounted": False,
                "quants": [],
            }
            for i in idx.tolist()
        ]
        # Ozon's last_id is base64 of [product_id, product_id]; a page after the end is empty.
        last_id = fmt.encode_cursor([int(ls.product_id[idx[-1]])] * 2) if len(idx) else ""
        return Reply.json({"result": {"items": items, "total": total, "last_id": last_id}})

    def info_list(call: Call, body: dict) -> Reply:
        offers = fmt.str_list(body.get("offer_id"), "offer_id")
        pids = fmt.id_list(body.get("product_id"), "product_id")
        skus = fmt.id_list(body.get("sku"), "sku")
        if len(offers) + len(pids) + len(skus) > 1000:
            raise BadRequest("invalid request: at most 1000 identifiers in total")
        keep = (ls.created <= call.now_s) & (
            np.isin(np.array(ls.offer_id, dtype=object), offers)
            | np.isin(ls.product_id, pids)
            | np.isin(ls.sku, skus)
        )
        return Reply.json({"items": r.info_items(np.nonzero(keep)[0], call.now_s)})

    def prices(call: Call, body: dict) -> Reply:
        if not isinstance(body.get("filter"), dict):
            raise BadRequest("invalid request: filter is required")
        limit = fmt.int_field(body, "limit", None, 1, 1000)
        idx = visible(call, body["filter"])
        page, cursor = _page(idx, ls.product_id, body.get("cursor"), limit)
        return Reply.json({"items": r.price_items(page, call.now_s), "cursor": cursor, "total": len(idx)})

    def stocks(call: Call, body: dict) -> Reply:
        if not isinstance(body.get("filter"), dict):
            raise BadRequest("invalid request: filter is required")
        limit = fmt.int_field(body, "limit", None, 1, 1000)
        idx = visible(call, body["filter"])
        page, cursor = _page(idx, ls.product_id, body.get("cursor"), limit)
        return Reply.json({"items": r.stock_items(page, call.now_s), "cursor": cursor, "total": len(idx)})

    def fbs_stocks(call: Call, body: dict) -> Reply:
        limit = fmt.int_field(body, "limit", None, 1, 1000)
        offers = fmt.str_list(body.get("offer_id"), "offer_id")
        skus = fmt.id_list(body.get("sku"), "sku")
        keep = ls.created <= call.now_s
        if offers:
            keep &= np.isin(np.array(ls.offer_id, dtype=object), offers)
        if skus:
            keep &= np.isin(ls.sku, skus)
        idx, _ = _page(np.nonzero(keep)[0], ls.product_id, body.get("cursor"), len(ls) + 1)
        page = idx[:limit]
        has_next = len(idx) > limit
        cursor = fmt.encode_cursor({"product_id": int(ls.product_id[page[-1]])}) if has_next else ""
        return Reply.json({"products": r.fbs_rows(page, call.now_s), "cursor": cursor, "has_next": has_next})

    def analytics_stocks(call: Call, body: dict) -> Reply:
        skus = fmt.id_list(body.get("skus"), "skus", cap=100)
        if not skus:
            raise BadRequest("invalid request: skus is required")
        if body.get("cluster_ids") and body.get("macrolocal_cluster_ids"):
            raise BadRequest("invalid request: use only one of cluster_ids and macrolocal_cluster_ids")
        flt = {
            "cluster_ids": set(fmt.id_list(body.get("cluster_ids"), "cluster_ids")),
            "macrolocal_cluster_ids": set(
                fmt.id_list(body.get("macrolocal_cluster_ids"), "macrolocal_cluster_ids")
            ),
            "warehouse_ids": set(fmt.id_list(body.get("warehouse_ids"), "warehouse_ids")),
            "turnover_grades": set(fmt.str_list(body.get("turnover_grades"), "turnover_grades")),
            "item_tags": set(fmt.str_list(body.get("item_tags"), "item_tags")),
        }
        idx = np.nonzero((ls.created <= call.now_s) & np.isin(ls.sku, skus))[0]
        return Reply.json({"items": r.analytics_rows(idx, call.now_s, flt)})

    return [
        ("/v3/product/list", guarded(product_list), "result.items"),
        ("/v3/product/info/list", guarded(info_list), "items"),
        ("/v5/product/info/prices", guarded(prices), "items"),
        ("/v4/product/info/stocks", guarded(stocks), "items"),
        ("/v2/product/info/stocks-by-warehouse/fbs", guarded(fbs_stocks), "products"),
        ("/v1/analytics/stocks", guarded(analytics_stocks), "items"),
    ]
