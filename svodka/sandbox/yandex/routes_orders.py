"""Business orders (`POST /v1/businesses/{businessId}/orders`) and base prices
(`POST /v2/businesses/{businessId}/offer-prices`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, day_date, day_number, from_msk_seconds
from svodka.sandbox.http import Call, Reply
from svodka.sandbox.yandex.gateway import error, ok, page, paging
from svodka.sandbox.yandex.world import CANCELLED, PLACEMENTS, RETURNED

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

MAX_DAYS = 30
_UNIT = {"PROCESSING": "CREATED", "DELIVERY": "SHIPPED", "DELIVERED": "DELIVERED_TO_BUYER"}


def _iso(sec: int) -> str:
    return from_msk_seconds(int(sec)).isoformat(timespec="seconds")


def _money(kop: int) -> dict:
    return {"value": round(int(kop) / 100, 2), "currencyId": "RUR"}


def table(srv: SandboxServer) -> list[tuple]:
    ym, cat = srv.world.ym, srv.world.catalog

    def mine(call: Call) -> Reply | None:
        if call.path_params.get("businessId") != str(ym.business_id):
            return error(403, "FORBIDDEN", "Access to the business is denied")
        return None

    def business_orders(call: Call) -> Reply:
        if (bad := mine(call)) is not None:
            return bad
        pg = page(call, 50, 50)
        if isinstance(pg, Reply):
            return pg
        try:
            body = call.json() or {}
            dates = body.get("dates") or {}
            today = call.now_s // DAY_S
            d1 = (
                day_number(date.fromisoformat(dates["creationDateTo"]))
                if "creationDateTo" in dates
                else today
            )
            d0 = day_number(
                date.fromisoformat(dates.get("creationDateFrom", day_date(d1 - MAX_DAYS).isoformat()))
            )
        except (ValueError, TypeError, AttributeError):
            return error(400, "BAD_REQUEST", "Invalid dates")
        if d1 < d0 or d1 - d0 > MAX_DAYS:
            return error(400, "BAD_REQUEST", f"The date range must not exceed {MAX_DAYS} days")
        o = ym.orders
        day = o["t0"] // DAY_S
        sel = (day >= d0) & (day <= d1) & (o["t0"] <= call.now_s)
        if body.get("campaignIds"):
            sel &= np.isin(np.asarray(ym.campaign_ids)[o["camp"]], [int(x) for x in body["campaignIds"]])
        idx = np.nonzero(sel)[0]
        off, lim = pg
        chunk = idx[off : off + lim]
        rows = [
            _order(ym, cat, int(i), s, call.now_s)
            for i, s in zip(chunk, ym.status(chunk, call.now_s), strict=True)
        ]
        return Reply.json({"orders": rows, "paging": paging(off, lim, len(idx))})

    def offer_prices(call: Call) -> Reply:
        if (bad := mine(call)) is not None:
            return bad
        pg = page(call, 500, 500)
        if isinstance(pg, Reply):
            return pg
        want = set((call.json() or {}).get("offerIds") or [])
        idx = [i for i, x in enumerate(ym.offer_id) if not want or x in want]
        d = int(min(max(call.now_s // DAY_S - ym.start_day, 0), ym.days - 1))
        at = _iso((ym.start_day + d) * DAY_S)
        off, lim = pg
        offers = [
            {"offerId": ym.offer_id[i], "price": _money(int(ym.price[i, d])) | {"updatedAt": at}}
            for i in idx[off : off + lim]
        ]
        return ok({"offers": offers, "paging": paging(off, lim, len(idx))})

    return [
        ("/v1/businesses/{businessId}/orders", business_orders, "POST"),
        ("/v2/businesses/{businessId}/offer-prices", offer_prices, "POST"),
        returns_route(srv),
    ]


def _order(ym, cat, i: int, status: str, now_s: int) -> dict:
    o = ym.orders
    off, camp, n = int(o["offer"][i]), int(o["camp"][i]), int(o["count"][i])
    if status.startswith("CANCELLED"):
        status, sub, unit = "CANCELLED", "USER_CHANGED_MIND", "CANCELLED"
    elif status == "RETURNED":
        sub, unit = "USER_REFUSED_QUALITY", "RETURNED"
    else:
        sub, unit = ("STARTED" if status == "PROCESSING" else "SHIPPED"), _UNIT[status]
    end = int(o["t_end"][i])
    item = {
        "id": int(ym.order_ids([i])[0]) * 10 + 1,
        "offerId": ym.offer_id[off],
        "offerName": cat.card_title[int(cat.bar_card[int(ym.bar[off])])],
        "count": n,
        "prices": {"payment": _money(int(o["amount"][i]) // n)},
        "itemStatuses": [{"status": unit, "count": n}],
    }
    delivery = {
        "type": "DELIVERY",
        "serviceName": "Доставка Маркета",
        "deliveryServiceId": 1_000_000 + camp,
        "warehouseId": str(ym.warehouse(camp)[0]),
        "deliveryPartnerType": "YANDEX_MARKET" if camp == 0 else "SHOP",
        "dates": {"fromDate": _iso(end)[:10]}
        | ({"realDeliveryDate": _iso(end)[:10]} if now_s >= end and o["outcome"][i] != CANCELLED else {}),
    }
    upd = end if now_s >= end else int(o["t0"][i])
    if o["outcome"][i] == RETURNED and now_s >= o["t_ret"][i]:
        upd = int(o["t_ret"][i])
    return {
        "orderId": int(ym.order_ids([i])[0]),
        "campaignId": ym.campaign_ids[camp],
        "programType": PLACEMENTS[camp],
        "status": status,
        "substatus": sub,
        "creationDate": _iso(o["t0"][i]),
        "updateDate": _iso(upd),
        "paymentType": "PREPAID",
        "paymentMethod": "YANDEX",
        "fake": False,
        "items": [item],
        "prices": {"payment": _money(int(o["amount"][i]))},
        "delivery": delivery,
    }


def returns_route(srv: SandboxServer) -> tuple:
    """`GET /v2/campaigns/{campaignId}/returns`: buyers' returns of a campaign (returnType RETURN),
    created on the return date; `fromDate`/`toDate` filter the creation date."""
    ym = srv.world.ym

    def returns(call: Call) -> Reply:
        cid = call.path_params.get("campaignId", "")
        if not cid.isdigit() or int(cid) not in ym.campaign_ids:
            return error(403, "FORBIDDEN", f"Access to campaign {cid} is denied")
        camp = ym.campaign_ids.index(int(cid))
        pg = page(call, 100, 100)
        if isinstance(pg, Reply):
            return pg
        q = call.query
        try:
            d0 = day_number(date.fromisoformat(q.get("fromDate") or q.get("from_date") or "1970-01-01"))
            d1 = day_number(date.fromisoformat(q.get("toDate") or q.get("to_date") or "2999-12-31"))
        except ValueError:
            return error(400, "BAD_REQUEST", "fromDate and toDate must be dates YYYY-MM-DD")
        o = ym.orders
        t = o["t_ret"]
        sel = (o["outcome"] == RETURNED) & (o["camp"] == camp) & (t <= call.now_s)
        sel &= (t // DAY_S >= d0) & (t // DAY_S <= d1)
        idx = np.nonzero(sel)[0]
        idx = idx[np.argsort(t[idx], kind="stable")]
        off, lim = pg
        rows = []
        for i in idx[off : off + lim].tolist():
            k, n = int(o["offer"][i]), int(o["count"][i])
            rows.append(
                {
                    "id": 600_000_000 + i,
                    "orderId": int(ym.order_ids([i])[0]),
                    "creationDate": _iso(t[i]),
                    "updateDate": _iso(t[i]),
                    "refundStatus": "REFUNDED",
                    "shipmentStatus": "FULFILMENT_RECEIVED" if camp == 0 else "PICKED",
                    "amount": _money(int(o["amount"][i])),
                    "items": [{"marketSku": int(ym.market_sku[k]), "shopSku": ym.offer_id[k], "count": n}],
                    "returnType": "RETURN",
                }
            )
        return ok({"paging": paging(off, lim, len(idx)), "returns": rows})

    return ("/v2/campaigns/{campaignId}/returns", returns, "GET")
