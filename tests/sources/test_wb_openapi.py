"""The connector's requests and declared limits, held against WB's official OpenAPI documents.

Current methods come from the 2026-08 documents; where their schemas were cut at
"[MaxDepth]", the complete 2025-12 schema of the same method is used. Bodies are checked
strictly: a field the document does not declare fails, so a typo (``rrdid``) cannot pass.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from wb_rows import order_row, realization_row, report_row, sale_row

from svodka.sources.wb import STREAMS

REF = Path(os.environ.get("SVODKA_REFERENCE", Path(__file__).resolve().parents[1] / "reference"))
CURRENT, COMPLETE = REF / "openapi" / "wildberries-2026-08", REF / "openapi" / "wildberries-2025-12"

if not CURRENT.is_dir():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"WB OpenAPI documents not found at {CURRENT}")
    pytest.skip(f"WB OpenAPI documents not found at {CURRENT}", allow_module_level=True)

Op = tuple[dict, str, str, dict]  # document, path template, method, operation


@functools.cache
def documents(which: str) -> list[dict]:
    if which == "current":
        return [json.loads(Path(f).read_text()) for f in sorted(glob.glob(str(CURRENT / "*.json")))]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [
        yaml.load(Path(f).read_text(), Loader=loader) for f in sorted(glob.glob(str(COMPLETE / "*.yaml")))
    ]


def find(which: str, method: str, path: str) -> Op | None:
    """The operation whose template matches ``method path`` in the current or complete documents."""
    for doc in documents(which):
        for template, item in (doc.get("paths") or {}).items():
            rx = "".join(
                "[^/]+" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[^}]+\})", template)
            )
            if re.fullmatch(rx, path) and method.lower() in item:
                return doc, template, method.lower(), item[method.lower()]
    return None


def deref(doc: dict, node: Any, depth: int = 0) -> Any:
    """Inline every local ``$ref`` (the documents have no recursive request schemas)."""
    assert depth < 40, "reference loop"
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = doc
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return deref(doc, target, depth + 1)
        return {k: deref(doc, v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [deref(doc, v, depth + 1) for v in node]
    return node


def cut(node: Any) -> bool:
    """True if the schema was truncated at "[MaxDepth]" somewhere."""
    return "[MaxDepth]" in json.dumps(node, ensure_ascii=False)


def strict(schema: Any) -> Any:
    """Forbid undeclared properties everywhere properties are declared."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if "properties" in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def body_schema(method: str, path: str) -> dict:
    for which in ("current", "complete"):
        found = find(which, method, path)
        if not found:
            continue
        doc, _, _, op = found
        body = deref(doc, op.get("requestBody", {}))
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None and not cut(schema):
            return strict(schema)
    raise AssertionError(f"no complete body schema for {method} {path} in either document set")


def check_request(method: str, full_path: str, query: dict[str, str], body: Any) -> list[str]:
    """Ways a request breaks the official documents (empty = it fits)."""
    family, _, rest = full_path.lstrip("/").partition("/")
    path = "/" + rest
    found = find("current", method, path)
    if found is None:
        return [f"{method} {path} is not in the 2026-08 documents"]
    doc, template, m, op = found
    problems = []
    if op.get("deprecated"):
        problems.append(f"{method} {template} is deprecated")
    servers = doc["paths"][template].get("servers") or doc.get("servers") or []
    if f"https://{family}.wildberries.ru" not in [s["url"] for s in servers]:
        problems.append(f"{template} is not served by {family} (servers: {[s['url'] for s in servers]})")
    params = [deref(doc, p) for p in doc["paths"][template].get("parameters", []) + op.get("parameters", [])]
    declared = {p["name"]: p for p in params if p["in"] == "query"}
    for name, value in query.items():
        p = declared.get(name)
        if p is None:
            problems.append(f"query parameter {name!r} is not declared for {method} {template}")
            continue
        kind = p.get("schema", {}).get("type")
        if kind == "integer" and not re.fullmatch(r"-?\d+", value):
            problems.append(f"{name}={value!r} is not an integer")
        if kind == "boolean" and value not in ("true", "false"):
            problems.append(f"{name}={value!r} is not a boolean")
    problems += [
        f"required query parameter {n!r} missing"
        for n, p in declared.items()
        if p.get("required") and n not in query
    ]
    if body is not None:
        try:
            jsonschema.validate(body, body_schema(m, path))
        except jsonschema.ValidationError as e:
            problems.append(
                f"body of {method} {template} does not fit: {e.message} at {list(e.absolute_path)}"
            )
    return problems


def test_every_request_of_a_full_sync_fits_the_official_documents(wb, connect, server):
    wb.orders = [order_row("o1", "2026-11-24T10:00:00")]
    wb.sales = [sale_row("o1", "S1", "2026-11-24T11:00:00")]
    wb.realization = [realization_row(i, "2026-11-17") for i in (1, 2, 3)]
    wb.reports = [report_row(1, "2026-11-16", "2026-11-22")]
    wb.cards = [
        {"nmID": n, "imtID": 2, "vendorCode": "v", "updatedAt": f"2026-11-0{n}T00:00:00Z", "sizes": []}
        for n in (1, 2, 3)
    ]
    wb.prices = [{"nmID": 1, "vendorCode": "v", "sizes": []}]
    conn = connect(history_days=14, finance_page_limit=2, cards_page_limit=2, prices_page_limit=1)
    for stream in conn.streams():
        list(stream.read(None, datetime(2026, 11, 25, 9, tzinfo=UTC)))
    assert {r.path for r in server.requests} >= {
        "/statistics-api/api/v1/supplier/orders",
        "/finance-api/api/finance/v1/sales-reports/detailed",
        "/content-api/content/v2/get/cards/list",
        "/seller-analytics-api/api/analytics/v1/stocks-report/wb-warehouses",
    }
    problems = [p for r in server.requests for p in check_request(r.method, r.path, r.query, r.json)]
    assert problems == []


def test_the_checker_itself_catches_mistakes():
    assert check_request(
        "POST",
        "/finance-api/api/finance/v1/sales-reports/detailed",
        {},
        {"dateFrom": "2026-11-02", "dateTo": "2026-11-08", "rrdid": 0},
    )
    assert check_request("GET", "/statistics-api/api/v1/supplier/orders", {"flag": "0"}, None)
    assert check_request("GET", "/content-api/api/v1/supplier/orders", {"dateFrom": "2026-11-02"}, None)
    assert check_request("GET", "/statistics-api/api/v1/supplier/stocks", {"dateFrom": "2026-11-02"}, None)
    assert check_request(
        "POST",
        "/content-api/content/v2/get/cards/list",
        {},
        {"settings": {"cursor": {"limit": 100, "updatedAt": "x", "nmId": 1}}},
    )


UNITS = {"ms": 0.001, "s": 1, "min": 60, "h": 3600}


def seconds(text: str) -> float:
    number, unit = text.split()
    return float(number) * UNITS[unit]


def count(text: str) -> int:
    return int(text.split()[0])


@pytest.mark.parametrize(
    "policy", sorted({p for cls in STREAMS for p in cls.policies}, key=lambda p: p.name), ids=lambda p: p.name
)
def test_declared_limits_match_the_documented_personal_token_limits(policy):
    for method, pattern in policy.routes:
        found = find("current", method, pattern)
        assert found, f"{method} {pattern} is not in the 2026-08 documents"
        rows = found[3]["x-wb-rate-limits"]["limits"]
        row = next((r for r in rows if r.get("type") == "Personal"), None) or (
            rows[0] if len(rows) == 1 else None
        )
        assert row, f"no Personal limit row for {method} {pattern}: {rows}"
        assert policy.interval == pytest.approx(seconds(row["period"]) / count(row["limit"]))
        assert policy.interval == pytest.approx(seconds(row["interval"]))
        assert policy.burst == count(row["burst"]), (method, pattern, row)
