"""Ground truth of the seller's 1C at a clock value (what the OData service shows then).

- `nomenclature[barcode] = (article, name)`: every barcode of every item that exists and is not
  marked for deletion (consumables included; folders have none).
- `cost_history = [(barcode, period, cost)]`: every «Закупочная» price record that exists, for
  every barcode of its item; `period` is an aware datetime at 00:00 Moscow time of the record's
  day (the register's periodicity is a day); sorted by barcode then period.
- `cost_on(day)[barcode]`: the purchase price valid on that Moscow date = SliceLast at the end of
  the day; barcodes whose item had no price yet are absent.
- `purchases[(date, barcode)] = (quantity, amount)`: lines of posted, not deleted receipts by the
  Moscow date of the document, keyed by the item's main barcode; amount = Σ quantity × price.
- `shipments[(date, marketplace, barcode)] = quantity`: goods handed to "wildberries" / "ozon".
- `stock_at(moment)[(warehouse, barcode)]`: the stock balance before `moment`, as
  Balance(Period=moment) returns it (movements at exactly `moment` excluded); zeros left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, MSK, day_date, day_number, msk_seconds
from svodka.sandbox.money import kop_decimal
from svodka.sandbox.onec.master import KIND_DELETED, WAREHOUSES
from svodka.sandbox.onec.world import COST, OnecWorld

if TYPE_CHECKING:
    from svodka.sandbox.world import World

MARKETPLACES = ("wildberries", "ozon")


@dataclass(repr=False)
class OnecTruth:
    """Exact 1C truth as of one clock value; everything is computed on first access."""

    onec: OnecWorld
    now_s: int

    def __repr__(self) -> str:
        return f"OnecTruth({self.onec.config}, {len(self.nomenclature)} barcodes)"

    @classmethod
    def build(cls, world: World, now_s: int) -> OnecTruth:
        """The truth of `world.onec` at `now_s` (Moscow seconds)."""
        assert world.onec is not None
        return cls(world.onec, now_s)

    @property
    def config(self) -> str:
        """ "ut11" or "bp30"."""
        return self.onec.config

    def _live(self) -> np.ndarray:
        m = self.onec.master
        return np.nonzero((self.onec.item_created <= self.now_s) & (m.item_kind != KIND_DELETED))[0]

    @cached_property
    def nomenclature(self) -> dict[str, tuple[str, str]]:
        """Barcode → (article, name) of live items."""
        m = self.onec.master
        return {
            code: (m.item_article[i], m.item_name[i])
            for i in self._live().tolist()
            for code in m.item_barcodes[i]
        }

    @cached_property
    def cost_history(self) -> list[tuple[str, datetime, Decimal]]:
        """Every existing purchase-price record, per barcode (see the module docstring)."""
        p, m = self.onec.prices, self.onec.master
        live = set(self._live().tolist())
        out = []
        for k in np.nonzero((p.ptype == COST) & (p.visible <= self.now_s))[0].tolist():
            item = int(p.item[k])
            if item not in live:
                continue
            period = datetime.combine(day_date(self.onec.start_day + int(p.day[k])), datetime.min.time(), MSK)
            out.extend((code, period, kop_decimal(int(p.kop[k]))) for code in m.item_barcodes[item])
        return sorted(out)

    def cost_on(self, day: date) -> dict[str, Decimal]:
        """Barcode → the «Закупочная» price valid on Moscow date `day` (SliceLast semantics)."""
        out: dict[str, Decimal] = {}
        for code, period, cost in self.cost_history:  # sorted by barcode, then period
            if period.date() <= day:
                out[code] = cost
        return out

    @cached_property
    def purchases(self) -> dict[tuple[date, str], tuple[int, Decimal]]:
        """(date, main barcode) → (quantity, amount) of posted receipts existing at the clock."""
        docs, m = self.onec.receipts, self.onec.master
        acc: dict[tuple[date, str], list[int]] = {}
        for i in np.nonzero(docs.posted & ~docs.deleted & (docs.t <= self.now_s))[0].tolist():
            day = day_date(int(docs.t[i]) // DAY_S)
            for j in docs.lines(i):
                cell = acc.setdefault((day, m.primary_barcode(int(docs.line_item[j]))), [0, 0])
                cell[0] += int(docs.line_qty[j])
                cell[1] += int(docs.line_qty[j]) * int(docs.line_price[j])
        return {k: (q, kop_decimal(a)) for k, (q, a) in sorted(acc.items())}

    @cached_property
    def shipments(self) -> dict[tuple[date, str, str], int]:
        """(date, marketplace, main barcode) → units handed over to the marketplace."""
        docs, m = self.onec.sales, self.onec.master
        out: dict[tuple[date, str, str], int] = {}
        for i in np.nonzero(docs.posted & ~docs.deleted & (docs.t <= self.now_s))[0].tolist():
            key = (day_date(int(docs.t[i]) // DAY_S), MARKETPLACES[int(docs.party[i]) - m.wb_party])
            for j in docs.lines(i):
                k = (*key, m.primary_barcode(int(docs.line_item[j])))
                out[k] = out.get(k, 0) + int(docs.line_qty[j])
        return out

    def stock_at(self, moment: datetime) -> dict[tuple[str, str], int]:
        """(warehouse name, main barcode) → stock before `moment` (naive = Moscow wall time)."""
        if moment.tzinfo is None:
            moment_s = (
                day_number(moment.date()) * DAY_S + moment.hour * 3600 + moment.minute * 60 + moment.second
            )
        else:
            moment_s = msk_seconds(moment)
        m = self.onec.master
        return {
            (WAREHOUSES[wh], m.primary_barcode(item)): qty
            for (wh, item), qty in self.onec.stock_at(self.now_s, moment_s).items()
        }
