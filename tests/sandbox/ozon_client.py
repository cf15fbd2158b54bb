"""A minimal test-side Ozon Seller client, written from the docs (not from the sandbox code).

It pulls complete lists the way the docs describe the paging, so tests can rebuild the
ground truth from what the server actually sends.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx

from svodka.sandbox import SandboxServer

MAX_PAGES = 10_000


def ozon_client(srv: SandboxServer, api_key: str | None = None, timeout: float = 30.0) -> httpx.Client:
    """An httpx client sending Client-Id and Api-Key to the sandbox's api-seller host."""
    return httpx.Client(
        base_url=srv.ozon_hosts["api-seller"],
        headers={"Client-Id": srv.ozon_client_id, "Api-Key": api_key or srv.ozon_api_key},
        timeout=timeout,
    )


def ok(r: httpx.Response) -> dict[str, Any]:
    """The JSON body of a 200 (fails the test with the body otherwise)."""
    assert r.status_code == 200, (r.status_code, r.text[:500])
    return r.json()


def pull_products(c: httpx.Client, limit: int = 1000) -> tuple[list[dict], int]:
    """/v3/product/list via last_id until a page brings fewer than `limit` items."""
    items: list[dict] = []
    last_id = ""
    for pages in range(1, MAX_PAGES):
        res = ok(
            c.post(
                "/v3/product/list", json={"filter": {"visibility": "ALL"}, "last_id": last_id, "limit": limit}
            )
        )
        got = res["result"]["items"]
        items.extend(got)
        if len(got) < limit or not res["result"]["last_id"]:
            return items, pages
        last_id = res["result"]["last_id"]
    raise AssertionError("paging did not end")


def pull_cursor(c: httpx.Client, path: str, body: dict, key: str = "items") -> tuple[list[dict], int]:
    """A `cursor`-paged list until an empty page or an empty cursor."""
    items: list[dict] = []
    cursor = ""
    for pages in range(1, MAX_PAGES):
        res = ok(c.post(path, json={**body, "cursor": cursor}))
        items.extend(res[key])
        if not res[key] or not res["cursor"] or res.get("has_next") is False:
            return items, pages
        cursor = res["cursor"]
    raise AssertionError("paging did not end")


def pull_postings(
    c: httpx.Client, scheme: str, since: str, to: str, limit: int = 100, sort_dir: str = "ASC", **extra: Any
) -> tuple[list[dict], int]:
    """Every posting of /v3/posting/fbo/list or /v4/posting/fbs/list in [since, to] (cursor + has_next)."""
    path = "/v3/posting/fbo/list" if scheme == "fbo" else "/v4/posting/fbs/list"
    flt = {"since": since, "to": to, **extra}
    body = {
        "filter": flt,
        "limit": limit,
        "sort_dir": sort_dir,
        "with": {"analytics_data": True, "financial_data": True},
    }
    return pull_cursor(c, path, body, key="postings")


def pull_all_postings(c: httpx.Client, scheme: str, start: date, end: date, limit: int = 100) -> list[dict]:
    """Every posting between two dates, in windows shorter than a year."""
    out: list[dict] = []
    day = start
    while day <= end:
        stop = min(end, day + timedelta(days=300))
        got, _ = pull_postings(c, scheme, f"{day}T00:00:00Z", f"{stop}T23:59:59.999999Z", limit)
        out.extend(got)
        day = stop + timedelta(days=1)
    return out


def pull_returns(c: httpx.Client, limit: int = 500, **flt: Any) -> tuple[list[dict], int]:
    """/v1/returns/list via last_id (the id of the last return) while has_next."""
    items: list[dict] = []
    last_id = 0
    for pages in range(1, MAX_PAGES):
        res = ok(c.post("/v1/returns/list", json={"filter": flt, "limit": limit, "last_id": last_id}))
        items.extend(res["returns"])
        if not res["has_next"]:
            return items, pages
        last_id = res["returns"][-1]["id"]
    raise AssertionError("paging did not end")


def pull_accrual_day(c: httpx.Client, day: date) -> tuple[list[dict], int]:
    """Every accrual of one date via last_id until an empty page."""
    items: list[dict] = []
    last_id = ""
    for pages in range(1, MAX_PAGES):
        res = ok(c.post("/v1/finance/accrual/by-day", json={"date": day.isoformat(), "last_id": last_id}))
        if not res["accruals"]:
            return items, pages
        items.extend(res["accruals"])
        last_id = res["last_id"]
    raise AssertionError("paging did not end")


def pull_accruals(c: httpx.Client, start: date, end: date) -> list[dict]:
    """Every accrual dated in [start, end]."""
    out: list[dict] = []
    day = start
    while day <= end:
        out.extend(pull_accrual_day(c, day)[0])
        day += timedelta(days=1)
    return out
