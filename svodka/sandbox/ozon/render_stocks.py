"""JSON records of Ozon stocks: /v4/product/info/stocks items, FBS rows, analytics rows."""

from __future__ import annotations

from typing import Any

import numpy as np

from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon.render_products import ProductRenderer


class StockRenderer(ProductRenderer):
    """Product records plus the stock views (all at 00:00 Moscow time of the clock's date)."""

    def stock_items(self, idx: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Items of /v4/product/info/stocks: one entry for FBO (all Ozon warehouses) and one for FBS."""
        free, reserved = self.stock(now_s)
        out = []
        for i in idx.tolist():
            sku = int(self.ls.sku[i])
            fbo_ids = [w.warehouse_id for j, w in enumerate(self.whs[:-1]) if free[i, j] + reserved[i, j] > 0]
            out.append(
                {
                    "offer_id": self.ls.offer_id[i],
                    "product_id": int(self.ls.product_id[i]),
                    "stocks": [
                        {
                            "present": int(free[i, :-1].sum() + reserved[i, :-1].sum()),
                            "reserved": int(reserved[i, :-1].sum()),
                            "shipment_type": "SHIPMENT_TYPE_GENERAL",
                            "sku": sku,
                            "type": "fbo",
                            "warehouse_ids": fbo_ids,
                        },
                        {
                            "present": int(free[i, -1] + reserved[i, -1]),
                            "reserved": int(reserved[i, -1]),
                            "shipment_type": "SHIPMENT_TYPE_GENERAL",
                            "sku": sku,
                            "type": "fbs",
                            "warehouse_ids": [self.whs[-1].warehouse_id],
                        },
                    ],
                }
            )
        return out

    def fbs_rows(self, idx: np.ndarray, now_s: int) -> list[dict[str, Any]]:
        """Rows of /v2/product/info/stocks-by-warehouse/fbs (the seller's one FBS warehouse)."""
        free, reserved = self.stock(now_s)
        wh = self.whs[-1]
        return [
            {
                "free_stock": int(free[i, -1]),
                "offer_id": self.ls.offer_id[i],
                "present": int(free[i, -1] + reserved[i, -1]),
                "product_id": int(self.ls.product_id[i]),
                "reserved": int(reserved[i, -1]),
                "sku": int(self.ls.sku[i]),
                "warehouse_id": wh.warehouse_id,
                "warehouse_name": wh.name,
            }
            for i in idx.tolist()
        ]

    def analytics_rows(self, idx: np.ndarray, now_s: int, flt: dict[str, set]) -> list[dict[str, Any]]:
        """Rows of /v1/analytics/stocks: one per (SKU, FBO warehouse) holding or expecting stock."""
        d = self.o.snapshot_day(now_s)
        if d is None or not len(idx):
            return []
        free = self.o.sim.stock[d].astype(np.int64)
        supply, returning = self.o.in_transit(d)
        ads = self.o.sold_units(d) / 28.0
        names = self.names(now_s)
        out = []
        for i in idx.tolist():
            total = int(free[i, :-1].sum())
            idc = round(total / float(ads[i]), 1) if ads[i] > 0 else 0.0
            grade = _grade(total, float(ads[i]))
            for j, w in enumerate(self.whs[:-1]):
                row_ads = round(float(ads[i]) * (int(free[i, j]) / total if total else 0.0), 2)
                counts = (int(free[i, j]), int(supply[i, j]), int(returning[i, j]))
                if not any(counts) or not _passes(flt, w, grade):
                    continue
                out.append(
                    {
                        "ads": round(float(ads[i]), 2),
                        "ads_cluster": row_ads,
                        "available_stock_count": counts[0],
                        "cluster_id": w.cluster_id,
                        "cluster_name": w.cluster_name,
                        "days_without_sales": 0 if ads[i] > 0 else 28,
                        "days_without_sales_cluster": 0 if row_ads > 0 else 28,
                        "excess_stock_count": 0,
                        "expiring_stock_count": 0,
                        "idc": idc,
                        "idc_cluster": round(counts[0] / row_ads, 1) if row_ads > 0 else 0.0,
                        "item_tags": [],
                        "macrolocal_cluster_id": w.cluster_id + 10_000,
                        "name": names[i],
                        "offer_id": self.ls.offer_id[i],
                        "other_stock_count": 0,
                        "requested_stock_count": 0,
                        "return_from_customer_stock_count": counts[2],
                        "return_to_seller_stock_count": 0,
                        "sku": int(self.ls.sku[i]),
                        "stock_defect_stock_count": 0,
                        "transit_defect_stock_count": 0,
                        "transit_stock_count": counts[1],
                        "turnover_grade": grade,
                        "turnover_grade_cluster": grade,
                        "valid_stock_count": 0,
                        "waiting_docs_stock_count": 0,
                        "warehouse_id": w.warehouse_id,
                        "warehouse_name": w.name,
                    }
                )
        return out


def _grade(stock: int, ads: float) -> str:
    """Turnover grade by days of cover (Ozon's liquidity statuses)."""
    if ads <= 0:
        return "NO_SALES" if stock else "TURNOVER_GRADE_NONE"
    days = stock / ads
    if days < 28:
        return "DEFICIT"
    if days < 56:
        return "POPULAR"
    if days < 120:
        return "ACTUAL"
    return "SURPLUS"


def _passes(flt: dict[str, set], w: D.OzonWarehouse, grade: str) -> bool:
    if flt["cluster_ids"] and w.cluster_id not in flt["cluster_ids"]:
        return False
    if flt["macrolocal_cluster_ids"] and w.cluster_id + 10_000 not in flt["macrolocal_cluster_ids"]:
        return False
    if flt["warehouse_ids"] and w.warehouse_id not in flt["warehouse_ids"]:
        return False
    if flt["turnover_grades"] and grade not in flt["turnover_grades"]:
        return False
    return not flt["item_tags"] or "ITEM_ATTRIBUTE_NONE" in flt["item_tags"]
