"""Generate the advertising world: WB and Ozon campaigns over the seller's goods, with daily stats.

WB spend is calibrated to `spec.ad_share` of the WB revenue (the old weekly «WB Продвижение»
figure), and the weekly finance deduction is built from it (finance.build_lines). Ozon spend is
calibrated the same way to the Ozon share of demand; it is paid from a separate prepaid ad
account and never appears in Ozon seller accruals.
"""

from __future__ import annotations

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.ads.model import OZON, WB, AdsWorld, Campaigns, DailyStats
from svodka.sandbox.ads.plan import Plan, plan_campaigns
from svodka.sandbox.ads.stats import Setup, simulate_stats, whole_roubles_per_day
from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S, day_date
from svodka.sandbox.demand import Simulation
from svodka.sandbox.spec import WorldSpec

WB_APP_SHARE = (0.18, 0.52, 0.30)  # appType 1 (site), 32 (Android), 64 (iOS)
WB_ITEMS = (1, 1, 2, 2, 3, 4, 5)
OZON_ITEMS = (1, 2, 2, 3, 4, 5, 6, 8)


class _Prices:
    """Seller price after discount (kopecks) of a card on a day, as the WB price book has it."""

    def __init__(self, spec: WorldSpec, prices: PriceBook, start_day: int) -> None:
        self.p, self.days, self.start = prices, spec.days, start_day

    def card(self, card: np.ndarray, day: np.ndarray) -> np.ndarray:
        d = np.clip(np.asarray(day) - self.start, 0, self.days - 1)
        rub = self.p.price_rub[card, d].astype(np.int64)
        return rub * (100 - self.p.discount[card, d].astype(np.int64))


def _pick_items(
    plans: list[Plan], eligible_since: np.ndarray, weight: np.ndarray, sizes: tuple[int, ...], rng
) -> list[np.ndarray]:
    """Promoted items of each campaign: drawn by popularity among items that existed at creation."""
    out = []
    for p in plans:
        ok = np.nonzero(eligible_since < p.ev_t[0])[0]
        if not len(ok):
            ok = np.arange(len(weight))
        k = min(int(rng.choice(sizes)), len(ok))
        w = weight[ok] / weight[ok].sum()
        out.append(np.sort(rng.choice(ok, k, replace=False, p=w)).astype(np.int64))
    return out


def _names(market: str, plans: list[Plan], items: list[np.ndarray], subject_of, rng) -> list[str]:
    out = []
    for i, (p, it) in enumerate(zip(plans, items, strict=True)):
        created = day_date(int(p.ev_t[0]) // DAY_S).strftime("%d.%m.%Y")
        subject = subject_of(int(it[0]))
        if market == WB:
            variants = (f"Кампания от {created}", f"{subject} — поиск", f"{subject} — рекомендации")
        else:
            variants = (f"Продвижение: {subject}", f"Реклама товаров №{i + 1}", f"Трафареты {created}")
        out.append(variants[int(rng.integers(len(variants)))])
    return out


def _campaigns(
    market: str,
    plans: list[Plan],
    items: list[np.ndarray],
    names: list[str],
    cpm: np.ndarray,
    unified: np.ndarray,
    rng: np.random.Generator,
    first_id: int,
) -> Campaigns:
    n = len(plans)
    ids = first_id + np.cumsum(rng.integers(40_000, 400_000, n)).astype(np.int64)
    return Campaigns(
        market=market,
        ids=ids,
        names=names,
        payment=["cpm" if x else "cpc" for x in cpm.tolist()],
        unified=unified,
        bid_kop=np.zeros(n, np.int64),
        budget_kop=np.zeros(n, np.int64),
        first_day=np.array([p.first_day for p in plans], np.int64),
        last_day=np.array([p.last_day for p in plans], np.int64),
        budget_stops=rng.random(n) < 0.5,
        ev_t=[p.ev_t for p in plans],
        ev_status=[p.ev_status for p in plans],
        items=items,
        items_added=[
            np.full(len(it), int(p.ev_t[0]) // DAY_S, np.int64) for p, it in zip(plans, items, strict=True)
        ],
    )


def _simulate(
    camps: Campaigns,
    plans: list[Plan],
    item_weight: np.ndarray,
    price_of,
    app_share: tuple[float, ...],
    target_kop: float,
    rng: np.random.Generator,
) -> DailyStats:
    n = len(camps)
    # About one campaign in four loses money: its ДРР is above any plausible margin.
    losing = (np.arange(n) % 4 == 1) | (rng.random(n) < 0.1)
    drr = np.where(losing, rng.uniform(0.35, 0.9, n), rng.uniform(0.05, 0.3, n))
    weight = [item_weight[it] * rng.lognormal(0.0, 0.5, len(it)) for it in camps.items]
    setup = Setup(
        np.array([p == "cpm" for p in camps.payment]),
        camps.items,
        [p.active_days for p in plans],
        drr,
        weight,
    )
    stats, bid = simulate_stats(setup, price_of, app_share, target_kop, rng)
    camps.bid_kop[:] = bid
    if len(stats):  # daily budget: above the busiest day, in hundreds of roubles
        peak = np.zeros(n, np.int64)
        key = stats.camp.astype(np.int64) * 100_000 + (stats.day - stats.day.min())
        uniq, inv = np.unique(key, return_inverse=True)
        per_day = np.bincount(inv, weights=stats.cols["spend"].astype(float))
        np.maximum.at(peak, (uniq // 100_000).astype(np.int64), per_day.astype(np.int64))
        camps.budget_kop[:] = np.maximum(50_000, np.ceil(peak * rng.uniform(1.2, 2.5, n) / 10_000) * 10_000)
    else:
        camps.budget_kop[:] = 50_000
    return stats


def build_ads(
    spec: WorldSpec,
    cat: Catalog,
    prices: PriceBook,
    sim: Simulation,
    ozon,
    rng: np.random.Generator,
    start_day: int,
) -> AdsWorld:
    """Both marketplaces' campaigns and stats.

    `ozon` is the Ozon side (`world.ozon`: `listing` with `bar`, `sku`, `created`; `prices` with
    `price_kop(card, day index)` when present, else WB prices stand in) or None. WB and Ozon
    draw from separate child streams, so the WB side does not depend on the Ozon one.
    """
    wb_rng, oz_rng = rng.spawn(2)
    end_day = start_day + spec.days - 1
    o = sim.orders
    card_orders = np.bincount(cat.bar_card[o["bar"]], minlength=cat.n_cards) + 1.0
    pop = np.sqrt(card_orders / card_orders.mean())
    px = _Prices(spec, prices, start_day)
    sold = o["outcome"] >= lifecycle.BOUGHT
    in_world = (o["t_out"] // DAY_S >= start_day) & (o["t_out"] // DAY_S <= end_day)
    revenue = float(o["pwd"][sold & in_world].astype(np.int64).sum())

    def subject(card: int) -> str:
        return cat.card_subject[card].name

    n_wb = int(np.clip(round(cat.n_cards / 5), 3, 60))
    plans = plan_campaigns(n_wb, wb_rng, start_day, end_day)
    items = _pick_items(plans, cat.card_created, pop, WB_ITEMS, wb_rng)
    unified = wb_rng.random(n_wb) < 0.5
    cpm = unified | (wb_rng.random(n_wb) < 0.4)
    wb = _campaigns(
        WB, plans, items, _names(WB, plans, items, subject, wb_rng), cpm, unified, wb_rng, 21_000_000
    )
    wb_stats = _simulate(wb, plans, pop, px.card, WB_APP_SHARE, spec.ad_share * revenue, wb_rng)
    whole_roubles_per_day(wb_stats)

    listing = getattr(ozon, "listing", None)
    if listing is None or not len(listing.bar):
        empty = _campaigns(OZON, [], [], [], np.zeros(0, bool), np.zeros(0, bool), oz_rng, 0)
        none = DailyStats(*(np.zeros(0, t) for t in (np.int32, np.int32, np.int64, np.int8)))
        none.cols = {k: np.zeros(0, np.int64) for k in wb_stats.cols}
        return AdsWorld(wb, wb_stats, empty, none, np.zeros(0, np.int64), cat.card_nm, cat.card_title, [])
    lbar = np.asarray(listing.bar)
    lcard = cat.bar_card[lbar]
    n_oz = int(np.clip(round(len(lbar) / 8), 2, 40))
    plans = plan_campaigns(n_oz, oz_rng, start_day, end_day)
    items = _pick_items(plans, np.asarray(listing.created), pop[lcard], OZON_ITEMS, oz_rng)
    cpm = oz_rng.random(n_oz) < 0.25
    names = _names(OZON, plans, items, lambda r: subject(int(lcard[r])), oz_rng)
    oz = _campaigns(OZON, plans, items, names, cpm, np.zeros(n_oz, bool), oz_rng, 11_000_000)
    share = getattr(spec, "ozon_rate", spec.orders_per_day / 2) / spec.orders_per_day
    oz_prices = getattr(ozon, "prices", None)

    def oz_price(r: np.ndarray, d: np.ndarray) -> np.ndarray:
        if oz_prices is None:
            return px.card(lcard[r], d)
        return oz_prices.price_kop(lcard[r], np.clip(d - start_day, 0, spec.days - 1))

    oz_stats = _simulate(
        oz,
        plans,
        pop[lcard],
        oz_price,
        (1.0,),
        spec.ad_share * revenue * share,
        oz_rng,
    )
    titles = [cat.card_title[c] for c in lcard.tolist()]
    sku = np.asarray(listing.sku, dtype=np.int64)
    return AdsWorld(wb, wb_stats, oz, oz_stats, sku, cat.card_nm, cat.card_title, titles)
