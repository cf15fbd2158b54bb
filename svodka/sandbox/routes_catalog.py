"""content-api cards/list (cursor paging) and discounts-prices-api list/goods/filter (offset paging)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from svodka.sandbox.clock import MSK_OFFSET_S
from svodka.sandbox.http import Call, Reply

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

_TS = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$")


def utc_micro_text(us: int) -> str:
    """Content-api timestamps: UTC, trailing zeros of the fraction trimmed ("…00.96577Z")."""
    sec, micro = divmod(int(us), 1_000_000)
    base = datetime.fromtimestamp(sec, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    frac = f"{micro:06d}".rstrip("0")
    return base + ("." + frac if frac else "") + "Z"


def parse_utc_micro(text: str) -> int | None:
    """Inverse of `utc_micro_text` (any RFC 3339 offset accepted)."""
    m = _TS.match(text)
    if not m:
        return None
    base = datetime.fromisoformat(m.group(1) + (m.group(3).replace("Z", "+00:00")))
    return int(base.timestamp()) * 1_000_000 + int((m.group(2) or "0")[:6].ljust(6, "0"))


def _content_error(text: str, status: int = 400) -> Reply:
    return Reply.json({"data": None, "error": True, "errorText": text, "additionalErrors": None}, status)


def make_handlers(srv: SandboxServer) -> dict[str, object]:
    """Handlers keyed by method name."""
    world = srv.world
    cat = world.catalog
    bars_of: dict[int, list[int]] = {}
    for b, c in enumerate(cat.bar_card.tolist()):
        bars_of.setdefault(c, []).append(b)
    # Microsecond parts make updatedAt unique per card and edit, as on WB.
    micro = (cat.card_nm * 7919) % 1_000_000

    def stamp_us(moscow_s: np.ndarray, cards: np.ndarray | int | None = None) -> np.ndarray:
        """UTC microseconds of Moscow seconds (all cards, or the given card indices)."""
        frac = micro if cards is None else micro[cards]
        return (np.asarray(moscow_s, dtype=np.int64) - MSK_OFFSET_S) * 1_000_000 + frac

    def card_json(c: int, updated_us: int, title: str) -> dict[str, Any]:
        nm = int(cat.card_nm[c])
        subj = cat.card_subject[c]
        length, width, height = (int(x) for x in cat.card_dims[c])
        photos = []
        if cat.card_photo[c]:
            basket = (
                f"https://basket-{nm % 30 + 1:02d}.wbbasket.ru/vol{nm // 100000}/part{nm // 1000}/{nm}/images"
            )
            photos = [
                {k: f"{basket}/{k}/{i}.webp" for k in ("big", "c246x328", "c516x688", "square", "tm")}
                for i in (1, 2, 3)
            ]
        return {
            "nmID": nm,
            "imtID": int(cat.card_imt[c]),
            "nmUUID": cat.card_uuid[c],
            "subjectID": subj.subject_id,
            "subjectName": subj.name,
            "vendorCode": cat.card_vendor[c],
            "brand": cat.card_brand[c],
            "title": title,
            "description": f"{title}. Бренд {cat.card_brand[c]}. Цвет: {cat.card_color[c]}.",
            "needKiz": False,
            "photos": photos,
            "wholesale": {"enabled": False, "quantum": 0},
            "dimensions": {
                "length": length,
                "width": width,
                "height": height,
                "weightBrutto": float(cat.card_weight[c]),
                "isValid": True,
            },
            "characteristics": [
                {"id": 14177449, "name": "Цвет", "value": [cat.card_color[c]]},
                {"id": 14177451, "name": "Страна производства", "value": ["Россия"]},
            ],
            "sizes": [
                {
                    "chrtID": int(cat.bar_chrt[b]),
                    "techSize": cat.bar_tech[b],
                    "wbSize": cat.bar_wbsize[b],
                    "skus": [cat.bar_code[b]],
                }
                for b in bars_of[c]
            ],
            "tags": [],
            "createdAt": utc_micro_text(int(stamp_us(cat.card_created[c], c))),
            "updatedAt": utc_micro_text(updated_us),
        }

    def cards_list(call: Call) -> Reply:
        try:
            body = call.json()
        except orjson.JSONDecodeError:
            return Reply(400, b"Request body can not be decoded", "text/plain")
        settings = (body or {}).get("settings") if isinstance(body, dict) else None
        if not isinstance(settings, dict):
            return _content_error("Invalid request body: settings is required")
        cursor = settings.get("cursor") or {}
        flt = settings.get("filter") or {}
        asc = bool((settings.get("sort") or {}).get("ascending", False))
        limit = cursor.get("limit")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
            return _content_error("Invalid request body: cursor.limit must be from 1 to 100")
        upd = stamp_us(world.card_updated_at(call.now_s))
        keep = world.card_visible(call.now_s).copy()
        with_photo = flt.get("withPhoto", 0)
        if with_photo in (0, 1):
            keep &= cat.card_photo == bool(with_photo)
        if flt.get("objectIDs"):
            keep &= np.isin([s.subject_id for s in cat.card_subject], flt["objectIDs"])
        if flt.get("brands"):
            keep &= np.isin(cat.card_brand, flt["brands"])
        if flt.get("imtID"):
            keep &= cat.card_imt == flt["imtID"]
        if flt.get("tagIDs"):
            keep &= False  # the seller uses no labels
        text = str(flt.get("textSearch") or "").strip()
        if text:
            hit = [
                text.lower() in cat.card_vendor[c].lower()
                or text == str(int(cat.card_nm[c]))
                or any(text == cat.bar_code[b] for b in bars_of[c])
                for c in range(cat.n_cards)
            ]
            keep &= np.array(hit)
        idx = np.nonzero(keep)[0]
        nm = cat.card_nm[idx]
        order = np.lexsort((nm, upd[idx]))
        idx = idx[order] if asc else idx[order[::-1]]
        cur_upd, cur_nm = cursor.get("updatedAt"), cursor.get("nmID")
        if cur_upd and cur_nm:
            us = parse_utc_micro(str(cur_upd))
            if us is None:
                return _content_error("Invalid request body: cursor.updatedAt")
            key_u, key_n = upd[idx], cat.card_nm[idx]
            after = (
                (key_u > us) | ((key_u == us) & (key_n > cur_nm))
                if asc
                else ((key_u < us) | ((key_u == us) & (key_n < cur_nm)))
            )
            idx = idx[after]
        idx = idx[:limit]
        titles = world.card_titles(call.now_s)  # renames show once they happened
        cards = [card_json(int(c), int(upd[c]), titles[c]) for c in idx.tolist()]
        if cards:
            out_cursor = {"updatedAt": cards[-1]["updatedAt"], "nmID": cards[-1]["nmID"], "total": len(cards)}
        else:
            out_cursor = {"updatedAt": cur_upd or "", "nmID": cur_nm or 0, "total": 0}
        return Reply.json({"cards": cards, "cursor": out_cursor})

    def goods_filter(call: Call) -> Reply:
        bad = Reply.json({"data": None, "error": True, "errorText": "Invalid request parameters"}, 400)
        try:
            limit = int(call.query["limit"])
            offset = int(call.query.get("offset", "0") or "0")
            nm_filter = int(call.query["filterNmID"]) if call.query.get("filterNmID") else None
        except (KeyError, ValueError):
            return bad
        if not 1 <= limit <= 1000 or offset < 0:
            return bad
        d = world.price_day(call.now_s)
        idx = np.nonzero(world.card_visible(call.now_s))[0]
        idx = idx[np.argsort(cat.card_nm[idx], kind="stable")]
        if nm_filter is not None:
            idx = idx[cat.card_nm[idx] == nm_filter]
        goods = []
        for c in idx[offset : offset + limit].tolist():
            price = int(world.prices.price_rub[c, d])
            disc = int(world.prices.discount[c, d])
            discounted = price * (100 - disc) / 100
            goods.append(
                {
                    "nmID": int(cat.card_nm[c]),
                    "vendorCode": cat.card_vendor[c],
                    "sizes": [
                        {
                            "sizeID": int(cat.bar_chrt[b]),
                            "price": price,
                            "discountedPrice": discounted,
                            "clubDiscountedPrice": discounted,
                            "techSizeName": cat.bar_tech[b],
                        }
                        for b in bars_of[c]
                    ],
                    "currencyIsoCode4217": "RUB",
                    "discount": disc,
                    "clubDiscount": 0,
                    "editableSizePrice": False,
                }
            )
        return Reply.json({"data": {"listGoods": goods}, "error": False, "errorText": ""})

    return {"cards_list": cards_list, "goods_filter": goods_filter}
