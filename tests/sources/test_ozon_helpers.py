"""The generic helpers the Ozon connector added to svodka/sources: body-token and page-number
paginators, and record contracts over nested objects."""

from __future__ import annotations

import pytest

from svodka.errors import PaginationError, RecordError
from svodka.sources.paginators import BodyTokenPaginator, PageNumberPaginator, PageRequest
from svodka.sources.validation import DECIMAL, DICT, INT, LIST, STR, RecordContract

REQ = PageRequest("POST", "/v1/x", json={"filter": {"a": 1}, "limit": 2})


def test_a_token_from_the_answer_until_an_empty_token():
    p = BodyTokenPaginator("last_id", token_path=("result", "last_id"))
    req = p.first(REQ)
    assert req.json == {"filter": {"a": 1}, "limit": 2, "last_id": ""} and REQ.json == {
        "filter": {"a": 1},
        "limit": 2,
    }
    p.update(200, {"result": {"last_id": "t1"}}, [{}, {}])
    assert p.has_more and p.next_request(req).json["last_id"] == "t1"
    p.update(200, {"result": {"last_id": ""}}, [{}])
    assert not p.has_more


def test_an_empty_page_ends_even_with_a_token():
    p = BodyTokenPaginator("cursor", token_path=("cursor",))
    p.first(REQ)
    p.update(200, {"cursor": "c9"}, [])
    assert not p.has_more


def test_has_next_decides_when_given():
    p = BodyTokenPaginator("cursor", token_path=("cursor",), has_next_path=("has_next",))
    p.first(REQ)
    p.update(200, {"cursor": "c1", "has_next": False}, [{}])
    assert not p.has_more  # a cursor on the last page does not mean more
    p = BodyTokenPaginator("cursor", token_path=("cursor",), has_next_path=("has_next",))
    p.first(REQ)
    with pytest.raises(PaginationError, match="without 'cursor'"):
        p.update(200, {"cursor": "", "has_next": True}, [{}])


def test_a_token_from_the_last_record():
    p = BodyTokenPaginator("last_id", record_field="id", has_next_path=("has_next",), start=0)
    req = p.first(REQ)
    assert req.json["last_id"] == 0
    p.update(200, {"has_next": True}, [{"id": 5}, {"id": 8}])
    assert p.next_request(req).json["last_id"] == 8
    with pytest.raises(PaginationError, match="id repeated: 8"):
        p.update(200, {"has_next": True}, [{"id": 8}])


def test_a_repeated_token_and_the_page_cap_stop_the_loop():
    p = BodyTokenPaginator("cursor", token_path=("cursor",))
    p.first(REQ)
    p.update(200, {"cursor": "a"}, [{}])
    p.update(200, {"cursor": "b"}, [{}])
    with pytest.raises(PaginationError, match="repeated: 'a'"):
        p.update(200, {"cursor": "a"}, [{}])
    p = BodyTokenPaginator("cursor", token_path=("cursor",), max_pages=1)
    p.first(REQ)
    p.update(200, {"cursor": "a"}, [{}])
    with pytest.raises(PaginationError, match="more than 1 pages"):
        p.update(200, {"cursor": "b"}, [{}])
    with pytest.raises(ValueError, match="exactly one"):
        BodyTokenPaginator("cursor")


def test_page_numbers_until_the_page_count():
    p = PageNumberPaginator(2, count_path=("result", "page_count"))
    req = p.first(REQ)
    assert (req.json["page"], req.json["page_size"]) == (1, 2)
    p.update(200, {"result": {"page_count": 2}}, [{}, {}])
    req = p.next_request(req)
    assert p.has_more and req.json["page"] == 2
    p.update(200, {"result": {"page_count": 2}}, [{}])
    assert not p.has_more
    p = PageNumberPaginator(2, count_path=("result", "page_count"))
    p.first(REQ)
    p.update(200, {"result": {"page_count": 0}}, [])
    assert not p.has_more


POSTING = RecordContract(
    {"posting_number": STR, "products": LIST, "financial_data": DICT},
    id_fields=("posting_number",),
    nested={
        "products": RecordContract({"sku": INT}),
        "financial_data": RecordContract(
            {"products": LIST}, nested={"products": RecordContract({"payout": DECIMAL})}
        ),
    },
    nullable=frozenset({"financial_data"}),
)
GOOD = {
    "posting_number": "1-1-1",
    "products": [{"sku": 1}],
    "financial_data": {"products": [{"payout": "1.50"}]},
}


def error(records: list) -> RecordError:
    with pytest.raises(RecordError) as e:
        POSTING.validate(records, source="ozon:main", stream="ozon_postings_fbo")
    return e.value


def test_nested_objects_are_checked_and_named_by_path():
    POSTING.validate([GOOD, {**GOOD, "financial_data": None}], source="ozon:main", stream="s")
    e = error([GOOD, {**GOOD, "financial_data": {"products": [{"payout": 1.5}]}}])
    assert e.field == "financial_data.products[0].payout" and e.record == "posting_number=1-1-1 (#1)"
    e = error([{**GOOD, "financial_data": {"products": [{"payout": "1.5.0"}]}}])
    assert e.field == "financial_data.products[0].payout" and "decimal string" in str(e)
    e = error([{**GOOD, "financial_data": {}}])
    assert e.field == "financial_data.products"
    e = error([{**GOOD, "financial_data": []}])
    assert e.field == "financial_data" and "expected object" in str(e)
    e = error([{**GOOD, "products": [{"sku": 1}, {"SKU": 2}]}])
    assert e.field == "products[1].sku" and "(the record has 'SKU')" in str(e)
