"""Checks on what callers hand to the control store, before anything touches the database.

Values a user typed (source, name, token, hosts) fail with ConfigError; values
code passes (statuses, JSON payloads) fail with ValueError, since they are bugs.
Messages never quote a token.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from svodka.errors import ConfigError

_SOURCE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_NAME = re.compile(r"\w[\w.-]{0,63}")  # \w: Cyrillic account names are fine
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,31}")


def dumps(value: Any) -> str:
    """The control DB's JSON encoding: strict (no NaN), readable Cyrillic."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def source(value: str) -> str:
    """A source id such as ``wb`` or ``yandex_market``."""
    if not isinstance(value, str) or not _SOURCE.fullmatch(value):
        raise ConfigError(
            f"bad source {value!r}: use lowercase latin letters, digits and _ (e.g. wb, ozon, yandex_market)"
        )
    return value


def name(value: str) -> str:
    """A connection name: letters, digits, `_`, `.`, `-`, up to 64 characters, no spaces."""
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise ConfigError(
            f"bad connection name {value!r}: use letters, digits, _ . - (no spaces), up to 64 characters"
        )
    return value


def token(value: str) -> str:
    """An API token; surrounding whitespace (a pasted newline) is dropped."""
    if not isinstance(value, str):
        raise ConfigError("the token must be a string")
    value = value.strip()
    if not value:
        raise ConfigError("the token is empty", hint="Copy the token from the marketplace's seller cabinet.")
    if any(c in value for c in "\r\n\t"):
        raise ConfigError("the token contains line breaks or tabs: was it pasted with something else?")
    return value


def hosts(value: Mapping[str, str] | None) -> dict[str, str]:
    """{API family: base URL}; each URL is http(s), without credentials; trailing `/` dropped."""
    out: dict[str, str] = {}
    for family, url in (value or {}).items():
        if not isinstance(family, str) or not family:
            raise ConfigError(f"bad host family {family!r}: expected a name such as 'statistics'")
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"host for {family!r} must be an http(s) URL, got {url!r}")
        if parts.username or parts.password:
            # Would store a credential in clear text next to the encrypted token.
            raise ConfigError(
                f"host for {family!r} contains credentials",
                hint="Remove user:password@ from the URL; pass secrets with --token.",
            )
        out[family] = url.rstrip("/")
    return out


def json_object(value: Mapping[str, Any] | None, what: str) -> dict[str, Any]:
    """A JSON object (dict with string keys) that the database will store; copies it."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ValueError(f"{what} must be a mapping with string keys")
    return json_value(dict(value), what)


def json_value(value: Any, what: str) -> Any:
    """Check that `value` survives a JSON round trip (no dates, Decimals, NaN, sets)."""
    try:
        return json.loads(dumps(value))
    except (TypeError, ValueError) as err:
        raise ValueError(f"{what} is not plain JSON ({err}); convert dates and Decimals to strings") from None


def jsonable(value: Any) -> Any:
    """Make check details storable: Decimal and dates become strings, tuples and sets lists."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)  # money: keep every kopeck, not a binary float
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """`value` if it is one of `allowed`."""
    if value not in allowed:
        raise ValueError(f"bad {what} {value!r}: expected one of {', '.join(allowed)}")
    return value


def kind(value: str) -> str:
    """A run kind: sync, build, check, export, backup…"""
    if not isinstance(value, str) or not _KIND.fullmatch(value):
        raise ValueError(f"bad run kind {value!r}: lowercase latin letters, digits, _ and -")
    return value


def label(value: str, what: str, max_len: int) -> str:
    """A non-empty identifier-like string (task, stream, check or table name)."""
    if not isinstance(value, str) or not value.strip() or len(value) > max_len:
        raise ValueError(f"bad {what} {value!r}: a non-empty string of at most {max_len} characters")
    return value


def rows(value: int | None) -> int | None:
    """A row count: a non-negative integer or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"bad row count {value!r}: a non-negative integer or None")
    return value


def observed(value: Any) -> float | None:
    """A check's measured value as a float (None when there is no number)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"bad observed value {value!r}: a number or None (put other facts in details)")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"bad observed value {value!r}: not a finite number")
    return result
