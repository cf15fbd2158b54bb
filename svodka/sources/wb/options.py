"""Wildberries connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from svodka.sources.options import HttpOptions, resolve_host_families

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
    """Base URL per family: the real ``https://<family>.wildberries.ru`` unless `hosts` overrides it."""
    return resolve_host_families("Wildberries", HOST_FAMILIES, "https://{family}.wildberries.ru", hosts)


class WBOptions(HttpOptions):
    """Tuning of one WB connection; defaults suit a real account with a Personal token.

    The shared fields are `HttpOptions`'; here `history_days` 90 matches what statistics keeps,
    and the `timeout` of 120 s leaves room for finance pages of 100,000 rows.
    """

    reread_hours: int = Field(48, ge=0)
    """Orders/sales: later syncs start this long before the stored cursor, to catch late changes."""
    finance_reread_weeks: int = Field(2, ge=0)
    """Realization: the last N finished weeks are read again on every sync (reports get revised)."""
    finance_window_weeks: int = Field(1, ge=1, le=26)
    """Realization: weeks per request window (1 = one weekly report per window)."""
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
