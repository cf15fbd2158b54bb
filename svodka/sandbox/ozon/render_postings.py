"""JSON records of postings (FBO v3, FBS v4) and returns, as of a clock value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon import fmt
from svodka.sandbox.ozon.render_products import ProductRenderer
from svodka.sandbox.ozon.world import RETURN_TYPES, STATUSES

if TYPE_CHECKING:
    from svodka.sandbox.world import World

SUBSTATUS = (
    "posting_created",
    "posting_transferring_to_delivery",
    "posting_on_way_to_pickup_point",
    "",
    "posting_canceled",
)
# Return statuses (visual.status) before and after the goods are back: FBO goes to Ozon, FBS to the seller.
VISUAL = {
    False: ((30, "Едет на склад Ozon", "MovingToOzon"), (31, "На складе Ozon", "ReturnedToOzon")),
    True: (
        (16, "Возврат на пути к продавцу", "MovingToSeller"),
        (15, "Продавец получил возврат", "ReceivedBySeller"),
    ),
}


def _money_obj(text: str) -> dict[str, str]:
    return {"amount": text, "currency": "RUB"}


class PostingRenderer:
    """Renders postings and returns of one world."""

    def __init__(self, world: World, client_id: int) -> None:
        self.o = world.ozon
        self.products = ProductRenderer(world)
        self.p = self.o.sim.postings
        self.micro = (np.arange(self.o.n_postings, dtype=np.int64) * 7_919 + 13) % 1_000_000
        self.client_id = client_id  # returns' company_id

    def times(self, name: str, idx: np.ndarray) -> np.ndarray:
        """UTC microseconds of a posting time column (a per-posting fraction makes them unique)."""
        return fmt.utc_us(self.p[name][idx], self.micro[idx])

    def _common(self, i: int, num: str, oid: int, st: int, name: str) -> dict[str, Any]:
        p, ls = self.p, self.o.listing
        prod = int(p["prod"][i])
        cancelled = st == 4
        # Delivered: received at a pickup point or postamat, or handed over by a courier.
        sub = SUBSTATUS[st] or ("posting_received" if p["dlv"][i] != 1 else "posting_delivered")
        reason = D.CANCEL_REASONS[int(p["reason"][i]) % len(D.CANCEL_REASONS)]
        if p["outcome"][i] == lifecycle.REFUSED:
            reason = (500, "Покупатель отказался от товара", "Клиент", "client")
        return {
            "posting_number": num,
            "order_id": oid,
            "order_number": num[:-2],
            "status": STATUSES[st],
            "substatus": sub,
            "prod": prod,
            "sku": int(ls.sku[prod]),
            "name": name,
            "offer_id": ls.offer_id[prod],
            "cancel": reason if cancelled else None,
        }

    def fbo(self, idx: np.ndarray, now_s: int, with_: dict[str, bool]) -> list[dict[str, Any]]:
        """Postings of /v3/posting/fbo/list."""
        p = self.p
        nums = self.o.posting_numbers(idx)
        oids = self.o.order_ids(idx).tolist()
        st = self.o.status(idx, now_s).tolist()
        created, proc = self.times("t0", idx).tolist(), self.times("t_proc", idx).tolist()
        names = self.products.names(now_s)
        whs = self.o.warehouses
        out = []
        for k, i in enumerate(idx.tolist()):
            c = self._common(i, nums[k], oids[k], st[k], names[p["prod"][i]])
            w = whs[int(p["wh"][i])]
            q = int(p["qty"][i])
            rec = {
                "additional_data": [],
                "analytics_data": None,
                "cancel_reason_id": c["cancel"][0] if c["cancel"] else 0,
                "cancellation": None,
                "created_at": fmt.ts(created[k]),
                "external_order": {"is_external": False, "platform_name": ""},
                "financial_data": None,
                "in_process_at": fmt.ts(proc[k]),
                "legal_info": None,
                "order_id": c["order_id"],
                "order_number": c["order_number"],
                "posting_number": c["posting_number"],
                "products": [
                    {
                        "digital_codes": [],
                        "is_marketplace_buyout": False,
                        "name": c["name"],
                        "offer_id": c["offer_id"],
                        "price": {"amount": fmt.money_short(int(p["price"][i])), "currency": "RUB"},
                        "quantity": q,
                        "sku": c["sku"],
                    }
                ],
                "status": c["status"],
                "substatus": c["substatus"],
            }
            if c["cancel"]:
                rec["cancellation"] = {
                    "cancel_reason": c["cancel"][1],
                    "cancellation_initiator": c["cancel"][2],
                    "cancellation_type": c["cancel"][3],
                }
            if with_.get("analytics_data"):
                rec["analytics_data"] = {
                    "city": D.CITIES[int(p["city"][i])],
                    "client_delivery_date_begin": None,
                    "client_delivery_date_end": None,
                    "delivery_type": D.DELIVERY_TYPES[int(p["dlv"][i])],
                    "is_legal": False,
                    "is_premium": bool(i % 5 == 0),
                    "payment_type_group_name": D.PAYMENT_TYPES[int(p["pay"][i])],
                    "warehouse_id": w.warehouse_id,
                    "warehouse_name": w.name,
                }
            if with_.get("financial_data"):
                rec["financial_data"] = self._financial(i, q, w, fbs=False)
            out.append(rec)
        return out

    def _financial(self, i: int, q: int, w: D.OzonWarehouse, fbs: bool) -> dict[str, Any]:
        p = self.p
        price, old, comm = int(p["price"][i]), int(p["old"][i]), int(p["comm"][i])
        line: dict[str, Any] = {
            "actions": ["Скидка продавца"] if old > price else [],
            "commission": {
                "amount": fmt.number(q * comm),
                "currency": "RUB",
                "percent": int(p["comm10"][i]) // 10,
            },
            "old_price": fmt.number(old),
            "payout": fmt.number(q * (price - comm)),
            "price": fmt.number(price),
            "product_id": int(self.o.listing.sku[int(p["prod"][i])]),
            "total_discount_percent": round((old - price) * 100 / old, 2) if old else 0,
            "total_discount_value": fmt.number(old - price),
        }
        if fbs:
            buyer = price * (100 - int(p["cdisc"][i])) // 100
            line["customer_price"] = {"amount": fmt.money(buyer), "currency": "RUB"}
            line["quantity"] = q
        city = D.CITIES[int(p["city"][i])]
        return {"cluster_from": w.city, "cluster_to": city, "products": [line]}

    def fbs(self, idx: np.ndarray, now_s: int, with_: dict[str, bool]) -> list[dict[str, Any]]:
        """Postings of /v4/posting/fbs/list."""
        p = self.p
        nums = self.o.posting_numbers(idx)
        oids = self.o.order_ids(idx).tolist()
        st = self.o.status(idx, now_s).tolist()
        names = self.products.names(now_s)
        w = D.FBS_WAREHOUSE
        method = {
            "id": 1020005000201874,
            "name": "Доставка Ozon самостоятельно, Москва",
            "tpl_provider": "Доставка Ozon",
            "tpl_provider_id": 24,
            "warehouse": w.name,
            "warehouse_id": w.warehouse_id,
        }
        ts = {n: self.times(n, idx).tolist() for n in ("t_proc", "t_pack", "t_ship")}
        out = []
        for k, i in enumerate(idx.tolist()):
            c = self._common(i, nums[k], oids[k], st[k], names[p["prod"][i]])
            q = int(p["qty"][i])
            shipped = now_s >= p["t_ship"][i] and not (c["cancel"] and p["outcome"][i] == lifecycle.CANCEL)
            deadline = int(p["t_proc"][i] + DAY_S)
            rec: dict[str, Any] = {
                "addressee": None,
                "analytics_data": None,
                "available_actions": {0: ["pack", "cancel"], 1: ["ship", "cancel"]}.get(st[k], []),
                "barcodes": None,
                "cancellation": {
                    "affect_cancellation_rating": False,
                    "cancel_reason": c["cancel"][1] if c["cancel"] else "",
                    "cancel_reason_id": c["cancel"][0] if c["cancel"] else 0,
                    "cancellation_initiator": c["cancel"][2] if c["cancel"] else "",
                    "cancellation_type": c["cancel"][3] if c["cancel"] else "",
                    "cancelled_after_ship": bool(c["cancel"] and p["outcome"][i] == lifecycle.REFUSED),
                },
                "customer": None,
                "delivering_date": fmt.ts(ts["t_ship"][k], 3) if shipped else None,
                "delivery_method": method,
                "external_order": {"is_external": False, "platform_name": ""},
                "financial_data": None,
                "in_process_at": fmt.ts(ts["t_proc"][k], 3),
                "is_express": False,
                "is_multibox": False,
                "legal_info": None,
                "multi_box_qty": 1,
                "order_id": c["order_id"],
                "order_number": c["order_number"],
                "parent_posting_number": "",
                "pickup_code_verified_at": None,
                "posting_number": c["posting_number"],
                "products": [
                    {
                        "imei": [],
                        "is_blr_traceable": False,
                        "is_marketplace_buyout": False,
                        "name": c["name"],
                        "offer_id": c["offer_id"],
                        "price": {"amount": fmt.money(int(p["price"][i])), "currency": "RUB"},
                        "quantity": q,
                        "sku": c["sku"],
                    }
                ],
                "shipment_date": fmt.ts(int(fmt.utc_us(deadline)), 3),
                "shipment_date_without_delay": fmt.ts(int(fmt.utc_us(deadline)), 3),
                "status": c["status"],
                "substatus": c["substatus"],
                "tpl_integration_type": "ozon",
                "tracking_number": "",
            }
            if with_.get("analytics_data"):
                rec["analytics_data"] = {
                    "city": D.CITIES[int(p["city"][i])],
                    "delivery_type": D.DELIVERY_TYPES[int(p["dlv"][i])],
                    "is_legal": False,
                    "is_premium": bool(i % 5 == 0),
                    "payment_type_group_name": D.PAYMENT_TYPES[int(p["pay"][i])],
                    "region": D.CITIES[int(p["city"][i])],
                    "tpl_provider": "Доставка Ozon",
                    "tpl_provider_id": 24,
                    "warehouse": w.name,
                    "warehouse_id": w.warehouse_id,
                }
            if with_.get("barcodes"):
                rec["barcodes"] = {"lower_barcode": f"{oids[k]:015d}", "upper_barcode": f"%{oids[k]}%"}
            if with_.get("financial_data"):
                rec["financial_data"] = self._financial(i, q, w, fbs=True)
            out.append(rec)
        return out

    def returns(self, rows: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Records of /v1/returns/list for positions in `world.ozon.returns`."""
        rt, p, ls = self.o.returns, self.p, self.o.listing
        post = rt.posting[rows]
        nums = self.o.posting_numbers(post)
        oids = self.o.order_ids(post).tolist()
        names = self.products.names(now_s)
        whs = self.o.warehouses
        out = []
        for k, (r, i) in enumerate(zip(rows.tolist(), post.tolist(), strict=True)):
            prod, q = int(p["prod"][i]), int(p["qty"][i])
            fbs = int(p["wh"][i]) == self.o.sim.n_fbo
            w = whs[int(p["wh"][i])]
            back = now_s >= rt.t_back[r]
            status = VISUAL[fbs][1 if back else 0]
            t_us = int(fmt.utc_us(rt.t[r], self.micro[i]))
            back_us = int(fmt.utc_us(rt.t_back[r]))
            price, comm = int(p["price"][i]), int(p["comm"][i])
            place = {"id": w.warehouse_id, "name": w.name, "address": f"Россия, {w.city}"}
            out.append(
                {
                    "id": int(rt.return_id[r]),
                    "company_id": self.client_id,
                    "return_reason_name": D.RETURN_REASONS[int(p["reason"][i]) % len(D.RETURN_REASONS)]
                    if rt.kind[r] == 2
                    else "Покупатель отказался от товара",
                    "type": RETURN_TYPES[int(rt.kind[r])],
                    "schema": "Fbs" if fbs else "Fbo",
                    "order_id": oids[k],
                    "order_number": nums[k][:-2],
                    "place": place,
                    "target_place": place,
                    "storage": {
                        "sum": {"currency_code": "RUB", "price": 0},
                        "tariffication_first_date": fmt.ts(back_us + 7 * DAY_S * 1_000_000),
                        "tariffication_start_date": fmt.ts(back_us + 7 * DAY_S * 1_000_000),
                        "arrived_moment": fmt.ts(back_us) if back else None,
                        "days": 0,
                        "utilization_sum": {"currency_code": "RUB", "price": 0},
                        "utilization_forecast_date": "",
                    },
                    "product": {
                        "sku": int(ls.sku[prod]),
                        "offer_id": ls.offer_id[prod],
                        "name": names[prod],
                        "price": {"currency_code": "RUB", "price": fmt.number(price)},
                        "price_without_commission": {
                            "currency_code": "RUB",
                            "price": fmt.number(price - comm),
                        },
                        "commission_percent": int(p["comm10"][i]) / 10,
                        "commission": {"currency_code": "RUB", "price": fmt.number(comm)},
                        "quantity": q,
                    },
                    "logistic": {
                        "technical_return_moment": fmt.ts(t_us),
                        "final_moment": fmt.ts(back_us) if back else None,
                        "cancelled_with_compensation_moment": None,
                        "return_date": fmt.ts(t_us),
                        "barcode": f"ii{int(rt.return_id[r]) % 10**10:010d}",
                    },
                    "visual": {
                        "status": {"id": status[0], "display_name": status[1], "sys_name": status[2]},
                        "change_moment": fmt.ts(back_us if back else t_us),
                    },
                    "additional_info": {"is_opened": bool(rt.kind[r] == 2), "is_super_econom": False},
                    "source_id": 0,
                    "posting_number": nums[k],
                    "clearing_id": oids[k] + 1,
                    "return_clearing_id": None,
                    "compensation_status": None,
                    "exemplars": [{"id": int(rt.return_id[r]) * 10 + j} for j in range(q)],
                }
            )
        return out
