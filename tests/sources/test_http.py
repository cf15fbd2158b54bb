"""The shared HTTP client over real HTTP: retries, server waits, status table, auth, prefixes."""

from __future__ import annotations

import random
import socket

import pytest

from svodka.errors import AuthError, ConfigError, FatalSourceError, RetriableError
from svodka.sources.http import Action, HttpClient, Response, RetryPolicy
from svodka.sources.ratelimit import RateLimiter, RatePolicy

PATH = "/api/v1/supplier/orders"


@pytest.fixture
def make(server, clock, token):
    """Factory: a client on the scripted server whose sleeps go to the fake clock."""
    made = []

    def build(**kw) -> HttpClient:
        kw.setdefault("retry", RetryPolicy(max_tries=4, max_seconds=300, backoff_base=1.0, jitter=0.25))
        kw.setdefault("rng", random.Random(7))
        c = HttpClient(
            "wb:main",
            {"statistics-api": server.url + "/stat"},
            secret_headers={"Authorization": token},
            sleep=clock.sleep,
            **kw,
        )
        made.append(c)
        return c

    yield build
    for c in made:
        c.close()


def get(client: HttpClient, **kw) -> Response:
    return client.request("GET", "statistics-api", PATH, params={"dateFrom": "2026-11-01", "flag": 0}, **kw)


def test_sends_the_token_raw_and_keeps_it_out_of_the_request_record(server, make, reply, token):
    server.route("GET", "/stat" + PATH, reply(body=[{"srid": "a"}]))
    resp = get(make())
    assert resp.action is Action.OK and resp.data == [{"srid": "a"}]
    (seen,) = server.requests
    assert seen.headers["authorization"] == token
    assert seen.query == {"dateFrom": "2026-11-01", "flag": "0"}
    assert resp.request == {
        "method": "GET",
        "url": server.url + "/stat" + PATH,
        "params": {"dateFrom": "2026-11-01", "flag": 0},
        "json": None,
    }
    assert token not in repr(resp.request) and token not in repr(make())


def test_base_url_prefix_is_kept_when_joining_paths(server, clock, reply):
    server.route("GET", "/wb/statistics-api/api/v1/supplier/sales", reply(body=[]))
    with HttpClient(
        "wb:main", {"statistics-api": server.url + "/wb/statistics-api/"}, sleep=clock.sleep
    ) as c:
        assert (
            c.url("statistics-api", "/api/v1/supplier/sales")
            == server.url + "/wb/statistics-api/api/v1/supplier/sales"
        )
        c.request("GET", "statistics-api", "/api/v1/supplier/sales")
    assert server.requests[0].path == "/wb/statistics-api/api/v1/supplier/sales"


def test_429_waits_as_long_as_x_ratelimit_retry_says(server, make, reply, clock):
    server.route(
        "GET",
        "/stat" + PATH,
        [
            reply(
                429,
                {"title": "too many requests", "detail": "limited by c122a060"},
                headers={"X-Ratelimit-Retry": "7", "X-Ratelimit-Reset": "40", "X-Ratelimit-Limit": "10"},
            ),
            reply(body=[]),
        ],
    )
    assert get(make()).data == []
    assert len(server.requests) == 2
    (wait,) = clock.sleeps
    assert 7 <= wait <= 7.7  # never earlier than the server said, a little jitter after


def test_429_honours_retry_after_and_falls_back_to_x_ratelimit_reset(server, make, reply, clock):
    server.route(
        "GET",
        "/stat" + PATH,
        [
            reply(429, {"title": "too many requests"}, headers={"Retry-After": "3"}),
            reply(429, {"title": "too many requests"}, headers={"X-Ratelimit-Reset": "5"}),
            reply(body=[]),
        ],
    )
    get(make())
    assert 3 <= clock.sleeps[0] <= 3.3 and 5 <= clock.sleeps[1] <= 5.5


def test_429_pushes_back_the_rate_limit_bucket_for_everyone(server, make, reply, clock):
    limiter = RateLimiter(
        [RatePolicy("orders", interval=1.0, burst=10, routes=(("GET", PATH),))],
        clock=clock,
        sleep=clock.sleep,
    )
    server.route("GET", "/stat" + PATH, [reply(429, {}, headers={"X-Ratelimit-Retry": "20"}), reply(body=[])])
    client = make(limiter=limiter, rng=random.Random(0))
    get(client)
    # The retry slept ~20 s; the bucket (shared with other threads) was deferred to the same
    # instant, so the retry itself did not wait again, and the burst is gone afterwards.
    assert len(clock.sleeps) == 1 and 20 <= clock.sleeps[0] <= 22
    assert limiter.acquire("GET", PATH) > 0


def test_5xx_is_retried_with_exponential_backoff(server, make, reply, clock):
    server.route(
        "GET",
        "/stat" + PATH,
        [reply(502, b"<html>bad gateway</html>"), reply(503, {}), reply(body=[{"srid": "x"}])],
    )
    assert get(make()).data == [{"srid": "x"}]
    assert len(clock.sleeps) == 2
    assert 0.75 <= clock.sleeps[0] <= 1.25 and 1.5 <= clock.sleeps[1] <= 2.5  # base 1 s, doubling, ±25 %


def test_timeout_then_success(server, make, reply):
    server.route("GET", "/stat" + PATH, [reply(body=[], delay=1.0), reply(body=[{"srid": "late"}])])
    assert get(make(timeout=0.2)).data == [{"srid": "late"}]
    assert len(server.requests) == 2


def test_truncated_body_then_success(server, make, reply):
    body = [{"srid": str(i)} for i in range(50)]
    server.route("GET", "/stat" + PATH, [reply(body=body, truncate=40), reply(body=body)])
    assert len(get(make()).data) == 50
    assert len(server.requests) == 2


def test_200_whose_json_does_not_parse_is_retried(server, make, reply):
    server.route("GET", "/stat" + PATH, [reply(body=b'[{"srid": "1"}, {"sr'), reply(body=[{"srid": "1"}])])
    assert get(make()).data == [{"srid": "1"}]
    assert len(server.requests) == 2


def test_retries_are_capped_then_the_retriable_error_surfaces(server, make, reply):
    server.route("GET", "/stat" + PATH, reply(500, {"title": "internal error"}))
    with pytest.raises(RetriableError, match=r"gave up after 4 tries.*HTTP 500: internal error") as e:
        get(make())
    assert len(server.requests) == 4 and "wb:main" in str(e.value)


def test_a_server_wait_beyond_the_time_cap_gives_up_at_once(server, make, reply, clock):
    server.route("GET", "/stat" + PATH, reply(429, {}, headers={"X-Ratelimit-Retry": "7200"}))
    with pytest.raises(RetriableError) as e:
        get(make(retry=RetryPolicy(max_tries=5, max_seconds=600)))
    assert e.value.retry_after == 7200 and clock.sleeps == [] and len(server.requests) == 1


def test_network_errors_are_retriable(clock):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with (
        HttpClient(
            "wb:main",
            {"statistics-api": f"http://127.0.0.1:{port}"},
            sleep=clock.sleep,
            retry=RetryPolicy(max_tries=3),
        ) as c,
        pytest.raises(RetriableError, match="ConnectError"),
    ):
        c.request("GET", "statistics-api", PATH)
    assert len(clock.sleeps) == 2


@pytest.mark.parametrize("status", [401, 403])
def test_401_and_403_raise_auth_error_naming_the_connection_without_the_token(
    server, make, reply, token, status
):
    # Even if a server echoed the token back, it must not reach the message.
    server.route(
        "GET",
        "/stat" + PATH,
        reply(
            status,
            {
                "title": "unauthorized",
                "detail": f"token problem; token {token} is malformed",
                "status": status,
            },
        ),
    )
    hint = "Give connection wb:main a token with the Statistics category: svodka connect wb --name main"
    with pytest.raises(AuthError) as e:
        get(make(auth_hint=lambda host, path: hint))
    text = str(e.value)
    assert "wb:main" in text and "Statistics" in text and "svodka connect" in text
    assert "unauthorized" in text and f"HTTP {status}" in text
    assert token not in text and token not in repr(e.value.args)
    assert len(server.requests) == 1  # never retried


def test_other_4xx_is_fatal_with_the_servers_error_text(server, make, reply):
    server.route("GET", "/stat" + PATH, reply(400, {"errors": ["dateFrom: field required"]}))
    with pytest.raises(FatalSourceError, match="dateFrom: field required") as e:
        get(make())
    assert not isinstance(e.value, AuthError) and len(server.requests) == 1


def test_204_is_no_data(server, make, reply):
    server.route("GET", "/stat" + PATH, reply(204, b""))
    resp = get(make())
    assert resp.action is Action.NO_DATA and resp.data is None and resp.body == b""


def test_a_source_overrides_one_row_of_the_status_table(server, make, reply):
    server.route(
        "GET", "/stat" + PATH, reply(body={"data": None, "error": True, "errorText": "Internal error"})
    )

    def flagged(resp: Response) -> Action:
        return Action.FATAL if resp.data.get("error") else Action.OK

    with pytest.raises(FatalSourceError, match="Internal error"):
        get(make(), status_actions={200: flagged})
    server.route("GET", "/stat" + PATH, reply(404, {"title": "not found"}))
    assert get(make(status_actions={404: Action.NO_DATA})).action is Action.NO_DATA


def test_bad_base_urls_are_configuration_errors():
    with pytest.raises(ConfigError, match="must start with http"):
        HttpClient("wb:main", {"statistics-api": "statistics-api.wildberries.ru"})
    with HttpClient("wb:main", {}) as c, pytest.raises(ConfigError, match="no base URL"):
        c.url("finance-api", "/x")
