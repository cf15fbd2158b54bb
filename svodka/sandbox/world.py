"""The deterministic seller world: catalog, prices, orders, sales, stock and finance."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.ads import AdsWorld, build_ads
from svodka.sandbox.catalog import Catalog, PriceBook, Renames, build_catalog, build_prices, build_renames
from svodka.sandbox.clock import DAY_S, day_date, day_number, from_msk_seconds, msk_seconds
from svodka.sandbox.data import WAREHOUSES, Warehouse
from svodka.sandbox.demand import Simulation, simulate
from svodka.sandbox.finance import Lines, Reports, build_lines
from svodka.sandbox.mpstats.world import MpstatsWorld, build_mpstats
from svodka.sandbox.onec.build import build_onec
from svodka.sandbox.onec.world import OnecWorld
from svodka.sandbox.ozon.world import OzonWorld, build_ozon
from svodka.sandbox.spec import WorldSpec
from svodka.sandbox.streams import SalesTable, VersionedStream, build_sales
from svodka.sandbox.yandex.world import YmWorld, build_ym

if TYPE_CHECKING:
    from svodka.sandbox.truth import GroundTruth


def _stream(seed: int, key: int) -> np.random.Generator:
    """The random stream of child `key` of the world's seed (= SeedSequence(seed).spawn(key + 1)[key])."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key,)))


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a cheap, deterministic hash for derived identifiers."""
    z = (np.asarray(x, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@dataclass
class StockSnapshot:
    """Stock of every size at 00:00 Moscow time of one date, with goods in transit."""

    day: date
    quantity: np.ndarray  # (sizes, warehouses)
    to_client: np.ndarray  # (sizes,) on the way to buyers
    from_client: np.ndarray  # (sizes,) refusals and returns on the way back to a warehouse


@dataclass(repr=False)
class World:
    """One generated world. Build it with `World.generate(spec)`."""

    spec: WorldSpec
    start_day: int  # day number of the first day with orders
    catalog: Catalog
    prices: PriceBook
    sim: Simulation
    sales: SalesTable
    order_stream: VersionedStream
    lines: Lines
    reports: Reports
    renames: Renames | None = None  # cards renamed inside the period (catalog.build_renames)
    ozon: OzonWorld | None = None  # the Ozon Seller side (svodka.sandbox.ozon)
    ads: AdsWorld | None = None  # both marketplaces' advertising (svodka.sandbox.ads)
    onec: OnecWorld | None = None  # the seller's 1C: nomenclature, costs, purchases (svodka.sandbox.onec)
    mpstats: MpstatsWorld | None = None  # own items and competitors as MPStats sees them
    ym: YmWorld | None = None  # the Yandex Market side (svodka.sandbox.yandex)

    @classmethod
    def generate(cls, spec: WorldSpec) -> World:
        """Generate the world for `spec`; the same spec always gives the same world."""
        spec = replace(spec, end=spec.end_date)  # freeze "yesterday" once
        start_day = day_number(spec.start_date)
        seeds = np.random.SeedSequence(spec.seed).spawn(5)
        rngs = [np.random.default_rng(s) for s in seeds]
        cat = build_catalog(spec, rngs[0], start_day)
        prices = build_prices(spec, cat, rngs[1])
        sim = simulate(spec, cat, prices, rngs[2], start_day)
        o = sim.orders
        sales = build_sales(o, rngs[3], spec.zero_price_rate)
        stream = VersionedStream.build(o["t0"], o["lcd1"], o["lcd2"])
        # Later additions draw from their own streams (spawn keys far from the five above), so
        # the WB numbers stay byte-identical whatever these knobs are.
        renames = build_renames(spec, cat, _stream(spec.seed, 101), start_day)
        ozon = build_ozon(spec, cat, prices, _stream(spec.seed, 100), start_day)
        # WB ad spend makes the weekly «WB Продвижение» deduction, so the lines come after the ads.
        ads = build_ads(spec, cat, prices, sim, ozon, _stream(spec.seed, 102), start_day)
        lines, reports = build_lines(spec, cat, prices, sim, rngs[4], start_day, ads.wb_weekly_spend())
        return cls(
            spec,
            start_day,
            cat,
            prices,
            sim,
            sales,
            stream,
            lines,
            reports,
            renames=renames,
            ozon=ozon,
            ads=ads,
            onec=build_onec(spec, cat, prices, sim, ozon, _stream(spec.seed, 110), start_day),
            mpstats=build_mpstats(spec, cat, prices, sim, ozon, _stream(spec.seed, 131), start_day),
            ym=build_ym(spec, cat, prices, _stream(spec.seed, 120), start_day),
        )

    def __repr__(self) -> str:  # the arrays are far too big to print
        return (
            f"World(seed={self.spec.seed}, {self.start}…{self.end}, {self.catalog.n_bars} sizes, "
            f"{self.n_orders} orders, {len(self.lines.kind)} realization lines)"
        )

    # -- small facts -----------------------------------------------------------------
    @property
    def warehouses(self) -> tuple[Warehouse, ...]:
        """The real WB warehouses the seller uses."""
        return WAREHOUSES[: self.spec.warehouses]

    @property
    def start(self) -> date:
        """First day with orders."""
        return day_date(self.start_day)

    @property
    def end(self) -> date:
        """Last day with orders."""
        return day_date(self.start_day + self.spec.days - 1)

    @property
    def n_orders(self) -> int:
        """Number of order rows (units) in the world."""
        return len(self.sim.orders["t0"])

    def srid(self, order_idx: np.ndarray) -> list[str]:
        """WB order ids (srid) of orders, 32 hex digits, derived from the seed."""
        base = np.uint64(self.spec.seed) << np.uint64(40)
        a = _mix64(np.asarray(order_idx, dtype=np.uint64) + base)
        b = _mix64(a ^ np.uint64(0x5DEECE66D))
        return [f"{x:016x}{y:016x}" for x, y in zip(a.tolist(), b.tolist(), strict=True)]

    def order_uid(self, order_idx: np.ndarray) -> list[str]:
        """Cart ids (orderUid in finance rows): "id" + 31 hex digits."""
        a = _mix64(np.asarray(order_idx, dtype=np.uint64) ^ np.uint64(0xA5A5A5A5 + self.spec.seed))
        b = _mix64(a + np.uint64(1))
        return [
            f"id{x:016x}{y:015x}"[:33] for x, y in zip(a.tolist(), (b >> np.uint64(4)).tolist(), strict=True)
        ]

    def order_numbers(self, order_idx: np.ndarray) -> dict[str, np.ndarray]:
        """Derived integer ids of orders: sticker, gNumber, assembly order id, shkId."""
        h = _mix64(np.asarray(order_idx, dtype=np.uint64) + np.uint64(self.spec.seed * 7919))
        return {
            "sticker": (h % np.uint64(9_000_000_000) + np.uint64(1_000_000_000)).astype(np.int64),
            "gnumber": (h >> np.uint64(2)) % np.uint64(10**19),
            "order_id": 2_000_000_000 + np.asarray(order_idx, dtype=np.int64) * 3,
            "shk_id": 10_000_000_000 + np.asarray(order_idx, dtype=np.int64) * 11,
        }

    def card_visible(self, now_s: int) -> np.ndarray:
        """Cards that exist at `now_s` (createdAt reached)."""
        return self.catalog.card_created <= now_s

    def card_updated_at(self, now_s: int) -> np.ndarray:
        """updatedAt of every card as of `now_s` (latest edit not in the future)."""
        upd = self.catalog.card_updates
        past = np.where(upd <= now_s, upd, np.iinfo(np.int64).min)
        out = np.maximum(past.max(axis=1), self.catalog.card_created)
        if self.renames is not None:  # a rename is an edit too
            out = np.maximum(out, self.renames.last_at(self.catalog.n_cards, now_s))
        return out

    def card_titles(self, now_s: int) -> list[str]:
        """The title of every card as of `now_s` (renames applied once they happened)."""
        if self.renames is None:
            return list(self.catalog.card_title)
        return self.renames.titles(self.catalog, now_s)

    def title_history(self) -> list[tuple[str, datetime, str]]:
        """Per barcode, every title it had: (barcode, valid_from as an aware UTC datetime, title),
        sorted by barcode then valid_from. The first version starts when the card was created
        (`createdAt`); a renamed card has a second version from the rename on."""
        cat = self.catalog
        renamed = {}
        if self.renames is not None:
            r = self.renames
            renamed = {
                c: (t, title) for c, t, title in zip(r.card.tolist(), r.at.tolist(), r.title, strict=True)
            }
        out = []
        for b, code in enumerate(cat.bar_code):
            c = int(cat.bar_card[b])
            out.append((code, from_msk_seconds(int(cat.card_created[c])).astimezone(UTC), cat.card_title[c]))
            if c in renamed:
                at, title = renamed[c]
                out.append((code, from_msk_seconds(at).astimezone(UTC), title))
        return sorted(out)

    def price_day(self, now_s: int) -> int:
        """World day index whose prices are current at `now_s` (clamped to the world)."""
        return int(min(max(now_s // DAY_S - self.start_day, 0), self.spec.days - 1))

    def stock_snapshot(self, now_s: int) -> StockSnapshot | None:
        """Stock at 00:00 Moscow time of `now_s`'s date, clamped to [start, end + 1]; None before start."""
        d = now_s // DAY_S - self.start_day
        if d < 0:
            return None
        d = min(d, self.spec.days)
        t = (self.start_day + d) * DAY_S
        o = self.sim.orders
        nb = self.catalog.n_bars
        out = o["outcome"]
        shipped = (out != lifecycle.CANCEL) & (o["t0"] <= t) & (o["t_out"] > t)
        back_at = (self.start_day + o["restock"].astype(np.int64) + 1) * DAY_S
        coming = np.where(out == lifecycle.RETURNED, o["t_ret"], o["t_out"])
        returning = ((out == lifecycle.REFUSED) | (out == lifecycle.RETURNED)) & (coming <= t) & (back_at > t)
        return StockSnapshot(
            day=day_date(self.start_day + d),
            quantity=self.sim.stock[d],
            to_client=np.bincount(o["bar"][shipped], minlength=nb),
            from_client=np.bincount(o["bar"][returning], minlength=nb),
        )

    def report_available(self, now_s: int) -> np.ndarray:
        """Weekly reports published at `now_s`: their dateTo is before now's Moscow date."""
        return self.reports.monday + 6 < now_s // DAY_S

    # -- catalog and prices for consumers ---------------------------------------------
    def catalog_records(self) -> list[dict]:
        """The assortment: one record per card with its sizes and barcodes."""
        cat = self.catalog
        by_card: dict[int, list[int]] = {}
        for b, c in enumerate(cat.bar_card.tolist()):
            by_card.setdefault(c, []).append(b)
        return [
            {
                "nmId": int(cat.card_nm[c]),
                "vendorCode": cat.card_vendor[c],
                "title": cat.card_title[c],
                "brand": cat.card_brand[c],
                "subject": cat.card_subject[c].name,
                "category": cat.categories[cat.card_cat[c]].parent,
                "sizes": [
                    {"techSize": cat.bar_tech[b], "barcode": cat.bar_code[b], "chrtId": int(cat.bar_chrt[b])}
                    for b in by_card[c]
                ],
                "barcodes": [cat.bar_code[b] for b in by_card[c]],
            }
            for c in range(cat.n_cards)
        ]

    def prices_on(self, day: date) -> dict[str, tuple[int, int, Decimal]]:
        """Per barcode: (list price ₽, seller discount %, price after discount ₽) on a world day."""
        d = min(max(day_number(day) - self.start_day, 0), self.spec.days - 1)
        cat = self.catalog
        out = {}
        for b, code in enumerate(cat.bar_code):
            c = cat.bar_card[b]
            p, disc = int(self.prices.price_rub[c, d]), int(self.prices.discount[c, d])
            out[code] = (p, disc, Decimal(p * (100 - disc)).scaleb(-2))
        return out

    def ground_truth(self, now: datetime | None = None) -> GroundTruth:
        """What the API serves at `now` (real time when None), as exact semantic aggregates."""
        from svodka.sandbox.truth import GroundTruth  # truth imports world: import at call time

        return GroundTruth.build(self, msk_seconds(now or datetime.now().astimezone()))

    def export_truth(self, directory: str | Path, now: datetime | None = None) -> list[Path]:
        """Write the ground truth at `now`, the catalog and the prices of `now`'s date as CSV files.

        Returns the written paths (orders_daily, sales_daily, finance, stock_daily, payouts,
        catalog, prices).
        """
        truth = self.ground_truth(now)
        paths = truth.export(directory)
        out = Path(directory)
        cat_path, price_path = out / "catalog.csv", out / "prices.csv"
        with cat_path.open("w", newline="", encoding="utf-8") as fh:
            wr = csv.writer(fh)
            wr.writerow(
                [
                    "nm_id",
                    "barcode",
                    "chrt_id",
                    "tech_size",
                    "vendor_code",
                    "title",
                    "brand",
                    "subject",
                    "category",
                ]
            )
            for rec in self.catalog_records():
                for size in rec["sizes"]:
                    wr.writerow(
                        [
                            rec["nmId"],
                            size["barcode"],
                            size["chrtId"],
                            size["techSize"],
                            rec["vendorCode"],
                            rec["title"],
                            rec["brand"],
                            rec["subject"],
                            rec["category"],
                        ]
                    )
        day = truth.now.date()
        with price_path.open("w", newline="", encoding="utf-8") as fh:
            wr = csv.writer(fh)
            wr.writerow(["date", "barcode", "price", "discount", "price_with_discount"])
            for code, (price, disc, pwd) in self.prices_on(day).items():
                wr.writerow([day.isoformat(), code, price, disc, str(pwd)])
        return [*paths, cat_path, price_path]
