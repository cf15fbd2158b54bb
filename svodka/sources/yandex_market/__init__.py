"""Yandex Market Partner API connector: catalogue, prices, stock, orders, returns, finance reports."""

from svodka.sources.yandex_market.connector import STREAMS, YMConnector
from svodka.sources.yandex_market.options import HOST_FAMILIES, YMOptions
from svodka.sources.yandex_market.reports import decode_report

__all__ = ["HOST_FAMILIES", "STREAMS", "YMConnector", "YMOptions", "decode_report"]
