"""Ground truth of the Yandex Market side at a clock value, keyed by the true catalog barcode.

- `orders_daily[(date, barcode)] = (units, Σ buyer price, cancelled units)`: orders created by
  `now`, by the Moscow creation date (stats/orders `creationDate`); cancelled = units of orders
  whose status at `now` is CANCELLED_IN_PROCESSING.
- `sales_daily[(date, barcode)] = (sold units, returned units, revenue, for_pay)`: a sale on the
  payment date (delivery), a return on the refund date (`details.updateDate`); revenue signed;
  for_pay = revenue − the services charged on the same date for the same orders.
- `finance[(date, barcode, fee_type)]`: every line of the united-netting report served at `now`
  (SALE → sale, RETURN → return, commission types per `world.FEE_OF_COMMISSION`), signed as served.
- `payout_total`: Σ of those lines.
- `stock_daily[(date, warehouse name, barcode)]`: FIT stock at 00:00 Moscow, positive only, for
  every date in [start, end + 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, day_date
from svodka.sandbox.money import kop_decimal
from svodka.sandbox.yandex.world import CANCELLED, FEE_OF_COMMISSION, finance_lines

if TYPE_CHECKING:
    from svodka.sandbox.world import World

_FEE = FEE_OF_COMMISSION | {"SALE": "sale", "RETURN": "return"}


@dataclass(repr=False)
class YmTruth:
    """Exact Yandex Market truth as of one clock value (see the module docstring)."""

    orders_daily: dict[tuple[date, str], tuple[int, Decimal, int]]
    sales_daily: dict[tuple[date, str], tuple[int, int, Decimal, Decimal]]
    finance: dict[tuple[date, str, str], Decimal]
    payout_total: Decimal
    stock_daily: dict[tuple[date, str, str], int]

    def __repr__(self) -> str:
        return f"YmTruth(payout_total={self.payout_total})"

    @classmethod
    def build(cls, world: World, now_s: int) -> YmTruth:
        ym, codes = world.ym, world.catalog.bar_code
        o = ym.orders
        bar_of = [codes[int(b)] for b in ym.bar[o["offer"]].tolist()] if len(o["offer"]) else []
        orders: dict = {}
        for i in np.nonzero(o["t0"] <= now_s)[0].tolist():
            key = (day_date(int(o["t0"][i] // DAY_S)), bar_of[i])
            u, a, c = orders.get(key, (0, 0, 0))
            n = int(o["count"][i])
            gone = o["outcome"][i] == CANCELLED and o["t_end"][i] <= now_s
            orders[key] = (u + n, a + int(o["amount"][i]), c + (n if gone else 0))
        ln = finance_lines(ym)
        finance: dict = {}
        sales: dict = {}
        total = 0
        for t, k, kind, amt in zip(
            ln["t"].tolist(), ln["order"].tolist(), ln["kind"].tolist(), ln["amount"].tolist(), strict=True
        ):
            if t > now_s:
                continue
            day, code = day_date(t // DAY_S), bar_of[k]
            key = (day, code, _FEE[kind])
            finance[key] = finance.get(key, 0) + amt
            total += amt
            s, r, rev, pay = sales.get((day, code), (0, 0, 0, 0))
            n = int(o["count"][k])
            if kind == "SALE":
                s, rev = s + n, rev + amt
            elif kind == "RETURN":
                r, rev = r + n, rev + amt
            sales[(day, code)] = (s, r, rev, pay + amt)
        stock = {}
        names = [ym.warehouse(c)[1] for c in range(2)]
        for d in range(ym.days + 1):
            day = day_date(ym.start_day + d)
            for i, c in zip(*np.nonzero(ym.stock[d] > 0), strict=True):
                stock[(day, names[int(c)], codes[int(ym.bar[i])])] = int(ym.stock[d, i, c])
        return cls(
            {k: (u, kop_decimal(a), c) for k, (u, a, c) in orders.items()},
            {k: (s, r, kop_decimal(v), kop_decimal(p)) for k, (s, r, v, p) in sales.items() if s or r},
            {k: kop_decimal(v) for k, v in finance.items()},
            kop_decimal(total),
            stock,
        )
