"""The Ozon ground truth is exactly what api-seller serves; the money reconciles across methods."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from ozon_client import ok, ozon_client, pull_accruals, pull_all_postings, pull_returns
from sandbox_world import NOW

from svodka.sandbox import FEE_TYPES, SandboxServer, World
from svodka.sandbox.clock import MSK

D = Decimal
DOCS = Path(__file__).resolve().parents[2] / "docs" / "sandbox.md"
LATE = NOW + timedelta(days=30)  # every posting of the world is final, every accrual published


def docs_fee_table() -> dict[int, str]:
    """type_id → fee type from the accrual table in docs/sandbox.md (the warehouse's oracle)."""
    text = DOCS.read_text(encoding="utf-8").split("Accrual types (the oracle", 1)[1].split("\n\n", 2)[1]
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\| (\d+) \|.*\| (\w+) \|$", line)
        if m:
            out[int(m.group(1))] = m.group(2)
    return out


def msk_date(ts: str) -> date:
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(MSK).date()


def barcode_of_sku(world: World) -> dict[int, str]:
    ls = world.ozon.listing
    return {
        int(s): world.catalog.bar_code[int(b)] for s, b in zip(ls.sku.tolist(), ls.bar.tolist(), strict=True)
    }


def pull_everything(srv: SandboxServer, world: World) -> dict[str, list[dict]]:
    end = srv.now().astimezone(MSK).date()
    with ozon_client(srv) as c:
        return {
            "fbo": pull_all_postings(c, "fbo", world.start - timedelta(days=1), end),
            "fbs": pull_all_postings(c, "fbs", world.start - timedelta(days=1), end),
            "returns": pull_returns(c)[0],
            "accruals": pull_accruals(c, world.start, end),
        }


@pytest.fixture(scope="module")
def served(server: SandboxServer, world: World) -> dict[str, list[dict]]:
    return pull_everything(server, world)


@pytest.fixture(scope="module")
def c_server(server: SandboxServer):
    with ozon_client(server) as c:
        yield c


@pytest.fixture(scope="module")
def late(world: World):
    with SandboxServer(world, limits="off", now=LATE) as srv:
        yield srv, pull_everything(srv, world)


def fee_lines(acc: dict, sku_bar: dict[int, str], table: dict[int, str]) -> list[tuple[str, str, Decimal]]:
    """An accrual as (barcode or "", fee type, amount), read the way docs/sandbox.md says."""
    out = []
    if acc["posting"]:
        for prod in acc["posting"]["products"]:
            bar = sku_bar[prod["sku"]]
            sale = D(prod["commission"]["sale_amount"]["amount"])
            if sale:
                out.append((bar, "sale" if sale > 0 else "return", sale))
            out.append((bar, "commission", D(prod["commission"]["commission"]["amount"])))
            out += [
                (bar, table[s["type_id"]], D(s["accrued"]["amount"])) for s in prod["delivery"]["services"]
            ]
    elif acc["item_fees"]:
        for item in acc["item_fees"]["fees"]:
            out += [
                (sku_bar[item["sku"]], table[f["type_id"]], D(f["accrued"]["amount"])) for f in item["fees"]
            ]
    else:
        fee = acc["non_item_fee"]
        out.append(("", table.get(fee["type_id"], "other"), D(fee["accrued"]["amount"])))
    assert sum(v for _, _, v in out) == D(acc["total_amount"]["amount"])
    return out


def test_orders_truth_equals_served(served, world: World):
    sku_bar = barcode_of_sku(world)
    got: dict = defaultdict(lambda: [0, D(0), 0])
    for p in served["fbo"] + served["fbs"]:
        (prod,) = p["products"]
        cell = got[(msk_date(p["in_process_at"]), sku_bar[prod["sku"]])]
        cell[0] += prod["quantity"]
        cell[1] += prod["quantity"] * D(prod["price"]["amount"])
        cell[2] += prod["quantity"] if p["status"] == "cancelled" else 0
    truth = world.ground_truth(NOW).ozon
    assert {k: tuple(v) for k, v in got.items()} == truth.orders_daily
    assert sum(v[2] for v in truth.orders_daily.values()) > 0
    assert len(served["fbs"]) > 0.1 * len(served["fbo"])


def test_finance_truth_equals_served(served, world: World):
    table = docs_fee_table()
    sku_bar = barcode_of_sku(world)
    got: dict = defaultdict(D)
    total = D(0)
    for acc in served["accruals"]:
        total += D(acc["total_amount"]["amount"])
        for bar, fee, amount in fee_lines(acc, sku_bar, table):
            got[(date.fromisoformat(acc["date"]), bar, fee)] += amount
    truth = world.ground_truth(NOW).ozon
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in truth.finance.items() if v}
    assert total == truth.payout_total
    assert {k[2] for k in truth.finance} == set(FEE_TYPES) - {"advertising"}


def test_docs_table_is_the_directory_and_the_oracle(c_server: httpx.Client, world: World):
    table = docs_fee_table()
    assert table == world.ground_truth(NOW).ozon.fee_of_type
    served = ok(c_server.post("/v1/finance/accrual/types", json={}))["accrual_types"]
    assert {t["id"] for t in served} == set(table) - {1999}


def test_posting_money_equals_the_accrual_lines(late, world: World):
    srv, data = late
    delivered = [p for p in data["fbo"] + data["fbs"] if p["status"] == "delivered"]
    by_number = {p["posting_number"]: p for p in delivered}
    checked = 0
    with ozon_client(srv) as c:
        for i in range(0, len(delivered), 500):
            numbers = [p["posting_number"] for p in delivered[i : i + 500]]
            for row in ok(c.post("/v1/finance/accrual/postings", json={"posting_numbers": numbers}))[
                "posting_accruals"
            ]:
                fin = by_number[row["posting_number"]]["financial_data"]["products"][0]
                qty = by_number[row["posting_number"]]["products"][0]["quantity"]
                lines = defaultdict(D)
                for ln in row["accruals"]:
                    lines[ln["type_id"]] += D(ln["accrued"]["amount"])
                assert lines[1001] == qty * D(str(fin["price"]))
                assert -lines[1010] == D(str(fin["commission"]["amount"]))
                assert lines[1001] + lines[1010] == D(str(fin["payout"]))
                checked += 1
    assert checked == len(delivered) > 100


def test_sales_truth_equals_served(late, world: World):
    srv, data = late
    sku_bar = barcode_of_sku(world)
    sale_day = {}
    with ozon_client(srv) as c:
        delivered = [p for p in data["fbo"] + data["fbs"] if p["status"] == "delivered"]
        for i in range(0, len(delivered), 500):
            numbers = [p["posting_number"] for p in delivered[i : i + 500]]
            for row in ok(c.post("/v1/finance/accrual/postings", json={"posting_numbers": numbers}))[
                "posting_accruals"
            ]:
                sale_day[row["posting_number"]] = next(
                    date.fromisoformat(ln["accrual_date"]) for ln in row["accruals"] if ln["type_id"] == 1001
                )
    got: dict = defaultdict(lambda: [0, 0, D(0), D(0)])
    for p in delivered:
        fin, (prod,) = p["financial_data"]["products"][0], p["products"]
        cell = got[(sale_day[p["posting_number"]], sku_bar[prod["sku"]])]
        cell[0] += prod["quantity"]
        cell[2] += prod["quantity"] * D(str(fin["price"]))
        cell[3] += D(str(fin["payout"]))
    for r in data["returns"]:
        if r["type"] != "ClientReturn":
            continue
        pr = r["product"]
        cell = got[(msk_date(r["logistic"]["return_date"]), sku_bar[pr["sku"]])]
        cell[1] += pr["quantity"]
        cell[2] -= pr["quantity"] * D(str(pr["price"]["price"]))
        cell[3] -= pr["quantity"] * D(str(pr["price_without_commission"]["price"]))
    truth = world.ground_truth(LATE).ozon
    assert {k: tuple(v) for k, v in got.items()} == truth.sales_daily
    assert sum(v[1] for v in truth.sales_daily.values()) > 0


def test_realization_equals_the_month_of_accruals(late, world: World):
    srv, data = late
    month_lines: dict = defaultdict(lambda: defaultdict(D))
    for acc in data["accruals"]:
        if not acc["posting"]:
            continue
        month = acc["date"][:7]
        for prod in acc["posting"]["products"]:
            sale = D(prod["commission"]["sale_amount"]["amount"])
            comm = D(prod["commission"]["commission"]["amount"])
            side = "sale" if sale > 0 else "return" if sale < 0 else None
            if side:
                month_lines[month][side] += abs(sale)
                month_lines[month][side + "_fee"] += abs(comm)
    with ozon_client(srv) as c:
        for year, month in ((2026, 2), (2026, 3)):
            rows = ok(c.post("/v2/finance/realization", json={"year": year, "month": month}))["result"][
                "rows"
            ]
            got = defaultdict(D)
            for row in rows:
                dc, rc = row["delivery_commission"], row["return_commission"]
                got["sale"] += D(str(dc["amount"]))
                got["sale_fee"] += D(str(dc["standard_fee"]))
                got["return"] += D(str(rc["amount"]))
                got["return_fee"] += D(str(rc["standard_fee"]))
                assert D(str(dc["total"])) == D(str(dc["amount"])) - D(str(dc["standard_fee"]))
            assert dict(got) == dict(month_lines[f"{year}-{month:02d}"])
            assert got["sale"] > 0 and got["return"] > 0


def test_stock_truth_equals_the_stock_methods(c_server: httpx.Client, world: World):
    truth = world.ground_truth(NOW).ozon
    today = NOW.astimezone(MSK).date()
    expected = {(w, b): q for (d, w, b), q in truth.stock_daily.items() if d == today}
    sku_bar = barcode_of_sku(world)
    got: dict = {}
    skus = [str(s) for s in world.ozon.listing.sku.tolist()]
    for i in range(0, len(skus), 100):
        for row in ok(c_server.post("/v1/analytics/stocks", json={"skus": skus[i : i + 100]}))["items"]:
            if row["available_stock_count"]:
                got[(row["warehouse_name"], sku_bar[row["sku"]])] = row["available_stock_count"]
    fbs = ok(c_server.post("/v2/product/info/stocks-by-warehouse/fbs", json={"limit": 1000}))["products"]
    for row in fbs:
        if row["free_stock"]:
            got[(row["warehouse_name"], sku_bar[row["sku"]])] = row["free_stock"]
        assert row["present"] - row["reserved"] == row["free_stock"]
    assert got == expected and any(w.startswith("Склад продавца") for w, _ in got)
    items = ok(c_server.post("/v4/product/info/stocks", json={"filter": {}, "limit": 1000}))["items"]
    for item in items:
        free = {s["type"]: s["present"] - s["reserved"] for s in item["stocks"]}
        bar = sku_bar[item["stocks"][0]["sku"]]
        assert free["fbs"] == expected.get((fbs[0]["warehouse_name"], bar), 0)
        assert free["fbo"] == sum(
            q for (w, b), q in expected.items() if b == bar and not w.startswith("Склад")
        )


def test_prices_equal_truth(c_server: httpx.Client, world: World):
    truth = world.ground_truth(NOW).ozon.prices_on(NOW.astimezone(MSK).date())
    sku_bar = barcode_of_sku(world)
    pid_sku = dict(zip(world.ozon.listing.product_id.tolist(), world.ozon.listing.sku.tolist(), strict=True))
    items = ok(c_server.post("/v5/product/info/prices", json={"filter": {}, "limit": 1000}))["items"]
    assert len(items) == len(truth)
    for item in items:
        old, price = truth[sku_bar[pid_sku[item["product_id"]]]]
        assert (D(str(item["price"]["old_price"])), D(str(item["price"]["price"]))) == (old, price)


def test_unknown_accrual_type_is_other(world: World):
    from dataclasses import replace

    odd = World.generate(replace(world.spec, ozon_unknown_accrual=True))
    now = datetime(2026, 3, 16, 12, tzinfo=UTC)
    with SandboxServer(odd, limits="off", now=now) as srv, ozon_client(srv) as c:
        served = pull_accruals(c, odd.start, now.date())
        known = {t["id"] for t in ok(c.post("/v1/finance/accrual/types", json={}))["accrual_types"]}
    unknown = [a for a in served if a["non_item_fee"] and a["non_item_fee"]["type_id"] not in known]
    assert unknown and {a["non_item_fee"]["type_id"] for a in unknown} == {1999}
    truth = odd.ground_truth(now).ozon.finance
    other = sum(v for (d, b, f), v in truth.items() if f == "other")
    assert other <= sum(D(a["non_item_fee"]["accrued"]["amount"]) for a in unknown) < 0
