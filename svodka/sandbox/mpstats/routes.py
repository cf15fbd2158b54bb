"""MPStats methods, mounted by the server under /mpstats (the host https://mpstats.io).

Legacy methods, per marketplace `mp` in ("wb", "oz"): `GET /api/{mp}/get/categories` (rubricator
`[{url, name, path}]`), `POST /api/{mp}/get/category?path&d1&d2` (ag-grid model; items of the
category and its subcategories with their period stats; heavy: answers 202 first), `GET
/api/{mp}/get/item/{id}/sales?d1&d2` (daily rows), and `GET /api/user/report_api_limit`.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from svodka.sandbox.clock import day_date, day_number, msk_seconds
from svodka.sandbox.mpstats.gateway import gate, not_ready, reply, spend
from svodka.sandbox.mpstats.truth import served_days

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

MAX_ROWS = 5000  # rows per category request (endRow - startRow)
SITES = {"wb": "https://www.wildberries.ru/catalog/{}/detail.aspx", "oz": "https://www.ozon.ru/product/{}/"}


class BadRequest(Exception):
    """A 400 with MPStats' {"message": …}."""


def _date(q: dict[str, str], key: str, default: date | None = None) -> date:
    text = q.get(key)
    if not text:
        if default is None:
            raise BadRequest(f"Не указан параметр {key}")
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"Неверный формат даты {key}: ожидается YYYY-MM-DD") from None


def _period(srv: SandboxServer, q: dict[str, str]) -> tuple[date, date, int, int]:
    """d1, d2 and the world-day window [a, b) with data inside them (maybe empty)."""
    m = srv.world.mpstats
    yesterday = day_date(msk_seconds(srv.now()) // 86_400 - 1)
    d2 = _date(q, "d2", yesterday)
    d1 = _date(q, "d1", d2 - timedelta(days=29))
    if d1 > d2:
        raise BadRequest("d1 позже d2")
    n = served_days(m.start_day, m.days, msk_seconds(srv.now()))
    a = min(max(day_number(d1) - m.start_day, 0), n)
    b = min(max(day_number(d2) - m.start_day + 1, a), n)
    return d1, d2, a, b


def _item_row(srv: SandboxServer, i: int, a: int, b: int) -> dict:
    m = srv.world.mpstats
    last = b - 1 if b > a else None
    sales, bal, price = m.sales[i, a:b], m.balance[i, a:b], m.price[i, a:b]
    revenue = int((sales.astype(np.int64) * price).sum())
    final = int(price[-1]) if last is not None else 0
    basic = int(m.basic_price[i, last]) if last is not None else 0
    in_stock = int((bal > 0).sum())
    mean = float(sales.mean()) if b > a else 0.0
    return {
        "id": int(m.item_id[i]),
        "name": m.name[i],
        "brand": m.brand[i],
        "seller": m.seller[i],
        "supplier_id": int(m.supplier_id[i]),
        "balance": int(bal[-1]) if last is not None else 0,
        "balance_fbs": 0,
        "sales": int(sales.sum()),
        "revenue": revenue,
        "final_price": final,
        "basic_price": basic,
        "basic_sale": round(100 - 100 * final / basic) if basic else 0,
        "promo_sale": 0,
        "client_price": final,
        "rating": int(m.rating10[i, last]) / 10 if last is not None else 0,
        "comments": int(m.comments[i, last]) if last is not None else 0,
        "days_in_stock": in_stock,
        "days_with_sales": int((sales > 0).sum()),
        "lost_profit": round(mean * final * ((b - a) - in_stock)),
        "subject_id": int(m.subject_id[i]),
        "category": m.path[i],
        "sku_first_date": day_date(m.start_day).isoformat(),
        "graph": sales.tolist(),
        "stocks_graph": bal.tolist(),
        "price_graph": price.tolist(),
        "turnover_days": round(float(bal[-1]) / mean, 1) if last is not None and mean else 0,
        "url": SITES[m.mp[i]].format(int(m.item_id[i])),
    }


def _passes(row: dict, model: dict) -> bool:
    for col, f in (model or {}).items():
        v, kind = row.get(col), f.get("type", "equals")
        if f.get("filterType", "number") == "text":
            text, want = str(v or "").lower(), str(f.get("filter", "")).lower()
            if not (want in text if kind == "contains" else text == want):
                return False
            continue
        lo, hi = f.get("filter"), f.get("filterTo")
        if kind not in ("equals", "greaterThan", "lessThan", "inRange") or lo is None:
            raise BadRequest(f"Неверный фильтр {col}: {kind}")
        if v is None:
            return False
        hi = hi if hi is not None else lo
        ok = {"equals": v == lo, "greaterThan": v > lo, "lessThan": v < lo, "inRange": lo <= v <= hi}
        if not ok[kind]:
            return False
    return True


def _categories(srv: SandboxServer, mp: str, q: dict, body: dict) -> object:
    m = srv.world.mpstats
    paths = sorted({p for p, x in zip(m.path, m.mp, strict=True) if x == mp})
    paths = sorted({p.split("/")[0] for p in paths} | set(paths))
    return [
        {"url": f"/catalog/{zlib.crc32(p.encode()) % 10**6}", "name": p.split("/")[-1], "path": p}
        for p in paths
    ]


def _category(srv: SandboxServer, mp: str, q: dict, body: dict) -> object:
    path = q.get("path")
    if not path:
        raise BadRequest("Не указан параметр path")
    _, _, a, b = _period(srv, q)
    m = srv.world.mpstats
    rows = [
        _item_row(srv, i, a, b)
        for i in range(len(m.mp))
        if m.mp[i] == mp and (m.path[i] == path or m.path[i].startswith(path + "/"))
    ]
    rows = [r for r in rows if _passes(r, body.get("filterModel") or {})]
    rows.sort(key=lambda r: r["id"])
    for s in reversed(body.get("sortModel") or [{"colId": "revenue", "sort": "desc"}]):
        rows.sort(key=lambda r, c=s["colId"]: (r.get(c) is None, r.get(c)), reverse=s.get("sort") == "desc")
    start = max(int(body.get("startRow", 0)), 0)
    end = min(int(body.get("endRow", start + 100)), start + MAX_ROWS)
    model = {k: body.get(k) for k in ("startRow", "endRow", "filterModel", "sortModel")}
    return {**model, "total": len(rows), "data": rows[start:end]}


def _item_sales(srv: SandboxServer, mp: str, q: dict, body: dict, item: int) -> object:
    m = srv.world.mpstats
    d1, d2, _, _ = _period(srv, q)
    hits = [i for i in np.flatnonzero(m.item_id == item).tolist() if m.mp[i] == mp]
    n = served_days(m.start_day, m.days, msk_seconds(srv.now()))
    out = []
    for k in range((d2 - d1).days + 1):
        day = d1 + timedelta(days=k)
        d = day_number(day) - m.start_day
        if not hits or not 0 <= d < n:
            out.append(dict.fromkeys(("balance", "sales", "rating", "price", "final_price", "comments"), 0))
            out[-1].update(no_data=1, data=day.isoformat(), is_bestseller=False)
            continue
        i = hits[0]
        out.append(
            {
                "no_data": 0,
                "data": day.isoformat(),
                "balance": int(m.balance[i, d]),
                "sales": int(m.sales[i, d]),
                "rating": int(m.rating10[i, d]) / 10,
                "price": int(m.basic_price[i, d]),
                "final_price": int(m.price[i, d]),
                "is_bestseller": bool(m.sales[i, d] >= 20),
                "comments": int(m.comments[i, d]),
            }
        )
    return out


def mpstats_mount(srv: SandboxServer) -> Mount:
    """The MPStats mount (/mpstats/api/…)."""

    def endpoint(handler, mp: str, heavy: bool = False):
        async def run(request: Request) -> Response:
            now, q = srv.now(), dict(request.query_params)
            try:
                raw = await request.body()
                body = (orjson.loads(raw) if raw else {}) if request.method == "POST" else {}
                if not isinstance(body, dict):
                    raise BadRequest("Тело запроса должно быть объектом JSON")
                refusal = gate(srv.mpstats, request, now)
                if refusal is not None:
                    return refusal
                args = [int(request.path_params["item"])] if "item" in request.path_params else []
                data = handler(srv, mp, q, body, *args)
                key = (request.url.path, q.get("path"), q.get("d1"), q.get("d2"))
                wait = not_ready(srv.mpstats, key) if heavy else None
                if wait is not None:
                    return wait
            except (BadRequest, ValueError, TypeError) as exc:
                return reply({"message": str(exc) or "Неверный запрос"}, 400)
            spend(srv.mpstats)
            return reply(data)

        return run

    async def limit(request: Request) -> Response:  # readable even when the quota is spent
        token = request.headers.get("x-mpstats-token") or request.query_params.get("auth-token", "")
        if token != srv.mpstats.token:
            return reply({"message": "Неверный токен авторизации"}, 401)
        return reply(srv.mpstats.limit(srv.now()))

    routes = [Route("/api/user/report_api_limit", limit, methods=["GET"])]
    for mp in ("wb", "oz"):
        routes += [
            Route(f"/api/{mp}/get/categories", endpoint(_categories, mp), methods=["GET"]),
            Route(f"/api/{mp}/get/category", endpoint(_category, mp, heavy=True), methods=["POST"]),
            Route(f"/api/{mp}/get/item/{{item:int}}/sales", endpoint(_item_sales, mp), methods=["GET"]),
        ]
    return Mount("/mpstats", routes=routes)
