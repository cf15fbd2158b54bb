"""Throttling before sending, asserted on a fake clock (no wall-time assertions)."""

from __future__ import annotations

import threading

from svodka.sources.ratelimit import RateLimiter, RatePolicy

STATUS = "/api/v1/warehouse_remains/tasks/{task_id}/status"


def times(limiter: RateLimiter, clock, n: int, method: str = "GET", path: str = "/x") -> list[float]:
    """When each of `n` back-to-back requests is allowed to go, relative to the start."""
    start, out = clock.now, []
    for _ in range(n):
        limiter.acquire(method, path)
        out.append(round(clock.now - start, 6))
    return out


def test_burst_then_one_per_interval(clock):
    # WB statistics orders: 1 request per minute, burst 10.
    orders = RatePolicy.per_period("orders", 1, 60, 10, [("GET", "/x")])
    limiter = RateLimiter([orders], clock=clock, sleep=clock.sleep)
    assert times(limiter, clock, 12) == [0.0] * 10 + [60.0, 120.0]


def test_burst_refills_while_idle(clock):
    limiter = RateLimiter(
        [RatePolicy("p", interval=10, burst=2, routes=(("GET", "/x"),))], clock=clock, sleep=clock.sleep
    )
    assert times(limiter, clock, 3) == [0.0, 0.0, 10.0]
    clock.now += 100  # idle long enough to refill the whole burst, not more
    assert times(limiter, clock, 3) == [0.0, 0.0, 10.0]


def test_scale_speeds_up_and_zero_turns_throttling_off(clock):
    prices = RatePolicy.per_period("prices", 10, 6, 5, [("GET", "/x")])  # 600 ms, burst 5
    fast = RateLimiter([prices], scale=0.01, clock=clock, sleep=clock.sleep)
    assert times(fast, clock, 7) == [0.0] * 5 + [0.006, 0.012]
    off = RateLimiter([prices], scale=0, clock=clock, sleep=clock.sleep)
    assert times(off, clock, 50) == [0.0] * 50 and len(clock.sleeps) == 2  # only the two above


def test_policies_match_method_and_path_pattern(clock):
    status = RatePolicy.per_period("status", 1, 5, 1, [("GET", STATUS)])
    limiter = RateLimiter([status], clock=clock, sleep=clock.sleep)
    assert status.matches("get", "/api/v1/warehouse_remains/tasks/06e06887-9d9f/status")
    assert not status.matches("GET", "/api/v1/warehouse_remains/tasks/a/b/status")
    assert not status.matches("POST", "/api/v1/warehouse_remains/tasks/a/status")
    assert times(limiter, clock, 2, path="/api/v1/warehouse_remains/tasks/t1/status") == [0.0, 5.0]
    assert times(limiter, clock, 3, path="/unlimited") == [0.0, 0.0, 0.0]


def test_a_group_limit_is_shared_by_its_routes(clock):
    group = RatePolicy(
        "prices",
        interval=1,
        burst=1,
        routes=(("GET", "/api/v2/list/goods/filter"), ("POST", "/api/v2/list/goods/filter")),
    )
    limiter = RateLimiter([group], clock=clock, sleep=clock.sleep)
    limiter.acquire("GET", "/api/v2/list/goods/filter")
    assert limiter.acquire("POST", "/api/v2/list/goods/filter") == 1.0


def test_every_matching_policy_is_honoured(clock):
    method = RatePolicy("method", interval=1, burst=1, routes=(("GET", "/x"),))
    category = RatePolicy("category", interval=3, burst=1, routes=(("GET", "/x"), ("GET", "/y")))
    limiter = RateLimiter([method, category], clock=clock, sleep=clock.sleep)
    assert times(limiter, clock, 3) == [0.0, 3.0, 6.0]


def test_defer_blocks_until_the_server_said_and_takes_the_burst(clock):
    limiter = RateLimiter(
        [RatePolicy("p", interval=1, burst=10, routes=(("GET", "/x"),))], clock=clock, sleep=clock.sleep
    )
    limiter.defer("GET", "/x", 30)
    assert times(limiter, clock, 3) == [30.0, 31.0, 32.0]


def test_same_policy_name_registers_once():
    p = RatePolicy("p", interval=1, burst=1, routes=(("GET", "/x"),))
    limiter = RateLimiter([p, p])
    limiter.add(RatePolicy("p", interval=9, burst=1))
    assert limiter.policies == [p]


def test_thread_safe_every_thread_gets_its_own_slot():
    # A clock that never moves and a sleep that only records: each reservation's wait is its slot.
    waits: list[float] = []
    lock = threading.Lock()

    def record(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    limiter = RateLimiter(
        [RatePolicy("p", interval=1, burst=1, routes=(("GET", "/x"),))], clock=lambda: 0.0, sleep=record
    )
    threads = [
        threading.Thread(target=lambda: [limiter.acquire("GET", "/x") for _ in range(25)]) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(waits) == [float(i) for i in range(1, 200)]  # slot 0 needed no sleep; no slot twice
