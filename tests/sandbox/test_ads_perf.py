"""Ozon Performance API in the sandbox: token, campaigns, the asynchronous CSV/ZIP export, its
documented limits, and a token that expires in the middle of a sync."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from ads_client import num, parse_report, perf_export, perf_token, report_files
from sandbox_schemas import response_schema, schema, validate, validate_records
from sandbox_world import NOW

from svodka.sandbox import Faults, SandboxServer

PERF = "ozon/ozon-performance-openapi.json"
STATES = {
    "CAMPAIGN_STATE_RUNNING",
    "CAMPAIGN_STATE_PLANNED",
    "CAMPAIGN_STATE_STOPPED",
    "CAMPAIGN_STATE_INACTIVE",
    "CAMPAIGN_STATE_ARCHIVED",
    "CAMPAIGN_STATE_MODERATION_FAILED",
    "CAMPAIGN_STATE_FINISHED",
}


def _clean(node: Any) -> Any:
    """The Performance document writes `enum: null` for two string types: drop it."""
    if isinstance(node, dict):
        return {k: _clean(v) for k, v in node.items() if not (k == "enum" and v is None)}
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def perf_schema(name: str) -> dict:
    return _clean(schema(PERF, ["components", "schemas", name]))


@pytest.fixture()
def perf(make_server) -> tuple[SandboxServer, httpx.Client, str]:
    """A dedicated server (exports and token knobs are per server) and an authorised client."""
    srv = make_server()
    host = srv.ozon_hosts["api-performance"]
    token = perf_token(host, srv.ozon_perf_client_id, srv.ozon_perf_client_secret)
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
        yield srv, c, host


def _ids(c: httpx.Client, host: str, **params: str) -> list[str]:
    return [x["id"] for x in c.get(f"{host}/api/client/campaign", params=params).json()["list"]]


def test_token_is_issued_for_the_service_account_only(server: SandboxServer):
    host = server.ozon_hosts["api-performance"]
    assert server.ozon_perf_client_id.endswith("@advertising.performance.ozon.ru")
    body = {"client_id": server.ozon_perf_client_id, "client_secret": server.ozon_perf_client_secret}
    r = httpx.post(f"{host}/api/client/token", json={**body, "grant_type": "client_credentials"})
    assert r.status_code == 200 and r.json()["expires_in"] == 1800 and r.json()["token_type"] == "Bearer"
    form = httpx.post(f"{host}/api/client/token", data={**body, "grant_type": "client_credentials"})
    assert form.status_code == 200 and form.json()["access_token"] != r.json()["access_token"]
    wrong = httpx.post(
        f"{host}/api/client/token", json={**body, "client_secret": "x", "grant_type": "client_credentials"}
    )
    assert wrong.status_code == 401
    validate(wrong.json(), perf_schema("rpcStatus"))
    assert httpx.post(f"{host}/api/client/token", json=body).status_code == 400
    anonymous = httpx.get(f"{host}/api/client/campaign")
    assert anonymous.status_code == 401 and set(anonymous.json()) == {"error"}
    raw = httpx.get(f"{host}/api/client/campaign", headers={"Authorization": r.json()["access_token"]})
    assert raw.status_code == 401  # the scheme is "Bearer"


def test_campaigns_fit_the_docs_with_filters_and_pages(perf):
    _, c, host = perf
    r = c.get(f"{host}/api/client/campaign")
    validate(r.json(), _clean(response_schema(PERF, "/api/client/campaign", "get")))
    camps = r.json()["list"]
    validate_records(camps, perf_schema("extcampaignCampaignInList"), every=1)
    assert len(camps) >= 6 and {x["state"] for x in camps} <= STATES
    assert {"CAMPAIGN_STATE_RUNNING", "CAMPAIGN_STATE_FINISHED", "CAMPAIGN_STATE_PLANNED"} <= {
        x["state"] for x in camps
    }
    for x in camps:
        assert x["id"].isdigit() and x["advObjectType"] == "SKU" and x["paymentType"] in ("CPC", "CPM")
        assert int(x["dailyBudget"]) % 10_000 == 0  # millionths of a rouble, whole kopecks
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", x["fromDate"])
        assert x["toDate"] == "" or x["toDate"] >= x["fromDate"]
    ids = [x["id"] for x in camps]
    assert _ids(c, host, campaignIds=ids[1]) == [ids[1]]
    both = c.get(f"{host}/api/client/campaign", params=[("campaignIds", ids[0]), ("campaignIds", ids[2])])
    assert [x["id"] for x in both.json()["list"]] == [ids[0], ids[2]]
    running = _ids(c, host, state="CAMPAIGN_STATE_RUNNING")
    assert running == [x["id"] for x in camps if x["state"] == "CAMPAIGN_STATE_RUNNING"]
    assert _ids(c, host, advObjectType="BANNER") == []
    pages = [_ids(c, host, page=str(p), pageSize="4") for p in (1, 2, 3, 4)]
    assert [i for page in pages for i in page] == ids and len(pages[0]) == 4
    bad = c.get(f"{host}/api/client/campaign", params={"state": "RUNNING"})
    assert bad.status_code == 400
    validate(bad.json(), perf_schema("rpcStatus"))


def test_export_flow_csv_then_zip(perf):
    srv, c, host = perf
    ids = _ids(c, host)
    body = {"dateFrom": "2026-03-01", "dateTo": "2026-03-15", "groupBy": "DATE"}
    sub = c.post(f"{host}/api/client/statistics", json={"campaigns": ids[:1], **body})
    validate(sub.json(), perf_schema("extstatStatisticsRequestID"))
    uid = sub.json()["UUID"]
    early = c.get(f"{host}/api/client/statistics/report", params={"UUID": uid})
    assert early.status_code == 400  # not ready yet
    states = []
    status_sch = perf_schema("extstatStatisticsResponse")
    for _ in range(srv.task_polls + 1):
        st = c.get(f"{host}/api/client/statistics/{uid}")
        validate(st.json(), status_sch)
        states.append(st.json()["state"])
    assert states == ["NOT_STARTED", *["IN_PROGRESS"] * (srv.task_polls - 1), "OK"]
    assert st.json()["request"]["campaigns"] == ids[:1] and st.json()["link"].endswith(uid)
    csv_r = c.get(f"{host}{st.json()['link']}")
    assert csv_r.status_code == 200 and csv_r.headers["content-type"] == "text/csv; charset=UTF-8"
    title, header, rows, total = parse_report(csv_r.text)
    assert title == f";Кампания по продвижению товаров № {ids[0]}, период 01.03.2026-15.03.2026"
    assert header[:3] == ["День", "sku", "Название товара"] and header[-1] == "Дата добавления"
    assert rows and all(re.fullmatch(r"\d\d\.03\.2026", r["День"]) for r in rows)
    assert int(total[header.index("Показы")]) == sum(int(r["Показы"]) for r in rows)
    spend = header.index("Расход, ₽, с НДС")
    assert num(total[spend]) == sum(num(r["Расход, ₽, с НДС"]) for r in rows)
    assert (
        len(total) == len(header) - 1
    )  # as in the docs' example, the totals row stops before the last column

    zipped = perf_export(c, host, ids[:3], {"from": "2026-02-20T00:00:00Z", "to": "2026-03-15T00:00:00Z"})
    files = report_files(zipped, ids[:3])
    assert sorted(files) == sorted(ids[:3])
    for cid, text in files.items():
        title, header, rows, _ = parse_report(text)
        assert (
            f"№ {cid}, период 20.02.2026-15.03.2026" in title and header[0] == "sku"
        )  # no grouping: per SKU
        assert len({r["sku"] for r in rows}) == len(rows)


def test_one_export_at_a_time_and_the_documented_limits(perf):
    srv, c, host = perf
    ids = _ids(c, host)
    ok = {"dateFrom": "2026-01-13", "dateTo": "2026-03-15"}  # 62 days: allowed
    first = c.post(f"{host}/api/client/statistics", json={"campaigns": ids[:2], **ok})
    assert first.status_code == 200
    busy = c.post(f"{host}/api/client/statistics", json={"campaigns": ids[:1], **ok})
    assert busy.status_code == 429 and busy.json() == {
        "error": "Превышен лимит активных запросов (максимум 1)"
    }
    for _ in range(srv.task_polls + 1):
        c.get(f"{host}/api/client/statistics/{first.json()['UUID']}")
    too_long = c.post(
        f"{host}/api/client/statistics",
        json={"campaigns": ids[:1], "dateFrom": "2026-01-12", "dateTo": "2026-03-15"},
    )
    assert too_long.status_code == 400 and "62" in too_long.json()["error"]
    eleven = (ids * 11)[:11]
    too_many = c.post(f"{host}/api/client/statistics", json={"campaigns": eleven, **ok})
    assert (
        too_many.status_code == 400
        and too_many.json()["error"] == "Превышен лимит по количеству кампаний (максимум 10)"
    )
    for bad in (
        {"campaigns": []},
        {"campaigns": ["1"], **ok},
        {"campaigns": ids[:1]},
        {"campaigns": ids[:1], **ok, "groupBy": "HOUR"},
    ):
        r = c.post(f"{host}/api/client/statistics", json=bad)
        assert r.status_code == 400
        validate(r.json(), perf_schema("rpcStatus"))
    assert c.post(f"{host}/api/client/statistics", json={"campaigns": ids[:10], **ok}).status_code == 200
    assert c.get(f"{host}/api/client/statistics/0c159c60-ab92-46d9-9a6b-d225dbf5c7b1").status_code == 404


def test_report_of_days_without_activity_has_no_body_rows(perf):
    _, c, host = perf
    ids = _ids(c, host)
    r = perf_export(c, host, ids[:1], {"dateFrom": "2025-06-01", "dateTo": "2025-06-30", "groupBy": "DATE"})
    title, header, rows, total = parse_report(r.text)
    assert "период 01.06.2025-30.06.2025" in title and rows == []
    assert total[:4] == ["Всего", "", "", ""] and total[header.index("Показы")] == "0"


def test_expired_token_answers_401_mid_sync(perf):
    srv, c, host = perf
    ids = _ids(c, host)
    srv.ozon_perf_token_ttl = 60  # tokens issued from now on die after a minute of sandbox time
    token = perf_token(host, srv.ozon_perf_client_id, srv.ozon_perf_client_secret)
    short = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{host}/api/client/campaign", headers=short).status_code == 200
    srv.set_now(NOW + timedelta(seconds=61))
    r = httpx.get(f"{host}/api/client/campaign", headers=short)
    assert r.status_code == 401
    validate(r.json(), perf_schema("rpcStatus"))
    assert "expired" in r.json()["error"]
    assert c.get(f"{host}/api/client/campaign").status_code == 200  # the 1800 s token still lives
    srv.set_now(NOW + timedelta(seconds=1801))
    assert c.get(f"{host}/api/client/campaign").status_code == 401
    srv.set_now(NOW)
    srv.ozon_perf_token_max_requests = 2
    token = perf_token(host, srv.ozon_perf_client_id, srv.ozon_perf_client_secret)
    h = {"Authorization": f"Bearer {token}"}
    sub = httpx.post(
        f"{host}/api/client/statistics",
        headers=h,
        json={"campaigns": ids[:1], "dateFrom": "2026-03-01", "dateTo": "2026-03-02"},
    )
    assert sub.status_code == 200
    assert httpx.get(f"{host}/api/client/statistics/{sub.json()['UUID']}", headers=h).status_code == 200
    assert httpx.get(f"{host}/api/client/statistics/{sub.json()['UUID']}", headers=h).status_code == 401


def test_faults_apply_to_the_campaign_list(make_server):
    srv = make_server(faults=Faults(rename_field=("title", "name"), add_field={"x": 1}))
    host = srv.ozon_hosts["api-performance"]
    token = perf_token(host, srv.ozon_perf_client_id, srv.ozon_perf_client_secret)
    camps = httpx.get(f"{host}/api/client/campaign", headers={"Authorization": f"Bearer {token}"}).json()[
        "list"
    ]
    assert camps and all("name" in x and "title" not in x and x["x"] == 1 for x in camps)
    srv.faults = Faults(rate_5xx=1.0)
    r = httpx.get(f"{host}/api/client/campaign", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code in (500, 503)
