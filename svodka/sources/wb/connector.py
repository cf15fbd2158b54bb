"""`WBConnector`: one Wildberries seller account (one token) and its streams."""

from __future__ import annotations

from collections.abc import Mapping

from svodka.sources.connector import HttpConnector
from svodka.sources.stream import StreamContext
from svodka.sources.wb.ads import AdsCampaignsStream, AdsSpendStream, AdsStatsStream
from svodka.sources.wb.catalog import CardsStream, PricesStream
from svodka.sources.wb.common import WBStream
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


class WBConnector(HttpConnector):
    """A configured connection to one WB seller account.

    `connection` names it (errors say ``wb:<connection>``); `token` is the API token,
    sent raw in ``Authorization`` and never logged or shown. `hosts` maps host families to
    base URLs (default ``https://<family>.wildberries.ru``; a sandbox URL may carry a path
    prefix). The streams share one HTTP client and one set of rate-limit buckets, because WB
    counts limits per seller account.
    """

    source = "wb"
    title = "WB"

    def __init__(
        self,
        connection: str,
        token: str,
        hosts: Mapping[str, str] | None = None,
        options: WBOptions | None = None,
    ) -> None:
        super().__init__(connection, options or WBOptions())
        (token,) = self._require(
            {"API token": token},
            hint=f"Create a token in the WB seller account (Settings → API integrations) and "
            f"run `svodka connect wb --name {connection} --token …`.",
        )
        http = self._open(resolve_hosts(hosts), STREAMS, secret_headers={"Authorization": token})
        ctx = StreamContext(source=self.label, http=http, options=self.options)
        self._streams = [cls(ctx) for cls in STREAMS]

    def _auth_hint(self, host: str, path: str) -> str:
        category = TOKEN_CATEGORY.get(host, "the right")
        return (
            f"Connection wb:{self.connection} needs a valid WB token (tokens live 180 days) with the "
            f"{category} category for {host} {path}; Read only access is enough. Create one in the "
            f"seller account (Settings → API integrations) and replace it: "
            f"`svodka connect wb --name {self.connection} --token …`."
        )
