"""Ozon prices: the seller's own "before discount" price and discount per card and day.

Sellers keep Ozon prices close to their WB prices: the Ozon `old_price` is the WB list price of
the day × a per-card factor (0.95–1.15), rounded to a seller's price; the discount is the
seller's own, deepened by Ozon promotions ("акции") that lift demand. `price` — what the buyer
sees and what the seller is paid on — is `old_price × (100 − discount)` kopecks, exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.catalog import Catalog, PriceBook, _nice_price
from svodka.sandbox.spec import WorldSpec


@dataclass
class OzonPrices:
    """(cards, days) price arrays of the Ozon side."""

    old_rub: np.ndarray  # int32 whole roubles, the crossed-out price
    discount: np.ndarray  # int16 %, the seller's discount incl. promotions
    lift: np.ndarray  # float32 demand multiplier of promotions

    def price_kop(self, card: np.ndarray | int, day: np.ndarray | int) -> np.ndarray:
        """The selling price in kopecks: old_price × (100 − discount)."""
        return self.old_rub[card, day].astype(np.int64) * (100 - self.discount[card, day].astype(np.int64))

    def as_pricebook(self) -> PriceBook:
        """The same arrays in the WB PriceBook shape (for the shared demand multiplier)."""
        return PriceBook(self.old_rub, self.discount, self.lift)


def build_ozon_prices(spec: WorldSpec, cat: Catalog, wb: PriceBook, rng: np.random.Generator) -> OzonPrices:
    """Ozon prices that follow WB's repricing, with the seller's own Ozon discounts and promotions."""
    n, d = cat.n_cards, spec.days
    factor = rng.uniform(0.95, 1.15, n)
    old = _nice_price(wb.price_rub.astype(float) * factor[:, None]).astype(np.int32)
    disc = np.repeat(rng.integers(10, 45, n)[:, None], d, axis=1).astype(np.int16)
    lift = np.ones((n, d), dtype=np.float32)
    for i in range(n):
        t = rng.exponential(30.0)
        while t < d:
            s = int(t)
            e = min(d, s + int(rng.integers(3, 15)))
            disc[i, s:e] = np.minimum(disc[i, s:e] + int(rng.integers(5, 21)), 70)
            lift[i, s:e] *= rng.uniform(1.2, 2.5)
            t = e + rng.exponential(30.0)
    return OzonPrices(old, disc, lift)
