"""The fields of each Ozon Performance stream the warehouse relies on (from the official document).

Everything else passes through to raw. Statistics rows are decoded from CSV (see `report.py`):
all values are strings as the report writes them, keyed by the report's Russian headers.
"""

from __future__ import annotations

from svodka.sources.validation import STR, RecordContract

CAMPAIGNS = RecordContract({"id": STR, "title": STR, "state": STR}, id_fields=("id",))
"""``GET /api/client/campaign`` → ``list[]``; ids are uint64 written as strings."""

STATS_COLUMNS: tuple[str, ...] = (
    "День",
    "sku",
    "Показы",
    "Клики",
    "Расход, ₽, с НДС",
    "Заказы",
    "Выручка, ₽",
)
"""Columns of a statistics report grouped by ``DATE`` that the warehouse needs.

The document's example header (a report without grouping) names ``sku``, ``Показы``,
``Клики``, ``Расход, Р, с НДС``, ``Заказы``, ``Выручка, Р`` (its "Р" stands for the ruble
sign ₽); it does not show the grouping column, which reports grouped by date call ``День``
(values ``DD.MM.YYYY``)."""

STATS = RecordContract(
    {"campaign_id": STR, **dict.fromkeys(STATS_COLUMNS, STR)}, id_fields=("campaign_id", "День", "sku")
)
