"""Which connector class serves which source, built from a stored connection."""

from __future__ import annotations

from typing import Any

from svodka.config import Settings, validate_hosts
from svodka.control.records import ConnectionInfo
from svodka.errors import ConfigError
from svodka.sources.base import Connector

SOURCES = ("wb", "ozon", "ozon_perf", "onec", "yandex_market", "mpstats")
"""Source ids: Wildberries, Ozon Seller API, Ozon Performance (advertising) API, 1C:Enterprise,
Yandex Market Partner API, MPStats."""

ACCOUNT_ID_OPTION = {"ozon": "client_id", "ozon_perf": "client_id"}
"""Sources whose credentials are an id plus a secret: the id lives in the connection's options
(it is not a secret and the CLI shows it), the secret is the encrypted token."""


def _unknown(source: str) -> ConfigError:
    return ConfigError(f"unknown source {source!r}", hint=f"Known sources: {', '.join(SOURCES)}")


def host_families(source: str) -> tuple[str, ...]:
    """The host families a source's connector knows (named after the real hosts' first label)."""
    if source == "wb":
        from svodka.sources.wb import HOST_FAMILIES
    elif source == "ozon":
        from svodka.sources.ozon import HOST_FAMILIES
    elif source == "ozon_perf":
        from svodka.sources.ozon_perf import HOST_FAMILIES
    elif source == "yandex_market":
        from svodka.sources.yandex_market import HOST_FAMILIES
    elif source in ("onec", "mpstats"):
        return ()  # one base URL, kept in the connection's options
    else:
        raise _unknown(source)
    return tuple(HOST_FAMILIES)


def check_hosts(source: str, hosts: dict[str, str]) -> dict[str, str]:
    """Host overrides with valid URLs and family names the source's connector knows."""
    return validate_hosts(source, hosts, host_families(source))


def make_connector(conn: ConnectionInfo, settings: Settings) -> Connector:
    """A ready connector for `conn`: hosts from settings, overridden per connection."""
    src = settings.source(conn.source)
    hosts = check_hosts(conn.source, {**src.hosts, **dict(conn.hosts)})
    options: dict[str, Any] = {
        "history_days": src.history_days,
        "rate_limit_scale": src.rate_limit_scale,
        **src.options,
        **dict(conn.options),
    }
    account_id = options.pop(ACCOUNT_ID_OPTION.get(conn.source, ""), None)
    if conn.source == "wb":
        from svodka.sources.wb import WBConnector, WBOptions

        return WBConnector(conn.name, conn.token(), hosts=hosts, options=WBOptions(**options))
    if conn.source == "ozon":
        from svodka.sources.ozon import OzonConnector, OzonOptions

        return OzonConnector(
            conn.name, str(account_id or ""), conn.token(), hosts=hosts, options=OzonOptions(**options)
        )
    if conn.source == "ozon_perf":
        from svodka.sources.ozon_perf import OzonPerfConnector, OzonPerfOptions

        return OzonPerfConnector(
            conn.name, str(account_id or ""), conn.token(), hosts=hosts, options=OzonPerfOptions(**options)
        )
    if conn.source == "onec":
        from svodka.sources.onec import OneCConnector, OneCOptions

        base_url, username = options.pop("base_url", ""), options.pop("username", "")
        return OneCConnector(conn.name, username, conn.token(), base_url, options=OneCOptions(**options))
    if conn.source == "yandex_market":
        from svodka.sources.yandex_market import YMConnector, YMOptions

        return YMConnector(conn.name, conn.token(), hosts=hosts, options=YMOptions(**options))
    if conn.source == "mpstats":
        from svodka.sources.mpstats import MPStatsConnector, MPStatsOptions

        base_url = options.pop("base_url", None)
        return MPStatsConnector(conn.name, conn.token(), base_url, options=MPStatsOptions(**options))
    raise _unknown(conn.source)
