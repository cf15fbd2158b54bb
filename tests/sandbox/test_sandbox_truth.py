"""Ground truth describes exactly what is served; the world is deterministic and self-consistent."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import httpx
import numpy as np
import pytest
from sandbox_client import pull_finance, pull_statistics, warehouse_remains
from sandbox_world import NOW, SPEC, client_for

from svodka.sandbox import FEE_TYPES, SandboxServer, World

D = Decimal


def _day(ts: str) -> date:
    return datetime.fromisoformat(ts[:19]).date()


@pytest.fixture(scope="module")
def served(server: SandboxServer) -> dict[str, list[dict]]:
    """Everything the shared server serves at NOW, pulled through the documented paging."""
    with client_for(server) as c:
        orders, _ = pull_statistics(c, server.wb_hosts["statistics-api"], "orders")
        sales, _ = pull_statistics(c, server.wb_hosts["statistics-api"], "sales")
        lines, _ = pull_finance(c, server.wb_hosts["finance-api"], "2024-01-29", "2026-03-16")
        heads = c.post(
            f"{server.wb_hosts['finance-api']}/api/finance/v1/sales-reports/list",
            json={"dateFrom": "2025-01-01", "dateTo": "2026-03-16"},
        ).json()
        remains = warehouse_remains(c, server.wb_hosts["seller-analytics-api"]).json()
    return {"orders": orders, "sales": sales, "lines": lines, "heads": heads, "remains": remains}


def fee_lines(row: dict) -> list[tuple[str, Decimal]]:
    """A realization line as (fee type, signed amount) pairs, per the table in docs/sandbox.md."""
    op, bonus = row["sellerOperName"], row.get("bonusTypeName", "")
    if op in ("Продажа", "Возврат"):
        sign = 1 if op == "Продажа" else -1
        retail, pay, acq = D(row["retailAmount"]), D(row["forPay"]), D(row["acquiringFee"])
        return [
            ("sale" if sign > 0 else "return", sign * retail),
            ("acquiring", -sign * acq),
            ("commission", -sign * (retail - pay - acq)),
        ]
    if op == "Логистика":
        kind = "logistics" if row["deliveryAmount"] > 0 else "return_logistics"
        return [(kind, -D(row["deliveryService"]))]
    if op.startswith("Возмещение издержек по перевозке"):
        return [("logistics", -D(row["rebillLogisticCost"]))]
    if op == "Хранение":
        return [("storage", -D(row["paidStorage"]))]
    if op == "Обработка товара":
        return [("acceptance", -D(row["paidAcceptance"]))]
    if op == "Штраф":
        return [("penalty", -D(row["penalty"]))]
    if op == "Удержание":
        kind = "advertising" if bonus.startswith("Оказание услуг «WB Продвижение»") else "other"
        return [(kind, -D(row["deduction"]))]
    if op == "Компенсация ущерба":
        return [("compensation", D(row["forPay"]))]
    if op == "Доплаты":
        return [("compensation", D(row["additionalPayment"]))]
    raise AssertionError(f"unmapped operation {op!r}")


def test_orders_truth_equals_served(served, world: World):
    got: dict = defaultdict(lambda: [0, D(0), 0])
    for r in served["orders"]:
        cell = got[(_day(r["date"]), r["barcode"])]
        cell[0] += 1
        cell[1] += D(str(r["priceWithDisc"]))
        cell[2] += r["isCancel"]
    truth = world.ground_truth(NOW).orders_daily
    assert {k: tuple(v) for k, v in got.items()} == truth
    assert sum(v[2] for v in truth.values()) > 0


def test_sales_truth_equals_served(served, world: World):
    got: dict = defaultdict(lambda: [0, 0, D(0), D(0)])
    for r in served["sales"]:
        cell = got[(_day(r["date"]), r["barcode"])]
        is_return = r["saleID"].startswith("R")
        if is_return:  # returns come with negative money: count their value once, with a minus
            assert r["priceWithDisc"] <= 0 and r["forPay"] <= 0
        cell[1 if is_return else 0] += 1
        cell[2] += D(str(r["priceWithDisc"]))
        cell[3] += D(str(r["forPay"]))
    truth = world.ground_truth(NOW).sales_daily
    assert {k: tuple(v) for k, v in got.items()} == truth
    assert sum(v[1] for v in truth.values()) > 0


def test_finance_truth_equals_served(served, world: World):
    got: dict = defaultdict(D)
    for r in served["lines"]:
        for fee, amount in fee_lines(r):
            got[(date.fromisoformat(r["rrDate"]), r["sku"], fee)] += amount
    truth = world.ground_truth(NOW)
    assert dict(got) == truth.finance
    assert {k[2] for k in truth.finance} == set(FEE_TYPES)
    payouts = {h["reportId"]: D(h["bankPaymentSum"]) for h in served["heads"]}
    assert payouts == truth.payout_by_report
    assert sum(payouts.values()) == truth.payout_total


def test_report_headers_reconcile_with_lines(served):
    by_report: dict = defaultdict(lambda: defaultdict(D))
    for r in served["lines"]:
        s = by_report[r["reportId"]]
        sign = {"Продажа": 1, "Возврат": -1}.get(r["sellerOperName"], 0)
        s["retailAmountSum"] += sign * D(r["retailAmount"])
        s["forPaySum"] += sign * D(r["forPay"]) + (
            D(r["forPay"]) if r["sellerOperName"] == "Компенсация ущерба" else 0
        )
        s["deliveryServiceSum"] += D(r["deliveryService"]) + D(r["rebillLogisticCost"])
        for field in ("paidStorage", "paidAcceptance", "deduction", "penalty", "additionalPayment"):
            s[field + "Sum"] += D(r[field])
        s["bankPaymentSum"] += sum(amount for _, amount in fee_lines(r))
    assert len(by_report) == len(served["heads"]) >= 6
    for head in served["heads"]:
        s = by_report[head["reportId"]]
        for field, value in s.items():
            assert D(head[field]) == value, (head["reportId"], field)


def test_realization_matches_statistics_sales_to_the_kopeck(served):
    sales = {(r["srid"], r["saleID"][0]): r for r in served["sales"]}
    checked = 0
    for line in served["lines"]:
        if line["sellerOperName"] not in ("Продажа", "Возврат"):
            continue
        row = sales.get((line["srid"], "S" if line["sellerOperName"] == "Продажа" else "R"))
        if row is None or row["priceWithDisc"] == 0:  # purged, or prices still being filled (≤ 24 h)
            continue
        assert D(line["retailAmount"]) == abs(D(str(row["priceWithDisc"])))
        assert D(line["forPay"]) == abs(D(str(row["forPay"])))
        assert line["sku"] == row["barcode"] and line["nmId"] == row["nmId"]
        checked += 1
    assert checked > 1000


def test_stock_truth_equals_warehouse_report(served, world: World):
    truth = world.ground_truth(NOW)
    today = NOW.date()
    expected = {(w, b): q for (d, w, b), q in truth.stock_daily.items() if d == today}
    pseudo = {"В пути до получателей", "В пути возвраты на склад WB", "Всего находится на складах"}
    got = {}
    for row in served["remains"]:
        for wh in row["warehouses"]:
            if wh["warehouseName"] not in pseudo:
                got[(wh["warehouseName"], row["barcode"])] = wh["quantity"]
        # Entries with quantity 0 are omitted (docs), the total included.
        total = next(
            (w["quantity"] for w in row["warehouses"] if w["warehouseName"] == "Всего находится на складах"),
            0,
        )
        assert total == sum(w["quantity"] for w in row["warehouses"] if w["warehouseName"] not in pseudo)
    assert got == expected and got


def test_same_seed_gives_identical_bodies_and_truth(world: World, make_server):
    twin = World.generate(SPEC)
    a, b = make_server(), SandboxServer(twin, limits="off", now=NOW).start()
    try:
        for srv_pair in ((a, b),):
            bodies = []
            for srv in srv_pair:
                with client_for(srv) as c:
                    host = srv.wb_hosts
                    bodies.append(
                        [
                            c.get(
                                f"{host['statistics-api']}/api/v1/supplier/orders",
                                params={"dateFrom": "2026-02-01"},
                            ).content,
                            c.get(
                                f"{host['statistics-api']}/api/v1/supplier/sales",
                                params={"dateFrom": "2026-02-01"},
                            ).content,
                            c.post(
                                f"{host['finance-api']}/api/finance/v1/sales-reports/detailed",
                                json={"dateFrom": "2026-03-01", "dateTo": "2026-03-15"},
                            ).content,
                            c.post(
                                f"{host['content-api']}/content/v2/get/cards/list",
                                json={"settings": {"cursor": {"limit": 100}, "filter": {"withPhoto": -1}}},
                            ).content,
                            warehouse_remains(c, host["seller-analytics-api"]).content,
                        ]
                    )
            assert bodies[0] == bodies[1]
    finally:
        b.stop()
    ta, tb = world.ground_truth(NOW), twin.ground_truth(NOW)
    for name in ta.arrays:
        for col in ta.arrays[name]:
            assert np.array_equal(ta.arrays[name][col], tb.arrays[name][col]), (name, col)
    other = World.generate(SPEC.__class__(**{**SPEC.__dict__, "seed": 8}))
    assert other.ground_truth(NOW).payout_total != ta.payout_total


def test_export_truth_writes_csv(world: World, tmp_path):
    paths = world.export_truth(tmp_path, NOW)
    names = {p.name for p in paths}
    assert {
        "orders_daily.csv",
        "sales_daily.csv",
        "finance.csv",
        "stock_daily.csv",
        "payouts.csv",
        "catalog.csv",
        "prices.csv",
    } <= names
    head = (tmp_path / "finance.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head == "rr_date,barcode,fee_type,amount"


def test_catalog_and_prices_are_exposed(world: World, client: httpx.Client, server: SandboxServer):
    records = world.catalog_records()
    assert sum(len(r["barcodes"]) for r in records) == SPEC.skus
    assert any(len(r["barcodes"]) > 1 for r in records)
    assert sum(len(r["barcodes"]) == 1 for r in records) > len(records) / 2
    prices = world.prices_on(NOW.date())
    goods = client.get(
        f"{server.wb_hosts['discounts-prices-api']}/api/v2/list/goods/filter", params={"limit": 1000}
    ).json()["data"]["listGoods"]
    by_nm = {r["nmId"]: r for r in records}
    for g in goods:
        for size in g["sizes"]:
            bc = next(s["barcode"] for s in by_nm[g["nmID"]]["sizes"] if s["chrtId"] == size["sizeID"])
            assert prices[bc][0] == size["price"] and prices[bc][1] == g["discount"]
            assert prices[bc][2] == D(str(size["discountedPrice"]))


def test_docs_list_exactly_the_operations_served(served):
    """docs/sandbox.md is the warehouse developer's contract: its table must match the wire."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "sandbox.md").read_text(encoding="utf-8")
    table = text.split("## Realization lines", 1)[1].split("\n\n", 2)[1]
    documented = set()
    bonuses: dict[str, set[str]] = defaultdict(set)
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        oper = re.findall(r"`([^`]*)`", cells[1])[0]
        documented.add((oper, re.findall(r"`([^`]*)`", cells[2])[0].strip('"')))
        bonuses[oper] |= {b.split("<")[0] for b in re.findall(r"`([^`]*)`", cells[3])}
    for row in served["lines"]:
        bonus = row.get("bonusTypeName")
        if bonus is not None:
            assert any(bonus.startswith(b) for b in bonuses[row["sellerOperName"]]), bonus
    seen = {(r["sellerOperName"], r["docTypeName"]) for r in served["lines"]}
    assert seen <= documented
    # Rare operations may be missing from a small world's few weeks; nothing else may be.
    assert documented - seen <= {("Доплаты", ""), ("Компенсация ущерба", ""), ("Штраф", "")}


def test_money_strings_are_exact_decimals_without_trailing_zeros(served):
    import re

    money = re.compile(r"^-?(0|[1-9]\d*)(\.\d?[1-9])?$")
    fields = (
        "retailAmount",
        "forPay",
        "acquiringFee",
        "deliveryService",
        "paidStorage",
        "deduction",
        "penalty",
        "paidAcceptance",
        "additionalPayment",
        "rebillLogisticCost",
        "vw",
        "vwNds",
    )
    for row in served["lines"][::7]:
        for f in fields:
            assert money.match(row[f]), (f, row[f])
