"""Layout profiles: which header texts name which canonical field, for one kind of price list.

Profiles are configuration, not code: the built-in ones live in `layouts.toml` next to this
module, a workspace adds or extends them in svodka.toml under ``[pricelists.layouts.<name>]``.
Header texts compare after `norm_header` (case, spaces, punctuation and Latin look-alike
letters do not matter); a name starting with ``re:`` is a regular expression searched in the
lower-cased header instead, for suppliers who decorate their headers («Цена, руб. (с НДС 20%)»).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from svodka.errors import ConfigError

FIELDS = ("article", "name", "price", "quantity", "barcode", "brand", "unit")
"""Canonical fields of a price-list row, in the order columns are assigned to them."""
DEFAULT_REQUIRED = ("article", "price")
_KEYS = {"description", "supplier", "match", "sheet", "required", "priority", "extends", "fields", *FIELDS}

# Latin letters that look like Cyrillic ones, read as the Cyrillic letter: a header typed with
# a Latin «С» or «Е» must still match. Uppercase first (Latin H, M, T, B imitate Н, М, Т, В).
_LOOKALIKES = str.maketrans("ABCEHKMOPTXYaceopxyk", "АВСЕНКМОРТХУасеорхук")
_NOT_ALNUM = re.compile(r"[\W_]+")


def norm_header(text: str) -> str:
    """A header reduced to lower-case letters and digits, look-alikes read as Cyrillic, ё as е."""
    return _NOT_ALNUM.sub("", text.translate(_LOOKALIKES).lower().replace("ё", "е"))


def lower_header(text: str) -> str:
    """A header as ``re:`` patterns see it: lower case, ё as е, runs of spaces as one."""
    return " ".join(text.lower().replace("ё", "е").split())


@dataclass(frozen=True)
class HeaderNames:
    """The header texts one field may have: exact (normalised) names and patterns, in preference order."""

    names: tuple[str | re.Pattern[str], ...]

    def rank(self, header: str) -> int | None:
        """Position of the first name matching `header` (lower is preferred), or None."""
        key, low = norm_header(header), lower_header(header)
        if not key:
            return None
        for i, n in enumerate(self.names):
            if (n == key) if isinstance(n, str) else bool(n.search(low)):
                return i
        return None


@dataclass(frozen=True)
class LayoutProfile:
    """One price-list layout: the fields' header names and how to tell its supplier."""

    name: str
    fields: Mapping[str, HeaderNames]
    origin: str
    """Where it was defined: ``built-in`` or ``svodka.toml``."""
    description: str = ""
    supplier: str | None = None
    match: tuple[re.Pattern[str], ...] = ()
    sheet: re.Pattern[str] | None = None
    required: tuple[str, ...] = DEFAULT_REQUIRED
    priority: int = 0
    raw_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def map_headers(self, row: Sequence[str]) -> dict[str, int]:
        """{field: column index} for the headers of `row`; each column serves one field at most.

        Fields are assigned in `FIELDS` order; within a field the most preferred header
        name wins, then the leftmost column.
        """
        taken: set[int] = set()
        out: dict[str, int] = {}
        for f in FIELDS:
            names = self.fields.get(f)
            if names is None:
                continue
            best: tuple[int, int] | None = None
            for col, cell in enumerate(row):
                if col in taken or not cell:
                    continue
                r = names.rank(cell)
                if r is not None and (best is None or (r, col) < best):
                    best = (r, col)
            if best is not None:
                out[f] = best[1]
                taken.add(best[1])
        return out

    def identifies(self, texts: Sequence[str]) -> bool:
        """True when one of the profile's supplier patterns occurs in `texts` (file name, sheets, title)."""
        return any(p.search(lower_header(t)) for p in self.match for t in texts)


def _regex(value: Any, where: str) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a non-empty regular expression, got {value!r}")
    try:
        # Plain text is a literal (supplier names carry dots and brackets); "re:" opts into regex.
        pattern = value[3:] if value.startswith("re:") else re.escape(lower_header(value))
        return re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise ConfigError(f"{where}: {value!r} is not a valid regular expression: {e}") from None


def _names(values: Any, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(
            f"{where}: expected a list of header names, got {values!r}",
            hint='e.g. article = ["Артикул", "Код товара"]',
        )
    return tuple(values)


def _compile(names: tuple[str, ...], where: str) -> HeaderNames:
    out: list[str | re.Pattern[str]] = []
    for n in names:
        if n.startswith("re:"):
            out.append(_regex(n, where))
        elif norm_header(n):
            out.append(norm_header(n))
        else:
            raise ConfigError(f"{where}: header name {n!r} has no letters or digits")
    return HeaderNames(tuple(out))


def build_profiles(
    tables: Mapping[str, Any], origin: str, base: Mapping[str, LayoutProfile]
) -> dict[str, LayoutProfile]:
    """Profiles from ``{name: table}`` as written in TOML; `extends` may name one of `base` or of `tables`."""
    out: dict[str, LayoutProfile] = {}

    def get(name: str, trail: tuple[str, ...]) -> LayoutProfile:
        if name in out:
            return out[name]
        if name not in tables:
            if name in base:
                return base[name]
            raise ConfigError(f"layout profile {trail[-1]!r} extends unknown profile {name!r}")
        if name in trail:
            raise ConfigError(f"layout profiles extend each other in a circle: {' → '.join((*trail, name))}")
        out[name] = _one(name, tables[name], origin, lambda n: get(n, (*trail, name)))
        return out[name]

    for name in tables:
        get(name, ())
    return out


def _one(name: str, table: Any, origin: str, parent_of: Any) -> LayoutProfile:
    where = f"{origin}: [pricelists.layouts.{name}]" if origin != "built-in" else f"layouts.toml [{name}]"
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table of settings")
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown keys {sorted(unknown)}",
            hint=f"Known keys: {', '.join(sorted(_KEYS))}.",
        )
    parent: LayoutProfile | None = parent_of(table["extends"]) if "extends" in table else None
    fields_table = {**table.get("fields", {}), **{f: table[f] for f in FIELDS if f in table}}
    raw: dict[str, tuple[str, ...]] = dict(parent.raw_names) if parent else {}
    for f, values in fields_table.items():
        if f not in FIELDS:
            raise ConfigError(f"{where}: unknown field {f!r}", hint=f"Fields: {', '.join(FIELDS)}.")
        own = _names(values, f"{where} {f}")
        # The workspace's names come first: they are the reason the profile exists.
        raw[f] = own + tuple(n for n in raw.get(f, ()) if n not in own)
    required = tuple(table.get("required", parent.required if parent else DEFAULT_REQUIRED))
    if not set(required) <= set(FIELDS) or not {"article", "price"} <= set(required):
        raise ConfigError(
            f"{where}: required = {list(required)} must include article and price and name only fields"
        )
    missing = [f for f in required if f not in raw]
    if missing:
        raise ConfigError(f"{where}: no header names for required fields {missing}")
    match = table.get("match", [])
    match = [match] if isinstance(match, str) else match
    priority = table.get("priority", parent.priority if parent else 0)
    if not isinstance(priority, int):
        raise ConfigError(f"{where}: priority must be an integer, got {priority!r}")
    supplier = table.get("supplier")
    if supplier is not None and (not isinstance(supplier, str) or not supplier.strip()):
        raise ConfigError(f"{where}: supplier must be a non-empty name, got {supplier!r}")
    return LayoutProfile(
        name=name,
        fields={f: _compile(n, f"{where} {f}") for f, n in raw.items()},
        origin=origin,
        description=str(table.get("description", parent.description if parent else "")),
        supplier=supplier.strip() if supplier else None,
        match=tuple(_regex(m, f"{where} match") for m in match),
        sheet=_regex(table["sheet"], f"{where} sheet") if "sheet" in table else None,
        required=required,
        priority=priority,
        raw_names=raw,
    )


@cache
def builtin_profiles() -> dict[str, LayoutProfile]:
    """The profiles shipped in layouts.toml."""
    text = resources.files(__package__).joinpath("layouts.toml").read_text(encoding="utf-8")
    return build_profiles(tomllib.loads(text)["layouts"], "built-in", {})


def load_profiles(workspace_layouts: Mapping[str, Any] | None = None) -> dict[str, LayoutProfile]:
    """Built-in profiles plus the workspace's (a workspace profile of the same name replaces one)."""
    base = builtin_profiles()
    own = build_profiles(workspace_layouts or {}, "svodka.toml", base)
    return {**base, **own}
