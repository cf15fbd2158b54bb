"""Fixtures for the control DB tests: every DB test runs on SQLite and on PostgreSQL.

PostgreSQL: the admin URL is `SVODKA_TEST_PG_URL` (default: the local server,
trust auth). One throwaway database `svodka_test_<random>` per test session,
dropped at the end; inside it, each test gets its own empty schema, selected
through the connection's search_path, so tests are isolated and start empty.
An unreachable server skips the PostgreSQL variants, unless `CI=true`, where it
fails: CI must exercise the production engine.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, exc, text
from sqlalchemy.engine import URL, make_url

from svodka.control import ControlStore, SecretBox

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _pg_admin_url() -> URL:
    return make_url(os.environ.get("SVODKA_TEST_PG_URL") or PG_DEFAULT)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[URL]:
    """A fresh database for this test session on the PostgreSQL server; dropped afterwards."""
    admin_url = _pg_admin_url()
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        conn = admin.connect()
    except exc.OperationalError as err:
        admin.dispose()
        where = admin_url.render_as_string(hide_password=True)
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"PostgreSQL is required in CI (CI=true) but {where} is unreachable: {reason}. "
                "Start it (.ci/run installs it) or set SVODKA_TEST_PG_URL.",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL at {where} is unreachable ({reason}); set CI=true to make this a failure")
    name = f"svodka_test_{secrets.token_hex(6)}"
    conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name)
    finally:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.close()
        admin.dispose()


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": which engine this variant of the test runs on."""
    return request.param


@pytest.fixture
def db_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of an empty control DB on the engine under test."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'control.db'}"
        return
    base: URL = request.getfixturevalue("pg_database")
    schema = f"t_{secrets.token_hex(6)}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        cleanup = create_engine(base, isolation_level="AUTOCOMMIT")
        with cleanup.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        cleanup.dispose()


@pytest.fixture
def box() -> SecretBox:
    """A secret box with a fresh random key."""
    return SecretBox.generate()


@pytest.fixture
def store(db_url: str, box: SecretBox) -> Iterator[ControlStore]:
    """An open, migrated store on the engine under test (short lock waits keep failures quick)."""
    s = ControlStore(db_url, box, busy_timeout=2.0).open()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their key explicitly; a developer's SVODKA_SECRET_KEY must not leak in."""
    monkeypatch.delenv("SVODKA_SECRET_KEY", raising=False)
