"""Every Ozon answer fits the official Ozon Seller OpenAPI document (strict: no unknown fields)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from ozon_client import ok, ozon_client, pull_accrual_day, pull_postings
from sandbox_schemas import response_schema, validate, validate_records
from sandbox_world import NOW

from svodka.sandbox import SandboxServer, World

DOC = "ozon/ozon-seller-openapi.json"

# Fields the sandbox sends as null although the schema does not say `nullable`: the docs' own
# examples send null for them (legal_info, cancellation, pickup_code_verified_at, …).
NULLABLE = {
    "/v3/posting/fbo/list": (
        "postings[].analytics_data",
        "postings[].financial_data",
        "postings[].legal_info",
        "postings[].cancellation",
        "postings[].analytics_data.client_delivery_date_begin",
        "postings[].analytics_data.client_delivery_date_end",
    ),
    "/v4/posting/fbs/list": (
        "postings[].addressee",
        "postings[].analytics_data",
        "postings[].barcodes",
        "postings[].customer",
        "postings[].delivering_date",
        "postings[].financial_data",
        "postings[].legal_info",
        "postings[].pickup_code_verified_at",
    ),
    "/v1/returns/list": (
        "returns[].storage.arrived_moment",
        "returns[].logistic.final_moment",
        "returns[].logistic.cancelled_with_compensation_moment",
        "returns[].return_clearing_id",
        "returns[].compensation_status",
    ),
    "/v1/finance/accrual/by-day": ("accruals[].non_item_fee",),
}


def _nullable(schema: dict[str, Any], path: str) -> None:
    node = schema
    for part in path.split("."):
        many = part.endswith("[]")
        node = node["properties"][part.removesuffix("[]")]
        if many:
            node = node["items"]
    node["type"] = [node["type"], "null"] if isinstance(node.get("type"), str) else ["object", "null"]


def _drop_format_patterns(node: Any) -> None:
    """The document writes formats into `pattern` (accrual `date`: " YYYY-MM-DD"): not a regex."""
    if isinstance(node, dict):
        if "YYYY" in str(node.get("pattern", "")):
            del node["pattern"]
        for v in node.values():
            _drop_format_patterns(v)
    elif isinstance(node, list):
        for v in node:
            _drop_format_patterns(v)


def ozon_schema(api_path: str) -> dict[str, Any]:
    sch = response_schema(DOC, api_path, "post")
    _drop_format_patterns(sch)
    for path in NULLABLE.get(api_path, ()):
        _nullable(sch, path)
    return sch


def _items_schema(sch: dict[str, Any], key: str) -> dict[str, Any]:
    node = sch
    for part in key.split("."):
        node = node["properties"][part]
    return node["items"]


@pytest.fixture(scope="module")
def c(server: SandboxServer):
    with ozon_client(server) as client:
        yield client


def test_product_methods_fit_the_docs(c: httpx.Client, world: World):
    ls = world.ozon.listing
    listed = ok(c.post("/v3/product/list", json={"limit": 1000}))
    validate(listed, ozon_schema("/v3/product/list"))
    assert listed["result"]["items"]
    info = ok(c.post("/v3/product/info/list", json={"product_id": [str(p) for p in ls.product_id.tolist()]}))
    sch = ozon_schema("/v3/product/info/list")
    validate(info, sch)
    # Every documented top-level field of a product is sent.
    assert set(info["items"][0]) == set(_items_schema(sch, "items")["properties"])
    for path in ("/v5/product/info/prices", "/v4/product/info/stocks"):
        body = ok(c.post(path, json={"filter": {"visibility": "ALL"}, "limit": 1000}))
        validate(body, ozon_schema(path))
        assert set(body["items"][0]) == set(_items_schema(ozon_schema(path), "items")["properties"])
    fbs = ok(c.post("/v2/product/info/stocks-by-warehouse/fbs", json={"limit": 1000}))
    validate(fbs, ozon_schema("/v2/product/info/stocks-by-warehouse/fbs"))
    stocks = ok(c.post("/v1/analytics/stocks", json={"skus": [str(s) for s in ls.sku[:100].tolist()]}))
    sch = ozon_schema("/v1/analytics/stocks")
    validate(stocks, sch)
    assert stocks["items"] and set(stocks["items"][0]) == set(_items_schema(sch, "items")["properties"])


@pytest.mark.parametrize("scheme", ["fbo", "fbs"])
def test_postings_fit_the_docs(c: httpx.Client, scheme: str):
    path = "/v3/posting/fbo/list" if scheme == "fbo" else "/v4/posting/fbs/list"
    sch = ozon_schema(path)
    rows, _ = pull_postings(c, scheme, "2026-01-01T00:00:00Z", "2026-03-17T00:00:00Z")
    assert len({r["status"] for r in rows}) >= 4  # live and final statuses in one pull
    validate_records(rows, _items_schema(sch, "postings"), every=13)
    bare = ok(
        c.post(
            path, json={"filter": {"since": "2026-03-01T00:00:00Z", "to": "2026-03-16T00:00:00Z"}, "limit": 5}
        )
    )
    validate(bare, sch)
    assert all(p["financial_data"] is None for p in bare["postings"])


def test_returns_and_finance_fit_the_docs(c: httpx.Client, world: World):
    ret = ok(c.post("/v1/returns/list", json={"filter": {}, "limit": 500}))
    validate(ret, ozon_schema("/v1/returns/list"))
    assert {r["type"] for r in ret["returns"]} >= {"ClientReturn", "FullReturn", "Cancellation"}
    validate(ok(c.post("/v1/finance/accrual/types", json={})), ozon_schema("/v1/finance/accrual/types"))
    sch = ozon_schema("/v1/finance/accrual/by-day")
    accruals = [a for d in range(3, 10) for a in pull_accrual_day(c, (NOW - timedelta(days=d)).date())[0]]
    assert {a["accrued_category"] for a in accruals} >= {"POSTING", "ITEM"}
    validate_records(accruals, _items_schema(sch, "accruals"), every=7)
    numbers = world.ozon.posting_numbers(list(range(0, 200, 7)))
    per_posting = ok(c.post("/v1/finance/accrual/postings", json={"posting_numbers": numbers}))
    validate(per_posting, ozon_schema("/v1/finance/accrual/postings"))
    report = ok(c.post("/v2/finance/realization", json={"year": 2026, "month": 2}))
    validate(report, ozon_schema("/v2/finance/realization"))
    assert report["result"]["rows"]
