"""1C as the master catalog and the source of cost: margins equal the truth once costs load."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from .conftest import Env

ONEC_TABLES = ["ods.onec_items", "ods.onec_prices", "ods.onec_stock", "dwh.fct_cost", "dwh.fct_cogs"]


def _connect_onec(env: Env) -> None:
    env.ws.control.add_connection(
        "onec",
        "main",
        env.srv.onec_password,
        options={"base_url": env.srv.onec_base_url, "username": env.srv.onec_user, "timeout": 2.0},
        replace=True,
    )


def _expected_cogs(env: Env, now) -> dict[tuple[str, date, str], Decimal]:
    """Units sold net of returns (as the finance reports settle them) × the 1C cost that day."""
    truth = env.srv.world.ground_truth(now)
    out: dict[tuple[str, date, str], Decimal] = defaultdict(Decimal)
    for mp, t in (("wb", truth), ("ozon", truth.ozon)):
        last = max(d for d, _p, _f in t.finance)  # the last day the marketplace has settled
        for (day, barcode), (sold, returned, *_) in t.sales_daily.items():
            if day <= last and sold != returned:
                out[(mp, day.replace(day=1), barcode)] += (sold - returned) * truth.onec.cost_on(day)[barcode]
    return dict(out)


def test_margins_equal_the_truth_once_1c_costs_are_loaded(env: Env) -> None:
    now = env.now()
    _connect_onec(env)
    env.sync(now)
    assert env.build().ok
    truth = env.srv.world.ground_truth(now)

    expected = _expected_cogs(env, now)
    got = {
        (mp, period, p): (cogs, payout, margin)
        for mp, period, p, cogs, payout, margin in env.wh.rows(
            "SELECT marketplace, period, product_id, cogs, payout, margin FROM marts.mart_unit_economics"
        )
    }
    assert {k: v[0] for k, v in got.items() if v[0]} == {k: v for k, v in expected.items() if v}
    for cogs, payout, margin in got.values():
        assert cogs is not None and margin == payout - cogs
    # the P&L carries the same cost of goods per marketplace and month
    pnl = {
        (mp, period): cogs
        for mp, period, cogs in env.wh.rows("SELECT marketplace, period, cogs FROM marts.mart_pnl")
    }
    per_month: dict[tuple, Decimal] = defaultdict(Decimal)
    for (mp, period, _p), cogs in expected.items():
        per_month[(mp, period)] += cogs
    assert {k: v for k, v in pnl.items() if v} == {k: v for k, v in per_month.items() if v}

    # 1C is the master catalog: names and articles come from it, every 1C barcode is its item
    names = dict(env.wh.rows("SELECT product_id, (vendor_code, title) FROM dwh.dim_product WHERE is_current"))
    product_of = dict(env.wh.rows("SELECT barcode, product_id FROM dwh.onec_barcode_map"))
    assert set(product_of) == set(truth.onec.nomenclature)
    for barcode, (article, name) in truth.onec.nomenclature.items():
        assert names[product_of[barcode]] == (article, name), barcode
    second = {b: p for b, p in product_of.items() if b != p}
    assert second, "the world registers a second barcode for some items"
    for barcode, product in second.items():  # one product, under the barcode the marketplaces use
        assert barcode not in names and truth.onec.nomenclature[barcode] == truth.onec.nomenclature[product]


def test_a_second_1c_sync_changes_nothing(env: Env) -> None:
    now = env.now()
    _connect_onec(env)
    env.sync(now)
    env.build()
    before = {t: env.data_checksum(t) for t in ONEC_TABLES}
    assert all(rows for rows, _ in before.values())
    env.sync(now, source="onec")
    env.build()
    assert {t: env.data_checksum(t) for t in ONEC_TABLES} == before


def test_a_commerceml_export_stands_in_for_odata(env: Env, tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    now = env.now()
    env.sync(now, source="wb")
    files = env.srv.world.onec.write_commerceml(tmp_path, now, encoding="windows-1251")
    env.ws.close()  # the CLI, as a user runs it, owns the warehouse while it loads
    cli = str(Path(sys.executable).with_name("svodka"))
    p = subprocess.run(
        [cli, "onec", "import", *map(str, files), "--workspace", str(env.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    from svodka.pipeline.workspace import Workspace

    env.ws = Workspace.open(env.root)
    assert env.build().ok
    truth = env.srv.world.ground_truth(now).onec
    names = dict(env.wh.rows("SELECT product_id, (vendor_code, title) FROM dwh.dim_product WHERE is_current"))
    product_of = dict(env.wh.rows("SELECT barcode, product_id FROM dwh.onec_barcode_map"))
    for barcode, (article, name) in truth.nomenclature.items():
        if barcode in product_of:  # the export names each item by one barcode
            assert names[product_of[barcode]] == (article, name), barcode
    day = (now + timedelta(hours=3)).date()
    costs = dict(
        env.wh.rows("SELECT product_id, unit_cost FROM dwh.fct_cost WHERE valid_from = {d:Date}", {"d": day})
    )
    assert costs and all(truth.cost_on(day)[p] == c for p, c in costs.items())
    # a second import of the same files changes nothing
    before = {t: env.data_checksum(t) for t in ("ods.onec_items", "ods.onec_prices", "dwh.fct_cost")}
    env.ws.close()
    subprocess.run(
        [cli, "onec", "import", *map(str, files), "--workspace", str(env.root)], check=True, timeout=120
    )
    env.ws = Workspace.open(env.root)
    env.build()
    assert {t: env.data_checksum(t) for t in before} == before
