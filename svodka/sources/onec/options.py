"""1C:Enterprise (OData) connection options."""

from __future__ import annotations

from pydantic import Field

from svodka.sources.options import HttpOptions


class OneCOptions(HttpOptions):
    """Tuning of one 1C infobase connection; defaults suit a real publication.

    1C documents no request limits (the web server and the licence count decide), so
    requests go one at a time and `rate_limit_scale` only matters if a policy is added.
    """

    reread_days: int = Field(7, ge=0, le=365)
    """Prices and receipts: later syncs start this many days before the stored cursor, because
    a price record or a receipt may be entered, corrected or posted a few days after its date."""
    page_size: int = Field(1000, ge=1, le=100_000)
    """Records per ``$top``/``$skip`` page of an entity set."""
