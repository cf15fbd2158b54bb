"""`MPStatsConnector`: one MPStats account (an API token) and its competitor streams."""

from __future__ import annotations

import time
from collections.abc import Callable

from svodka.sources.connector import HttpConnector
from svodka.sources.mpstats.category import OzCategoryItemsStream, WbCategoryItemsStream
from svodka.sources.mpstats.common import HOST, MPStatsContext, MPStatsStream
from svodka.sources.mpstats.options import DEFAULT_BASE_URL, MPStatsOptions
from svodka.sources.mpstats.quota import Quota
from svodka.sources.mpstats.sales import OzItemSalesStream, WbItemSalesStream

STREAMS: tuple[type[MPStatsStream], ...] = (
    WbCategoryItemsStream,
    OzCategoryItemsStream,
    WbItemSalesStream,
    OzItemSalesStream,
)
"""In sync order: the category pages choose the items whose daily sales are read."""


class MPStatsConnector(HttpConnector):
    """A configured connection to one MPStats account.

    `token` is sent in ``X-Mpstats-TOKEN`` and never logged or shown; `base_url` defaults to
    ``https://mpstats.io/api/`` (a sandbox URL may carry a path prefix). `sleep` waits
    between 202 polls and before retries (tests pass a fake clock's).
    """

    source = "mpstats"
    title = "MPStats"

    def __init__(
        self,
        connection: str,
        token: str,
        base_url: str | None = None,
        options: MPStatsOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(connection, options or MPStatsOptions())
        (token,) = self._require({"X-Mpstats-TOKEN": token}, hint=self._fix())
        http = self._open(
            {HOST: base_url or DEFAULT_BASE_URL},
            STREAMS,
            headers={"Content-Type": "application/json"},
            secret_headers={"X-Mpstats-TOKEN": token},
            sleep=sleep,
        )
        quota = Quota(http, HOST, self.label, self.options.max_requests_per_sync)
        ctx = MPStatsContext(source=self.label, http=http, options=self.options, sleep=sleep, quota=quota)
        self._streams = [cls(ctx) for cls in STREAMS]

    def _fix(self) -> str:
        return (
            f"Copy the API token from the MPStats account (Профиль → API; it changes with the "
            f"password) and run `svodka connect mpstats --name {self.connection} --token … --replace`."
        )

    def _auth_hint(self, host: str, path: str) -> str:
        return (
            f"Connection mpstats:{self.connection} needs a valid token of a paid plan that covers "
            f"{path}. " + self._fix()
        )
