"""The 1C web publication: `/onec/<infobase>/odata/standard.odata/…` behind HTTP Basic auth.

Order of checks, as a published infobase answers: the publication exists (else the web
server's plain 404) → Basic credentials of an infobase user (401 with `WWW-Authenticate: Basic`)
→ injected faults (the server's `Faults`: 429 from a proxy, 500 odata.error, 503 page, latency,
timeouts, truncated bodies) → the OData answer. Only GET is served: the sandbox is read-only.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from svodka.sandbox.clock import MSK, msk_seconds
from svodka.sandbox.http import RequestRecord
from svodka.sandbox.onec import render
from svodka.sandbox.onec.service import ODataError, answer
from svodka.sandbox.onec.service import Request as ODataRequest
from svodka.sandbox.onec.tables import Tables

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

INFOBASE = "trade"  # the publication name: http://host/onec/trade/odata/standard.odata/
USER = "odata"
REALM = 'Basic realm="1C:Enterprise"'
_INTERNAL = (
    "Произошла внутренняя ошибка OData сервиса. "
    "Дополнительные сведения можно найти в технологическом журнале."
)


def credentials(seed: int) -> tuple[str, str]:
    """(user, password) of the infobase user the seller made for the integration."""
    return USER, hashlib.sha256(f"1c-password-{seed}".encode()).hexdigest()[:16]


def _authorised(srv: SandboxServer, header: str) -> bool:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return (user, password) == (srv.onec_user, srv.onec_password)


def _wants_json(request: Request) -> tuple[bool, bool]:
    """(JSON?, odata=nometadata?) from $format, else from the Accept header."""
    fmt = request.query_params.get("$format", "").lower()
    accept = request.headers.get("accept", "").lower()
    source = fmt or accept
    return ("json" in source, "nometadata" in source)


def onec_routes(srv: SandboxServer) -> list[Route]:
    """Routes mounted by the server under /onec."""

    tables = Tables(srv.world.onec) if srv.world.onec is not None else None

    async def endpoint(request: Request) -> Response:
        response = await _serve(srv, tables, request)
        srv.requests.append(
            RequestRecord(request.method, request.url.path, request.url.query, response.status_code)
        )
        return response

    methods = ["GET", "POST", "PATCH", "PUT", "DELETE"]
    return [
        Route("/{infobase}/odata/standard.odata", endpoint, methods=methods),
        Route("/{infobase}/odata/standard.odata/{path:path}", endpoint, methods=methods),
    ]


async def _serve(srv: SandboxServer, tables: Tables | None, request: Request) -> Response:
    if request.path_params["infobase"] != INFOBASE or tables is None:
        return Response(b"<html><body><h1>Not Found</h1></body></html>", 404, media_type="text/html")
    if not _authorised(srv, request.headers.get("authorization", "")):
        return Response(b"", 401, headers={"WWW-Authenticate": REALM})
    as_json, nometadata = _wants_json(request)

    def error(status: int, code: str, message: str) -> Response:
        body = render.json_error(code, message) if as_json else render.xml_error(code, message)
        return Response(body, status, media_type=render.JSON if as_json else render.XML)

    if request.method != "GET":
        return error(
            405, "13", "Изменение данных через стандартный интерфейс OData в песочнице не поддерживается"
        )
    faults = srv.faults
    draws = faults.draw()
    if faults.latency_ms:
        await asyncio.sleep(faults.latency_ms / 1000.0)
    if draws["429"]:
        return Response(b"Too Many Requests", 429, headers={"Retry-After": "1"}, media_type="text/plain")
    if draws["5xx"]:
        if draws.get("503"):
            return Response(
                b"<html><body><h1>503 Service Unavailable</h1></body></html>", 503, media_type="text/html"
            )
        return error(500, "-1", _INTERNAL)
    if draws["timeout"]:
        await asyncio.sleep(faults.timeout_s)
    now = srv.now()
    req = ODataRequest(
        path=request.path_params.get("path", ""),
        query=dict(request.query_params),
        json=as_json,
        nometadata=nometadata,
        base=f"{srv.onec_base_url}/odata/standard.odata",
        now_s=msk_seconds(now),
        updated=now.astimezone(MSK).replace(tzinfo=None).isoformat(timespec="seconds"),
    )
    try:
        result = await run_in_threadpool(answer, tables, req)
    except ODataError as exc:
        return error(exc.status, exc.code, exc.message)
    body = result.body
    if draws["truncate"]:
        body = body[: len(body) // 2]
    return Response(body, result.status, media_type=result.content_type)
