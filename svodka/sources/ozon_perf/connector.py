"""`OzonPerfConnector`: one Ozon Performance (advertising) account and its streams."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from svodka.sources.connector import HttpConnector
from svodka.sources.ozon_perf.auth import TOKEN, BearerToken
from svodka.sources.ozon_perf.campaigns import CampaignsStream
from svodka.sources.ozon_perf.common import PerfContext, PerfStream
from svodka.sources.ozon_perf.options import OzonPerfOptions, resolve_hosts
from svodka.sources.ozon_perf.stats import StatsStream

STREAMS: tuple[type[PerfStream], ...] = (CampaignsStream, StatsStream)
"""In sync order: the campaigns (reference data), then their statistics."""

HOST = "api-performance"


class OzonPerfConnector(HttpConnector):
    """A configured connection to one Ozon Performance account (a service account's key).

    `connection` names it (errors say ``ozon_perf:<connection>``); `client_id` and
    `client_secret` are the key (Settings → API keys → Performance API); the secret and the
    access tokens obtained with it are never logged, shown or stored in pages. `hosts` maps
    ``api-performance`` to a base URL (default ``https://api-performance.ozon.ru``; a sandbox
    URL may carry a path prefix). `clock` and `sleep` drive token expiry and report polling.
    """

    source = "ozon_perf"
    title = "Ozon Performance"

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
        opts = options or OzonPerfOptions()
        super().__init__(connection, opts)
        client_id, client_secret = self._require(
            {"client_id": client_id, "client_secret": client_secret}, hint=self._connect_hint()
        )
        http = self._open(resolve_hosts(hosts), STREAMS, sleep=sleep, secrets=(client_secret,))
        self._token = BearerToken(
            http, HOST, client_id, client_secret, margin=opts.token_refresh_margin, clock=clock
        )
        http.auth = self._token
        ctx = PerfContext(source=self.label, http=http, options=opts, sleep=sleep, clock=clock)
        self._streams = [cls(ctx) for cls in STREAMS]

    @property
    def token(self) -> BearerToken:
        """The access-token provider (how many tokens it obtained: ``token.issued``)."""
        return self._token

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
