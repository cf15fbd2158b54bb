"""Postings and returns: /v3/posting/fbo/list, /v4/posting/fbs/list, /v1/returns/list.

Posting lists select by creation: FBO by `created_at`, FBS by `in_process_at`, within
[since, to] (at most one year, else 400 PERIOD_IS_TOO_LONG), and serve each posting's status
at the clock — a re-read of the same window shows statuses that changed since. Paging: `cursor`
+ `has_next`; the cursor is opaque (base64 JSON of the sort key) and "" on the last page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.http import Call, Reply
from svodka.sandbox.ozon import fmt
from svodka.sandbox.ozon.fmt import BadRequest
from svodka.sandbox.ozon.render_postings import PostingRenderer
from svodka.sandbox.ozon.routes_products import guarded
from svodka.sandbox.ozon.world import STATUSES

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

YEAR_US = 366 * 86_400 * 1_000_000  # "не больше одного года"; a leap year's worth is allowed


def _window(flt: dict) -> tuple[int, int]:
    since, to = fmt.parse_ts(flt.get("since")), fmt.parse_ts(flt.get("to"))
    if since is None or to is None:
        raise BadRequest("invalid request: filter.since and filter.to must be RFC 3339 date-times")
    if since > to:
        raise BadRequest("invalid request: filter.since is after filter.to")
    if to - since > YEAR_US:
        raise BadRequest("PERIOD_IS_TOO_LONG")
    return since, to


def _with(body: dict) -> dict[str, bool]:
    w = body.get("with") or {}
    if not isinstance(w, dict):
        raise BadRequest("invalid request: with must be an object")
    return {k: bool(v) for k, v in w.items()}


class _Sorted:
    """Postings of one scheme sorted by (key, index), so that a page is a binary search and a
    short scan (a year at benchmark scale holds millions of postings)."""

    def __init__(self, idx: np.ndarray, key: np.ndarray) -> None:
        order = np.lexsort((idx, key))
        self.idx, self.key = idx[order], key[order]

    def bounds(self, since: int, to: int, cursor: tuple[int, int] | None, desc: bool) -> tuple[int, int]:
        """Positions [lo, hi) inside the window and past the cursor."""
        lo = int(np.searchsorted(self.key, since, "left"))
        hi = int(np.searchsorted(self.key, to, "right"))
        if cursor is not None:
            kv, iv = cursor
            if desc:
                end = int(np.searchsorted(self.key, kv, "right"))
                while end > lo and self.key[end - 1] == kv and self.idx[end - 1] >= iv:
                    end -= 1
                hi = min(hi, end)
            else:
                start = int(np.searchsorted(self.key, kv, "left"))
                while start < hi and self.key[start] == kv and self.idx[start] <= iv:
                    start += 1
                lo = max(lo, start)
        return lo, hi

    def scan(self, lo: int, hi: int, desc: bool, want: int, keep) -> np.ndarray:
        """Up to `want` positions in [lo, hi) (descending if `desc`) whose postings pass `keep`."""
        found: list[np.ndarray] = []
        n, step = 0, max(4 * want, 1024)
        while lo < hi and n < want:
            pos = np.arange(max(lo, hi - step), hi)[::-1] if desc else np.arange(lo, min(hi, lo + step))
            if desc:
                hi = int(pos[-1])
            else:
                lo = int(pos[-1]) + 1
            pos = pos[keep(self.idx[pos])][: want - n]
            found.append(pos)
            n += len(pos)
        return np.concatenate(found) if found else np.zeros(0, np.int64)


def table(srv: SandboxServer) -> list[tuple[str, object, str]]:
    """(path, handler, record path) of every posting and return method."""
    o = srv.world.ozon
    p = o.sim.postings
    r = PostingRenderer(srv.world, int(srv.ozon_client_id))
    fbs_rows = np.nonzero(p["wh"] == o.sim.n_fbo)[0]
    fbo_rows = np.nonzero(p["wh"] != o.sim.n_fbo)[0]
    by_key = {
        True: _Sorted(fbs_rows, r.times("t_proc", fbs_rows)),
        False: _Sorted(fbo_rows, r.times("t0", fbo_rows)),
    }

    def filters(flt: dict, now_s: int, fbs: bool):
        statuses = fmt.str_list(flt.get("statuses"), "filter.statuses")
        numbers = fmt.str_list(flt.get("posting_numbers"), "filter.posting_numbers")
        wanted = np.array(sorted(o.posting_index(numbers).values()), dtype=np.int64)
        orders = set(fmt.str_list(flt.get("order_numbers"), "filter.order_numbers"))
        extra = _fbs_filters(o, flt, now_s) if fbs else None

        def keep(idx: np.ndarray) -> np.ndarray:
            ok = p["t0"][idx] <= now_s
            if statuses:
                ok &= np.isin(np.array(STATUSES)[o.status(idx, now_s)], statuses)
            if numbers:
                ok &= np.isin(idx, wanted)
            if orders:
                ok &= np.array([n[:-2] in orders for n in o.posting_numbers(idx)], dtype=bool)
            if extra is not None:
                ok &= extra(idx)
            return ok

        return keep

    def listing(call: Call, body: dict, fbs: bool) -> Reply:
        flt = body.get("filter")
        if not isinstance(flt, dict):
            raise BadRequest("invalid request: filter is required")
        since, to = _window(flt)
        limit = fmt.int_field(body, "limit", None if fbs else 100, 1, 100)
        desc = str(body.get("sort_dir") or "ASC").upper() == "DESC"
        cursor = None
        if body.get("cursor"):
            got = fmt.decode_cursor(body["cursor"])
            try:
                cursor = (int(got["fields"][0]["val_us"]), int(got["fields"][1]["val"]))
            except (KeyError, IndexError, TypeError, ValueError):
                raise BadRequest("invalid cursor") from None
        srt = by_key[fbs]
        lo, hi = srt.bounds(since, to, cursor, desc)
        pos = srt.scan(lo, hi, desc, limit + 1, filters(flt, call.now_s, fbs))
        has_next = len(pos) > limit
        pos = pos[:limit]
        page = srt.idx[pos]
        cursor_text = ""
        if has_next:
            d = "desc" if desc else "asc"
            last_key = int(srt.key[pos[-1]])
            field = "osp.in_process_at" if fbs else "osp.created_at"
            cursor_text = fmt.encode_cursor(
                {
                    "fields": [
                        {"name": field, "dir": d, "val": fmt.ts(last_key), "val_us": last_key},
                        {"name": "osp.id", "dir": d, "val": str(int(page[-1]))},
                    ]
                }
            )
        rows = r.fbs(page, call.now_s, _with(body)) if fbs else r.fbo(page, call.now_s, _with(body))
        return Reply.json({"postings": rows, "has_next": has_next, "cursor": cursor_text})

    def returns(call: Call, body: dict) -> Reply:
        limit = fmt.int_field(body, "limit", None, 1, 500)
        last_id = fmt.int_field(body, "last_id", 0, 0, 2**63 - 1)
        rt = o.returns
        keep = (rt.t <= call.now_s) & (rt.return_id > last_id)
        flt = body.get("filter") or {}
        if not isinstance(flt, dict):
            raise BadRequest("invalid request: filter must be an object")
        keep &= _return_filters(o, r, flt, call.now_s)
        rows = np.nonzero(keep)[0]
        page = rows[:limit]
        return Reply.json({"returns": r.returns(page, call.now_s), "has_next": bool(len(rows) > limit)})

    return [
        ("/v3/posting/fbo/list", guarded(lambda c, b: listing(c, b, False)), "postings"),
        ("/v4/posting/fbs/list", guarded(lambda c, b: listing(c, b, True)), "postings"),
        ("/v1/returns/list", guarded(returns), "returns"),
    ]


def _fbs_filters(o, flt: dict, now_s: int):
    """FBS-only filters (warehouse_ids, order_id, last_changed_status_date) as a mask factory."""
    whs = fmt.id_list(flt.get("warehouse_ids"), "filter.warehouse_ids")
    no_wh = bool(whs) and o.warehouses[-1].warehouse_id not in whs
    order_id = flt.get("order_id")
    changed = flt.get("last_changed_status_date")
    window = None
    if isinstance(changed, dict) and (changed.get("from") or changed.get("to")):
        window = (
            fmt.parse_ts(changed.get("from") or "1970-01-01"),
            fmt.parse_ts(changed.get("to") or "2100-01-01"),
        )
        if None in window:
            raise BadRequest("invalid request: filter.last_changed_status_date")
    p = o.sim.postings

    def keep(idx: np.ndarray) -> np.ndarray:
        ok = np.full(len(idx), not no_wh)
        if order_id:
            ok &= o.order_ids(idx) == int(order_id)
        if window is not None:
            moments = np.stack([p[n][idx] for n in ("t_proc", "t_pack", "t_ship", "t_end")])
            last = fmt.utc_us(np.where(moments <= now_s, moments, 0).max(axis=0))
            ok &= (last >= window[0]) & (last <= window[1])
        return ok

    return keep


def _return_filters(o, r: PostingRenderer, flt: dict, now_s: int) -> np.ndarray:
    rt, p = o.returns, o.sim.postings
    keep = np.ones(len(rt.return_id), bool)
    windows = [
        k
        for k in ("logistic_return_date", "storage_tariffication_start_date", "visual_status_change_moment")
        if flt.get(k)
    ]
    if len(windows) > 1:
        raise BadRequest("invalid request: use only one date filter")
    for name in windows:
        w = flt[name]
        lo, hi = fmt.parse_ts(w.get("time_from")), fmt.parse_ts(w.get("time_to"))
        if lo is None or hi is None:
            raise BadRequest(f"invalid request: filter.{name} needs time_from and time_to")
        if name == "logistic_return_date":
            t = rt.t
        elif name == "storage_tariffication_start_date":
            t = rt.t_back + 7 * 86_400
        else:
            t = np.where(now_s >= rt.t_back, rt.t_back, rt.t)
        at = fmt.utc_us(t)
        keep &= (at >= lo) & (at <= hi)
    numbers = fmt.str_list(flt.get("posting_numbers"), "filter.posting_numbers", cap=50)
    if numbers:
        keep &= np.isin(rt.posting, list(o.posting_index(numbers).values()))
    fbs = p["wh"][rt.posting] == o.sim.n_fbo
    schema = str(flt.get("return_schema") or "").upper()
    if schema in ("FBS", "FBO"):
        keep &= fbs if schema == "FBS" else ~fbs
    if flt.get("offer_id"):
        prods = [i for i, x in enumerate(o.listing.offer_id) if x == flt["offer_id"]]
        keep &= np.isin(p["prod"][rt.posting], prods)
    if flt.get("order_id"):
        keep &= o.order_ids(rt.posting) == int(flt["order_id"])
    if flt.get("warehouse_id"):
        wid = np.array([w.warehouse_id for w in o.warehouses])
        keep &= wid[p["wh"][rt.posting]] == int(flt["warehouse_id"])
    if flt.get("visual_status_name"):
        back = now_s >= rt.t_back
        names = np.where(
            fbs,
            np.where(back, "ReceivedBySeller", "MovingToSeller"),
            np.where(back, "ReturnedToOzon", "MovingToOzon"),
        )
        keep &= names == flt["visual_status_name"]
    return keep
