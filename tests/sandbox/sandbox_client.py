"""A minimal test-side WB client, written from the docs (not from the sandbox code).

It pulls complete streams the way the docs describe the paging, so tests can rebuild the
ground truth from what the server actually sends.
"""

from __future__ import annotations

from typing import Any

import httpx


def pull_statistics(
    c: httpx.Client, host: str, method: str, date_from: str = "2020-01-01", max_pages: int = 1000
) -> tuple[list[dict[str, Any]], int]:
    """All rows of supplier/orders|sales via the lastChangeDate cursor; returns (rows, pages).

    Rows repeat at page borders (dateFrom is inclusive): the latest copy of each key wins.
    """
    key = "srid" if method == "orders" else "saleID"
    seen: dict[str, dict[str, Any]] = {}
    pages = 0
    cursor = date_from
    while True:
        r = c.get(f"{host}/api/v1/supplier/{method}", params={"dateFrom": cursor, "flag": 0})
        r.raise_for_status()
        rows = r.json()
        pages += 1
        if not rows:
            return list(seen.values()), pages
        fresh = [row for row in rows if row[key] not in seen or seen[row[key]] != row]
        for row in rows:
            seen[row[key]] = row
        if not fresh:  # only repeats of the border row: done
            return list(seen.values()), pages
        cursor = rows[-1]["lastChangeDate"]
        if pages >= max_pages:
            raise AssertionError("statistics paging did not end")


def pull_finance(
    c: httpx.Client, host: str, date_from: str, date_to: str, limit: int = 100_000
) -> tuple[list[dict[str, Any]], int]:
    """All lines of sales-reports/detailed via the rrdId cursor until HTTP 204; returns (lines, pages)."""
    out: list[dict[str, Any]] = []
    rrd = 0
    pages = 0
    while True:
        r = c.post(
            f"{host}/api/finance/v1/sales-reports/detailed",
            json={"dateFrom": date_from, "dateTo": date_to, "period": "weekly", "limit": limit, "rrdId": rrd},
        )
        pages += 1
        if r.status_code == 204:
            assert r.content == b""
            return out, pages
        r.raise_for_status()
        rows = r.json()
        assert rows, "an empty page must be a 204, not []"
        out.extend(rows)
        assert rows[-1]["rrdId"] > rrd
        rrd = rows[-1]["rrdId"]


def pull_cards(
    c: httpx.Client, host: str, limit: int = 100, ascending: bool = True
) -> tuple[list[dict], int]:
    """All cards via the {updatedAt, nmID} cursor, stopping when total < limit."""
    cards: list[dict] = []
    cursor: dict[str, Any] = {"limit": limit}
    pages = 0
    while True:
        body = {"settings": {"sort": {"ascending": ascending}, "cursor": cursor, "filter": {"withPhoto": -1}}}
        r = c.post(f"{host}/content/v2/get/cards/list", json=body)
        r.raise_for_status()
        data = r.json()
        pages += 1
        cards.extend(data["cards"])
        if data["cursor"]["total"] < limit:
            return cards, pages
        cursor = {"limit": limit, "updatedAt": data["cursor"]["updatedAt"], "nmID": data["cursor"]["nmID"]}


def pull_prices(c: httpx.Client, host: str, limit: int = 1000) -> list[dict]:
    """All goods with prices via limit/offset until an empty listGoods."""
    goods: list[dict] = []
    offset = 0
    while True:
        r = c.get(f"{host}/api/v2/list/goods/filter", params={"limit": limit, "offset": offset})
        r.raise_for_status()
        page = r.json()["data"]["listGoods"]
        if not page:
            return goods
        goods.extend(page)
        offset += limit


def warehouse_remains(c: httpx.Client, host: str, **groups: str) -> httpx.Response:
    """Create a warehouse_remains task, poll until done, download; returns the download response."""
    params = groups or {"groupByBarcode": "true"}
    r = c.get(f"{host}/api/v1/warehouse_remains", params=params)
    r.raise_for_status()
    task = r.json()["data"]["taskId"]
    for _ in range(10):
        st = c.get(f"{host}/api/v1/warehouse_remains/tasks/{task}/status")
        st.raise_for_status()
        if st.json()["data"]["status"] == "done":
            break
    return c.get(f"{host}/api/v1/warehouse_remains/tasks/{task}/download")
