"""The request pipeline of api-seller.ozon.ru and its error envelope (`rpcStatus`).

Order of checks: Client-Id + Api-Key (401 code 16 / 403 code 7) → 50 requests a second per
Client-Id across all methods (429 code 8) → injected faults → the method. Errors are gRPC-gateway
`rpcStatus` bodies `{"code", "message", "details"}`: code 3 → 400, 5 → 404, 7 → 403, 8 → 429,
13 → 500, 16 → 401. Ozon documents no rate-limit headers, so none are sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from svodka.sandbox.clock import msk_seconds
from svodka.sandbox.http import Call, Reply, RequestRecord

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

BUCKET = "ozon.seller"  # one bucket per Client-Id for every method (docs: 50 requests a second)
MSG_HEADERS = "Client-Id and Api-Key headers are required"
MSG_INVALID = "Invalid Api-Key, please check the key and try again"
MSG_DEACTIVATED = "Api-key is deactivated, use another one or generate a new one"
MSG_RATE = "You have reached request rate limit per second"
MSG_OBSOLETE = "obsolete method cannot be used"
MSG_NO_METHOD = "method is not allowed"


def rpc_status(status: int, code: int, message: str, details: list | None = None) -> Reply:
    """An Ozon error answer: HTTP `status` with `{"code", "message", "details"}`."""
    return Reply.json({"code": code, "message": message, "details": details or []}, status)


def bad_request(message: str) -> Reply:
    """400 with gRPC code 3 (INVALID_ARGUMENT)."""
    return rpc_status(400, 3, message)


def not_found(message: str) -> Reply:
    """404 with gRPC code 5 (NOT_FOUND)."""
    return rpc_status(404, 5, message)


class OzonKeys:
    """The seller's Client-Id and Api-Keys (deterministic per seed), with deactivation."""

    def __init__(self, seed: int) -> None:
        digest = hashlib.sha256(f"ozon-seller-{seed}".encode()).digest()
        self.client_id = str(100_000 + int.from_bytes(digest[:4], "big") % 3_900_000)
        self._lock = threading.Lock()
        self._issued = 0
        self._active: set[str] = set()
        self._deactivated: set[str] = set()
        self._seed = seed
        self.api_key = self.issue()

    def issue(self) -> str:
        """A new active Api-Key (a UUID) of the same seller."""
        with self._lock:
            self._issued += 1
            key = str(uuid.UUID(bytes=hashlib.md5(f"ozon-key-{self._seed}-{self._issued}".encode()).digest()))
            self._active.add(key)
        return key

    def deactivate(self, key: str) -> None:
        """From now on the key is refused with code 7 "Api-key is deactivated…"."""
        with self._lock:
            if key in self._active:
                self._active.discard(key)
                self._deactivated.add(key)

    def check(self, client_id: str, key: str) -> Reply | None:
        """None when the pair is valid, else the error answer."""
        if not client_id or not key:
            return rpc_status(401, 16, MSG_HEADERS)
        if client_id.strip() != self.client_id:
            return rpc_status(403, 7, MSG_INVALID)
        if key in self._deactivated:
            return rpc_status(403, 7, MSG_DEACTIVATED)
        if key not in self._active:
            return rpc_status(403, 7, MSG_INVALID)
        return None


Handler = Callable[[Call], Reply]


async def serve(
    srv: SandboxServer, request: Request, handler: Handler, data: bool = True, record_path: str = ""
) -> Response:
    """Run one api-seller request through auth, the rate limit, faults and the handler."""
    now = srv.now()
    body = await request.body()
    reply = await _pipeline(srv, request, handler, data, record_path, now, body)
    summary = request.url.query or body[:200].decode("utf-8", "replace")
    srv.requests.append(RequestRecord(request.method, request.url.path, summary, reply.status))
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.content_type)


async def _pipeline(
    srv: SandboxServer,
    request: Request,
    handler: Handler,
    data: bool,
    record_path: str,
    now: datetime,
    body: bytes,
) -> Reply:
    keys: OzonKeys = srv.ozon_keys
    api_key = request.headers.get("api-key", "")
    refused = keys.check(request.headers.get("client-id", ""), api_key)
    if refused is not None:
        return refused
    if not srv.limiter.take(keys.client_id, BUCKET).allowed:
        return rpc_status(429, 8, MSG_RATE)
    faults = srv.faults
    draws = faults.draw() if data else {}
    if data and faults.latency_ms:
        await asyncio.sleep(faults.latency_ms / 1000.0)
    if draws.get("429"):
        return rpc_status(429, 8, MSG_RATE)
    if draws.get("5xx"):
        if not draws.get("503"):
            return rpc_status(500, 13, "Internal error")
        return Reply(
            503, b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", "text/html"
        )
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
        keys.deactivate(api_key)
    return reply
