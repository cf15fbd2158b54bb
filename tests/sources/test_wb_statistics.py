"""wb_orders / wb_sales over real HTTP: the lastChangeDate cursor, boundary de-dup, resume."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
from wb_rows import order_row, sale_row

from svodka.errors import PaginationError, RecordError

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
T = {i: f"2026-11-20T10:00:0{i}" for i in range(1, 8)}


def read(stream, state=None, now=NOW):
    return list(stream.read(state, now))


def test_first_sync_reads_history_days_back_in_moscow_time(wb, connect, server):
    pages = read(connect(history_days=90).stream("wb_orders"))
    assert pages == []  # nothing there: the first answer is [] and nothing is stored
    (req,) = server.requests
    assert req.path == "/statistics-api/api/v1/supplier/orders"
    assert req.query == {"dateFrom": "2026-08-24T12:00:00", "flag": "0"}


def test_boundary_rows_come_again_and_a_page_with_nothing_new_ends_the_read(wb, connect, server):
    # Three rows per answer; rows sharing a lastChangeDate straddle page boundaries.
    wb.orders = [
        order_row("a", T[1]),
        order_row("b", T[2]),
        order_row("c", T[2]),
        order_row("d", T[3]),
        order_row("e", T[4]),
        order_row("f", T[4]),
        order_row("g", T[5]),
    ]
    pages = read(connect().stream("wb_orders"))
    asked = [r.query["dateFrom"] for r in server.requests]
    assert asked == ["2026-08-24T12:00:00", T[2], T[3], T[4], T[5]]  # the last answer held only "g" again
    assert [p.state for p in pages] == [
        {"cursor": T[2]},
        {"cursor": T[3]},
        {"cursor": T[4]},
        {"cursor": T[5]},
    ]
    bodies = [[r["srid"] for r in orjson.loads(p.body)] for p in pages]
    assert bodies == [["a", "b", "c"], ["b", "c", "d"], ["d", "e", "f"], ["e", "f", "g"]]
    assert {s for b in bodies for s in b} == set("abcdefg")
    for p in pages:  # the body is verbatim; records counts what is at record_path
        assert p.stream == "wb_orders" and p.record_path == () and p.records == 3 and p.status == 200
        assert p.request["params"]["flag"] == 0


def test_later_syncs_start_reread_hours_before_the_stored_cursor(wb, connect, server):
    read(connect(reread_hours=48).stream("wb_orders"), state={"cursor": "2026-11-21T08:30:15.123"})
    assert server.requests[0].query["dateFrom"] == "2026-11-19T08:30:15"


def test_resume_from_any_committed_state(wb, connect):
    wb.orders = [order_row(s, t) for s, t in zip("abcdefg", T.values(), strict=True)]
    stream = connect(reread_hours=0).stream("wb_orders")
    full = read(stream)
    stored = {r["srid"] for p in full[:2] for r in orjson.loads(p.body)}
    resumed = read(stream, state=full[1].state)  # as if the sync had committed after page 2
    got = {r["srid"] for p in resumed for r in orjson.loads(p.body)}
    assert stored | got == set("abcdefg") and resumed[-1].state == full[-1].state


def test_the_cursor_never_moves_past_the_syncs_now(wb, connect):
    wb.orders = [order_row("late", "2026-11-22T13:00:00")]  # an hour after 12:00 MSK
    (page,) = read(connect().stream("wb_orders"))
    assert page.state == {"cursor": "2026-11-22T12:00:00"}


def test_a_cursor_that_goes_backwards_fails_loudly(server, connect, reply):
    # The API broke its promise (rows with lastChangeDate >= dateFrom, in order).
    server.route(
        "GET",
        "/statistics-api/api/v1/supplier/orders",
        [reply(body=[order_row("a", T[3])]), reply(body=[order_row("b", T[1])])],
    )
    with pytest.raises(PaginationError, match="went backwards"):
        read(connect().stream("wb_orders"))


def test_sales_and_returns_of_one_order_are_both_kept_at_the_boundary(wb, connect, server):
    # A return shares its sale's srid; keyed by srid + lastChangeDate alone, R1 would look like
    # the S1 already stored at the boundary and be lost.
    wb.sales = [sale_row("o0", "S0", T[1]), sale_row("o1", "S1", T[2]), sale_row("o1", "R1", T[2])]
    wb.cap = 2
    pages = read(connect().stream("wb_sales"))
    assert server.requests[0].path == "/statistics-api/api/v1/supplier/sales"
    ids = [[r["saleID"] for r in orjson.loads(p.body)] for p in pages]
    assert ids == [["S0", "S1"], ["S1", "R1"]] and pages[-1].state == {"cursor": T[2]}


def test_a_renamed_field_fails_naming_source_stream_record_and_field(wb, connect):
    row = order_row("srid-42", T[1])
    row["nmID"] = row.pop("nmId")  # WB renames nmId → nmID
    wb.orders = [order_row("srid-41", T[1]), row]
    with pytest.raises(RecordError) as e:
        read(connect().stream("wb_orders"))
    err = e.value
    assert (err.source, err.stream, err.field) == ("wb:main", "wb_orders", "nmId")
    assert "srid=srid-42" in err.record
    assert "the record has 'nmID'" in str(err) and "[wb:main]" in str(err)


def test_a_retyped_field_fails(wb, connect):
    wb.sales = [sale_row("o1", "S1", T[1], priceWithDisc="900.00")]
    with pytest.raises(
        RecordError, match=r"wrong type: str '900.00', expected number.*field 'priceWithDisc'"
    ):
        read(connect().stream("wb_sales"))
