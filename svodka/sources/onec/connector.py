"""`OneCConnector`: one 1C:Enterprise infobase, read through its standard OData interface."""

from __future__ import annotations

import base64

from svodka.errors import ConfigError
from svodka.sources.connector import HttpConnector
from svodka.sources.onec.catalogs import (
    BarcodesStream,
    NomenclatureStream,
    PriceTypesStream,
    WarehousesStream,
)
from svodka.sources.onec.common import HOST, OneCContext, OneCStream
from svodka.sources.onec.incremental import CurrentPricesStream, PricesStream, ReceiptsStream
from svodka.sources.onec.odata import SERVICE
from svodka.sources.onec.options import OneCOptions
from svodka.sources.onec.status import status_actions
from svodka.sources.onec.stock import StockStream

STREAMS: tuple[type[OneCStream], ...] = (
    NomenclatureStream,
    BarcodesStream,
    PriceTypesStream,
    WarehousesStream,
    PricesStream,
    CurrentPricesStream,
    ReceiptsStream,
    StockStream,
)
"""In sync order: reference data first, then prices, receipts and stock that refer to it."""


class OneCConnector(HttpConnector):
    """A configured connection to one 1C infobase.

    `base_url` is the infobase publication (``https://srv/trade``); the connector appends
    ``/odata/standard.odata/``. `username` and `password` are an infobase user's (HTTP Basic;
    the password may be empty, as 1C allows); they are sent on every request and never
    logged, shown or stored in pages. The streams share one client and one ``$metadata``
    read, which tells them what this configuration publishes.
    """

    source = "onec"
    title = "1C"

    def __init__(
        self,
        connection: str,
        username: str,
        password: str,
        base_url: str,
        options: OneCOptions | None = None,
    ) -> None:
        super().__init__(connection, options or OneCOptions())
        (user,) = self._require({"user name": username}, hint=self._fix())
        self.base_url = service_url(base_url)
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        http = self._open(
            {HOST: self.base_url},
            STREAMS,
            # Data requests ask for JSON with $format; $metadata exists only as XML, and an
            # OData server may refuse it (406/415) to a client that accepts JSON alone.
            headers={"Accept": "application/json, application/xml;q=0.9"},
            secret_headers={"Authorization": f"Basic {token}"},
            secrets=(token, password or ""),
            status_actions=status_actions(self.label, self._fix),
        )
        ctx = OneCContext(source=self.label, http=http, options=self.options)
        self._streams = [cls(ctx) for cls in STREAMS]

    def _fix(self) -> str:
        return (
            f"Check the user name and password of an infobase user allowed to use the standard OData "
            f"interface, then run `svodka connect onec --name {self.connection} --url … --user … "
            f"--replace` (it asks for the password)."
        )

    def _auth_hint(self, host: str, path: str) -> str:
        return self._fix()


def service_url(base_url: str) -> str:
    """``<publication>/odata/standard.odata`` from the publication URL (a full service URL is
    accepted as it is)."""
    url = (base_url or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            f"the 1C base URL must start with http:// or https://, got {base_url!r}",
            hint="Give the infobase publication URL, e.g. https://server/trade.",
        )
    return url if url.endswith("/" + SERVICE) else f"{url}/{SERVICE}"
