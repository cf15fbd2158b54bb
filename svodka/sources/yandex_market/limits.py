"""Yandex Market Partner API quotas of the methods Svodka reads (base tariff, ``x-resource-limit-config``).

Market counts per campaign or business; these buckets are shared across the campaigns of a
connection, which is stricter. Quotas counted in items (offer prices: 5000 offers a minute;
stocks: 100 000 offers a minute) become request intervals for full pages of `PAGE_ITEMS`.
Whatever the client does, a 420 with ``X-RateLimit-Resource-Until`` is waited out and retried.
"""

from __future__ import annotations

from svodka.sources.ratelimit import RatePolicy

PAGE_ITEMS = 100
HOUR = 3600.0

CAMPAIGNS = RatePolicy.per_period("ym.campaigns", 1000, HOUR, 1, [("GET", "/v2/campaigns")])
OFFER_MAPPINGS = RatePolicy.per_period(
    "ym.offer-mappings", 100, 60, 1, [("POST", "/v2/businesses/{b}/offer-mappings")]
)
OFFER_PRICES = RatePolicy.per_period(
    "ym.offer-prices", 5000 // PAGE_ITEMS, 60, 1, [("POST", "/v2/businesses/{b}/offer-prices")]
)
STOCKS = RatePolicy.per_period(
    "ym.offers-stocks", 100_000 // PAGE_ITEMS, 60, 1, [("POST", "/v2/campaigns/{c}/offers/stocks")]
)
ORDERS = RatePolicy.per_period("ym.business-orders", 10_000, HOUR, 1, [("POST", "/v1/businesses/{b}/orders")])
STATS_ORDERS = RatePolicy.per_period(
    "ym.stats-orders", 10_000, HOUR, 1, [("POST", "/v2/campaigns/{c}/stats/orders")]
)
RETURNS = RatePolicy.per_period("ym.returns", 5000, HOUR, 1, [("GET", "/v2/campaigns/{c}/returns")])
REPORT_INFO = RatePolicy.per_period("ym.reports-info", 100, 60, 1, [("GET", "/v2/reports/info/{id}")])


def report_generate(kind: str) -> RatePolicy:
    """One report of a kind every 2 minutes (base tariff)."""
    return RatePolicy.per_period(f"ym.report.{kind}", 1, 120, 1, [("POST", f"/v2/reports/{kind}/generate")])
