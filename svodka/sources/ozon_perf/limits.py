"""Ozon Performance request limits, from the official document's "Limits" section.

The only per-request limit is 100,000 requests a day per account; statistics exports are
limited separately (one at a time per account, ≤10 campaigns and ≤62 days each), which the
stats stream respects by running its exports one after another.
"""

from __future__ import annotations

from svodka.sources.ratelimit import RatePolicy

DAILY = RatePolicy.per_period(
    "ozon_perf.daily",
    100_000,
    86_400,
    100_000,  # a day's worth at once: the limit is per day, not a rate
    [
        ("POST", "/api/client/token"),
        ("GET", "/api/client/campaign"),
        ("POST", "/api/client/statistics"),
        ("GET", "/api/client/statistics/{uuid}"),
        ("GET", "/api/client/statistics/report"),
    ],
)
