"""Bodies of WB /adv/v3/fullstats and /adv/v1/upd, built from the ads world's daily rows.

fullstats nests campaign → days → apps → nms; every level carries the same counters and the
sums of the level below exactly (money in kopecks inside, JSON numbers in roubles outside).
upd has one write-off per campaign and day with spend: WB bills whole roubles (`updSum` is an
integer), which is why the world keeps every campaign-day's spend in whole roubles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from svodka.sandbox.ads.model import ACTIVE, COMPLETED, PAUSED, AdsWorld
from svodka.sandbox.clock import DAY_S, from_msk_seconds, iso_dates

WB_APPS = (1, 32, 64)  # appType: site, Android, iOS
STATS_STATUSES = (COMPLETED, ACTIVE, PAUSED)  # "for campaigns in statuses 7, 9 and 11"
COUNTERS = ("views", "clicks", "atbs", "orders", "shks", "canceled", "spend", "revenue")


def _block(t: dict[str, int]) -> dict[str, Any]:
    """The counters of one level, with WB's derived ratios (percent and roubles, 2 decimals)."""
    views, clicks, orders, spend = t["views"], t["clicks"], t["orders"], t["spend"]
    return {
        "atbs": t["atbs"],
        "canceled": t["canceled"],
        "clicks": clicks,
        "cpc": round(spend / 100 / clicks, 2) if clicks else 0,
        "cr": round(orders * 100 / clicks, 2) if clicks else 0,
        "ctr": round(clicks * 100 / views, 2) if views else 0,
        "orders": orders,
        "shks": t["shks"],
        "sum": spend / 100,
        "sum_price": t["revenue"] / 100,
        "views": views,
    }


def _add(into: dict[str, int], row: dict[str, int]) -> None:
    for k in COUNTERS:
        into[k] = into.get(k, 0) + row[k]


def fullstats_items(
    ads: AdsWorld,
    ids: list[int],
    d0: int,
    d1: int,
    now_s: int,
    reshape: Callable[[dict], dict] | None = None,
) -> list[dict[str, Any]]:
    """One item per requested campaign in status 7, 9 or 11 with statistics in [d0, d1] (served
    days only); `reshape` (the schema-drift fault) is applied to every nested record."""
    camps, st = ads.wb, ads.wb_stats
    status = camps.status_at(now_s)
    index = {int(x): i for i, x in enumerate(camps.ids.tolist())}
    fix = reshape or (lambda r: r)
    out = []
    for cid in ids:
        c = index.get(cid)
        if c is None or status[c] not in STATS_STATUSES:
            continue
        sel = np.nonzero((st.camp == c) & (st.day >= d0) & (st.day <= d1) & st.served(now_s))[0]
        if not len(sel):
            continue
        total: dict[str, int] = {}
        days = []
        for day in np.unique(st.day[sel]).tolist():
            day_total: dict[str, int] = {}
            apps = []
            for a, app_type in enumerate(WB_APPS):
                rows = sel[(st.day[sel] == day) & (st.app[sel] == a)]
                if not len(rows):
                    continue
                app_total: dict[str, int] = {}
                nms = []
                for r in rows[np.argsort(ads.wb_nm[st.item[rows]], kind="stable")].tolist():
                    row = {k: int(st.cols[k][r]) for k in COUNTERS}
                    _add(app_total, row)
                    item = int(st.item[r])
                    nm = {**_block(row), "name": ads.wb_title[item], "nmId": int(ads.wb_nm[item])}
                    nms.append(fix(dict(sorted(nm.items()))))
                _add(day_total, app_total)
                apps.append(fix({"appType": app_type, **_block(app_total), "nms": nms}))
            _add(total, day_total)
            date = iso_dates(np.array([day]))[0]
            days.append(fix({"apps": apps, **_block(day_total), "date": f"{date}T00:00:00Z"}))
        out.append({"advertId": cid, **_block(total), "currency": "RUB", "days": days})
    return out


def upd_rows(ads: AdsWorld, d0: int, d1: int, now_s: int) -> list[dict[str, Any]]:
    """The spend history: one write-off per campaign-day with spend, dated that day at 23:xx."""
    camps, st = ads.wb, ads.wb_stats
    sel = (st.day >= d0) & (st.day <= d1) & st.served(now_s) & (st.cols["spend"] > 0)
    key = st.camp[sel].astype(np.int64) * 1_000_000 + st.day[sel]
    uniq, inv = np.unique(key, return_inverse=True)
    spend = np.bincount(inv, weights=st.cols["spend"][sel].astype(np.float64), minlength=len(uniq))
    status = camps.status_at(now_s)
    rows = []
    for k, kop in zip(uniq.tolist(), np.rint(spend).astype(np.int64).tolist(), strict=True):
        c, day = divmod(k, 1_000_000)
        cid = int(camps.ids[c])
        h = (cid * 2_654_435_761 + day * 40_503) % 1_000_000_007
        t = day * DAY_S + 23 * 3600 + h % 3300
        rows.append(
            {
                "updNum": 700_000_000 + h % 299_999_999,
                "updTime": from_msk_seconds(t).replace(microsecond=h % 999_999 + 1).isoformat(),
                "updSum": kop // 100,
                "advertId": cid,
                "campName": camps.names[c],
                "advertType": 9,
                "paymentType": "Счёт" if cid % 5 == 0 else "Баланс",
                "advertStatus": int(status[c]),
            }
        )
    return sorted(rows, key=lambda r: (r["updTime"], r["advertId"]))
