"""1C reference data as snapshots: nomenclature, barcodes, price types, warehouses.

Each is one entity set read whole, ``$top``/``$skip`` pages ordered by its key so that the
pages do not overlap. State stays None; every page has ``meta={"snapshot_date": …}`` (the
Moscow date of the sync).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, ClassVar

from svodka.sources.base import Page
from svodka.sources.onec import contracts
from svodka.sources.onec.common import OneCStream


class SnapshotStream(OneCStream):
    """An entity set read whole in key order."""

    order_by: ClassVar[str] = "Ref_Key"

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot the entity set, page by page."""
        yield from self.snapshot(self.entity_pages({"$orderby": self.order_by}), now)


class NomenclatureStream(SnapshotStream):
    """``onec_nomenclature``: ``Catalog_Номенклатура`` — items, folders, deletion-marked ones."""

    name = "onec_nomenclature"
    entity = "Catalog_Номенклатура"
    contract = contracts.NOMENCLATURE


class BarcodesStream(SnapshotStream):
    """``onec_barcodes``: ``InformationRegister_ШтрихкодыНоменклатуры`` (barcode → item)."""

    name = "onec_barcodes"
    entity = "InformationRegister_ШтрихкодыНоменклатуры"
    contract = contracts.BARCODES
    order_by = "Штрихкод"  # the register's dimension: one record per barcode


class PriceTypesStream(SnapshotStream):
    """``onec_price_types``: ``Catalog_ВидыЦен`` («Закупочная», «Розничная», …)."""

    name = "onec_price_types"
    entity = "Catalog_ВидыЦен"
    contract = contracts.PRICE_TYPES


class WarehousesStream(SnapshotStream):
    """``onec_warehouses``: ``Catalog_Склады``."""

    name = "onec_warehouses"
    entity = "Catalog_Склады"
    contract = contracts.WAREHOUSES
