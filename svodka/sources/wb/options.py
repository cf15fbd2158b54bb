"""Wildberries connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from svodka.errors import ConfigError

HOST_FAMILIES: tuple[str, ...] = (
    "statistics-api",
    "content-api",
    "discounts-prices-api",
    "finance-api",
    "advert-api",
    "feedbacks-api",
    "seller-analytics-api",
    "marketplace-api",
    "common-api",
)

TOKEN_CATEGORY: Mapping[str, str] = {
    "statistics-api": "Statistics",
    "content-api": "Content",
    "discounts-prices-api": "Prices and Discounts",
    "finance-api": "Finance",
    "advert-api": "Promotion",
    "feedbacks-api": "Feedbacks and Questions",
    "seller-analytics-api": "Analytics",
    "marketplace-api": "Marketplace",
    "common-api": "any",
}
"""The token category a host family needs (WB answers 401 when the token lacks it)."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real ``https://<family>.wildberries.ru`` unless overridden.

    An override may carry a path prefix (``http://127.0.0.1:9000/wb/statistics-api``).
    An unknown family is a configuration error (a typo would silently hit the real host).
    """
    unknown = sorted(set(hosts or {}) - set(HOST_FAMILIES))
    if unknown:
        raise ConfigError(f"unknown Wildberries host families {unknown}; known: {', '.join(HOST_FAMILIES)}")
    return {f: (hosts or {}).get(f, f"https://{f}.wildberries.ru") for f in HOST_FAMILIES}


class WBOptions(BaseModel):
    """Tuning of one WB connection; defaults suit a real account with a Personal token."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history_days: int = Field(90, ge=1, le=3650)
    """How far back the first sync of an incremental stream reaches (statistics keeps ~90 days)."""
    reread_hours: int = Field(48, ge=0)
    """Orders/sales: later syncs start this long before the stored cursor, to catch late changes."""
    finance_reread_weeks: int = Field(2, ge=0)
    """Realization: the last N finished weeks are read again on every sync (reports get revised)."""
    finance_window_weeks: int = Field(1, ge=1, le=26)
    """Realization: weeks per request window (1 = one weekly report per window)."""
    rate_limit_scale: float = Field(1.0, ge=0)
    """1.0 = documented limits; 0.01 = 100× faster (sandbox); 0 = no client-side throttling."""
    timeout: float = Field(120.0, gt=0)
    """Seconds per HTTP request (finance pages of 100,000 rows are slow)."""
    max_retries: int = Field(5, ge=0)
    """Retries of one request after the first try (429, 5xx, timeouts, truncated bodies)."""
    max_retry_seconds: float = Field(900.0, gt=0)
    """Cap on the time one request may take with its retries and server-requested waits."""
    retry_backoff: float = Field(1.0, ge=0)
    """First exponential backoff step in seconds (doubles per retry, capped at 60 s)."""
    max_pages: int = Field(10_000, ge=1)
    """Cap on pages per stream read; passing it raises PaginationError."""
    finance_page_limit: int = Field(100_000, ge=1, le=100_000)
    reports_page_limit: int = Field(1000, ge=1, le=1000)
    cards_page_limit: int = Field(100, ge=1, le=100)
    prices_page_limit: int = Field(1000, ge=1, le=1000)
    stocks_wb_page_limit: int = Field(250_000, ge=1, le=250_000)
    report_poll_interval: float = Field(5.0, ge=0)
    """Seconds between status checks of the warehouse-remains report task."""
    report_poll_timeout: float = Field(900.0, gt=0)
    """Give up on a report task that is not done after this many seconds."""
    ads_reread_days: int = Field(3, ge=0)
    """Advertising stats and spend: the last N complete days are read again on every sync
    (WB settles a day's figures late)."""
    ads_window_days: int = Field(31, ge=1, le=31)
    """Days per fullstats / upd request (API maximum 31)."""
    ads_ids_per_request: int = Field(50, ge=1, le=50)
    """Campaign ids per adverts / fullstats request (API maximum 50)."""
