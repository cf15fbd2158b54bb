"""A tiny MPStats client for the sandbox tests (real HTTP)."""

from __future__ import annotations

import httpx

from svodka.sandbox import SandboxServer


def mp_client(srv: SandboxServer, token: str | None = None) -> httpx.Client:
    """An httpx client with base_url = srv.mpstats_base_url and the X-Mpstats-TOKEN header."""
    headers = {"X-Mpstats-TOKEN": token if token is not None else srv.mpstats_token}
    return httpx.Client(base_url=srv.mpstats_base_url, headers=headers, timeout=30.0)


def category(c: httpx.Client, mp: str, path: str, d1: str, d2: str, body: dict | None = None) -> dict:
    """POST …/{mp}/get/category, repeating while it answers 202 (not ready yet)."""
    for _ in range(20):
        r = c.post(f"/{mp}/get/category", params={"path": path, "d1": d1, "d2": d2}, json=body or {})
        if r.status_code != 202:
            assert r.status_code == 200, r.text
            return r.json()
    raise AssertionError("still 202 after 20 polls")
