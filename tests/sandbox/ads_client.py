"""A minimal test-side client of WB advert-api and Ozon Performance, written from the docs.

It pulls what the docs say a client can pull (fullstats in ≤31-day windows of ≤50 campaigns, the
Performance export flow with ≤10 campaigns and ≤62 days) and parses the CSV layout documented
in docs/sandbox.md, so tests can rebuild the ground truth from the wire.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

D = Decimal


def windows(first: date, last: date, days: int) -> list[tuple[date, date]]:
    """[first, last] cut into consecutive windows of at most `days` days."""
    out = []
    while first <= last:
        end = min(first + timedelta(days=days - 1), last)
        out.append((first, end))
        first = end + timedelta(days=1)
    return out


def chunks(items: list, n: int) -> list[list]:
    return [items[i : i + n] for i in range(0, len(items), n)]


def wb_campaign_ids(c: httpx.Client, host: str) -> list[int]:
    """Every campaign id from /adv/v1/promotion/count."""
    body = c.get(f"{host}/adv/v1/promotion/count").raise_for_status().json()
    return [a["advertId"] for g in body["adverts"] or [] for a in g["advert_list"]]


def pull_fullstats(
    c: httpx.Client, host: str, ids: list[int], first: date, last: date
) -> list[dict[str, Any]]:
    """fullstats items of every campaign over [first, last], window by window."""
    out = []
    for part in chunks(ids, 50):
        for d0, d1 in windows(first, last, 31):
            params = {"ids": ",".join(map(str, part)), "beginDate": d0.isoformat(), "endDate": d1.isoformat()}
            out += c.get(f"{host}/adv/v3/fullstats", params=params).raise_for_status().json()
    return out


def wb_daily(items: list[dict[str, Any]]) -> dict[tuple, tuple]:
    """(date, "wb", advertId, nmId) → (views, clicks, spend, orders, revenue), apps summed."""
    cells: dict[tuple, list] = defaultdict(lambda: [0, 0, D(0), 0, D(0)])
    for item in items:
        for day in item["days"]:
            when = date.fromisoformat(day["date"][:10])
            for app in day["apps"]:
                for nm in app["nms"]:
                    cell = cells[(when, "wb", str(item["advertId"]), nm["nmId"])]
                    cell[0] += nm["views"]
                    cell[1] += nm["clicks"]
                    cell[2] += D(str(nm["sum"]))
                    cell[3] += nm["orders"]
                    cell[4] += D(str(nm["sum_price"]))
    return {k: tuple(v) for k, v in cells.items()}


def perf_token(host: str, client_id: str, secret: str) -> str:
    r = httpx.post(
        f"{host}/api/client/token",
        json={"client_id": client_id, "client_secret": secret, "grant_type": "client_credentials"},
    )
    return r.raise_for_status().json()["access_token"]


def perf_export(
    c: httpx.Client, host: str, campaigns: list[str], body: dict[str, Any], polls: int = 10
) -> httpx.Response:
    """Submit an export, poll its UUID until OK, download the report."""
    r = c.post(f"{host}/api/client/statistics", json={"campaigns": campaigns, **body})
    uid = r.raise_for_status().json()["UUID"]
    for _ in range(polls):
        st = c.get(f"{host}/api/client/statistics/{uid}").raise_for_status().json()
        if st["state"] == "OK":
            return c.get(f"{host}{st['link']}")
    raise AssertionError("export did not finish")


def report_files(r: httpx.Response, campaigns: list[str]) -> dict[str, str]:
    """campaign id → CSV text of a downloaded report (CSV for one campaign, ZIP for several)."""
    if len(campaigns) == 1:
        assert r.headers["content-type"].startswith("text/csv")
        return {campaigns[0]: r.content.decode("utf-8")}
    assert r.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.content))
    return {name.removesuffix(".csv"): z.read(name).decode("utf-8") for name in z.namelist()}


def num(text: str) -> Decimal:
    """A report number: decimal comma."""
    return D(text.replace(",", "."))


def parse_report(text: str) -> tuple[str, list[str], list[dict[str, str]], list[str]]:
    """(title line, header, body rows as dicts, totals row) of one campaign's CSV."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    title, header, body, total = rows[0], rows[1], rows[2:-1], rows[-1]
    assert total[0] == "Всего", total
    return ";".join(title), header, [dict(zip(header, r, strict=True)) for r in body], total


def ozon_daily(files: dict[str, str]) -> dict[tuple, tuple]:
    """(date, "ozon", campaign id, sku) → (views, clicks, spend, orders, revenue) of DATE reports."""
    out: dict[tuple, tuple] = {}
    for cid, text in files.items():
        _, _, rows, _ = parse_report(text)
        for r in rows:
            key = (datetime.strptime(r["День"], "%d.%m.%Y").date(), "ozon", cid, int(r["sku"]))
            assert key not in out
            out[key] = (
                int(r["Показы"]),
                int(r["Клики"]),
                num(r["Расход, ₽, с НДС"]),
                int(r["Заказы"]),
                num(r["Выручка, ₽"]),
            )
    return out
