"""Which connector class serves which source, built from a stored connection."""

from __future__ import annotations

from svodka.config import Settings, validate_hosts
from svodka.control.records import ConnectionInfo
from svodka.errors import ConfigError
from svodka.sources.base import Connector

SOURCES = ("wb",)


def host_families(source: str) -> tuple[str, ...]:
    """The host families a source's connector knows (named after the real hosts' first label)."""
    if source == "wb":
        from svodka.sources.wb import HOST_FAMILIES

        return tuple(HOST_FAMILIES)
    raise ConfigError(f"unknown source {source!r}", hint=f"Known sources: {', '.join(SOURCES)}")


def check_hosts(source: str, hosts: dict[str, str]) -> dict[str, str]:
    """Host overrides with valid URLs and family names the source's connector knows."""
    return validate_hosts(source, hosts, host_families(source))


def make_connector(conn: ConnectionInfo, settings: Settings) -> Connector:
    """A ready connector for `conn`: hosts from settings, overridden per connection."""
    src = settings.source(conn.source)
    hosts = check_hosts(conn.source, {**src.hosts, **dict(conn.hosts)})
    options = {
        "history_days": src.history_days,
        "rate_limit_scale": src.rate_limit_scale,
        **src.options,
        **dict(conn.options),
    }
    if conn.source == "wb":
        from svodka.sources.wb import WBConnector, WBOptions

        return WBConnector(conn.name, conn.token(), hosts=hosts, options=WBOptions(**options))
    raise ConfigError(f"unknown source {conn.source!r}", hint=f"Known sources: {', '.join(SOURCES)}")
