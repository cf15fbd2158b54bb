"""WB advert-api: campaign lists, campaign settings, full statistics and the spend history.

GET /adv/v1/promotion/count, GET /api/advert/v2/adverts, GET /adv/v3/fullstats and
GET /adv/v1/upd (promotion.json, 2026-08; field shapes from the complete 2025-12 copy).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from svodka.sandbox.ads import limits as _limits  # noqa: F401  (registers the advert buckets)
from svodka.sandbox.ads.model import COMPLETED, DECLINED, DELETED, NOT_CREATED, Campaigns
from svodka.sandbox.ads.wb_stats import fullstats_items, upd_rows
from svodka.sandbox.clock import day_number, from_msk_seconds
from svodka.sandbox.http import Call, Reply, request_id

if TYPE_CHECKING:
    from starlette.routing import Route

    from svodka.sandbox.server import SandboxServer

ORIGIN = "camp-api-public-cache"
STATUSES = (-1, 4, 7, 8, 9, 11)
NOT_DELETED = "2100-01-01T00:00:00+03:00"  # WB's "deleted" of a campaign that is not deleted
MAX_IDS = 50
MAX_DAYS = 31


def msk_text(sec: int, salt: int) -> str:
    """WB's campaign timestamps: Moscow time with microseconds, e.g. "2023-05-10T12:12:52.676254+03:00"."""
    micro = (salt * 7919 + sec * 31) % 999_999 + 1
    return from_msk_seconds(sec).replace(microsecond=micro).isoformat()


def bad_request(detail: str, **extra: Any) -> Reply:
    """400 in advert-api's shape ({title, detail, origin, request_id, status})."""
    body = {"title": "invalid payload", "detail": detail, "origin": ORIGIN, "request_id": request_id(detail)}
    body.update(extra)
    body["status"] = 400
    return Reply.json(body, 400)


def _int_list(raw: str | None) -> list[int] | None:
    """Comma-separated integers (None when malformed)."""
    try:
        return [int(x) for x in (raw or "").split(",") if x.strip()]
    except ValueError:
        return None


def parse_period(call: Call, lo: str, hi: str) -> tuple[int, int] | str:
    """(first day, last day) from two YYYY-MM-DD parameters, or the name of the bad one."""
    days = []
    for name in (lo, hi):
        try:
            days.append(day_number(date.fromisoformat(call.query.get(name, ""))))
        except ValueError:
            return name
    return days[0], days[1]


def make_handlers(srv: SandboxServer) -> dict[str, Callable[[Call], Reply]]:
    """Handlers keyed by method name."""
    ads = srv.world.ads
    camps: Campaigns = ads.wb

    def count(call: Call) -> Reply:
        status = camps.status_at(call.now_s)
        changed = camps.changed_at(call.now_s)
        groups = []
        for st in sorted(set(status[status != NOT_CREATED].tolist())):
            idx = np.nonzero(status == st)[0].tolist()
            entries = [
                {"advertId": int(camps.ids[i]), "changeTime": msk_text(int(changed[i]), int(camps.ids[i]))}
                for i in idx
            ]
            groups.append({"type": 9, "status": st, "count": len(entries), "advert_list": entries})
        return Reply.json({"adverts": groups or None, "all": sum(g["count"] for g in groups)})

    def adverts(call: Call) -> Reply:
        ids = _int_list(call.query.get("ids"))
        if ids is None:
            return bad_request("invalid ids value")
        if len(ids) > MAX_IDS:
            return bad_request(f"too many ids: maximum {MAX_IDS}")
        statuses = _int_list(call.query.get("statuses"))
        if statuses is None or not set(statuses) <= set(STATUSES):
            return bad_request("invalid statuses value")
        payment = call.query.get("payment_type")
        if payment not in (None, "cpm", "cpc"):
            return bad_request("invalid payment_type value")
        status = camps.status_at(call.now_s)
        keep = status != NOT_CREATED
        if ids:
            keep &= np.isin(camps.ids, ids)
        if statuses:
            keep &= np.isin(status, statuses)
        if payment:
            keep &= np.array([p == payment for p in camps.payment], bool)
        times = (camps.changed_at(call.now_s), camps.started_at(call.now_s), camps.deleted_at(call.now_s))
        return Reply.json({"adverts": [_advert(i, int(status[i]), *times) for i in np.nonzero(keep)[0]]})

    def _advert(i: int, status: int, changed: np.ndarray, started: np.ndarray, deleted: np.ndarray) -> dict:
        cid = int(camps.ids[i])
        unified = bool(camps.unified[i])
        recommendations = unified or cid % 3 == 0  # manual campaigns: search, sometimes recommendations
        bid = int(camps.bid_kop[i])
        cat = srv.world.catalog
        return {
            "bid_type": "unified" if unified else "manual",
            "currency": "RUB",
            "id": cid,
            "nm_settings": [
                {
                    "bids_kopecks": {"recommendations": bid if recommendations else 0, "search": bid},
                    "nm_id": int(cat.card_nm[c]),
                    "subject": {"id": cat.card_subject[c].subject_id, "name": cat.card_subject[c].name},
                }
                for c in camps.items[i].tolist()
            ],
            "restrictions": {"can_change_nms": status not in (COMPLETED, DECLINED, DELETED)},
            "settings": {
                "name": camps.names[i],
                "payment_type": camps.payment[i],
                "placements": {"recommendations": recommendations, "search": True},
            },
            "status": status,
            "timestamps": {
                "created": msk_text(int(camps.ev_t[i][0]), cid),
                "updated": msk_text(int(changed[i]), cid),
                "started": msk_text(int(started[i]), cid) if started[i] >= 0 else None,
                "deleted": msk_text(int(deleted[i]), cid) if deleted[i] >= 0 else NOT_DELETED,
            },
        }

    def fullstats(call: Call) -> Reply:
        ids = _int_list(call.query.get("ids"))
        if not ids:
            return bad_request("invalid ids")
        if len(ids) > MAX_IDS:
            return bad_request(f"invalid ids: maximum {MAX_IDS} campaigns")
        period = parse_period(call, "beginDate", "endDate")
        if isinstance(period, str):
            return bad_request(f"invalid {period}", errors=[{"field": period, "detail": "invalid date"}])
        d0, d1 = period
        if d1 < d0:
            return bad_request(
                "endDate is before beginDate",
                errors=[{"field": "endDate", "detail": "must not precede beginDate"}],
            )
        if d1 - d0 + 1 > MAX_DAYS:
            detail = f"the maximum period is {MAX_DAYS} days"
            return bad_request(detail, errors=[{"field": "endDate", "detail": detail}])
        reshape = srv.faults.reshape_record if srv.faults.reshapes else None
        return Reply.json(fullstats_items(ads, list(dict.fromkeys(ids)), d0, d1, call.now_s, reshape))

    def upd(call: Call) -> Reply:
        period = parse_period(call, "from", "to")
        if isinstance(period, str):
            text = "Некорректная дата начала" if period == "from" else "Некорректная дата конца"
            return Reply(400, text.encode(), "text/plain; charset=utf-8")
        d0, d1 = period
        if d1 < d0 or d1 - d0 + 1 > MAX_DAYS:
            return Reply(400, "Некорректный период: от 1 до 31 дня".encode(), "text/plain; charset=utf-8")
        return Reply.json(upd_rows(ads, d0, d1, call.now_s))

    return {"count": count, "adverts": adverts, "fullstats": fullstats, "upd": upd}


def wb_routes(srv: SandboxServer, route: Callable[..., Route]) -> list[Route]:
    """The advert-api routes, built with the server's `route(family, path, bucket, handler, …)`."""
    h = make_handlers(srv)
    fam = "advert-api"
    return [
        route(fam, "/adv/v1/promotion/count", "advert.promotion_count", h["count"], record_path="adverts"),
        route(fam, "/api/advert/v2/adverts", "advert.adverts", h["adverts"], record_path="adverts"),
        route(fam, "/adv/v3/fullstats", "advert.fullstats", h["fullstats"]),
        route(fam, "/adv/v1/upd", "advert.upd", h["upd"]),
    ]
