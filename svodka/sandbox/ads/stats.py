"""Daily advertising statistics: views, clicks, spend, ad-attributed orders and revenue.

Per campaign × item the world draws a click-through rate (1–5 %), a conversion rate and a
target ДРР (ad spend / ad revenue; about one campaign in four loses money with ДРР 35–90 %),
and sets the bid from them: a CPC bid pays for clicks, a CPM bid for a thousand views. Volumes
are then scaled so that the marketplace's total spend meets `target_kop`. Spend on a row is
the bid times what was bought, at 70–100 % of the bid (second-price auctions), in kopecks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.ads.model import STAT_COLUMNS, DailyStats
from svodka.sandbox.data import WEEKDAY


@dataclass
class Setup:
    """Per campaign: payment type, promoted items, active days and target ДРР."""

    cpm: np.ndarray  # bool per campaign
    items: list[np.ndarray]
    active_days: list[np.ndarray]
    drr: np.ndarray  # target ad spend / ad revenue per campaign
    weight: list[np.ndarray]  # per campaign: relative views per item


def _rows(setup: Setup, n_apps: int) -> dict[str, np.ndarray]:
    """One row per campaign × active day × app × item, in that sort order."""
    camp, item, day, app, slot = [], [], [], [], []
    for c, (items, days) in enumerate(zip(setup.items, setup.active_days, strict=True)):
        if not len(days) or not len(items):
            continue
        k, d = len(items), len(days)
        camp.append(np.full(d * n_apps * k, c, np.int32))
        day.append(np.repeat(days, n_apps * k))
        app.append(np.tile(np.repeat(np.arange(n_apps, dtype=np.int8), k), d))
        slot.append(np.tile(np.arange(k), d * n_apps))
        item.append(np.tile(items.astype(np.int32), d * n_apps))
    if not camp:
        z = np.zeros(0, np.int64)
        return {
            "camp": z.astype(np.int32),
            "item": z.astype(np.int32),
            "day": z,
            "app": z.astype(np.int8),
            "slot": z,
        }
    return {
        "camp": np.concatenate(camp),
        "item": np.concatenate(item),
        "day": np.concatenate(day),
        "app": np.concatenate(app),
        "slot": np.concatenate(slot),
    }


def simulate_stats(
    setup: Setup,
    price_kop,
    app_share: tuple[float, ...],
    target_kop: float,
    rng: np.random.Generator,
) -> tuple[DailyStats, np.ndarray]:
    """Draw the daily rows; `price_kop(item, day)` gives item prices in kopecks (arrays).

    Returns the stats and the bid per campaign (kopecks per click, or per 1000 views for CPM).
    """
    n = len(setup.cpm)
    r = _rows(setup, len(app_share))
    c, it, d = r["camp"], r["item"], r["day"]
    # Per campaign × item rates, indexed by (campaign, slot).
    width = max((len(x) for x in setup.items), default=1) or 1
    ctr = rng.uniform(0.01, 0.05, (n, width))
    cr = rng.uniform(0.015, 0.08, (n, width))
    atb = rng.uniform(0.06, 0.2, (n, width))
    price = price_kop(it, d).astype(np.float64)
    # Bids from the target ДРР at the campaign's average price, clamped to sensible minimums.
    bid = np.zeros(n, np.int64)
    for k in range(n):
        sel = c == k
        if not sel.any():
            bid[k] = 30_000 if setup.cpm[k] else 800
            continue
        p = float(price[sel].mean())
        m_ctr, m_cr = float(ctr[k, : len(setup.items[k])].mean()), float(cr[k, : len(setup.items[k])].mean())
        if setup.cpm[k]:
            raw = setup.drr[k] * m_ctr * m_cr * 1.1 * p * 1000 / 0.85
            bid[k] = min(max(15_000, round(raw / 100) * 100), 90_000)  # 150–900 ₽ per 1000 views
        else:
            raw = setup.drr[k] * m_cr * 1.1 * p / 0.85
            bid[k] = min(max(300, round(raw / 100) * 100), 25_000)  # 3–250 ₽ per click
    slot = r["slot"]
    weight = np.zeros((n, width))
    for k, w in enumerate(setup.weight):
        weight[k, : len(w)] = w
    wd = np.array(WEEKDAY)[(d + 3) % 7]
    lam = weight[c, slot] * np.asarray(app_share)[r["app"]] * wd
    # Expected kopecks per unit of lam: CPM pays views, CPC pays clicks, at 85 % of the bid on average.
    per_view = np.where(setup.cpm[c], bid[c] / 1000, ctr[c, slot] * bid[c]) * 0.85
    expected = float((lam * per_view).sum())
    scale = target_kop / expected if expected > 0 else 0.0
    lam = lam * scale * rng.gamma(4.0, 0.25, len(lam))
    views = rng.poisson(lam)
    clicks = rng.binomial(views, ctr[c, slot])
    atbs = rng.binomial(clicks, atb[c, slot])
    orders = rng.binomial(clicks, cr[c, slot])
    shks = orders + rng.binomial(orders, 0.08)
    canceled = rng.binomial(orders, 0.05)
    model = rng.binomial(clicks, cr[c, slot] * 0.15)
    paid = np.where(setup.cpm[c], views * bid[c] / 1000, clicks * bid[c])
    spend = np.rint(paid * rng.uniform(0.7, 1.0, len(c))).astype(np.int64)
    unit = np.rint(price).astype(np.int64)
    cols = {
        "views": views,
        "clicks": clicks,
        "atbs": atbs,
        "orders": orders,
        "shks": shks,
        "canceled": canceled,
        "spend": spend,
        "revenue": shks * unit,
        "model_orders": model,
        "model_revenue": model * unit,
        "price": unit,
    }
    keep = (views > 0) | (spend > 0)
    stats = DailyStats(
        c[keep], it[keep], d[keep], r["app"][keep], {k: cols[k][keep].astype(np.int64) for k in STAT_COLUMNS}
    )
    return stats, bid


def whole_roubles_per_day(stats: DailyStats) -> None:
    """Round each campaign-day's spend to whole roubles (WB bills whole roubles per day, see
    /adv/v1/upd `updSum`), moving the difference onto the day's largest rows. In place."""
    spend = stats.cols["spend"]
    if not len(spend):
        return
    key = stats.camp.astype(np.int64) * 10_000_000 + stats.day
    starts = np.nonzero(np.r_[True, key[1:] != key[:-1]])[0]  # rows are sorted by (camp, day)
    ends = np.r_[starts[1:], len(key)]
    totals = np.add.reduceat(spend, starts)
    target = (totals + 50) // 100 * 100
    for s, e, diff in zip(starts.tolist(), ends.tolist(), (target - totals).tolist(), strict=True):
        if not diff:
            continue
        order = s + np.argsort(-spend[s:e], kind="stable")
        for i in order.tolist():  # a negative difference may need more than the largest row
            take = diff if diff > 0 else max(diff, -int(spend[i]))
            spend[i] += take
            diff -= take
            if not diff:
                break
