"""Instants and Moscow business dates as the marketplaces write them (naive = UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from svodka.timeutil import MSK


def utc(now: datetime) -> datetime:
    """`now` as an aware UTC instant (naive = UTC)."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def msk_date(now: datetime) -> date:
    """The Moscow business date of the instant `now` (naive = UTC)."""
    return utc(now).astimezone(MSK).date()


def parse_iso(value: str) -> datetime:
    """An ISO date or date-time: ``2026-11-20``, ``…T13:45:12``, ``….123456789``, ``…Z``, ``…+03:00``.

    Aware when it carries a zone, naive otherwise. Raises ValueError when it is not one.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if "." in text:  # Python takes at most 6 fraction digits; WB and Go servers write up to 9
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[: min(digits, 6)]:0<6}{rest[digits:]}"
    return datetime.fromisoformat(text)
