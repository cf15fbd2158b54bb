"""Control DB migrations: Alembic scripts shipped inside the package, run from code.

`upgrade(engine_or_url)` brings a database to the newest revision. No alembic.ini
is involved: the configuration is built here and points Alembic at this package
directory, so it works the same from a source checkout and an installed wheel.

Writing a new revision (developers)::

    python -m svodka.control.migrations revision "add audit log"

autogenerates a script in `versions/` from the difference between the models and
a scratch SQLite database migrated to the current head. Review it, then add a test.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from svodka.control.db import WRITE, create_control_engine, db_errors, describe, parse_url
from svodka.control.errors import ControlDBSchemaError

# Not "alembic_version": in production the control DB may share a PostgreSQL database
# with Airflow's metadata, which already has a table of that name.
VERSION_TABLE = "svodka_control_version"
SCRIPT_LOCATION = Path(__file__).resolve().parent
# An arbitrary constant: concurrent PostgreSQL upgrades serialise on this advisory lock.
_PG_LOCK_KEY = 0x5F0D_CA00


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for this package's scripts; `connection` is what env.py migrates."""
    cfg = Config()
    # Set directly, not via set_main_option: ConfigParser would choke on a "%" in the path.
    cfg.file_config.set(cfg.config_ini_section, "script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no control DB migrations found"
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for an empty database."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def render_sql(url: str | URL, revision: str = "head") -> str:
    """The upgrade as a SQL script for `url`'s dialect, for a DBA who applies schema changes by hand."""
    buf = io.StringIO()
    cfg = alembic_config()
    cfg.output_buffer = buf
    cfg.file_config.set(cfg.config_ini_section, "sqlalchemy.url", str(parse_url(url)).replace("%", "%%"))
    command.upgrade(cfg, revision, sql=True)
    return buf.getvalue()


@contextmanager
def _engine(engine_or_url: Engine | str | URL) -> Iterator[Engine]:
    if isinstance(engine_or_url, Engine):
        yield engine_or_url
        return
    engine = create_control_engine(engine_or_url)
    try:
        yield engine
    finally:
        engine.dispose()


def upgrade(engine_or_url: Engine | str | URL, revision: str = "head") -> str | None:
    """Migrate the control DB to `revision` (default: newest) in one transaction; return the new revision.

    Safe to call at every start: at head it does nothing. Concurrent callers wait
    for each other (SQLite write lock, PostgreSQL advisory lock) rather than both
    creating the same tables.
    """
    with (
        _engine(engine_or_url) as engine,
        db_errors(engine, "migrate the control database"),
        engine.connect().execution_options(**{WRITE: True}) as conn,
        conn.begin(),
    ):
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        _check_known(conn, engine)
        command.upgrade(alembic_config(conn), revision)
        return current_revision(conn)


def downgrade(engine_or_url: Engine | str | URL, revision: str) -> str | None:
    """Migrate back to `revision` ("base" drops every table): for developers and rollbacks."""
    with (
        _engine(engine_or_url) as engine,
        db_errors(engine, "downgrade the control database"),
        engine.connect().execution_options(**{WRITE: True}) as conn,
        conn.begin(),
    ):
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        command.downgrade(alembic_config(conn), revision)
        return current_revision(conn)


def _check_known(conn: Connection, engine: Engine) -> None:
    """Refuse a database stamped with a revision this code does not have (made by a newer Svodka)."""
    current = current_revision(conn)
    if current is None:
        return
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(current)
    except CommandError:
        raise ControlDBSchemaError(
            f"{describe(engine)} is at schema revision {current!r}, "
            "which this version of Svodka does not know",
            hint="It was migrated by a newer Svodka: upgrade Svodka (`pip install -U svodka`).",
        ) from None
