"""WBConnector as a whole: every stream through real HTTP, secrets, hosts, options, auth."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pydantic
import pytest
from wb_rows import order_row, realization_row, report_row, sale_row

from svodka.errors import AuthError, ConfigError
from svodka.sources.base import Connector, Page
from svodka.sources.wb import HOST_FAMILIES, WBConnector, WBOptions

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def fill(wb) -> None:
    """One row in every stream."""
    wb.orders = [order_row("o1", "2026-11-24T10:00:00")]
    wb.sales = [sale_row("o1", "S1", "2026-11-24T11:00:00")]
    wb.realization = [realization_row(1, "2026-11-17")]
    wb.reports = [report_row(1, "2026-11-16", "2026-11-22")]
    wb.remains = [{"barcode": "1", "nmId": 1, "warehouses": [{"warehouseName": "Коледино", "quantity": 1}]}]
    wb.stocks_wb = [
        {
            "nmId": 1,
            "chrtId": 2,
            "warehouseId": -999999,
            "warehouseName": "Склад WB",
            "regionName": "Склад WB",
            "quantity": 1,
            "inWayToClient": 0,
            "inWayFromClient": 0,
        }
    ]
    wb.cards = [
        {
            "nmID": 1,
            "imtID": 2,
            "vendorCode": "v",
            "updatedAt": "2026-11-01T00:00:00Z",
            "sizes": [{"chrtID": 2, "skus": ["1"]}],
        }
    ]
    wb.prices = [{"nmID": 1, "vendorCode": "v", "sizes": [{"sizeID": 2, "price": 1, "discountedPrice": 1}]}]
    wb.ad_groups = [
        {
            "type": 9,
            "status": 9,
            "count": 1,
            "advert_list": [{"advertId": 7, "changeTime": "2026-11-01T10:00:00+03:00"}],
        }
    ]
    wb.adverts = [
        {
            "id": 7,
            "status": 9,
            "bid_type": "manual",
            "settings": {
                "name": "Осень",
                "payment_type": "cpm",
                "placements": {"search": True, "recommendations": False},
            },
            "timestamps": {"created": "2026-11-01T10:00:00+03:00", "updated": "2026-11-01T10:00:00+03:00"},
        }
    ]
    wb.ad_days = {
        7: [
            {
                "date": "2026-11-24T00:00:00+03:00",
                "views": 10,
                "clicks": 1,
                "orders": 0,
                "sum": 5.5,
                "sum_price": 0,
            }
        ]
    }
    wb.upd = [
        {
            "updNum": 1,
            "updTime": "2026-11-24T12:00:00+03:00",
            "updSum": 5,
            "advertId": 7,
            "paymentType": "Баланс",
        }
    ]


def test_every_stream_reads_and_no_page_carries_the_token(wb, connect, server, token):
    fill(wb)
    conn: Connector = connect(history_days=14)  # fits the protocol (checked by type checkers)
    assert conn.source == "wb" and conn.connection == "main"
    names = [s.name for s in conn.streams()]
    assert names == [
        "wb_cards",
        "wb_prices",
        "wb_stocks",
        "wb_stocks_wb",
        "wb_orders",
        "wb_sales",
        "wb_realization_reports",
        "wb_realization",
        "wb_ads_campaigns",
        "wb_ads_stats",
        "wb_ads_spend",
    ]
    pages: list[Page] = [p for s in conn.streams() for p in s.read(None, NOW)]
    assert {p.stream for p in pages} == set(names)
    assert sum(p.records for p in pages) == 11
    for p in pages:
        assert token not in orjson.dumps(dict(p.request)).decode()
        assert set(p.request) == {"method", "url", "params", "json"}
        assert p.fetched_at.tzinfo is not None
    assert all(r.headers["authorization"] == token for r in server.requests)
    assert token not in repr(conn) and token not in repr(conn.http) and token not in repr(conn.streams())


def test_an_expired_token_names_the_connection_and_the_category(server, connect, reply, token):
    server.route(
        "GET",
        "/statistics-api/api/v1/supplier/sales",
        reply(401, {"title": "unauthorized", "detail": "token problem; token is expired", "status": 401}),
    )
    with pytest.raises(AuthError) as e:
        list(connect().stream("wb_sales").read(None, NOW))
    text = str(e.value)
    assert "wb:main" in text and "Statistics category" in text and "svodka connect wb --name main" in text
    assert "token is expired" in text and token not in text


def test_hosts_default_to_wildberries_and_accept_prefixes():
    c = WBConnector("main", "t0ken", hosts={"statistics-api": "http://127.0.0.1:9/wb/statistics-api/"})
    assert (
        c.http.url("statistics-api", "/api/v1/supplier/orders")
        == "http://127.0.0.1:9/wb/statistics-api/api/v1/supplier/orders"
    )
    assert (
        c.http.url("finance-api", "/api/finance/v1/sales-reports/list")
        == "https://finance-api.wildberries.ru/api/finance/v1/sales-reports/list"
    )
    assert set(c.http.hosts) == set(HOST_FAMILIES)
    c.close()


def test_configuration_mistakes_fail_early():
    with pytest.raises(ConfigError, match="unknown Wildberries host families"):
        WBConnector("main", "t0ken", hosts={"statistic-api": "http://127.0.0.1:9"})
    with pytest.raises(AuthError, match=r"no API token.*wb:main"):
        WBConnector("main", "  ")
    with pytest.raises(pydantic.ValidationError):
        WBOptions(cards_page_limit=101)
    with pytest.raises(pydantic.ValidationError):
        WBOptions(history_dayz=10)
    with WBConnector("main", "t0ken") as c, pytest.raises(ConfigError, match="no stream 'wb_stock'"):
        c.stream("wb_stock")


def test_streams_share_one_set_of_documented_limits():
    with WBConnector("main", "t0ken", options=WBOptions(rate_limit_scale=0.5)) as c:
        limiter = c.http.limiter
        assert limiter.scale == 0.5
        (orders,) = limiter.matching("GET", "/api/v1/supplier/orders")
        assert (orders.interval, orders.burst) == (60.0, 10)
        (status,) = limiter.matching("GET", "/api/v1/warehouse_remains/tasks/abc/status")
        assert (status.interval, status.burst) == (5.0, 5)
