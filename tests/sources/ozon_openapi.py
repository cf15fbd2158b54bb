"""Hold a request against Ozon's official Seller API OpenAPI document (2026-06).

Bodies are checked strictly: a field the document does not declare fails, so a typo
(``sinse``) cannot pass. Shared by the tests over the scripted fake and over the sandbox.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REF = Path(os.environ.get("SVODKA_REFERENCE", Path(__file__).resolve().parents[1] / "reference"))
DOC = REF / "openapi" / "ozon" / "ozon-seller-openapi.json"
PREFIX = "/ozon/api-seller"


def require_document() -> None:
    """Skip (or, in CI, fail) when the document is not there."""
    if not DOC.is_file():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"Ozon OpenAPI document not found at {DOC}")
        pytest.skip(f"Ozon OpenAPI document not found at {DOC}", allow_module_level=True)


@functools.cache
def document() -> dict:
    return json.loads(DOC.read_text())


def operation(method: str, path: str) -> dict | None:
    """The operation of ``method path`` (Seller API paths have no templates)."""
    return (document()["paths"].get(path) or {}).get(method.lower())


def deref(node: Any, depth: int = 0) -> Any:
    """Inline every local ``$ref`` (request schemas are not recursive)."""
    assert depth < 40, "reference loop"
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = document()
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return deref(target, depth + 1)
        return {k: deref(v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [deref(v, depth + 1) for v in node]
    return node


# Ozon writes a format hint where JSON Schema expects a regex ("pattern": " YYYY-MM-DD"):
# each hint becomes the regex it means; hints we do not know are dropped.
HINTS = {
    "YYYY-MM-DD": r"^\d{4}-\d{2}-\d{2}$",
    "YYYY-MM-DDThh:mm:ssZ": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
    "YYYY-MM-DDThh:mm:ss.mcsZ": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
}


def strict(schema: Any) -> Any:
    """Forbid undeclared properties everywhere properties are declared; make format hints regexes."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if "properties" in out:
            out.setdefault("additionalProperties", False)
        if isinstance(out.get("pattern"), str) and not out["pattern"].startswith("^"):
            hint = HINTS.get(out.pop("pattern").strip())
            if hint:
                out["pattern"] = hint
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def check_request(method: str, full_path: str, headers: dict[str, str], body: Any) -> list[str]:
    """Ways one request breaks the official document (empty = it fits)."""
    if not full_path.startswith(PREFIX + "/"):
        return [f"{full_path} is not under the api-seller prefix {PREFIX}"]
    path = full_path.removeprefix(PREFIX)
    op = operation(method, path)
    if op is None:
        return [f"{method} {path} is not in the Seller API document"]
    problems = []
    if op.get("deprecated"):
        problems.append(f"{method} {path} is deprecated")
    for p in (deref(p) for p in op.get("parameters", [])):
        if p["in"] == "header" and p.get("required") and p["name"].lower() not in headers:
            problems.append(f"required header {p['name']} missing on {path}")
    request_body = deref(op.get("requestBody") or {})
    schema = (request_body.get("content") or {}).get("application/json", {}).get("schema")
    if schema is None:
        if body not in (None, {}):
            problems.append(f"{path} declares no body, but {body!r} was sent")
        return problems
    if body is None and request_body.get("required"):
        return [*problems, f"{path} requires a JSON body"]
    try:
        jsonschema.validate(body, strict(schema))
    except jsonschema.ValidationError as e:
        problems.append(f"body of {method} {path} does not fit: {e.message} at {list(e.absolute_path)}")
    return problems


_LIMIT_WORDS = re.compile(r"(\d+\s+(раз\w*|запрос\w*)\s+в\s+(секунду|минуту|час))", re.IGNORECASE)


def documented_limits(path: str) -> list[str]:
    """Per-method request limits stated in the method's description ("1 раз в минуту")."""
    op = operation("post", path) or {}
    return [m.group(1) for m in _LIMIT_WORDS.finditer(op.get("description") or "")]
