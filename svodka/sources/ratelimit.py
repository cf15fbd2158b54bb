"""Throttle before sending: one token bucket per documented limit, matched to the request.

Marketplaces limit each method (or a group of methods) per seller account and describe the
limit as *Period / Limit / Interval / Burst* (WB's own words): one request per `interval`
on average, up to `burst` at once. We model each as a GCRA bucket ("virtual scheduling"),
which is the token bucket expressed as one timestamp: cheap, exact, and easy to lock.

A request takes a slot from every policy that matches it *before* it is sent, so a
well-behaved connector rarely sees a 429; when it does, `defer()` pushes the bucket back
by the server's `X-Ratelimit-Retry` so every thread sharing the bucket waits too.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class RatePolicy:
    """A documented limit: `burst` requests at once, then one per `interval` seconds.

    `routes` are ``(METHOD, path pattern)`` pairs; ``{name}`` in a pattern matches one
    path segment, so ``/tasks/{task_id}/status`` covers every task. A policy with several
    routes is a shared (group) limit, e.g. "all methods of the Prices category".
    """

    name: str
    interval: float
    burst: int = 1
    routes: tuple[tuple[str, str], ...] = ()
    _compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.interval < 0 or self.burst < 1:
            raise ValueError(f"rate policy {self.name}: interval must be >= 0 and burst >= 1")
        compiled = tuple((m.upper(), _compile(p)) for m, p in self.routes)
        object.__setattr__(self, "_compiled", compiled)

    @classmethod
    def per_period(
        cls, name: str, limit: int, period: float, burst: int, routes: Iterable[tuple[str, str]]
    ) -> RatePolicy:
        """Build a policy from WB's table row: `limit` requests per `period` seconds, `burst`."""
        return cls(name=name, interval=period / limit, burst=burst, routes=tuple(routes))

    def matches(self, method: str, path: str) -> bool:
        """True if the request ``method path`` falls under this limit."""
        method = method.upper()
        return any(m == method and rx.fullmatch(path) for m, rx in self._compiled)


def _compile(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^/{}]+\})", pattern)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


class _Bucket:
    """GCRA state of one policy: `tat` is the theoretical arrival time of the next request."""

    def __init__(self, interval: float, burst: int) -> None:
        self.interval = interval
        self.tolerance = interval * (burst - 1)
        self.tat = float("-inf")
        self.lock = threading.Lock()

    def reserve(self, now: float) -> float:
        """Take the next slot; return how long to wait (seconds) before using it."""
        with self.lock:
            tat = max(self.tat, now)
            allowed_at = tat - self.tolerance
            self.tat = tat + self.interval
            return max(0.0, allowed_at - now)

    def defer(self, now: float, seconds: float) -> None:
        """The server said "not before now + seconds": no slot before then, and no burst."""
        with self.lock:
            self.tat = max(self.tat, now + seconds + self.tolerance)


class RateLimiter:
    """Thread-safe set of rate policies; `acquire` blocks until every matching bucket has a slot.

    `scale` multiplies every interval: 1.0 = documented limits, 0.01 = 100× faster (sandbox),
    0 = throttling off. `clock` and `sleep` are injectable so tests use a fake clock.
    """

    def __init__(
        self,
        policies: Sequence[RatePolicy] = (),
        *,
        scale: float = 1.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        if scale < 0:
            raise ValueError("rate limit scale must be >= 0")
        self.scale = scale
        self.clock = clock
        self.sleep = sleep
        self._policies: list[tuple[RatePolicy, _Bucket]] = []
        self._lock = threading.Lock()
        for p in policies:
            self.add(p)

    def add(self, policy: RatePolicy) -> None:
        """Register a policy (a second policy with the same name is ignored: limits are shared)."""
        with self._lock:
            if any(p.name == policy.name for p, _ in self._policies):
                return
            self._policies.append((policy, _Bucket(policy.interval * self.scale, policy.burst)))

    @property
    def policies(self) -> list[RatePolicy]:
        """The registered policies, in registration order."""
        return [p for p, _ in self._policies]

    def matching(self, method: str, path: str) -> list[RatePolicy]:
        """Policies that apply to ``method path``."""
        return [p for p, _ in self._policies if p.matches(method, path)]

    def acquire(self, method: str, path: str) -> float:
        """Wait for a slot in every policy matching the request; return the seconds waited."""
        if self.scale == 0:
            return 0.0
        now = self.clock()
        wait = max((b.reserve(now) for p, b in self._policies if p.matches(method, path)), default=0.0)
        if wait > 0:
            self.sleep(wait)
        return wait

    def defer(self, method: str, path: str, seconds: float) -> None:
        """Push every matching bucket back by the server's wait (a 429's `X-Ratelimit-Retry`)."""
        if self.scale == 0 or seconds <= 0:
            return
        now = self.clock()
        for p, b in self._policies:
            if p.matches(method, path):
                b.defer(now, seconds)
