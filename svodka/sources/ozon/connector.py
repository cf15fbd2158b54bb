"""`OzonConnector`: one Ozon seller account (Client-Id + Api-Key) and its streams."""

from __future__ import annotations

from collections.abc import Mapping

from svodka import __version__
from svodka.errors import AuthError, ConfigError
from svodka.sources.base import Stream
from svodka.sources.http import HttpClient, RetryPolicy
from svodka.sources.ozon.catalog import PricesStream, ProductsStream, StocksStream
from svodka.sources.ozon.common import OzonContext, OzonStream
from svodka.sources.ozon.finance import (
    AccrualsStream,
    AccrualTypesStream,
    RealizationStream,
    TransactionsStream,
)
from svodka.sources.ozon.options import OzonOptions, resolve_hosts
from svodka.sources.ozon.postings import FboPostingsStream, FbsPostingsStream, ReturnsStream
from svodka.sources.ozon.status import status_actions
from svodka.sources.ozon.stocks import FboStocksStream, FbsStocksStream
from svodka.sources.ratelimit import RateLimiter

STREAMS: tuple[type[OzonStream], ...] = (
    ProductsStream,
    PricesStream,
    StocksStream,
    FbsStocksStream,
    FboStocksStream,
    FboPostingsStream,
    FbsPostingsStream,
    ReturnsStream,
    AccrualTypesStream,
    AccrualsStream,
    RealizationStream,
    TransactionsStream,
)
"""In sync order: catalogue first (its walk gives the stock streams their SKUs), then stock,
then facts and finance. `TransactionsStream` is only used with ``use_transactions``."""


class OzonConnector:
    """A configured connection to one Ozon seller account.

    `connection` names it (errors say ``ozon:<connection>``); `client_id` goes in the
    ``Client-Id`` header; `api_key` is the secret, sent in ``Api-Key`` and never logged or
    shown. `hosts` maps ``api-seller`` to a base URL (default ``https://api-seller.ozon.ru``;
    a sandbox URL may carry a path prefix). The streams share one HTTP client and one
    rate-limit bucket, because Ozon counts its 50 requests per second per Client-Id.
    """

    source = "ozon"

    def __init__(
        self,
        connection: str,
        client_id: str,
        api_key: str,
        hosts: Mapping[str, str] | None = None,
        options: OzonOptions | None = None,
    ) -> None:
        if not connection:
            raise ConfigError("an Ozon connection needs a name")
        self.connection = connection
        self.options = options or OzonOptions()
        label = f"{self.source}:{connection}"
        client_id = (client_id or "").strip()
        api_key = (api_key or "").strip()
        if not client_id or not api_key:
            missing = " and ".join(n for n, v in (("Client-Id", client_id), ("Api-Key", api_key)) if not v)
            raise AuthError(
                f"no {missing} is configured for connection {label}",
                source=label,
                hint=self._fix(),
            )
        opts = self.options
        classes = [c for c in STREAMS if opts.use_transactions or c is not TransactionsStream]
        limiter = RateLimiter([p for cls in classes for p in cls.policies], scale=opts.rate_limit_scale)
        self._http = HttpClient(
            label,
            resolve_hosts(hosts),
            secret_headers={"Api-Key": api_key},
            headers={"Client-Id": client_id, "User-Agent": f"svodka/{__version__}"},
            timeout=opts.timeout,
            retry=RetryPolicy(
                max_tries=opts.max_retries + 1,
                max_seconds=opts.max_retry_seconds,
                backoff_base=opts.retry_backoff,
            ),
            status_actions=status_actions(label),
            limiter=limiter,
            auth_hint=self._auth_hint,
        )
        ctx = OzonContext(source=label, http=self._http, options=opts)
        self._streams = [cls(ctx) for cls in classes]

    def __repr__(self) -> str:
        return f"OzonConnector(connection={self.connection!r})"

    def __enter__(self) -> OzonConnector:
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

    def stream(self, name: str) -> OzonStream:
        """The stream called `name` (e.g. ``ozon_postings_fbo``)."""
        for s in self._streams:
            if s.name == name:
                return s
        raise ConfigError(f"Ozon has no stream {name!r}; streams: {', '.join(s.name for s in self._streams)}")

    def close(self) -> None:
        """Release the HTTP client."""
        self._http.close()

    def _fix(self) -> str:
        return (
            f"Create an API key in the Ozon seller account (Settings → Seller API) with the "
            f"«Admin read only» role, copy the Client-Id shown next to it, and run "
            f"`svodka connect ozon --name {self.connection} --client-id … --api-key … --replace`."
        )

    def _auth_hint(self, host: str, path: str) -> str:
        return (
            f"Connection ozon:{self.connection} needs a valid Client-Id and Api-Key whose role "
            f"allows POST {path} (keys live 6 months; an IP-restricted key only works from its "
            f"networks; 403 «Offer not signed» means the offer must be accepted first). " + self._fix()
        )
