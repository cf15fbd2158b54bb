"""Which connector class serves which source, built from a stored connection."""

from __future__ import annotations

from svodka.config import Settings, validate_hosts
from svodka.control.records import ConnectionInfo
from svodka.errors import ConfigError
from svodka.sources.base import Connector

SOURCES = ("wb",)


def make_connector(conn: ConnectionInfo, settings: Settings) -> Connector:
    """A ready connector for `conn`: hosts from settings, overridden per connection."""
    src = settings.source(conn.source)
    hosts = {**src.hosts, **validate_hosts(conn.source, dict(conn.hosts))}
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
