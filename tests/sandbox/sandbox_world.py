"""The test world's spec, the fixed clock, and a client helper (imported by tests and conftest)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx

from svodka.sandbox import SandboxServer, WorldSpec

# Monday 2026-03-16, 15:00 Moscow time: the week ending Sunday 15 March is published.
NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)
SPEC = WorldSpec(seed=7, skus=60, days=45, orders_per_day=120.0, end=date(2026, 3, 15))


def client_for(srv: SandboxServer, token: str | None = None, timeout: float = 30.0) -> httpx.Client:
    """An httpx client sending the token as WB expects (raw, in Authorization)."""
    return httpx.Client(headers={"Authorization": token or srv.token}, timeout=timeout)
