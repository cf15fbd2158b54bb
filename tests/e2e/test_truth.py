"""The marts reproduce the sandbox's ground truth exactly (WB, Ozon, ads, totals); a rerun changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import openpyxl

from svodka.pipeline.runs import export_report

from .conftest import ALL_TABLES, MARTS, Env
from .truth import assert_matches_truth


def test_marts_equal_ground_truth(env: Env) -> None:
    now = env.now()
    env.sync(now)
    report = env.build()
    assert report.ok, [r for r in report.checks.results if not r.passed]
    assert_matches_truth(env, now)

    # the Excel report shows the marts' numbers
    wh = env.wh
    path = export_report(env.ws, None, None, env.root / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Продажи по дням"]
    excel_revenue = sum(Decimal(str(r[6].value)) for r in sheet.iter_rows(min_row=2))
    first, last = sheet.cell(2, 1).value.date(), sheet.cell(sheet.max_row, 1).value.date()
    mart_revenue = wh.scalar(
        "SELECT sum(revenue) FROM marts.mart_sales_daily WHERE date BETWEEN {f:Date} AND {t:Date}",
        {"f": first, "t": last},
    )
    assert excel_revenue == mart_revenue


def test_second_sync_and_build_change_nothing(env: Env) -> None:
    now = env.now()
    env.sync(now)
    env.build()
    before = env.checksums(ALL_TABLES)
    before_data = {t: env.data_checksum(t) for t in ("ods.wb_stocks", "ods.wb_prices")}
    env.sync(now)
    env.build()
    after = env.checksums(ALL_TABLES)
    # snapshot tables point at the day's latest snapshot (the second sync's run): their
    # data is the same, their lineage columns move on
    for t in ("ods.wb_stocks", "ods.wb_prices"):
        assert after.pop(t)[0] == before.pop(t)[0]
        assert env.data_checksum(t) == before_data[t]
    assert after == before


def test_stock_snapshots_accumulate_day_by_day(env: Env) -> None:
    today = env.now()
    yesterday = today - timedelta(days=1)
    env.srv.set_now(yesterday)
    env.sync(yesterday)
    env.srv.set_now(today)
    env.sync(today)
    env.build()
    truth = env.srv.world.ground_truth(today)
    days = {(yesterday + timedelta(hours=3)).date(), (today + timedelta(hours=3)).date()}
    for mp, t in (("wb", truth), ("ozon", truth.ozon)):
        stock = {
            (d, w, p): int(q)
            for d, w, p, q in env.wh.rows(
                "SELECT date, warehouse, product_id, sum(quantity) FROM dwh.fct_stock_daily "
                "WHERE marketplace = {m:String} AND location_type = 'warehouse' "
                "GROUP BY date, warehouse, product_id HAVING sum(quantity) > 0",
                {"m": mp},
            )
        }
        assert {k[0] for k in stock} == days, mp
        assert stock == {k: v for k, v in t.stock_daily.items() if k[0] in days}, mp


def test_rebuild_from_lake_gives_identical_marts(env: Env) -> None:
    from svodka.pipeline.runs import rebuild_from_lake

    now = env.now()
    env.sync(now)
    env.build()
    before = env.checksums(MARTS)
    report = rebuild_from_lake(env.ws, env.console)
    assert report.ok
    assert env.checksums(MARTS) == before
