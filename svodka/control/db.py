"""Engines for the control DB and translation of driver errors into Svodka errors.

SQLite is the embedded default, PostgreSQL the production one; everything that
differs between them is decided here, so the store and the migrations stay
dialect-free.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from svodka.control.errors import (
    ControlDBError,
    ControlDBLockedError,
    ControlDBSchemaError,
    ControlDBUnavailableError,
)
from svodka.control.validate import dumps
from svodka.errors import ConfigError

# Execution option that makes a SQLite transaction take the write lock at BEGIN.
WRITE = "svodka_write"
# Seconds to wait for a PostgreSQL server that does not answer (a refused connection fails at once).
PG_CONNECT_TIMEOUT = 10


def parse_url(url: str | URL) -> URL:
    """Parse and check a control DB URL; only SQLite and PostgreSQL are supported."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise ConfigError(
            "the control DB URL is malformed",
            hint="Use sqlite:///path/to/control.db or postgresql+psycopg://user@host:5432/db.",
        ) from None  # the message would quote the URL, password included
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"unsupported control DB {parsed.get_backend_name()!r}: use SQLite or PostgreSQL",
            hint="Use sqlite:///path/to/control.db or postgresql+psycopg://user@host:5432/db.",
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # Bare postgresql:// means psycopg2, which is not installed: psycopg 3 is.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def describe(engine: Engine) -> str:
    """What to call the database in a message: the file for SQLite, the masked URL otherwise."""
    if engine.dialect.name == "sqlite":
        return f"the control database file {engine.url.database or ':memory:'}"
    return f"the control database {safe_url(engine.url)}"


def create_control_engine(url: str | URL, *, busy_timeout: float = 5.0, echo: bool = False) -> Engine:
    """Create an engine for `url` with the settings the control DB relies on.

    `busy_timeout` is how long a statement waits for a lock another process holds
    (SQLite's file lock, a PostgreSQL row or table lock) before giving up with
    ControlDBLockedError, rather than hanging a job.
    """
    parsed = parse_url(url)
    # Statement parameters (ciphertexts, states) never go into error messages or logs.
    kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True, "json_serializer": dumps}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ControlDBUnavailableError(
                    f"cannot create the folder {folder} for the control database file: {err.strerror}",
                    hint="Check the workspace path and its permissions.",
                ) from None
        kwargs["connect_args"] = {"timeout": busy_timeout}
        engine = create_engine(parsed, **kwargs)
        _configure_sqlite(engine, busy_timeout)
    else:
        # pre_ping: a PostgreSQL restart should not surface as an error in the next job.
        kwargs.update(pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT})
        engine = create_engine(parsed, **kwargs)
        _configure_postgresql(engine, busy_timeout)
    return engine


def _configure_postgresql(engine: Engine, busy_timeout: float) -> None:
    """Bound lock waits, as SQLite's busy timeout does, instead of waiting forever."""
    lock_ms = max(1, round(busy_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cur:
            # Set per connection, not through the URL's `options`, which the user may need for search_path.
            cur.execute(f"SET lock_timeout = {lock_ms}")
        dbapi_conn.commit()


def _enable_wal(dbapi_conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch the file to WAL (persistent, so usually already done), waiting out other writers.

    Changing the journal mode needs an exclusive lock and SQLite fails it at once
    with "database is locked", ignoring the busy timeout; two processes opening a
    new workspace together would hit that, so we retry until the timeout.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                dbapi_conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    """Foreign keys on, WAL, and explicit BEGINs that SQLAlchemy controls.

    pysqlite's own transaction handling begins lazily and not at all for DDL; the
    recipe from the SQLAlchemy docs hands BEGIN to us. Writers use BEGIN IMMEDIATE
    so they take the lock up front and wait for it (busy timeout) instead of
    failing with "database is locked" when a read transaction tries to upgrade.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys = ON")  # off by default in SQLite; our FKs cascade
        if engine.url.database and engine.url.database != ":memory:":
            _enable_wal(dbapi_conn, busy_timeout)  # WAL lets the web app read while a sync writes

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _first_line(err: BaseException | None) -> str:
    text = str(err) if err is not None else ""
    return text.strip().splitlines()[0] if text.strip() else type(err).__name__


def translate(err: exc.SQLAlchemyError, engine: Engine, action: str) -> ControlDBError:
    """Turn a SQLAlchemy/driver error into a Svodka error that says what to do."""
    orig = getattr(err, "orig", None)
    where = describe(engine)
    if engine.dialect.name == "sqlite" and isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        text = str(orig)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
            return ControlDBLockedError(
                f"cannot {action}: {where} is locked by another process",
                hint="Another svodka command (or `svodka serve`) holds it; wait for it to finish, "
                "or run the command through the server.",
            )
        if code == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
            return ControlDBUnavailableError(
                f"cannot {action}: cannot open {where}",
                hint="Check that the directory exists and is writable by this user.",
            )
    if engine.dialect.name == "postgresql" and getattr(orig, "sqlstate", None) == "55P03":
        return ControlDBLockedError(  # lock_not_available: lock_timeout ran out
            f"cannot {action}: {where} is locked by another session",
            hint="Another svodka process holds a lock on it; wait for it to finish and retry.",
        )
    if isinstance(err, exc.OperationalError) and engine.dialect.name == "postgresql":
        text = _first_line(orig)
        if "connect" in text or "server" in text or getattr(err, "connection_invalidated", False):
            return ControlDBUnavailableError(
                f"cannot {action}: cannot reach {where}: {text}",
                hint="Check that PostgreSQL is running and that the control DB URL in the settings is right.",
            )
    if isinstance(err, exc.ProgrammingError | exc.NoSuchTableError) or "no such table" in str(orig):
        return ControlDBSchemaError(
            f"cannot {action}: {where} does not have the expected schema: {_first_line(orig or err)}",
            hint="Run `svodka init` (it applies the control DB migrations).",
        )
    return ControlDBError(f"cannot {action}: {where} failed: {_first_line(orig or err)}")


@contextmanager
def db_errors(engine: Engine, action: str) -> Iterator[None]:
    """Re-raise SQLAlchemy errors raised inside as ControlDBError subclasses."""
    try:
        yield
    except exc.SQLAlchemyError as err:
        raise translate(err, engine, action) from err
