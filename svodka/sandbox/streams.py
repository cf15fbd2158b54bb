"""Statistics streams (supplier/orders, supplier/sales) as versioned rows.

A row changes after the fact: an order is cancelled, refused or bought out; a sale is first
served with zero prices and filled within 24 hours. Each change is a new *version* with a later
`lastChangeDate`. At a clock value N the API serves, for every row, its latest version whose
lastChangeDate ≤ N. A row has at most two versions (v0, v1).

Versions are indexed by lastChangeDate so that a `flag=0` page is a binary search plus a scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.clock import DAY_S

NEVER = lifecycle.NEVER
HISTORY_DAYS = 90  # statistics keep 90 days of rows (docs: "guaranteed for no more than 90 days")


@dataclass
class VersionedStream:
    """Rows sorted by `date`, with up to two versions each, plus a lastChangeDate index."""

    date: np.ndarray  # int64 Moscow seconds of the row's `date`, ascending
    lcd_v0: np.ndarray  # first version's lastChangeDate
    lcd_v1: np.ndarray  # second version's lastChangeDate, NEVER when the row never changes
    ev_lcd: np.ndarray  # all versions, ascending lastChangeDate
    ev_row: np.ndarray
    ev_ver: np.ndarray

    @classmethod
    def build(cls, date: np.ndarray, lcd_v0: np.ndarray, lcd_v1: np.ndarray) -> VersionedStream:
        """Index the versions of rows already sorted by date."""
        has1 = lcd_v1 != NEVER
        rows = np.arange(len(date), dtype=np.int32)
        ev_lcd = np.concatenate([lcd_v0, lcd_v1[has1]])
        ev_row = np.concatenate([rows, rows[has1]])
        ev_ver = np.concatenate([np.zeros(len(rows), np.int8), np.ones(int(has1.sum()), np.int8)])
        order = np.lexsort((ev_ver, ev_row, ev_lcd))
        return cls(date, lcd_v0, lcd_v1, ev_lcd[order], ev_row[order], ev_ver[order])

    def current_version(self, rows: np.ndarray, now_s: int) -> np.ndarray:
        """Version served at `now_s` for each row: 1, 0, or -1 when not visible yet."""
        return np.where(self.lcd_v1[rows] <= now_s, 1, np.where(self.lcd_v0[rows] <= now_s, 0, -1))

    def purge_cutoff(self, now_s: int) -> int:
        """Rows whose `date` is before this are purged."""
        return now_s - HISTORY_DAYS * DAY_S

    def changed_since(self, from_us: int, now_s: int, cap: int) -> tuple[np.ndarray, np.ndarray]:
        """flag=0: rows whose served lastChangeDate ≥ dateFrom, ordered by it, at most `cap`.

        Returns (rows, versions). `from_us` is Moscow microseconds; lastChangeDate has whole
        seconds, so ≥ a fractional dateFrom means ≥ its ceiling.
        """
        from_s = -((-from_us) // 1_000_000)
        lo = int(np.searchsorted(self.ev_lcd, from_s, side="left"))
        hi = int(np.searchsorted(self.ev_lcd, now_s, side="right"))
        cutoff = self.purge_cutoff(now_s)
        got_rows: list[np.ndarray] = []
        got_ver: list[np.ndarray] = []
        n = 0
        step = max(cap, 10_000)
        while lo < hi and n < cap:
            part = slice(lo, min(hi, lo + step))
            rows = self.ev_row[part]
            ver = self.ev_ver[part]
            # A v0 event is served only while v1 has not happened yet.
            live = (ver == 1) | (self.lcd_v1[rows] > now_s)
            live &= self.date[rows] >= cutoff
            rows, ver = rows[live][: cap - n], ver[live][: cap - n]
            got_rows.append(rows)
            got_ver.append(ver)
            n += len(rows)
            lo = part.stop
        if not got_rows:
            return np.zeros(0, np.int32), np.zeros(0, np.int8)
        return np.concatenate(got_rows), np.concatenate(got_ver)

    def on_day(self, day: int, now_s: int) -> tuple[np.ndarray, np.ndarray]:
        """flag=1: every visible row whose `date` falls on Moscow day number `day`."""
        lo = int(np.searchsorted(self.date, day * DAY_S, side="left"))
        hi = int(np.searchsorted(self.date, (day + 1) * DAY_S, side="left"))
        rows = np.arange(lo, hi, dtype=np.int32)
        rows = rows[self.date[rows] >= self.purge_cutoff(now_s)]
        ver = self.current_version(rows, now_s)
        keep = ver >= 0
        return rows[keep], ver[keep].astype(np.int8)

    def visible(self, now_s: int) -> tuple[np.ndarray, np.ndarray]:
        """Every row the API serves at `now_s` (not purged, first version published)."""
        lo = int(np.searchsorted(self.date, self.purge_cutoff(now_s), side="left"))
        rows = np.arange(lo, len(self.date), dtype=np.int32)
        ver = self.current_version(rows, now_s)
        keep = ver >= 0
        return rows[keep], ver[keep].astype(np.int8)


@dataclass
class SalesTable:
    """Rows of supplier/sales: one per buyout (saleID S…) and one per return (R…)."""

    order: np.ndarray  # index into the orders table
    is_return: np.ndarray  # bool
    zero_v0: np.ndarray  # bool: the first version is served with zero prices
    sale_no: np.ndarray  # digits of saleID
    stream: VersionedStream


def build_sales(orders: dict[str, np.ndarray], rng: np.random.Generator, zero_rate: float) -> SalesTable:
    """Sales and returns from the orders' outcomes."""
    out = orders["outcome"]
    sold = np.nonzero((out == lifecycle.BOUGHT) | (out == lifecycle.RETURNED))[0]
    back = np.nonzero(out == lifecycle.RETURNED)[0]
    order_idx = np.concatenate([sold, back]).astype(np.int32)
    is_ret = np.concatenate([np.zeros(len(sold), bool), np.ones(len(back), bool)])
    date = np.concatenate([orders["t_out"][sold], orders["t_ret"][back]])
    m = len(order_idx)
    lcd0 = date + rng.integers(60, 1800, m)
    zero = (~is_ret) & (rng.random(m) < zero_rate)
    lcd1 = np.where(zero, lcd0 + rng.integers(2 * 3600, 20 * 3600, m), NEVER)
    srt = np.argsort(date, kind="stable")
    order_idx, is_ret, date, lcd0, lcd1, zero = (a[srt] for a in (order_idx, is_ret, date, lcd0, lcd1, zero))
    sale_no = 9_000_000_000 + np.arange(m, dtype=np.int64) * 7 + rng.integers(0, 7, m)
    return SalesTable(order_idx, is_ret, zero, sale_no, VersionedStream.build(date, lcd0, lcd1))
