"""statistics-api: GET /api/v1/supplier/orders and /api/v1/supplier/sales."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svodka.sandbox.clock import DAY_S, parse_wb_datetime
from svodka.sandbox.http import Call, Reply
from svodka.sandbox.render_stats import StatsRenderer
from svodka.sandbox.streams import VersionedStream

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer


def _params(call: Call) -> tuple[int, int] | Reply:
    """(dateFrom in Moscow microseconds, flag) or the documented 400 body."""
    raw = call.query.get("dateFrom")
    if raw is None or raw == "":
        return Reply.json({"errors": ["dateFrom: field required"]}, 400)
    us = parse_wb_datetime(raw)
    if us is None:
        # The docs show this error with a string, not a list: {"errors": "dateFrom: Value not validated"}.
        return Reply.json({"errors": "dateFrom: Value not validated"}, 400)
    flag_raw = call.query.get("flag", "0") or "0"
    if flag_raw not in ("0", "1"):
        return Reply.json({"errors": ["flag: Value not validated"]}, 400)
    return us, int(flag_raw)


def _select(stream: VersionedStream, call: Call, cap: int):
    parsed = _params(call)
    if isinstance(parsed, Reply):
        return parsed
    us, flag = parsed
    if flag == 1:
        return stream.on_day(us // 1_000_000 // DAY_S, call.now_s)
    return stream.changed_since(us, call.now_s, cap)


def make_handlers(srv: SandboxServer) -> dict[str, object]:
    """Handlers keyed by method name."""
    renderer = StatsRenderer(srv.world)

    def orders(call: Call) -> Reply:
        got = _select(srv.world.order_stream, call, srv.stats_row_cap)
        if isinstance(got, Reply):
            return got
        rows, ver = got
        return Reply.rows(renderer.orders(rows, ver))

    def sales(call: Call) -> Reply:
        got = _select(srv.world.sales.stream, call, srv.stats_row_cap)
        if isinstance(got, Reply):
            return got
        rows, ver = got
        return Reply.rows(renderer.sales(rows, ver))

    return {"orders": orders, "sales": sales}
