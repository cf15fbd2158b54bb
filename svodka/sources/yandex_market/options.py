"""Yandex Market Partner API connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from svodka.sources.options import HttpOptions, resolve_host_families

HOST_FAMILIES: tuple[str, ...] = ("api",)
"""One host serves every Partner API method: ``https://api.partner.market.yandex.ru``."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real host unless `hosts` overrides it (a sandbox URL may carry a prefix)."""
    return resolve_host_families(
        "Yandex Market", HOST_FAMILIES, "https://{family}.partner.market.yandex.ru", hosts
    )


class YMOptions(HttpOptions):
    """Tuning of one Yandex Market connection; defaults suit a real account."""

    campaign_ids: tuple[int, ...] = ()
    """Only these campaigns (stores) of the business; empty = every campaign `GET /v2/campaigns` lists."""
    reread_days: int = Field(14, ge=0, le=365)
    """Orders, stats orders and returns: later syncs start this many days before the stored date."""
    window_days: int = Field(30, ge=1, le=30)
    """Days per request window (v1 business orders refuse creation periods over 30 days)."""
    include_archived: bool = True
    """Offer mappings: also list archived offers (Market leaves them out unless asked)."""
    report_months: int = Field(3, ge=1, le=12)
    """Finance reports: months read on every sync (the current one and those before it)."""
    report_poll_interval: float = Field(5.0, ge=0)
    """Seconds between `/v2/reports/info` polls while a report is PENDING or PROCESSING."""
    report_poll_max: int = Field(360, ge=1)
    """Polls of one report before giving up (a clear error, the next sync asks again)."""
    page_limit: int = Field(100, ge=1, le=200)
    """`limit` per page (the API truncates to each method's own maximum)."""
