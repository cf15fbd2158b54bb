"""The reference catalogue, indexed once for every method of the cascade.

Indexes: barcode → product, normalised article → product, exact normalised name →
product, token bag → product, and an inverted index (token → products) used for blocking
in the fuzzy stage. The inverted index is two numpy arrays (CSR: offsets and product
numbers sorted by token), so a million products cost tens of megabytes, not a dict of
lists (blocking.py decides which of its lists to read).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from svodka.identity.barcode import normalize_gtin
from svodka.identity.gcpause import paused_gc
from svodka.identity.model import Item
from svodka.identity.normalize import (
    bag_key,
    brand_tokens,
    lookalike_forms,
    name_key,
    normalize_article,
    tokens,
)

# a key seen on several products maps to a tuple of their numbers
Hit = int | tuple[int, ...]


def _put(index: dict[str, Hit], key: str, i: int) -> None:
    old = index.get(key)
    if old is None:
        index[key] = i
    elif isinstance(old, int):
        if old != i:
            index[key] = (old, i)
    elif i not in old:
        index[key] = (*old, i)


def hits(h: Hit | None) -> tuple[int, ...]:
    """The product numbers of an index entry (empty when the key is unknown)."""
    if h is None:
        return ()
    return (h,) if isinstance(h, int) else h


def item_tokens(item: Item) -> tuple[str, ...]:
    """The tokens of an item's name, plus its brand's tokens when the name does not carry them."""
    toks = tokens(item.name)
    if item.brand:
        extra = [t for t in brand_tokens(item.brand) if t not in toks]
        if extra:
            toks = (*toks, *extra)
    return toks


@dataclass
class Catalog:
    """Reference products (1C nomenclature, the seller's catalogue) with their lookup indexes."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    bags: list[str] = field(default_factory=list)  # sorted tokens, space-joined
    brands: list[tuple[str, ...]] = field(default_factory=list)
    by_barcode: dict[str, Hit] = field(default_factory=dict)
    by_article: dict[str, Hit] = field(default_factory=dict)
    by_name: dict[str, Hit] = field(default_factory=dict)
    by_bag: dict[str, Hit] = field(default_factory=dict)
    vocab: dict[str, int] = field(default_factory=dict)
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    postings: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    bags_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))

    @classmethod
    def build(cls, products: Iterable[Item]) -> Catalog:
        """Index the products. A product id seen twice keeps its first row."""
        with paused_gc():
            return cls._build(products)

    @classmethod
    def _build(cls, products: Iterable[Item]) -> Catalog:
        cat = cls()
        seen: dict[str, int] = {}
        tok_ids = array("i")
        prod_ids = array("i")
        vocab = cat.vocab
        for p in products:
            if p.id in seen:
                continue
            i = len(cat.ids)
            seen[p.id] = i
            toks = item_tokens(p)
            cat.ids.append(p.id)
            cat.names.append(p.name)
            bag = bag_key(toks)
            cat.bags.append(bag)
            cat.brands.append(brand_tokens(p.brand))
            gtin = normalize_gtin(p.barcode)
            if gtin:
                _put(cat.by_barcode, gtin, i)
            art = normalize_article(p.article)
            if art:
                _put(cat.by_article, art, i)
            if toks:
                _put(cat.by_name, name_key(toks), i)
                _put(cat.by_bag, bag, i)
            for t in set(toks):
                tid = vocab.get(t)
                if tid is None:
                    tid = vocab[t] = len(vocab)
                tok_ids.append(tid)
                prod_ids.append(i)
        tid_arr = np.frombuffer(tok_ids, dtype=np.int32)
        order = np.argsort(tid_arr, kind="stable")
        cat.postings = np.frombuffer(prod_ids, dtype=np.int32)[order].copy()
        counts = np.bincount(tid_arr, minlength=len(vocab))
        cat.offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        # the same strings, indexable by a numpy array of candidates (for rapidfuzz)
        cat.bags_array = np.empty(len(cat.bags), dtype=object)
        cat.bags_array[:] = cat.bags
        return cat

    def __len__(self) -> int:
        return len(self.ids)

    def repair(self, toks: tuple[str, ...]) -> tuple[str, ...]:
        """Tokens written wholly in the other alphabet's look-alikes, put back as the catalogue spells them.

        «KPEM» typed in Latin letters is «крем»: no rule on the letters alone can tell, the
        catalogue's vocabulary can.
        """
        vocab = self.vocab
        out = None
        for i, t in enumerate(toks):
            if t in vocab:
                continue
            for form in lookalike_forms(t):
                if form != t and form in vocab:
                    out = out or list(toks)
                    out[i] = form
                    break
        return toks if out is None else tuple(out)

    def df(self, token: str) -> int:
        """How many products hold the token (0 when unknown)."""
        tid = self.vocab.get(token)
        return 0 if tid is None else int(self.offsets[tid + 1] - self.offsets[tid])

    def block(self, token: str) -> np.ndarray:
        """Product numbers holding the token (sorted)."""
        tid = self.vocab.get(token)
        if tid is None:
            return self.postings[:0]
        return self.postings[self.offsets[tid] : self.offsets[tid + 1]]
