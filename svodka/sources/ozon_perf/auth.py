"""The Performance API's OAuth2 client-credentials token, renewed before it expires.

``POST /api/client/token`` with ``{"client_id", "client_secret", "grant_type":
"client_credentials"}`` answers ``{"access_token", "expires_in": 1800, "token_type":
"Bearer"}``; every other method wants ``Authorization: Bearer <access_token>``. The client
asks `headers()` before each attempt and calls `invalidate()` after a 401 (a token can die
before its time), so a sync that outlives one token carries on with the next.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from svodka.errors import FatalSourceError
from svodka.sources.http import HttpClient

TOKEN = "/api/client/token"
DEFAULT_LIFETIME = 1800.0
"""Seconds, as documented; used when an answer has no usable ``expires_in``."""


class BearerToken:
    """An `AuthProvider` for `HttpClient`: fetches, caches and renews one account's token."""

    def __init__(
        self,
        http: HttpClient,
        host: str,
        client_id: str,
        client_secret: str,
        *,
        margin: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._host = host
        self._credentials = {
            "client_id": client_id,
            "client_secret": client_secret,
            "grant_type": "client_credentials",
        }
        self._margin = margin
        self._clock = clock
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()
        self.issued = 0
        """How many tokens this provider has obtained (one per renewal)."""

    def __repr__(self) -> str:
        return f"BearerToken(client_id={self._credentials['client_id']!r})"

    def headers(self) -> Mapping[str, str]:
        """``Authorization: Bearer …``, renewing the token when it is about to expire."""
        with self._lock:
            if self._token is None or self._clock() >= self._expires - self._margin:
                self._renew()
            return {"Authorization": f"Bearer {self._token}"}

    def invalidate(self) -> None:
        """Forget the token: the next request gets a new one."""
        with self._lock:
            self._token = None

    def _renew(self) -> None:
        started = self._clock()
        resp = self._http.request("POST", self._host, TOKEN, json=dict(self._credentials), authenticate=False)
        data: Any = resp.data
        token = data.get("access_token") if isinstance(data, Mapping) else None
        if not isinstance(token, str) or not token:
            keys = sorted(data) if isinstance(data, Mapping) else type(data).__name__
            raise FatalSourceError(
                f"POST {TOKEN} answered without an access_token (keys: {keys})",
                source=self._http.source,
                hint="The token service changed its answer; report it.",
            )
        lifetime = data.get("expires_in")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or lifetime <= 0:
            lifetime = DEFAULT_LIFETIME
        self._token = token
        self._expires = started + float(lifetime)
        self.issued += 1
