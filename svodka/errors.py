"""One exception hierarchy for the whole product; the type says how to recover.

Messages are for people: they name what failed (source, connection, record, field)
and what to do next. They never contain secrets.
"""

from __future__ import annotations


class SvodkaError(Exception):
    """Base of every error Svodka raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base}\n→ {self.hint}" if self.hint else base


class ConfigError(SvodkaError):
    """Bad or missing configuration: fix the settings, then rerun."""


class WorkspaceError(ConfigError):
    """No workspace where one was expected, or the workspace is held by another process."""


# --- sources -----------------------------------------------------------------


class SourceError(SvodkaError):
    """Anything that went wrong talking to an external source."""

    def __init__(self, message: str, *, source: str = "", hint: str | None = None) -> None:
        self.source = source
        super().__init__(f"[{source}] {message}" if source else message, hint=hint)


class ResumableStop(SourceError):
    """The source will do no more work for now (a spent request quota). What was read up to
    here is kept and its cursors committed; the next sync resumes from there."""


class RetriableError(SourceError):
    """Transient: 429, 5xx, network failure, truncated body. Retry with backoff."""

    def __init__(
        self, message: str, *, source: str = "", retry_after: float | None = None, hint: str | None = None
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, source=source, hint=hint)


class FatalSourceError(SourceError):
    """A 4xx or protocol violation that retrying will not fix."""


class AuthError(FatalSourceError):
    """Token missing, malformed, revoked or lacking a category (401/403)."""

    hint = "Check the token: `svodka connect <source> --name <connection> --token …` replaces it."


class RecordError(FatalSourceError):
    """One record does not fit the contract: names the stream, the record and the field."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        stream: str = "",
        record: str = "",
        field: str = "",
        hint: str | None = None,
    ) -> None:
        self.stream = stream
        self.record = record
        self.field = field
        where = ", ".join(
            p
            for p in (
                f"stream {stream}" if stream else "",
                f"record {record}" if record else "",
                f"field {field!r}" if field else "",
            )
            if p
        )
        super().__init__(f"{message} ({where})" if where else message, source=source, hint=hint)


class PaginationError(FatalSourceError):
    """A pagination loop that does not advance (repeated token, too many pages)."""


# --- warehouse and pipeline ---------------------------------------------------


class WarehouseError(SvodkaError):
    """A warehouse (ClickHouse / chDB) statement failed; keeps the server's error code."""

    def __init__(self, message: str, *, code: int | None = None, hint: str | None = None) -> None:
        self.code = code
        super().__init__(message, hint=hint)


class ModelError(WarehouseError):
    """A SQL model is malformed or its dependencies are unknown or cyclic."""


class CheckFailed(SvodkaError):
    """An `error`-severity data check failed; the marts that depend on it are not published."""
