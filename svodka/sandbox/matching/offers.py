"""Offers: supplier price-list rows and competitor items that name universe products messily.

Each offer gets a *label* first — what settles its product — and is then written so that the
label is true: `barcode` carries the product's valid barcode; `article` the catalogue vendor code
(written another way) and no valid barcode; `exact_name` only normalisation noise in catalogue
order; `tokens` the same with the parts reordered; `fuzzy` at least one typo, abbreviation, missing
part or supplier word; `none` a product outside the catalogue (a held-out sibling or a new family);
`ambiguous` a catalogued product whose name lacks the one variant value that tells it from a
catalogued sibling (review, never an automatic link).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.matching.kinds import SUPPLIERS
from svodka.sandbox.matching.products import ORDER, Universe
from svodka.sandbox.matching.text import CYR_TO_LAT, EXTRA_WORDS
from svodka.sandbox.matching.vocab import SEPARATORS, VocabArrays

LABELS = ("barcode", "article", "exact_name", "tokens", "fuzzy", "none", "ambiguous")
BARCODE, ARTICLE, EXACT, TOKENS, FUZZY, NONE, AMBIGUOUS = range(7)
# Per label: P(tier-1 spelling), P(tier-2), P(drop a droppable part), P(supplier word),
# P(reordered parts). Case, separators and look-alikes apply to every label.
_NOISE = np.array(
    [
        [0.20, 0.15, 0.20, 0.25, 0.30],
        [0.20, 0.15, 0.20, 0.25, 0.30],
        [0.20, 0.00, 0.00, 0.00, 0.00],
        [0.20, 0.00, 0.00, 0.00, 1.00],
        [0.20, 0.15, 0.25, 0.25, 0.40],
        [0.20, 0.15, 0.20, 0.25, 0.30],
        [0.20, 0.00, 0.00, 0.00, 0.30],
    ]
)
_LAT_TO_CYR_UPPER = str.maketrans({v: k for k, v in CYR_TO_LAT.items() if k.isupper()})


@dataclass
class OfferRows:
    """Generated offers (data columns) with what the generator knows about them."""

    prod: np.ndarray  # universe index of the true product
    label: np.ndarray  # index into LABELS
    name: list[str]
    barcode: list[str]
    article: list[str]
    brand: list[str]
    supplier: list[str]
    price: list[float]


def article_variant(article: str, k: int) -> str:
    """The vendor code as suppliers retype it: k=0 as is, 1 lower case, 2 no hyphens, 3 spaces,
    4 Cyrillic look-alike letters. All are equal after normalisation (case, look-alikes, punctuation)."""
    if k == 1:
        return article.lower()
    if k == 2:
        return article.replace("-", "")
    if k == 3:
        return article.replace("-", " ")
    if k == 4:
        return article.translate(_LAT_TO_CYR_UPPER)
    return article


def make_offers(
    u: Universe,
    va: VocabArrays,
    prod: np.ndarray,
    label: np.ndarray,
    suppliers: int,
    rng: np.random.Generator,
) -> OfferRows:
    """Write one offer per (product, label) pair; see the module docstring for the rules."""
    n = len(prod)
    noise = _NOISE[label]
    ent = u.ent[prod].copy()
    # Parts that may go missing: brand, second line word, descriptors without digits.
    drop = (rng.random((n, 8)) < noise[:, 2:3]) & va.droppable[np.maximum(ent, 0)] & (ent >= 0)
    ent[drop] = -1
    amb = label == AMBIGUOUS  # lose the variant value that tells the product from its sibling
    amb_axis = np.where(u.sib[prod, 0] >= 0, 6, 7)
    ent[amb, amb_axis[amb]] = -1
    r = rng.random((n, 8))
    tier = np.where(r < noise[:, 1:2], 2, np.where(r < noise[:, 1:2] + noise[:, 0:1], 1, 0))
    base, used2 = va.pick(ent, tier, rng.random((n, 8)))
    extra_at = np.where(rng.random(n) < noise[:, 3], rng.integers(1, 3, n), 0)  # 1 start, 2 end
    extra = va.canon[va.vocab.extra + rng.integers(0, len(EXTRA_WORDS), n)]
    fuzzy = label == FUZZY
    need = fuzzy & ~used2.any(axis=1) & ~drop.any(axis=1) & (extra_at == 0)
    if need.any():  # a fuzzy offer must differ from the catalogue by more than normalisation
        head, _ = va.pick(ent[need, :1], np.full((int(need.sum()), 1), 2), rng.random((int(need.sum()), 1)))
        base[need, 0] = head[:, 0]

    slots = np.take_along_axis(base, ORDER[u.kind[prod]], axis=1)
    shuffle = rng.random(n) < noise[:, 4]
    keys = np.where(shuffle[:, None], rng.random((n, 8)), np.arange(8))
    canon_c = _compact(slots)
    slots = _compact(np.take_along_axis(slots, np.argsort(keys, axis=1), axis=1))
    same = (label == TOKENS) & (slots == canon_c).all(axis=1)
    slots[same, 0], slots[same, 1] = canon_c[same, 1], canon_c[same, 0]

    sup = rng.integers(0, suppliers, n)
    case = np.where(rng.random(n) < 0.08 + 0.4 * (sup == 2), 1, np.where(rng.random(n) < 0.03, 2, 0))
    ids = np.concatenate(
        [np.where(extra_at == 1, extra, -1)[:, None], slots, np.where(extra_at == 2, extra, -1)[:, None]],
        axis=1,
    )
    ids = _compact(ids)
    ids = np.where(ids >= 0, ids * 3 + case[:, None], -1)
    style = np.where(rng.random(n) < 0.75, 0, rng.integers(1, len(SEPARATORS), n))
    seps = np.where(ids >= 0, (va.vocab.sep + style)[:, None] * 3, -1)
    seps[:, 0] = -1
    pieces = np.empty((n, 2 * ids.shape[1]), dtype=np.int64)
    pieces[:, 0::2], pieces[:, 1::2] = seps, ids
    names = va.render(pieces)

    barcode, article = _codes(u, prod, label, sup, rng)
    texts = va.vocab.texts
    brand_ids = va.canon[u.ent[prod, 1]].tolist()
    has_brand = (rng.random(n) < 0.7).tolist()
    brand = [texts[b] if h else "" for b, h in zip(brand_ids, has_brand, strict=True)]
    price = np.round(u.price[prod] * rng.uniform(0.55, 0.8, n) * rng.uniform(0.97, 1.03, n), 2).tolist()
    supplier = [SUPPLIERS[s] for s in sup.tolist()]
    return OfferRows(prod, label, names, barcode, article, brand, supplier, price)


def _compact(a: np.ndarray) -> np.ndarray:
    """Move the present (>= 0) entries of each row to the left, keeping their order."""
    return np.take_along_axis(a, np.argsort(a < 0, axis=1, kind="stable"), axis=1)


def _codes(
    u: Universe, prod: np.ndarray, label: np.ndarray, sup: np.ndarray, rng: np.random.Generator
) -> tuple[list[str], list[str]]:
    """Barcode and article columns as the labels require."""
    n = len(prod)
    bc = u.barcode[prod]
    # A retyped barcode whose check digit no longer fits: a matcher must not trust it.
    broken = (bc // 10) * 10 + (bc % 10 + rng.integers(1, 10, n)) % 10
    r = rng.random(n)
    code = np.where(
        label == BARCODE,
        bc,
        np.where(label == NONE, np.where(r < 0.5, bc, 0), np.where(r < 0.25, broken, 0)),
    )
    barcode = [str(c) if c else "" for c in code.tolist()]
    # Article: the catalogue vendor code (retyped) for `article`, sometimes along with a barcode;
    # otherwise the supplier's own numeric code or nothing. Own codes never look like vendor codes.
    own = (10_000_000 + (prod * 7919 + sup * 104_729) % 89_999_999).tolist()
    r = rng.random(n)
    kind = np.where(
        label == ARTICLE, 0, np.where((label == BARCODE) & (r < 0.3), 0, np.where(r < 0.7, 1, 2))
    ).tolist()
    variant = rng.integers(0, 5, n).tolist()
    article = []
    for p, k, v, o in zip(prod.tolist(), kind, variant, own, strict=True):
        article.append(article_variant(u.article[p], v) if k == 0 else (str(o) if k == 1 else ""))
    return barcode, article


def sample_pool(rng: np.random.Generator, pool: np.ndarray, k: int, fallback: np.ndarray) -> np.ndarray:
    """`k` draws (with replacement) from `pool`, or from `fallback` when `pool` is empty."""
    pool = pool if len(pool) else fallback
    return pool[rng.integers(0, len(pool), k)]


def concat_rows(parts: list[OfferRows]) -> OfferRows:
    """The rows of several batches, in order."""
    if len(parts) == 1:
        return parts[0]
    return OfferRows(
        np.concatenate([p.prod for p in parts]),
        np.concatenate([p.label for p in parts]),
        *(
            [x for p in parts for x in getattr(p, f)]
            for f in ("name", "barcode", "article", "brand", "supplier", "price")
        ),
    )


def replace_rows(rows: OfferRows, at: np.ndarray, new: OfferRows) -> OfferRows:
    """A copy of `rows` with the rows `at` replaced by `new` (in order)."""
    prod, label = rows.prod.copy(), rows.label.copy()
    prod[at], label[at] = new.prod, new.label
    cols = {}
    for f in ("name", "barcode", "article", "brand", "supplier", "price"):
        col = list(getattr(rows, f))
        for i, v in zip(at.tolist(), getattr(new, f), strict=True):
            col[i] = v
        cols[f] = col
    return OfferRows(prod, label, **cols)
