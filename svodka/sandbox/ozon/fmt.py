"""How api-seller writes values: UTC timestamps with a Z, money as strings or JSON numbers,
opaque base64 cursors; and how the sandbox reads request bodies."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Any

import numpy as np
import orjson

from svodka.sandbox.clock import MSK_OFFSET_S
from svodka.sandbox.http import Call
from svodka.sandbox.money import kop_text

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


class BadRequest(Exception):
    """A 400 (code 3) with this message."""


def body_of(call: Call) -> dict[str, Any]:
    """The JSON object body of a POST (an empty body counts as {})."""
    try:
        body = call.json()
    except orjson.JSONDecodeError:
        raise BadRequest("invalid request: body is not valid JSON") from None
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise BadRequest("invalid request: body must be a JSON object")
    return body


def utc_us(moscow_s: np.ndarray | int, micro: np.ndarray | int = 0) -> np.ndarray:
    """UTC microseconds of Moscow seconds plus a microsecond part."""
    return (np.asarray(moscow_s, dtype=np.int64) - MSK_OFFSET_S) * 1_000_000 + np.asarray(
        micro, dtype=np.int64
    )


def ts(us: int, digits: int = 6) -> str:
    """UTC microseconds as "2026-03-14T09:12:00.123456Z" (`digits` fraction digits, 0 for none)."""
    sec, micro = divmod(int(us), 1_000_000)
    base = datetime.fromtimestamp(sec, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return base + (("." + f"{micro:06d}"[:digits]) if digits else "") + "Z"


def parse_ts(text: Any) -> int | None:
    """RFC 3339 date-time (or a bare date, taken as UTC midnight) → UTC microseconds."""
    if not isinstance(text, str):
        return None
    m = _RFC3339.match(text.strip())
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, zone = m.groups()
    try:
        base = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0), tzinfo=UTC)
    except ValueError:
        return None
    offset = 0
    if zone and zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = (1 if zone[0] == "+" else -1) * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return (int(base.timestamp()) - offset) * 1_000_000 + int((frac or "0")[:6].ljust(6, "0"))


def money(k: int) -> str:
    """Money string with two decimals: 72270 → "722.70", -1500 → "-15.00"."""
    k = int(k)
    sign = "-" if k < 0 else ""
    rub, kop = divmod(abs(k), 100)
    return f"{sign}{rub}.{kop:02d}"


def money_short(k: int) -> str:
    """Money string without trailing zeros: 2899000 → "28990", 72270 → "722.7"."""
    return kop_text(k)


def number(k: int) -> float:
    """Money as a JSON number (the nearest double prints back as the exact decimal)."""
    return int(k) / 100


def encode_cursor(obj: Any) -> str:
    """An opaque cursor: base64 of JSON."""
    return base64.b64encode(orjson.dumps(obj)).decode()


def decode_cursor(text: Any) -> Any:
    """Inverse of `encode_cursor`; raises BadRequest for anything else."""
    if not isinstance(text, str):
        raise BadRequest("invalid request: cursor must be a string")
    try:
        return orjson.loads(base64.b64decode(text.encode(), validate=True))
    except (ValueError, orjson.JSONDecodeError):
        raise BadRequest("invalid cursor") from None


def int_field(body: dict, name: str, default: int | None, lo: int, hi: int) -> int:
    """An integer field (numbers or numeric strings, as protobuf JSON accepts), within [lo, hi]."""
    v = body.get(name, default)
    if v is None:
        raise BadRequest(f"invalid request: {name} is required")
    if isinstance(v, str) and v.strip().lstrip("-").isdigit():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise BadRequest(f"invalid request: {name} must be between {lo} and {hi}")
    return v


def id_list(value: Any, name: str, cap: int = 1000) -> list[int]:
    """A list of int64 ids given as numbers or numeric strings."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRequest(f"invalid request: {name} must be an array")
    if len(value) > cap:
        raise BadRequest(f"invalid request: {name} must contain at most {cap} items")
    out = []
    for v in value:
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            raise BadRequest(f"invalid request: {name} must hold integers")
        out.append(v)
    return out


def str_list(value: Any, name: str, cap: int = 1000) -> list[str]:
    """A list of strings."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"invalid request: {name} must be an array of strings")
    if len(value) > cap:
        raise BadRequest(f"invalid request: {name} must contain at most {cap} items")
    return value
