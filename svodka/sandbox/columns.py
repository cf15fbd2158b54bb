"""Growable column buffers: append day by day without a list of small arrays.

Appending thousands of small per-day arrays and concatenating them at the end doubles the
peak memory and fragments the heap (freed small blocks stay in the process). A buffer sized
from the expected row count, grown by doubling when the guess was low, avoids both.
"""

from __future__ import annotations

import numpy as np


class ColumnBuffer:
    """A set of equally long numpy columns with spare capacity at the end."""

    def __init__(self, dtypes: dict[str, type], capacity: int) -> None:
        self._cols = {name: np.empty(max(capacity, 16), dtype=dt) for name, dt in dtypes.items()}
        self._n = 0

    def append(self, values: dict[str, np.ndarray]) -> None:
        """Append rows; `values` holds one array per column, all of the same length."""
        m = len(next(iter(values.values())))
        need = self._n + m
        cap = len(next(iter(self._cols.values())))
        if need > cap:
            new_cap = max(need, cap * 2)
            for name, col in self._cols.items():
                grown = np.empty(new_cap, dtype=col.dtype)
                grown[: self._n] = col[: self._n]
                self._cols[name] = grown
        for name, col in self._cols.items():
            col[self._n : need] = values[name]
        self._n = need

    def __len__(self) -> int:
        return self._n

    def finish(self) -> dict[str, np.ndarray]:
        """The filled part of every column (views, no copy)."""
        return {name: col[: self._n] for name, col in self._cols.items()}
