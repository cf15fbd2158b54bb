"""Control DB tables as SQLAlchemy 2 typed declarative models.

The same models run on SQLite and PostgreSQL, so only portable types are used:
JSON (TEXT on SQLite, json on PostgreSQL), strings with CHECK constraints instead
of native enums, and `UTCDateTime`, which stores UTC and always hands back
timezone-aware UTC datetimes.

The schema itself is created by the Alembic migrations in `migrations/versions`;
a test holds these models and the migrated schema equal on both engines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

RUN_STATUSES = ("running", "succeeded", "failed")
# A task may also be skipped when something upstream of it failed.
TASK_STATUSES = ("running", "succeeded", "failed", "skipped")
SEVERITIES = ("error", "warn")
CHECK_STATUSES = ("pass", "fail")
REVIEW_STATUSES = ("open", "accepted", "rejected")

# Explicit constraint names: the same on both engines, and Alembic can drop or alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware in UTC.

    SQLite has no time zones (it would silently drop the offset), and PostgreSQL
    returns values in the session's zone; both are normalised here. Naive datetimes
    are refused: their meaning depends on the machine that made them.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: control DB timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """Declarative base with the control DB's naming convention and type map."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every `Mapped[datetime]` column is a UTCDateTime; JSON columns name their type explicitly.
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012 - read by SQLAlchemy as is


class Connection(Base):
    """An account at a source (a marketplace, 1C, MPStats) with its encrypted API token."""

    __tablename__ = "connections"
    __table_args__ = (UniqueConstraint("source", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    # Fernet ciphertext; the plaintext token never reaches the database.
    token_encrypted: Mapped[str] = mapped_column(Text)
    # {API family: base URL}, e.g. {"statistics": "https://statistics-api.wildberries.ru"}.
    hosts: Mapped[dict[str, Any]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    paused: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class StreamState(Base):
    """The cursor of one stream of one connection, as the connector last committed it."""

    __tablename__ = "stream_states"

    # The composite key is the (connection_id, stream) uniqueness; one row per stream.
    connection_id: Mapped[int] = mapped_column(
        ForeignKey("connections.id", ondelete="CASCADE"), primary_key=True
    )
    stream: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class Run(Base):
    """One invocation of a job: a sync, a build, checks, an export."""

    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint(_in("status", RUN_STATUSES), name="status"),
        Index(None, "started_at"),
        Index(None, "status"),
        Index(None, "connection_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    # SET NULL: removing a connection keeps the history of what ran for it.
    connection_id: Mapped[int | None] = mapped_column(ForeignKey("connections.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    rows: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class TaskRun(Base):
    """One task of a run (extract a stream, build a model, run a check), with its retries."""

    __tablename__ = "task_runs"
    __table_args__ = (
        CheckConstraint(_in("status", TASK_STATUSES), name="status"),
        Index(None, "run_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    task: Mapped[str] = mapped_column(String(200))
    stream: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))
    tries: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    rows: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)


class CheckResult(Base):
    """The outcome of one data check on one table at one moment."""

    __tablename__ = "check_results"
    __table_args__ = (
        CheckConstraint(_in("severity", SEVERITIES), name="severity"),
        CheckConstraint(_in("status", CHECK_STATUSES), name="status"),
        Index(None, "check_name", "table_name"),
        Index(None, "checked_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Checks may run outside a recorded run (ad hoc); deleting a run keeps its results.
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    # Not "check"/"table": both are SQL keywords and would need quoting in every ad hoc query.
    check_name: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8))
    # The measured number (failing rows, lag in hours, difference in roubles); null if not numeric.
    observed: Mapped[float | None] = mapped_column(Float)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    checked_at: Mapped[datetime]


class Setting(Base):
    """A workspace-wide setting that admins change at run time (not the svodka.toml ones)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class ProductLink(Base):
    """A manual link (or unlink: product_id NULL) of an item to a product; it always wins.

    `item` names the thing linked across sources, e.g. ``ozon:1918529678`` (an Ozon SKU),
    ``wb:304169019:2044109822109`` or ``pricelist:<supplier>:<article>``.
    """

    __tablename__ = "product_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(300), unique=True)
    product_id: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MatchReview(Base):
    """A link the matching engine was not sure of, waiting for a person to accept or reject."""

    __tablename__ = "match_reviews"
    __table_args__ = (
        CheckConstraint(_in("status", REVIEW_STATUSES), name="status"),
        UniqueConstraint("item", "product_id"),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(300))
    product_id: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
