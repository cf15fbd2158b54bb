"""WB rate limits: a token bucket per seller account per method (or method group).

Figures are the Personal-token rows of `x-wb-rate-limits` in the 2026-08 OpenAPI documents
(tests/sandbox/test_ratelimit.py holds this table against them). `Interval` is the time to earn
one request back, `Burst` the bucket size. Modes: "real" as documented, "fast" with every time
divided by 600 (same shapes, tests do not wait), "off".
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One documented limit: a request earned back every `interval_s`, at most `burst` saved."""

    interval_s: float
    burst: int


# Bucket name → limit. Content and Prices methods share one bucket per category (as documented).
LIMITS: dict[str, Limit] = {
    "statistics.orders": Limit(60.0, 10),
    "statistics.sales": Limit(60.0, 1),
    "finance.sales_reports_detailed": Limit(60.0, 1),
    "finance.sales_reports_detailed_id": Limit(60.0, 1),
    "finance.sales_reports_list": Limit(60.0, 1),
    "analytics.warehouse_remains": Limit(60.0, 5),
    "analytics.warehouse_remains_status": Limit(5.0, 5),
    "analytics.warehouse_remains_download": Limit(60.0, 1),
    "analytics.stocks_wb_warehouses": Limit(20.0, 1),
    "content": Limit(0.6, 5),
    "prices": Limit(0.6, 5),
    "ping": Limit(10.0, 3),  # "3 requests every 30 seconds", per host
    "ozon.seller": Limit(1 / 50, 50),  # api-seller: 50 requests a second per Client-Id, all methods
}

FAST_FACTOR = 600.0


@dataclass(frozen=True)
class Decision:
    """Outcome of taking a slot: allowed, and the header values WB would send."""

    allowed: bool
    remaining: int
    retry_s: float  # until one request is available again (429 only)
    reset_s: float  # until the burst is full again
    limit: int


class RateLimiter:
    """Token buckets keyed by (seller, bucket name). Thread-safe."""

    def __init__(self, mode: str = "fast", clock=time.monotonic) -> None:
        if mode not in ("real", "fast", "off"):
            raise ValueError("limits must be 'real', 'fast' or 'off'")
        self.mode = mode
        self._clock = clock
        self._state: dict[tuple[str, str], tuple[float, float]] = {}  # key → (tokens, at)
        self._lock = threading.Lock()

    def _interval(self, limit: Limit) -> float:
        return limit.interval_s / (FAST_FACTOR if self.mode == "fast" else 1.0)

    def take(self, seller: str, bucket: str, cost: int = 1) -> Decision:
        """Take `cost` requests from the bucket, or refuse with the wait times."""
        limit = LIMITS[bucket]
        if self.mode == "off":
            return Decision(True, limit.burst, 0.0, 0.0, limit.burst)
        interval = self._interval(limit)
        now = self._clock()
        with self._lock:
            tokens, at = self._state.get((seller, bucket), (float(limit.burst), now))
            tokens = min(float(limit.burst), tokens + (now - at) / interval)
            if tokens >= 1.0:
                tokens = max(0.0, tokens - cost)
                self._state[(seller, bucket)] = (tokens, now)
                return Decision(
                    True, math.floor(tokens + 1e-9), 0.0, (limit.burst - tokens) * interval, limit.burst
                )
            self._state[(seller, bucket)] = (tokens, now)
            return Decision(
                False, 0, (1.0 - tokens) * interval, (limit.burst - tokens) * interval, limit.burst
            )

    def header_seconds(self, seconds: float) -> str:
        """Seconds for X-Ratelimit-Retry/Reset: whole seconds (rounded up) in real mode; in fast mode
        fractional seconds ("0.1"), since rounding a 0.1 s wait up to 1 s would make tests wait."""
        if self.mode == "fast":
            return f"{max(seconds, 0.001):.3f}".rstrip("0").rstrip(".")
        return str(max(1, math.ceil(seconds - 1e-9)))
