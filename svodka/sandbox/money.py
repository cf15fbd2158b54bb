"""Money in the sandbox: integer kopecks inside, WB's decimal renderings outside.

WB renders money without trailing zeros: statistics sends JSON numbers (`1547`, `1284.01`),
finance-api sends strings (`"367"`, `"12647.29"`, `"0"`). Both renderings are exact: a kopeck
amount always round-trips through Decimal.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np


def kop_text(k: int) -> str:
    """Render kopecks as WB does, without trailing zeros: 36700 → "367", 36750 → "367.5"."""
    k = int(k)
    sign = "-" if k < 0 else ""
    k = abs(k)
    rub, kop = divmod(k, 100)
    if kop == 0:
        return f"{sign}{rub}"
    if kop % 10 == 0:
        return f"{sign}{rub}.{kop // 10}"
    return f"{sign}{rub}.{kop:02d}"


def kop_decimal(k: int) -> Decimal:
    """Kopecks as an exact Decimal in roubles."""
    return Decimal(int(k)).scaleb(-2)


def kop_json_numbers(values: np.ndarray) -> list[str]:
    """JSON number fragments for an array of kopecks (statistics style)."""
    cache: dict[int, str] = {}
    out = []
    for v in np.asarray(values).tolist():
        s = cache.get(v)
        if s is None:
            s = kop_text(v)
            cache[v] = s
        out.append(s)
    return out


def kop_json_strings(values: np.ndarray) -> list[str]:
    """JSON string fragments (with quotes) for an array of kopecks (finance-api style)."""
    cache: dict[int, str] = {}
    out = []
    for v in np.asarray(values).tolist():
        s = cache.get(v)
        if s is None:
            s = '"' + kop_text(v) + '"'
            cache[v] = s
        out.append(s)
    return out


def round_div(num: np.ndarray, den: int) -> np.ndarray:
    """Integer division rounding half away from zero, for non-negative numerators."""
    num = np.asarray(num, dtype=np.int64)
    return (num * 2 + den) // (2 * den)
