"""What every HTTP connection's options share, and host families resolved to base URLs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from svodka.errors import ConfigError


class HttpOptions(BaseModel):
    """The tuning every connection has: history, throttling, timeouts, retries and a page cap."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history_days: int = Field(90, ge=1, le=3650)
    """How far back the first sync of an incremental stream reaches."""
    rate_limit_scale: float = Field(1.0, ge=0)
    """1.0 = documented limits; 0.01 = 100× faster (sandbox); 0 = no client-side throttling."""
    timeout: float = Field(120.0, gt=0)
    """Seconds per HTTP request."""
    max_retries: int = Field(5, ge=0)
    """Retries of one request after the first try (429, 5xx, timeouts, network errors, truncated bodies)."""
    max_retry_seconds: float = Field(900.0, gt=0)
    """Cap on the time one request may take with its retries and server-requested waits."""
    retry_backoff: float = Field(1.0, ge=0)
    """First exponential backoff step in seconds (doubles per retry, capped at 60 s)."""
    max_pages: int = Field(10_000, ge=1)
    """Cap on pages per paging loop; passing it raises PaginationError."""


def resolve_host_families(
    marketplace: str, families: Sequence[str], default_url: str, hosts: Mapping[str, str] | None
) -> dict[str, str]:
    """Base URL per family: `default_url` (a template with ``{family}``) unless `hosts` overrides it.

    An override may carry a path prefix (``http://127.0.0.1:9000/wb/statistics-api``). An
    unknown family is a configuration error naming the `marketplace` (a typo would silently
    hit the real host).
    """
    unknown = sorted(set(hosts or {}) - set(families))
    if unknown:
        raise ConfigError(f"unknown {marketplace} host families {unknown}; known: {', '.join(families)}")
    return {f: (hosts or {}).get(f, default_url.format(family=f)) for f in families}
