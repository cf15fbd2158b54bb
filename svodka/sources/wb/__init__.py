"""Wildberries connector: statistics, finance, stock, cards, prices and advertising of one seller account."""

from svodka.sources.wb.connector import STREAMS, WBConnector
from svodka.sources.wb.options import HOST_FAMILIES, WBOptions

__all__ = ["HOST_FAMILIES", "STREAMS", "WBConnector", "WBOptions"]
