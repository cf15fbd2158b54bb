"""Immutable views of control DB rows that the store hands out.

They are detached from any session (safe to pass between threads and keep after
the store closes). `ConnectionInfo` carries only the token's ciphertext and
decrypts it when asked, so printing or logging one never shows the token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from svodka.control.crypto import SecretBox, mask
from svodka.errors import ConfigError


@dataclass(frozen=True)
class ConnectionInfo:
    """A connection to a source account; `token()` decrypts its API token on demand."""

    id: int
    source: str
    name: str
    hosts: dict[str, str] = field(hash=False)
    options: dict[str, Any] = field(hash=False)
    paused: bool
    created_at: datetime
    updated_at: datetime
    # Ciphertext only; kept out of repr anyway so logs do not fill with opaque blobs.
    token_encrypted: str = field(repr=False, hash=False)
    _box: SecretBox = field(repr=False, compare=False, hash=False)

    @property
    def key(self) -> str:
        """`source/name`, the way messages and the CLI name a connection."""
        return f"{self.source}/{self.name}"

    def token(self) -> str:
        """The decrypted API token. Pass it to the client; never log or print it."""
        try:
            return self._box.decrypt(self.token_encrypted)
        except ConfigError as err:
            raise ConfigError(f"connection {self.key}: {err.args[0]}", hint=err.hint) from None

    @property
    def token_masked(self) -> str:
        """The token shortened for display (``eyJh…x9Q``), or a note if the key cannot decrypt it."""
        try:
            return mask(self._box.decrypt(self.token_encrypted))
        except ConfigError:
            # A listing should still render with a wrong key; using the token raises properly.
            return "(cannot decrypt: wrong secret key)"


@dataclass(frozen=True)
class RunInfo:
    """One run (sync, build, check, export) as recorded."""

    id: int
    kind: str
    connection_id: int | None
    status: str
    started_at: datetime
    finished_at: datetime | None
    rows: int | None
    error: str | None
    details: dict[str, Any] = field(hash=False)

    @property
    def duration(self) -> timedelta | None:
        """How long the run took, or None while it runs."""
        return self.finished_at - self.started_at if self.finished_at else None


@dataclass(frozen=True)
class TaskInfo:
    """One task of a run, with how many tries it took."""

    id: int
    run_id: int
    task: str
    stream: str | None
    status: str
    tries: int
    started_at: datetime
    finished_at: datetime | None
    rows: int | None
    error: str | None


@dataclass(frozen=True)
class CheckInfo:
    """One stored data-check result."""

    id: int
    run_id: int | None
    check: str
    table: str
    severity: str
    status: str
    observed: float | None
    details: dict[str, Any] = field(hash=False)
    checked_at: datetime

    @property
    def blocking(self) -> bool:
        """True for a failed `error`-severity check: the marts that depend on it must not publish."""
        return self.status == "fail" and self.severity == "error"


@dataclass(frozen=True)
class ReviewInfo:
    """A match waiting for (or settled by) a person: item → candidate product."""

    id: int
    item: str
    product_id: str
    method: str
    confidence: float
    status: str
    details: dict[str, Any] = field(hash=False)
    created_at: datetime
    resolved_at: datetime | None
