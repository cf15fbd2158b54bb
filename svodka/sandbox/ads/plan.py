"""Campaign life cycles: when each campaign is created, started, paused, resumed and ended.

A plan is day-based (first active day, pauses as [first, end) day ranges, last active day) and
turned into timed events: starts and resumes between 08:00 and 12:00 Moscow time, pauses and
completions between 18:00 and 24:00, so that "active at noon" and "spends that day" agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.ads.model import ACTIVE, COMPLETED, DECLINED, DELETED, PAUSED, READY
from svodka.sandbox.clock import DAY_S

# Life-cycle kinds; the first campaigns of a world take them in this order so that even a small
# world shows every status, the rest are drawn with KIND_P.
KINDS = ("running", "completed", "paused", "ready", "declined", "deleted")
KIND_P = (0.38, 0.3, 0.1, 0.08, 0.06, 0.08)
HOUR = 3600


@dataclass
class Plan:
    """One campaign's life cycle."""

    kind: str
    first_day: int  # planned first active day
    last_day: int  # last active day, -1 when open-ended
    ev_t: np.ndarray
    ev_status: np.ndarray
    active_days: np.ndarray  # day numbers with spend, inside the world


def _morning(rng: np.random.Generator, day: int) -> int:
    return day * DAY_S + int(rng.integers(8 * HOUR, 12 * HOUR))


def _evening(rng: np.random.Generator, day: int) -> int:
    return day * DAY_S + int(rng.integers(18 * HOUR, 24 * HOUR))


def _pauses(rng: np.random.Generator, s: int, e: int) -> list[tuple[int, int]]:
    """Up to two pauses [p0, p1) strictly inside the active span [s, e]."""
    out: list[tuple[int, int]] = []
    for _ in range(int(rng.integers(0, 3))):
        lo = out[-1][1] + 1 if out else s + 1
        if e - lo < 3:
            break
        p0 = int(rng.integers(lo, e - 1))
        p1 = min(p0 + int(rng.integers(1, 5)), e)
        out.append((p0, p1))
    return out


def plan_campaign(kind: str, rng: np.random.Generator, start_day: int, end_day: int) -> Plan:
    """Draw the life cycle of one campaign of `kind` in a world of days [start_day, end_day]."""
    span = end_day - start_day
    if kind in ("ready", "declined", "deleted"):
        created = (end_day - int(rng.integers(0, max(2, min(25, span + 1))))) * DAY_S
        created += int(rng.integers(9 * HOUR, 19 * HOUR))
        t, st = [created], [READY]
        if kind == "declined":
            t.append(created + int(rng.integers(2 * HOUR, 20 * HOUR)))
            st.append(DECLINED)
        elif kind == "deleted":
            t.append(created + int(rng.integers(1, 8)) * DAY_S)
            st.append(DELETED)
        first = created // DAY_S + int(rng.integers(1, 6))
        return Plan(kind, first, -1, np.array(t), np.array(st), np.zeros(0, np.int64))
    if kind == "completed":
        s = start_day + int(rng.integers(-10, max(-9, span - 7)))
        e = min(s + int(rng.integers(7, 46)), end_day - 1)
        e = max(e, min(start_day + 2, end_day - 1), s)
    else:  # running or paused: still on at the end of the world
        s = start_day + int(rng.integers(-20, max(-19, span - 4)))
        e = -1
    stop = e if e >= 0 else end_day
    pauses = _pauses(rng, s, stop)
    if kind == "paused":  # paused at the end of the world, never resumed
        p0 = max(s + 1, end_day - int(rng.integers(0, 4)))
        pauses = [p for p in pauses if p[1] < p0] + [(p0, end_day + 1)]
    created = s * DAY_S - int(rng.integers(2 * HOUR, 8 * DAY_S))
    t, st = [created, _morning(rng, s)], [READY, ACTIVE]
    for p0, p1 in pauses:
        t.append(_evening(rng, p0 - 1))
        st.append(PAUSED)
        if p1 <= end_day and (e < 0 or p1 <= e):
            t.append(_morning(rng, p1))
            st.append(ACTIVE)
    if e >= 0:
        t.append(_evening(rng, e))
        st.append(COMPLETED)
    days = np.arange(max(s, start_day), min(stop, end_day) + 1, dtype=np.int64)
    off = np.zeros(len(days), bool)
    for p0, p1 in pauses:
        off |= (days >= p0) & (days < p1)
    return Plan(kind, s, e, np.array(t, np.int64), np.array(st, np.int64), days[~off])


def plan_campaigns(n: int, rng: np.random.Generator, start_day: int, end_day: int) -> list[Plan]:
    """Life cycles of `n` campaigns, ordered by creation time."""
    kinds = list(KINDS[:n])
    if n > len(kinds):
        kinds += rng.choice(KINDS, n - len(kinds), p=KIND_P).tolist()
    plans = [plan_campaign(k, rng, start_day, end_day) for k in kinds]
    return sorted(plans, key=lambda p: int(p.ev_t[0]))
