"""Ozon's error envelope ``rpcStatus {code, message, details}`` → what to do.

Ozon's gateway maps gRPC codes onto HTTP statuses (3→400, 5→404, 7→403, 8→429, 16→401),
so the gRPC code in the body decides first wherever it is present: code 7/16 is a key
problem whatever the status, code 8 a rate limit. Two answers get their own words because
retrying cannot help and the generic text would not say why: HTTP 410 (Ozon retired the
method) and ``PERIOD_IS_TOO_LONG`` (a window over Ozon's limit). Their rules raise
`FatalSourceError` themselves; `HttpClient` lets a rule's exception through untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svodka.errors import FatalSourceError
from svodka.sources.http import DEFAULT_STATUS_ACTIONS, Action, Response, StatusRule
from svodka.sources.status import fallback_action

AUTH_CODES = frozenset({7, 16})
"""PERMISSION_DENIED (bad, deactivated or IP-restricted key, missing role) and UNAUTHENTICATED."""
RATE_LIMIT_CODE = 8
"""RESOURCE_EXHAUSTED: "You have reached request rate limit per second"."""


def rpc_status(data: Any) -> tuple[int | None, str]:
    """``(code, message)`` of an rpcStatus body, ``(None, "")`` for anything else."""
    if not isinstance(data, Mapping):
        return None, ""
    code = data.get("code")
    message = data.get("message")
    return (
        code if isinstance(code, int) and not isinstance(code, bool) else None,
        message if isinstance(message, str) else "",
    )


def status_actions(source: str) -> dict[int, StatusRule]:
    """The status table of one Ozon connection (`source` names it in errors)."""

    def by_code(resp: Response) -> Action:
        code, message = rpc_status(resp.data)
        if code in AUTH_CODES:
            return Action.AUTH
        if code == RATE_LIMIT_CODE:
            return Action.RATE_LIMITED
        if resp.status == 400 and "PERIOD_IS_TOO_LONG" in message:
            raise FatalSourceError(
                f"{_what(resp)}: Ozon refused the period as too long (PERIOD_IS_TOO_LONG): {message}",
                source=source,
                hint="The connector keeps every window within Ozon's limit, so this means the limit "
                "shrank; lower window_days in the connection options and report it.",
            )
        return DEFAULT_STATUS_ACTIONS.get(resp.status) or fallback_action(resp.status)

    def retired(resp: Response) -> Action:
        _, message = rpc_status(resp.data)
        text = message or resp.body.decode("utf-8", "replace")[:200]
        raise FatalSourceError(
            f"{_what(resp)}: Ozon has retired this method ({text or 'obsolete method'})",
            source=source,
            hint="This version of Svodka's Ozon connector calls a method Ozon switched off; it needs "
            "the version that uses the newer method. Update Svodka; retrying will not help.",
        )

    table: dict[int, StatusRule] = dict.fromkeys((400, 401, 403, 404, 409, 429, 500, 502, 503, 504), by_code)
    table[410] = retired
    return table


def not_found_is_no_data(resp: Response) -> Action:
    """For methods whose "not ready yet" is an rpcStatus 404: no data instead of an error.

    A 404 without an rpcStatus body (a wrong path, a proxy) stays fatal.
    """
    code, _ = rpc_status(resp.data)
    return Action.NO_DATA if code is not None else Action.FATAL


def _what(resp: Response) -> str:
    return f"{resp.request.get('method', 'POST')} {resp.request.get('url', '')} → HTTP {resp.status}"
