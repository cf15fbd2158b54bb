"""`OzonPerfConnector`: one Ozon Performance (advertising) account and its streams."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from svodka import __version__
from svodka.errors import AuthError, ConfigError
from svodka.sources.base import Stream
from svodka.sources.http import HttpClient, RetryPolicy
from svodka.sources.ozon_perf.auth import TOKEN, BearerToken
from svodka.sources.ozon_perf.campaigns import CampaignsStream
from svodka.sources.ozon_perf.common import PerfContext, PerfStream
from svodka.sources.ozon_perf.options import OzonPerfOptions, resolve_hosts
from svodka.sources.ozon_perf.stats import StatsStream
from svodka.sources.ratelimit import RateLimiter

STREAMS: tuple[type[PerfStream], ...] = (CampaignsStream, StatsStream)
"""In sync order: the campaigns (reference data), then their statistics."""

HOST = "api-performance"


class OzonPerfConnector:
    """A configured connection to one Ozon Performance account (a service account's key).

    `connection` names it (errors say ``ozon_perf:<connection>``); `client_id` and
    `client_secret` are the key (Settings → API keys → Performance API); the secret and the
    access tokens obtained with it are never logged, shown or stored in pages. `hosts` maps
    ``api-performance`` to a base URL (default ``https://api-performance.ozon.ru``; a sandbox
    URL may carry a path prefix). `clock` and `sleep` drive token expiry and report polling.
    """

    source = "ozon_perf"

    def __init__(
        self,
        connection: str,
        client_id: str,
        client_secret: str,
        hosts: Mapping[str, str] | None = None,
        options: OzonPerfOptions | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not connection:
            raise ConfigError("an Ozon Performance connection needs a name")
        self.connection = connection
        self.options = opts = options or OzonPerfOptions()
        label = f"{self.source}:{connection}"
        client_id, client_secret = (client_id or "").strip(), (client_secret or "").strip()
        if not client_id or not client_secret:
            missing = " and ".join(
                n for n, v in (("client_id", client_id), ("client_secret", client_secret)) if not v
            )
            raise AuthError(
                f"no {missing} is configured for connection {label}",
                source=label,
                hint=self._connect_hint(),
            )
        limiter = RateLimiter([p for cls in STREAMS for p in cls.policies], scale=opts.rate_limit_scale)
        self._http = HttpClient(
            label,
            resolve_hosts(hosts),
            headers={"User-Agent": f"svodka/{__version__}"},
            timeout=opts.timeout,
            retry=RetryPolicy(
                max_tries=opts.max_retries + 1,
                max_seconds=opts.max_retry_seconds,
                backoff_base=opts.retry_backoff,
            ),
            limiter=limiter,
            auth_hint=self._auth_hint,
            sleep=sleep,
            secrets=(client_secret,),
        )
        self._token = BearerToken(
            self._http, HOST, client_id, client_secret, margin=opts.token_refresh_margin, clock=clock
        )
        self._http.auth = self._token
        ctx = PerfContext(source=label, http=self._http, options=opts, sleep=sleep, clock=clock)
        self._streams = [cls(ctx) for cls in STREAMS]

    def __repr__(self) -> str:
        return f"OzonPerfConnector(connection={self.connection!r})"

    def __enter__(self) -> OzonPerfConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def http(self) -> HttpClient:
        """The HTTP client (hosts, limiter, retry policy, bearer token)."""
        return self._http

    @property
    def token(self) -> BearerToken:
        """The access-token provider (how many tokens it obtained: ``token.issued``)."""
        return self._token

    def streams(self) -> list[Stream]:
        """All streams, in the order they should be synced."""
        return list(self._streams)

    def stream(self, name: str) -> PerfStream:
        """The stream called `name` (e.g. ``ozon_perf_stats``)."""
        for s in self._streams:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self._streams)
        raise ConfigError(f"Ozon Performance has no stream {name!r}; streams: {names}")

    def close(self) -> None:
        """Release the HTTP client."""
        self._http.close()

    def _connect_hint(self) -> str:
        return (
            "Create a key in the Ozon seller account (Settings → API keys → Performance API, a "
            "service account) and run `svodka connect ozon-perf --name "
            f"{self.connection} --client-id … --client-secret …`."
        )

    def _auth_hint(self, host: str, path: str) -> str:
        if path == TOKEN:
            return f"Ozon Performance refused the client_id / client_secret of connection {self.source}:" + (
                f"{self.connection}. " + self._connect_hint()
            )
        return (
            f"Ozon Performance refused a fresh access token of connection {self.source}:{self.connection} "
            f"for {path}: the service account may lack access to it. " + self._connect_hint()
        )
