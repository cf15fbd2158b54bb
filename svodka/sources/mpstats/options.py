"""MPStats connection options."""

from __future__ import annotations

from pydantic import Field

from svodka.sources.options import HttpOptions

DEFAULT_BASE_URL = "https://mpstats.io/api/"
MAX_ROWS = 5000
"""The ag-grid list methods answer at most 5000 rows per request (``endRow - startRow``)."""


class MPStatsOptions(HttpOptions):
    """Tuning of one MPStats connection: which categories to watch and how much quota to spend."""

    history_days: int = Field(30, ge=1, le=3650)
    """How far back the first sync reads category windows and item sales."""
    wb_categories: tuple[str, ...] = ()
    """Wildberries category paths (``Женщинам/Платья``) whose items are read."""
    oz_categories: tuple[str, ...] = ()
    """Ozon category paths whose items are read."""
    window_days: int = Field(30, ge=1, le=365)
    """Days per category request window (``d1``..``d2``); the cursor moves per finished window."""
    page_rows: int = Field(MAX_ROWS, ge=1, le=MAX_ROWS)
    """Rows per category request (``endRow - startRow``, at most 5000)."""
    max_items: int = Field(50, ge=0, le=10_000)
    """Competitor items per marketplace whose daily sales are read, the highest revenue first."""
    max_requests_per_sync: int = Field(1000, ge=1)
    """Data requests one sync may spend (every 202 poll counts), below what the plan quota leaves."""
    poll_interval: float = Field(5.0, ge=0)
    """Seconds between polls of a method that answered 202 (accepted, not ready yet)."""
    max_polls: int = Field(12, ge=0)
    """Polls of one request after a 202 before the sync gives up on it (a retriable error)."""
