"""Ground truth of the Ozon side at a clock value, keyed by the true catalog barcode.

Columnar first (numpy, kopecks), dicts of Decimal on first access — like the WB truth:
- `orders_daily[(date, barcode)] = (units, Σ price, cancelled units)`: postings created by `now`,
  by the Moscow date of `in_process_at`; price = the seller's price after the seller's discount
  × quantity; cancelled = units of postings whose status at `now` is `cancelled` (cancelled before
  shipment, refused at handover, not collected).
- `sales_daily[(date, barcode)] = (sold units, returned units, revenue, for_pay)`: as the seller
  can know them at `now` — a sale is a delivered posting whose 1001 («Выручка») accrual is
  served, on the accrual's date (the Moscow delivery date); a return is a buyer's return whose
  1002 accrual is served, on its date (= `logistic.return_date`), with negative revenue and
  for_pay. revenue = quantity × price, for_pay = revenue + the commission lines (1010/1011) of the
  same accrual (= financial_data `payout`). Posting lists carry no delivery date, so a delivery
  whose accrual is not published yet is not a sale yet.
- `finance[(date, barcode or "", fee_type)]`: every accrual line served at `now` (by-day,
  postings), signed as served, by the accrual's date; fee types per `accrual_types.FEE_OF_TYPE`.
- `payout_total`: Σ of every accrual served at `now`.
- `stock_daily[(date, warehouse, barcode)]`: free stock at 00:00 Moscow time, positive only, per
  FBO warehouse and the seller's FBS warehouse, for every date in [start, end + 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, day_date
from svodka.sandbox.money import kop_decimal
from svodka.sandbox.ozon.accrual_types import FEE_OF_TYPE, TYPE_IDS

if TYPE_CHECKING:
    from svodka.sandbox.world import World


@dataclass(repr=False)
class OzonTruth:
    """Exact Ozon truth as of one clock value (see the module docstring)."""

    arrays: dict[str, dict[str, np.ndarray]]
    barcodes: list[str]
    warehouses: list[str]
    stock: np.ndarray  # (days + 1, products, warehouses), shared with the world
    stock_bar: np.ndarray  # catalog barcode index of each product
    start_day: int
    payout_kop: int
    _world: World

    def __repr__(self) -> str:
        return f"OzonTruth(payout_total={self.payout_total})"

    @classmethod
    def build(cls, world: World, now_s: int) -> OzonTruth:
        """Compute every Ozon aggregate for the clock value `now_s` (Moscow seconds)."""
        from svodka.sandbox.truth import FEE_TYPES, _by_day_bar  # truth imports this module

        o = world.ozon
        p = o.sim.postings
        bar_of = o.listing.bar.astype(np.int64)
        q = p["qty"].astype(np.int64)
        price = p["price"].astype(np.int64)
        arrays: dict[str, dict[str, np.ndarray]] = {}

        seen = np.nonzero(p["t0"] <= now_s)[0]
        cancelled = o.status(seen, now_s) == 4
        g = _by_day_bar(
            p["t_proc"][seen] // DAY_S,
            bar_of[p["prod"][seen]],
            [q[seen], q[seen] * price[seen], cancelled * q[seen]],
        )
        arrays["orders_daily"] = {
            "day": g["day"],
            "bar": g["bar"],
            "units": g["sums"][0],
            "amount": g["sums"][1],
            "cancelled": g["sums"][2],
        }

        # Sales as the seller can see them: Ozon's posting lists carry no delivery date, so a
        # sale (a buyer's return) exists for the seller once its 1001 (1002) accrual is
        # served, on the accrual's date (the delivery or return date). for_pay adds the
        # commission lines (1010/1011) of the same accrual and product.
        a = o.accruals
        lines = np.nonzero((a.pub <= now_s)[a.line_acc])[0]
        tid = np.asarray(TYPE_IDS, dtype=np.int64)[a.kind[lines]]
        keep = np.isin(tid, (1001, 1002, 1010, 1011))
        gl, tid = lines[keep], tid[keep]
        amount = a.amounts(now_s, gl)
        units = a.qty[gl].astype(np.int64)
        g = _by_day_bar(
            a.day[a.line_acc[gl]],
            bar_of[a.prod[gl]],
            [(tid == 1001) * units, (tid == 1002) * units, np.isin(tid, (1001, 1002)) * amount, amount],
        )
        arrays["sales_daily"] = {
            "day": g["day"],
            "bar": g["bar"],
            "sales": g["sums"][0],
            "returns": g["sums"][1],
            "revenue": g["sums"][2],
            "for_pay": g["sums"][3],
        }

        a = o.accruals
        acc = a.pub <= now_s
        lines = np.nonzero(acc[a.line_acc])[0]
        amount = a.amounts(now_s, lines)
        fee_index = {name: i for i, name in enumerate(FEE_TYPES)}
        fee_of_kind = np.array([fee_index[FEE_OF_TYPE[t]] for t in TYPE_IDS])
        fee = fee_of_kind[a.kind[lines]]
        lbar = np.where(a.prod[lines] >= 0, bar_of[np.maximum(a.prod[lines], 0)], -1)
        parts = []
        for f in np.unique(fee).tolist():
            sel = fee == f
            g = _by_day_bar(a.day[a.line_acc[lines[sel]]], lbar[sel], [amount[sel]])
            parts.append((g["day"], g["bar"], np.full(len(g["day"]), f), g["sums"][0]))
        cols = [np.concatenate([x[k] for x in parts]) if parts else np.zeros(0, np.int64) for k in range(4)]
        order = np.lexsort((cols[2], cols[1], cols[0]))
        arrays["finance"] = {
            "day": cols[0][order],
            "bar": cols[1][order],
            "fee": cols[2][order],
            "amount": cols[3][order],
        }
        return cls(
            arrays,
            world.catalog.bar_code,
            [w.name for w in o.warehouses],
            o.sim.stock,
            bar_of,
            o.start_day,
            int(amount.sum()),
            world,
        )

    def _bar(self, i: int) -> str:
        return self.barcodes[i] if i >= 0 else ""

    @cached_property
    def orders_daily(self) -> dict[tuple[date, str], tuple[int, Decimal, int]]:
        """(in_process_at date, barcode) → (units, Σ price × quantity, cancelled units)."""
        a = self.arrays["orders_daily"]
        return {
            (day_date(d), self._bar(b)): (u, kop_decimal(m), c)
            for d, b, u, m, c in zip(
                *(a[k].tolist() for k in ("day", "bar", "units", "amount", "cancelled")), strict=True
            )
        }

    @cached_property
    def sales_daily(self) -> dict[tuple[date, str], tuple[int, int, Decimal, Decimal]]:
        """(delivery or return date, barcode) → (sold units, returned units, revenue, for_pay)."""
        a = self.arrays["sales_daily"]
        return {
            (day_date(d), self._bar(b)): (s, r, kop_decimal(v), kop_decimal(f))
            for d, b, s, r, v, f in zip(
                *(a[k].tolist() for k in ("day", "bar", "sales", "returns", "revenue", "for_pay")),
                strict=True,
            )
        }

    @cached_property
    def finance(self) -> dict[tuple[date, str, str], Decimal]:
        """(accrual date, barcode or "", fee type) → signed amount as served."""
        from svodka.sandbox.truth import FEE_TYPES

        a = self.arrays["finance"]
        return {
            (day_date(d), self._bar(b), FEE_TYPES[f]): kop_decimal(v)
            for d, b, f, v in zip(*(a[k].tolist() for k in ("day", "bar", "fee", "amount")), strict=True)
        }

    @property
    def payout_total(self) -> Decimal:
        """Σ of every accrual served at `now`."""
        return kop_decimal(self.payout_kop)

    @property
    def fee_of_type(self) -> dict[int, str]:
        """Accrual type_id → fee type, for every type the world can emit (the mapping oracle)."""
        return dict(FEE_OF_TYPE)

    def stock_rows(self):
        """Yield (date, warehouse, barcode, free units) for positive stock, date by date."""
        for d in range(self.stock.shape[0]):
            day = day_date(self.start_day + d)
            prod, w = np.nonzero(self.stock[d])
            q = self.stock[d][prod, w]
            for pi, wi, qi in zip(prod.tolist(), w.tolist(), q.tolist(), strict=True):
                yield day, self.warehouses[wi], self.barcodes[int(self.stock_bar[pi])], qi

    @cached_property
    def stock_daily(self) -> dict[tuple[date, str, str], int]:
        """(date, warehouse, barcode) → free units at 00:00 Moscow time, positive only."""
        return {(d, w, b): q for d, w, b, q in self.stock_rows()}

    def prices_on(self, day: date) -> dict[str, tuple[Decimal, Decimal]]:
        """Per barcode on Ozon: (old_price, price) in roubles on a world day."""
        return self._world.ozon.prices_on(day, self.barcodes)
