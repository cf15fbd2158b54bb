"""Database failures come out as clear Svodka errors: locked, unreachable, misused."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from svodka.control import (
    ControlDBError,
    ControlDBLockedError,
    ControlDBUnavailableError,
    ControlStore,
    SecretBox,
)
from svodka.errors import ConfigError, WorkspaceError

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def held_by_another_process(engine_name: str, db_url: str) -> Iterator[None]:
    """Hold a write lock on the control DB from outside the store, as another process would."""
    if engine_name == "sqlite":
        other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        engine = create_engine(db_url)
        with engine.connect() as conn, conn.begin():
            conn.execute(text("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE"))
            yield
        engine.dispose()


def test_a_locked_database_says_who_holds_it(engine_name: str, db_url: str, box: SecretBox) -> None:
    with ControlStore(db_url, box, busy_timeout=0.3) as store:
        with held_by_another_process(engine_name, db_url), pytest.raises(ControlDBLockedError) as info:
            store.start_run("sync")
        message = str(info.value)
        assert "locked by another" in message and "cannot start a sync run" in message
        if engine_name == "sqlite":
            assert db_url.removeprefix("sqlite:///") in message  # names the file
        assert isinstance(info.value, WorkspaceError)
        store.start_run("sync")  # fine once the other process lets go


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_database_is_named_without_its_password(
    engine_name: str, tmp_path: Path, box: SecretBox
) -> None:
    if engine_name == "sqlite":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("")
        url, where = f"sqlite:///{blocker}/control.db", str(blocker)
    else:
        url, where = f"postgresql+psycopg://svodka:hunter2@127.0.0.1:{_closed_port()}/svodka", "127.0.0.1"
    with pytest.raises(ControlDBUnavailableError) as info:
        ControlStore(url, box, busy_timeout=1).open()
    assert where in str(info.value)
    assert "hunter2" not in str(info.value)
    assert info.value.hint


def test_a_store_must_be_opened_first(db_url: str, box: SecretBox) -> None:
    store = ControlStore(db_url, box)
    with pytest.raises(ControlDBError, match="not open"):
        store.list_runs()
    store.open()
    store.close()
    with pytest.raises(ControlDBError, match="not open"):
        store.list_connections()


def test_repr_hides_the_password(box: SecretBox) -> None:
    store = ControlStore("postgresql+psycopg://svodka:hunter2@db.internal/ctl", box)
    assert "hunter2" not in repr(store) and "db.internal" in repr(store)


@pytest.mark.parametrize("url", ["mysql://u@h/db", "no url at all", "clickhouse://localhost"])
def test_unsupported_urls(url: str, box: SecretBox) -> None:
    with pytest.raises(ConfigError):
        ControlStore(url, box)


def test_bare_postgresql_url_uses_psycopg3(box: SecretBox) -> None:
    assert repr(ControlStore("postgresql://u@h/db", box)) == "ControlStore('postgresql+psycopg://u@h/db')"


def _run_one_postgres_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    node = "tests/control/test_states.py::test_empty_commit_is_a_no_op[postgresql]"
    return subprocess.run(
        [sys.executable, "-m", "pytest", node, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_unreachable_postgresql_skips_locally_and_fails_in_ci() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SVODKA_TEST_PG_URL"] = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/postgres"
    local = _run_one_postgres_test(env)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout + local.stderr
    ci = _run_one_postgres_test({**env, "CI": "true"})
    assert ci.returncode != 0, ci.stdout
    assert "PostgreSQL is required in CI" in ci.stdout
