"""Attribute words that exclude each other: a black T-shirt is not the white one.

Codes and quantities catch most near-duplicates (models, sizes, volumes). Some differences
are plain words — colours, the drive interface (NVMe or SATA), who the item is for — and
they are just as decisive: two names that state different values of one attribute are
two products, however similar the rest.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from rapidfuzz.distance import OSA

# attribute → value → stems (Russian adjective stems take the usual endings) or whole words
_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "colour": {
        "black": ("черн", "black"),
        "white": ("бел", "white"),
        "red": ("красн", "red"),
        "blue": ("син", "blue", "navy"),
        "lightblue": ("голуб",),
        "green": ("зелен", "green"),
        "grey": ("сер", "grey", "gray", "графитов"),
        "silver": ("серебрист", "silver"),
        "pink": ("розов", "pink"),
        "beige": ("бежев", "beige"),
        "yellow": ("желт", "yellow"),
        "orange": ("оранжев", "orange"),
        "purple": ("фиолетов", "purple", "violet"),
        "brown": ("коричнев", "brown"),
        "burgundy": ("бордов",),
        "gold": ("золотист", "gold"),
        "khaki": ("хаки", "khaki"),
    },
    "interface": {"nvme": ("nvme",), "sata": ("sata",)},
    # «жен.»/«муж.» are how price lists shorten them
    "audience": {"men": ("мужск", "муж"), "women": ("женск", "жен"), "kids": ("детск",)},
}
_ENDINGS = ("", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ую", "юю", "ых", "их")

# token → (attribute, value)
_LOOKUP: dict[str, tuple[str, str]] = {}
for _attr, _values in _GROUPS.items():
    for _value, _stems in _values.items():
        for _stem in _stems:
            for _end in _ENDINGS if "а" <= _stem[0] <= "я" else ("",):
                _LOOKUP.setdefault(_stem + _end, (_attr, _value))


# forms by first letter, for typo-tolerant lookups (a typo seldom hits the first letter)
_BY_INITIAL: dict[str, list[str]] = {}
for _form in _LOOKUP:
    if len(_form) >= 4:
        _BY_INITIAL.setdefault(_form[0], []).append(_form)


@lru_cache(maxsize=100_000)
def near_attribute(token: str) -> tuple[tuple[str, str], ...]:
    """(attribute, value) pairs of the attribute words one typo away from the token."""
    # «краснное», «бежеая», «злееная»: one typo away from a colour form; «беый» is one typo from
    # «белый» and from «бежевый» and says only that it is one of the two
    hits = {
        _LOOKUP[form]
        for form in _BY_INITIAL.get(token[0], ())
        if abs(len(form) - len(token)) <= 1 and OSA.distance(token, form, score_cutoff=1) <= 1
    }
    return tuple(sorted(hits))


def attribute_values(
    tokens: tuple[str, ...] | list[str], *, unknown: Container[str] | None = None
) -> dict[str, frozenset[str]]:
    """The exclusive attributes a name states: {"colour": {"black"}} for «… черный».

    With `unknown` (the catalogue's vocabulary), a word NOT in it that is one typo away from an
    attribute word counts too: offers are typed by hand. A known word is never re-read this way
    («Сияние», a line name, is not a typo of «синие»).
    """
    out: dict[str, set[str]] = {}
    for t in tokens:
        hit = _LOOKUP.get(t)
        if hit is not None:
            out.setdefault(hit[0], set()).add(hit[1])
        elif unknown is not None and len(t) >= 4 and t not in unknown:
            for attr, value in near_attribute(t):
                out.setdefault(attr, set()).add(value)
    return {k: frozenset(v) for k, v in out.items()}


def attribute_token(token: str) -> tuple[str, str] | None:
    """(attribute, value) when the token states one, else None."""
    return _LOOKUP.get(token)
