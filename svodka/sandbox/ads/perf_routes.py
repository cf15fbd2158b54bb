"""Ozon Performance API: token, campaign list and the asynchronous statistics export.

POST /api/client/token → GET /api/client/campaign → POST /api/client/statistics → poll
GET /api/client/statistics/{UUID} (NOT_STARTED, IN_PROGRESS for `srv.task_polls` polls, then OK
with `link`) → GET /api/client/statistics/report?UUID=… (CSV for one campaign, ZIP of
`<campaignId>.csv` for several). One export at a time per account, at most 10 campaigns and
62 days per export, as documented.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import numpy as np
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from svodka.sandbox.ads.model import NOT_CREATED, ozon_state
from svodka.sandbox.ads.perf_http import TOKEN_LIFETIME_S, PerfCall, PerfTokens, error, json_body, serve_perf
from svodka.sandbox.ads.perf_report import GROUPS, campaign_csv, report_zip
from svodka.sandbox.clock import DAY_S, MSK, MSK_OFFSET_S, day_number, iso_dates, parse_wb_datetime
from svodka.sandbox.http import Reply, request_id

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

MAX_CAMPAIGNS = 10
MAX_DAYS = 62
BUSY = "Превышен лимит активных запросов (максимум 1)"
TOO_MANY_CAMPAIGNS = f"Превышен лимит по количеству кампаний (максимум {MAX_CAMPAIGNS})"
TOO_MANY_DAYS = f"Превышен лимит по количеству дней в отчёте (максимум {MAX_DAYS})"
STATES = (
    "CAMPAIGN_STATE_UNKNOWN",
    "CAMPAIGN_STATE_RUNNING",
    "CAMPAIGN_STATE_PLANNED",
    "CAMPAIGN_STATE_STOPPED",
    "CAMPAIGN_STATE_INACTIVE",
    "CAMPAIGN_STATE_ARCHIVED",
    "CAMPAIGN_STATE_MODERATION_DRAFT",
    "CAMPAIGN_STATE_MODERATION_IN_PROGRESS",
    "CAMPAIGN_STATE_MODERATION_FAILED",
    "CAMPAIGN_STATE_FINISHED",
)


def utc_text(msk_s: int, salt: int) -> str:
    """RFC 3339 UTC with microseconds, as Ozon writes createdAt/updatedAt."""
    micro = (salt * 7919 + msk_s * 13) % 999_999 + 1
    return (
        datetime.fromtimestamp(msk_s - MSK_OFFSET_S, UTC)
        .replace(microsecond=micro)
        .strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    )


@dataclass
class Export:
    """One statistics export (a UUID)."""

    uuid: str
    created: datetime
    campaigns: list[int]  # campaign indices, in request order
    d0: int
    d1: int
    group_by: str
    request: dict[str, Any]
    polls: int = 0


def _period(body: dict) -> tuple[int, int] | str:
    """(first, last) Moscow day of a statistics request; dateFrom/dateTo win over from/to."""
    if body.get("dateFrom") or body.get("dateTo"):
        try:
            return (
                day_number(date.fromisoformat(str(body["dateFrom"]))),
                day_number(date.fromisoformat(str(body["dateTo"]))),
            )
        except (KeyError, ValueError):
            return "dateFrom and dateTo must be dates YYYY-MM-DD"
    out = []
    for k in ("from", "to"):
        us = parse_wb_datetime(str(body.get(k) or "")) if body.get(k) else None
        if us is None or "T" not in str(body[k]):
            return "from and to (RFC 3339) or dateFrom and dateTo are required"
        out.append(us // 1_000_000 // DAY_S)  # instants → Moscow dates
    return out[0], out[1]


def perf_routes(srv: SandboxServer) -> list[Route]:
    """The routes served under /ozon/api-performance."""
    ads = srv.world.ads
    camps = ads.ozon
    tokens = PerfTokens(srv.world.spec.seed)
    exports: dict[str, Export] = {}
    lock = threading.Lock()
    index = {int(x): i for i, x in enumerate(camps.ids.tolist())}

    def token(call: PerfCall) -> Reply:
        body = json_body(call)
        if body is None:  # OAuth clients also send the form encoding
            body = dict(parse_qsl(call.body.decode("utf-8", "replace")))
        if body.get("grant_type") != "client_credentials":
            return error(400, "unsupported grant_type: client_credentials expected")
        if (body.get("client_id"), body.get("client_secret")) != (
            srv.ozon_perf_client_id,
            srv.ozon_perf_client_secret,
        ):
            return error(401, "invalid client_id or client_secret")
        tok = tokens.issue(call.now.timestamp(), srv.ozon_perf_token_ttl, srv.ozon_perf_token_max_requests)
        return Reply.json({"access_token": tok, "expires_in": TOKEN_LIFETIME_S, "token_type": "Bearer"})

    def campaign_json(i: int, status: int, changed: int) -> dict[str, Any]:
        cid = int(camps.ids[i])
        first, last = iso_dates(np.array([camps.first_day[i], max(camps.last_day[i], 0)]))
        return {
            "id": str(cid),
            "paymentType": camps.payment[i].upper(),
            "title": camps.names[i],
            "state": ozon_state(status, bool(camps.budget_stops[i])),
            "advObjectType": "SKU",
            "fromDate": first,
            "toDate": last if camps.last_day[i] >= 0 else "",
            "autostopStatus": "AUTOSTOP_STATUS_NONE",
            "isAutocreated": False,
            "budget": "0",
            "dailyBudget": str(int(camps.budget_kop[i]) * 10_000),  # millionths of a rouble
            "weeklyBudget": "0",
            "productAutopilotStrategy": "NO_AUTO_STRATEGY",
            "createdAt": utc_text(int(camps.ev_t[i][0]), cid),
            "updatedAt": utc_text(changed, cid),
            "productCampaignMode": "PRODUCT_CAMPAIGN_MODE_MANUAL",
        }

    def campaigns(call: PerfCall) -> Reply:
        wanted = [x for raw in call.query_lists.get("campaignIds", []) for x in raw.split(",") if x.strip()]
        if not all(x.strip().isdigit() for x in wanted):
            return error(400, "campaignIds: invalid value")
        state = call.query.get("state") or "CAMPAIGN_STATE_UNKNOWN"
        if state not in STATES:
            return error(400, f"state: invalid value {state!r}")
        try:
            page = int(call.query.get("page") or 0)
            size = int(call.query.get("pageSize") or 0)
        except ValueError:
            return error(400, "page and pageSize must be integers")
        status, changed = camps.status_at(call.now_s), camps.changed_at(call.now_s)
        rows = []
        for i in np.nonzero(status != NOT_CREATED)[0].tolist():
            item = campaign_json(i, int(status[i]), int(changed[i]))
            if wanted and item["id"] not in {x.strip() for x in wanted}:
                continue
            if call.query.get("advObjectType") not in (None, "", "SKU"):
                continue
            if state != "CAMPAIGN_STATE_UNKNOWN" and item["state"] != state:
                continue
            rows.append(item)
        if size > 0:
            start = (max(page, 1) - 1) * size
            rows = rows[start : start + size]
        return Reply.json({"list": rows})

    def submit(call: PerfCall) -> Reply:
        body = json_body(call)
        if body is None:
            return error(400, "invalid JSON body")
        ids = body.get("campaigns")
        if not isinstance(ids, list) or not ids:
            return error(400, "campaigns: at least one campaign id is required")
        if len(ids) > MAX_CAMPAIGNS:
            return error(400, TOO_MANY_CAMPAIGNS)
        idx = []
        for raw in ids:
            c = index.get(int(raw)) if str(raw).isdigit() else None
            if c is None or camps.ev_t[c][0] > call.now_s:
                return error(400, f"campaign {raw} not found")
            idx.append(c)
        period = _period(body)
        if isinstance(period, str):
            return error(400, period)
        d0, d1 = period
        if d1 < d0:
            return error(400, "the end of the period is before its start")
        if d1 - d0 + 1 > MAX_DAYS:
            return error(400, TOO_MANY_DAYS)
        group_by = body.get("groupBy") or "NO_GROUP_BY"
        if group_by not in GROUPS:
            return error(400, f"groupBy: invalid value {group_by!r}")
        with lock:
            if any(e.polls <= srv.task_polls for e in exports.values()):
                return error(429, BUSY)
            uid = str(uuid.UUID(request_id("perf-export", srv.world.spec.seed, len(exports))))
            first, last = iso_dates(np.array([d0, d1]))
            echo = {
                "campaigns": [str(camps.ids[c]) for c in idx],
                "dateFrom": first,
                "dateTo": last,
                "from": f"{first}T00:00:00Z",
                "to": f"{last}T00:00:00Z",
                "groupBy": group_by,
            }
            exports[uid] = Export(uid, call.now, list(dict.fromkeys(idx)), d0, d1, group_by, echo)
        return Reply.json({"UUID": uid, "vendor": False})

    def status(call: PerfCall) -> Reply:
        exp = exports.get(call.path_params["UUID"])
        if exp is None:
            return error(404, "report not found")
        with lock:
            exp.polls += 1
            polls = exp.polls
        state = "OK" if polls > srv.task_polls else ("NOT_STARTED" if polls == 1 else "IN_PROGRESS")
        body = {
            "UUID": exp.uuid,
            "state": state,
            "createdAt": exp.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "updatedAt": call.now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "request": exp.request,
            "kind": "STATS",
        }
        if state == "OK":
            body["link"] = f"/api/client/statistics/report?UUID={exp.uuid}"
        return Reply.json(body)

    def report(call: PerfCall) -> Reply:
        exp = exports.get(call.query.get("UUID", ""))
        if exp is None:
            return error(404, "report not found")
        if exp.polls <= srv.task_polls:
            return error(400, "report is not ready yet")
        served_before = (int(exp.created.timestamp()) + MSK_OFFSET_S) // DAY_S
        files = {
            f"{int(camps.ids[c])}.csv": campaign_csv(ads, c, exp.d0, exp.d1, exp.group_by, served_before)
            for c in exp.campaigns
        }
        if len(files) == 1:
            name, data = next(iter(files.items()))
            reply = Reply(200, data, "text/csv; charset=UTF-8")
        else:
            stamp = exp.created.astimezone(MSK).timetuple()[:6]
            name, data = f"{exp.uuid}.zip", report_zip(files, stamp)
            reply = Reply(200, data, "application/zip")
        reply.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return reply

    def route(path: str, handler, method: str = "GET", auth: bool = True, record_path: str | None = None):
        async def endpoint(request: Request) -> Response:
            return await serve_perf(srv, tokens, request, handler, auth, record_path)

        return Route(path, endpoint, methods=[method])

    return [
        route("/api/client/token", token, "POST", auth=False),
        route("/api/client/campaign", campaigns, record_path="list"),
        route("/api/client/statistics", submit, "POST"),
        route("/api/client/statistics/report", report),
        route("/api/client/statistics/{UUID}", status),
    ]
