"""The request pipeline of api.partner.market.yandex.ru and its `{status: ERROR, errors}` envelope.

Order of checks: `Api-Key` header (401 UNAUTHORIZED when missing, 403 FORBIDDEN when unknown) →
at most `srv.ym_parallel_limit` requests in flight per resource (campaign or business of the
path, else the key), 420 past it → the method. Every answer carries the
`X-RateLimit-Resource-Limit/-Remaining/-Until` headers of the parallel limit.
`srv.ym_hold_s` keeps each request in flight that long (to make the parallel limit testable).
`srv.faults` applies to every keyed method (not file downloads): its 429 draws answer 420 (YM's
"limit exceeded"), 5xx draws 500 INTERNAL_ERROR, plus latency, timeouts and truncated bodies.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from svodka.sandbox.clock import msk_seconds
from svodka.sandbox.http import Call, Reply, RequestRecord

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

PARALLEL_LIMIT = 4


def api_key(seed: int) -> str:
    """The seller's Api-Key (deterministic per seed), in the documented `ACMA:…` shape."""
    h = hashlib.sha256(f"ym-key-{seed}".encode()).hexdigest()
    return f"ACMA:{base64.b64encode(h[:30].encode()).decode()[:40]}:{h[30:38]}"


def error(status: int, code: str, message: str) -> Reply:
    """A YM error answer: `{"status": "ERROR", "errors": [{"code", "message"}]}`."""
    return Reply.json({"status": "ERROR", "errors": [{"code": code, "message": message}]}, status)


def ok(result: object) -> Reply:
    return Reply.json({"status": "OK", "result": result})


def page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset={offset}".encode()).decode()


def page(call: Call, default: int, cap: int) -> tuple[int, int] | Reply:
    """(offset, limit) of the page asked by `page_token`/`pageToken` and `limit`, or a 400."""
    q = call.query
    token = q.get("page_token") or q.get("pageToken") or ""
    try:
        limit = int(q.get("limit", default))
        offset = int(base64.urlsafe_b64decode(token.encode()).decode().split("=", 1)[1]) if token else 0
    except (ValueError, IndexError, UnicodeDecodeError):
        return error(400, "BAD_REQUEST", "Invalid page_token or limit")
    if not 1 <= limit <= cap or offset < 0:
        return error(400, "BAD_REQUEST", f"limit must be between 1 and {cap}")
    return offset, limit


def paging(offset: int, limit: int, total: int) -> dict:
    """`paging` of a page: nextPageToken only when more rows follow."""
    return {"nextPageToken": page_token(offset + limit)} if offset + limit < total else {}


class Inflight:
    """Requests in flight per resource."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._n: dict[str, int] = {}

    def enter(self, key: str, limit: int) -> int | None:
        """Remaining slots after entering, or None when the limit is reached."""
        with self._lock:
            n = self._n.get(key, 0)
            if n >= limit:
                return None
            self._n[key] = n + 1
            return limit - n - 1

    def leave(self, key: str) -> None:
        with self._lock:
            self._n[key] -= 1


Handler = Callable[[Call], Reply]


async def serve(srv: SandboxServer, request: Request, handler: Handler, auth: bool = True) -> Response:
    """Run one request through the key check, the parallel limit and the handler."""
    now = srv.now()
    body = await request.body()
    reply = await _run(srv, request, handler, auth, body, now)
    srv.requests.append(RequestRecord(request.method, request.url.path, request.url.query, reply.status))
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.content_type)


async def _run(srv, request, handler, auth, body, now) -> Reply:
    given = request.headers.get("api-key", "")
    if auth and not given:
        return error(401, "UNAUTHORIZED", "Api-Key header is required")
    if auth and given != srv.ym_api_key:
        return error(403, "FORBIDDEN", "Access denied: the Api-Key is invalid")
    pp = dict(request.path_params)
    key = pp.get("campaignId") or pp.get("businessId") or "key"
    limit = srv.ym_parallel_limit
    until = (now + timedelta(seconds=1)).isoformat(timespec="seconds")
    left = srv.ym_inflight.enter(key, limit)
    headers = {"X-RateLimit-Resource-Limit": str(limit), "X-RateLimit-Resource-Until": until}
    if left is None:
        reply = error(420, "LIMIT_EXCEEDED", f"Parallel request limit of {limit} exceeded for {key}")
        reply.headers = headers | {"X-RateLimit-Resource-Remaining": "0"}
        return reply
    try:
        if srv.ym_hold_s:
            await asyncio.sleep(srv.ym_hold_s)
        faults = srv.faults
        draws = faults.draw() if auth else {}
        if auth and faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000.0)
        if draws.get("429") or draws.get("5xx"):
            reply = (
                error(420, "LIMIT_EXCEEDED", "Request limit exceeded, try later")
                if draws.get("429")
                else error(500, "INTERNAL_ERROR", "Internal server error")
            )
            reply.headers = headers | {
                "X-RateLimit-Resource-Remaining": "0" if draws.get("429") else str(left)
            }
            return reply
        if draws.get("timeout"):
            await asyncio.sleep(faults.timeout_s)
        call = Call(
            request.method, request.url.path, dict(request.query_params), pp, body, now, msk_seconds(now)
        )
        reply = await run_in_threadpool(handler, call)
    finally:
        srv.ym_inflight.leave(key)
    if draws.get("truncate") and reply.status == 200:
        reply.body = reply.body[: len(reply.body) // 2]
    reply.headers = headers | {"X-RateLimit-Resource-Remaining": str(left)} | reply.headers
    return reply
