"""Official WB OpenAPI documents as JSON Schema validators (for holding the sandbox to them).

OpenAPI 3.0 schemas are not quite JSON Schema: `nullable` becomes a "null" type, local `$ref`s
are inlined. `strict` adds `additionalProperties: false` to every object that lists properties,
so a field the docs do not know fails the test (that is how the sandbox would drift).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

# The official documents, vendored under tests/reference (see its README).
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "openapi"
WB_2025 = REFERENCE / "wildberries-2025-12"
WB_2026 = REFERENCE / "wildberries-2026-08"


@cache
def document(path: str) -> dict[str, Any]:
    """An OpenAPI document by path relative to the reference folder."""
    full = REFERENCE / path
    if full.suffix == ".json":
        return json.loads(full.read_text(encoding="utf-8"))
    return yaml.load(full.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _resolve(doc: dict, node: Any, strict: bool) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return _resolve(doc, target, strict)
        out = {}
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):  # keys here are field names, keep them all
                out[k] = {name: _resolve(doc, sub, strict) for name, sub in v.items()}
            elif k not in ("example", "examples", "nullable", "format", "description"):
                out[k] = _resolve(doc, v, strict)
        if node.get("nullable") and "type" in out:
            out["type"] = [out["type"], "null"]
        if strict and "properties" in out and isinstance(out["properties"], dict):
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(node, list):
        return [_resolve(doc, v, strict) for v in node]
    if node == "[MaxDepth]":
        raise ValueError("schema cut at [MaxDepth] in this copy; use another document")
    return node


def schema(path: str, pointer: list[str], strict: bool = True, require_all: bool = False) -> dict[str, Any]:
    """The JSON Schema at `pointer` inside document `path`, refs inlined.

    `require_all` makes every listed property of the top object required (for record schemas,
    to check the sandbox sends every documented field).
    """
    doc = document(path)
    node: Any = doc
    for part in pointer:
        node = node[part]
    out = _resolve(doc, copy.deepcopy(node), strict)
    if require_all:
        target = out["items"] if out.get("type") == "array" else out
        target["required"] = sorted(target["properties"])
    return out


def response_schema(
    path: str, api_path: str, method: str, status: str = "200", media: str = "application/json", **kw: Any
) -> dict[str, Any]:
    """Schema of a documented response."""
    resp = document(path)["paths"][api_path][method]["responses"][status]
    if "$ref" in resp:
        name = resp["$ref"].rsplit("/", 1)[1]
        return schema(path, ["components", "responses", name, "content", media, "schema"], **kw)
    return schema(path, ["paths", api_path, method, "responses", status, "content", media, "schema"], **kw)


def validate(instance: Any, sch: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `instance` does not fit."""
    jsonschema.Draft7Validator(sch).validate(instance)


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _shape(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(sorted({_shape(v) for v in value}, key=repr)))
    return type(value).__name__


def validate_records(rows: list[Any], item_schema: dict[str, Any], every: int = 97) -> int:
    """Validate one record of every distinct shape (field set and value types) plus every
    `every`-th record: full coverage of the shapes at a fraction of the cost. Returns the count."""
    validator = jsonschema.Draft7Validator(item_schema)
    seen: set[Any] = set()
    checked = 0
    for i, row in enumerate(rows):
        shape = _shape(row)
        if shape in seen and i % every:
            continue
        seen.add(shape)
        validator.validate(row)
        checked += 1
    return checked
