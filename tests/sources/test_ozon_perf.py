"""Ozon Performance connector over real HTTP: the sandbox (truth, limits, tokens, exports), and a
scripted server only for what the sandbox never answers (a failed or never-ready report)."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import jsonschema
import orjson
import pytest
from conftest import FakeClock, Reply, ScriptedServer

from svodka.errors import AuthError, ConfigError, FatalSourceError, RecordError, RetriableError
from svodka.sandbox import Faults, SandboxServer, World, WorldSpec
from svodka.sources.base import Connector, Page
from svodka.sources.ozon_perf import HOST_FAMILIES, OzonPerfConnector, OzonPerfOptions
from svodka.sources.ozon_perf.report import decode_report

SPEC = WorldSpec(seed=21, skus=100, days=90, orders_per_day=40.0)
PREFIX = "/ozon/api-performance"
REF = Path(os.environ.get("SVODKA_REFERENCE", Path(__file__).resolve().parents[1] / "reference"))
DOC = REF / "openapi" / "ozon" / "ozon-performance-openapi.json"

Cell = tuple[int, int, Decimal, int, Decimal]  # views, clicks, spend, orders, revenue


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(SPEC)


def first_now(world: World) -> datetime:
    """09:00 UTC (12:00 Moscow) the day after the world's last day."""
    return datetime.combine(world.end + timedelta(days=1), time(9, 0), tzinfo=UTC)


@pytest.fixture
def srv(world: World) -> Iterator[SandboxServer]:
    with SandboxServer(world, limits="off", now=first_now(world)) as s:
        yield s


class Sleeps(list):
    """A `sleep` that records the waits without waiting; `then` runs on the first, `each` on all."""

    then: Any = None
    each: Any = None

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        if self.each is not None:
            self.each(seconds)
        if self.then is not None:
            self.then, then = None, self.then
            then()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def connect(srv: SandboxServer, sleeps: Sleeps) -> Iterator:
    made: list[OzonPerfConnector] = []

    def make(secret: str | None = None, clock=None, **options) -> OzonPerfConnector:
        opts = {"rate_limit_scale": 0, "history_days": 90, **options}
        extra = {"clock": clock} if clock else {}
        c = OzonPerfConnector(
            "main",
            srv.ozon_perf_client_id,
            srv.ozon_perf_client_secret if secret is None else secret,
            hosts={"api-performance": srv.ozon_hosts["api-performance"]},
            options=OzonPerfOptions(**opts),
            sleep=sleeps,
            **extra,
        )
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def read(conn: OzonPerfConnector, name: str, state, now: datetime) -> list[Page]:
    return list(conn.stream(name).read(state, now))


def roubles(text: str) -> Decimal:
    """A report amount ("1 234,50") as Decimal."""
    return Decimal(re.sub(r"\s", "", text).replace(",", "."))


def stats_cells(pages: list[Page]) -> dict[tuple[date, str, int], Cell]:
    """Decoded report rows → (day, campaign, sku) → figures; a row read twice fails."""
    cells: dict[tuple[date, str, int], Cell] = {}
    for page in pages:
        rows = decode_report(page.body, page.meta)
        assert page.records == len(rows)
        for r in rows:
            key = (datetime.strptime(r["День"], "%d.%m.%Y").date(), r["campaign_id"], int(r["sku"]))
            assert key not in cells, f"{key} read twice"
            cells[key] = (
                int(r["Показы"]),
                int(r["Клики"]),
                roubles(r["Расход, ₽, с НДС"]),
                int(r["Заказы"]),
                roubles(r["Выручка, ₽"]),
            )
    return cells


def ozon_truth(
    srv: SandboxServer, days: tuple[date, date] | None = None
) -> dict[tuple[date, str, int], Cell]:
    return {
        (d, camp, item): v
        for (d, market, camp, item), v in srv.ground_truth().ads.ads_daily.items()
        if market == "ozon" and (days is None or days[0] <= d <= days[1])
    }


def exports(srv: SandboxServer) -> list[dict[str, Any]]:
    """The bodies of the accepted POST /api/client/statistics, in order."""
    return [
        orjson.loads(r.params)
        for r in srv.requests
        if r.method == "POST" and r.path.endswith("/api/client/statistics") and r.status == 200
    ]


# --- the whole flow against the sandbox -----------------------------------------------------------


def test_a_first_sync_reads_every_campaign_day_once_and_matches_the_truth(srv, connect, world, sleeps):
    now = first_now(world)
    conn: Connector = connect()
    assert conn.source == "ozon_perf" and conn.connection == "main"
    assert [s.name for s in conn.streams()] == ["ozon_perf_campaigns", "ozon_perf_stats"]
    camp_pages, stats_pages = (read(conn, s.name, None, now) for s in conn.streams())
    truth = srv.ground_truth().ads
    got = {
        c["id"]: (c["title"], c["advObjectType"], c["state"])
        for p in camp_pages
        for c in orjson.loads(p.body)["list"]
    }
    assert got == {cid: v for (m, cid), v in truth.campaigns.items() if m == "ozon"}
    assert camp_pages[0].meta == {"snapshot_date": (world.end + timedelta(days=1)).isoformat()}
    assert camp_pages[0].record_path == ("list",) and camp_pages[0].state is None

    assert stats_cells(stats_pages) == ozon_truth(srv)
    assert stats_pages[-1].state == {"last_day": world.end.isoformat()}
    for p in stats_pages:
        assert p.record_path == () and set(p.meta) == {"date_from", "date_to", "format", "campaigns"}
        assert p.meta["format"] == ("csv" if len(p.meta["campaigns"]) == 1 else "zip")
        assert p.body.startswith(b"PK") == (p.meta["format"] == "zip")
    # 90 days = two exports of ≤62 days; each waits for its report (task_polls=2 → 3 polls).
    assert [(e["dateFrom"], e["dateTo"]) for e in exports(srv)] == [
        ((world.end - timedelta(days=89)).isoformat(), (world.end - timedelta(days=28)).isoformat()),
        ((world.end - timedelta(days=27)).isoformat(), world.end.isoformat()),
    ]
    assert all(e["groupBy"] == "DATE" and len(e["campaigns"]) <= 10 for e in exports(srv))
    assert sleeps == [5.0] * 4  # report_poll_interval between the polls of two exports


def test_exports_are_batched_by_campaigns_and_days_and_never_overlap(srv, connect, world):
    now = first_now(world)
    pages = read(connect(campaigns_per_report=3, stats_window_days=20), "ozon_perf_stats", None, now)
    assert stats_cells(pages) == ozon_truth(srv)
    bodies = exports(srv)
    assert all(1 <= len(e["campaigns"]) <= 3 for e in bodies)
    windows = sorted({(e["dateFrom"], e["dateTo"]) for e in bodies})
    assert all((date.fromisoformat(b) - date.fromisoformat(a)).days < 20 for a, b in windows)
    assert (
        windows[0][0] == (world.end - timedelta(days=89)).isoformat()
        and windows[-1][1] == world.end.isoformat()
    )
    assert {p.meta["format"] for p in pages} == {"csv", "zip"}
    # A campaign is in at most one export per window; one export runs at a time: after each
    # POST its report is polled to OK and downloaded before the next POST.
    per_window = [(e["dateFrom"], c) for e in bodies for c in e["campaigns"]]
    assert len(per_window) == len(set(per_window))
    open_export = False
    for r in srv.requests:
        if r.path.endswith("/api/client/statistics") and r.method == "POST":
            assert not open_export, "a second export started while one was running"
            open_export = r.status == 200
        elif r.path.endswith("/api/client/statistics/report") and r.status == 200:
            open_export = False
    assert not open_export


def test_a_busy_account_is_waited_out_with_backoff(srv, connect, world, sleeps):
    """Another tool's export holds the account (429, «Превышен лимит активных запросов»): wait it out."""
    base = srv.ozon_hosts["api-performance"]
    token = httpx.post(
        f"{base}/api/client/token",
        json={
            "client_id": srv.ozon_perf_client_id,
            "client_secret": srv.ozon_perf_client_secret,
            "grant_type": "client_credentials",
        },
    ).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    some = httpx.get(f"{base}/api/client/campaign", headers=auth).json()["list"][0]["id"]
    other = httpx.post(
        f"{base}/api/client/statistics",
        headers=auth,
        json={"campaigns": [some], "dateFrom": world.end.isoformat(), "dateTo": world.end.isoformat()},
    ).json()["UUID"]

    def other_export_finishes() -> None:
        for _ in range(srv.task_polls + 1):
            httpx.get(f"{base}/api/client/statistics/{other}", headers=auth)

    sleeps.then = other_export_finishes
    pages = read(connect(history_days=20), "ozon_perf_stats", None, first_now(world))
    refused = [
        r for r in srv.requests if r.method == "POST" and r.path.endswith("/statistics") and r.status == 429
    ]
    assert len(refused) == 1 and all(p.status == 200 for p in pages)
    assert stats_cells(pages) == ozon_truth(srv, (world.end - timedelta(days=19), world.end))


def test_a_token_that_expires_mid_sync_is_renewed_and_the_sync_completes(srv, connect, world):
    srv.ozon_perf_token_max_requests = 4  # each token dies after 4 requests, long before 1,800 s
    conn = connect()
    pages = [p for s in conn.streams() for p in s.read(None, first_now(world))]
    assert stats_cells([p for p in pages if p.stream == "ozon_perf_stats"]) == ozon_truth(srv)
    unauthorized = [r for r in srv.requests if r.status == 401]
    assert unauthorized and conn.token.issued == len(unauthorized) + 1
    # Every refused request was sent again at once, with the new token.
    paths = [(r.method, r.path, r.params) for r in srv.requests if not r.path.endswith("/token")]
    for r in unauthorized:
        i = paths.index((r.method, r.path, r.params))
        assert paths[i + 1] == paths[i]


def test_a_token_about_to_expire_is_renewed_before_it_is_refused(srv, connect, world, sleeps):
    clock = FakeClock()
    sleeps.each = lambda seconds: setattr(clock, "now", clock.now + 1000)  # slow reports: 1,000 s a wait
    conn = connect(clock=clock, report_timeout=10_000)
    read(conn, "ozon_perf_stats", None, first_now(world))
    # 4 waits = 4,000 s: the 1,800-s token was renewed (60 s early) before the server refused it.
    assert conn.token.issued == 3 and not [r for r in srv.requests if r.status == 401]


def test_wrong_credentials_stop_with_the_connect_hint_and_no_secret(srv, connect, world):
    secret = "wrong-secret-0123456789abcdef"
    conn = connect(secret=secret)
    with pytest.raises(AuthError) as e:
        read(conn, "ozon_perf_campaigns", None, first_now(world))
    text = str(e.value)
    assert "ozon_perf:main" in text and "invalid client_id or client_secret" in text
    assert "svodka connect ozon-perf --name main --client-id … --client-secret …" in text
    assert secret not in text and secret not in repr(conn) and secret not in repr(conn.token)


def test_no_page_request_or_message_carries_a_secret(srv, connect, world):
    conn = connect()
    pages = [p for s in conn.streams() for p in s.read(None, first_now(world))]
    tokens = {r.params for r in srv.requests if r.path.endswith("/token")}
    dumped = orjson.dumps([dict(p.request) for p in pages]).decode()
    assert (
        srv.ozon_perf_client_secret not in dumped and "Bearer" not in dumped and "access_token" not in dumped
    )
    assert all(set(p.request) == {"method", "url", "params", "json"} for p in pages)
    assert tokens and srv.ozon_perf_client_secret not in repr(conn) + repr(conn.streams())


def test_a_report_that_is_not_ready_is_polled_not_failed(srv, connect, world, sleeps):
    srv.task_polls = 5  # NOT_STARTED, then IN_PROGRESS four times, then OK
    read(connect(history_days=10, report_poll_interval=2.5), "ozon_perf_stats", None, first_now(world))
    polls = [r for r in srv.requests if re.search(r"/statistics/[0-9a-f-]{36}$", r.path)]
    assert len(polls) == 6 and sleeps == [2.5] * 5


def test_rate_limits_and_server_errors_are_retried_to_the_same_result(srv, connect, world):
    # (No truncation or timeouts here: a lost answer to the export request leaves an export
    # running that the sandbox only finishes when polled; cut reports are tested below.)
    srv.faults = Faults(seed=8, rate_429=0.25, rate_5xx=0.1)
    pages = read(connect(max_retries=12, retry_backoff=0.01), "ozon_perf_stats", None, first_now(world))
    assert {r.status for r in srv.requests} >= {200, 429}
    assert stats_cells(pages) == ozon_truth(srv)


def test_a_renamed_campaign_field_fails_naming_stream_and_field(srv, connect, world):
    srv.faults = Faults(rename_field=("title", "name"))
    with pytest.raises(RecordError) as e:
        read(connect(), "ozon_perf_campaigns", None, first_now(world))
    assert (
        e.value.stream == "ozon_perf_campaigns"
        and e.value.field == "title"
        and e.value.record.startswith("id=")
    )


def test_a_later_sync_rereads_the_last_days_and_resumes_from_its_state(srv, connect, world):
    now = first_now(world)
    conn = connect(reread_days=3)
    state = read(conn, "ozon_perf_stats", None, now)[-1].state
    srv.requests.clear()
    later = now + timedelta(days=2)
    srv.set_now(later)
    pages = read(conn, "ozon_perf_stats", state, later)
    last = date.fromisoformat(state["last_day"])
    assert {(e["dateFrom"], e["dateTo"]) for e in exports(srv)} == {
        ((last - timedelta(days=2)).isoformat(), (last + timedelta(days=2)).isoformat())
    }
    assert pages[-1].state == {"last_day": (last + timedelta(days=2)).isoformat()}
    assert stats_cells(pages) == ozon_truth(srv, (last - timedelta(days=2), last + timedelta(days=2)))


# --- every request against the official document ---------------------------------------------------


@functools.cache
def document() -> dict:
    return json.loads(DOC.read_text())


def find(method: str, path: str) -> tuple[str, dict] | None:
    """The operation of ``method path``; a literal path wins over a template (``report`` vs ``{UUID}``)."""
    exact = document()["paths"].get(path, {}).get(method.lower())
    if exact is not None:
        return path, exact
    for template, item in document()["paths"].items():
        rx = "".join(
            "[^/]+" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[^}]+\})", template)
        )
        if re.fullmatch(rx, path) and method.lower() in item:
            return template, item[method.lower()]
    return None


def deref(node: Any, depth: int = 0) -> Any:
    assert depth < 40
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = document()
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return deref(target, depth + 1)
        return {k: deref(v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [deref(v, depth + 1) for v in node]
    return node


def strict(schema: Any) -> Any:
    """No undeclared properties; drop the document's property-level ``"required": true`` (not JSON Schema)."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items() if not (k == "required" and isinstance(v, bool))}
        if "properties" in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def check_request(method: str, full_path: str, query: dict[str, str], body: Any) -> list[str]:
    """Ways one request breaks the Performance document (empty = it fits)."""
    path = full_path.removeprefix(PREFIX)
    if path == "/api/client/token":  # documented in the "Token" section, not under paths
        ok = method == "POST" and body == {
            "client_id": body.get("client_id"),
            "client_secret": body.get("client_secret"),
            "grant_type": "client_credentials",
        }
        return [] if ok else [f"token request {method} {body!r} is not the documented one"]
    found = find(method, path)
    if found is None:
        return [f"{method} {path} is not in the Performance document"]
    template, op = found
    problems = [f"{method} {template} is deprecated"] if op.get("deprecated") else []
    declared = {p["name"]: p for p in (deref(p) for p in op.get("parameters", [])) if p["in"] == "query"}
    for name, value in query.items():
        p = declared.get(name)
        if p is None:
            problems.append(f"query parameter {name!r} is not declared for {method} {template}")
        elif p.get("schema", {}).get("type") == "integer" and not value.isdigit():
            problems.append(f"{name}={value!r} is not an integer")
    schema = deref(op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is not None:
        try:
            jsonschema.validate(body, strict(schema))
        except jsonschema.ValidationError as e:
            problems.append(f"body of {method} {template} does not fit: {e.message}")
    elif body is not None:
        problems.append(f"{method} {template} takes no body")
    return problems


def test_every_request_fits_the_official_document(srv, connect, world):
    if not DOC.is_file():
        pytest.fail(f"the Performance OpenAPI document is missing: {DOC}")
    conn = connect(campaigns_per_report=3, campaigns_page_size=4)
    for s in conn.streams():
        read(conn, s.name, None, first_now(world))
    problems = []
    for r in srv.requests:
        body = orjson.loads(r.params) if r.method == "POST" else None
        query = dict(parse_qsl(r.params)) if r.method == "GET" else {}
        problems += check_request(r.method, r.path, query, body)
    assert problems == []
    assert {re.sub(r"[0-9a-f-]{36}$", "{UUID}", r.path) for r in srv.requests} == {
        f"{PREFIX}/api/client/{p}"
        for p in ("token", "campaign", "statistics", "statistics/{UUID}", "statistics/report")
    }


def test_the_checker_itself_catches_mistakes():
    assert check_request(
        "POST", f"{PREFIX}/api/client/statistics", {}, {"campaigns": ["1"], "groupby": "DATE"}
    )
    assert check_request("POST", f"{PREFIX}/api/client/statistics", {}, {"campaigns": [1]})
    assert check_request("GET", f"{PREFIX}/api/client/campaign", {"page_size": "10"}, None)
    assert check_request("POST", f"{PREFIX}/api/client/token", {}, {"client_id": "x", "client_secret": "y"})


# --- what the sandbox never answers: a scripted Performance API ------------------------------------


@pytest.fixture
def scripted(server: ScriptedServer) -> Iterator:
    """Token and campaign list of one campaign; statistics routes are set by each test."""
    server.route(
        "POST",
        f"{PREFIX}/api/client/token",
        Reply(body={"access_token": "tok-1234567890", "expires_in": 1800}),
    )
    camp = {
        "id": "77",
        "title": "Кампания",
        "state": "CAMPAIGN_STATE_RUNNING",
        "createdAt": "2026-01-01T00:00:00Z",
    }
    server.route("GET", f"{PREFIX}/api/client/campaign", Reply(body={"list": [camp]}))
    server.route(
        "POST",
        f"{PREFIX}/api/client/statistics",
        Reply(body={"UUID": "0c159c60-ab92-46d9-9a6b-d225dbf5c7b1"}),
    )
    clock = FakeClock()
    made: list[OzonPerfConnector] = []

    def make(**options) -> OzonPerfConnector:
        c = OzonPerfConnector(
            "main",
            "1-2@advertising.performance.ozon.ru",
            "secret-0123456789",
            hosts={"api-performance": server.url + PREFIX},
            options=OzonPerfOptions(rate_limit_scale=0, history_days=5, **options),
            clock=clock,
            sleep=clock.sleep,
        )
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def scripted_csv(spend: str = "Расход, ₽, с НДС") -> str:
    """A one-campaign report as the scripted server sends it."""
    return "\n".join(
        [
            ";Кампания по продвижению товаров № 77, период 20.11.2026-24.11.2026",
            f"День;sku;Название товара;Показы;Клики;{spend};Заказы;Выручка, ₽",
            "20.11.2026;1;Футболка;5;1;3,00;0;0,00",
            "Всего;;;5;1;3,00;0;0,00",
        ]
    )


STATUS = f"{PREFIX}/api/client/statistics/0c159c60-ab92-46d9-9a6b-d225dbf5c7b1"
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_a_report_that_fails_is_a_clear_error(server, scripted):
    server.route(
        "GET",
        STATUS,
        [Reply(body={"state": "IN_PROGRESS"}), Reply(body={"state": "ERROR", "error": "internal"})],
    )
    with pytest.raises(RetriableError, match=r"could not build statistics report 0c159c60.*internal"):
        read(scripted(), "ozon_perf_stats", None, NOW)
    assert not server.seen("GET", "/statistics/report")


def test_a_report_that_is_never_ready_times_out(server, scripted):
    server.route("GET", STATUS, Reply(body={"state": "IN_PROGRESS"}))
    with pytest.raises(RetriableError, match="not ready after 60s"):
        read(scripted(report_timeout=60, report_poll_interval=10), "ozon_perf_stats", None, NOW)
    assert len(server.seen("GET", STATUS)) == 7


def test_a_report_missing_a_needed_column_names_it(server, scripted):
    server.route("GET", STATUS, Reply(body={"state": "OK"}))
    csv = scripted_csv("Расход, ₽")  # a variant some accounts see, without "с НДС"
    server.route(
        "GET",
        f"{PREFIX}/api/client/statistics/report",
        Reply(body=csv.encode(), headers={"Content-Type": "text/csv"}),
    )
    with pytest.raises(RecordError) as e:
        read(scripted(), "ozon_perf_stats", None, NOW)
    assert e.value.field == "Расход, ₽, с НДС" and e.value.stream == "ozon_perf_stats"
    assert "campaign_id=77" in e.value.record


def test_a_cut_report_is_downloaded_again(server, scripted):
    server.route("GET", STATUS, Reply(body={"state": "OK"}))
    csv = scripted_csv()
    whole = Reply(body=csv.encode(), headers={"Content-Type": "text/csv"})
    cut = Reply(body=csv.encode()[:90], headers={"Content-Type": "text/csv"})
    server.route("GET", f"{PREFIX}/api/client/statistics/report", [cut, whole])
    (page,) = read(scripted(), "ozon_perf_stats", None, NOW)
    assert page.records == 1 and page.body == csv.encode() and page.meta["format"] == "csv"
    assert len(server.seen("GET", "/statistics/report")) == 2


def test_the_token_and_the_secret_are_scrubbed_from_what_the_server_echoes(server, scripted):
    echo = "refused Bearer tok-1234567890 (client_secret=secret-0123456789)"
    server.route("GET", f"{PREFIX}/api/client/campaign", Reply(400, {"error": echo}))
    with pytest.raises(FatalSourceError) as e:
        read(scripted(), "ozon_perf_campaigns", None, NOW)
    text = str(e.value)
    assert "refused ***" in text and "tok-1234567890" not in text and "secret-0123456789" not in text
    (token_request,) = server.seen("POST", "/api/client/token")
    assert token_request.json == {
        "client_id": "1-2@advertising.performance.ozon.ru",
        "client_secret": "secret-0123456789",
        "grant_type": "client_credentials",
    }
    assert server.seen("GET", "/api/client/campaign")[0].headers["authorization"] == "Bearer tok-1234567890"


# --- configuration -----------------------------------------------------------------------------------


def test_configuration_mistakes_fail_early():
    with pytest.raises(AuthError, match=r"no client_secret is configured for connection ozon_perf:main") as e:
        OzonPerfConnector("main", "1-2@advertising.performance.ozon.ru", " ")
    assert "svodka connect ozon-perf --name main" in str(e.value)
    with pytest.raises(ConfigError, match="unknown Ozon Performance host families"):
        OzonPerfConnector("main", "id", "secret", hosts={"api-perfomance": "http://127.0.0.1:9"})
    with OzonPerfConnector("main", "id", "secret") as c:
        assert (
            c.http.url("api-performance", "/api/client/campaign")
            == "https://api-performance.ozon.ru/api/client/campaign"
        )
        with pytest.raises(ConfigError, match="no stream 'ozon_perf_stat'"):
            c.stream("ozon_perf_stat")
    assert HOST_FAMILIES == ("api-performance",)
    with pytest.raises(ValueError):
        OzonPerfOptions(campaigns_per_report=11)
    with pytest.raises(ValueError):
        OzonPerfOptions(stats_window_days=63)


def test_docs_list_every_option_and_stream():
    from svodka.sources.ozon_perf import STREAMS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "connectors.md").read_text()
    section = doc.split("\n## Ozon Performance", 1)[1].split("\n## ", 1)[0]
    cells = {
        line.strip("|").split("|")[0].strip().strip("`"): [
            c.strip() for c in line.strip().strip("|").split("|")
        ]
        for line in section.splitlines()
        if line.startswith("|")
    }
    for name, field in OzonPerfOptions.model_fields.items():
        assert name in cells, f"option {name} is missing from the Ozon Performance section"
        assert float(cells[name][1]) == float(field.default), name
    for cls in STREAMS:
        assert cls.name in cells, f"stream {cls.name} is missing from the Ozon Performance section"
        shown = re.sub(r"[`\s]", "", cells[cls.name][3]).replace('"', "'")
        assert shown == repr(cls.record_path).replace(" ", ""), cls.name
