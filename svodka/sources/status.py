"""What an HTTP answer means: the status → action table and the server's own words.

Kept apart from the client so a source can read and override it row by row, and so the
header parsing (WB's ``X-Ratelimit-*``, standard ``Retry-After``) is testable on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svodka.sources.http import Response


class Action(StrEnum):
    """What to do with an answer."""

    OK = "ok"
    NO_DATA = "no_data"  # a success without a body, e.g. WB finance's 204 "no (more) rows"
    RETRY = "retry"
    RATE_LIMITED = "rate_limited"
    AUTH = "auth"
    FATAL = "fatal"


StatusRule = Action | Callable[["Response"], Action]
"""A row of the status table: a fixed action, or a function of the parsed answer."""

DEFAULT_STATUS_ACTIONS: Mapping[int, StatusRule] = MappingProxyType(
    {
        200: Action.OK,
        201: Action.OK,
        202: Action.OK,
        204: Action.NO_DATA,
        400: Action.FATAL,
        401: Action.AUTH,
        402: Action.FATAL,
        403: Action.AUTH,
        404: Action.FATAL,
        408: Action.RETRY,
        409: Action.FATAL,
        410: Action.FATAL,
        413: Action.FATAL,
        422: Action.FATAL,
        425: Action.RETRY,
        429: Action.RATE_LIMITED,
        500: Action.RETRY,
        502: Action.RETRY,
        503: Action.RETRY,
        504: Action.RETRY,
    }
)


def fallback_action(status: int) -> Action:
    """Action for a status missing from the table: 2xx ok, 5xx retry, anything else fatal."""
    if 200 <= status < 300:
        return Action.OK
    return Action.RETRY if status >= 500 else Action.FATAL


def error_text(data: Any, body: bytes, limit: int = 500) -> str:
    """The server's own words: WB problem+json, {"errors": [...]}, {errorText}, else the raw body."""
    if isinstance(data, Mapping):
        parts = []
        for key in ("title", "detail", "errorText", "message", "error", "errors"):
            v = data.get(key)
            if v and not isinstance(v, bool):
                parts.append(", ".join(map(str, v)) if isinstance(v, list) else str(v))
        if parts:
            return "; ".join(parts)[:limit]
    text = body.decode("utf-8", "replace").strip()
    return (text[:limit] + "…") if len(text) > limit else (text or "(empty body)")


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        s = float(value)
    except ValueError:
        return None
    return s if s >= 0 else None


def _retry_after(value: str | None) -> float | None:
    """`Retry-After` is seconds or an HTTP date."""
    s = _seconds(value)
    if s is not None or value is None:
        return s
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def server_wait(headers: Mapping[str, str], *, rate_limited: bool = False) -> float | None:
    """How long the server asked us to wait, from WB's headers first, then standard ones.

    `X-Ratelimit-Retry` is "seconds until the next request is allowed"; `X-Ratelimit-Reset`
    ("until the burst is restored") is a safe upper bound when Retry is absent.
    """
    wait = _seconds(headers.get("X-Ratelimit-Retry"))
    if wait is None:
        wait = _retry_after(headers.get("Retry-After"))
    if wait is None and rate_limited:
        wait = _seconds(headers.get("X-Ratelimit-Reset"))
    return wait
