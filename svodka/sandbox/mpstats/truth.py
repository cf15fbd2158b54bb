"""Ground truth of the MPStats side: every served item-day, with the item's category and likeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from svodka.sandbox.clock import DAY_S, day_date

if TYPE_CHECKING:
    from svodka.sandbox.world import World

Key = tuple[str, int]  # (marketplace "wb" | "oz", item id)


def served_days(start_day: int, days: int, now_s: int) -> int:
    """How many world days MPStats has data for at `now_s`: up to yesterday (Moscow time)."""
    return max(0, min(days, now_s // DAY_S - start_day))


@dataclass(repr=False)
class MpstatsTruth:
    """`competitor_daily[(mp, item_id, date)] = (price, sales, revenue, stock, rating, reviews)` for
    every item (own items included, see `own`; built on first use); price/revenue are whole roubles,
    rating one decimal.
    `category[(mp, id)]` is the MPStats path; `resembles[(mp, id)]` the seller's vendor code (and
    `resembles_nm` its WB nmId) of the card the item is or imitates; `own[(mp, id)]` marks the seller's."""

    world: World
    now_s: int
    category: dict[Key, str]
    resembles: dict[Key, str]
    resembles_nm: dict[Key, int]
    own: dict[Key, bool]
    brand: dict[Key, str]
    seller: dict[Key, str]

    @classmethod
    def build(cls, world: World, now_s: int) -> MpstatsTruth:
        m, cat = world.mpstats, world.catalog
        keys = list(zip(m.mp, m.item_id.tolist(), strict=True))
        cards = m.card.tolist()
        return cls(
            world=world,
            now_s=now_s,
            category=dict(zip(keys, m.path, strict=True)),
            resembles={k: cat.card_vendor[c] for k, c in zip(keys, cards, strict=True)},
            resembles_nm={k: int(cat.card_nm[c]) for k, c in zip(keys, cards, strict=True)},
            own=dict(zip(keys, m.own.tolist(), strict=True)),
            brand=dict(zip(keys, m.brand, strict=True)),
            seller=dict(zip(keys, m.seller, strict=True)),
        )

    @cached_property
    def competitor_daily(self) -> dict[tuple[str, int, date], tuple[int, int, int, int, float, int]]:
        """Built on first use (a big world has millions of item-days)."""
        m = self.world.mpstats
        n_days = served_days(m.start_day, m.days, self.now_s)
        revenue = m.revenue()
        daily: dict[tuple[str, int, date], tuple[int, int, int, int, float, int]] = {}
        dates = [day_date(m.start_day + d) for d in range(n_days)]
        for i, (mp, item) in enumerate(zip(m.mp, m.item_id.tolist(), strict=True)):
            p, s, r = m.price[i].tolist(), m.sales[i].tolist(), revenue[i].tolist()
            b, rt, cm = m.balance[i].tolist(), m.rating10[i].tolist(), m.comments[i].tolist()
            for d in range(n_days):
                daily[(mp, item, dates[d])] = (p[d], s[d], r[d], b[d], rt[d] / 10, cm[d])
        return daily
