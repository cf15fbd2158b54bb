"""1C:Enterprise connector: nomenclature, barcodes, prices, receipts and stock of one infobase (OData)."""

from svodka.sources.onec.connector import STREAMS, OneCConnector
from svodka.sources.onec.options import OneCOptions

__all__ = ["STREAMS", "OneCConnector", "OneCOptions"]
