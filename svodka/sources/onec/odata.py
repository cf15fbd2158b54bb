"""The 1C standard OData interface (OData v3) as a client writes it: names, literals, URLs.

Written from the platform documentation and marketplace_apis.md §5.1: the service lives at
``<infobase publication>/odata/standard.odata/``; resources are entity sets with Cyrillic
names (``Catalog_Номенклатура``), register virtual tables are functions on a register
(``AccumulationRegister_ТоварыНаСкладах/Balance(Period=datetime'…')``), and query options
start with ``$``. Literals: strings in single quotes (a quote inside is doubled),
``guid'…'``, ``datetime'2026-01-31T23:59:59'``.

1C stores dates without a zone, in the infobase's local time; Russian trade infobases keep
Moscow time, so instants go out as naive Moscow times (`datetime_literal`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from svodka.sources.times import utc
from svodka.timeutil import MSK

SERVICE = "odata/standard.odata"
"""Appended to the infobase publication URL."""

# Characters OData needs to see as themselves inside a path segment or a query value; the rest
# (Cyrillic, spaces, '&', '#', '+', '?') is percent-encoded as UTF-8.
_SAFE_PATH = "/()=,'$:"
_SAFE_QUERY = "$(),':"


def string_literal(text: str) -> str:
    """An OData string literal: ``'…'`` with every quote inside doubled."""
    return "'" + text.replace("'", "''") + "'"


def guid_literal(key: str) -> str:
    """``guid'…'`` for a reference key."""
    return f"guid'{key}'"


def onec_time(now: datetime) -> datetime:
    """The instant `now` (naive = UTC) as the naive Moscow wall time 1C reads and writes."""
    return utc(now).astimezone(MSK).replace(tzinfo=None, microsecond=0)


def format_onec(dt: datetime) -> str:
    """A naive 1C date-time as 1C writes it: ``2026-03-16T15:00:00``."""
    return dt.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")


def datetime_literal(dt: datetime) -> str:
    """``datetime'2026-03-16T15:00:00'`` for a naive 1C date-time."""
    return f"datetime'{format_onec(dt)}'"


def call(resource: str, function: str, args: Mapping[str, str]) -> str:
    """A virtual-table function call: ``Register/Balance(Period=datetime'…',Dimensions='…')``.

    `args` are OData literals already (use the helpers above).
    """
    inner = ",".join(f"{name}={value}" for name, value in args.items())
    return f"{resource}/{function}({inner})"


def encode_path(path: str) -> str:
    """`path` with Cyrillic names, spaces and quotes-in-arguments percent-encoded as UTF-8."""
    return quote(path, safe=_SAFE_PATH)


def encode_query(params: Mapping[str, Any]) -> str:
    """A query string with spaces as ``%20`` (not ``+``, which OData does not promise to read)."""
    return "&".join(f"{quote(str(k), safe='$')}={quote(str(v), safe=_SAFE_QUERY)}" for k, v in params.items())


def resource_of(url: str) -> str:
    """The resource a request URL addressed, decoded, without function arguments or key.

    ``…/standard.odata/InformationRegister_%D0%A6…/SliceLast(Period=…)?$format=json`` →
    ``InformationRegister_Цены…/SliceLast``.
    """
    path = unquote(urlsplit(url).path)
    _, found, rest = path.partition(SERVICE + "/")
    return _outside_parentheses(rest if found else path).strip("/") or "(service root)"


def _outside_parentheses(text: str) -> str:
    """`text` without its ``(…)`` groups; quotes inside a group may hold ``)`` or ``/``."""
    out: list[str] = []
    depth = 0
    quoted = False
    for ch in text:
        if quoted:
            quoted = ch != "'"  # a doubled quote closes and reopens: same result
        elif ch == "'" and depth:
            quoted = True
        elif ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)
