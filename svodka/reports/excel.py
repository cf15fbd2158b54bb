"""The Excel report: summary, sales, stock cover, unit economics, ads, ABC/XYZ and P&L.

Every number is read from the marts (so it is traceable to raw answers). Text is always
written as text: a value starting with = + - @ gets Excel's quote prefix and can never
become a formula (formula injection through product names or warehouse names).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from svodka.warehouse.client import Warehouse

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
MONEY = "#,##0.00 ₽"


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    kind: str = "text"  # text | int | money | float | date
    width: int = 14


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        self.header = wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.money = wb.add_format({"num_format": MONEY})
        self.int = wb.add_format({"num_format": "#,##0"})
        self.float = wb.add_format({"num_format": "#,##0.0"})
        self.date = wb.add_format({"num_format": "dd.mm.yyyy"})
        self.text = wb.add_format({})
        self.quoted = wb.add_format({"quote_prefix": True})
        self.bold_money = wb.add_format({"num_format": MONEY, "bold": True})


def write_cell(ws: Worksheet, row: int, col: int, value: Any, kind: str, f: _Formats) -> None:
    """Write one value with its format; strings never become formulas."""
    if value is None:
        ws.write_blank(row, col, None)
    elif kind == "money":
        ws.write_number(row, col, float(value), f.money)
    elif kind == "int":
        ws.write_number(row, col, int(value), f.int)
    elif kind == "float":
        ws.write_number(row, col, float(value), f.float)
    elif kind == "date":
        ws.write_datetime(
            row, col, value if not isinstance(value, str) else date.fromisoformat(value), f.date
        )
    else:
        s = str(value)
        ws.write_string(row, col, s, f.quoted if s.startswith(_DANGEROUS) else f.text)


def write_table(ws: Worksheet, columns: list[Column], rows: list[dict], f: _Formats, top: int = 0) -> int:
    """A header row (frozen, with autofilter) and the rows; return the index past the last row."""
    for c, col in enumerate(columns):
        ws.write_string(top, c, col.title, f.header)
        ws.set_column(c, c, col.width)
    for r, row in enumerate(rows, start=top + 1):
        for c, col in enumerate(columns):
            write_cell(ws, r, c, row.get(col.field), col.kind, f)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(rows), 1), len(columns) - 1)
    return top + 1 + len(rows)


def _dicts(wh: Warehouse, sql: str, params: dict[str, Any]) -> list[dict]:
    q = wh.query(sql, params)
    return [dict(zip(q.column_names, r, strict=True)) for r in q.result_rows]


SALES_DAILY = [
    Column("date", "Дата", "date", 12),
    Column("orders_units", "Заказано, шт", "int"),
    Column("orders_amount", "Заказано, ₽", "money", 16),
    Column("cancelled_units", "Отмены, шт", "int"),
    Column("sales_units", "Продано, шт", "int"),
    Column("returns_units", "Возвраты, шт", "int"),
    Column("revenue", "Выручка, ₽", "money", 16),
    Column("for_pay", "К перечислению, ₽", "money", 16),
]
SALES_PRODUCT = [
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("product_id", "Товар (штрихкод)", "text", 16),
    Column("item_id", "Артикул МП", "text", 12),
    Column("vendor_code", "Артикул продавца", "text", 18),
    Column("title", "Название", "text", 36),
    Column("orders_units", "Заказано, шт", "int"),
    Column("sales_units", "Продано, шт", "int"),
    Column("returns_units", "Возвраты, шт", "int"),
    Column("revenue", "Выручка, ₽", "money", 16),
    Column("for_pay", "К перечислению, ₽", "money", 16),
]
STOCK = [
    Column("date", "Дата остатка", "date", 12),
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("warehouse", "Склад", "text", 24),
    Column("product_id", "Товар (штрихкод)", "text", 16),
    Column("vendor_code", "Артикул продавца", "text", 18),
    Column("title", "Название", "text", 36),
    Column("stock", "Остаток, шт", "int"),
    Column("avg_daily_sales_7d", "Продажи в день (7 дн.)", "float"),
    Column("avg_daily_sales_28d", "Продажи в день (28 дн.)", "float"),
    Column("days_of_cover", "Хватит на, дней", "float"),
    Column("stockout_date", "Закончится", "date", 12),
]
FEES = [
    ("sale", "Продажи"),
    ("return", "Возвраты"),
    ("commission", "Комиссия"),
    ("acquiring", "Эквайринг"),
    ("logistics", "Логистика"),
    ("return_logistics", "Обратная логистика"),
    ("storage", "Хранение"),
    ("acceptance", "Приёмка"),
    ("penalty", "Штрафы"),
    ("advertising", "Реклама"),
    ("compensation", "Компенсации"),
    ("other", "Прочее"),
]
UNIT = [
    Column("period", "Месяц", "date", 12),
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("product_id", "Товар (штрихкод)", "text", 16),
    Column("vendor_code", "Артикул продавца", "text", 18),
    Column("units_sold", "Продано, шт", "int"),
    Column("units_returned", "Возвраты, шт", "int"),
    Column("revenue", "Выручка, ₽", "money", 16),
    *[Column(k, f"{t}, ₽", "money", 14) for k, t in FEES],
    Column("payout", "К выплате, ₽", "money", 16),
    Column("cogs", "Себестоимость, ₽", "money", 16),
    Column("margin", "Маржа, ₽", "money", 14),
]

ADS = [
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("campaign_id", "Кампания", "text", 12),
    Column("campaign_name", "Название кампании", "text", 30),
    Column("item_id", "Артикул МП", "text", 12),
    Column("vendor_code", "Артикул продавца", "text", 18),
    Column("title", "Название", "text", 36),
    Column("views", "Показы", "int"),
    Column("clicks", "Клики", "int"),
    Column("spend", "Расход, ₽", "money", 14),
    Column("orders", "Заказы с рекламы, шт", "int"),
    Column("ad_revenue", "Выручка с рекламы, ₽", "money", 16),
    Column("ctr", "CTR, %", "float", 10),
    Column("cpc", "CPC, ₽", "money", 12),
    Column("cpo", "CPO, ₽", "money", 12),
    Column("drr", "ДРР, %", "float", 10),
]
ABC = [
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("product_id", "Товар (штрихкод)", "text", 16),
    Column("vendor_code", "Артикул продавца", "text", 18),
    Column("title", "Название", "text", 36),
    Column("revenue", "Выручка, ₽", "money", 16),
    Column("margin", "Маржа (за вычетом себестоимости 1С, если есть), ₽", "money", 18),
    Column("net_units", "Продано нетто, шт", "int"),
    Column("abc_revenue", "ABC по выручке", "text", 10),
    Column("abc_margin", "ABC по марже", "text", 10),
    Column("weekly_cv", "Вариация спроса по неделям", "float", 12),
    Column("xyz", "XYZ", "text", 6),
]
PNL = [
    Column("period", "Месяц", "date", 12),
    Column("marketplace", "Маркетплейс", "text", 12),
    Column("account", "Кабинет", "text", 12),
    Column("revenue", "Выручка, ₽", "money", 16),
    *[Column(k, f"{t}, ₽", "money", 14) for k, t in FEES],
    Column("payout", "К выплате, ₽", "money", 16),
    Column("ad_spend", "Расход на рекламу (кабинеты), ₽", "money", 16),
    Column("result_before_cogs", "Результат до себестоимости, ₽", "money", 16),
    Column("cogs", "Себестоимость, ₽", "money", 16),
    Column("result", "Результат, ₽", "money", 16),
]


def _percent(rows: list[dict], *keys: str) -> list[dict]:
    """Ratios as percentages for display (the marts keep fractions)."""
    for r in rows:
        for k in keys:
            if r.get(k) is not None:
                r[k] = float(r[k]) * 100
    return rows


def write_report(wh: Warehouse, out: Path, date_from: date, date_to: date) -> Path:
    """Write the report for [date_from, date_to] to `out` and return the path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    p = {"f": date_from, "t": date_to}
    wb = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False})
    f = _Formats(wb)

    daily = _dicts(
        wh,
        """
        SELECT date, sum(orders_units) AS orders_units, sum(orders_amount) AS orders_amount,
               sum(cancelled_units) AS cancelled_units, sum(sales_units) AS sales_units,
               sum(returns_units) AS returns_units, sum(revenue) AS revenue, sum(for_pay) AS for_pay
        FROM marts.mart_sales_daily WHERE date BETWEEN {f:Date} AND {t:Date}
        GROUP BY date ORDER BY date""",
        p,
    )
    by_product = _dicts(
        wh,
        """
        SELECT marketplace, product_id, any(item_id) AS item_id, any(vendor_code) AS vendor_code,
               any(title) AS title, sum(orders_units) AS orders_units, sum(sales_units) AS sales_units,
               sum(returns_units) AS returns_units, sum(revenue) AS revenue, sum(for_pay) AS for_pay
        FROM marts.mart_sales_daily WHERE date BETWEEN {f:Date} AND {t:Date}
        GROUP BY marketplace, product_id ORDER BY revenue DESC, product_id""",
        p,
    )
    stock = _dicts(
        wh,
        """
        SELECT * FROM marts.mart_stock_cover
        WHERE date = (SELECT max(date) FROM marts.mart_stock_cover WHERE date <= {t:Date} + 1)
        ORDER BY days_of_cover IS NULL, days_of_cover, warehouse, product_id""",
        p,
    )
    unit = _dicts(
        wh,
        """
        SELECT u.*, pr.vendor_code AS vendor_code FROM marts.mart_unit_economics AS u
        LEFT JOIN dwh.dim_product AS pr ON pr.product_id = u.product_id AND pr.is_current = 1
        WHERE period BETWEEN toStartOfMonth({f:Date}) AND {t:Date}
        ORDER BY period, revenue DESC, product_id""",
        p,
    )

    ads = _percent(
        _dicts(
            wh,
            """
        SELECT marketplace, campaign_id, any(campaign_name) AS campaign_name, item_id,
               any(vendor_code) AS vendor_code, any(title) AS title, sum(views) AS views,
               sum(clicks) AS clicks, sum(spend) AS spend, sum(orders) AS orders,
               sum(ad_revenue) AS ad_revenue, clicks / nullIf(views, 0) AS ctr,
               round(spend / nullIf(clicks, 0), 2) AS cpc, round(spend / nullIf(orders, 0), 2) AS cpo,
               spend / nullIf(ad_revenue, 0) AS drr
        FROM marts.mart_ads WHERE date BETWEEN {f:Date} AND {t:Date}
        GROUP BY marketplace, campaign_id, item_id ORDER BY spend DESC, marketplace, campaign_id, item_id""",
            p,
        ),
        "ctr",
        "drr",
    )
    abc = _dicts(
        wh,
        """
        SELECT a.*, pr.vendor_code AS vendor_code, pr.title AS title FROM marts.mart_abc AS a
        LEFT JOIN dwh.dim_product AS pr ON pr.product_id = a.product_id AND pr.is_current = 1
        ORDER BY a.marketplace = 'all' DESC, a.marketplace, a.revenue DESC, a.product_id""",
        p,
    )
    pnl = _dicts(
        wh,
        """
        SELECT * FROM marts.mart_pnl WHERE period BETWEEN toStartOfMonth({f:Date}) AND {t:Date}
        ORDER BY period, marketplace, account""",
        p,
    )

    _summary(wb, f, date_from, date_to, daily, unit)
    ws = wb.add_worksheet("Продажи по дням")
    end = write_table(ws, SALES_DAILY, daily, f)
    if daily:
        chart = wb.add_chart({"type": "line"})
        chart.add_series(
            {
                "name": "Выручка, ₽",
                "categories": ["Продажи по дням", 1, 0, end - 1, 0],
                "values": ["Продажи по дням", 1, 6, end - 1, 6],
            }
        )
        chart.add_series(
            {
                "name": "Заказано, ₽",
                "categories": ["Продажи по дням", 1, 0, end - 1, 0],
                "values": ["Продажи по дням", 1, 2, end - 1, 2],
            }
        )
        chart.set_title({"name": "Выручка и заказы по дням"})
        chart.set_x_axis({"date_axis": True, "num_format": "dd.mm"})
        chart.set_size({"width": 900, "height": 360})
        ws.insert_chart(1, len(SALES_DAILY) + 1, chart)
    write_table(wb.add_worksheet("Продажи по товарам"), SALES_PRODUCT, by_product, f)
    write_table(wb.add_worksheet("Остатки"), STOCK, stock, f)
    write_table(wb.add_worksheet("Юнит-экономика"), UNIT, unit, f)
    write_table(wb.add_worksheet("Реклама"), ADS, ads, f)
    write_table(wb.add_worksheet("ABC-XYZ"), ABC, abc, f)
    write_table(wb.add_worksheet("ОПиУ"), PNL, pnl, f)
    wb.close()
    return out


def _summary(
    wb: Workbook, f: _Formats, date_from: date, date_to: date, daily: list[dict], unit: list[dict]
) -> None:
    ws = wb.add_worksheet("Сводка")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 20)
    ws.write_string(0, 0, "Сводка продавца", f.title)
    ws.write_string(1, 0, f"Период: {date_from:%d.%m.%Y} – {date_to:%d.%m.%Y}")

    def total(rows: list[dict], key: str) -> Decimal:
        return sum((Decimal(str(r.get(key) or 0)) for r in rows), Decimal(0))

    lines: list[tuple[str, Any, str]] = [
        ("Заказано, шт", total(daily, "orders_units"), "int"),
        ("Заказано, ₽", total(daily, "orders_amount"), "money"),
        ("Продано, шт", total(daily, "sales_units"), "int"),
        ("Возвраты, шт", total(daily, "returns_units"), "int"),
        ("Выручка (продажи − возвраты), ₽", total(daily, "revenue"), "money"),
        ("", None, "text"),
        ("По отчёту о реализации (месяцы периода):", None, "text"),
        *[(f"  {t}, ₽", total(unit, k), "money") for k, t in FEES],
        ("К выплате, ₽", total(unit, "payout"), "money"),
    ]
    ws.write_string(3, 0, "Показатель", f.header)
    ws.write_string(3, 1, "Значение", f.header)
    for i, (label, value, kind) in enumerate(lines, start=4):
        ws.write_string(i, 0, label)
        if value is not None:
            write_cell(ws, i, 1, value, kind, f)
    ws.freeze_panes(4, 0)
