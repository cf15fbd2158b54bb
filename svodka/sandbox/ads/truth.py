"""Ground truth of the advertising: daily figures per campaign and item, and the campaigns.

Built from exactly what the APIs serve at a clock value: whole Moscow days before the clock's
date; WB statistics of campaigns in statuses 7, 9 and 11 (the only ones /adv/v3/fullstats
reports); Ozon statistics of every campaign; campaigns created at or before the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from svodka.sandbox.ads.model import (
    ACTIVE,
    COMPLETED,
    OZON,
    PAUSED,
    WB,
    AdsWorld,
    Campaigns,
    DailyStats,
    ozon_state,
)
from svodka.sandbox.clock import day_date
from svodka.sandbox.money import kop_decimal

WB_ADVERT_TYPE = 9  # every WB campaign is an auction campaign with a unified or manual bid
WB_STATS_STATUSES = (COMPLETED, ACTIVE, PAUSED)

DailyKey = tuple[date, str, str, int]
DailyValue = tuple[int, int, Decimal, int, Decimal]


def _daily(
    market: str, camps: Campaigns, stats: DailyStats, item_id: np.ndarray, keep_camp: np.ndarray, now_s: int
) -> dict[DailyKey, DailyValue]:
    """(date, market, campaign id, item id) → (views, clicks, spend, orders, revenue), apps summed."""
    sel = stats.served(now_s) & keep_camp[stats.camp]
    out: dict[DailyKey, list[int]] = {}
    cols = stats.cols
    for c, it, d, v, k, s, o, r in zip(
        stats.camp[sel].tolist(),
        stats.item[sel].tolist(),
        stats.day[sel].tolist(),
        cols["views"][sel].tolist(),
        cols["clicks"][sel].tolist(),
        cols["spend"][sel].tolist(),
        cols["orders"][sel].tolist(),
        cols["revenue"][sel].tolist(),
        strict=True,
    ):
        key = (day_date(d), market, str(int(camps.ids[c])), int(item_id[it]))
        cell = out.setdefault(key, [0, 0, 0, 0, 0])
        cell[0] += v
        cell[1] += k
        cell[2] += s
        cell[3] += o
        cell[4] += r
    return {k: (v[0], v[1], kop_decimal(v[2]), v[3], kop_decimal(v[4])) for k, v in out.items()}


@dataclass(repr=False)
class AdsTruth:
    """`ads_daily[(date, marketplace, campaign_id, item_id)] = (views, clicks, spend, orders, revenue)`
    (marketplace "wb": item_id = nmId; "ozon": item_id = Ozon SKU; Moscow dates; spend and revenue
    exact Decimal roubles) and `campaigns[(marketplace, campaign_id)] = (name, type, status)`
    (WB: type 9, status code; Ozon: advObjectType "SKU", CAMPAIGN_STATE_* name)."""

    ads_daily: dict[DailyKey, DailyValue]
    campaigns: dict[tuple[str, str], tuple[str, int | str, int | str]]

    def __repr__(self) -> str:
        return f"AdsTruth({len(self.campaigns)} campaigns, {len(self.ads_daily)} daily cells)"

    @classmethod
    def build(cls, ads: AdsWorld, now_s: int) -> AdsTruth:
        """The truth at `now_s` (Moscow seconds)."""
        wb_status = ads.wb.status_at(now_s)
        oz_status = ads.ozon.status_at(now_s)
        daily = _daily(WB, ads.wb, ads.wb_stats, ads.wb_nm, np.isin(wb_status, WB_STATS_STATUSES), now_s)
        daily |= _daily(OZON, ads.ozon, ads.ozon_stats, ads.ozon_sku, np.ones(len(ads.ozon), bool), now_s)
        camps: dict[tuple[str, str], tuple[str, int | str, int | str]] = {}
        visible = ads.wb.created_s <= now_s
        for i in np.nonzero(visible)[0].tolist():
            camps[(WB, str(int(ads.wb.ids[i])))] = (ads.wb.names[i], WB_ADVERT_TYPE, int(wb_status[i]))
        visible = ads.ozon.created_s <= now_s
        for i in np.nonzero(visible)[0].tolist():
            state = ozon_state(int(oz_status[i]), bool(ads.ozon.budget_stops[i]))
            camps[(OZON, str(int(ads.ozon.ids[i])))] = (ads.ozon.names[i], "SKU", state)
        return cls(daily, camps)
