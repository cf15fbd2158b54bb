"""A small Yandex Market client over the sandbox (for the YM sandbox tests)."""

from __future__ import annotations

import io
import time
import zipfile

import httpx

from svodka.sandbox import SandboxServer


def ym_client(srv: SandboxServer, key: str | None = None) -> httpx.Client:
    return httpx.Client(base_url=srv.ym_hosts["api"], headers={"Api-Key": key or srv.ym_api_key}, timeout=30)


def walk(c: httpx.Client, path: str, body: dict, key: str, limit: int) -> tuple[list[dict], int]:
    """Every row of a page_token-paged POST method, and the number of pages."""
    rows, token, pages = [], None, 0
    while True:
        params = {"limit": limit} | ({"page_token": token} if token else {})
        r = c.post(path, params=params, json=body)
        r.raise_for_status()
        res = r.json()["result"]
        rows += res[key]
        pages += 1
        token = res.get("paging", {}).get("nextPageToken")
        if not token:
            return rows, pages


def report(c: httpx.Client, kind: str, body: dict) -> tuple[dict[str, str], int]:
    """Generate a report, poll it until DONE, download it: ({sheet: csv text}, polls)."""
    r = c.post(f"/v2/reports/{kind}/generate", json=body)
    r.raise_for_status()
    rid = r.json()["result"]["reportId"]
    for polls in range(1, 50):
        info = c.get(f"/v2/reports/info/{rid}").json()["result"]
        if info["status"] == "DONE":
            if "file" not in info:
                return {}, polls
            z = zipfile.ZipFile(io.BytesIO(httpx.get(info["file"]).content))
            return {n: z.read(n).decode("utf-8") for n in z.namelist()}, polls
        time.sleep(0.01)
    raise AssertionError("report never DONE")
