"""Every Partner API method the sandbox serves, mounted under /ym/api (shapes from the OpenAPI)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from svodka.sandbox.clock import DAY_S, day_number, from_msk_seconds
from svodka.sandbox.http import Call, Reply
from svodka.sandbox.yandex import gateway, reports, routes_orders
from svodka.sandbox.yandex.gateway import error, ok, page, paging

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer


class _Hosts(Mapping):
    """`srv.ym_hosts`: {"api": "http://…/ym/api"}, computed when read (the port is known late)."""

    def __init__(self, srv: SandboxServer) -> None:
        self._srv = srv

    def __getitem__(self, key: str) -> str:
        if key != "api":
            raise KeyError(key)
        return f"{self._srv.base_url}/ym/api"

    def __iter__(self) -> Iterator[str]:
        return iter(("api",))

    def __len__(self) -> int:
        return 1


def _iso(sec: int) -> str:
    return from_msk_seconds(int(sec)).isoformat(timespec="seconds")


def _rub(kop: int) -> float:
    return round(int(kop) / 100, 2)


def _day(text: object) -> int | None:
    try:
        return day_number(date.fromisoformat(str(text)[:10]))
    except ValueError:
        return None


def ym_routes(srv: SandboxServer) -> list[Route]:
    """The routes of api.partner.market.yandex.ru; also attaches the `ym_*` attributes to `srv`."""
    ym = srv.world.ym
    srv.ym_api_key = gateway.api_key(srv.world.spec.seed)
    srv.ym_business_id = ym.business_id
    srv.ym_campaign_ids = {"FBY": ym.campaign_ids[0], "FBS": ym.campaign_ids[1]}
    srv.ym_hosts = _Hosts(srv)
    srv.ym_parallel_limit = gateway.PARALLEL_LIMIT
    srv.ym_hold_s = 0.0
    srv.ym_inflight = gateway.Inflight()
    srv.ym_reports = reports.Reports(srv)
    cat = srv.world.catalog

    def camp_of(call: Call) -> int | Reply:
        cid = call.path_params.get("campaignId", "")
        if not cid.isdigit() or int(cid) not in ym.campaign_ids:
            return error(403, "FORBIDDEN", f"Access to campaign {cid} is denied")
        return ym.campaign_ids.index(int(cid))

    def business_ok(call: Call) -> Reply | None:
        if call.path_params.get("businessId") != str(ym.business_id):
            return error(403, "FORBIDDEN", "Access to the business is denied")
        return None

    def campaigns(call: Call) -> Reply:
        rows = [
            {
                "domain": f"shop-{ym.seed}-{p.lower()}.market",
                "id": ym.campaign_ids[i],
                "clientId": 1_000_000 + ym.seed,
                "business": {"id": ym.business_id, "name": "Сводка Демо"},
                "placementType": p,
                "apiAvailability": "AVAILABLE",
            }
            for i, p in enumerate(("FBY", "FBS"))
        ]
        pager = {"total": 2, "from": 1, "to": 2, "currentPage": 1, "pagesCount": 1, "pageSize": 100}
        return Reply.json({"campaigns": rows, "pager": pager})

    def offer_mappings(call: Call) -> Reply:
        if (bad := business_ok(call)) is not None:
            return bad
        pg = page(call, 100, 100)
        if isinstance(pg, Reply):
            return pg
        want = set((call.json() or {}).get("offerIds") or [])
        idx = [i for i, o in enumerate(ym.offer_id) if not want or o in want]
        off, lim = pg
        rows = []
        for i in idx[off : off + lim]:
            b = int(ym.bar[i])
            c = int(cat.bar_card[b])
            offer = {"offerId": ym.offer_id[i], "name": cat.card_title[c], "vendor": cat.card_brand[c]}
            offer |= {"barcodes": [cat.bar_code[b]], "vendorCode": cat.card_vendor[c], "archived": False}
            mapping = {"marketSku": int(ym.market_sku[i]), "marketSkuName": cat.card_title[c]}
            rows.append({"offer": offer, "mapping": mapping})
        return ok({"paging": paging(off, lim, len(idx)), "offerMappings": rows})

    def stocks(call: Call) -> Reply:
        camp = camp_of(call)
        if isinstance(camp, Reply):
            return camp
        pg = page(call, 100, 200)
        if isinstance(pg, Reply):
            return pg
        d = ym.snapshot_day(call.now_s)
        want = set((call.json() or {}).get("offerIds") or [])
        idx = [i for i, o in enumerate(ym.offer_id) if not want or o in want]
        off, lim = pg
        at = _iso((ym.start_day + (d or 0)) * DAY_S)
        offers = [
            {
                "offerId": ym.offer_id[i],
                "stocks": [
                    {"type": t, "count": int(ym.stock[d, i, camp]) if d is not None else 0}
                    for t in ("FIT", "AVAILABLE")
                ],
                "updatedAt": at,
            }
            for i in idx[off : off + lim]
        ]
        wh = [{"warehouseId": ym.warehouse(camp)[0], "offers": offers}]
        return ok({"paging": paging(off, lim, len(idx)), "warehouses": wh})

    def stats_orders(call: Call) -> Reply:
        camp = camp_of(call)
        if isinstance(camp, Reply):
            return camp
        pg = page(call, 200, 200)
        if isinstance(pg, Reply):
            return pg
        body = call.json() or {}
        d0, d1 = _day(body.get("dateFrom", "1970-01-01")), _day(body.get("dateTo", "2999-12-31"))
        if d0 is None or d1 is None:
            return error(400, "BAD_REQUEST", "dateFrom and dateTo must be dates YYYY-MM-DD")
        o = ym.orders
        day = o["t0"] // DAY_S
        sel = np.nonzero((o["camp"] == camp) & (day >= d0) & (day <= d1) & (o["t0"] <= call.now_s))[0]
        off, lim = pg
        chunk = sel[off : off + lim]
        rows = [
            _order(ym, cat, int(i), st, call.now_s)
            for i, st in zip(chunk, ym.status(chunk, call.now_s), strict=True)
        ]
        return ok({"orders": rows, "paging": paging(off, lim, len(sel))})

    table = [
        ("/v2/campaigns", campaigns, "GET"),
        ("/v2/businesses/{businessId}/offer-mappings", offer_mappings, "POST"),
        ("/v2/campaigns/{campaignId}/offers/stocks", stocks, "POST"),
        ("/v2/campaigns/{campaignId}/stats/orders", stats_orders, "POST"),
        *srv.ym_reports.table(),
        *routes_orders.table(srv),
    ]

    def route(path: str, handler, method: str, auth: bool = True) -> Route:
        async def endpoint(request: Request) -> Response:
            return await gateway.serve(srv, request, handler, auth)

        return Route(path, endpoint, methods=[method])

    out = [route(p, h, m) for p, h, m in table]
    out.append(route("/files/{name}", srv.ym_reports.download, "GET", auth=False))
    return out


def _order(ym, cat, i: int, status: str, now_s: int) -> dict:
    o = ym.orders
    off, camp, n = int(o["offer"][i]), int(o["camp"][i]), int(o["count"][i])
    amount = int(o["amount"][i])
    wid, wname = ym.warehouse(camp)
    item = {
        "offerName": cat.card_title[int(cat.bar_card[int(ym.bar[off])])],
        "marketSku": int(ym.market_sku[off]),
        "shopSku": ym.offer_id[off],
        "count": n,
        "prices": [{"type": "BUYER", "costPerItem": _rub(amount // n), "total": _rub(amount)}],
        "warehouse": {"id": wid, "name": wname},
        "initialCount": n,
    }
    payments, commissions = [], []
    if status in ("DELIVERED", "RETURNED"):
        pid = f"{int(ym.order_ids([i])[0])}"
        payments.append(
            {
                "id": f"P{pid}",
                "date": _iso(o["t_end"][i])[:10],
                "type": "PAYMENT",
                "source": "BUYER",
                "total": _rub(amount),
            }
        )
        if status == "RETURNED":
            item["details"] = [
                {
                    "itemStatus": "RETURNED",
                    "itemCount": n,
                    "updateDate": _iso(o["t_ret"][i])[:10],
                    "stockType": "FIT",
                }
            ]
            payments.append(
                {
                    "id": f"R{pid}",
                    "date": _iso(o["t_ret"][i])[:10],
                    "type": "REFUND",
                    "source": "BUYER",
                    "total": _rub(amount),
                }
            )
        for kind, fee in ym.fees.items():
            v = int(fee[i])
            if v and (kind != "RETURN_PROCESSING" or status == "RETURNED"):
                commissions.append({"type": kind, "actual": _rub(v)})
    return {
        "id": int(ym.order_ids([i])[0]),
        "creationDate": _iso(o["t0"][i])[:10],
        "statusUpdateDate": _iso(min(now_s, int(max(o["t_end"][i], o["t_ret"][i])))),
        "status": status,
        "paymentType": "PREPAID",
        "fake": False,
        "items": [item],
        "payments": payments,
        "commissions": commissions,
        "currency": "RUR",
    }
