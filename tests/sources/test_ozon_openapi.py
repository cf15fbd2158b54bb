"""The Ozon connector's requests and declared limits, held against the official Seller API document."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ozon_fake import operation, ozon_connect_fixture, ozon_fixture  # noqa: F401  (fixtures)
from ozon_openapi import check_request, documented_limits, require_document

from svodka.sources.ozon import STREAMS

require_document()

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_the_legacy_transactions_requests_fit_the_document(ozon, ozon_connect, server):
    """The sandbox no longer serves /v3/finance/transaction/list; its requests are checked here."""
    ozon.operations = [operation(i, "2026-11-20 10:00:00") for i in (1, 2, 3)]
    conn = ozon_connect(history_days=40, transactions_page_limit=2, use_transactions=True)
    list(conn.stream("ozon_transactions").read(None, NOW))
    assert len(server.requests) == 3 and any(r.json["page"] == 2 for r in server.requests)
    problems = [p for r in server.requests for p in check_request(r.method, r.path, r.headers, r.json)]
    assert problems == []


def test_the_checker_itself_catches_mistakes():
    headers = {"client-id": "1", "api-key": "k"}
    fbo = "/ozon/api-seller/v3/posting/fbo/list"
    good = {"filter": {"since": "2026-11-01T00:00:00.000Z", "to": "2026-11-02T00:00:00.000Z"}, "limit": 100}
    assert check_request("POST", fbo, headers, good) == []
    assert check_request("POST", fbo, headers, {**good, "limit": 101})
    assert check_request("POST", fbo, headers, {**good, "filter": {"sinse": "2026-11-01T00:00:00Z"}})
    assert check_request("POST", fbo, {"client-id": "1"}, good)
    assert check_request("POST", "/ozon/api-seller/v2/posting/fbo/list", headers, good)
    assert check_request(
        "POST", "/ozon/api-seller/v1/finance/accrual/by-day", headers, {"date": "2026-11-01"}
    )
    assert check_request(
        "POST",
        "/ozon/api-seller/v3/finance/transaction/list",
        headers,
        {"filter": {}, "page": 1, "page_size": 10},
    )
    fbs = "/ozon/api-seller/v4/posting/fbs/list"
    window = {"since": "2026-11-01T00:00:00Z", "to": "2026-11-02T00:00:00Z"}
    assert check_request("POST", fbs, headers, {"filter": window, "limit": 100}) == []
    # The FBS page documents `YYYY-MM-DDThh:mm:ssZ` as a "pattern" hint; the checker makes it a regex.
    assert check_request("POST", fbs, headers, {"filter": {**window, "to": "2026-11-02"}, "limit": 100})


@pytest.mark.parametrize("cls", STREAMS, ids=lambda c: c.name)
def test_no_method_we_call_has_a_documented_limit_of_its_own(cls):
    """Only the global 50 requests/s applies; a per-method limit in the docs must be declared."""
    paths = {cls.path} | ({"/v3/product/list"} if cls.name == "ozon_products" else set())
    for path in paths:
        assert documented_limits(path) == [], f"{path} documents a limit: declare it in ozon/limits.py"
        assert cls.policies, cls.name


def test_the_limit_reader_finds_documented_limits():
    assert documented_limits("/v1/analytics/data") == ["1 раза в минуту"]
    assert documented_limits("/v2/products/stocks") == ["80 запросов в минуту"]
