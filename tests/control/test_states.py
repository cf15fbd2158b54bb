"""Stream cursors: commit_states is all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from svodka.control import ConnectionNotFoundError, ControlDBError, ControlStore, SecretBox

TOKEN = "wb-token-0123456789abcdefghijklmnop"


@pytest.fixture
def conn_id(store: ControlStore) -> int:
    return store.add_connection("wb", "main", TOKEN).id


def test_states_start_empty_and_round_trip(store: ControlStore, conn_id: int) -> None:
    assert store.get_states(conn_id) == {}
    states = {
        "orders": {"dateFrom": "2026-11-01T00:00:00+03:00", "flag": 0},
        "stocks": {"pages": [1, 2, 3], "done": True, "note": "склад Коледино"},
        "reports": "rrd_id:123456789012",
    }
    store.commit_states(conn_id, states)
    assert store.get_states(conn_id) == states
    store.commit_states(conn_id, {"orders": {"dateFrom": "2026-11-02T00:00:00+03:00", "flag": 0}})
    assert store.get_states(conn_id)["orders"]["dateFrom"].startswith("2026-11-02")
    assert store.get_states(conn_id)["stocks"] == states["stocks"]  # other streams untouched


def test_none_forgets_a_stream(store: ControlStore, conn_id: int) -> None:
    store.commit_states(conn_id, {"orders": {"a": 1}, "sales": {"b": 2}})
    store.commit_states(conn_id, {"orders": None, "sales": {"b": 3}})
    assert store.get_states(conn_id) == {"sales": {"b": 3}}


def test_states_are_per_connection(store: ControlStore, conn_id: int) -> None:
    other = store.add_connection("wb", "second", TOKEN).id
    store.commit_states(conn_id, {"orders": 1})
    store.commit_states(other, {"orders": 2})
    assert store.get_states(conn_id) == {"orders": 1}
    assert store.get_states(other) == {"orders": 2}


def test_a_failure_inside_the_transaction_keeps_every_state(store: ControlStore, conn_id: int) -> None:
    before = {"orders": {"v": 1}, "sales": {"v": 1}, "stocks": {"v": 1}}
    store.commit_states(conn_id, before)

    written: list[str] = []

    # The database fails on the second stream's write, after the first one was executed.
    def fail_on_sales(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO STREAM_STATES"):
            if "sales" in str(parameters):
                raise RuntimeError("disk full")
            written.append(str(parameters))

    event.listen(store.engine, "before_cursor_execute", fail_on_sales)
    try:
        with pytest.raises((RuntimeError, ControlDBError), match="disk full"):
            store.commit_states(conn_id, {"orders": {"v": 2}, "sales": {"v": 2}, "stocks": None})
    finally:
        event.remove(store.engine, "before_cursor_execute", fail_on_sales)
    assert len(written) == 1 and "orders" in written[0]  # the first write did reach the database
    assert store.get_states(conn_id) == before


def test_a_bad_state_writes_nothing(store: ControlStore, conn_id: int) -> None:
    store.commit_states(conn_id, {"orders": {"v": 1}})
    with pytest.raises(ValueError, match="state of stream 'sales' is not plain JSON"):
        store.commit_states(conn_id, {"orders": {"v": 2}, "sales": {"since": object()}})
    with pytest.raises(ValueError, match="not plain JSON"):
        store.commit_states(conn_id, {"orders": {"v": float("nan")}})
    assert store.get_states(conn_id) == {"orders": {"v": 1}}


def test_unknown_connection(store: ControlStore) -> None:
    with pytest.raises(ConnectionNotFoundError, match="no connection with id 999"):
        store.commit_states(999, {"orders": {"v": 1}})
    with pytest.raises(ConnectionNotFoundError):
        store.get_states(999)


def test_empty_commit_is_a_no_op(store: ControlStore, conn_id: int) -> None:
    store.commit_states(conn_id, {})
    assert store.get_states(conn_id) == {}


def test_states_survive_reopening(db_url: str, box: SecretBox) -> None:
    with ControlStore(db_url, box) as s:
        cid = s.add_connection("wb", "main", TOKEN).id
        s.commit_states(cid, {"orders": {"v": 7}})
    with ControlStore(db_url, box) as s:
        assert s.get_states(cid) == {"orders": {"v": 7}}
