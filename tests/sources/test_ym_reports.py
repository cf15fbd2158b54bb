"""Yandex Market async finance reports: generate → poll → download → decode."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import Reply
from ym_fake import (  # noqa: F401  (fixtures)
    API_KEY,
    BUSINESS,
    PREFIX,
    YMFake,
    ym_connect_fixture,
    ym_fixture,
    zipped,
)

from svodka.errors import FatalSourceError
from svodka.sources.decoders import decoder_for
from svodka.sources.yandex_market import decode_report
from svodka.sources.yandex_market.reports import months

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_a_report_not_ready_is_polled_then_downloaded(ym: YMFake, ym_connect, server) -> None:
    pages = list(ym_connect(report_months=1).stream("ym_report_united_netting").read(None, NOW))
    assert len(pages) == 1
    page = pages[0]
    assert len(server.seen("GET", "/v2/reports/info/r-1")) == 3  # PENDING, PROCESSING, DONE
    assert page.body == ym.report_file and page.records == 2 and page.state is None
    assert page.meta["period"] == "2026-11" and page.meta["business_id"] == BUSINESS
    assert ym.generated == [
        (
            "/v2/reports/united-netting/generate",
            {"businessId": BUSINESS, "dateFrom": "2026-11-01", "dateTo": "2026-11-22"},
        )
    ]
    assert server.seen("POST", "/united-netting/generate")[0].query == {"format": "CSV"}
    rows = decoder_for("ym_report_united_netting")(page.body, page.meta)
    assert rows[0] == {
        "ORDER_ID": "1",
        "SKU": "of-1",
        "AMOUNT": "100.50",
        "period": "2026-11",
        "business_id": BUSINESS,
        "report": "united-netting",
        "sheet": "Sheet1",
    }
    assert ym.problems == []


def test_goods_realization_is_per_campaign_and_month(ym: YMFake, ym_connect) -> None:
    ym.report_status = ["DONE"]
    pages = list(ym_connect(report_months=2).stream("ym_report_goods_realization").read(None, NOW))
    assert [(p.meta["period"], p.meta["campaign_id"]) for p in pages] == [
        ("2026-10", 1001),
        ("2026-10", 1002),
        ("2026-11", 1001),
        ("2026-11", 1002),
    ]
    assert ym.generated[0] == (
        "/v2/reports/goods-realization/generate",
        {"campaignId": 1001, "year": 2026, "month": 10},
    )
    assert ym.problems == []


def test_marketplace_services_no_data_is_an_empty_page(ym: YMFake, ym_connect) -> None:
    ym.report_status, ym.report_sub = ["DONE"], "NO_DATA"
    pages = list(ym_connect(report_months=1).stream("ym_report_marketplace_services").read(None, NOW))
    assert [(p.records, p.body) for p in pages] == [(0, b"")]
    assert decode_report(b"", pages[0].meta) == []


def test_a_failed_report_is_a_clear_error(ym: YMFake, ym_connect) -> None:
    ym.report_status = ["PENDING", "FAILED"]
    with pytest.raises(FatalSourceError, match="failed to build report united-netting"):
        list(ym_connect(report_months=1).stream("ym_report_united_netting").read(None, NOW))


def test_a_report_never_ready_stops_after_the_poll_cap(ym: YMFake, ym_connect) -> None:
    ym.report_status = ["PROCESSING"]
    with pytest.raises(FatalSourceError, match="not ready after 4 polls"):
        list(
            ym_connect(report_months=1, report_poll_max=4).stream("ym_report_united_netting").read(None, NOW)
        )


def test_a_file_on_another_host_is_fetched_without_the_key(ym: YMFake, ym_connect, server) -> None:
    server.route("GET", "/download/r-1.zip", Reply(200, ym.report_file))
    server.route(
        "GET",
        f"{PREFIX}/v2/reports/info/r-1",
        Reply(200, {"status": "OK", "result": {"status": "DONE", "file": server.url + "/download/r-1.zip"}}),
    )
    pages = list(ym_connect(report_months=1).stream("ym_report_united_netting").read(None, NOW))
    assert pages[0].records == 2
    download = server.seen("GET", "/download/r-1.zip")[0]
    assert "api-key" not in download.headers and API_KEY not in repr(pages[0].request)


def test_decode_report_plain_csv_and_zip_sheets() -> None:
    meta = {"period": "2026-10", "campaign_id": 5}
    rows = decode_report(b"A,B\n1,2\n,\n", meta)
    assert rows == [{"A": "1", "B": "2", "period": "2026-10", "campaign_id": 5, "sheet": ""}]
    body = zipped({"Платежи.csv": "X;Y\n1;2\n", "Услуги.csv": "X;Y\n3;4\n"})
    assert [(r["sheet"], r["X"]) for r in decode_report(body, meta)] == [("Платежи", "1"), ("Услуги", "3")]
    for name in ("ym_report_united_netting", "ym_report_marketplace_services", "ym_report_goods_realization"):
        assert decoder_for(name) is decode_report
    assert decoder_for("ym_orders") is None


def test_months() -> None:
    assert months(datetime(2026, 1, 15).date(), 2) == [
        (datetime(2025, 12, 1).date(), datetime(2025, 12, 31).date()),
        (datetime(2026, 1, 1).date(), datetime(2026, 1, 15).date()),
    ]


def test_an_expired_link_is_polled_again_for_a_fresh_one(ym: YMFake, ym_connect, server) -> None:
    ym.report_status = ["DONE"]
    expired = Reply(403, b"<Error><Code>AccessDenied</Code></Error>", {"Content-Type": "application/xml"})
    server.route("GET", f"{PREFIX}/files/r-1.zip", [expired, Reply(200, ym.report_file)])
    pages = list(ym_connect(report_months=1).stream("ym_report_united_netting").read(None, NOW))
    assert pages[0].records == 2
    assert len(server.seen("GET", "/v2/reports/info/r-1")) == 2
    server.route("GET", f"{PREFIX}/files/r-1.zip", expired)
    with pytest.raises(FatalSourceError, match="could not be downloaded"):
        list(ym_connect(report_months=1).stream("ym_report_united_netting").read(None, NOW))
