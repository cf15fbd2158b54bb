"""JSON records of accruals (by-day and per posting) and of the monthly realization report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from svodka.sandbox.clock import day_date, iso_dates
from svodka.sandbox.ozon import fmt
from svodka.sandbox.ozon.accrual_types import COMMISSION_KEYS, KEY_INDEX, SALE_KEYS, TYPE_IDS
from svodka.sandbox.ozon.accruals import CATEGORIES, ITEM, NON_ITEM, POSTING

if TYPE_CHECKING:
    from svodka.sandbox.world import World

_SALE = {KEY_INDEX[k] for k in SALE_KEYS}
_COMMISSION = {KEY_INDEX[k] for k in COMMISSION_KEYS}
_GOODS = _SALE | _COMMISSION  # lines that carry a quantity and a unit price


def _m(k: int) -> dict[str, str]:
    return {"amount": fmt.money(k), "currency": "RUB"}


class FinanceRenderer:
    """Renders accrual records of one world at a clock value."""

    def __init__(self, world: World) -> None:
        self.o = world.ozon
        self.a = world.ozon.accruals
        self.p = world.ozon.sim.postings
        self._by_posting: tuple[np.ndarray, np.ndarray] | None = None

    def unit_number(self, i: int) -> str:
        """Posting number of a POSTING accrual; the document number otherwise."""
        post = int(self.a.posting[i])
        return self.o.posting_numbers(np.array([post]))[0] if post >= 0 else str(int(self.a.ref[i]))

    def by_day(self, acc: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Records of /v1/finance/accrual/by-day for accrual positions `acc`."""
        a, ls = self.a, self.o.listing
        out = []
        for i in acc.tolist():
            lo, hi = int(a.first[i]), int(a.end[i])
            amounts = a.amounts(now_s, slice(lo, hi)).tolist()
            kinds = a.kind[lo:hi].tolist()
            rec: dict[str, Any] = {
                "accrual_id": int(a.acc_id[i]),
                "accrued_category": CATEGORIES[int(a.cat[i])],
                "date": day_date(int(a.day[i])).isoformat(),
                "unit_number": self.unit_number(i),
                "posting": None,
                "item_fees": None,
                "non_item_fee": None,
                "total_amount": _m(sum(amounts)),
            }
            cat = int(a.cat[i])
            if cat == POSTING:
                rec["posting"] = self._posting(i, lo, kinds, amounts)
            elif cat == ITEM:
                fees: dict[int, list[dict[str, Any]]] = {}
                for j, (k, v) in enumerate(zip(kinds, amounts, strict=True)):
                    sku = int(ls.sku[int(a.prod[lo + j])])
                    fees.setdefault(sku, []).append({"type_id": TYPE_IDS[k], "accrued": _m(v)})
                rec["item_fees"] = {"fees": [{"sku": s, "fees": f} for s, f in fees.items()]}
            elif cat == NON_ITEM:
                rec["non_item_fee"] = {"type_id": TYPE_IDS[kinds[0]], "accrued": _m(sum(amounts))}
            out.append(rec)
        return out

    def _posting(self, i: int, lo: int, kinds: list[int], amounts: list[int]) -> dict[str, Any]:
        a, p = self.a, self.p
        post = int(a.posting[i])
        prod = int(p["prod"][post])
        price = int(p["price"][post])
        sale = sum(v for k, v in zip(kinds, amounts, strict=True) if k in _SALE)
        comm = sum(v for k, v in zip(kinds, amounts, strict=True) if k in _COMMISSION)
        services = [
            {"type_id": TYPE_IDS[k], "accrued": _m(v)}
            for k, v in zip(kinds, amounts, strict=True)
            if k not in _GOODS
        ]
        buyer = price * (100 - int(p["cdisc"][post])) // 100
        return {
            "delivery_schema": "FBS" if int(p["wh"][post]) == self.o.sim.n_fbo else "FBO",
            "delivery_speed": 0,
            "products": [
                {
                    "sku": int(self.o.listing.sku[prod]),
                    "commission": {
                        "bonus": _m(0),
                        "coinvestment": _m(0),
                        "commission": _m(comm),
                        "commission_ratio": str(int(p["comm10"][post]) / 1000),
                        "sale_amount": _m(sale),
                        "sale_commission": _m(comm),
                        "sale_price": _m(buyer),
                        "seller_price": _m(price),
                    },
                    "delivery": {
                        "services": services,
                        "total_accrued": _m(sum(s for s in amounts) - sale - comm),
                    },
                }
            ],
        }

    def per_posting(self, posts: list[tuple[str, int]], now_s: int) -> list[dict[str, Any]]:
        """Records of /v1/finance/accrual/postings: every served line of the postings' accruals."""
        a, ls = self.a, self.o.listing
        if self._by_posting is None:  # accrual positions grouped by posting, built on first use
            order = np.argsort(a.posting, kind="stable")
            self._by_posting = (order, a.posting[order])  # one assignment: safe across threads
        order, sorted_posting = self._by_posting
        out = []
        for number, post in posts:
            lo, hi = np.searchsorted(sorted_posting, [post, post + 1])
            acc = order[lo:hi]
            acc = acc[a.pub[acc] <= now_s]
            lines = []
            for i in acc.tolist():
                lo, hi = int(a.first[i]), int(a.end[i])
                date = day_date(int(a.day[i])).isoformat()
                for j, v in zip(range(lo, hi), a.amounts(now_s, slice(lo, hi)).tolist(), strict=True):
                    k = int(a.kind[j])
                    goods = int(a.qty[j]) > 0
                    lines.append(
                        {
                            "accrual_date": date,
                            "accrued": _m(v),
                            "quantity": int(a.qty[j]) if goods else None,
                            "seller_price": _m(int(a.unit[j])) if k in _GOODS else None,
                            "sku": int(ls.sku[int(a.prod[j])]),
                            "type_id": TYPE_IDS[k],
                        }
                    )
            out.append({"posting_number": number, "accruals": lines})
        return out

    def realization(self, first_day: int, end_day: int, doc_day: int, names: list[str]) -> dict[str, Any]:
        """The realization report of the month [first_day, end_day): one row per (SKU, unit price,
        commission ratio) with the delivered and the returned goods of the month's accruals."""
        a, p, ls = self.a, self.p, self.o.listing
        lo, hi = int(np.searchsorted(a.day, first_day)), int(np.searchsorted(a.day, end_day))
        lines = np.arange(int(a.first[lo]), int(a.end[hi - 1])) if hi > lo else np.zeros(0, np.int64)
        goods = lines[np.isin(a.kind[lines], list(_GOODS))]
        rows: dict[tuple[int, int, int], dict[str, list[int]]] = {}
        for j in goods.tolist():
            post = int(a.posting[int(a.line_acc[j])])
            key = (int(a.prod[j]), int(a.unit[j]), int(p["comm10"][post]))
            cell = rows.setdefault(key, {"sale": [0, 0, 0], "return": [0, 0, 0]})
            k, v = int(a.kind[j]), int(a.amount0[j])
            side = "sale" if k in (KEY_INDEX["sale"], KEY_INDEX["commission"]) else "return"
            if k in _SALE:
                cell[side][0] += abs(v)
                cell[side][1] += int(a.qty[j])
            else:
                cell[side][2] += abs(v)
        out_rows = []
        ordered = sorted(rows.items(), key=lambda kv: (int(ls.sku[kv[0][0]]), kv[0][1:]))
        for n, ((prod, unit, ratio), cell) in enumerate(ordered, 1):
            out_rows.append(
                {
                    "rowNumber": n,
                    "item": {
                        "barcode": ls.barcode_listed[prod],
                        "name": names[prod],
                        "offer_id": ls.offer_id[prod],
                        "sku": int(ls.sku[prod]),
                    },
                    "commission_ratio": ratio / 1000,
                    "seller_price_per_instance": fmt.number(unit),
                    "delivery_commission": _commission(cell["sale"], unit),
                    "return_commission": _commission(cell["return"], unit),
                }
            )
        start, stop, doc = iso_dates(np.array([first_day, end_day - 1, doc_day]))
        return {
            "header": {
                **_HEADER,
                "doc_date": doc,
                "number": f"R-{start[:7]}-{self.o.spec.seed:04d}",
                "start_date": start,
                "stop_date": stop,
            },
            "rows": out_rows,
        }


def _commission(cell: list[int], unit: int) -> dict[str, Any]:
    amount, qty, fee = cell
    return {
        "amount": fmt.number(amount),
        "bonus": 0,
        "commission": 0,
        "compensation": 0,
        "price_per_instance": fmt.number(unit),
        "quantity": qty,
        "standard_fee": fmt.number(fee),
        "bank_coinvestment": 0,
        "stars": 0,
        "pick_up_point_coinvestment": 0,
        "total": fmt.number(amount - fee),
    }


_HEADER = {
    "contract_date": "2023-03-01",
    "contract_number": "ИР-2023-0412",
    "currency_sys_name": "RUB",
    "payer_inn": "7704217370",
    "payer_kpp": "997750001",
    "payer_name": "ООО «Интернет Решения»",
    "receiver_inn": "772812345678",
    "receiver_kpp": "",
    "receiver_name": "ИП Соколова Анна Викторовна",
}
