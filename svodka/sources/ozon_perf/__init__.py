"""Ozon Performance connector: advertising campaigns and their daily statistics of one account."""

from svodka.sources.ozon_perf.connector import STREAMS, OzonPerfConnector
from svodka.sources.ozon_perf.options import HOST_FAMILIES, OzonPerfOptions

__all__ = ["HOST_FAMILIES", "STREAMS", "OzonPerfConnector", "OzonPerfOptions"]
