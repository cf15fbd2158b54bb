"""Date-window state: which windows are finished, merged; the watermark is the first run's end.

Report APIs (WB finance) are read in windows. The state of such a stream is the set of
*finished* windows as merged, inclusive date intervals. The watermark is the end of the
first unbroken run, so a window that failed stays a visible gap (and is read again next
time) instead of being hidden behind a later success.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from svodka.errors import ConfigError

Interval = tuple[date, date]
"""Inclusive ``(first day, last day)``."""

_DAY = timedelta(days=1)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sort and merge overlapping or adjacent intervals."""
    out: list[Interval] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + _DAY:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def watermark(intervals: Sequence[Interval]) -> date | None:
    """End of the first unbroken run of finished days (None if nothing is finished)."""
    merged = merge(intervals)
    return merged[0][1] if merged else None


def covered(intervals: Sequence[Interval], window: Interval) -> bool:
    """True if every day of `window` is inside one finished interval."""
    return any(a <= window[0] and window[1] <= b for a, b in merge(intervals))


def monday(d: date) -> date:
    """The Monday of `d`'s ISO week."""
    return d - timedelta(days=d.weekday())


def finished_weeks(first_day: date, today: date) -> list[Interval]:
    """Mon–Sun weeks from the week holding `first_day` to the last one that ended before `today`."""
    last_sunday = today - timedelta(days=today.isoweekday())
    weeks, start = [], monday(first_day)
    while start + timedelta(days=6) <= last_sunday:
        weeks.append((start, start + timedelta(days=6)))
        start += timedelta(days=7)
    return weeks


def chunk(weeks: Sequence[Interval], size: int) -> list[Interval]:
    """Group consecutive weeks into windows of at most `size` weeks (gaps always split)."""
    windows: list[Interval] = []
    run: list[Interval] = []
    for w in weeks:
        if run and (w[0] != run[-1][1] + _DAY or len(run) == size):
            windows.append((run[0][0], run[-1][1]))
            run = []
        run.append(w)
    if run:
        windows.append((run[0][0], run[-1][1]))
    return windows


def to_state(intervals: Iterable[Interval]) -> dict[str, Any]:
    """JSON-ready state: ``{"intervals": [["YYYY-MM-DD", "YYYY-MM-DD"], ...], "watermark": ...}``."""
    merged = merge(intervals)
    mark = watermark(merged)
    return {
        "intervals": [[a.isoformat(), b.isoformat()] for a, b in merged],
        "watermark": mark.isoformat() if mark else None,
    }


def from_state(state: Mapping[str, Any] | None, *, source: str = "", stream: str = "") -> list[Interval]:
    """Intervals from a stored state; a malformed state is an error, never a silent full reload."""
    if not state:
        return []
    try:
        return merge((date.fromisoformat(a), date.fromisoformat(b)) for a, b in state.get("intervals", []))
    except (TypeError, ValueError) as e:
        raise ConfigError(
            f"[{source}] stored state of stream {stream} is malformed: {e}",
            hint="Reset the stream's state to re-read its history.",
        ) from None


# --- incremental-by-day streams (advertising statistics) --------------------------------------


def day_windows(span: Interval, size: int) -> list[Interval]:
    """The inclusive `span` cut into consecutive windows of at most `size` days."""
    if size < 1:
        raise ValueError("a window holds at least one day")
    first, last = span
    windows: list[Interval] = []
    while first <= last:
        end = min(last, first + timedelta(days=size - 1))
        windows.append((first, end))
        first = end + _DAY
    return windows


def days_to_read(
    last_done: date | None, today: date, *, history_days: int, reread_days: int
) -> Interval | None:
    """The days an incremental-by-day stream reads: complete days only, up to yesterday.

    The first sync (`last_done` None) starts `history_days` before `today`; later ones re-read
    the last `reread_days` stored days (the numbers settle late) and every day after. Never
    before the horizon: days older than `history_days` are not asked for again. None when there
    is nothing to read.
    """
    horizon = today - timedelta(days=history_days)
    first = horizon if last_done is None else max(horizon, last_done + _DAY - timedelta(days=reread_days))
    last = today - _DAY
    return (first, last) if first <= last else None


def last_day_from_state(
    state: Mapping[str, Any] | None, *, source: str = "", stream: str = "", key: str = "last_day"
) -> date | None:
    """The last complete day stored in a state (None on the first sync); malformed is an error."""
    value = (state or {}).get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"[{source}] stored state of stream {stream} has no valid {key!r}: {value!r}",
            hint="Reset the stream's state to re-read its history.",
        ) from None
