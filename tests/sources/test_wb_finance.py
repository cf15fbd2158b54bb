"""wb_realization / wb_realization_reports: finished weeks, rrdId → 204, interval state."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from wb_rows import realization_row, report_row

from svodka.errors import ConfigError, RecordError, RetriableError
from svodka.sources import intervals

WED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 12:00 MSK; last finished week ends Sun 11-22
W1, W2, W3 = ("2026-11-02", "2026-11-08"), ("2026-11-09", "2026-11-15"), ("2026-11-16", "2026-11-22")
DETAILED = "/finance-api/api/finance/v1/sales-reports/detailed"


def windows(server):
    return [(r.json["dateFrom"], r.json["dateTo"], r.json["rrdId"]) for r in server.seen("POST", DETAILED)]


def test_first_sync_reads_each_finished_week_until_204(wb, connect, server):
    wb.realization = [
        realization_row(1, "2026-11-03"),
        realization_row(2, "2026-11-04"),
        realization_row(3, "2026-11-08"),
        realization_row(4, "2026-11-10"),
    ]
    pages = list(connect(history_days=21, finance_page_limit=2).stream("wb_realization").read(None, WED))
    assert windows(server) == [(*W1, 0), (*W1, 2), (*W1, 3), (*W2, 0), (*W2, 4), (*W3, 0)]
    assert server.seen("POST", DETAILED)[0].json == {
        "dateFrom": "2026-11-02",
        "dateTo": "2026-11-08",
        "limit": 2,
        "period": "weekly",
        "rrdId": 0,
    }
    assert [(p.status, p.records) for p in pages] == [
        (200, 2),
        (200, 1),
        (204, 0),
        (200, 1),
        (204, 0),
        (204, 0),
    ]
    # Only a window's last page (the 204) marks it finished; the watermark follows the first run.
    assert [p.state["intervals"] for p in pages] == [
        [],
        [],
        [list(W1)],
        [list(W1)],
        [["2026-11-02", "2026-11-15"]],
        [["2026-11-02", "2026-11-22"]],
    ]
    assert pages[-1].state["watermark"] == "2026-11-22"
    assert pages[2].body == b"" and pages[0].meta == {"date_from": W1[0], "date_to": W1[1]}


def test_later_syncs_read_new_weeks_and_reread_the_last_ones(wb, connect, server):
    state = intervals.to_state([(date(2026, 11, 2), date(2026, 11, 22))])
    next_wed = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    pages = list(
        connect(history_days=21, finance_reread_weeks=2).stream("wb_realization").read(state, next_wed)
    )
    assert windows(server) == [("2026-11-16", "2026-11-22", 0), ("2026-11-23", "2026-11-29", 0)]
    assert pages[-1].state == {"intervals": [["2026-11-02", "2026-11-29"]], "watermark": "2026-11-29"}


def test_a_gap_stays_visible_and_is_filled_next_time(wb, connect, server):
    state = intervals.to_state(
        [(date(2026, 11, 2), date(2026, 11, 8)), (date(2026, 11, 16), date(2026, 11, 22))]
    )
    assert state["watermark"] == "2026-11-08"
    pages = list(connect(history_days=21, finance_reread_weeks=0).stream("wb_realization").read(state, WED))
    assert windows(server) == [(*W2, 0)]
    assert pages[-1].state == {"intervals": [["2026-11-02", "2026-11-22"]], "watermark": "2026-11-22"}


def test_windows_can_span_several_weeks(wb, connect, server):
    list(connect(history_days=21, finance_window_weeks=2).stream("wb_realization").read(None, WED))
    assert windows(server) == [("2026-11-02", "2026-11-15", 0), (*W3, 0)]


def test_a_failing_window_leaves_no_finished_mark(wb, connect, server, reply):
    wb.realization = [realization_row(1, "2026-11-03")]

    def answer(seen):
        if seen.json["dateFrom"] == W2[0]:
            return reply(500, {"title": "internal error"})
        return wb._detailed(seen)

    server.route("POST", DETAILED, answer)
    pages = []
    with pytest.raises(RetriableError, match="gave up"):
        for p in connect(history_days=21, max_retries=1).stream("wb_realization").read(None, WED):
            pages.append(p)
    assert pages[-1].state == {"intervals": [list(W1)], "watermark": W1[1]}


def test_money_must_be_a_decimal_string(wb, connect):
    wb.realization = [realization_row(1, "2026-11-03"), realization_row(2, "2026-11-03", forPay=376.99)]
    with pytest.raises(RecordError) as e:
        list(connect(history_days=21).stream("wb_realization").read(None, WED))
    assert (e.value.stream, e.value.field) == ("wb_realization", "forPay") and "rrdId=2" in e.value.record


def test_a_malformed_state_is_an_error_not_a_silent_full_reload(connect):
    with pytest.raises(ConfigError, match="malformed"):
        list(connect().stream("wb_realization").read({"intervals": [["2026-13-01", "x"]]}, WED))


def test_report_headers_over_the_same_range_by_offset(wb, connect, server):
    wb.reports = [report_row(i, *w) for i, w in enumerate([W1, W1, W2, W3], start=1)]
    pages = list(
        connect(history_days=21, reports_page_limit=2).stream("wb_realization_reports").read(None, WED)
    )
    sent = [r.json for r in server.seen("POST", "/api/finance/v1/sales-reports/list")]
    assert sent == [
        {"dateFrom": W1[0], "dateTo": W3[1], "period": "weekly", "limit": 2, "offset": o} for o in (0, 2, 4)
    ]
    assert [(p.status, p.records) for p in pages] == [(200, 2), (200, 2), (204, 0)]
    assert [p.state["watermark"] for p in pages] == [None, None, "2026-11-22"]
    assert all(p.stream == "wb_realization_reports" and p.record_path == () for p in pages)


def test_no_finished_week_in_range_means_no_request(connect, server):
    state = intervals.to_state([(date(2026, 11, 2), date(2026, 11, 22))])
    stream = connect(history_days=21, finance_reread_weeks=0).stream("wb_realization_reports")
    assert list(stream.read(state, WED)) == [] and server.requests == []
