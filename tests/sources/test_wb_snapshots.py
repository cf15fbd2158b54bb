"""Stock, cards and prices over real HTTP: report task flow, offset and cursor paging."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime

import orjson
import pytest

from svodka.errors import FatalSourceError, PaginationError, RecordError, RetriableError

NOW = datetime(2026, 11, 22, 21, 30, tzinfo=UTC)  # already 23 November in Moscow
TASK = "/seller-analytics-api/api/v1/warehouse_remains/tasks/06e06887-9d9f-491f-b16a-bb1766fcb8d2"


def remains_row(barcode: str) -> dict:
    return {
        "brand": "Wonderful",
        "subjectName": "Фотоальбомы",
        "vendorCode": "41058",
        "nmId": 183804172,
        "barcode": barcode,
        "techSize": "0",
        "volume": 1.33,
        "warehouses": [
            {"warehouseName": "Невинномысск", "quantity": 134},
            {"warehouseName": "Коледино", "quantity": 133},
        ],
    }


def card(nm: int, updated: str) -> dict:
    return {
        "nmID": nm,
        "imtID": nm * 10,
        "vendorCode": f"v{nm}",
        "updatedAt": updated,
        "title": "Тест",
        "sizes": [{"chrtID": nm * 100, "techSize": "0", "skus": [f"46{nm:011d}"]}],
    }


def goods(nm: int) -> dict:
    return {
        "nmID": nm,
        "vendorCode": f"v{nm}",
        "currencyIsoCode4217": "RUB",
        "discount": 30,
        "clubDiscount": 5,
        "sizes": [
            {
                "sizeID": nm * 100,
                "price": 500,
                "discountedPrice": 350,
                "clubDiscountedPrice": 332.5,
                "techSizeName": "42",
            }
        ],
    }


def test_warehouse_remains_task_flow(wb, connect, server):
    wb.remains = [remains_row("2037031652319"), remains_row("2037031652320")]
    (page,) = connect().stream("wb_stocks").read(None, NOW)
    paths = [r.path for r in server.requests]
    assert paths == ["/seller-analytics-api/api/v1/warehouse_remains"] + [f"{TASK}/status"] * 3 + [
        f"{TASK}/download"
    ]
    assert server.requests[0].query == {
        "locale": "ru",
        "groupByBrand": "true",
        "groupBySubject": "true",
        "groupBySa": "true",
        "groupByNm": "true",
        "groupByBarcode": "true",
        "groupBySize": "true",
    }
    assert page.meta == {"snapshot_date": "2026-11-23"} and page.state is None
    assert page.records == 2 and page.record_path == () and page.request["url"].endswith("/download")


@pytest.mark.parametrize("status", ["canceled", "purged"])
def test_a_failed_report_task_is_retriable_later(wb, connect, status):
    wb.task_statuses = deque(["processing", status])
    with pytest.raises(RetriableError, match=f"ended as '{status}'"):
        list(connect().stream("wb_stocks").read(None, NOW))


def test_a_report_task_that_never_finishes_times_out(wb, connect):
    wb.task_statuses = deque(["processing"])
    with pytest.raises(RetriableError, match="not done after"):
        list(connect(report_poll_interval=0.01, report_poll_timeout=0.05).stream("wb_stocks").read(None, NOW))


def test_stock_rows_are_checked_down_to_the_warehouses(wb, connect):
    bad = remains_row("2037031652320")
    bad["warehouses"][1] = {"warehouse": "Коледино", "quantity": 133}
    wb.remains = [remains_row("2037031652319"), bad]
    with pytest.raises(RecordError) as e:
        list(connect().stream("wb_stocks").read(None, NOW))
    assert e.value.field == "warehouses[1].warehouseName" and "barcode=2037031652320" in e.value.record


def test_wb_warehouse_stocks_by_offset_until_empty(wb, connect, server):
    wb.stocks_wb = [
        {
            "nmId": i,
            "chrtId": i * 10,
            "warehouseId": -999999,
            "warehouseName": "Склад WB",
            "regionName": "Склад WB",
            "quantity": 5,
            "inWayToClient": 1,
            "inWayFromClient": 0,
        }
        for i in range(5)
    ]
    pages = list(connect(stocks_wb_page_limit=2).stream("wb_stocks_wb").read(None, NOW))
    assert [r.json for r in server.requests] == [{"limit": 2, "offset": o} for o in (0, 2, 4, 6)]
    assert [p.records for p in pages] == [2, 2, 1]
    assert all(
        p.record_path == ("data", "items") and p.meta == {"snapshot_date": "2026-11-23"} for p in pages
    )


def test_an_empty_stock_list_is_still_a_snapshot(connect):
    (page,) = connect().stream("wb_stocks_wb").read(None, NOW)
    assert page.records == 0 and page.meta == {"snapshot_date": "2026-11-23"}


def test_cards_cursor_until_total_is_below_limit_then_incremental(wb, connect, server):
    wb.cards = [card(n, f"2026-11-0{n}T10:00:00Z") for n in range(1, 6)]
    stream = connect(cards_page_limit=2).stream("wb_cards")
    pages = list(stream.read(None, NOW))
    cursors = [r.json["settings"]["cursor"] for r in server.requests]
    assert cursors == [
        {"limit": 2},
        {"limit": 2, "updatedAt": "2026-11-02T10:00:00Z", "nmID": 2},
        {"limit": 2, "updatedAt": "2026-11-04T10:00:00Z", "nmID": 4},
    ]
    assert server.requests[0].json["settings"]["sort"] == {"ascending": True}
    assert [p.records for p in pages] == [2, 2, 1] and pages[0].record_path == ("cards",)
    assert pages[-1].state == {"updatedAt": "2026-11-05T10:00:00Z", "nmID": 5}
    # Next sync: only cards changed after the saved cursor.
    wb.cards.append(card(2, "2026-11-09T08:00:00Z"))
    server.requests.clear()
    (page,) = stream.read(pages[-1].state, NOW)
    assert server.requests[0].json["settings"]["cursor"] == {
        "limit": 2,
        "updatedAt": "2026-11-05T10:00:00Z",
        "nmID": 5,
    }
    assert [c["nmID"] for c in orjson.loads(page.body)["cards"]] == [2]


def test_nothing_changed_since_the_cursor_yields_nothing(wb, connect):
    assert (
        list(connect().stream("wb_cards").read({"updatedAt": "2026-11-05T10:00:00Z", "nmID": 5}, NOW)) == []
    )


def test_a_repeating_cards_cursor_is_an_error(server, connect, reply):
    page = {"cards": [card(1, "t"), card(2, "t")], "cursor": {"updatedAt": "t", "nmID": 2, "total": 2}}
    server.route("POST", "/content-api/content/v2/get/cards/list", reply(body=page))
    with pytest.raises(PaginationError, match="repeated"):
        list(connect(cards_page_limit=2).stream("wb_cards").read(None, NOW))


def test_prices_by_offset_until_an_empty_list(wb, connect, server):
    wb.prices = [goods(n) for n in range(1, 4)]
    pages = list(connect(prices_page_limit=2).stream("wb_prices").read(None, NOW))
    assert [r.query for r in server.requests] == [{"limit": "2", "offset": o} for o in ("0", "2", "4")]
    assert [p.records for p in pages] == [2, 1]
    assert pages[0].record_path == ("data", "listGoods") and pages[0].meta == {"snapshot_date": "2026-11-23"}


def test_prices_answer_200_with_an_error_flag(server, connect, reply):
    server.route(
        "GET",
        "/discounts-prices-api/api/v2/list/goods/filter",
        reply(body={"data": None, "error": True, "errorText": "Unexpected error"}),
    )
    with pytest.raises(FatalSourceError, match="Unexpected error"):
        list(connect().stream("wb_prices").read(None, NOW))


def test_a_missing_record_array_is_a_contract_break(server, connect, reply):
    server.route(
        "GET",
        "/discounts-prices-api/api/v2/list/goods/filter",
        reply(body={"data": {"goods": []}, "error": False, "errorText": ""}),
    )
    with pytest.raises(RecordError, match=r"no 'data.listGoods'.*stream wb_prices"):
        list(connect().stream("wb_prices").read(None, NOW))
