"""JSON rows of statistics-api supplier/orders and supplier/sales, rendered lazily per page.

A page can hold 80,000 rows, so rows are rendered from columns with one %-template per row;
catalog, warehouse and region parts are JSON fragments prepared once per world.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import orjson

from svodka.sandbox import lifecycle
from svodka.sandbox.clock import iso_naive
from svodka.sandbox.data import REGIONS
from svodka.sandbox.money import kop_json_numbers
from svodka.sandbox.world import World

ORDER_FIELDS = (
    "date",
    "lastChangeDate",
    "warehouseName",
    "warehouseType",
    "countryName",
    "oblastOkrugName",
    "regionName",
    "supplierArticle",
    "nmId",
    "barcode",
    "category",
    "subject",
    "brand",
    "techSize",
    "incomeID",
    "isSupply",
    "isRealization",
    "totalPrice",
    "discountPercent",
    "spp",
    "finishedPrice",
    "priceWithDisc",
    "isCancel",
    "cancelDate",
    "sticker",
    "gNumber",
    "srid",
)
SALE_FIELDS = (
    "date",
    "lastChangeDate",
    "warehouseName",
    "warehouseType",
    "countryName",
    "oblastOkrugName",
    "regionName",
    "supplierArticle",
    "nmId",
    "barcode",
    "category",
    "subject",
    "brand",
    "techSize",
    "incomeID",
    "isSupply",
    "isRealization",
    "totalPrice",
    "discountPercent",
    "spp",
    "paymentSaleAmount",
    "forPay",
    "finishedPrice",
    "priceWithDisc",
    "saleID",
    "sticker",
    "gNumber",
    "srid",
)
NO_CANCEL_DATE = "0001-01-01T00:00:00"


def _j(value: object) -> str:
    return orjson.dumps(value).decode()


class StatsRenderer:
    """Renders statistics rows of one world."""

    def __init__(self, world: World) -> None:
        self.w = world

    @cached_property
    def bar_frag(self) -> list[str]:
        """Catalog part of a row per barcode index."""
        cat = self.w.catalog
        out = []
        for b in range(cat.n_bars):
            c = int(cat.bar_card[b])
            out.append(
                f'"supplierArticle":{_j(cat.card_vendor[c])},"nmId":{int(cat.card_nm[c])},'
                f'"barcode":{_j(cat.bar_code[b])},"category":{_j(cat.categories[cat.card_cat[c]].parent)},'
                f'"subject":{_j(cat.card_subject[c].name)},"brand":{_j(cat.card_brand[c])},'
                f'"techSize":{_j(cat.bar_tech[b])}'
            )
        return out

    @cached_property
    def wh_frag(self) -> list[str]:
        """Warehouse part of a row (the seller works FBW: goods sit on WB warehouses)."""
        return [f'"warehouseName":{_j(w.name)},"warehouseType":"Склад WB"' for w in self.w.warehouses]

    @cached_property
    def region_frag(self) -> list[str]:
        """Buyer's region part of a row."""
        return [
            f'"countryName":{_j(c)},"oblastOkrugName":{_j(o)},"regionName":{_j(r)}' for c, o, r, _ in REGIONS
        ]

    def _common(self, oi: np.ndarray) -> dict[str, list]:
        o = self.w.sim.orders
        nums = self.w.order_numbers(oi)
        return {
            "wh": [self.wh_frag[i] for i in o["wh"][oi].tolist()],
            "region": [self.region_frag[i] for i in o["region"][oi].tolist()],
            "bar": [self.bar_frag[i] for i in o["bar"][oi].tolist()],
            "income": o["income"][oi].tolist(),
            "sticker": nums["sticker"].tolist(),
            "gnumber": [f"{g:019d}" for g in nums["gnumber"].tolist()],
            "srid": self.w.srid(oi),
        }

    def orders(self, rows: np.ndarray, ver: np.ndarray) -> list[bytes]:
        """supplier/orders rows for order indices `rows` at versions `ver`."""
        o = self.w.sim.orders
        c = self._common(rows)
        cancelled = (ver == 1) & (o["outcome"][rows] <= lifecycle.REFUSED)
        lcd = np.where(ver == 1, o["lcd2"][rows], o["lcd1"][rows])
        cancel_date = [
            d if x else NO_CANCEL_DATE
            for d, x in zip(
                iso_naive(np.where(cancelled, o["t_out"][rows], 0)), cancelled.tolist(), strict=True
            )
        ]
        tmpl = (
            '{"date":"%s","lastChangeDate":"%s",%s,%s,%s,"incomeID":%d,"isSupply":false,'
            '"isRealization":true,"totalPrice":%s,"discountPercent":%d,"spp":%d,"finishedPrice":%s,'
            '"priceWithDisc":%s,"isCancel":%s,"cancelDate":"%s","sticker":"%d","gNumber":"%s","srid":"%s"}'
        )
        cols = (
            iso_naive(o["t0"][rows]),
            iso_naive(lcd),
            c["wh"],
            c["region"],
            c["bar"],
            c["income"],
            kop_json_numbers(o["list_kop"][rows]),
            o["disc"][rows].tolist(),
            o["spp"][rows].tolist(),
            kop_json_numbers(o["finished"][rows]),
            kop_json_numbers(o["pwd"][rows]),
            ["true" if x else "false" for x in cancelled.tolist()],
            cancel_date,
            c["sticker"],
            c["gnumber"],
            c["srid"],
        )
        return [(tmpl % t).encode() for t in zip(*cols, strict=True)]

    def sales(self, rows: np.ndarray, ver: np.ndarray) -> list[bytes]:
        """supplier/sales rows for sales-table indices `rows` at versions `ver`.

        A return (saleID R…) mirrors its sale with every money field negated; a sale whose first
        version is still current may carry zeros in finishedPrice, priceWithDisc and forPay.
        """
        o, s = self.w.sim.orders, self.w.sales
        oi = s.order[rows]
        c = self._common(oi)
        sign = np.where(s.is_return[rows], -1, 1).astype(np.int64)
        filled = (~(s.zero_v0[rows] & (ver == 0))).astype(np.int64)
        lcd = np.where(ver == 1, s.stream.lcd_v1[rows], s.stream.lcd_v0[rows])
        sale_id = [
            ("R" if r else "S") + str(n)
            for r, n in zip(s.is_return[rows].tolist(), s.sale_no[rows].tolist(), strict=True)
        ]
        tmpl = (
            '{"date":"%s","lastChangeDate":"%s",%s,%s,%s,"incomeID":%d,"isSupply":false,'
            '"isRealization":true,"totalPrice":%s,"discountPercent":%d,"spp":%d,"paymentSaleAmount":%d,'
            '"forPay":%s,"finishedPrice":%s,"priceWithDisc":%s,"saleID":"%s","sticker":"%d",'
            '"gNumber":"%s","srid":"%s"}'
        )
        cols = (
            iso_naive(s.stream.date[rows]),
            iso_naive(lcd),
            c["wh"],
            c["region"],
            c["bar"],
            c["income"],
            kop_json_numbers(sign * o["list_kop"][oi]),
            o["disc"][oi].tolist(),
            o["spp"][oi].tolist(),
            (sign * o["pay_sale"][oi] // 100).tolist(),
            kop_json_numbers(sign * filled * o["forpay"][oi]),
            kop_json_numbers(sign * filled * o["finished"][oi]),
            kop_json_numbers(sign * filled * o["pwd"][oi]),
            sale_id,
            c["sticker"],
            c["gnumber"],
            c["srid"],
        )
        return [(tmpl % t).encode() for t in zip(*cols, strict=True)]
