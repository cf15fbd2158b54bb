"""The rows of every entity set at a clock value, with a small cache for paging clients."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from svodka.sandbox.onec import rows as R
from svodka.sandbox.onec import rows_docs as RD
from svodka.sandbox.onec import schema as S
from svodka.sandbox.onec.ledger import EXT_TYPES
from svodka.sandbox.onec.world import OnecWorld

Row = dict[str, Any]
_CACHE_SIZE = 16  # (entity set, clock) pairs: a sync pages through a few sets at one clock value


class Tables:
    """Rows of the infobase `onec` as the OData service shows them at a Moscow-seconds clock."""

    def __init__(self, onec: OnecWorld) -> None:
        self.onec = onec
        self.sets = S.entity_sets(onec.config)
        self._cache: OrderedDict[tuple[str, int], list[Row]] = OrderedDict()
        self._lock = threading.Lock()

    def rows(self, name: str, now_s: int) -> list[Row]:
        """Every row of entity set `name` at `now_s` (the caller must not modify them)."""
        key = (name, now_s)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        out = self._build(name, now_s)
        with self._lock:
            self._cache[key] = out
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return out

    def ext_type_of(self) -> dict[str, str]:
        """Субконто kind GUID → the value type its субконто hold (for ExtraDimensions)."""
        return {
            self.onec.ref("ext_type", j): f"StandardODATA.{t[3]}" for j, t in enumerate(EXT_TYPES.values())
        }

    def _build(self, name: str, now_s: int) -> list[Row]:
        o = self.onec
        if name == S.ITEM_SET:
            return R.items(o, now_s)
        if name == S.PARTY_SET:
            return R.parties(o)
        small = R.small_catalogs(o)
        if name in small:
            return small[name]
        for base, docs in ((S.RECEIPT_SET, o.receipts), (S.SALE_SET, o.sales)):
            if name in (base, f"{base}_Товары"):
                heads, lines = RD.documents(o, docs, now_s)
                return heads if name == base else lines
        if name == S.BARCODE_SET:
            return R.barcodes(o, now_s)
        if name == S.PRICE_SET:
            return R.prices(o, now_s)
        if name == S.ACCOUNTS_SET:
            return R.accounts(o)
        if name == S.EXT_TYPES_SET:
            return R.ext_types(o)
        for reg, make in ((S.STOCK_REG, RD.stock_records), (S.LEDGER_REG, RD.ledger_records)):
            if name == f"{reg}_RecordType":
                return make(o, now_s)
            if name == reg:
                return _record_sets(self.rows(f"{reg}_RecordType", now_s))
        raise KeyError(name)


def _record_sets(records: list[Row]) -> list[Row]:
    """Register record sets: one entity per Recorder with its rows in `RecordSet`."""
    out: dict[str, Row] = {}
    for r in records:
        entity = out.setdefault(
            r["Recorder"], {"Recorder": r["Recorder"], "Recorder_Type": r["Recorder_Type"], "RecordSet": []}
        )
        entity["RecordSet"].append({k: v for k, v in r.items() if k not in ("Recorder", "Recorder_Type")})
    return list(out.values())
