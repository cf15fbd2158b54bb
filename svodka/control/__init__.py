"""The control DB: connections with encrypted tokens, stream cursors, runs, checks, settings.

SQLite in the workspace by default, PostgreSQL in production; the same models and
Alembic migrations serve both. Typical use::

    box = SecretBox.from_env_or_file(workspace / "data" / "secret.key")
    with ControlStore(f"sqlite:///{workspace / 'data' / 'control.db'}", box) as store:
        conn = store.add_connection("wb", "main", token, {"statistics": "https://…"})
"""

from __future__ import annotations

from svodka.control.crypto import ENV_VAR, SecretBox, ensure_key_file, mask
from svodka.control.errors import (
    ConnectionExistsError,
    ConnectionNotFoundError,
    ControlDBError,
    ControlDBLockedError,
    ControlDBSchemaError,
    ControlDBUnavailableError,
    RunNotFoundError,
    RunStateError,
)
from svodka.control.migrations import upgrade
from svodka.control.records import CheckInfo, ConnectionInfo, RunInfo, TaskInfo
from svodka.control.store import INTERRUPTED, ControlStore

__all__ = [
    "ENV_VAR",
    "INTERRUPTED",
    "CheckInfo",
    "ConnectionExistsError",
    "ConnectionInfo",
    "ConnectionNotFoundError",
    "ControlDBError",
    "ControlDBLockedError",
    "ControlDBSchemaError",
    "ControlDBUnavailableError",
    "ControlStore",
    "RunInfo",
    "RunNotFoundError",
    "RunStateError",
    "SecretBox",
    "TaskInfo",
    "ensure_key_file",
    "mask",
    "upgrade",
]
