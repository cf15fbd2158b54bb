"""MPStats' gate: token, throttling, the per-plan request quota and "202, not ready yet".

Order of checks: token (`X-Mpstats-TOKEN` header or `auth-token` query; 401) → injected
throttling (429, `Retry-After`) → quota (429 with `Retry-After` = seconds until the reset, once
the plan's requests are spent) → parameters (400) → 202 for heavy requests not built yet. Every data
answer (200) spends one request; 401/429/202 and `GET /api/user/report_api_limit` spend nothing.
The quota is per Moscow calendar day of the sandbox clock (resets at 00:00 MSK).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import orjson
from starlette.requests import Request
from starlette.responses import Response

from svodka.sandbox.clock import MSK

JSON = "application/json; charset=utf-8"


def reply(obj: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON answer."""
    return Response(orjson.dumps(obj), status, headers=headers, media_type=JSON)


@dataclass
class MpstatsState:
    """The sandbox's MPStats account. Change the knobs in tests (and put them back)."""

    token: str
    quota: int = 2500  # requests per period (the plan's limit)
    accepted_polls: int = 1  # a heavy request answers 202 this many times before its data
    throttle_left: int = 0  # the next N data requests answer 429 (injected rate limiting)
    retry_after: int = 1  # Retry-After of those 429s, seconds
    used: int = 0
    period: str = ""  # Moscow date of the quota period in use
    pending: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def for_seed(cls, seed: int) -> MpstatsState:
        return cls(hashlib.sha256(f"mpstats-{seed}".encode()).hexdigest()[:40])

    def throttle(self, n: int, retry_after: int = 1) -> None:
        """Answer the next `n` data requests with 429 and `Retry-After: retry_after`."""
        self.throttle_left, self.retry_after = n, retry_after

    def roll(self, now: datetime) -> None:
        """Start a new quota period when the Moscow date changed."""
        day = now.astimezone(MSK).date().isoformat()
        if day != self.period:
            self.period, self.used = day, 0

    def limit(self, now: datetime) -> dict[str, int]:
        """`report_api_limit`: the plan's requests per period and those spent this period."""
        self.roll(now)
        return {"available": self.quota, "use": self.used}


def _seconds_to_reset(now: datetime) -> int:
    msk = now.astimezone(MSK)
    nxt = datetime.combine(msk.date() + timedelta(days=1), datetime.min.time(), MSK)
    return max(1, int((nxt - msk).total_seconds()))


def gate(state: MpstatsState, request: Request, now: datetime) -> Response | None:
    """The refusal of this request (token, throttling, quota), or None to go on."""
    token = request.headers.get("x-mpstats-token") or request.query_params.get("auth-token", "")
    if token != state.token:
        return reply({"message": "Неверный токен авторизации"}, 401)
    if state.throttle_left > 0:
        state.throttle_left -= 1
        msg = "Слишком много запросов, повторите позже"
        return reply({"message": msg}, 429, {"Retry-After": str(state.retry_after)})
    state.roll(now)
    if state.used >= state.quota:
        wait = _seconds_to_reset(now)
        msg = f"Исчерпан лимит запросов тарифа ({state.quota}); лимит обновится через {wait} с"
        return reply({"message": msg}, 429, {"Retry-After": str(wait)})
    return None


def not_ready(state: MpstatsState, key: tuple) -> Response | None:
    """202 for the first `accepted_polls` valid calls of a heavy request (same method and query)."""
    seen = state.pending.get(key, 0)
    if seen >= state.accepted_polls:
        return None
    state.pending[key] = seen + 1
    return reply({"message": "Запрос принят, данные готовятся. Повторите запрос позже"}, 202)


def spend(state: MpstatsState) -> None:
    """Count one served data request against the quota."""
    state.used += 1


class MpstatsServer:
    """Mixed into SandboxServer: the MPStats account and addresses."""

    @property
    def mpstats(self) -> MpstatsState:
        """The MPStats account state (token, quota, 202 and throttling knobs)."""
        if "_mpstats" not in self.__dict__:
            self.__dict__["_mpstats"] = MpstatsState.for_seed(self.world.spec.seed)  # type: ignore[attr-defined]
        return self.__dict__["_mpstats"]

    @property
    def mpstats_token(self) -> str:
        """The X-Mpstats-TOKEN of the sandbox account."""
        return self.mpstats.token

    @property
    def mpstats_host(self) -> str:
        """Stands for https://mpstats.io (host override "mpstats")."""
        return f"{self.base_url}/mpstats"  # type: ignore[attr-defined]

    @property
    def mpstats_base_url(self) -> str:
        """Stands for https://mpstats.io/api: methods are under it, e.g. /wb/get/category."""
        return f"{self.mpstats_host}/api"
