"""Ozon Performance (advertising) API connection options and host families."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from svodka.errors import ConfigError

HOST_FAMILIES: tuple[str, ...] = ("api-performance",)
"""One host serves the token and every Performance method: ``https://api-performance.ozon.ru``."""


def resolve_hosts(hosts: Mapping[str, str] | None) -> dict[str, str]:
    """Base URL per family: the real ``https://api-performance.ozon.ru`` unless overridden.

    An override may carry a path prefix (``http://127.0.0.1:9000/ozon/api-performance``). An
    unknown family is a configuration error (a typo would silently hit the real host).
    """
    unknown = sorted(set(hosts or {}) - set(HOST_FAMILIES))
    if unknown:
        raise ConfigError(
            f"unknown Ozon Performance host families {unknown}; known: {', '.join(HOST_FAMILIES)}"
        )
    return {f: (hosts or {}).get(f, f"https://{f}.ozon.ru") for f in HOST_FAMILIES}


class OzonPerfOptions(BaseModel):
    """Tuning of one Ozon Performance connection; defaults suit a real account."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history_days: int = Field(90, ge=1, le=3650)
    """How far back the first sync of the statistics reaches."""
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
    rate_limit_scale: float = Field(1.0, ge=0)
    """1.0 = documented limits; 0.01 = 100× faster (sandbox); 0 = no client-side throttling."""
    timeout: float = Field(120.0, gt=0)
    """Seconds per HTTP request."""
    max_retries: int = Field(5, ge=0)
    """Retries of one request after the first try (429, 5xx, timeouts, network errors)."""
    max_retry_seconds: float = Field(900.0, gt=0)
    """Cap on the time one request may take with its retries and server-requested waits."""
    retry_backoff: float = Field(1.0, ge=0)
    """First exponential backoff step in seconds (doubles per retry, capped at 60 s)."""
    max_pages: int = Field(10_000, ge=1)
    """Cap on pages of the campaign list; passing it raises PaginationError."""
