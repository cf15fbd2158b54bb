"""Fixtures: one small world, a running sandbox with a fixed clock, an HTTP client."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # sandbox_world, sandbox_schemas, sandbox_client

from sandbox_world import NOW, SPEC, client_for

from svodka.sandbox import SandboxServer, World


@pytest.fixture(scope="session")
def world() -> World:
    """The shared small world (generation takes a fraction of a second)."""
    return World.generate(SPEC)


@pytest.fixture(scope="session")
def server(world: World) -> Iterator[SandboxServer]:
    """A sandbox without rate limits, clock fixed at NOW. Tests must not leave it changed."""
    with SandboxServer(world, limits="off", now=NOW) as srv:
        yield srv


@pytest.fixture()
def make_server(world: World):
    """Factory for a dedicated server (own caps, limits, faults); stopped after the test."""
    started: list[SandboxServer] = []

    def make(**kw) -> SandboxServer:
        kw.setdefault("limits", "off")
        kw.setdefault("now", NOW)
        srv = SandboxServer(world, **kw).start()
        started.append(srv)
        return srv

    yield make
    for srv in started:
        srv.stop()


@pytest.fixture()
def client(server: SandboxServer) -> Iterator[httpx.Client]:
    """A client of the shared server."""
    with client_for(server) as c:
        yield c
