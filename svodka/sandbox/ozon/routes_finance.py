"""Money: /v1/finance/accrual/types, /v1/finance/accrual/by-day, /v1/finance/accrual/postings,
/v2/finance/realization.

An accrual is served from its publication time on (see accruals.py); by-day pages hold
`srv.ozon_accrual_page` accruals (1,000) in accrual_id order; `last_id` is opaque and "" on an
empty page. The realization report of a month is served from 12:00 Moscow time on the 5th of the
next month, when every accrual dated in the month has been published.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, day_number
from svodka.sandbox.http import Call, Reply
from svodka.sandbox.ozon import fmt
from svodka.sandbox.ozon.accrual_types import TYPES
from svodka.sandbox.ozon.fmt import BadRequest
from svodka.sandbox.ozon.gateway import not_found
from svodka.sandbox.ozon.render_finance import FinanceRenderer
from svodka.sandbox.ozon.render_products import ProductRenderer
from svodka.sandbox.ozon.routes_products import guarded

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

EARLIEST = date(2022, 1, 1)  # "Самая ранняя — 1 января 2022 года"
REALIZATION_FROM = (2023, 8)  # "не раньше августа 2023 года"
REALIZATION_DAY = 5  # "не позднее 5-го числа следующего месяца"
REALIZATION_HOUR = 12  # by then every accrual of the month is published (the lag is at most day + 5, 09:00)


def _date(value: object) -> date:
    if not isinstance(value, str) or not value:
        raise BadRequest("invalid request: date is required (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        raise BadRequest("invalid request: date must be YYYY-MM-DD") from None
    if day < EARLIEST:
        raise BadRequest("invalid request: date must be 2022-01-01 or later")
    return day


def table(srv: SandboxServer) -> list[tuple[str, object, str]]:
    """(path, handler, record path) of every finance method."""
    o = srv.world.ozon
    a = o.accruals
    r = FinanceRenderer(srv.world)
    names = ProductRenderer(srv.world)

    def types(call: Call, body: dict) -> Reply:
        rows = [{"id": t.type_id, "name": t.name, "description": t.description} for t in TYPES]
        return Reply.json({"accrual_types": rows})

    def by_day(call: Call, body: dict) -> Reply:
        day = day_number(_date(body.get("date")))
        last = body.get("last_id", "")
        lo, hi = a.day_range(day)
        acc = np.arange(lo, hi)[a.pub[lo:hi] <= call.now_s]
        if last:
            got = fmt.decode_cursor(last)
            if not isinstance(got, dict) or not isinstance(got.get("accrual_id"), int):
                raise BadRequest("invalid last_id")
            acc = acc[a.acc_id[acc] > got["accrual_id"]]
        page = acc[: srv.ozon_accrual_page]
        last_id = fmt.encode_cursor({"accrual_id": int(a.acc_id[page[-1]])}) if len(page) else ""
        return Reply.json({"accruals": r.by_day(page, call.now_s), "last_id": last_id})

    def postings(call: Call, body: dict) -> Reply:
        numbers = fmt.str_list(body.get("posting_numbers"), "posting_numbers")
        if not numbers:
            raise BadRequest("invalid request: posting_numbers is required")
        found = o.posting_index(numbers)
        visible = [
            (n, found[n])
            for n in dict.fromkeys(numbers)
            if n in found and o.sim.postings["t0"][found[n]] <= call.now_s
        ]
        return Reply.json({"posting_accruals": r.per_posting(visible, call.now_s)})

    def realization(call: Call, body: dict) -> Reply:
        year = fmt.int_field(body, "year", None, 2000, 2100)
        month = fmt.int_field(body, "month", None, 1, 12)
        if (year, month) < REALIZATION_FROM:
            raise BadRequest("invalid request: reports before August 2023 are in the seller's account only")
        first = day_number(date(year, month, 1))
        nxt = date(year + month // 12, month % 12 + 1, 1)
        ready = day_number(nxt) + REALIZATION_DAY - 1
        if call.now_s < ready * DAY_S + REALIZATION_HOUR * 3600:
            return not_found("realization report is not ready yet")
        report = r.realization(first, day_number(nxt), ready, names.names(call.now_s))
        return Reply.json({"result": report})

    return [
        ("/v1/finance/accrual/types", guarded(types), "accrual_types"),
        ("/v1/finance/accrual/by-day", guarded(by_day), "accruals"),
        ("/v1/finance/accrual/postings", guarded(postings), "posting_accruals"),
        ("/v2/finance/realization", guarded(realization), "result.rows"),
    ]
