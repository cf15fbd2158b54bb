"""What two names say about being one product: conflicts, shared tokens, telling siblings apart.

A candidate that conflicts with the offer — another model code, another volume, another
colour, another brand — is never a match, however close the strings are. Two candidates
that the offer's words cannot tell apart (they differ only in what the offer does not state)
make the offer ambiguous: it goes to review, not to an automatic link.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from svodka.identity.attributes import attribute_token, near_attribute
from svodka.identity.normalize import classify


@dataclass(slots=True)
class Profile:
    """The parts of one name the checks read, computed once per name."""

    toks: tuple[str, ...]
    tokset: frozenset[str]
    codes: frozenset[str]
    qty: dict[str, set[str]]  # unit → values
    attrs: dict[str, set[str]]  # attribute → values
    compact: str  # all tokens glued: «a 2000» and «a2000» both contain «a2000»

    @classmethod
    def of(cls, toks: tuple[str, ...], *, vocab: Container[str] | None = None) -> Profile:
        """Profile of a token list. With the catalogue's `vocab` (for offers), a word the catalogue
        does not know is also read as the attribute word it is one typo away from («краснное»)."""
        found: list[str] = []
        qty: dict[str, set[str]] = {}
        attrs: dict[str, set[str]] = {}
        kinds = _KINDS
        for t in toks:
            k = kinds.get(t, _MISS)
            if k is _MISS:
                k = _kind(t)
            if k is None:
                if vocab is not None and len(t) >= 4 and t not in vocab:
                    for attr, value in near_attribute(t):
                        attrs.setdefault(attr, set()).add(value)
            elif k[0] == "c":
                found.append(t)
            elif k[0] == "q":
                qty.setdefault(k[1], set()).add(k[2])
            else:
                attrs.setdefault(k[1], set()).add(k[2])
        return cls(toks, frozenset(toks), frozenset(found), qty, attrs, "".join(toks))


# token → ("c",) code, ("q", unit, value) quantity, ("a", attribute, value), None: a plain word.
# Shared by every profile: catalogue names reuse a small vocabulary.
_KINDS: dict[str, tuple[str, ...] | None] = {}
_MISS = ("miss",)


def _kind(t: str) -> tuple[str, ...] | None:
    if len(_KINDS) > 2_000_000:  # typos make offers' vocabularies open-ended: stay bounded
        _KINDS.clear()
    c = classify(t)
    if c is None:
        a = attribute_token(t)
        k: tuple[str, ...] | None = ("a", *a) if a is not None else None
    elif c[0] == "code":
        k = ("c",)
    else:
        k = ("q", *c)
    _KINDS[t] = k
    return k


def similar_token(a: str, b: str) -> bool:
    """Same word up to one typo, or one is an abbreviation (prefix of 3+ letters) of the other."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la >= 3 and lb > la and b.startswith(a):
        return not a[0].isdigit()  # «беспров» for «беспроводные», but «1» is no prefix of «128»
    if lb >= 3 and la > lb and a.startswith(b):
        return not b[0].isdigit()
    if min(la, lb) < 5 or a[0].isdigit() or b[0].isdigit():
        return False  # short words and codes must be exact: «sata» is not a typo of «nvme»
    return OSA.distance(a, b, score_cutoff=1) <= 1


def _explained(code: str, theirs: frozenset[str], their_compact: str) -> bool:
    # a code written apart on the other side («a 2000» for «a2000») still appears in its glued
    # form; a version without its minor number («usb 3» for «usb 3.2») is the same version
    if len(code) >= 3 and code in their_compact:
        return True
    if "." in code:
        return any(code.startswith(t + ".") for t in theirs)
    return "." in their_compact and any(t.startswith(code + ".") for t in theirs)


def _unexplained_codes(mine: frozenset[str], theirs: frozenset[str], their_compact: str) -> set[str]:
    return {c for c in mine - theirs if not _explained(c, theirs, their_compact)}


def conflict(offer: Profile, cand: Profile) -> str | None:
    """Why the candidate cannot be the offer's product, or None when nothing contradicts."""
    for unit, values in offer.qty.items():
        other = cand.qty.get(unit)
        if other is not None and other.isdisjoint(values):
            return f"{unit}: {'/'.join(sorted(values))} ≠ {'/'.join(sorted(other))}"
    for attr, values in offer.attrs.items():
        other = cand.attrs.get(attr)
        if other is not None and other.isdisjoint(values):
            return f"{attr}: {'/'.join(sorted(values))} ≠ {'/'.join(sorted(other))}"
    if offer.codes and cand.codes and offer.codes != cand.codes:
        mine = _unexplained_codes(offer.codes, cand.codes, cand.compact)
        theirs = _unexplained_codes(cand.codes, offer.codes, offer.compact)
        if mine and theirs:
            return f"code: {'/'.join(sorted(mine))} ≠ {'/'.join(sorted(theirs))}"
    return None


def brand_conflict(offer_brand: tuple[str, ...], cand_brand: tuple[str, ...]) -> bool:
    """Both state a brand and no word of one is (up to a typo) a word of the other."""
    if not offer_brand or not cand_brand:
        return False
    return not any(similar_token(a, b) for a in offer_brand for b in cand_brand)


def support(offer: Profile, words: frozenset[str] | set[str]) -> int:
    """How many of `words` the offer states (exactly, abbreviated or with a typo)."""
    n = 0
    for w in words:
        if w in offer.tokset or any(similar_token(t, w) for t in offer.toks):
            n += 1
    return n


def coverage(offer: Profile, cand: Profile) -> tuple[list[str], list[str]]:
    """The offer's tokens the candidate lacks, and the candidate's tokens the offer lacks."""
    missing = [
        t for t in offer.toks if t not in cand.tokset and not any(similar_token(t, c) for c in cand.toks)
    ]
    extra = [
        c for c in cand.toks if c not in offer.tokset and not any(similar_token(t, c) for t in offer.toks)
    ]
    return missing, extra
