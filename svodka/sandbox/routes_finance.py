"""finance-api: POST /api/finance/v1/sales-reports/{detailed,detailed/{reportId},list}.

The seller is on weekly reports (Mon–Sun); a report is published once its dateTo is before the
current Moscow date. A request selects whole reports whose period overlaps [dateFrom, dateTo].
`period=daily` finds nothing (204), as for any seller on weekly payouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from svodka.sandbox.clock import DAY_S, iso_dates, parse_wb_datetime
from svodka.sandbox.data import SELLER_NAME
from svodka.sandbox.http import Call, Reply, bad_request_problem
from svodka.sandbox.money import kop_text
from svodka.sandbox.render_finance import FinanceRenderer

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

ORIGIN = "open-api-finreports"
MAX_DETAILED = 100_000
MAX_LIST = 1_000


class BadRequest(Exception):
    """A 400 with WB's "decode error" wording."""


def _body(call: Call, op: str) -> dict[str, Any]:
    try:
        body = call.json()
    except orjson.JSONDecodeError:
        raise BadRequest(f"{op} decode error: invalid JSON body") from None
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise BadRequest(f"{op} decode error: body must be an object")
    return body


def _int(body: dict, name: str, default: int, lo: int, hi: int, op: str) -> int:
    # The docs spell the cursor both "rrdId" (schema) and "rrdid" (description): accept either.
    v = body.get(name, body.get(name.lower(), default))
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise BadRequest(f"{op} decode error: invalid {name} param")
    return v


def _period(body: dict, op: str) -> tuple[int, int, str]:
    """(dateFrom day, dateTo day, period) of a request body."""
    days = []
    for name in ("dateFrom", "dateTo"):
        raw = body.get(name)
        if raw is None or raw == "":
            raise BadRequest(f"{op} decode error: missing {name} params")
        us = parse_wb_datetime(str(raw)) if isinstance(raw, str) else None
        if us is None:
            raise BadRequest(f"{op} decode error: invalid {name} params")
        days.append(us // 1_000_000 // DAY_S)
    if days[0] > days[1]:
        raise BadRequest(f"{op} decode error: dateFrom is after dateTo")
    period = body.get("period", "weekly")
    if period not in ("weekly", "daily"):
        raise BadRequest(f"{op} decode error: invalid period param")
    return days[0], days[1], period


def make_handlers(srv: SandboxServer) -> dict[str, object]:
    """Handlers keyed by method name."""
    world = srv.world
    renderer = FinanceRenderer(world)
    reps = world.reports

    def guarded(op: str, fn):
        def handler(call: Call) -> Reply:
            try:
                return fn(call, _body(call, op))
            except BadRequest as exc:
                return bad_request_problem(call.now, f"{op} decode error", str(exc), ORIGIN)

        return handler

    def lines_of(report_idx: np.ndarray, rrd_id: int, limit: int, fields) -> Reply:
        start = world.lines.position_after(rrd_id)
        chunks, n = [], 0
        for r in report_idx.tolist():
            lo = max(int(reps.first_line[r]), start)
            hi = int(reps.end_line[r])
            if lo >= hi:
                continue
            take = min(hi - lo, limit - n)
            chunks.append(np.arange(lo, lo + take, dtype=np.int64))
            n += take
            if n >= limit:
                break
        if not n:
            return Reply.no_content()
        wanted = set(fields) if isinstance(fields, list) and fields else None
        return Reply.rows(renderer.render(np.concatenate(chunks), wanted))

    def overlapping(call: Call, d0: int, d1: int) -> np.ndarray:
        avail = world.report_available(call.now_s)
        return np.nonzero(avail & (reps.monday <= d1) & (reps.monday + 6 >= d0))[0]

    def detailed(call: Call, body: dict) -> Reply:
        op = "GetReportDetailByPeriodNB"
        d0, d1, period = _period(body, op)
        limit = _int(body, "limit", MAX_DETAILED, 1, MAX_DETAILED, op)
        rrd = _int(body, "rrdId", 0, 0, 2**63 - 1, op)
        if period == "daily":
            return Reply.no_content()
        return lines_of(overlapping(call, d0, d1), rrd, min(limit, srv.finance_row_cap), body.get("fields"))

    def detailed_by_id(call: Call, body: dict) -> Reply:
        op = "GetReportDetailByReportIdNB"
        try:
            rid = int(call.path_params["reportId"])
        except ValueError:
            raise BadRequest(f"{op} decode error: invalid reportId") from None
        limit = _int(body, "limit", MAX_DETAILED, 1, MAX_DETAILED, op)
        rrd = _int(body, "rrdId", 0, 0, 2**63 - 1, op)
        hit = np.nonzero((reps.report_id == rid) & world.report_available(call.now_s))[0]
        return lines_of(hit, rrd, min(limit, srv.finance_row_cap), body.get("fields"))

    def report_list(call: Call, body: dict) -> Reply:
        op = "GetReportListNB"
        d0, d1, period = _period(body, op)
        limit = _int(body, "limit", MAX_LIST, 1, MAX_LIST, op)
        offset = _int(body, "offset", 0, 0, 2**31 - 1, op)
        if period == "daily":
            return Reply.no_content()
        idx = overlapping(call, d0, d1)[offset : offset + limit]
        if not len(idx):
            return Reply.no_content()
        return Reply.json([_header(srv, int(r)) for r in idx.tolist()])

    return {
        "detailed": guarded("GetReportDetailByPeriodNB", detailed),
        "detailed_by_id": guarded("GetReportDetailByReportIdNB", detailed_by_id),
        "list": guarded("GetReportListNB", report_list),
    }


def _header(srv: SandboxServer, r: int) -> dict[str, Any]:
    """One row of sales-reports/list: money sums as strings, like the detail lines."""
    reps = srv.world.reports
    s = {k: v[r] for k, v in reps.sums.items()}
    d_from, d_to, d_create = iso_dates(np.array([reps.monday[r], reps.monday[r] + 6, reps.monday[r] + 7]))
    return {
        "reportId": int(reps.report_id[r]),
        "sellerFinanceName": SELLER_NAME,
        "dateFrom": d_from,
        "dateTo": d_to,
        "createDate": d_create,
        "currency": "RUB",
        "reportType": 1,
        "retailAmountSum": kop_text(s["retailAmountSum"]),
        "forPaySum": kop_text(s["forPaySum"]),
        "avgSalePercent": float(s["avgSalePercent"]),
        "deliveryServiceSum": kop_text(s["deliveryServiceSum"]),
        "paidStorageSum": kop_text(s["paidStorageSum"]),
        "paidAcceptanceSum": kop_text(s["paidAcceptanceSum"]),
        "deductionSum": kop_text(s["deductionSum"]),
        "penaltySum": kop_text(s["penaltySum"]),
        "additionalPaymentSum": kop_text(s["additionalPaymentSum"]),
        "cashbackAmountSum": "0",
        "cashbackDiscountSum": "0",
        "cashbackCommissionChangeSum": "0",
        "paymentSchedule": "0",
        "bankPaymentSum": kop_text(s["bankPaymentSum"]),
    }
