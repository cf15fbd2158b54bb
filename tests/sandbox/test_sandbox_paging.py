"""Paging protocols: lastChangeDate cursor with a row cap, rrdId until 204, cards cursor, offsets."""

from __future__ import annotations

import httpx
from sandbox_client import pull_cards, pull_finance, pull_prices, pull_statistics
from sandbox_world import client_for

from svodka.sandbox import SandboxServer, World


def test_statistics_cap_forces_pages_and_loses_nothing(server: SandboxServer, make_server):
    capped = make_server(stats_row_cap=500)
    with client_for(server) as c:
        full, pages = pull_statistics(c, server.wb_hosts["statistics-api"], "orders")
    assert pages == 2  # one full page, then the border row(s) again: nothing new → stop
    with client_for(capped) as c:
        host = capped.wb_hosts["statistics-api"]
        first = c.get(f"{host}/api/v1/supplier/orders", params={"dateFrom": "2020-01-01"}).json()
        assert len(first) == 500
        stamps = [r["lastChangeDate"] for r in first]
        assert stamps == sorted(stamps)
        paged, pages = pull_statistics(c, host, "orders")
    assert pages >= len(full) // 500
    key = {r["srid"]: r for r in full}
    assert {r["srid"]: r for r in paged} == key


def test_flag_one_returns_the_day_by_order_date(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["statistics-api"]
    day = client.get(
        f"{host}/api/v1/supplier/orders", params={"dateFrom": "2026-03-10T17:45:00", "flag": 1}
    ).json()
    assert day and all(r["date"].startswith("2026-03-10") for r in day)
    everything = client.get(f"{host}/api/v1/supplier/orders", params={"dateFrom": "2020-01-01"}).json()
    assert sorted(r["srid"] for r in day) == sorted(
        r["srid"] for r in everything if r["date"].startswith("2026-03-10")
    )
    assert client.get(f"{host}/api/v1/supplier/orders", params={"dateFrom": "2030-01-01"}).json() == []


def test_finance_rrdid_paging_ends_with_204(server: SandboxServer, make_server):
    host = server.wb_hosts["finance-api"]
    with client_for(server) as c:
        full, pages = pull_finance(c, host, "2026-01-01", "2026-03-16")
        assert pages == 2
        last = full[-1]["rrdId"]
        after = c.post(
            f"{host}/api/finance/v1/sales-reports/detailed",
            json={"dateFrom": "2026-01-01", "dateTo": "2026-03-16", "rrdId": last},
        )
        assert after.status_code == 204 and after.content == b""
        daily = c.post(
            f"{host}/api/finance/v1/sales-reports/detailed",
            json={"dateFrom": "2026-01-01", "dateTo": "2026-03-16", "period": "daily"},
        )
        assert daily.status_code == 204
    capped = make_server(finance_row_cap=3000)
    with client_for(capped) as c:
        paged, pages = pull_finance(c, capped.wb_hosts["finance-api"], "2026-01-01", "2026-03-16", limit=2500)
    assert pages == -(-len(full) // 2500) + 1
    assert [r["rrdId"] for r in paged] == [r["rrdId"] for r in full]


def test_finance_by_report_id_and_week_selection(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["finance-api"]
    heads = client.post(
        f"{host}/api/finance/v1/sales-reports/list", json={"dateFrom": "2026-03-01", "dateTo": "2026-03-15"}
    ).json()
    assert [(h["dateFrom"], h["dateTo"]) for h in heads] == [
        ("2026-02-23", "2026-03-01"),
        ("2026-03-02", "2026-03-08"),
        ("2026-03-09", "2026-03-15"),
    ]
    rid = heads[-1]["reportId"]
    lines = client.post(f"{host}/api/finance/v1/sales-reports/detailed/{rid}", json={}).json()
    assert lines and {r["reportId"] for r in lines} == {rid}
    assert all("2026-03-09" <= r["rrDate"] <= "2026-03-15" for r in lines)
    page = client.post(
        f"{host}/api/finance/v1/sales-reports/list",
        json={"dateFrom": "2026-03-01", "dateTo": "2026-03-15", "limit": 2, "offset": 2},
    ).json()
    assert [h["reportId"] for h in page] == [rid]
    none = client.post(
        f"{host}/api/finance/v1/sales-reports/list",
        json={"dateFrom": "2026-03-01", "dateTo": "2026-03-15", "offset": 10},
    )
    assert none.status_code == 204


def test_cards_cursor_pages_through_everything(client: httpx.Client, server: SandboxServer, world: World):
    host = server.wb_hosts["content-api"]
    cards, pages = pull_cards(client, host, limit=7)
    visible = int(world.card_visible(int(server.now().timestamp()) + 3 * 3600).sum())
    assert len(cards) == len({c["nmID"] for c in cards}) == visible
    assert pages == visible // 7 + 1
    stamps = [(c["updatedAt"], c["nmID"]) for c in cards]
    assert stamps == sorted(stamps)
    desc, _ = pull_cards(client, host, limit=9, ascending=False)
    assert [c["nmID"] for c in desc] == [c["nmID"] for c in reversed(cards)]
    default = client.post(
        f"{host}/content/v2/get/cards/list", json={"settings": {"cursor": {"limit": 100}}}
    ).json()
    # withPhoto defaults to 0 (docs): only cards without photos.
    assert all(not c["photos"] for c in default["cards"])


def test_prices_offset_paging_until_empty(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["discounts-prices-api"]
    small = pull_prices(client, host, limit=10)
    big = pull_prices(client, host, limit=1000)
    assert [g["nmID"] for g in small] == [g["nmID"] for g in big]
    one = client.get(
        f"{host}/api/v2/list/goods/filter", params={"limit": 10, "filterNmID": big[3]["nmID"]}
    ).json()
    assert [g["nmID"] for g in one["data"]["listGoods"]] == [big[3]["nmID"]]
