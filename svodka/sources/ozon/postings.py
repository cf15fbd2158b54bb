"""Ozon postings (FBO, FBS/rFBS) and returns: incremental by time windows, cursor-paged.

Each sync reads the span from its start to `now` in windows of `window_days` (Ozon refuses
periods over a year with ``PERIOD_IS_TOO_LONG``). The first sync starts `history_days`
before `now`; later ones `reread_days` before the stored cursor, because a posting keeps
changing after it is created (status, delivery, cancellation) and a re-read stores its
newer version. The last page of each window carries the state
``{"cursor": "<end of the window>"}``; the cursor never moves backwards.

* ``ozon_postings_fbo`` — ``/v3/posting/fbo/list``, ``filter.since/to``, ``cursor`` while
  ``has_next``, ``with.analytics_data`` and ``with.financial_data``.
* ``ozon_postings_fbs`` — ``/v4/posting/fbs/list``, likewise (FBS and rFBS).
* ``ozon_returns`` — ``/v1/returns/list`` by ``filter.visual_status_change_moment``: a return
  comes back whenever its status changes, so every change is read once it happens;
  ``last_id`` = the last return's ``id`` while ``has_next``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from svodka.sources.ozon import contracts, limits
from svodka.sources.ozon.common import WindowedStream, format_instant
from svodka.sources.paginators import BodyTokenPaginator


class FboPostingsStream(WindowedStream):
    """``ozon_postings_fbo``: postings shipped from Ozon's warehouses."""

    name = "ozon_postings_fbo"
    path = "/v3/posting/fbo/list"
    record_path = ("postings",)
    contract = contracts.POSTINGS_FBO
    policies = (limits.GLOBAL,)

    def body(self, since: datetime, to: datetime) -> dict[str, Any]:
        """Postings of the window, oldest first, with analytics and financial data."""
        return {
            "filter": {"since": format_instant(since), "to": format_instant(to)},
            "limit": self.options.postings_page_limit,
            "sort_dir": "ASC",
            "with": {"analytics_data": True, "financial_data": True},
        }


class FbsPostingsStream(FboPostingsStream):
    """``ozon_postings_fbs``: postings shipped from the seller's warehouses (FBS and rFBS)."""

    name = "ozon_postings_fbs"
    path = "/v4/posting/fbs/list"
    contract = contracts.POSTINGS_FBS


class ReturnsStream(WindowedStream):
    """``ozon_returns``: FBO and FBS returns whose status changed in the window."""

    name = "ozon_returns"
    path = "/v1/returns/list"
    record_path = ("returns",)
    contract = contracts.RETURNS
    policies = (limits.GLOBAL,)

    def body(self, since: datetime, to: datetime) -> dict[str, Any]:
        """Returns whose status changed in the window."""
        return {
            "filter": {
                "visual_status_change_moment": {
                    "time_from": format_instant(since),
                    "time_to": format_instant(to),
                }
            },
            "limit": self.options.returns_page_limit,
        }

    def pager(self) -> BodyTokenPaginator:
        """``last_id`` is the id of the last return loaded (0 at first)."""
        return self.token_pager("last_id", record_field="id", has_next_path=("has_next",), start=0)
