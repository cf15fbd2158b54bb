"""Hold a request against Yandex Market's official Partner API OpenAPI document (split YAML files).

Query parameters must be declared (by name or an ``x-aliases`` alias); JSON bodies are
checked strictly (undeclared properties fail). Shared by the fake and the sandbox tests.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

_CANDIDATES = [
    Path(os.environ.get("SVODKA_REFERENCE", "/nonexistent")),
    Path(__file__).resolve().parents[2] / "reference",
    Path("/work/shared/reference"),
]
DOC = next(
    (
        p / "openapi" / "yandex-market" / "openapi.yaml"
        for p in _CANDIDATES
        if (p / "openapi/yandex-market").is_dir()
    ),
    _CANDIDATES[-1] / "openapi" / "yandex-market" / "openapi.yaml",
)


def require_document() -> None:
    """Skip (or, in CI, fail) when the document is not there."""
    if not DOC.is_file():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"Yandex Market OpenAPI document not found at {DOC}")
        pytest.skip(f"Yandex Market OpenAPI document not found at {DOC}", allow_module_level=True)


@functools.cache
def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def deref(node: Any, base: Path, chain: tuple[Path, ...] = ()) -> Any:
    """Inline every relative-file ``$ref`` (request schemas are not recursive)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = (base.parent / node["$ref"]).resolve()
            assert target not in chain, f"reference loop at {target}"
            return deref(load(target), target, (*chain, target))
        return {k: deref(v, base, chain) for k, v in node.items()}
    if isinstance(node, list):
        return [deref(v, base, chain) for v in node]
    return node


def operation(method: str, path: str) -> dict | None:
    """The dereferenced operation of ``method path`` (a concrete path, e.g. ``/v2/campaigns/7/returns``)."""
    for template, ref in load(DOC)["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path):
            file = (DOC.parent / ref["$ref"]).resolve()
            op = load(file).get(method.lower())
            if not op:
                return None
            return {k: deref(op[k], file) for k in ("parameters", "requestBody") if k in op}
    return None


def strict(schema: Any) -> Any:
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if "properties" in out and "allOf" not in out:
            out.setdefault("additionalProperties", False)
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def problems(method: str, path: str, query: dict[str, str], body: Any) -> list[str]:
    """What in this request the document does not allow (empty = valid)."""
    op = operation(method, path)
    if op is None:
        return [f"{method} {path} is not in the document"]
    out = []
    names = set()
    for p in op.get("parameters") or []:
        if p.get("in") == "query":
            names |= {p["name"], *(p.get("x-aliases") or [])}
    out += [f"undeclared query parameter {k!r}" for k in query if k not in names]
    rb = op.get("requestBody")
    if body is not None:
        if rb is None:
            out.append("a body where none is declared")
        else:
            schema = strict(rb["content"]["application/json"]["schema"])
            validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
            out += [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(body)]
    elif rb is not None and rb.get("required"):
        out.append("no body where one is required")
    return out
