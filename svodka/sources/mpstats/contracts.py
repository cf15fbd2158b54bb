"""The fields of MPStats answers the warehouse relies on (the rest passes through to raw).

From the documented item rows (``id, name, brand, seller, balance, sales, revenue,
final_price, rating, comments, …``) and the daily rows of ``…/get/item/{id}/sales``
(``data, balance, sales, rating, price, final_price, comments``). MPStats writes ``null``
where it has no observation, so only the keys are required for the measures.
"""

from __future__ import annotations

from svodka.sources.validation import INT, NUM, STR, RecordContract

_MEASURES = ("balance", "sales", "final_price", "rating", "comments")

CATEGORY_ITEMS = RecordContract(
    {"id": INT, "name": STR, "brand": STR, "seller": STR, "revenue": NUM, **dict.fromkeys(_MEASURES, NUM)},
    id_fields=("id",),
    nullable=frozenset({"brand", "seller", *_MEASURES}),
)
"""``POST {wb,oz}/get/category`` ``data[]``: one item with its stats over ``d1..d2``."""

ITEM_SALES = RecordContract(
    {"data": STR, "price": NUM, **dict.fromkeys(_MEASURES, NUM)},
    id_fields=("data",),
    nullable=frozenset({"price", *_MEASURES}),
)
"""``GET {wb,oz}/get/item/{id}/sales``: one row per day (``data`` is the date)."""
