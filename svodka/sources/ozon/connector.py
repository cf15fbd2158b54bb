"""`OzonConnector`: one Ozon seller account (Client-Id + Api-Key) and its streams."""

from __future__ import annotations

from collections.abc import Mapping

from svodka.sources.connector import HttpConnector
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


class OzonConnector(HttpConnector):
    """A configured connection to one Ozon seller account.

    `connection` names it (errors say ``ozon:<connection>``); `client_id` goes in the
    ``Client-Id`` header; `api_key` is the secret, sent in ``Api-Key`` and never logged or
    shown. `hosts` maps ``api-seller`` to a base URL (default ``https://api-seller.ozon.ru``;
    a sandbox URL may carry a path prefix). The streams share one HTTP client and one
    rate-limit bucket, because Ozon counts its 50 requests per second per Client-Id.
    """

    source = "ozon"
    title = "Ozon"

    def __init__(
        self,
        connection: str,
        client_id: str,
        api_key: str,
        hosts: Mapping[str, str] | None = None,
        options: OzonOptions | None = None,
    ) -> None:
        super().__init__(connection, options or OzonOptions())
        client_id, api_key = self._require({"Client-Id": client_id, "Api-Key": api_key}, hint=self._fix())
        classes = [c for c in STREAMS if self.options.use_transactions or c is not TransactionsStream]
        http = self._open(
            resolve_hosts(hosts),
            classes,
            headers={"Client-Id": client_id},
            secret_headers={"Api-Key": api_key},
            status_actions=status_actions(self.label),
        )
        ctx = OzonContext(source=self.label, http=http, options=self.options)
        self._streams = [cls(ctx) for cls in classes]

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
