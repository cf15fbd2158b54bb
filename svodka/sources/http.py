"""One HTTP client for every connector: hosts, auth, throttling, retries, status → action.

What it guarantees, whatever the source:

* the auth header is added to every request and never appears in logs, exceptions,
  `Response.request` (which becomes `Page.request`) or `repr()`;
* every request first takes a slot from the rate limiter (throttle *before* sending);
* the HTTP status is turned into an `Action` by a table, not an if-chain; a source
  overrides single rows (e.g. WB answers some errors as ``200 {"error": true}``);
* retriable failures (429, 5xx, timeouts, network errors, a 200 whose JSON does not
  parse) are retried with exponential backoff and jitter, honouring the server's
  ``X-Ratelimit-Retry`` / ``Retry-After`` / ``X-Ratelimit-Reset``, within a cap on tries
  and on total time; then the last `RetriableError` surfaces;
* 401/403 raise `AuthError` naming the connection and what to do; other 4xx raise
  `FatalSourceError` with the server's own error text;
* with an `AuthProvider` (an OAuth bearer token that expires), its headers are asked for on
  every attempt, and a 401 makes it renew them once and try the request again.
"""

from __future__ import annotations

import copy
import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx
import orjson
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, stop_before_delay

from svodka.errors import AuthError, ConfigError, FatalSourceError, RetriableError
from svodka.sources.ratelimit import RateLimiter
from svodka.sources.status import (
    DEFAULT_STATUS_ACTIONS,
    Action,
    StatusRule,
    error_text,
    fallback_action,
    server_wait,
)

__all__ = [
    "DEFAULT_STATUS_ACTIONS",
    "Action",
    "AuthProvider",
    "HttpClient",
    "Response",
    "RetryPolicy",
    "StatusRule",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one request before the `RetriableError` surfaces."""

    max_tries: int = 5
    max_seconds: float = 600.0
    """Cap on the total time of one request including waits; a longer server wait gives up at once."""
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    jitter: float = 0.25
    """Exponential waits are scaled by a random factor in [1 - jitter, 1 + jitter]."""


class AuthProvider(Protocol):
    """Auth headers that can go stale, e.g. an OAuth2 bearer token with a lifetime.

    `headers()` is called before every attempt (it may fetch or renew the token, through
    the same client with ``authenticate=False``); `invalidate()` after a 401, so the next
    `headers()` gets fresh ones. The header values are secrets: the client scrubs them.
    """

    def headers(self) -> Mapping[str, str]:
        """The headers to authenticate the next request with."""
        ...

    def invalidate(self) -> None:
        """The server refused the current headers: renew them on the next call."""
        ...


class _StaleCredentials(Exception):
    """A 401 on a request authenticated by an `AuthProvider`: renew and try once more."""

    def __init__(self, error: AuthError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class Response:
    """One answer, parsed; `request` is safe to store (no secrets)."""

    status: int
    body: bytes
    headers: Mapping[str, str]
    data: Any
    request: Mapping[str, Any]
    fetched_at: datetime
    action: Action


class HttpClient:
    """A sync httpx client over several host families of one source account.

    `hosts` maps a family (``"statistics-api"``) to a base URL, which may carry a path
    prefix (``http://127.0.0.1:9000/wb/statistics-api``): request paths are appended to it.
    `secret_headers` (the token) are sent on every request and scrubbed from any text we
    raise. `auth_hint(host, path)` says what to do when the server refuses the token.
    `auth` supplies headers that expire (see `AuthProvider`); `secrets` are more strings to
    scrub that are never sent as headers (an OAuth client secret).
    """

    def __init__(
        self,
        source: str,
        hosts: Mapping[str, str],
        *,
        secret_headers: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        status_actions: Mapping[int, StatusRule] | None = None,
        limiter: RateLimiter | None = None,
        auth_hint: Callable[[str, str], str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
        auth: AuthProvider | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        self.source = source
        self.hosts = {name: _check_base_url(name, url) for name, url in hosts.items()}
        self.retry = retry or RetryPolicy()
        self.status_actions: dict[int, StatusRule] = {**DEFAULT_STATUS_ACTIONS, **(status_actions or {})}
        self.limiter = limiter or RateLimiter()
        self.auth_hint = auth_hint
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.auth = auth
        self._secrets = tuple(v for v in (*(secret_headers or {}).values(), *secrets) if len(v) >= 4)
        self._live_secrets: set[str] = set()  # values the auth provider handed out
        self._client = httpx.Client(
            headers={"Accept": "application/json", **(headers or {}), **(secret_headers or {})},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            follow_redirects=False,  # a redirect would carry the token to wherever it points
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"HttpClient(source={self.source!r}, hosts={sorted(self.hosts)!r})"

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def url(self, host: str, path: str) -> str:
        """Absolute URL of `path` on host family `host`, keeping any prefix of the base URL."""
        try:
            base = self.hosts[host]
        except KeyError:
            raise ConfigError(f"[{self.source}] no base URL configured for host {host!r}") from None
        return base + "/" + path.lstrip("/")

    def request(
        self,
        method: str,
        host: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        status_actions: Mapping[int, StatusRule] | None = None,
        authenticate: bool = True,
        expect_json: bool = True,
    ) -> Response:
        """Send one request with throttling and retries; return the answer or raise by its action.

        `status_actions` overrides rows of the client's table for this call only.
        `authenticate=False` skips the `AuthProvider` (the token request itself);
        `expect_json=False` takes a body that is not JSON (a CSV or ZIP file) as it is.
        """
        table = {**self.status_actions, **(status_actions or {})} if status_actions else self.status_actions
        url = self.url(host, path)
        safe = {
            "method": method.upper(),
            "url": url,
            "params": dict(params or {}),
            "json": copy.deepcopy(json),
        }
        auth = self.auth if authenticate else None
        try:
            return self._send(method, host, path, url, safe, table, auth, expect_json)
        except _StaleCredentials as stale:
            if auth is None:  # cannot happen: only requests with a provider raise it
                raise stale.error from None
            # An OAuth token may expire (or be revoked) before its announced lifetime ends:
            # renew it and try once more; a second 401 is a real refusal.
            log.info("%s; renewing the token and trying again", stale.error)
            auth.invalidate()
            try:
                return self._send(method, host, path, url, safe, table, auth, expect_json, renew=False)
            except _StaleCredentials as again:
                raise again.error from None

    def _send(
        self,
        method: str,
        host: str,
        path: str,
        url: str,
        safe: Mapping[str, Any],
        table: Mapping[int, StatusRule],
        auth: AuthProvider | None,
        expect_json: bool,
        *,
        renew: bool = True,
    ) -> Response:
        """The retry loop around one request."""
        retrying = Retrying(
            stop=stop_after_attempt(self.retry.max_tries) | stop_before_delay(self.retry.max_seconds),
            wait=self._wait,
            retry=retry_if_exception_type(RetriableError),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            retry_error_callback=self._give_up,
        )
        # The iterator form keeps the response out of tenacity's retry state, which forms a
        # reference cycle: returned through it, every body (up to ~200 MB) would wait for
        # the cyclic garbage collector instead of being freed with the page.
        response: Response | None = None
        for attempt in retrying:
            with attempt:
                response = self._attempt(
                    method.upper(), host, path, url, safe, table, auth, expect_json, renew
                )
        assert response is not None
        return response

    # --- one attempt ---------------------------------------------------------------------

    def _attempt(
        self,
        method: str,
        host: str,
        path: str,
        url: str,
        safe: Mapping[str, Any],
        table: Mapping[int, StatusRule],
        auth: AuthProvider | None = None,
        expect_json: bool = True,
        renew: bool = False,
    ) -> Response:
        headers = None
        if auth is not None:  # before the slot: getting a token is a request of its own
            headers = dict(auth.headers())
            for v in headers.values():
                self._live_secrets.update(s for s in (v, v.partition(" ")[2]) if len(s) >= 4)
        self.limiter.acquire(method, path)
        started = time.monotonic()
        try:
            # Streamed, so the body is never cached on httpx's Response: that object sits in a
            # reference cycle with its stream, and a cached body (up to ~200 MB) would live
            # until the cyclic garbage collector ran, page after page.
            with self._client.stream(
                method, url, params=safe["params"] or None, json=safe["json"], headers=headers
            ) as r:
                body = b"".join(r.iter_bytes())
        except httpx.UnsupportedProtocol as e:
            raise ConfigError(f"[{self.source}] bad base URL for {host!r}: {e}") from None
        except httpx.TimeoutException as e:
            raise RetriableError(
                f"{method} {url} timed out ({type(e).__name__})", source=self.source
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as e:
            raise RetriableError(
                f"{method} {url} failed: {type(e).__name__}: {self._scrub(str(e))}", source=self.source
            ) from None
        log.debug("%s %s → %s in %.2fs", method, url, r.status_code, time.monotonic() - started)
        data, parse_error = _parse_json(body) if expect_json else (None, None)
        resp = Response(
            status=r.status_code,
            body=body,
            headers=r.headers,
            data=data,
            request=safe,
            fetched_at=datetime.now(UTC),
            action=Action.OK,
        )
        rule = table.get(r.status_code, fallback_action(r.status_code))
        action = rule(resp) if callable(rule) else rule
        if action is Action.OK:
            if parse_error:
                raise RetriableError(
                    f"{method} {url} answered {r.status_code} with a body that is not valid "
                    f"JSON (truncated?): {parse_error}",
                    source=self.source,
                )
            return _with_action(resp, action)
        if action is Action.NO_DATA:
            return _with_action(resp, action)
        text = self._scrub(error_text(data, body))
        what = f"{method} {url} → HTTP {r.status_code}"
        if action is Action.RATE_LIMITED:
            wait = server_wait(r.headers, rate_limited=True)
            if wait is not None:
                self.limiter.defer(method, path, wait)
            raise RetriableError(f"{what} (rate limited): {text}", source=self.source, retry_after=wait)
        if action is Action.RETRY:
            raise RetriableError(f"{what}: {text}", source=self.source, retry_after=server_wait(r.headers))
        if action is Action.AUTH:
            hint = self.auth_hint(host, path) if self.auth_hint else None
            error = AuthError(
                f"the server refused the token of connection {self.source}: {what}: {text}",
                source=self.source,
                hint=hint,
            )
            if renew and auth is not None and r.status_code == 401:
                raise _StaleCredentials(error)
            raise error
        raise FatalSourceError(
            f"{what}: {text}",
            source=self.source,
            hint="The request does not fit the API; retrying will not help.",
        )

    # --- retry plumbing --------------------------------------------------------------------

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        server = getattr(exc, "retry_after", None)
        if server is not None:
            # Never earlier than the server asked; a little later so parallel workers spread out.
            return server + self._rng.uniform(0, min(1.0, 0.1 * server))
        p = self.retry
        delay = min(p.backoff_max, p.backoff_base * 2 ** (state.attempt_number - 1))
        return delay * self._rng.uniform(1 - p.jitter, 1 + p.jitter)

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "%s; try %d of %d failed, next in %.1fs",
            exc,
            state.attempt_number,
            self.retry.max_tries,
            state.upcoming_sleep,
        )

    def _give_up(self, state: RetryCallState) -> Response:
        exc = state.outcome.exception() if state.outcome else None
        assert isinstance(exc, RetriableError)
        elapsed = state.seconds_since_start or 0.0
        message = str(exc).removeprefix(f"[{self.source}] ").split("\n→ ")[0]
        raise RetriableError(
            f"gave up after {state.attempt_number} tries in {elapsed:.1f}s: {message}",
            source=self.source,
            retry_after=exc.retry_after,
            hint="A transient failure outlasted the retries; the next scheduled run resumes from the "
            "last committed state.",
        ) from exc

    def _scrub(self, text: str) -> str:
        # Longest first, so a token is replaced whole before any secret inside it.
        for secret in sorted({*self._secrets, *self._live_secrets}, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


def _with_action(resp: Response, action: Action) -> Response:
    return Response(resp.status, resp.body, resp.headers, resp.data, resp.request, resp.fetched_at, action)


def _check_base_url(name: str, url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL for host {name!r} must start with http:// or https://, got {url!r}")
    return url.rstrip("/")


def _parse_json(body: bytes) -> tuple[Any, str | None]:
    if not body:
        return None, "empty body"
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError as e:
        return None, str(e)
