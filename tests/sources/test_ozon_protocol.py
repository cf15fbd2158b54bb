"""Ozon protocol edges the sandbox never produces, over a scripted server; configuration; helpers.

The sandbox serves a well-behaved Ozon (tests/sources/test_ozon_sandbox.py); here a scripted
api-seller answers what it never would: a repeating cursor, ``has_next`` without a cursor,
``PERIOD_IS_TOO_LONG``, key errors under other HTTP statuses, a retyped nested field, archived
products, and the legacy transactions method it no longer serves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import orjson
import pydantic
import pytest
from ozon_fake import (  # noqa: F401  (fixtures)
    API_KEY,
    operation,
    ozon_connect_fixture,
    ozon_fixture,
    posting,
    product,
)

from svodka.errors import AuthError, ConfigError, FatalSourceError, PaginationError, RecordError
from svodka.sources.base import Connector
from svodka.sources.ozon import HOST_FAMILIES, OzonConnector, OzonOptions
from svodka.sources.ozon.common import day_windows, month_windows

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


# --- configuration ---------------------------------------------------------------------------


def test_the_connector_fits_the_protocol_and_hides_the_key():
    with OzonConnector("main", "1", API_KEY) as conn:
        c: Connector = conn  # fits the protocol (checked by type checkers)
        assert c.source == "ozon" and c.connection == "main"
        assert API_KEY not in repr(conn) + repr(conn.http) + repr(conn.streams())


def test_hosts_default_to_ozon_and_accept_prefixes():
    c = OzonConnector("main", "1", "k3y-k3y", hosts={"api-seller": "http://127.0.0.1:9/ozon/api-seller/"})
    assert (
        c.http.url("api-seller", "/v3/product/list") == "http://127.0.0.1:9/ozon/api-seller/v3/product/list"
    )
    c.close()
    with OzonConnector("main", "1", "k3y-k3y") as c:
        assert c.http.url("api-seller", "/v3/product/list") == "https://api-seller.ozon.ru/v3/product/list"
        assert set(c.http.hosts) == set(HOST_FAMILIES) == {"api-seller"}


def test_configuration_mistakes_fail_early():
    with pytest.raises(ConfigError, match="unknown Ozon host families"):
        OzonConnector("main", "1", "k3y-k3y", hosts={"seller-api": "http://127.0.0.1:9"})
    with pytest.raises(AuthError, match=r"no Api-Key.*ozon:main") as e:
        OzonConnector("main", "1", "  ")
    assert "svodka connect ozon --name main --client-id" in str(e.value)
    with pytest.raises(AuthError, match="no Client-Id"):
        OzonConnector("main", "", "k3y-k3y")
    with pytest.raises(pydantic.ValidationError):
        OzonOptions(postings_page_limit=101)
    with pytest.raises(pydantic.ValidationError):
        OzonOptions(stocks_fbo_batch=101)
    with pytest.raises(pydantic.ValidationError):
        OzonOptions(window_days=366)
    with pytest.raises(pydantic.ValidationError):
        OzonOptions(history_dayz=10)
    with (
        OzonConnector("main", "1", "k3y-k3y") as c,
        pytest.raises(ConfigError, match="no stream 'ozon_stock'"),
    ):
        c.stream("ozon_stock")


def test_streams_in_sync_order_and_transactions_only_when_asked_for():
    with OzonConnector("main", "1", "k3y-k3y") as c:
        assert [s.name for s in c.streams()] == [
            "ozon_products",
            "ozon_prices",
            "ozon_stocks",
            "ozon_stocks_fbs",
            "ozon_stocks_fbo",
            "ozon_postings_fbo",
            "ozon_postings_fbs",
            "ozon_returns",
            "ozon_accrual_types",
            "ozon_accruals",
            "ozon_realization",
        ]
    with OzonConnector("main", "1", "k3y-k3y", options=OzonOptions(use_transactions=True)) as c:
        assert [s.name for s in c.streams()][-1] == "ozon_transactions"


def test_one_documented_limit_shared_by_every_method():
    with OzonConnector("main", "1", "k3y-k3y", options=OzonOptions(rate_limit_scale=0.5)) as c:
        limiter = c.http.limiter
        assert limiter.scale == 0.5
        for path in ("/v3/product/list", "/v2/product/info/stocks-by-warehouse/fbs", "/v1/analytics/stocks"):
            (policy,) = limiter.matching("POST", path)
            assert (policy.interval, policy.burst) == (1 / 50, 1)


def test_malformed_stored_states_are_configuration_errors():
    with OzonConnector("main", "1", "k3y-k3y") as c:
        with pytest.raises(ConfigError, match="not a date-time"):
            list(c.stream("ozon_postings_fbo").read({"cursor": "yesterday"}, NOW))
        with pytest.raises(ConfigError, match="no valid 'date'"):
            list(c.stream("ozon_accruals").read({"date": "22.11.2026"}, NOW))
        with pytest.raises(ConfigError, match="malformed"):
            list(c.stream("ozon_realization").read({"year": "2026", "month": 9}, NOW))


# --- errors Ozon can send that the sandbox does not -------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, {"code": 16, "message": "Api-key is deactivated, use another one", "details": []}),
        (400, {"code": 7, "message": "Api-Key is missing a required role for a method", "details": []}),
        (403, {"code": 7, "message": "Api-Key is restricted to specific IP addresses", "details": []}),
        (403, b"403 Offer not signed"),
    ],
)
def test_a_refused_key_under_any_status_names_the_connection_and_the_fix(
    ozon, ozon_connect, reply, status, body
):
    ozon.route("/v1/finance/accrual/types", reply(status, body))
    with pytest.raises(AuthError) as e:
        list(ozon_connect().stream("ozon_accrual_types").read(None, NOW))
    text = str(e.value)
    message = body["message"] if isinstance(body, dict) else body.decode()
    assert "ozon:main" in text and message in text and "/v1/finance/accrual/types" in text
    assert "svodka connect ozon --name main --client-id … --api-key …" in text and API_KEY not in text
    assert len(ozon.seen("/v1/finance/accrual/types")) == 1  # never retried


def test_a_rate_limit_code_under_another_status_is_retried(ozon, ozon_connect, reply):
    ozon.route(
        "/v1/finance/accrual/types",
        [
            reply(400, {"code": 8, "message": "You have reached request rate limit per second"}),
            reply(200, {"accrual_types": [{"id": 1, "name": "Продажа"}]}),
        ],
    )
    (page,) = ozon_connect().stream("ozon_accrual_types").read(None, NOW)
    assert page.records == 1 and len(ozon.seen("/v1/finance/accrual/types")) == 2


def test_period_is_too_long_is_a_clear_error(ozon, ozon_connect, reply):
    ozon.route(
        "/v3/posting/fbo/list", reply(400, {"code": 3, "message": "PERIOD_IS_TOO_LONG", "details": []})
    )
    with pytest.raises(FatalSourceError, match="PERIOD_IS_TOO_LONG") as e:
        list(ozon_connect().stream("ozon_postings_fbo").read(None, NOW))
    assert "window_days" in str(e.value) and len(ozon.seen("/v3/posting/fbo/list")) == 1


def test_a_retired_method_without_an_rpc_body_still_says_so(ozon, ozon_connect, reply):
    ozon.route("/v3/finance/transaction/list", reply(410, b"Gone"))
    with pytest.raises(FatalSourceError, match="retired") as e:
        list(ozon_connect(use_transactions=True).stream("ozon_transactions").read(None, NOW))
    assert "Gone" in str(e.value) and "newer method" in str(e.value)


def test_other_client_errors_are_fatal_with_ozons_message(ozon, ozon_connect, reply):
    ozon.route("/v5/product/info/prices", reply(400, {"code": 3, "message": "limit: must be <= 1000"}))
    with pytest.raises(FatalSourceError, match="limit: must be <= 1000"):
        list(ozon_connect().stream("ozon_prices").read(None, NOW))


def test_a_404_without_an_rpc_body_is_not_mistaken_for_a_report_not_ready(ozon, ozon_connect, reply):
    ozon.route("/v2/finance/realization", reply(404, b"<html>no such path</html>"))
    with pytest.raises(FatalSourceError, match="no such path"):
        list(ozon_connect(history_days=60).stream("ozon_realization").read(None, NOW))


def test_a_realization_answer_without_a_header_is_not_ready_yet(ozon, ozon_connect, reply):
    ozon.route("/v2/finance/realization", reply(200, {"result": {"header": None, "rows": []}}))
    assert list(ozon_connect(history_days=60).stream("ozon_realization").read(None, NOW)) == []


# --- paging guards ---------------------------------------------------------------------------


def test_a_repeated_cursor_stops_the_loop(ozon, ozon_connect, reply):
    ozon.route(
        "/v3/posting/fbo/list",
        reply(
            body={"postings": [posting("1-1-1", "2026-11-20T10:00:00Z")], "cursor": "c1", "has_next": True}
        ),
    )
    with pytest.raises(PaginationError, match="cursor repeated"):
        list(ozon_connect(history_days=5).stream("ozon_postings_fbo").read(None, NOW))


def test_has_next_without_a_cursor_is_a_pagination_error(ozon, ozon_connect, reply):
    ozon.route(
        "/v3/posting/fbo/list",
        reply(body={"postings": [posting("1-1-1", "2026-11-20T10:00:00Z")], "cursor": "", "has_next": True}),
    )
    with pytest.raises(PaginationError, match="without 'cursor'"):
        list(ozon_connect(history_days=5).stream("ozon_postings_fbo").read(None, NOW))


def test_a_page_cap_stops_an_api_that_never_ends(ozon, ozon_connect):
    ozon.products = [product(i) for i in range(1, 6)]
    with pytest.raises(PaginationError, match="more than 2 pages"):
        list(ozon_connect(products_page_limit=1, max_pages=2).stream("ozon_products").read(None, NOW))


# --- records ---------------------------------------------------------------------------------


def test_a_missing_nested_field_names_stream_record_and_path(ozon, ozon_connect):
    ozon.postings_fbo = [
        posting("100-0001-1", "2026-11-20T10:00:00Z"),
        posting("100-0002-1", "2026-11-20T11:00:00Z"),
    ]
    del ozon.postings_fbo[1]["financial_data"]["products"][0]["payout"]
    with pytest.raises(RecordError) as e:
        list(ozon_connect().stream("ozon_postings_fbo").read(None, NOW))
    err = e.value
    assert err.stream == "ozon_postings_fbo" and err.field == "financial_data.products[0].payout"
    assert err.record == "posting_number=100-0002-1 (#1)" and "[ozon:main]" in str(err)


def test_a_retyped_money_field_is_named(ozon, ozon_connect):
    ozon.prices = [
        {
            "product_id": 1,
            "offer_id": "of-1",
            "price": {"price": "990.00", "old_price": 0, "currency_code": "RUB"},
        }
    ]
    with pytest.raises(RecordError) as e:
        list(ozon_connect().stream("ozon_prices").read(None, NOW))
    assert e.value.field == "price.price" and "expected number" in str(e.value)


# --- catalogue passes and the legacy transactions stream --------------------------------------


def test_archived_products_come_in_a_second_pass_without_duplicates(ozon, ozon_connect):
    ozon.products = [product(1), product(2), product(3, archived=True)]
    pages = list(ozon_connect(products_page_limit=2).stream("ozon_products").read(None, NOW))
    assert [[i["id"] for i in orjson.loads(p.body)["items"]] for p in pages] == [[1, 2], [3]]
    lists = [(r.json["filter"]["visibility"], r.json["last_id"]) for r in ozon.seen("/v3/product/list")]
    assert lists == [("ALL", ""), ("ALL", "2"), ("ARCHIVED", ""), ("ARCHIVED", "3")]
    assert [r.json for r in ozon.seen("/v3/product/info/list")] == [
        {"product_id": ["1", "2"]},
        {"product_id": ["3"]},
    ]


def test_transactions_in_calendar_months_paged(ozon, ozon_connect):
    ozon.operations = [operation(i, f"2026-10-{20 + i} 10:00:00") for i in range(1, 4)] + [
        operation(9, "2026-11-20 10:00:00")
    ]
    conn = ozon_connect(history_days=40, transactions_page_limit=2, use_transactions=True)
    pages = list(conn.stream("ozon_transactions").read(None, NOW))
    ids = [o["operation_id"] for p in pages for o in orjson.loads(p.body)["result"]["operations"]]
    assert ids == [1, 2, 3, 9]
    sent = [r.json for r in ozon.seen("/v3/finance/transaction/list")]
    assert [(b["filter"]["date"]["from"], b["filter"]["date"]["to"], b["page"]) for b in sent] == [
        ("2026-10-16T09:00:00.000Z", "2026-10-31T23:59:59.999Z", 1),
        ("2026-10-16T09:00:00.000Z", "2026-10-31T23:59:59.999Z", 2),
        ("2026-11-01T00:00:00.000Z", "2026-11-25T09:00:00.000Z", 1),
    ]
    assert [p.state for p in pages] == [
        None,
        {"cursor": "2026-10-31T23:59:59Z"},
        {"cursor": "2026-11-25T09:00:00Z"},
    ]
    later = list(
        conn.stream("ozon_transactions").read({"cursor": "2026-11-25T09:00:00Z"}, NOW + timedelta(days=1))
    )
    assert later[0].meta["since"] == "2026-10-21T09:00:00Z"  # accruals_reread_days (35) before the cursor


# --- pure helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "last"),
    [(date(2026, 11, 5), (2026, 9)), (date(2026, 11, 6), (2026, 10)), (date(2027, 1, 2), (2026, 11))],
)
def test_a_month_is_due_after_the_fifth_of_the_next(today, last):
    with OzonConnector("main", "1", "k3y-k3y", options=OzonOptions(history_days=40)) as c:
        assert c.stream("ozon_realization").months(None, today)[-1] == last


def test_realization_never_asks_before_august_2023():
    with OzonConnector("main", "1", "k3y-k3y", options=OzonOptions(history_days=3650)) as c:
        assert c.stream("ozon_realization").months(None, date(2024, 1, 10))[0] == (2023, 8)


def test_windows_cover_the_span_and_share_boundaries():
    a = datetime(2026, 1, 1, tzinfo=UTC)
    assert day_windows(a, a + timedelta(days=65), 30) == [
        (a, a + timedelta(days=30)),
        (a + timedelta(days=30), a + timedelta(days=60)),
        (a + timedelta(days=60), a + timedelta(days=65)),
    ]
    assert day_windows(a, a, 30) == []
    got = month_windows(datetime(2026, 1, 20, 5, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC))
    assert [(s.isoformat(), t.isoformat()) for s, t in got] == [
        ("2026-01-20T05:00:00+00:00", "2026-01-31T23:59:59.999000+00:00"),
        ("2026-02-01T00:00:00+00:00", "2026-02-28T23:59:59.999000+00:00"),
        ("2026-03-01T00:00:00+00:00", "2026-03-02T00:00:00+00:00"),
    ]
