"""Rate-limit buckets of WB advert-api (Personal-token rows of the 2026-08 promotion.json).

They join the shared bucket table of svodka.sandbox.ratelimit when this module is imported,
so the WB request pipeline (token → limit → faults → handler) treats them like any other.
"""

from __future__ import annotations

from svodka.sandbox.ratelimit import LIMITS, Limit

ADS_LIMITS: dict[str, Limit] = {
    "advert.promotion_count": Limit(0.2, 5),  # 5 requests per second, burst 5
    "advert.adverts": Limit(0.2, 5),  # 5 requests per second, burst 5
    "advert.fullstats": Limit(20.0, 1),  # 3 requests per minute, burst 1
    "advert.upd": Limit(1.0, 5),  # 1 request per second, burst 5
}

for _name, _limit in ADS_LIMITS.items():
    LIMITS.setdefault(_name, _limit)
