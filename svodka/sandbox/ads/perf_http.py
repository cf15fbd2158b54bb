"""The request pipeline of the Ozon Performance API: bearer token → injected faults → handler.

Errors use the document's `rpcStatus` envelope, `{"error": "<text>"}`. Tokens come from
POST /api/client/token for the service account's client_id/client_secret and last 1800 s of the
sandbox clock (`srv.ozon_perf_token_ttl` shortens the real lifetime, `expires_in` stays 1800;
`srv.ozon_perf_token_max_requests` makes a token expire after that many authorised requests),
so a test can force a token to expire in the middle of a sync.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from svodka.sandbox.clock import msk_seconds
from svodka.sandbox.http import Call, Reply, RequestRecord

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

TOKEN_LIFETIME_S = 1800  # the documented expires_in


def perf_credentials(seed: int) -> tuple[str, str]:
    """The seller's Performance service account: (client_id, client_secret), derived from the seed."""
    h = hashlib.sha256(f"ozon-performance-{seed}".encode()).hexdigest()
    account = f"{int(h[:8], 16) % 90_000_000 + 10_000_000}-{1_700_000_000 + int(h[8:16], 16) % 99_999_999}"
    return f"{account}@advertising.performance.ozon.ru", h[16:56]


@dataclass
class PerfCall(Call):
    """A Call that also keeps repeated query parameters (`campaignIds=1&campaignIds=2`)."""

    query_lists: dict[str, list[str]] = field(default_factory=dict)


def error(status: int, text: str) -> Reply:
    """An rpcStatus error body."""
    return Reply.json({"error": text}, status)


class PerfTokens:
    """Bearer tokens of the Performance API (thread-safe)."""

    def __init__(self, seed: int) -> None:
        self._key = hashlib.sha256(f"perf-token-{seed}".encode()).digest()
        self._tokens: dict[str, list[float]] = {}  # token → [expires at (unix s), requests left]
        self._lock = threading.Lock()

    def issue(self, now: float, ttl: float, max_requests: int | None) -> str:
        """A new token valid until `now + ttl` (unix seconds) and for `max_requests` requests."""
        with self._lock:
            n = len(self._tokens)
            token = "eyJ" + hashlib.sha256(self._key + n.to_bytes(8, "big")).hexdigest() * 2
            left = float("inf") if max_requests is None else float(max_requests)
            self._tokens[token] = [now + ttl, left]
        return token

    def check(self, header: str, now: float) -> str:
        """ "" when the Authorization header carries a live token, else the error text."""
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return "Unauthorized: no bearer token"
        with self._lock:
            state = self._tokens.get(token.strip())
            if state is None:
                return "Unauthorized: invalid token"
            if state[0] <= now or state[1] <= 0:
                return "Unauthorized: token is expired"
            state[1] -= 1
        return ""


async def serve_perf(
    srv: SandboxServer,
    tokens: PerfTokens,
    request: Request,
    handler: Callable[[PerfCall], Reply],
    auth: bool = True,
    record_path: str | None = None,
) -> Response:
    """Run one Performance API request; `record_path` names the records for the drift faults."""
    body = await request.body()
    reply = await _pipeline(srv, tokens, request, handler, auth, record_path, body)
    summary = request.url.query or body[:200].decode("utf-8", "replace")
    srv.requests.append(RequestRecord(request.method, request.url.path, summary, reply.status))
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.content_type)


async def _pipeline(
    srv: SandboxServer,
    tokens: PerfTokens,
    request: Request,
    handler: Callable[[PerfCall], Reply],
    auth: bool,
    record_path: str | None,
    body: bytes,
) -> Reply:
    now = srv.now()
    if auth:
        problem = tokens.check(request.headers.get("authorization", ""), now.timestamp())
        if problem:
            return error(401, problem)
    faults = srv.faults
    draws = faults.draw() if auth else {}
    if auth and faults.latency_ms:
        await asyncio.sleep(faults.latency_ms / 1000.0)
    if draws.get("429"):
        return error(429, "Too many requests")
    if draws.get("5xx"):
        if draws.get("503"):
            return Reply(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html")
        return error(500, "internal error")
    if draws.get("timeout"):
        await asyncio.sleep(faults.timeout_s)
    params = request.query_params
    call = PerfCall(
        request.method,
        request.url.path,
        dict(params),
        dict(request.path_params),
        body,
        now,
        msk_seconds(now),
        {k: params.getlist(k) for k in params},
    )
    reply = await run_in_threadpool(handler, call)
    if auth and reply.status == 200:
        if record_path is not None and faults.reshapes:
            reply.body = faults.reshape_body(reply.body, record_path)
        if draws.get("truncate"):
            reply.body = reply.body[: len(reply.body) // 2]
    return reply


def json_body(call: Call) -> dict | None:
    """The request body as a JSON object (None when it is not one)."""
    try:
        body = orjson.loads(call.body) if call.body else None
    except orjson.JSONDecodeError:
        return None
    return body if isinstance(body, dict) else None
