"""Ozon Performance (advertising) API connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from svodka.sources.options import HttpOptions, resolve_host_families

HOST_FAMILIES: tuple[str, ...] = ("api-performance",)
"""One host serves the token and every Performance method: ``https://api-performance.ozon.ru``."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real ``https://api-performance.ozon.ru`` unless `hosts` overrides it."""
    return resolve_host_families("Ozon Performance", HOST_FAMILIES, "https://{family}.ozon.ru", hosts)


class OzonPerfOptions(HttpOptions):
    """Tuning of one Ozon Performance connection; defaults suit a real account.

    `history_days` reaches back for the statistics; `max_pages` caps the campaign list.
    """

    reread_days: int = Field(3, ge=0)
    """Statistics: the last N complete days are read again on every sync (figures settle late)."""
    stats_window_days: int = Field(62, ge=1, le=62)
    """Days per statistics report (API maximum 62)."""
    campaigns_per_report: int = Field(10, ge=1, le=10)
    """Campaigns per statistics report (API maximum 10; each campaign counts as one export)."""
    campaigns_page_size: int = Field(100, ge=1)
    """Campaigns per page of ``GET /api/client/campaign``."""
    report_poll_interval: float = Field(5.0, ge=0)
    """Seconds between status checks of a statistics report."""
    report_timeout: float = Field(1200.0, gt=0)
    """Give up on a statistics report that is not ready after this many seconds."""
    token_refresh_margin: float = Field(60.0, ge=0)
    """Renew the access token this many seconds before it expires (it lives 1,800 s)."""
