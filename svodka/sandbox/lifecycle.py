"""What happens to one ordered unit: prices at order time, then cancel, refusal, buyout or return.

Every order row is one unit (as in WB statistics). Outcome codes:
0 cancelled before shipment, 1 delivered but not bought out (refused / not collected),
2 bought out, 3 bought out and later returned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.clock import DAY_S
from svodka.sandbox.data import ACQUIRING, HOUR_WEIGHTS, PICKUP_POINTS, REGIONS

CANCEL, REFUSED, BOUGHT, RETURNED = 0, 1, 2, 3
NEVER = np.iinfo(np.int64).max

# Column → dtype of the orders table (one row per ordered unit). Money is int32 kopecks.
ORDER_DTYPES: dict[str, type] = {
    "t0": np.int64,
    "bar": np.int32,
    "wh": np.int8,
    "region": np.int8,
    "pickup": np.int8,
    "list_kop": np.int32,
    "disc": np.int16,
    "pwd": np.int32,
    "spp": np.int8,
    "finished": np.int32,
    "acq": np.int32,
    "bank": np.int8,
    "fee": np.int32,
    "forpay": np.int32,
    "pay_sale": np.int32,
    "outcome": np.int8,
    "t_out": np.int64,
    "t_ret": np.int64,
    "restock": np.int32,
    "lcd1": np.int64,
    "lcd2": np.int64,
    "income": np.int32,
    "log_fwd": np.int32,
    "log_rev": np.int32,
    "rebill": np.int32,
}


@dataclass
class DayContext:
    """Per-card and per-warehouse facts the lifecycle needs, prepared once per world."""

    bar_card: np.ndarray
    card_spp_lo: np.ndarray
    card_spp_hi: np.ndarray
    card_comm10: np.ndarray  # commission, tenths of a percent
    card_buyout: np.ndarray
    card_return: np.ndarray
    card_logistics_rub: np.ndarray  # base box tariff for the card's volume
    wh_delivery_coef: np.ndarray
    cancel_rate: float
    start_day: int


def box_tariff_rub(volume_l: np.ndarray) -> np.ndarray:
    """WB box logistics base tariff by volume (economics §1.2, 2025 to Jan 2026)."""
    v = np.asarray(volume_l, dtype=float)
    small = np.select([v <= 0.2, v <= 0.4, v <= 0.6, v <= 0.8], [23.0, 26.0, 29.0, 30.0], 32.0)
    return np.where(v <= 1.0, small, 46.0 + 14.0 * (np.ceil(v) - 1.0))


_HOUR_P = np.array(HOUR_WEIGHTS) / sum(HOUR_WEIGHTS)
_REGION_P = np.array([r[3] for r in REGIONS]) / sum(r[3] for r in REGIONS)
_BANK_P = np.array([b[2] for b in ACQUIRING]) / sum(b[2] for b in ACQUIRING)
_BANK_PCT10 = np.array([b[1] for b in ACQUIRING], dtype=np.int64)


def _uniform_s(rng: np.random.Generator, lo: float, hi: float, m: int) -> np.ndarray:
    return rng.integers(int(lo), int(hi), m, dtype=np.int64)


def make_orders(
    ctx: DayContext,
    rng: np.random.Generator,
    day: int,
    bar: np.ndarray,
    wh: np.ndarray,
    price_rub: np.ndarray,
    discount: np.ndarray,
    income: np.ndarray,
) -> dict[str, np.ndarray]:
    """Orders of world day `day` for the given (barcode, warehouse) units, sorted by order time.

    `price_rub`/`discount` are the card's list price and seller discount that day; `income` is
    the supply (incomeID) the unit was taken from.
    """
    m = len(bar)
    card = ctx.bar_card[bar]
    day_start = (ctx.start_day + day) * DAY_S
    t0 = day_start + rng.choice(24, m, p=_HOUR_P).astype(np.int64) * 3600 + _uniform_s(rng, 0, 3600, m)
    order = np.argsort(t0, kind="stable")
    t0, bar, wh, card = t0[order], bar[order], wh[order], card[order]
    price_rub, discount, income = price_rub[order], discount[order], income[order]

    list_kop = price_rub.astype(np.int64) * 100
    disc = discount.astype(np.int64)
    # Seller price after the seller's discount, exact in kopecks: rub × (100 − d) kopecks.
    pwd = price_rub.astype(np.int64) * (100 - disc)
    spp = rng.integers(ctx.card_spp_lo[card], ctx.card_spp_hi[card] + 1).astype(np.int64)
    # What the buyer pays after WB's discount, in whole roubles as WB shows it.
    finished = (pwd * (100 - spp) + 5000) // 10000 * 100
    bank = rng.choice(len(_BANK_P), m, p=_BANK_P)
    acq = (finished * _BANK_PCT10[bank] + 500) // 1000
    fee = (pwd * ctx.card_comm10[card] + 500) // 1000
    forpay = pwd - fee - acq
    pay_sale = np.where(rng.random(m) < 0.1, (finished * 2 + 5000) // 10000 * 100, 0)

    u = rng.random((m, 3))
    delivered = u[:, 0] >= ctx.cancel_rate
    bought = delivered & (u[:, 1] < ctx.card_buyout[card])
    returned = bought & (u[:, 2] < ctx.card_return[card])
    outcome = np.where(returned, RETURNED, np.where(bought, BOUGHT, np.where(delivered, REFUSED, CANCEL)))

    t_deliv = t0 + _uniform_s(rng, DAY_S, 6 * DAY_S, m)
    t_out = np.where(
        outcome == CANCEL,
        t0 + _uniform_s(rng, 600, 36 * 3600, m),
        np.where(
            outcome == REFUSED,
            t_deliv + _uniform_s(rng, DAY_S // 2, 7 * DAY_S, m),
            t_deliv + _uniform_s(rng, 3600 * 4, 3 * DAY_S, m),
        ),
    )
    t_ret = np.where(returned, t_out + _uniform_s(rng, DAY_S, 14 * DAY_S, m), NEVER)
    back = rng.integers(3, 11, m)
    out_day = t_out // DAY_S - ctx.start_day
    ret_day = np.where(returned, t_ret // DAY_S - ctx.start_day, 0)
    restock = np.select(
        [outcome == CANCEL, outcome == REFUSED, outcome == RETURNED],
        [out_day, out_day + back, ret_day + back],
        -1,
    )
    lcd1 = t0 + _uniform_s(rng, 60, 1800, m)
    lcd2 = t_out + _uniform_s(rng, 60, 1800, m)

    log_fwd = np.where(
        delivered, np.rint(ctx.card_logistics_rub[card] * ctx.wh_delivery_coef[wh] * 100), 0
    ).astype(np.int64)
    log_rev = np.where((outcome == REFUSED) | (outcome == RETURNED), 5000, 0)  # 50 ₽ reverse trip
    rebill = np.where(delivered & (rng.random(m) < 0.03), rng.integers(100, 1500, m), 0)
    return {
        "t0": t0,
        "bar": bar.astype(np.int32),
        "wh": wh.astype(np.int8),
        "region": rng.choice(len(_REGION_P), m, p=_REGION_P).astype(np.int8),
        "pickup": rng.integers(0, len(PICKUP_POINTS), m).astype(np.int8),
        "list_kop": list_kop.astype(np.int32),
        "disc": disc.astype(np.int16),
        "pwd": pwd.astype(np.int32),
        "spp": spp.astype(np.int8),
        "finished": finished.astype(np.int32),
        "acq": acq.astype(np.int32),
        "bank": bank.astype(np.int8),
        "fee": fee.astype(np.int32),
        "forpay": forpay.astype(np.int32),
        "pay_sale": pay_sale.astype(np.int32),
        "outcome": outcome.astype(np.int8),
        "t_out": t_out,
        "t_ret": t_ret,
        "restock": restock.astype(np.int32),
        "lcd1": lcd1,
        "lcd2": lcd2,
        "income": income.astype(np.int32),
        "log_fwd": log_fwd.astype(np.int32),
        "log_rev": log_rev.astype(np.int32),
        "rebill": rebill.astype(np.int32),
    }
