"""Ozon Seller API connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from svodka.errors import ConfigError

HOST_FAMILIES: tuple[str, ...] = ("api-seller",)
"""One host serves every Seller API method: ``https://api-seller.ozon.ru``."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real ``https://api-seller.ozon.ru`` unless overridden.

    An override may carry a path prefix (``http://127.0.0.1:9000/ozon/api-seller``). An
    unknown family is a configuration error (a typo would silently hit the real host).
    """
    unknown = sorted(set(hosts or {}) - set(HOST_FAMILIES))
    if unknown:
        raise ConfigError(f"unknown Ozon host families {unknown}; known: {', '.join(HOST_FAMILIES)}")
    return {f: (hosts or {}).get(f, f"https://{f}.ozon.ru") for f in HOST_FAMILIES}


class OzonOptions(BaseModel):
    """Tuning of one Ozon Seller API connection; defaults suit a real account."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history_days: int = Field(90, ge=1, le=3650)
    """How far back the first sync of an incremental stream reaches."""
    reread_days: int = Field(14, ge=0, le=365)
    """Postings and returns: later syncs start this many days before the stored cursor.

    A posting is listed by its creation time but its status moves on for days (packaging,
    delivery, cancellation): most settle within a week or two. Returns are listed by the
    moment their status last changed, so for them this only covers late indexing."""
    accruals_reread_days: int = Field(35, ge=0, le=365)
    """Accruals (and transactions): the last N days are read again on every sync.

    Ozon books and corrects a day's accruals after the fact until the month is closed
    (the realization report is ready by the 5th of the next month): 35 days covers a whole
    month plus that closing."""
    window_days: int = Field(30, ge=1, le=365)
    """Postings and returns: days per request window (the API refuses periods over a year);
    the cursor is committed after every finished window."""
    include_archived: bool = True
    """Products: also list archived products (``visibility=ALL`` leaves them out), since old
    postings and finance rows still refer to them."""
    use_transactions: bool = False
    """Add the legacy ``ozon_transactions`` stream (/v3/finance/transaction/list, retired by Ozon
    on 2026-07-06): only for accounts or archives that still need it."""
    rate_limit_scale: float = Field(1.0, ge=0)
    """1.0 = documented limits; 0.01 = 100× faster (sandbox); 0 = no client-side throttling."""
    timeout: float = Field(120.0, gt=0)
    """Seconds per HTTP request."""
    max_retries: int = Field(5, ge=0)
    """Retries of one request after the first try (429, 5xx, timeouts, truncated bodies)."""
    max_retry_seconds: float = Field(900.0, gt=0)
    """Cap on the time one request may take with its retries."""
    retry_backoff: float = Field(1.0, ge=0)
    """First exponential backoff step in seconds (doubles per retry, capped at 60 s)."""
    max_pages: int = Field(10_000, ge=1)
    """Cap on pages per paging loop; passing it raises PaginationError."""
    products_page_limit: int = Field(1000, ge=1, le=1000)
    prices_page_limit: int = Field(1000, ge=1, le=1000)
    stocks_page_limit: int = Field(1000, ge=1, le=1000)
    stocks_fbs_page_limit: int = Field(1000, ge=1, le=1000)
    stocks_fbs_batch: int = Field(1000, ge=1, le=1000)
    """SKUs per /v2/product/info/stocks-by-warehouse/fbs request (API maximum 1000)."""
    stocks_fbo_batch: int = Field(100, ge=1, le=100)
    """SKUs per /v1/analytics/stocks request (API maximum 100)."""
    postings_page_limit: int = Field(100, ge=1, le=100)
    returns_page_limit: int = Field(500, ge=1, le=500)
    transactions_page_limit: int = Field(1000, ge=1, le=1000)
