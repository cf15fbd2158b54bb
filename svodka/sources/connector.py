"""`HttpConnector`: what every connector shares — one account, one HTTP client, its streams."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Self

from svodka import __version__
from svodka.errors import AuthError, ConfigError
from svodka.sources.base import Stream
from svodka.sources.http import HttpClient, RetryPolicy
from svodka.sources.options import HttpOptions
from svodka.sources.ratelimit import RateLimiter
from svodka.sources.stream import HttpStream


class HttpConnector:
    """A configured connection to one account of a marketplace, its streams on one `HttpClient`.

    A subclass names its `source` and `title`, checks its credentials (`_require`), opens the
    client (`_open`) with its hosts, stream classes and credential headers, builds its streams
    on one shared context, and says in `_auth_hint` what to do when the server refuses them.
    The streams share one client and so one set of rate-limit buckets: marketplaces count
    limits per account.
    """

    source: ClassVar[str]
    """Short name: errors say ``<source>:<connection>``."""
    title: ClassVar[str]
    """The marketplace as messages name it (``WB``, ``Ozon``)."""

    def __init__(self, connection: str, options: HttpOptions) -> None:
        if not connection:
            article = "an" if self.title[0] in "AEIOU" else "a"
            raise ConfigError(f"{article} {self.title} connection needs a name")
        self.connection = connection
        self.options = options
        self.label = f"{self.source}:{connection}"
        self._streams: list[HttpStream] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(connection={self.connection!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def http(self) -> HttpClient:
        """The shared HTTP client (hosts, limiter, retry policy, auth provider if any)."""
        return self._http

    def streams(self) -> list[Stream]:
        """All streams, in the order they should be synced."""
        return list(self._streams)

    def stream(self, name: str) -> HttpStream:
        """The stream called `name` (e.g. ``wb_orders``, ``ozon_postings_fbo``)."""
        for s in self._streams:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self._streams)
        raise ConfigError(f"{self.title} has no stream {name!r}; streams: {names}")

    def close(self) -> None:
        """Release the HTTP client."""
        self._http.close()

    def _require(self, credentials: Mapping[str, str | None], hint: str) -> list[str]:
        """The `credentials` (name → value) stripped; an `AuthError` with `hint` names the missing."""
        values = {name: (value or "").strip() for name, value in credentials.items()}
        missing = " and ".join(name for name, value in values.items() if not value)
        if missing:
            raise AuthError(
                f"no {missing} is configured for connection {self.label}", source=self.label, hint=hint
            )
        return list(values.values())

    def _open(
        self,
        hosts: Mapping[str, str],
        classes: Sequence[type[HttpStream]],
        *,
        headers: Mapping[str, str] | None = None,
        **client: Any,
    ) -> HttpClient:
        """The shared client, throttled by the rate-limit policies of the stream `classes`.

        `headers` go before the ``User-Agent``; `client` holds the rest of `HttpClient`'s
        arguments (``secret_headers``, ``status_actions``, ``secrets``, ``sleep``).
        """
        opts = self.options
        self._http = HttpClient(
            self.label,
            hosts,
            headers={**(headers or {}), "User-Agent": f"svodka/{__version__}"},
            timeout=opts.timeout,
            retry=RetryPolicy(
                max_tries=opts.max_retries + 1,
                max_seconds=opts.max_retry_seconds,
                backoff_base=opts.retry_backoff,
            ),
            limiter=RateLimiter([p for cls in classes for p in cls.policies], scale=opts.rate_limit_scale),
            auth_hint=self._auth_hint,
            **client,
        )
        return self._http

    def _auth_hint(self, host: str, path: str) -> str:
        """What to do when the server refuses the credentials for `path` on `host`."""
        raise NotImplementedError
