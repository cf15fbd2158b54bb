"""The market around the seller as MPStats sees it: own items and competitors, day by day.

Per marketplace ("wb", "oz") and category path (parent/subject of the seller's cards), the
seller's own items (WB nmId / Ozon SKU, numbers taken from the world) and `COMPETITORS`
competitor items, each resembling one of the seller's cards (name with noise, another brand
and seller). Competitors draw only from their own rng stream, so nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.demand import Simulation
from svodka.sandbox.ozon.world import OzonWorld
from svodka.sandbox.spec import WorldSpec

COMPETITORS = 6  # competitor items per (marketplace, category path)
MARKETS = ("wb", "oz")
OWN_SELLER = "ООО «Сводка Трейд»"
SELLERS = (
    "ИП Абрамова Е. С.",
    "ООО «Маркет Плюс»",
    "ИП Гусейнов Р. А.",
    "ООО «Торговый дом Вега»",
    "ИП Ким А. В.",
    "ООО «Бест Прайс»",
    "ИП Смирнова О. Н.",
    "ООО «Лидер Опт»",
    "ИП Петров Д. И.",
    "ООО «Южный склад»",
)
BRANDS = ("NoName", "Lumaria", "Ветерок", "Urban Fox", "Домовёнок", "Pretty Line", "TopMark", "Северянка")
EXTRAS = ("новинка", "хит", "2026", "премиум", "для дома", "оригинал", "подарок", "универсальный")


@dataclass(repr=False)
class MpstatsWorld:
    """Columnar items (per-item lists/arrays) and (items, days) daily arrays from `start_day`."""

    start_day: int
    mp: list[str]  # "wb" | "oz"
    item_id: np.ndarray  # int64 nmId (WB) or SKU (Ozon)
    name: list[str]
    brand: list[str]
    seller: list[str]
    supplier_id: np.ndarray  # int64
    path: list[str]  # MPStats category path, e.g. "Женщинам/Платья"
    subject_id: np.ndarray  # int64
    card: np.ndarray  # int32 catalog card the item is (own) or resembles (competitor)
    own: np.ndarray  # bool: the seller's own item
    basic_price: np.ndarray  # (items, days) int32 roubles before the discount
    price: np.ndarray  # (items, days) int32 roubles, final price
    sales: np.ndarray  # (items, days) int32 units sold
    balance: np.ndarray  # (items, days) int32 stock at the end of the day
    rating10: np.ndarray  # (items, days) int16 rating × 10
    comments: np.ndarray  # (items, days) int32 reviews so far

    @property
    def days(self) -> int:
        return self.price.shape[1]

    def revenue(self) -> np.ndarray:
        """(items, days) int64 roubles: sales × final price."""
        return self.sales.astype(np.int64) * self.price


def _noisy(title: str, rng: np.random.Generator) -> str:
    """A competitor's title for goods like `title`: reordered, extra words, a typo, another case."""
    words = title.split()
    if len(words) > 2 and rng.random() < 0.5:
        i = int(rng.integers(1, len(words) - 1))
        words[i], words[i + 1] = words[i + 1], words[i]
    if rng.random() < 0.6:
        words.append(str(rng.choice(EXTRAS)))
    if rng.random() < 0.3:
        w = int(rng.integers(0, len(words)))
        if len(words[w]) > 4:
            k = int(rng.integers(1, len(words[w]) - 2))
            words[w] = words[w][:k] + words[w][k + 1] + words[w][k] + words[w][k + 2 :]
    out = " ".join(words)
    return out.lower() if rng.random() < 0.2 else out


def _own(spec, cat: Catalog, prices: PriceBook, sim: Simulation, ozon, start_day: int) -> dict[str, list]:
    """The seller's own items on both marketplaces, numbers from the world."""
    days = spec.days
    rows: dict[str, list] = {k: [] for k in ("mp", "id", "card", "basic", "price", "sales", "balance")}
    o = sim.orders
    oday = (o["t0"] // DAY_S - start_day).astype(np.int64)
    ocard = cat.bar_card[o["bar"]]
    ok = (oday >= 0) & (oday < days)
    wb_sales = np.zeros((cat.n_cards, days), np.int64)
    np.add.at(wb_sales, (ocard[ok], oday[ok]), 1)
    card_stock = np.zeros((cat.n_cards, days), np.int64)  # at the end of each day, all warehouses
    np.add.at(card_stock, cat.bar_card, sim.stock[1 : days + 1].sum(axis=2).T)
    for c in range(cat.n_cards):
        basic = prices.price_rub[c, :days].astype(np.int64)
        rows["mp"].append("wb")
        rows["id"].append(int(cat.card_nm[c]))
        rows["card"].append(c)
        rows["basic"].append(basic)
        rows["price"].append(basic * (100 - prices.discount[c, :days].astype(np.int64)) // 100)
        rows["sales"].append(wb_sales[c])
        rows["balance"].append(card_stock[c])
    if ozon is not None:
        p = ozon.sim.postings
        pday = (p["t0"] // DAY_S - start_day).astype(np.int64)
        ok = (pday >= 0) & (pday < days)
        oz_sales = np.zeros((len(ozon.listing), days), np.int64)
        np.add.at(oz_sales, (p["prod"][ok], pday[ok]), p["qty"][ok].astype(np.int64))
        oz_stock = ozon.sim.stock[1 : days + 1].sum(axis=2)
        for i in range(len(ozon.listing)):
            c = int(cat.bar_card[ozon.listing.bar[i]])
            rows["mp"].append("oz")
            rows["id"].append(int(ozon.listing.sku[i]))
            rows["card"].append(c)
            rows["basic"].append(ozon.prices.old_rub[c, :days].astype(np.int64))
            rows["price"].append(ozon.prices.price_kop(c, np.arange(days)) // 100)
            rows["sales"].append(oz_sales[i])
            rows["balance"].append(oz_stock[:, i])
    return rows


def build_mpstats(
    spec: WorldSpec,
    cat: Catalog,
    prices: PriceBook,
    sim: Simulation,
    ozon: OzonWorld | None,
    rng: np.random.Generator,
    start_day: int,
) -> MpstatsWorld:
    """Own items from the world plus competitors drawn from `rng` (deterministic)."""
    days = spec.days
    own = _own(spec, cat, prices, sim, ozon, start_day)
    n_own = len(own["mp"])
    supplier_own = 100_000 + spec.seed % 900_000

    def path_of(c: int) -> str:
        return f"{cat.categories[cat.card_cat[c]].parent}/{cat.card_subject[c].name}"

    groups: dict[tuple[str, str], list[int]] = {}
    for k in range(n_own):
        groups.setdefault((own["mp"][k], path_of(own["card"][k])), []).append(k)
    mp, ids, names, brands, sellers, sup, paths, cards = [], [], [], [], [], [], [], []
    basic, price, sales, balance = [], [], [], []
    used = set(own["id"])
    for (market, path), members in sorted(groups.items()):
        mean_sales = float(np.mean([own["sales"][k].mean() for k in members])) + 0.2
        for _ in range(COMPETITORS):
            k = members[int(rng.integers(0, len(members)))]
            c = own["card"][k]
            lo, hi = (100_000_000, 400_000_000) if market == "wb" else (1_000_000_000, 2_000_000_000)
            item = int(rng.integers(lo, hi))
            while item in used:
                item += 1
            used.add(item)
            s = int(rng.integers(0, len(SELLERS)))
            mp.append(market)
            ids.append(item)
            pool = [b for b in (*cat.categories[cat.card_cat[c]].brands, *BRANDS) if b != cat.card_brand[c]]
            brands.append(str(pool[int(rng.integers(0, len(pool)))]))
            names.append(_noisy(cat.card_title[c].replace(cat.card_brand[c], brands[-1]), rng))
            sellers.append(SELLERS[s])
            sup.append(200_000 + 7919 * s + spec.seed % 1000)
            paths.append(path)
            cards.append(c)
            # price: the resembled item's level × a competitor factor × a slow random walk
            level = max(float(own["price"][k][0]), 50.0) * rng.lognormal(0.0, 0.25)
            walk = np.exp(np.cumsum(rng.normal(0.0, 0.015, days)))
            promo = np.where(rng.random(days) < 0.08, 0.85, 1.0)
            fin = np.maximum(np.rint(level * walk * promo), 10).astype(np.int64)
            disc = int(rng.integers(10, 55))
            basic.append(np.rint(fin * 100 / (100 - disc)).astype(np.int64))
            price.append(fin)
            rate = mean_sales * rng.lognormal(0.0, 0.8)
            demand = rng.poisson(rate * (1 + 0.2 * np.sin(np.arange(days) * 2 * np.pi / 7)))
            stock = int(rate * rng.uniform(5, 30)) + 3
            sold, bal = np.zeros(days, np.int64), np.zeros(days, np.int64)
            for d in range(days):  # a stock-out lasts until the seller's next supply
                if stock == 0 and rng.random() < 0.25:
                    stock = int(rate * rng.uniform(10, 40)) + 5
                sold[d] = min(int(demand[d]), stock)
                stock -= int(sold[d])
                bal[d] = stock
            sales.append(sold)
            balance.append(bal)
    n = n_own + len(mp)
    all_sales = np.array([*own["sales"], *sales], dtype=np.int32).reshape(n, days)
    r0 = rng.integers(38, 50, n)
    steps = np.where(rng.random((n, days)) < 0.04, rng.choice([-1, 1], (n, days)), 0)
    rating = np.clip(r0[:, None] + np.cumsum(steps, axis=1), 30, 50).astype(np.int16)
    c0 = rng.lognormal(4.0, 1.2, n).astype(np.int64)
    comments = (c0[:, None] + np.cumsum(rng.binomial(all_sales, 0.06), axis=1)).astype(np.int32)
    all_cards = [*own["card"], *cards]
    return MpstatsWorld(
        start_day=start_day,
        mp=[*own["mp"], *mp],
        item_id=np.array([*own["id"], *ids], dtype=np.int64),
        name=[*(cat.card_title[c] for c in own["card"]), *names],
        brand=[*(cat.card_brand[c] for c in own["card"]), *brands],
        seller=[OWN_SELLER] * n_own + sellers,
        supplier_id=np.array([supplier_own] * n_own + sup, dtype=np.int64),
        path=[*(path_of(c) for c in own["card"]), *paths],
        subject_id=np.array([cat.card_subject[c].subject_id for c in all_cards], dtype=np.int64),
        card=np.array(all_cards, dtype=np.int32),
        own=np.arange(n) < n_own,
        basic_price=np.array([*own["basic"], *basic], dtype=np.int32).reshape(n, days),
        price=np.array([*own["price"], *price], dtype=np.int32).reshape(n, days),
        sales=all_sales,
        balance=np.array([*own["balance"], *balance], dtype=np.int32).reshape(n, days),
        rating10=rating,
        comments=comments,
    )
