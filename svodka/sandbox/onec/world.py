"""The seller's 1C infobase: master data, documents, price records and stock movements.

Everything has a moment from which it exists (Moscow seconds): an item from its creation, a
document from its date, a price record from the document that set it. The OData service and the
truth show what exists at the sandbox clock, so a later sync sees new documents and prices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import numpy as np

from svodka.sandbox.clock import msk_seconds
from svodka.sandbox.onec import ids
from svodka.sandbox.onec.master import Master

MAIN_WH, CONSUMABLES_WH = 0, 1
COST, RETAIL = 0, 1  # price types: «Закупочная», «Розничная»
PRICE_TYPES = ("Закупочная", "Розничная")


@dataclass
class Docs:
    """Documents of one kind, ordered by date; their lines in `line_*` (grouped by document)."""

    t: np.ndarray  # int64 Moscow seconds (the document's Date)
    party: np.ndarray  # int64 counterparty index
    warehouse: np.ndarray  # int64
    posted: np.ndarray  # bool
    deleted: np.ndarray  # bool
    first_line: np.ndarray  # int64: lines of doc i are line_*[first_line[i]:first_line[i + 1]]
    line_item: np.ndarray  # int64
    line_qty: np.ndarray  # int64
    line_price: np.ndarray  # int64 kopecks
    kind: str = "receipt"
    refs: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.t)

    def lines(self, i: int) -> range:
        """Line indices of document `i`."""
        return range(int(self.first_line[i]), int(self.first_line[i + 1]))

    @cached_property
    def line_doc(self) -> np.ndarray:
        """Document index of every line."""
        return np.repeat(np.arange(len(self.t)), np.diff(self.first_line))


@dataclass
class Prices:
    """ЦеныНоменклатуры records ordered by (Period, price type, item)."""

    ptype: np.ndarray  # int8 COST / RETAIL
    item: np.ndarray  # int64
    day: np.ndarray  # int64 world day of Period (00:00)
    kop: np.ndarray  # int64
    visible: np.ndarray  # int64 Moscow seconds from which the record exists


@dataclass(repr=False)
class OnecWorld:
    """The 1C side of the world. Build it with `build_onec`."""

    config: str  # "ut11" (УТ 11: stock register) or "bp30" (БП 3.0: stock on account 41.01)
    seed: int
    start_day: int
    n_days: int
    master: Master
    item_created: np.ndarray  # int64 Moscow seconds per item
    receipts: Docs
    sales: Docs  # «передача на комиссию» to the marketplaces
    prices: Prices

    def __repr__(self) -> str:
        return (
            f"OnecWorld({self.config}, {self.master.n_items} items, {len(self.receipts)} receipts, "
            f"{len(self.sales)} shipments, {len(self.prices.item)} price records)"
        )

    def ref(self, kind: str, key: object) -> str:
        """The Ref_Key of object `key` of `kind` ("item", "folder", "party", "warehouse", …)."""
        return ids.guid(self.seed, kind, key)

    @cached_property
    def movements(self) -> dict[str, np.ndarray]:
        """Stock movements of posted documents, by time: t, item, warehouse, qty (signed), doc
        kind (0 receipt, 1 sale), doc index, line number (1-based)."""
        parts = []
        for k, docs, sign in ((0, self.receipts, 1), (1, self.sales, -1)):
            doc = docs.line_doc
            ok = docs.posted[doc] & ~docs.deleted[doc]
            line_no = np.arange(len(doc)) - docs.first_line[doc] + 1
            parts.append(
                {
                    "t": docs.t[doc][ok],
                    "item": docs.line_item[ok],
                    "wh": docs.warehouse[doc][ok],
                    "qty": sign * docs.line_qty[ok],
                    "kind": np.full(int(ok.sum()), k, np.int8),
                    "doc": doc[ok],
                    "line": line_no[ok],
                }
            )
        out = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
        order = np.lexsort((out["line"], out["doc"], out["kind"], out["t"]))
        return {key: v[order] for key, v in out.items()}

    @cached_property
    def ledger(self):
        """БП 3.0 postings of the movements (built on first use; see `ledger.build_ledger`)."""
        from svodka.sandbox.onec.ledger import build_ledger  # ledger imports this module

        return build_ledger(self)

    def stock_at(self, now_s: int, moment_s: int | None = None) -> dict[tuple[int, int], int]:
        """(warehouse, item) → balance from movements existing at `now_s` dated before
        `moment_s` (exclusive, as 1C's Balance(Period=…)); zero balances left out."""
        m = self.movements
        sel = m["t"] <= now_s
        if moment_s is not None:
            sel &= m["t"] < moment_s
        n = self.master.n_items
        totals = np.zeros(2 * n, dtype=np.int64)
        np.add.at(totals, m["wh"][sel] * n + m["item"][sel], m["qty"][sel])
        return {(int(k // n), int(k % n)): int(totals[k]) for k in np.nonzero(totals)[0]}

    def write_commerceml(
        self, directory: str | Path, now: datetime, encoding: str = "utf-8"
    ) -> tuple[Path, Path]:
        """Write import.xml and offers.xml (CommerceML 2.08) as 1C exports them at `now`."""
        from svodka.sandbox.onec.commerceml import write_commerceml

        return write_commerceml(self, Path(directory), msk_seconds(now), encoding)
