"""`WBConnector`: one Wildberries seller account (one token) and its streams."""

from __future__ import annotations

from collections.abc import Mapping

from svodka import __version__
from svodka.errors import AuthError, ConfigError
from svodka.sources.base import Stream
from svodka.sources.http import HttpClient, RetryPolicy
from svodka.sources.ratelimit import RateLimiter
from svodka.sources.wb.ads import AdsCampaignsStream, AdsSpendStream, AdsStatsStream
from svodka.sources.wb.catalog import CardsStream, PricesStream
from svodka.sources.wb.common import WBContext, WBStream
from svodka.sources.wb.finance import RealizationReportsStream, RealizationStream
from svodka.sources.wb.options import TOKEN_CATEGORY, WBOptions, resolve_hosts
from svodka.sources.wb.statistics import OrdersStream, SalesStream
from svodka.sources.wb.stocks import WarehouseRemainsStream, WBWarehousesStocksStream

STREAMS: tuple[type[WBStream], ...] = (
    CardsStream,
    PricesStream,
    WarehouseRemainsStream,
    WBWarehousesStocksStream,
    OrdersStream,
    SalesStream,
    RealizationReportsStream,
    RealizationStream,
    AdsCampaignsStream,
    AdsStatsStream,
    AdsSpendStream,
)
"""In sync order: reference data (cards, prices) first, then stock, then facts, then advertising."""


class WBConnector:
    """A configured connection to one WB seller account.

    `connection` names it (errors say ``wb:<connection>``); `token` is the API token,
    sent raw in ``Authorization`` and never logged or shown. `hosts` maps host families to
    base URLs (default ``https://<family>.wildberries.ru``; a sandbox URL may carry a path
    prefix). The streams share one HTTP client and one set of rate-limit buckets, because WB
    counts limits per seller account.
    """

    source = "wb"

    def __init__(
        self,
        connection: str,
        token: str,
        hosts: Mapping[str, str] | None = None,
        options: WBOptions | None = None,
    ) -> None:
        if not connection:
            raise ConfigError("a WB connection needs a name")
        self.connection = connection
        self.options = options or WBOptions()
        label = f"{self.source}:{connection}"
        token = (token or "").strip()
        if not token:
            raise AuthError(
                f"no API token is configured for connection {label}",
                source=label,
                hint=f"Create a token in the WB seller account (Settings → API integrations) and "
                f"run `svodka connect wb --name {connection} --token …`.",
            )
        opts = self.options
        limiter = RateLimiter([p for cls in STREAMS for p in cls.policies], scale=opts.rate_limit_scale)
        self._http = HttpClient(
            label,
            resolve_hosts(hosts),
            secret_headers={"Authorization": token},
            headers={"User-Agent": f"svodka/{__version__}"},
            timeout=opts.timeout,
            retry=RetryPolicy(
                max_tries=opts.max_retries + 1,
                max_seconds=opts.max_retry_seconds,
                backoff_base=opts.retry_backoff,
            ),
            limiter=limiter,
            auth_hint=self._auth_hint,
        )
        ctx = WBContext(source=label, http=self._http, options=opts)
        self._streams = [cls(ctx) for cls in STREAMS]

    def __repr__(self) -> str:
        return f"WBConnector(connection={self.connection!r})"

    def __enter__(self) -> WBConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def http(self) -> HttpClient:
        """The shared HTTP client (hosts, limiter, retry policy)."""
        return self._http

    def streams(self) -> list[Stream]:
        """All streams, in the order they should be synced."""
        return list(self._streams)

    def stream(self, name: str) -> WBStream:
        """The stream called `name` (e.g. ``wb_orders``)."""
        for s in self._streams:
            if s.name == name:
                return s
        raise ConfigError(f"WB has no stream {name!r}; streams: {', '.join(s.name for s in self._streams)}")

    def close(self) -> None:
        """Release the HTTP client."""
        self._http.close()

    def _auth_hint(self, host: str, path: str) -> str:
        category = TOKEN_CATEGORY.get(host, "the right")
        return (
            f"Connection wb:{self.connection} needs a valid WB token (tokens live 180 days) with the "
            f"{category} category for {host} {path}; Read only access is enough. Create one in the "
            f"seller account (Settings → API integrations) and replace it: "
            f"`svodka connect wb --name {self.connection} --token …`."
        )
