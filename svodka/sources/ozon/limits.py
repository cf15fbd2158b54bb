"""Ozon Seller API request limits.

The one documented limit for the methods Svodka reads is global: 50 requests per second
per Client-Id across all methods (raised from 10 on 2025-05-22). Every stream of a
connection therefore shares one bucket, matched to every path. Sent evenly (burst 1),
never more than 50 fall into any one second. Ozon has undocumented per-method limits
too; a 429 (gRPC code 8) is retried with backoff.
"""

from __future__ import annotations

from svodka.sources.ratelimit import RatePolicy

REQUESTS_PER_SECOND = 50

# "{sN}" matches one path segment; Seller API paths have 3–6 segments (/v3/product/list …).
_EVERY_PATH = tuple(
    (method, "".join(f"/{{s{i}}}" for i in range(n))) for method in ("POST", "GET") for n in range(1, 9)
)

GLOBAL = RatePolicy("ozon.seller.client-id", interval=1 / REQUESTS_PER_SECOND, burst=1, routes=_EVERY_PATH)
