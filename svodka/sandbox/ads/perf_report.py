"""The CSV report of Ozon Performance statistics, and the ZIP of several campaigns' reports.

Layout (the docs' example for an SKU campaign, plus the "День" column observed when grouping by
date): a title line `;Кампания по продвижению товаров № <id>, период DD.MM.YYYY-DD.MM.YYYY`, a
header line, one row per SKU (per day, week or month when grouped), and a totals row starting
with `Всего` that omits the last column. `;` separates fields, numbers use a decimal comma and
two decimals, dates are DD.MM.YYYY, text is UTF-8.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from svodka.sandbox.ads.model import AdsWorld
from svodka.sandbox.clock import day_date, day_number

COLUMNS = (
    "sku",
    "Название товара",
    "Цена товара, ₽",
    "Показы",
    "Клики",
    "CTR (%)",
    "В корзину",
    "Ср. цена клика, ₽",
    "Ср. цена 1000 показов, ₽",
    "Расход, ₽, с НДС",
    "Заказы",
    "Выручка, ₽",
    "Заказы модели",
    "Выручка с заказов модели, ₽",
    "ДРР, %",
    "Дата добавления",
)
DAY_COLUMN = "День"
GROUPS = ("NO_GROUP_BY", "DATE", "START_OF_WEEK", "START_OF_MONTH")
SUMS = ("views", "clicks", "atbs", "spend", "orders", "revenue", "model_orders", "model_revenue")
_CENT = Decimal("0.01")


def dmy(day: int) -> str:
    """A day number as DD.MM.YYYY."""
    return day_date(day).strftime("%d.%m.%Y")


def money(kop: int) -> str:
    """Kopecks as roubles with a decimal comma: 123456 → "1234,56"."""
    sign = "-" if kop < 0 else ""
    rub, k = divmod(abs(int(kop)), 100)
    return f"{sign}{rub},{k:02d}"


def ratio(num: float, den: float, scale: int = 1) -> str:
    """num × scale / den with two decimals (half up) and a comma; "0,00" when den is 0."""
    if not den:
        return "0,00"
    return str((Decimal(int(num)) * scale / Decimal(int(den))).quantize(_CENT, ROUND_HALF_UP)).replace(
        ".", ","
    )


def _bucket(group_by: str) -> Callable[[int], int] | None:
    if group_by == "DATE":
        return lambda d: d
    if group_by == "START_OF_WEEK":
        return lambda d: d - (d + 3) % 7
    if group_by == "START_OF_MONTH":
        return lambda d: day_number(day_date(d).replace(day=1))
    return None


def _cells(t: dict[str, int]) -> list[str]:
    """The counters and ratios from "Показы" to "ДРР, %"."""
    return [
        str(t["views"]),
        str(t["clicks"]),
        ratio(t["clicks"], t["views"], 100),
        str(t["atbs"]),
        ratio(t["spend"], t["clicks"] * 100),
        ratio(t["spend"], t["views"] * 100, 1000),
        money(t["spend"]),
        str(t["orders"]),
        money(t["revenue"]),
        str(t["model_orders"]),
        money(t["model_revenue"]),
        ratio(t["spend"], t["revenue"], 100),
    ]


def campaign_csv(ads: AdsWorld, c: int, d0: int, d1: int, group_by: str, served_before: int) -> bytes:
    """The report of Ozon campaign index `c` for days [d0, d1] (days before `served_before` only)."""
    camps, st = ads.ozon, ads.ozon_stats
    sel = np.nonzero((st.camp == c) & (st.day >= d0) & (st.day <= d1) & (st.day < served_before))[0]
    bucket = _bucket(group_by)
    added = dict(zip(camps.items[c].tolist(), camps.items_added[c].tolist(), strict=True))
    groups: dict[tuple[int, int], dict[str, int]] = {}
    for r in sel.tolist():
        item, day = int(st.item[r]), int(st.day[r])
        key = (bucket(day) if bucket else 0, int(ads.ozon_sku[item]))
        g = groups.setdefault(key, {k: 0 for k in SUMS} | {"item": item, "last": -1, "price": 0})
        for k in SUMS:
            g[k] += int(st.cols[k][r])
        if day > g["last"]:  # the price column shows the price of the group's last day
            g["last"], g["price"] = day, int(st.cols["price"][r])
    out = io.StringIO()
    wr = csv.writer(out, delimiter=";", lineterminator="\n")
    wr.writerow(["", f"Кампания по продвижению товаров № {int(camps.ids[c])}, период {dmy(d0)}-{dmy(d1)}"])
    lead = [DAY_COLUMN] if bucket else []
    wr.writerow([*lead, *COLUMNS])
    total = {k: 0 for k in SUMS}
    for (b, sku), g in sorted(groups.items()):
        item = g["item"]
        row = [str(sku), ads.ozon_title[item], money(g["price"]), *_cells(g), dmy(added[item])]
        wr.writerow(([dmy(b)] if bucket else []) + row)
        for k in SUMS:
            total[k] += g[k]
    wr.writerow([*(["Всего", ""] if bucket else ["Всего"]), "", "", *_cells(total)])
    return out.getvalue().encode("utf-8")


def report_zip(files: dict[str, bytes], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """A ZIP of `<campaign id>.csv` files with a fixed timestamp (byte-identical reruns)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()
