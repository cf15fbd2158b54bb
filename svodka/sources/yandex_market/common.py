"""What every Yandex Market stream shares: campaigns, `page_token` paging, the error envelope, 420.

The Partner API allows at most 4 parallel requests per campaign or business (more → HTTP
420). This client is sequential, one request in flight per connection, so it never passes
that; a 420 from a per-method resource quota is waited out until ``X-RateLimit-Resource-Until``
(RFC 822) and retried. Errors arrive as ``{"status": "ERROR", "errors": [{code, message}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from svodka.errors import ConfigError, RetriableError
from svodka.sources.http import DEFAULT_STATUS_ACTIONS, Action, Response, StatusRule
from svodka.sources.paginators import BodyTokenPaginator, PageRequest
from svodka.sources.status import fallback_action
from svodka.sources.stream import HttpStream, StreamContext
from svodka.sources.validation import DICT, INT, STR, RecordContract

MAX_WAIT_S = 3600.0
"""The longest wait a 420 may ask for (the longest documented quota period is an hour)."""

CAMPAIGNS = RecordContract({"id": INT, "business": DICT, "placementType": STR}, id_fields=("id",))


@dataclass
class Account:
    """The business and its campaigns as `GET /v2/campaigns` listed them (filled once per connection)."""

    business_id: int | None = None
    campaigns: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class YMContext(StreamContext):
    account: Account = field(default_factory=Account)


class TokenPager(BodyTokenPaginator):
    """``page_token`` + ``limit`` query parameters; the next token at ``…paging.nextPageToken``."""

    def __init__(self, token_path: tuple[str, ...], limit: int, **kw: Any) -> None:
        super().__init__("page_token", token_path=token_path, **kw)
        self.limit = limit

    def next_request(self, request: PageRequest) -> PageRequest:
        params = {**request.params, "limit": self.limit}
        if self.token:
            params["page_token"] = self.token
        return PageRequest(request.method, request.path, params=params, json=request.json)


class YMStream(HttpStream):
    """Base of the Yandex Market streams (all on the ``api`` host)."""

    host = "api"
    ctx: YMContext
    token_path: tuple[str, ...] = ("result", "paging", "nextPageToken")

    def pager(self) -> TokenPager:
        return TokenPager(
            self.token_path, self.options.page_limit, max_pages=self.options.max_pages, source=self.ctx.source
        )

    def account(self) -> Account:
        """The business and campaigns, listed on first use."""
        acc = self.ctx.account
        if acc.business_id is None:
            req = PageRequest("GET", "/v2/campaigns")
            pager = TokenPager(("paging", "nextPageToken"), 100, max_pages=self.options.max_pages)
            camps: list[dict[str, Any]] = []
            for _resp, rows in self.walk(req, pager, record_path=("campaigns",), contract=CAMPAIGNS):
                camps.extend(rows)
            wanted = set(self.options.campaign_ids)
            acc.campaigns = [c for c in camps if not wanted or c["id"] in wanted]
            ids = {c["business"].get("id") for c in acc.campaigns}
            if len(ids) != 1:
                raise ConfigError(
                    f"[{self.ctx.source}] expected the campaigns of one business, "
                    f"found businesses {sorted(ids, key=str)}",
                    hint="Restrict the connection with campaign_ids to the stores of one business.",
                )
            acc.business_id = int(ids.pop())
        return acc


def envelope_errors(data: Any) -> str:
    """``code: message`` of an ``{"status": "ERROR", "errors": [...]}`` body, or ``""``."""
    if not isinstance(data, Mapping) or data.get("status") != "ERROR":
        return ""
    parts = [
        f"{e.get('code', '?')}: {e.get('message', '')}"
        for e in data.get("errors") or []
        if isinstance(e, Mapping)
    ]
    return "; ".join(parts) or "ERROR"


def resource_wait(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds until ``X-RateLimit-Resource-Until`` (RFC 822 as documented; ISO 8601 is read too),
    at most an hour; None when absent or unreadable (the client then backs off exponentially)."""
    value = (headers.get("X-RateLimit-Resource-Until") or "").strip()
    if not value:
        return None
    try:
        until = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        try:
            until = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    return min(MAX_WAIT_S, max(0.0, (until - (now or datetime.now(UTC))).total_seconds()))


def status_actions(source: str) -> dict[int, StatusRule]:
    """The status table of one connection: 420 waits until the quota resets; 200 with ERROR is an error."""

    def enhance_your_calm(resp: Response) -> Action:
        raise RetriableError(
            f"{resp.request.get('method')} {resp.request.get('url')} → HTTP 420 (request limit): "
            f"{envelope_errors(resp.data) or 'Enhance Your Calm'}",
            source=source,
            retry_after=resource_wait(resp.headers),
        )

    def ok_unless_error(resp: Response) -> Action:
        return Action.FATAL if envelope_errors(resp.data) else Action.OK

    table: dict[int, StatusRule] = {420: enhance_your_calm, 200: ok_unless_error}
    for code in (400, 401, 403, 404, 423, 500):
        table.setdefault(code, DEFAULT_STATUS_ACTIONS.get(code) or fallback_action(code))
    return table
