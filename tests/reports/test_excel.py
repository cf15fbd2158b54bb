from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

from svodka.reports.excel import write_report
from svodka.warehouse import runner
from svodka.warehouse.client import Warehouse

COLS = [
    "marketplace",
    "account",
    "date",
    "product_id",
    "item_id",
    "vendor_code",
    "title",
    "orders_units",
    "orders_amount",
    "cancelled_units",
    "sales_units",
    "returns_units",
    "net_units",
    "revenue",
    "for_pay",
]


def _marts(wh: Warehouse) -> None:
    models = runner.load_models()
    runner.build(wh, runner.order(models), models, "t")
    wh.insert(
        "marts.mart_sales_daily",
        [
            (
                "wb",
                "main",
                date(2026, 11, 1),
                "4600000000017",
                "101",
                '=HYPERLINK("http://x")',
                "+79001234567",
                3,
                Decimal("300.00"),
                1,
                2,
                0,
                2,
                Decimal("200.00"),
                Decimal("170.10"),
            ),
            (
                "wb",
                "main",
                date(2026, 11, 2),
                "4600000000024",
                "102",
                "@SUM(A1)",
                "-крем 50мл",
                1,
                Decimal("99.99"),
                0,
                1,
                1,
                0,
                Decimal("0.00"),
                Decimal("0.00"),
            ),
        ],
        COLS,
    )
    wh.insert(
        "marts.mart_ads",
        [
            (
                "wb",
                "main",
                date(2026, 11, 1),
                "7",
                "Поиск",
                "101",
                "",
                "",
                "",
                1000,
                20,
                Decimal("150.00"),
                3,
                Decimal("600.00"),
            ),
            (
                "wb",
                "main",
                date(2026, 11, 2),
                "7",
                "Поиск",
                "101",
                "",
                "",
                "",
                1000,
                30,
                Decimal("150.00"),
                0,
                Decimal("0.00"),
            ),
        ],
        [
            "marketplace",
            "account",
            "date",
            "campaign_id",
            "campaign_name",
            "item_id",
            "product_id",
            "vendor_code",
            "title",
            "views",
            "clicks",
            "spend",
            "orders",
            "ad_revenue",
        ],
    )
    wh.insert(
        "marts.mart_pnl",
        [
            (
                "ozon",
                "main",
                date(2026, 11, 1),
                Decimal("1000.00"),
                Decimal("-250.00"),
                Decimal("700.00"),
                Decimal("100.00"),
                Decimal("600.00"),
            )
        ],
        [
            "marketplace",
            "account",
            "period",
            "revenue",
            "commission",
            "payout",
            "ad_spend",
            "result_before_cogs",
        ],
    )


def test_report_reads_back_with_formats_and_no_formulas(tmp_path: Path, wh: Warehouse) -> None:
    _marts(wh)
    out = write_report(wh, tmp_path / "r.xlsx", date(2026, 11, 1), date(2026, 11, 2))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Сводка",
        "Продажи по дням",
        "Продажи по товарам",
        "Остатки",
        "Юнит-экономика",
        "Реклама",
        "ABC-XYZ",
        "ОПиУ",
    ]

    daily = wb["Продажи по дням"]
    assert [c.value for c in daily[1]][:3] == ["Дата", "Заказано, шт", "Заказано, ₽"]
    assert daily.freeze_panes == "A2"
    assert daily.auto_filter.ref is not None
    assert daily["C2"].value == 300 and "₽" in daily["C2"].number_format
    assert daily["G3"].value == 0 and daily["E3"].value == 1
    assert len(daily._charts) == 1

    products = wb["Продажи по товарам"]
    values = {c.value for row in products.iter_rows(min_row=2) for c in row}
    # text that looks like a formula stays text, marked with Excel's quote prefix
    for text in ('=HYPERLINK("http://x")', "+79001234567", "@SUM(A1)", "-крем 50мл"):
        assert text in values
    for row in products.iter_rows(min_row=2):
        for c in row:
            assert c.data_type != "f"
            if isinstance(c.value, str) and c.value[:1] in "=+-@":
                assert c.quotePrefix

    summary = wb["Сводка"]
    labels = {r[0].value: r[1].value for r in summary.iter_rows(min_row=5) if r[0].value}
    assert labels["Заказано, шт"] == 4
    assert labels["Выручка (продажи − возвраты), ₽"] == 200

    # ads over the period: counts and money add up, ratios are recomputed, shown in percent
    ads = wb["Реклама"]
    header = [c.value for c in ads[1]]
    row = dict(zip(header, [c.value for c in ads[2]], strict=True))
    assert ads.max_row == 2
    assert (row["Показы"], row["Клики"], row["Расход, ₽"], row["Заказы с рекламы, шт"]) == (2000, 50, 300, 3)
    assert row["CTR, %"] == 2.5 and row["CPC, ₽"] == 6 and row["CPO, ₽"] == 100 and row["ДРР, %"] == 50

    pnl = wb["ОПиУ"]
    header = [c.value for c in pnl[1]]
    row = dict(zip(header, [c.value for c in pnl[2]], strict=True))
    assert row["Маркетплейс"] == "ozon" and row["Комиссия, ₽"] == -250
    assert row["Результат до себестоимости, ₽"] == 600 and row["Себестоимость, ₽"] is None
