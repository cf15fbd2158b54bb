"""A minimal test-side 1C OData client, written from the protocol description (not the sandbox code):
HTTP Basic, `$format=json`, `$top`/`$skip` paging, Cyrillic names in the path."""

from __future__ import annotations

from typing import Any

import httpx

from svodka.sandbox import SandboxServer


def onec_client(srv: SandboxServer, timeout: float = 30.0) -> httpx.Client:
    """A client logged in as the infobase's OData user."""
    return httpx.Client(auth=(srv.onec_user, srv.onec_password), timeout=timeout)


def odata(srv: SandboxServer) -> str:
    """The service root: http://127.0.0.1:PORT/onec/trade/odata/standard.odata"""
    return f"{srv.onec_base_url}/odata/standard.odata"


def get_json(c: httpx.Client, url: str, **params: Any) -> dict[str, Any]:
    """GET with $format=json; raises on a non-200 answer."""
    r = c.get(url, params={"$format": "json", **params})
    assert r.status_code == 200, (r.status_code, r.text[:500])
    return r.json()


def pull(
    c: httpx.Client, srv: SandboxServer, entity: str, page: int = 25, **params: Any
) -> list[dict[str, Any]]:
    """Every row of an entity set (or virtual table path), paging with $top/$skip."""
    rows: list[dict[str, Any]] = []
    while True:
        batch = get_json(c, f"{odata(srv)}/{entity}", **{"$top": page, "$skip": len(rows), **params})["value"]
        rows.extend(batch)
        if len(batch) < page:
            return rows


def barcode_map(c: httpx.Client, srv: SandboxServer) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(barcode → item Ref_Key, item Ref_Key → its barcodes) from the barcode register."""
    rows = pull(c, srv, "InformationRegister_ШтрихкодыНоменклатуры", page=500)
    by_item: dict[str, list[str]] = {}
    for r in rows:
        by_item.setdefault(r["Номенклатура_Key"], []).append(r["Штрихкод"])
    return {r["Штрихкод"]: r["Номенклатура_Key"] for r in rows}, by_item


def refs_by_name(c: httpx.Client, srv: SandboxServer, entity: str) -> dict[str, str]:
    """Description → Ref_Key of a small catalog."""
    return {r["Description"]: r["Ref_Key"] for r in pull(c, srv, entity, page=100)}
