"""Ozon Seller API connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from svodka.sources.options import HttpOptions, resolve_host_families

HOST_FAMILIES: tuple[str, ...] = ("api-seller",)
"""One host serves every Seller API method: ``https://api-seller.ozon.ru``."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real ``https://api-seller.ozon.ru`` unless `hosts` overrides it."""
    return resolve_host_families("Ozon", HOST_FAMILIES, "https://{family}.ozon.ru", hosts)


class OzonOptions(HttpOptions):
    """Tuning of one Ozon Seller API connection; defaults suit a real account."""

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
