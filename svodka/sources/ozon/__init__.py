"""Ozon Seller API connector: catalogue, prices, stock, postings, returns and finance of one account."""

from svodka.sources.ozon.connector import STREAMS, OzonConnector
from svodka.sources.ozon.options import HOST_FAMILIES, OzonOptions

__all__ = ["HOST_FAMILIES", "STREAMS", "OzonConnector", "OzonOptions"]
