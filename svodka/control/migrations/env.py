"""Alembic environment for the control DB, run through `svodka.control.migrations`.

There is no alembic.ini: `svodka.control.migrations.alembic_config` builds the
configuration in code and passes an open connection in `config.attributes`, so
the migrations run from an installed package, inside the caller's transaction.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from svodka.control.migrations import VERSION_TABLE
from svodka.control.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our column types as plain SQLAlchemy ones: a migration must not import the models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_offline() -> None:
    """Render the SQL for a DBA to apply (see `render_sql`): no connection needed."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate over the connection the caller opened (and holds a migration lock on)."""
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the control DB migrations through svodka.control.migrations.upgrade()")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
