"""The request pipeline every WB method goes through, and WB's error envelopes.

Order of checks, as on WB's gateway: token (401) → rate limit (429) → injected faults →
the method itself. Handlers are plain functions (run in a worker thread) taking a `Call` and
returning a `Reply`.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from svodka.sandbox.auth import FAMILY_CATEGORY, TokenError
from svodka.sandbox.clock import msk_seconds

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

PROBLEM = "application/problem+json"
JSON = "application/json; charset=utf-8"
STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class RequestRecord(NamedTuple):
    """One served request, for tests: method, path, params/body summary, status."""

    method: str
    path: str
    params: str
    status: int


@dataclass
class Call:
    """What a handler sees of a request."""

    method: str
    path: str
    query: dict[str, str]
    path_params: dict[str, str]
    body: bytes
    now: datetime
    now_s: int  # Moscow seconds

    def json(self) -> Any:
        """The body parsed as JSON (raises orjson.JSONDecodeError)."""
        return orjson.loads(self.body) if self.body else None


@dataclass
class Reply:
    """A handler's answer."""

    status: int
    body: bytes = b""
    content_type: str | None = JSON
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, obj: Any, status: int = 200, content_type: str = JSON) -> Reply:
        """A JSON answer."""
        return cls(status, orjson.dumps(obj), content_type)

    @classmethod
    def rows(cls, rows: list[bytes]) -> Reply:
        """A JSON array from pre-rendered UTF-8 objects (rows are encoded one by one: a page can be
        hundreds of megabytes, and a Python str of Cyrillic text takes twice its UTF-8 size)."""
        return cls(200, b"[" + b",".join(rows) + b"]")

    @classmethod
    def no_content(cls) -> Reply:
        """HTTP 204 with an empty body."""
        return cls(204, b"", None)


def request_id(*parts: object) -> str:
    """A WB-style 32-hex request id (deterministic for the same inputs)."""
    return hashlib.md5(repr(parts).encode()).hexdigest()


def problem(
    status: int, title: str, detail: str, now: datetime, origin: str = "s2s-api-auth-catalog", rid: str = ""
) -> Reply:
    """WB gateway's problem+json body (401, 404, 429, 5xx)."""
    body = {
        "title": title,
        "detail": detail,
        "code": request_id("code", title)[:12] + "-[UK-sandbox]",
        "requestId": rid or request_id(title, detail, now.isoformat()),
        "origin": origin,
        "status": status,
        "statusText": STATUS_TEXT.get(status, ""),
        "timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return Reply.json(body, status, PROBLEM)


def not_found(now: datetime) -> Reply:
    """404 for a path no WB host serves."""
    return problem(
        404, "path not found", "Please consult the https://dev.wildberries.ru/openapi/api-information", now
    )


Handler = Callable[[Call], Reply]


async def serve(
    srv: SandboxServer,
    request: Request,
    family: str,
    bucket: str,
    handler: Handler,
    data: bool = True,
    record_path: str = "",
) -> Response:
    """Run one request through auth, limits, faults and the handler."""
    now = srv.now()
    body = await request.body()
    reply = await _pipeline(srv, request, family, bucket, handler, data, record_path, now, body)
    summary = request.url.query or body[:200].decode("utf-8", "replace")
    srv.requests.append(RequestRecord(request.method, request.url.path, summary, reply.status))
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.content_type)


async def _pipeline(
    srv: SandboxServer,
    request: Request,
    family: str,
    bucket: str,
    handler: Handler,
    data: bool,
    record_path: str,
    now: datetime,
    body: bytes,
) -> Reply:
    token = request.headers.get("authorization", "")
    if not token:
        return problem(401, "unauthorized", "empty Authorization header", now)
    try:
        info = srv.auth.verify(token, int(now.timestamp()))
    except TokenError as exc:
        return problem(401, "unauthorized", str(exc), now)
    need = FAMILY_CATEGORY[family]
    if need is not None and need not in info.categories:
        return problem(401, "unauthorized", "token scope not allowed for this API route", now)
    seller = info.seller_id if bucket != "ping" else f"{info.seller_id}:{family}"
    decision = srv.limiter.take(seller, bucket)
    if not decision.allowed:
        return _too_many(srv, now, decision.retry_s, decision.reset_s, decision.limit)
    faults = srv.faults
    draws = faults.draw() if data else {}
    if data and faults.latency_ms:
        await asyncio.sleep(faults.latency_ms / 1000.0)
    if draws.get("429"):
        return _too_many(srv, now, 0.05, 0.05 * decision.limit, decision.limit)
    if draws.get("5xx"):
        if not draws.get("503"):
            return problem(500, "internal server error", "something went wrong", now, origin=family)
        return Reply(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html")
    if draws.get("timeout"):
        await asyncio.sleep(faults.timeout_s)
    call = Call(
        request.method,
        request.url.path,
        dict(request.query_params),
        dict(request.path_params),
        body,
        now,
        msk_seconds(now),
    )
    reply = await run_in_threadpool(handler, call)
    if data and reply.status == 200:
        if faults.reshapes and reply.body:
            reply.body = faults.reshape_body(reply.body, record_path)
        if draws.get("truncate"):
            reply.body = reply.body[: len(reply.body) // 2]
    if data and reply.status < 300 and faults.count_success():
        srv.auth.revoke(token)
    reply.headers["X-Ratelimit-Remaining"] = str(decision.remaining)
    return reply


def _too_many(srv: SandboxServer, now: datetime, retry: float, reset: float, limit: int) -> Reply:
    reply = problem(429, "too many requests", f"limited by {request_id('bucket', limit)}", now)
    reply.headers.update(
        {
            "X-Ratelimit-Retry": srv.limiter.header_seconds(retry),
            "X-Ratelimit-Reset": srv.limiter.header_seconds(reset),
            "X-Ratelimit-Limit": str(limit),
        }
    )
    return reply


def bad_request_problem(now: datetime, title: str, detail: str, origin: str) -> Reply:
    """400 in the problem+json shape of finance-api and analytics ({title, detail, origin, requestId})."""
    body = {
        "title": title,
        "detail": detail,
        "origin": origin,
        "requestId": request_id(title, detail),
        "status": 400,
    }
    return Reply.json(body, 400, PROBLEM)
