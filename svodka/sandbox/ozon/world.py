"""The Ozon side of the world: listing, prices, postings, stock, returns and accruals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S, day_number
from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon.accruals import Accruals, build_accruals, refusal_is_full_return
from svodka.sandbox.ozon.listing import Listing, build_listing
from svodka.sandbox.ozon.pricing import OzonPrices, build_ozon_prices
from svodka.sandbox.ozon.sim import OzonSim, simulate_ozon
from svodka.sandbox.spec import WorldSpec

STATUSES = ("awaiting_packaging", "awaiting_deliver", "delivering", "delivered", "cancelled")
RETURN_TYPES = ("Cancellation", "FullReturn", "ClientReturn")
_M32 = (1 << 32) - 1


@dataclass
class Returns:
    """One row per refused or returned posting, ordered by return time (= by return id)."""

    posting: np.ndarray  # int32 posting index
    t: np.ndarray  # int64 Moscow seconds: refusal (logistic.return_date) or the buyer's return
    kind: np.ndarray  # int8 index into RETURN_TYPES
    t_back: np.ndarray  # int64 Moscow seconds the goods are back in stock (status changes then)
    return_id: np.ndarray  # int64


@dataclass(repr=False)
class OzonWorld:
    """Everything Ozon knows about the seller. Build it with `build_ozon`."""

    spec: WorldSpec
    start_day: int
    listing: Listing
    prices: OzonPrices
    sim: OzonSim
    accruals: Accruals
    returns: Returns
    card: np.ndarray  # catalog card index of each product

    def __repr__(self) -> str:
        return (
            f"OzonWorld({len(self.listing)} products, {self.n_postings} postings, "
            f"{len(self.accruals.acc_id)} accruals)"
        )

    @property
    def n_postings(self) -> int:
        """Number of postings in the world."""
        return len(self.sim.postings["t0"])

    @property
    def warehouses(self) -> tuple[D.OzonWarehouse, ...]:
        """FBO warehouses in use, then the seller's FBS warehouse (index `n_fbo`)."""
        return (*D.FBO_WAREHOUSES[: self.sim.n_fbo], D.FBS_WAREHOUSE)

    # -- identifiers -----------------------------------------------------------------
    def order_numbers(self, idx: np.ndarray) -> list[str]:
        """Ozon order numbers ("1234567890-0123") of postings; unique per posting."""
        i = np.asarray(idx, dtype=np.int64)
        a = 1_000_000_000 + ((i * 2_654_435_761 + self.spec.seed * 97) & _M32)
        b = 1 + (i * 7919 + self.spec.seed) % 9999
        return [f"{x:010d}-{y:04d}" for x, y in zip(a.tolist(), b.tolist(), strict=True)]

    def posting_numbers(self, idx: np.ndarray) -> list[str]:
        """Posting numbers: the order number + "-1" (one posting per order)."""
        return [f"{o}-1" for o in self.order_numbers(idx)]

    def order_ids(self, idx: np.ndarray) -> np.ndarray:
        """Ozon order ids (int64)."""
        return 30_000_000_000 + np.asarray(idx, dtype=np.int64) * 13 + self.spec.seed % 13

    def posting_index(self, numbers: list[str]) -> dict[str, int]:
        """Posting number → posting index, for the given numbers that exist."""
        out = {}
        for text in numbers:
            parts = str(text).split("-")
            if len(parts) != 3 or not all(p.isdigit() for p in parts):
                continue
            a = int(parts[0]) - 1_000_000_000 - self.spec.seed * 97
            # Invert i·K mod 2^32 (K odd): multiply by K's inverse.
            i = ((a & _M32) * pow(2_654_435_761, -1, 1 << 32)) & _M32
            if i < self.n_postings and self.posting_numbers(np.array([i]))[0] == text:
                out[text] = int(i)
        return out

    # -- state at a clock value ------------------------------------------------------
    def status(self, idx: np.ndarray, now_s: int) -> np.ndarray:
        """Index into STATUSES of each posting at `now_s` (postings must be created by then)."""
        p = self.sim.postings
        final = np.where(p["outcome"][idx] >= lifecycle.BOUGHT, 3, 4)
        return np.where(
            now_s >= p["t_end"][idx],
            final,
            np.where(now_s < p["t_pack"][idx], 0, np.where(now_s < p["t_ship"][idx], 1, 2)),
        )

    def snapshot_day(self, now_s: int) -> int | None:
        """World day index of the stock snapshot served at `now_s` (00:00 Moscow of its date,
        clamped to [start, end + 1]); None before the world starts."""
        d = now_s // DAY_S - self.start_day
        return None if d < 0 else min(d, self.spec.days)

    def reserved(self, d: int) -> np.ndarray:
        """(products, warehouses + FBS) units ordered but not shipped at 00:00 of world day `d`."""
        p, t = self.sim.postings, (self.start_day + d) * DAY_S
        held = (p["t0"] < t) & (p["t_ship"] > t) & ~((p["outcome"] == lifecycle.CANCEL) & (p["t_end"] <= t))
        out = np.zeros(self.sim.stock.shape[1:], dtype=np.int64)
        np.add.at(out, (p["prod"][held], p["wh"][held]), p["qty"][held])
        return out

    def in_transit(self, d: int) -> tuple[np.ndarray, np.ndarray]:
        """(supplies on their way to FBO, units coming back from buyers) at 00:00 of day `d`."""
        shape = self.sim.stock.shape[1:]
        s = self.sim.supply
        way = (s["ordered"] < d) & (s["arrive"] >= d)
        supply = np.zeros(shape, dtype=np.int64)
        np.add.at(supply, (s["prod"][way], s["wh"][way]), s["qty"][way])
        p, t = self.sim.postings, (self.start_day + d) * DAY_S
        came = np.where(p["outcome"] == lifecycle.RETURNED, p["t_ret"], p["t_end"])
        back = (p["restock"] >= 0) & (p["outcome"] != lifecycle.CANCEL) & (came <= t)
        back &= (self.start_day + p["restock"].astype(np.int64) + 1) * DAY_S > t
        returning = np.zeros(shape, dtype=np.int64)
        np.add.at(returning, (p["prod"][back], p["wh"][back]), p["qty"][back])
        return supply, returning

    def sold_units(self, d: int, days: int = 28) -> np.ndarray:
        """Units ordered and not cancelled per product in the `days` before day `d` (for `ads`)."""
        p = self.sim.postings
        t = (self.start_day + d) * DAY_S
        sel = (p["t0"] < t) & (p["t0"] >= t - days * DAY_S) & (p["outcome"] != lifecycle.CANCEL)
        return np.bincount(p["prod"][sel], weights=p["qty"][sel], minlength=len(self.listing))

    def price_day(self, now_s: int) -> int:
        """World day whose prices are current at `now_s` (clamped to the world)."""
        return int(min(max(now_s // DAY_S - self.start_day, 0), self.spec.days - 1))

    def prices_on(self, day: date, barcodes: list[str]) -> dict[str, tuple[Decimal, Decimal]]:
        """Per barcode on Ozon: (old_price, price) in roubles on a world day."""
        d = min(max(day_number(day) - self.start_day, 0), self.spec.days - 1)
        old = self.prices.old_rub[self.card, d].astype(np.int64) * 100
        price = self.prices.price_kop(self.card, d)
        return {
            barcodes[b]: (Decimal(o).scaleb(-2), Decimal(p).scaleb(-2))
            for b, o, p in zip(self.listing.bar.tolist(), old.tolist(), price.tolist(), strict=True)
        }


def _build_returns(sim: OzonSim, seed: int, start_day: int) -> Returns:
    p = sim.postings
    out = p["outcome"]
    f = np.nonzero(out == lifecycle.REFUSED)[0]
    r = np.nonzero(out == lifecycle.RETURNED)[0]
    posting = np.concatenate([f, r]).astype(np.int32)
    t = np.concatenate([p["t_end"][f], p["t_ret"][r]])
    kind = np.concatenate([np.where(refusal_is_full_return(p["reason"][f]), 1, 0), np.full(len(r), 2)])
    back = (start_day + p["restock"][posting].astype(np.int64) + 1) * DAY_S
    order = np.lexsort((posting, t))
    rid = 1_000_000_000 + seed * 1_000 + np.arange(len(order), dtype=np.int64) * 3
    return Returns(posting[order], t[order], kind[order].astype(np.int8), back[order], rid)


def build_ozon(
    spec: WorldSpec, cat: Catalog, wb_prices: PriceBook, rng: np.random.Generator, start_day: int
) -> OzonWorld:
    """Generate the Ozon side from its own random stream (the WB numbers do not depend on it)."""
    listing = build_listing(spec, cat, rng)
    prices = build_ozon_prices(spec, cat, wb_prices, rng)
    sim = simulate_ozon(spec, cat, listing, prices, rng, start_day)
    card = cat.bar_card[listing.bar]
    accruals = build_accruals(spec, listing, prices, card, sim, rng, start_day)
    returns = _build_returns(sim, spec.seed, start_day)
    return OzonWorld(spec, start_day, listing, prices, sim, accruals, returns, card)
