"""Row validation of price lists: number parsing as Russian suppliers write numbers, and reason codes.

A row is rejected for the first rule it breaks, in this order; the codes are stable (they
are stored in raw and counted in the run details, and docs/pricelists.md lists them):

- ``no_article``: the article (the supplier's code of the item) is empty;
- ``price_not_number``: the price is empty or not a number;
- ``price_not_positive``: the price is 0 or negative;
- ``quantity_not_number``: the quantity is given but is not a number;
- ``quantity_not_positive``: the quantity is negative.

An empty quantity is allowed (the supplier does not say how many) and so is 0 (out of stock
at the supplier: the price is still worth knowing).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

REASONS = {
    "no_article": "the article is empty",
    "price_not_number": "the price is empty or not a number",
    "price_not_positive": "the price is zero or negative",
    "quantity_not_number": "the quantity is not a number",
    "quantity_not_positive": "the quantity is negative",
}
"""Reason code → what it means, for messages and docs."""

# Currency marks suppliers append: «1 234 р.», «1 234,50 руб.», «990 ₽», «990 RUB».
_CURRENCY = re.compile(r"(?:руб(?:лей|ля|ль)?\.?|р\.?|₽|rub\.?|rur\.?)$", re.IGNORECASE)
# Thousands separators: spaces of every kind Excel and 1C put there, and apostrophes.
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f'’]+")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_number(text: str) -> Decimal | None:
    """The number in `text`, or None when it is not one.

    Accepts «1 234,50», «1234.5», «1 234 р.», «1.234,50», «1,234.50», «-5»; a lone comma is
    the decimal separator (Russian usage), several commas or dots group thousands.
    """
    s = text.strip()
    s = _CURRENCY.sub("", s).strip()
    s = _SPACES.sub("", s)
    if not s:
        return None
    if "," in s and "." in s:
        # The one that comes last separates the decimals; the other groups thousands.
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal_mark == "," else ",", "")
        s = s.replace(",", ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    if not _PLAIN.fullmatch(s):
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def check_row(article: str, price: str, quantity: str) -> tuple[str | None, Decimal | None, Decimal | None]:
    """(reason code or None, parsed price, parsed quantity) for one row's texts."""
    price_value = parse_number(price)
    quantity_value = parse_number(quantity) if quantity.strip() else None
    if not article.strip():
        return "no_article", price_value, quantity_value
    if price_value is None:
        return "price_not_number", None, quantity_value
    if price_value <= 0:
        return "price_not_positive", price_value, quantity_value
    if quantity.strip() and quantity_value is None:
        return "quantity_not_number", price_value, None
    if quantity_value is not None and quantity_value < 0:
        return "quantity_not_positive", price_value, quantity_value
    return None, price_value, quantity_value


def decimal_text(value: Decimal | None) -> str | None:
    """A parsed number as plain text for raw (``"1234.50"``), None when absent."""
    return None if value is None else format(value, "f")
