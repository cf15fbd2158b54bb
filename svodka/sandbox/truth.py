"""Ground truth: what the API serves at a clock value, as exact, API-independent aggregates.

Aggregates are computed columnar (numpy, integer kopecks) and turned into dicts of Decimal on
first access, so a benchmark-sized world can export CSV without building millions of objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox import finance as F
from svodka.sandbox import lifecycle
from svodka.sandbox.ads.truth import AdsTruth
from svodka.sandbox.clock import DAY_S, day_date, from_msk_seconds
from svodka.sandbox.money import kop_decimal
from svodka.sandbox.mpstats.truth import MpstatsTruth
from svodka.sandbox.onec.truth import OnecTruth
from svodka.sandbox.ozon.truth import OzonTruth
from svodka.sandbox.yandex.truth import YmTruth

if TYPE_CHECKING:
    from svodka.sandbox.world import World

FEE_TYPES = (
    "sale",
    "return",
    "commission",
    "acquiring",
    "logistics",
    "return_logistics",
    "storage",
    "acceptance",
    "penalty",
    "advertising",
    "compensation",
    "other",
)
_FT = {name: i for i, name in enumerate(FEE_TYPES)}


def _by_day_bar(day: np.ndarray, bar: np.ndarray, values: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Sum `values` by (day, barcode index) on a dense grid; barcode −1 means "no SKU".

    Returns the occupied cells sorted by (day, bar), with `n` = rows per cell. The grid holds
    days × (barcodes + 1) cells, a few megabytes even for a year of 5,000 sizes; weights are
    float64, exact for kopeck sums below 2**53.
    """
    if not len(day):
        return {
            "day": day[:0].astype(np.int64),
            "bar": bar[:0].astype(np.int64),
            "n": day[:0],
            "sums": [v[:0] for v in values],
        }
    d0 = int(day.min())
    width = int(bar.max()) + 2
    key = (day - d0) * width + (bar + 1)
    size = int(key.max()) + 1
    n = np.bincount(key, minlength=size)
    cells = np.nonzero(n)[0]
    sums = [
        np.rint(np.bincount(key, weights=v.astype(np.float64), minlength=size)[cells]).astype(np.int64)
        for v in values
    ]
    return {"day": cells // width + d0, "bar": cells % width - 1, "n": n[cells], "sums": sums}


@dataclass(repr=False)
class GroundTruth:
    """Exact truth as of `now`. Dict attributes are built lazily from the columnar `arrays`."""

    now: datetime
    arrays: dict[str, dict[str, np.ndarray]]
    barcodes: list[str]
    warehouses: list[str]
    report_ids: np.ndarray
    stock: np.ndarray  # (days + 1, sizes, warehouses), shared with the world (not copied)
    start_day: int
    ads: AdsTruth | None = None  # advertising of both marketplaces (svodka.sandbox.ads.truth)
    ozon: OzonTruth | None = None  # the Ozon Seller side (svodka.sandbox.ozon.truth)
    onec: OnecTruth | None = None  # the seller's 1C: costs, purchases, stock (svodka.sandbox.onec.truth)
    mpstats: MpstatsTruth | None = None  # competitors and own items on MPStats (svodka.sandbox.mpstats)
    ym: YmTruth | None = None  # the Yandex Market side (svodka.sandbox.yandex.truth)

    def __repr__(self) -> str:
        return f"GroundTruth(now={self.now.isoformat()}, payout_total={self.payout_total})"

    @classmethod
    def build(cls, world: World, now_s: int) -> GroundTruth:
        """Compute every aggregate for the clock value `now_s` (Moscow seconds)."""
        o = world.sim.orders
        arrays: dict[str, dict[str, np.ndarray]] = {}

        rows, ver = world.order_stream.visible(now_s)
        cancelled = (ver == 1) & (o["outcome"][rows] <= lifecycle.REFUSED)
        g = _by_day_bar(o["t0"][rows] // DAY_S, o["bar"][rows].astype(np.int64), [o["pwd"][rows], cancelled])
        arrays["orders_daily"] = {
            "day": g["day"],
            "bar": g["bar"],
            "units": g["n"],
            "amount": g["sums"][0],
            "cancelled": g["sums"][1],
        }

        s = world.sales
        rows, ver = s.stream.visible(now_s)
        oi = s.order[rows]
        ret = s.is_return[rows]
        filled = ~(s.zero_v0[rows] & (ver == 0))
        sign = np.where(ret, -1, 1)
        g = _by_day_bar(
            s.stream.date[rows] // DAY_S,
            o["bar"][oi].astype(np.int64),
            [
                ~ret,
                ret,
                sign * filled * o["pwd"][oi].astype(np.int64),
                sign * filled * o["forpay"][oi].astype(np.int64),
            ],
        )
        arrays["sales_daily"] = {
            "day": g["day"],
            "bar": g["bar"],
            "sales": g["sums"][0],
            "returns": g["sums"][1],
            "revenue": g["sums"][2],
            "for_pay": g["sums"][3],
        }

        avail = world.report_available(now_s)
        ln = world.lines
        keep = avail[ln.report]
        arrays["finance"] = _finance(world, keep)
        rep = np.nonzero(avail)[0]
        arrays["payouts"] = {"report": rep, "amount": world.reports.sums["bankPaymentSum"][rep]}

        return cls(
            from_msk_seconds(now_s),
            arrays,
            world.catalog.bar_code,
            [wh.name for wh in world.warehouses],
            world.reports.report_id,
            world.sim.stock,
            world.start_day,
            ads=AdsTruth.build(world.ads, now_s) if world.ads is not None else None,
            ozon=OzonTruth.build(world, now_s) if world.ozon is not None else None,
            onec=OnecTruth.build(world, now_s) if world.onec is not None else None,
            mpstats=MpstatsTruth.build(world, now_s) if world.mpstats is not None else None,
            ym=YmTruth.build(world, now_s) if world.ym is not None else None,
        )

    # -- dict views ------------------------------------------------------------------------
    def _bar(self, i: int) -> str:
        return self.barcodes[i] if i >= 0 else ""

    @cached_property
    def orders_daily(self) -> dict[tuple[date, str], tuple[int, Decimal, int]]:
        """(order date, barcode) → (units ordered, Σ priceWithDisc, units cancelled)."""
        a = self.arrays["orders_daily"]
        return {
            (day_date(d), self._bar(b)): (u, kop_decimal(m), c)
            for d, b, u, m, c in zip(
                a["day"].tolist(),
                a["bar"].tolist(),
                a["units"].tolist(),
                a["amount"].tolist(),
                a["cancelled"].tolist(),
                strict=True,
            )
        }

    @cached_property
    def sales_daily(self) -> dict[tuple[date, str], tuple[int, int, Decimal, Decimal]]:
        """(sale date, barcode) → (sales units, returns units, revenue, for_pay), returns netted."""
        a = self.arrays["sales_daily"]
        return {
            (day_date(d), self._bar(b)): (s, r, kop_decimal(v), kop_decimal(f))
            for d, b, s, r, v, f in zip(
                a["day"].tolist(),
                a["bar"].tolist(),
                a["sales"].tolist(),
                a["returns"].tolist(),
                a["revenue"].tolist(),
                a["for_pay"].tolist(),
                strict=True,
            )
        }

    @cached_property
    def finance(self) -> dict[tuple[date, str, str], Decimal]:
        """(rrDate, barcode or "", fee type) → signed amount from the seller's point of view."""
        a = self.arrays["finance"]
        return {
            (day_date(d), self._bar(b), FEE_TYPES[f]): kop_decimal(v)
            for d, b, f, v in zip(
                a["day"].tolist(), a["bar"].tolist(), a["fee"].tolist(), a["amount"].tolist(), strict=True
            )
        }

    @cached_property
    def payout_by_report(self) -> dict[int, Decimal]:
        """reportId → bankPaymentSum of every report published at `now`."""
        a = self.arrays["payouts"]
        return {
            int(self.report_ids[r]): kop_decimal(v)
            for r, v in zip(a["report"].tolist(), a["amount"].tolist(), strict=True)
        }

    @property
    def payout_total(self) -> Decimal:
        """Σ bankPaymentSum over the published reports."""
        return kop_decimal(int(self.arrays["payouts"]["amount"].sum()))

    def stock_rows(self):
        """Yield (date, warehouse, barcode, quantity) for positive stock, date by date."""
        for d in range(self.stock.shape[0]):
            day = day_date(self.start_day + d)
            b, w = np.nonzero(self.stock[d])
            q = self.stock[d][b, w]
            for bi, wi, qi in zip(b.tolist(), w.tolist(), q.tolist(), strict=True):
                yield day, self.warehouses[wi], self.barcodes[bi], qi

    @cached_property
    def stock_daily(self) -> dict[tuple[date, str, str], int]:
        """(date, warehouse, barcode) → units at 00:00 Moscow time, only positive quantities.

        Covers every date from the first day to the day after the last; at benchmark scale this
        is millions of entries, prefer `stock_rows()` or `export()` there.
        """
        return {(d, w, b): q for d, w, b, q in self.stock_rows()}

    def export(self, directory: str | Path) -> list[Path]:
        """Write one CSV per aggregate into `directory` (created if missing); returns the paths."""
        from svodka.sandbox.truth_export import export_truth

        return export_truth(self, Path(directory))


def _finance(world: World, keep: np.ndarray) -> dict[str, np.ndarray]:
    """Signed amounts of the published lines by (rrDate, barcode, fee type)."""
    ln, o = world.lines, world.sim.orders
    parts: list[dict[str, np.ndarray]] = []

    def add(kinds: tuple[int, ...], fee: str, value) -> None:
        sel = np.nonzero(keep & np.isin(ln.kind, kinds))[0]
        oi = ln.order[sel]
        vals = value(sel, oi)
        g = _by_day_bar(ln.t[sel] // DAY_S, ln.bar[sel].astype(np.int64), [vals])
        g["fee"] = np.full(len(g["day"]), _FT[fee], np.int64)
        parts.append(g)

    def col(name: str, sign: int):
        return lambda sel, oi: sign * o[name][oi].astype(np.int64)

    def fee_of(sign: int):
        return lambda sel, oi: sign * (o["pwd"][oi].astype(np.int64) - o["forpay"][oi] - o["acq"][oi])

    def amount(sign: int):
        return lambda sel, oi: sign * ln.amount[sel]

    add((F.SALE,), "sale", col("pwd", 1))
    add((F.SALE,), "acquiring", col("acq", -1))
    add((F.SALE,), "commission", fee_of(-1))
    add((F.RETURN,), "return", col("pwd", -1))
    add((F.RETURN,), "acquiring", col("acq", 1))
    add((F.RETURN,), "commission", fee_of(1))
    add((F.LOGISTICS, F.REBILL), "logistics", amount(-1))
    add((F.LOGISTICS_BACK,), "return_logistics", amount(-1))
    add((F.STORAGE,), "storage", amount(-1))
    add((F.ACCEPTANCE,), "acceptance", amount(-1))
    add((F.PENALTY,), "penalty", amount(-1))
    add((F.ADS,), "advertising", amount(-1))
    add((F.OTHER,), "other", amount(-1))
    add((F.COMPENSATION, F.ADDITIONAL), "compensation", amount(1))
    day = np.concatenate([p["day"] for p in parts])
    bar = np.concatenate([p["bar"] for p in parts])
    fee = np.concatenate([p["fee"] for p in parts])
    val = np.concatenate([p["sums"][0] for p in parts])
    order = np.lexsort((fee, bar, day))
    day, bar, fee, val = day[order], bar[order], fee[order], val[order]
    # Sales and returns both feed "acquiring" and "commission": merge equal keys.
    first = np.ones(len(day), bool)
    first[1:] = (day[1:] != day[:-1]) | (bar[1:] != bar[:-1]) | (fee[1:] != fee[:-1])
    starts = np.nonzero(first)[0]
    return {
        "day": day[starts],
        "bar": bar[starts],
        "fee": fee[starts],
        "amount": np.add.reduceat(val, starts) if len(val) else val,
    }
