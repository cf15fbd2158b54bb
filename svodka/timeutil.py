"""Time helpers: marketplaces speak Moscow time, the warehouse stores UTC instants and MSK dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# Moscow has had no DST since 2014, so a fixed offset is exact and avoids tzdata lookups.
MSK = timezone(timedelta(hours=3), "MSK")


def utcnow() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def msk_now() -> datetime:
    """The current instant in Moscow time."""
    return datetime.now(MSK)


def msk_today() -> date:
    """Today's business date in Moscow."""
    return msk_now().date()
