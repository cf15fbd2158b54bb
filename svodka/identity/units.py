"""Units of measure in product names: their spellings and one canonical token per quantity.

«50 мл», «50ml», «50 ML» → ``50ml``; «1 л», «1000 мл» → ``1000ml``; «1TB», «1 ТБ» → ``1000gb``.
A quantity becomes one token (value + canonical unit), so two names that state the same
volume agree on that token and two that state different volumes conflict on it.
"""

from __future__ import annotations

import re

# spelling → (canonical unit, factor to it). Spellings are lower case, in either alphabet.
_UNITS: dict[str, tuple[str, float]] = {}


def _add(unit: str, factor: float, *spellings: str) -> None:
    for s in spellings:
        _UNITS[s] = (unit, factor)


_add("ml", 1, "мл", "ml", "миллилитр", "миллилитра", "миллилитров")
_add("ml", 1000, "л", "l", "lt", "ltr", "литр", "литра", "литров")
_add("g", 1, "г", "гр", "g", "gr", "грамм", "грамма", "граммов")
_add("g", 1000, "кг", "kg", "килограмм")
_add("g", 0.001, "мг", "mg")
# storage as manufacturers count it: 1 TB = 1000 GB
_add("gb", 1, "гб", "gb", "гбайт")
_add("gb", 1000, "тб", "tb", "тбайт")
_add("gb", 0.001, "мб", "mb", "мбайт")
_add("pcs", 1, "шт", "pcs", "pc", "штук", "штуки", "штука")
_add("mm", 1, "мм", "mm")
_add("mm", 10, "см", "cm")
_add("mm", 1000, "м", "m", "метр", "метра", "метров")
_add("mah", 1, "мач", "mah")
_add("w", 1, "вт", "w")

UNIT_NAMES = frozenset(u for u, _ in _UNITS.values())
# a canonical quantity token, as `quantity()` writes it
QUANTITY_TOKEN = re.compile(r"(\d+(?:\.\d+)?)(" + "|".join(sorted(UNIT_NAMES, key=len, reverse=True)) + r")")


def unit_of(word: str) -> tuple[str, float] | None:
    """The canonical unit and factor of a unit spelling («мл» → ("ml", 1)), or None."""
    return _UNITS.get(word)


def quantity(number: str, unit: tuple[str, float]) -> str:
    """One canonical token for a number and a unit: ("1.5", л) → ``1500ml``."""
    value = float(number) * unit[1]
    rounded = round(value, 3)
    text = str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"
    return text + unit[0]


def split_quantity(token: str) -> tuple[str, str] | None:
    """(unit, value) of a canonical quantity token (``50ml`` → ("ml", "50")), or None."""
    m = QUANTITY_TOKEN.fullmatch(token)
    return (m.group(2), m.group(1)) if m else None
