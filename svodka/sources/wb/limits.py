"""WB per-method request limits, Personal token, from the docs' ``x-wb-rate-limits`` (2026-08).

WB counts limits per seller account and method (or category), as a token bucket:
*Period / Limit / Interval / Burst*. `tests/sources/test_wb_openapi.py` checks each
row below against the official OpenAPI documents.
"""

from __future__ import annotations

from svodka.sources.ratelimit import RatePolicy

ORDERS = RatePolicy.per_period("wb.statistics.orders", 1, 60, 10, [("GET", "/api/v1/supplier/orders")])
SALES = RatePolicy.per_period("wb.statistics.sales", 1, 60, 1, [("GET", "/api/v1/supplier/sales")])

FINANCE_DETAILED = RatePolicy.per_period(
    "wb.finance.sales-reports.detailed", 1, 60, 1, [("POST", "/api/finance/v1/sales-reports/detailed")]
)
FINANCE_LIST = RatePolicy.per_period(
    "wb.finance.sales-reports.list", 1, 60, 1, [("POST", "/api/finance/v1/sales-reports/list")]
)

REMAINS_CREATE = RatePolicy.per_period(
    "wb.analytics.warehouse_remains.create", 1, 60, 5, [("GET", "/api/v1/warehouse_remains")]
)
REMAINS_STATUS = RatePolicy.per_period(
    "wb.analytics.warehouse_remains.status",
    1,
    5,
    5,
    [("GET", "/api/v1/warehouse_remains/tasks/{task_id}/status")],
)
REMAINS_DOWNLOAD = RatePolicy.per_period(
    "wb.analytics.warehouse_remains.download",
    1,
    60,
    1,
    [("GET", "/api/v1/warehouse_remains/tasks/{task_id}/download")],
)
STOCKS_WB = RatePolicy.per_period(
    "wb.analytics.stocks-report.wb-warehouses",
    3,
    60,
    1,
    [("POST", "/api/analytics/v1/stocks-report/wb-warehouses")],
)

CARDS = RatePolicy.per_period("wb.content.cards.list", 100, 60, 5, [("POST", "/content/v2/get/cards/list")])
# One limit for all methods of the Prices and Discounts category ("10 requests per 6 s").
PRICES = RatePolicy.per_period(
    "wb.prices",
    10,
    6,
    5,
    [
        ("GET", "/api/v2/list/goods/filter"),
        ("POST", "/api/v2/list/goods/filter"),
        ("GET", "/api/v2/list/goods/size/nm"),
    ],
)

# Promotion (advert-api): each method has its own limit.
ADS_COUNT = RatePolicy.per_period("wb.advert.promotion.count", 5, 1, 5, [("GET", "/adv/v1/promotion/count")])
ADS_ADVERTS = RatePolicy.per_period("wb.advert.adverts", 5, 1, 5, [("GET", "/api/advert/v2/adverts")])
ADS_FULLSTATS = RatePolicy.per_period("wb.advert.fullstats", 3, 60, 1, [("GET", "/adv/v3/fullstats")])
ADS_UPD = RatePolicy.per_period("wb.advert.upd", 1, 1, 5, [("GET", "/adv/v1/upd")])
