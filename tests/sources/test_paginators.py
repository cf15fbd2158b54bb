"""Paginators in isolation: each protocol, and the guards that stop endless loops."""

from __future__ import annotations

import pytest

from svodka.errors import PaginationError
from svodka.sources.paginators import (
    CardsCursorPaginator,
    DateCursorPaginator,
    OffsetPaginator,
    PageRequest,
    RrdIdPaginator,
)


def key(row):
    return (row["srid"], row["lastChangeDate"])


def rows(*pairs):
    return [{"srid": s, "lastChangeDate": t} for s, t in pairs]


def test_offset_until_an_empty_page_in_query_or_body():
    p = OffsetPaginator(2, max_pages=10)
    req = p.first(PageRequest("GET", "/goods", {"x": 1}))
    assert req.params == {"x": 1, "limit": 2, "offset": 0}
    p.update(200, None, [{}, {}])
    assert p.has_more
    req = p.next_request(req)
    assert req.params["offset"] == 2
    p.update(200, None, [{}])
    assert p.has_more  # a short page is not the end unless the API says so
    p.update(200, None, [])
    assert not p.has_more
    body = OffsetPaginator(5, in_body=True).first(PageRequest("POST", "/s", json={"a": 1}))
    assert body.json == {"a": 1, "limit": 5, "offset": 0} and body.params == {}


def test_max_pages_guard():
    p = OffsetPaginator(1, max_pages=3, source="wb:main")
    for _ in range(3):
        p.update(200, None, [{}])
    with pytest.raises(PaginationError, match=r"\[wb:main\] more than 3 pages"):
        p.update(200, None, [{}])


def test_rrdid_continues_from_the_last_row_and_stops_on_204():
    p = RrdIdPaginator()
    req = p.first(PageRequest("POST", "/detailed", json={"dateFrom": "2026-11-02", "limit": 2}))
    assert req.json == {"dateFrom": "2026-11-02", "limit": 2, "rrdId": 0}
    p.update(200, None, [{"rrdId": 10}, {"rrdId": 12}])
    assert p.has_more and p.next_request(req).json["rrdId"] == 12
    p.update(204, None, [])
    assert not p.has_more


def test_rrdid_that_does_not_advance_is_an_error():
    p = RrdIdPaginator()
    p.first(PageRequest("POST", "/d"))
    p.update(200, None, [{"rrdId": 5}])
    with pytest.raises(PaginationError, match="did not advance"):
        p.update(200, None, [{"rrdId": 3}, {"rrdId": 5}])


def test_cards_cursor_until_total_below_limit():
    p = CardsCursorPaginator(2)
    req = p.first(PageRequest("POST", "/cards", json={"settings": {"sort": {"ascending": True}}}))
    assert req.json["settings"] == {"sort": {"ascending": True}, "cursor": {"limit": 2}}
    p.update(200, {"cursor": {"updatedAt": "t1", "nmID": 1, "total": 2}}, [{}, {}])
    req = p.next_request(req)
    assert p.has_more and req.json["settings"]["cursor"] == {"limit": 2, "updatedAt": "t1", "nmID": 1}
    p.update(200, {"cursor": {"updatedAt": "t2", "nmID": 5, "total": 1}}, [{}])
    assert not p.has_more and p.cursor == {"updatedAt": "t2", "nmID": 5}


def test_cards_resume_from_a_saved_cursor_and_guard_repeats():
    p = CardsCursorPaginator(2, start={"updatedAt": "t1", "nmID": 1})
    req = p.first(PageRequest("POST", "/cards", json={}))
    assert req.json["settings"]["cursor"] == {"limit": 2, "updatedAt": "t1", "nmID": 1}
    with pytest.raises(PaginationError, match="repeated"):
        p.update(200, {"cursor": {"updatedAt": "t1", "nmID": 1, "total": 2}}, [{}, {}])


def test_date_cursor_dedups_the_boundary_and_ends_on_nothing_new():
    p = DateCursorPaginator("2026-11-01T00:00:00", key=key)
    req = p.first(PageRequest("GET", "/orders", {"flag": 0}))
    assert req.params == {"flag": 0, "dateFrom": "2026-11-01T00:00:00"}
    p.update(200, None, rows(("a", "T1"), ("b", "T2"), ("c", "T2")))
    assert len(p.new) == 3 and p.cursor == "T2"
    assert p.next_request(req).params["dateFrom"] == "T2"
    p.update(200, None, rows(("b", "T2"), ("c", "T2"), ("d", "T2"), ("e", "T3")))
    assert [r["srid"] for r in p.new] == ["d", "e"] and p.new_indexes == [2, 3] and p.cursor == "T3"
    p.update(200, None, rows(("e", "T3")))
    assert p.new == [] and not p.has_more


def test_date_cursor_keeps_the_boundary_while_the_value_repeats():
    p = DateCursorPaginator("T0", key=key)
    p.update(200, None, rows(("a", "T1"), ("b", "T1")))
    p.update(200, None, rows(("a", "T1"), ("b", "T1"), ("c", "T1")))
    assert [r["srid"] for r in p.new] == ["c"]
    p.update(200, None, rows(("a", "T1"), ("b", "T1"), ("c", "T1")))
    assert not p.has_more


def test_date_cursor_going_backwards_is_an_error():
    p = DateCursorPaginator("T5", key=key)
    with pytest.raises(PaginationError, match="went backwards"):
        p.update(200, None, rows(("a", "T3")))


def test_date_cursor_ends_on_an_empty_answer():
    p = DateCursorPaginator("T0", key=key)
    p.update(200, None, [])
    assert not p.has_more
