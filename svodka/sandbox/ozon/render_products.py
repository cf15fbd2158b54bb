"""JSON records of Ozon products: product info, prices, stocks, analytics stock rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from svodka.sandbox.clock import DAY_S
from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon import fmt

if TYPE_CHECKING:
    from svodka.sandbox.world import World

MODERATED_AFTER_S = 2 * 3600  # a new product's info is updated once moderation approves it


def ozon_name(title: str, brand: str, tech_size: str, multi_size: bool) -> str:
    """The product name on Ozon, from the WB title of the same moment: "<title>, <brand>", plus
    ", размер <size>" for a card with several sizes."""
    name = f"{title}, {brand}"
    return f"{name}, размер {tech_size}" if multi_size else name


class ProductRenderer:
    """Renders product-level records of one world."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.o = world.ozon
        cat = world.catalog
        self.ls = self.o.listing
        self.card = self.o.card
        self.multi = np.bincount(cat.bar_card, minlength=cat.n_cards)[self.card] > 1
        self.whs = self.o.warehouses

    def stock(self, now_s: int) -> tuple[np.ndarray, np.ndarray]:
        """(free, reserved) units per (product, FBO warehouses + FBS) at 00:00 of the clock's date."""
        d = self.o.snapshot_day(now_s)
        if d is None:
            z = np.zeros(self.o.sim.stock.shape[1:], dtype=np.int64)
            return z, z
        return self.o.sim.stock[d].astype(np.int64), self.o.reserved(d)

    def names(self, now_s: int) -> list[str]:
        """Ozon names of all products as of `now_s` (renames included)."""
        cat = self.world.catalog
        titles = self.world.card_titles(now_s)
        return [
            ozon_name(titles[c], cat.card_brand[c], cat.bar_tech[b], bool(m))
            for b, c, m in zip(self.ls.bar.tolist(), self.card.tolist(), self.multi.tolist(), strict=True)
        ]

    def updated_us(self, now_s: int) -> np.ndarray:
        """updated_at (UTC microseconds) of all products: moderation after creation, then renames."""
        upd = self.ls.created + MODERATED_AFTER_S
        if self.world.renames is not None:
            upd = np.maximum(upd, self.world.renames.last_at(self.world.catalog.n_cards, now_s)[self.card])
        return fmt.utc_us(upd, self.ls.product_id % 1_000_000)

    def _money(self, i: int, now_s: int) -> dict[str, int]:
        d = self.o.price_day(now_s)
        c = int(self.card[i])
        price = int(self.o.prices.price_kop(c, d))
        return {"old": int(self.o.prices.old_rub[c, d]) * 100, "price": price, "min": price * 9 // 1000 * 100}

    def info_items(self, idx: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Items of /v3/product/info/list."""
        cat = self.world.catalog
        names = self.names(now_s)
        upd = self.updated_us(now_s)
        free, reserved = self.stock(now_s)
        out = []
        for i in idx.tolist():
            c, sku = int(self.card[i]), int(self.ls.sku[i])
            m = self._money(i, now_s)
            subj = cat.card_subject[c]
            comm = D.COMMISSION_PCT10[cat.categories[cat.card_cat[c]].code]
            images = [f"https://cdn1.ozone.ru/s3/multimedia-1-{k}/{sku}{k}.jpg" for k in "abc"]
            created = fmt.ts(int(fmt.utc_us(self.ls.created[i], self.ls.product_id[i] % 1_000_000)))
            stocks = [
                {
                    "present": int(free[i, :-1].sum() + reserved[i, :-1].sum()),
                    "reserved": int(reserved[i, :-1].sum()),
                    "sku": sku,
                    "source": "fbo",
                },
                {
                    "present": int(free[i, -1] + reserved[i, -1]),
                    "reserved": int(reserved[i, -1]),
                    "sku": sku,
                    "source": "fbs",
                },
            ]
            out.append(
                {
                    "availabilities": [
                        {"availability": "AVAILABLE", "reasons": [], "sku": sku, "source": "sds"}
                    ],
                    "barcodes": [self.ls.barcode_listed[i]] if self.ls.barcode_listed[i] else [],
                    "color_image": [],
                    "commissions": [
                        {
                            "delivery_amount": 0,
                            "percent": comm / 10,
                            "return_amount": 0,
                            "sale_schema": "FBO",
                            "value": fmt.number(m["price"] * comm // 1000),
                        },
                        {
                            "delivery_amount": 0,
                            "percent": (comm + D.FBS_EXTRA_PCT10) / 10,
                            "return_amount": 0,
                            "sale_schema": "FBS",
                            "value": fmt.number(m["price"] * (comm + D.FBS_EXTRA_PCT10) // 1000),
                        },
                    ],
                    "created_at": created,
                    "currency_code": "RUB",
                    "description_category_id": 17_027_000 + subj.subject_id,
                    "discounted_fbo_stocks": 0,
                    "errors": [],
                    "has_discounted_fbo_item": False,
                    "id": int(self.ls.product_id[i]),
                    "images": images,
                    "images360": [],
                    "is_archived": False,
                    "is_autoarchived": False,
                    "is_discounted": False,
                    "is_kgt": False,
                    "is_prepayment_allowed": True,
                    "is_super": False,
                    "min_price": fmt.money(m["min"]),
                    "model_info": {"count": 1, "model_id": int(self.ls.product_id[i]) + 7},
                    "name": names[i],
                    "offer_id": self.ls.offer_id[i],
                    "old_price": fmt.money(m["old"]),
                    "price": fmt.money(m["price"]),
                    "price_indexes": {
                        "color_index": "COLOR_INDEX_WITHOUT_INDEX",
                        "external_index_data": {
                            "minimal_price": "",
                            "minimal_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                        "ozon_index_data": {
                            "minimal_price": "",
                            "minimal_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                        "self_marketplaces_index_data": {
                            "minimal_price": "",
                            "minimal_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                    },
                    "primary_image": images[:1],
                    "promotions": [],
                    "sku": sku,
                    "sources": [
                        {
                            "created_at": created,
                            "quant_code": "",
                            "shipment_type": "SHIPMENT_TYPE_GENERAL",
                            "sku": sku,
                            "source": "sds",
                        }
                    ],
                    "statuses": {
                        "is_created": True,
                        "moderate_status": "approved",
                        "status": "price_sent",
                        "status_description": "",
                        "status_failed": "",
                        "status_name": "Продается",
                        "status_tooltip": "",
                        "status_updated_at": fmt.ts(int(fmt.utc_us(self.ls.created[i] + MODERATED_AFTER_S))),
                        "validation_status": "success",
                    },
                    "stocks": {"has_stock": bool(free[i].sum() > 0), "stocks": stocks},
                    "type_id": 90_000 + subj.subject_id * 3,
                    "updated_at": fmt.ts(int(upd[i])),
                    "vat": "0",
                    "visibility_details": {"has_price": True, "has_stock": bool(free[i].sum() > 0)},
                    "volume_weight": round(float(cat.card_volume[c]) / 5, 3),
                }
            )
        return out

    def price_items(self, idx: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Items of /v5/product/info/prices (prices of the clock's day)."""
        cat = self.world.catalog
        d = self.o.price_day(now_s)
        day_start = (self.o.start_day + d) * DAY_S
        out = []
        for i in idx.tolist():
            c = int(self.card[i])
            m = self._money(i, now_s)
            comm = D.COMMISSION_PCT10[cat.categories[cat.card_cat[c]].code]
            vol = float(cat.card_volume[c])
            log = round(D.LOGISTICS_KOP_FIRST_L + D.LOGISTICS_KOP_EXTRA_L * max(vol - 1, 0))
            mile = min(max(m["price"] * D.LAST_MILE_PCT10 // 1000, D.LAST_MILE_MIN_KOP), D.LAST_MILE_MAX_KOP)
            promo = self.o.prices.lift[c, d] > 1.0
            period = {
                "current_period_from": fmt.ts(int(fmt.utc_us(day_start)), 0),
                "current_period_to": fmt.ts(int(fmt.utc_us(day_start + DAY_S - 1)), 0),
            }
            actions = []
            if promo:
                actions = [
                    {
                        "title": "Акция продавца",
                        "value": int(self.o.prices.discount[c, d]),
                        "date_from": period["current_period_from"],
                        "date_to": period["current_period_to"],
                    }
                ]
            out.append(
                {
                    "acquiring": 1.9,
                    "commissions": {
                        "fbo_deliv_to_customer_amount": fmt.number(mile),
                        "fbo_direct_flow_trans_max_amount": fmt.number(round(log * 1.3)),
                        "fbo_direct_flow_trans_min_amount": fmt.number(log),
                        "fbo_return_flow_amount": fmt.number(log),
                        "fbs_deliv_to_customer_amount": fmt.number(mile),
                        "fbs_direct_flow_trans_max_amount": fmt.number(round(log * 1.3)),
                        "fbs_direct_flow_trans_min_amount": fmt.number(log),
                        "fbs_first_mile_max_amount": fmt.number(D.DROPOFF_KOP),
                        "fbs_first_mile_min_amount": fmt.number(D.DROPOFF_KOP),
                        "fbs_return_flow_amount": fmt.number(log),
                        "sales_percent_fbo": comm / 10,
                        "sales_percent_fbp": comm / 10,
                        "sales_percent_fbs": (comm + D.FBS_EXTRA_PCT10) / 10,
                        "sales_percent_rfbs": (comm + D.FBS_EXTRA_PCT10) / 10,
                    },
                    "marketing_actions": {"actions": actions, **period, "ozon_actions_exist": False},
                    "offer_id": self.ls.offer_id[i],
                    "price": {
                        "auto_action_enabled": False,
                        "auto_add_to_ozon_actions_list_enabled": False,
                        "currency_code": "RUB",
                        "marketing_seller_price": fmt.number(m["price"]),
                        "min_price": fmt.number(m["min"]),
                        "net_price": 0,
                        "old_price": fmt.number(m["old"]),
                        "price": fmt.number(m["price"]),
                        "retail_price": 0,
                        "vat": 0,
                    },
                    "price_indexes": {
                        "color_index": "WITHOUT_INDEX",
                        "external_index_data": {
                            "min_price": 0,
                            "min_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                        "ozon_index_data": {
                            "min_price": 0,
                            "min_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                        "self_marketplaces_index_data": {
                            "min_price": 0,
                            "min_price_currency": "RUB",
                            "price_index_value": 0,
                        },
                    },
                    "product_id": int(self.ls.product_id[i]),
                    "volume_weight": round(vol / 5, 3),
                }
            )
        return out
