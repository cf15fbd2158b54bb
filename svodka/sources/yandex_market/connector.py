"""`YMConnector`: one Yandex Market business (Api-Key) with its campaigns, and its streams."""

from __future__ import annotations

from collections.abc import Mapping

from svodka.sources.connector import HttpConnector
from svodka.sources.yandex_market.common import YMContext, YMStream, status_actions
from svodka.sources.yandex_market.options import YMOptions, resolve_hosts
from svodka.sources.yandex_market.reports import (
    GoodsRealizationReport,
    MarketplaceServicesReport,
    UnitedNettingReport,
)
from svodka.sources.yandex_market.streams import (
    CampaignsStream,
    OfferMappingsStream,
    OrdersStream,
    PricesStream,
    ReturnsStream,
    StatsOrdersStream,
    StocksStream,
)

STREAMS: tuple[type[YMStream], ...] = (
    CampaignsStream,
    OfferMappingsStream,
    PricesStream,
    StocksStream,
    OrdersStream,
    StatsOrdersStream,
    ReturnsStream,
    UnitedNettingReport,
    MarketplaceServicesReport,
    GoodsRealizationReport,
)


class YMConnector(HttpConnector):
    """A configured connection to one Yandex Market business.

    `api_key` goes in the ``Api-Key`` header and is never logged or shown. The business and its
    campaigns come from ``GET /v2/campaigns`` (`options.campaign_ids` may restrict them). The
    client is sequential — one request in flight — so Market's limit of 4 parallel requests per
    campaign or business is never reached; a 420 from a method quota is waited out and retried.
    """

    source = "yandex_market"
    title = "Yandex Market"

    def __init__(
        self,
        connection: str,
        api_key: str,
        hosts: Mapping[str, str] | None = None,
        options: YMOptions | None = None,
    ) -> None:
        super().__init__(connection, options or YMOptions())
        (api_key,) = self._require({"Api-Key": api_key}, hint=self._fix())
        http = self._open(
            resolve_hosts(hosts),
            STREAMS,
            secret_headers={"Api-Key": api_key},
            status_actions=status_actions(self.label),
        )
        ctx = YMContext(source=self.label, http=http, options=self.options)
        self._streams = [cls(ctx) for cls in STREAMS]

    def _fix(self) -> str:
        return (
            "Create an API key in the Yandex Market partner account (Settings → API and modules) with "
            "the «all-methods:read-only» scope (or pricing, inventory-and-order-processing and "
            f"finance-and-accounting), and run `svodka connect yandex-market --name {self.connection} "
            "--api-key … --replace`."
        )

    def _auth_hint(self, host: str, path: str) -> str:
        return (
            f"Connection yandex_market:{self.connection} needs an Api-Key whose scopes allow {path}. "
            + self._fix()
        )
