"""The official Yandex Market Partner API OpenAPI (a tree of files) as JSON Schema validators.

The document is split over paths/ and components/ with relative `$ref`s between files; they are
inlined here. Like sandbox_schemas: `nullable` becomes a "null" type and `strict` forbids
properties the docs do not list.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

YM = Path(__file__).resolve().parents[3] / "shared" / "reference" / "openapi" / "yandex-market"
_DROP = ("example", "examples", "nullable", "format", "description", "x-enum-descriptions")


@cache
def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _resolve(node: Any, base: Path, strict: bool, depth: int = 0) -> Any:
    if depth > 40:
        return {}
    if isinstance(node, dict):
        if "$ref" in node:
            target = (base / node["$ref"]).resolve()
            return _resolve(_load(target), target.parent, strict, depth + 1)
        out: dict[str, Any] = {}
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                out[k] = {name: _resolve(sub, base, strict, depth + 1) for name, sub in v.items()}
            elif k not in _DROP and not k.startswith("x-"):
                out[k] = _resolve(v, base, strict, depth + 1)
        if "allOf" in out:  # the docs compose envelopes with allOf: merge so strictness holds
            out = _merge(out, strict)
        if node.get("nullable") and "type" in out:
            out["type"] = [out["type"], "null"]
        if strict and "properties" in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(node, list):
        return [_resolve(v, base, strict, depth + 1) for v in node]
    return node


def _merge(node: dict[str, Any], strict: bool) -> dict[str, Any]:
    merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
    props: dict[str, Any] = dict(merged.get("properties", {}))
    required = list(merged.get("required", []))
    for sub in node["allOf"]:
        if "allOf" in sub:
            sub = _merge(sub, strict)
        props.update(sub.get("properties", {}))
        required += sub.get("required", [])
        merged.setdefault("type", sub.get("type", "object"))
    merged |= {"properties": props, "required": sorted(set(required))}
    if strict:
        merged["additionalProperties"] = False
    return merged


def response_schema(path_file: str, method: str, status: str = "200", strict: bool = True) -> dict[str, Any]:
    """Schema of a documented response of `paths/<path_file>.yaml`."""
    if not YM.is_dir():
        if os.environ.get("CI") == "true":  # CI must hold the answers against the documents
            pytest.fail(f"Yandex Market OpenAPI documents not found at {YM}", pytrace=False)
        pytest.skip(f"Yandex Market OpenAPI documents not found at {YM}")
    f = YM / "paths" / f"{path_file}.yaml"
    resp = _load(f)[method]["responses"][status]
    base = f.parent
    if "$ref" in resp:
        target = (base / resp["$ref"]).resolve()
        resp, base = _load(target), target.parent
    return _resolve(resp["content"]["application/json"]["schema"], base, strict)


def validate(instance: Any, schema: dict[str, Any]) -> None:
    jsonschema.Draft7Validator(schema).validate(instance)
