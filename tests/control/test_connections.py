"""Connections: encryption at rest, uniqueness, replace, pause, remove, masking, repr safety."""

from __future__ import annotations

import logging
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import text

from svodka.control import (
    ConnectionExistsError,
    ConnectionNotFoundError,
    ControlStore,
    SecretBox,
)
from svodka.errors import ConfigError

TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUwMjE3djEiLCJ0eXAiOiJKV1QifQ.eyJlbnQiOjEsImV4cCI6MTc1.sig-x9Q"
HOSTS = {"statistics": "https://statistics-api.wildberries.ru/", "content": "http://127.0.0.1:8001"}


def test_add_and_get(store: ControlStore) -> None:
    added = store.add_connection("wb", "main", TOKEN, HOSTS, {"timezone": "Europe/Moscow"})
    got = store.get_connection("wb", "main")
    assert got == added
    assert got.token() == TOKEN
    assert got.hosts == {
        "statistics": "https://statistics-api.wildberries.ru",
        "content": "http://127.0.0.1:8001",
    }
    assert got.options == {"timezone": "Europe/Moscow"}
    assert got.paused is False
    assert got.created_at.tzinfo == UTC and got.updated_at == got.created_at
    assert got.key == "wb/main"
    assert store.get_connection_by_id(got.id) == got


def test_token_is_encrypted_at_rest(store: ControlStore, engine_name: str, db_url: str) -> None:
    store.add_connection("wb", "main", TOKEN, HOSTS)
    with store.engine.connect() as conn:
        raw = conn.execute(text("SELECT token_encrypted FROM connections")).scalar_one()
        assert TOKEN not in raw and TOKEN[:20] not in raw and TOKEN[-20:] not in raw
        if engine_name == "postgresql":
            # Every column of every row, as text: the token is nowhere in the table.
            dump = " ".join(conn.execute(text("SELECT c::text FROM connections c")).scalars())
        else:
            dump = " ".join(str(r) for r in conn.execute(text("SELECT * FROM connections")))
    assert TOKEN not in dump
    if engine_name == "sqlite":
        store.close()  # checkpoints the WAL into the main file
        folder = Path(db_url.removeprefix("sqlite:///")).parent
        files = list(folder.iterdir())
        assert files
        for f in files:  # control.db and any -wal/-shm left behind
            data = f.read_bytes()
            assert TOKEN.encode() not in data and TOKEN[:20].encode() not in data


def test_secrets_stay_out_of_sql_logs(db_url: str, box: SecretBox, caplog: pytest.LogCaptureFixture) -> None:
    store = ControlStore(db_url, box, echo=True).open()
    try:
        with caplog.at_level(logging.DEBUG, logger="sqlalchemy"):
            info = store.add_connection("wb", "main", TOKEN, HOSTS)
            store.get_connection("wb", "main").token()
        assert caplog.records  # echo did log the statements
        assert TOKEN not in caplog.text
        assert info.token_encrypted not in caplog.text  # parameters are hidden, ciphertext included
    finally:
        store.close()


def test_repr_and_str_never_show_the_token(store: ControlStore) -> None:
    info = store.add_connection("wb", "main", TOKEN, HOSTS)
    for rendered in (repr(info), str(info), f"{info!r}", repr([info])):
        assert TOKEN not in rendered
        assert info.token_encrypted not in rendered
        assert "token" not in rendered.lower()
    assert TOKEN not in repr(store)


def test_masked_token(store: ControlStore) -> None:
    info = store.add_connection("wb", "main", TOKEN)
    assert info.token_masked == "eyJh…x9Q"
    assert store.list_connections()[0].token_masked == "eyJh…x9Q"


def test_wrong_key_error_names_the_connection(store: ControlStore, db_url: str) -> None:
    store.add_connection("wb", "main", TOKEN)
    other = ControlStore(db_url, SecretBox.generate()).open()
    try:
        info = other.get_connection("wb", "main")  # reading metadata needs no key
        with pytest.raises(ConfigError, match=r"connection wb/main: .*does not match the key") as err:
            info.token()
        assert TOKEN not in str(err.value)
        assert info.token_masked == "(cannot decrypt: wrong secret key)"
    finally:
        other.close()


def test_names_are_unique_per_source(store: ControlStore) -> None:
    store.add_connection("wb", "main", TOKEN)
    store.add_connection("ozon", "main", "ozon-api-key-0000-1111-2222", options={"client_id": "12345"})
    with pytest.raises(ConnectionExistsError, match="wb/main already exists") as err:
        store.add_connection("wb", "main", "another-token-aaaaaaaaaaaaaaaaa")
    assert "--replace" in str(err.value)
    assert "another-token" not in str(err.value)
    assert store.get_connection("wb", "main").token() == TOKEN  # the first one is untouched
    assert [(c.source, c.name) for c in store.list_connections()] == [("ozon", "main"), ("wb", "main")]
    assert [c.source for c in store.list_connections("ozon")] == ["ozon"]
    assert store.list_connections("yandex_market") == []


def test_replace_keeps_id_cursors_and_pause(store: ControlStore) -> None:
    first = store.add_connection("wb", "main", TOKEN, HOSTS, {"a": 1})
    store.commit_states(first.id, {"orders": {"since": "2026-11-01"}})
    store.set_paused("wb", "main", True)
    second = store.add_connection("wb", "main", "new-token-0123456789abcdefghij", replace=True)
    assert second.id == first.id
    assert second.token() == "new-token-0123456789abcdefghij"
    assert second.hosts == first.hosts and second.options == {"a": 1}  # None keeps them
    assert second.paused is True
    assert second.created_at == first.created_at and second.updated_at > first.updated_at
    assert store.get_states(first.id) == {"orders": {"since": "2026-11-01"}}
    local = {"statistics": "http://127.0.0.1:9000"}
    third = store.add_connection("wb", "main", TOKEN, local, {}, replace=True)
    assert third.hosts == {"statistics": "http://127.0.0.1:9000"} and third.options == {}


def test_pause_and_resume(store: ControlStore) -> None:
    store.add_connection("wb", "main", TOKEN)
    assert store.set_paused("wb", "main").paused is True
    assert store.get_connection("wb", "main").paused is True
    assert store.set_paused("wb", "main", False).paused is False
    with pytest.raises(ConnectionNotFoundError):
        store.set_paused("wb", "nope")


def test_remove_drops_cursors_and_keeps_run_history(store: ControlStore) -> None:
    info = store.add_connection("wb", "main", TOKEN)
    store.commit_states(info.id, {"orders": {"page": 3}})
    run_id = store.start_run("sync", info.id)
    store.finish_run(run_id, "succeeded", rows=5)
    store.remove_connection("wb", "main")
    with pytest.raises(ConnectionNotFoundError, match="svodka connect wb --name main"):
        store.get_connection("wb", "main")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM stream_states")).scalar_one() == 0
    run = store.get_run(run_id)
    assert run.connection_id is None and run.rows == 5
    with pytest.raises(ConnectionNotFoundError):
        store.remove_connection("wb", "main")
    # The name is free again and gets a new id with no cursors.
    again = store.add_connection("wb", "main", TOKEN)
    assert store.get_states(again.id) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("WB", "main", TOKEN), "bad source"),
        (("wb", "my shop", TOKEN), "bad connection name"),
        (("wb", "", TOKEN), "bad connection name"),
        (("wb", "main", "   \n"), "token is empty"),
        (("wb", "main", "abc\ndef-ghijklmnopqrstu"), "line breaks"),
        (("wb", "main", TOKEN, {"statistics": "ftp://x"}), "http"),
        (("wb", "main", TOKEN, {"statistics": "https://user:pw@host"}), "credentials"),
    ],
)
def test_bad_input_is_a_config_error(store: ControlStore, args: tuple, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        store.add_connection(*args)
    assert TOKEN not in str(err.value) and "pw@" not in str(err.value)
    assert store.list_connections() == []


def test_cyrillic_names_and_options(store: ControlStore) -> None:
    info = store.add_connection("goldapple", "Магазин_1", TOKEN, options={"склад": "Подольск"})
    assert store.get_connection("goldapple", "Магазин_1").options == {"склад": "Подольск"}
    assert info.name == "Магазин_1"


def test_connections_survive_reopening(db_url: str, box: SecretBox) -> None:
    with ControlStore(db_url, box) as s:
        s.add_connection("wb", "main", TOKEN)
    with ControlStore(db_url, box) as s:
        assert s.get_connection("wb", "main").token() == TOKEN
