"""The MPStats request quota: read the plan's limit before a sync, spend within it.

``GET user/report_api_limit`` answers ``{"available": <plan limit>, "use": <spent>}``. A
sync may send at most ``min(max_requests_per_sync, available - use)`` data requests (every
202 poll is one); the next request past that raises `QuotaSpent` before it is sent, after
the pages read so far carried their state, so the next sync resumes where this one stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from svodka.errors import ResumableStop, SourceError
from svodka.sources.http import HttpClient

LIMIT_PATH = "user/report_api_limit"
_RESET_KEYS = ("reset", "reset_at", "date_reset", "next_reset", "renew", "expire")


class QuotaSpent(ResumableStop):
    """The plan's quota (or the per-sync cap) is spent; the next sync resumes from the state."""


class Quota:
    """The request budget of one sync (one `now`), shared by the streams of a connection."""

    def __init__(self, http: HttpClient, host: str, source: str, cap: int) -> None:
        self.http, self.host, self.source, self.cap = http, host, source, cap
        self.now: datetime | None = None
        self.available = 0
        self.used = 0
        self.spent = 0
        self.reset: str | None = None

    def begin(self, now: datetime) -> None:
        """Read the plan's quota once per sync instant `now`."""
        if self.now == now:
            return
        self.refresh()
        self.now, self.spent = now, 0

    def refresh(self) -> None:
        """Read ``{available, use}`` again (not a data request: it spends nothing)."""
        data = self.http.request("GET", self.host, LIMIT_PATH).data
        if not isinstance(data, Mapping) or not all(_count(data.get(k)) for k in ("available", "use")):
            raise SourceError(
                f"GET {LIMIT_PATH} answered {str(data)[:200]!r}, not {{available, use}}", source=self.source
            )
        self.available, self.used = int(data["available"]), int(data["use"])
        self.reset = next((str(data[k]) for k in _RESET_KEYS if data.get(k)), None)

    @property
    def left(self) -> int:
        """Data requests this sync may still send."""
        return max(0, min(self.cap - self.spent, self.available - self.used))

    def spend(self) -> None:
        """Take one request from the budget, or raise `QuotaSpent`."""
        if self.left <= 0:
            raise self.error()
        self.spent += 1
        self.used += 1

    def error(self) -> QuotaSpent:
        """The error naming what is spent and when the sync can go on."""
        resume = "the next sync continues where this one stopped"
        if self.used >= self.available:
            after = self.reset or "the plan's quota renews"
            return QuotaSpent(
                f"MPStats quota spent: {self.used} of {self.available} used; resumes after {after}",
                source=self.source,
                hint=f"Wait for the quota to renew (or raise the plan); {resume}.",
            )
        return QuotaSpent(
            f"MPStats request cap reached: {self.spent} of max_requests_per_sync={self.cap} used "
            f"(plan quota: {self.used} of {self.available}); resumes after the next sync starts",
            source=self.source,
            hint=f"Raise max_requests_per_sync in the connection options to read more per sync; {resume}.",
        )


def _count(value: Any) -> bool:
    return type(value) is int or (type(value) is float and value.is_integer())
