"""Errors of the control DB; each subclasses the product-wide hierarchy in `svodka.errors`."""

from __future__ import annotations

from svodka.errors import ConfigError, SvodkaError, WorkspaceError


class ControlDBError(SvodkaError):
    """The control database failed: a statement, a migration, or the connection to it."""


class ControlDBUnavailableError(ControlDBError):
    """The control database cannot be reached or opened (server down, bad URL, unreadable file)."""


class ControlDBLockedError(ControlDBError, WorkspaceError):
    """Another process holds the control database (a SQLite write lock) longer than we wait."""


class ControlDBSchemaError(ControlDBError):
    """The database schema is not the one this code expects (newer, foreign, or unmigrated)."""


class ConnectionNotFoundError(ConfigError):
    """No connection with that source and name (or id)."""


class ConnectionExistsError(ConfigError):
    """A connection with that source and name exists and `replace` was not asked for."""


class RunNotFoundError(ControlDBError):
    """No run or task run with that id."""


class RunStateError(ControlDBError):
    """A run or task was finished twice, or finished with a status that is not final."""
