"""Moscow time for the sandbox: WB speaks naive Moscow time (UTC+3, no DST since 2014).

Inside the world every instant is an integer count of *Moscow seconds*: seconds since
1970-01-01T00:00:00 on a Moscow wall clock. Day numbers are those seconds // 86400, so the
Moscow business date of an instant is one integer division away.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np

MSK = timezone(timedelta(hours=3), "MSK")
MSK_OFFSET_S = 3 * 3600
DAY_S = 86_400
EPOCH = date(1970, 1, 1)


def msk_seconds(dt: datetime) -> int:
    """Moscow seconds of a timezone-aware instant (naive input is taken as UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp()) + MSK_OFFSET_S


def from_msk_seconds(sec: int) -> datetime:
    """The aware datetime (in MSK) of Moscow seconds."""
    return datetime.fromtimestamp(sec - MSK_OFFSET_S, tz=MSK)


def day_number(d: date) -> int:
    """Days since 1970-01-01 of a calendar date."""
    return (d - EPOCH).days


def day_date(n: int) -> date:
    """Calendar date of a day number."""
    return EPOCH + timedelta(days=int(n))


def msk_today(now: datetime | None = None) -> date:
    """Moscow date of `now` (real time when None)."""
    now = now or datetime.now(UTC)
    return now.astimezone(MSK).date()


def iso_naive(sec: np.ndarray) -> list[str]:
    """Format Moscow seconds as WB's naive timestamps, e.g. "2022-03-04T18:08:31"."""
    return np.datetime_as_string(np.asarray(sec, dtype="int64").astype("datetime64[s]")).tolist()


def iso_utc_z(sec: np.ndarray) -> list[str]:
    """Format Moscow seconds as UTC instants with a Z suffix, e.g. "2026-03-14T09:12:00Z"."""
    utc = np.asarray(sec, dtype="int64") - MSK_OFFSET_S
    return [s + "Z" for s in np.datetime_as_string(utc.astype("datetime64[s]")).tolist()]


def iso_dates(days: np.ndarray) -> list[str]:
    """Format day numbers as "YYYY-MM-DD"."""
    return np.datetime_as_string(np.asarray(days, dtype="int64").astype("datetime64[D]")).tolist()


_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_wb_datetime(text: str) -> int | None:
    """Parse WB's `dateFrom` (date, or date-time, optional fraction and zone) to Moscow microseconds.

    Without a zone the time is Moscow time, as the docs say. Returns None when the text is not
    a date WB would accept.
    """
    m = _RFC3339.match(text.strip())
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, zone = m.groups()
    try:
        base = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    except ValueError:
        return None
    micros = int((frac or "0")[:6].ljust(6, "0"))
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset_s = sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    elif zone == "Z":
        offset_s = 0
    else:
        offset_s = MSK_OFFSET_S
    wall_s = (base - datetime(1970, 1, 1)).days * DAY_S + (base - datetime(1970, 1, 1)).seconds
    return (wall_s - offset_s + MSK_OFFSET_S) * 1_000_000 + micros
