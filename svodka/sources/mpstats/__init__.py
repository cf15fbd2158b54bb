"""MPStats: the competitor analytics aggregator (categories and item sales on WB and Ozon)."""

from svodka.sources.mpstats.connector import MPStatsConnector
from svodka.sources.mpstats.options import MPStatsOptions
from svodka.sources.mpstats.quota import QuotaSpent

__all__ = ["MPStatsConnector", "MPStatsOptions", "QuotaSpent"]
