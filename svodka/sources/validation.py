"""Record contracts: the handful of fields the warehouse needs, checked on every row.

Raw keeps unknown fields (schema drift in the raw layer is fine); a *needed* field that
is missing, renamed or retyped must fail the sync loudly, naming source, stream, record
and field. This runs on millions of rows, so it is plain Python over precomputed tuples:
a dict lookup and an exact type test per field (``type(v) in types`` also keeps ``True``
from passing as an integer). Decimal strings are checked a column at a time with C-level
string operations; a row-by-row scan only runs to locate an offender.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from svodka.errors import RecordError

STR = "str"
INT = "int"
NUM = "num"
BOOL = "bool"
LIST = "list"
DICT = "dict"
DECIMAL = "decimal"
"""A money amount as a decimal string: optional minus, digits, optional point and digits ("-12.50")."""

_TYPES: dict[str, tuple[type, ...]] = {
    STR: (str,),
    INT: (int,),
    NUM: (int, float),
    BOOL: (bool,),
    LIST: (list,),
    DICT: (dict,),
    DECIMAL: (str,),
}
_NAMES = {
    STR: "string",
    INT: "integer",
    NUM: "number",
    BOOL: "boolean",
    LIST: "array",
    DICT: "object",
    DECIMAL: "decimal string",
}
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DECIMAL_BYTES = b"0123456789.-\n"
_MARK_NON_DIGITS = bytes(c if 48 <= c <= 57 else ord("x") for c in range(256))
_MISSING = object()

HINT = (
    "The API may have renamed, dropped or retyped a field the warehouse needs. The answer is kept "
    "in the lake; update the stream's record contract once the change is confirmed."
)


@dataclass(frozen=True)
class RecordContract:
    """Required fields of one record: ``{name: kind}``; `nested` checks the items of array fields
    (or, for an object field, the object itself as one record).

    `id_fields` name a record in errors (``srid=…``); without them the index is used.
    `nullable` fields may be ``null`` (but must be present).
    """

    fields: Mapping[str, str]
    id_fields: Sequence[str] = ()
    nested: Mapping[str, RecordContract] = field(default_factory=dict)
    nullable: frozenset[str] = frozenset()
    _checks: tuple[tuple[str, tuple[Any, ...]], ...] = field(init=False, repr=False, compare=False)
    _decimals: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _get_decimals: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = {k for k in self.fields.values() if k not in _TYPES}
        if unknown:
            raise ValueError(f"unknown field kinds {sorted(unknown)}")
        checks = tuple(
            (n, _TYPES[k] + ((type(None),) if n in self.nullable else ()))
            for n, k in self.fields.items()
            if k != DECIMAL
        )
        object.__setattr__(self, "_checks", checks)
        decimals = tuple(n for n, k in self.fields.items() if k == DECIMAL)
        object.__setattr__(self, "_decimals", decimals)
        object.__setattr__(self, "_get_decimals", itemgetter(*decimals) if decimals else None)

    def validate(self, records: Sequence[Any], *, source: str, stream: str, offset: int = 0) -> None:
        """Raise `RecordError` on a record that breaks the contract; `offset` numbers records."""
        found = self.violation(records)
        if found is None:
            return
        index, name, message = found
        rec = records[index]
        ident = f"#{offset + index}"
        if isinstance(rec, Mapping):
            named = [f"{k}={rec[k]}" for k in self.id_fields if rec.get(k) not in (None, "")]
            if named:
                ident = f"{', '.join(named)} (#{offset + index})"
        raise RecordError(message, source=source, stream=stream, record=ident, field=name, hint=HINT)

    def violation(self, records: Sequence[Any]) -> tuple[int, str, str] | None:
        """The first break of the contract as ``(index, field, message)``, or None.

        One fast pass touches each record once (wide records do not fit in cache twice) and
        gathers the decimal strings for a bulk check; only when something fails does the
        exact row-by-row pass run to name the first offending record and field.
        """
        if not records:
            return None
        checks, get_decimals = self._checks, self._get_decimals
        values: list[Any] = []
        add = values.extend if len(self._decimals) > 1 else values.append
        try:
            for rec in records:
                for name, types in checks:
                    if type(rec.get(name, _MISSING)) not in types:
                        return self._exact(records)
                if get_decimals is not None:
                    add(get_decimals(rec))
        except (AttributeError, KeyError, TypeError):  # not a dict, or a decimal field missing
            return self._exact(records)
        for name, contract in self.nested.items():
            for rec in records:
                items = rec.get(name)
                if (items or isinstance(items, dict)) and contract.violation(_as_records(items)) is not None:
                    return self._exact(records)
        if values:
            if self.nullable:
                values = [v for v in values if v is not None]
            try:
                text = "\n".join(values)  # TypeError unless every value is a str
            except TypeError:
                return self._exact(records)
            if values and not _decimal_text(text, len(values)):
                return self._exact(records)
        return None

    def _exact(self, records: Sequence[Any]) -> tuple[int, str, str] | None:
        """Row by row, field by field: the slow path that names the first offender."""
        for i, rec in enumerate(records):
            if type(rec) is not dict:
                return i, "", f"record is {type(rec).__name__}, expected object"
            for name, kind in self.fields.items():
                v = rec.get(name, _MISSING)
                if v is None and name in self.nullable:
                    continue
                if type(v) not in _TYPES[kind]:
                    return i, name, self._describe(rec, name)
                if kind == DECIMAL and not _DECIMAL.fullmatch(v):
                    return i, name, f"wrong value {_show(v)}, expected a decimal string"
            for name, contract in self.nested.items():
                items = rec.get(name)
                sub = contract.violation(_as_records(items)) if items or isinstance(items, dict) else None
                if sub is not None:
                    where = name if isinstance(items, dict) else f"{name}[{sub[0]}]"
                    return i, where + (f".{sub[1]}" if sub[1] else ""), sub[2]
        return None

    def _describe(self, rec: Mapping[str, Any], name: str) -> str:
        v = rec.get(name, _MISSING)
        expected = _NAMES[self.fields[name]] + (" or null" if name in self.nullable else "")
        if v is _MISSING:
            # A renamed field usually differs only in case or underscores (nmID/nmId, rrd_id/rrdId).
            flat = name.replace("_", "").lower()
            close = [k for k in rec if k.replace("_", "").lower() == flat]
            seen = f" (the record has {close[0]!r})" if close else ""
            return f"required field is missing{seen}, expected {expected}"
        return f"wrong type: {type(v).__name__} {_show(v)}, expected {expected}"


def _as_records(items: Any) -> Any:
    """A nested object is checked as a one-record list; an array as it is."""
    return [items] if isinstance(items, dict) else items


def _decimal_text(text: str, count: int) -> bool:
    r"""True if `text` is `count` values joined by newlines, each matching ``-?[0-9]+(\.[0-9]+)?``.

    Equivalent to the regex per value, in a few C-speed passes over bytes.
    """
    b = text.encode()
    if b.translate(None, _DECIMAL_BYTES) or b.count(b"\n") != count - 1:
        return False  # a foreign character, or a newline inside a value
    if b.count(b"-") != b.count(b"\n-") + b.startswith(b"-"):
        return False  # a minus that is not the first character of its value
    # Drop the leading minuses; then two non-digits side by side (or at an edge) mean an empty
    # value, a bare minus, or a point without digits on both sides.
    marked = b.removeprefix(b"-").replace(b"\n-", b"\n").translate(_MARK_NON_DIGITS)
    if not marked or marked.startswith(b"x") or marked.endswith(b"x") or b"xx" in marked:
        return False
    # Left with only newlines and points, a value with two points shows as "..".
    return b".." not in b.translate(None, b"0123456789-")


def _show(v: Any, limit: int = 40) -> str:
    text = repr(v)
    return text if len(text) <= limit else text[:limit] + "…"
