"""The product universe: families of the corpus kinds, their products, and which are catalogued.

Every product has a family, one value per variant axis, a barcode and a vendor code. The
catalogue holds most products of the first families; the rest of those families are *held-out
siblings* (same line, another volume/size/colour/interface: near-duplicates that must not match)
and the families past the cut are *new families* (goods the seller does not have). All arrays,
no per-product Python loops except for the vendor-code strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.matching.kinds import BRANDS, CATEGORIES, KINDS, SERIES1, SERIES2, codes
from svodka.sandbox.matching.vocab import Vocab

ROLES = ("H", "B", "S1", "S2", "C", "D", "X", "Y")  # columns of `Universe.ent`
CAT_PREFIX = {"Косметика": "KR", "Бытовая химия": "HH", "Электроника": "EL", "Аксессуары": "AC"}
CAT_PREFIX |= {"Одежда": "CL", "Обувь": "SH"}
_KIND_CAT = np.array([CATEGORIES.index(k.category) for k in KINDS])
# Canonical slot order of each kind, as column indices into ROLES.
_SLOT = {"H": ("H",), "B": ("B",), "S": ("S1", "S2"), "C": ("C",), "D": ("D",), "X": ("X",), "Y": ("Y",)}
ORDER = np.array([[ROLES.index(r) for ch in k.order for r in _SLOT[ch]] for k in KINDS])


def ean13_check(body12: np.ndarray) -> np.ndarray:
    """EAN-13 check digits of 12-digit integer bodies (vectorised)."""
    digits = (body12[:, None] // (10 ** np.arange(11, -1, -1, dtype=np.int64))) % 10
    weights = np.tile([1, 3], 6)
    return (10 - (digits * weights).sum(axis=1) % 10) % 10


@dataclass
class Universe:
    """Every generated product; per-product arrays are indexed by universe index."""

    kind: np.ndarray  # kind index
    fam: np.ndarray  # family index
    ent: np.ndarray  # (n, 8) vocabulary entry per role of ROLES, -1 = absent
    v: np.ndarray  # (n, 2) value index per axis, -1 = no such axis
    barcode: np.ndarray  # int64 EAN-13, unique
    article: list[str]  # seller vendor code, unique
    price: np.ndarray  # base price, roubles
    cat_row: np.ndarray  # catalogue row, -1 = not catalogued
    new_family: np.ndarray  # bool: the whole family is outside the catalogue
    sib: np.ndarray  # (n, 2) catalogue row of the sibling differing only on axis X / Y, -1 none


def _windows(
    rng: np.random.Generator, kinds: np.ndarray, a: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per family: how many values of axis `a` it carries, the window start and the axis size."""
    lo_pick = np.array([k.axes[a].pick[0] if len(k.axes) > a else 1 for k in KINDS])[kinds]
    hi_pick = np.array([k.axes[a].pick[1] if len(k.axes) > a else 1 for k in KINDS])[kinds]
    size = np.array([len(k.axes[a].values) if len(k.axes) > a else 1 for k in KINDS])[kinds]
    count = rng.integers(lo_pick, hi_pick + 1)
    cyclic = np.array([len(k.axes) > a and k.axes[a].name == "colour" for k in KINDS])[kinds]
    start = np.where(
        cyclic, rng.integers(0, size), (rng.random(len(kinds)) * (size - count + 1)).astype(np.int64)
    )
    return count, start, size


def build_universe(rng: np.random.Generator, vocab: Vocab, products: int, holdout: float) -> Universe:
    """Families until `products` catalogue rows exist, plus ~25 % more for held-out goods."""
    weights = np.array([k.weight for k in KINDS])
    per_fam = np.array([np.prod([(ax.pick[0] + ax.pick[1]) / 2 for ax in k.axes]) for k in KINDS])
    mean = float((weights * per_fam).sum() / weights.sum())
    n_fam = int(products * 1.25 / (mean * (1 - holdout))) + 32
    kinds = rng.choice(len(KINDS), n_fam, p=weights / weights.sum())
    cat = _KIND_CAT[kinds]
    s1 = np.empty(n_fam, dtype=np.int64)
    code = np.empty(n_fam, dtype=np.int64)
    for c, name in enumerate(CATEGORIES):  # (line word, code) pairs unique inside a category
        idx = np.nonzero(cat == c)[0]
        n_codes = len(codes(name))
        space = len(SERIES1) * n_codes
        if len(idx) > space:
            raise ValueError(
                f"matching corpus: {len(idx)} families of «{name}» exceed {space}; ask for fewer products"
            )
        key = rng.choice(space, len(idx), replace=False)
        s1[idx], code[idx] = key // n_codes, key % n_codes
    n_brands = np.array([len(BRANDS[c]) for c in CATEGORIES])[cat]
    brand = (rng.random(n_fam) * n_brands).astype(np.int64)
    s2 = np.where(rng.random(n_fam) < 0.5, rng.integers(0, len(SERIES2), n_fam), -1)
    n_desc = np.array([len(k.descs) for k in KINDS])[kinds]
    desc = np.where(
        (rng.random(n_fam) < 0.75) & (n_desc > 0), (rng.random(n_fam) * n_desc).astype(np.int64), -1
    )
    c1, lo1, k1 = _windows(rng, kinds, 0)
    c2, lo2, k2 = _windows(rng, kinds, 1)
    two = np.array([len(k.axes) == 2 for k in KINDS])[kinds]
    fam_price = np.array([k.price for k in KINDS])[kinds] * np.exp(0.35 * rng.standard_normal(n_fam))

    combos = c1 * c2
    fam = np.repeat(np.arange(n_fam), combos)
    first = np.cumsum(combos) - combos
    j = np.arange(len(fam)) - first[fam]
    v1 = (lo1[fam] + j // c2[fam]) % k1[fam]
    v2 = np.where(two[fam], (lo2[fam] + j % c2[fam]) % k2[fam], -1)
    n = len(fam)
    pk = kinds[fam]

    ent = np.full((n, 8), -1, dtype=np.int64)
    ent[:, 0] = np.array(vocab.head)[pk]
    ent[:, 1] = np.array([vocab.brand[c] for c in CATEGORIES])[cat[fam]] + brand[fam]
    ent[:, 2] = vocab.series1 + s1[fam]
    ent[:, 3] = np.where(s2[fam] >= 0, vocab.series2 + s2[fam], -1)
    ent[:, 4] = np.array([vocab.code[c] for c in CATEGORIES])[cat[fam]] + code[fam]
    ent[:, 5] = np.where(desc[fam] >= 0, np.array(vocab.desc)[pk] + desc[fam], -1)
    ax0 = np.array([a[0] for a in vocab.axis])[pk]
    ax1 = np.array([a[1] if len(a) > 1 else -1 for a in vocab.axis])[pk]
    ent[:, 6] = ax0 + v1
    ent[:, 7] = np.where(v2 >= 0, ax1 + v2, -1)

    # Catalogue membership: hold some siblings out, keep at least one per family, then cut.
    inside = rng.random(n) >= holdout
    has = np.add.reduceat(inside.astype(np.int64), first) > 0
    inside[first[~has]] = True
    inside &= np.cumsum(inside) <= products
    if int(inside.sum()) < products:
        raise RuntimeError("matching corpus: too few families drawn; this is a bug in the estimate")
    fam_in = np.add.reduceat(inside.astype(np.int64), first) > 0
    cat_row = np.full(n, -1, dtype=np.int64)
    cat_row[np.nonzero(inside)[0][rng.permutation(products)]] = np.arange(products)
    # what remains of an unfinished family stays as held-out siblings of its catalogued part

    # Barcodes: an affine map of the index is a permutation of 10**10, so codes never repeat.
    mult = int(rng.integers(10**9, 10**10)) | 1
    while mult % 5 == 0:
        mult += 2
    body = 460_000_000_000 + (np.arange(n, dtype=np.int64) * mult + int(rng.integers(10**10))) % 10**10
    barcode = body * 10 + ean13_check(body)
    prefix = np.array([CAT_PREFIX[c] for c in CATEGORIES])[cat[fam]]
    article = [
        f"{p}-{f:06d}-{i:02d}" for p, f, i in zip(prefix.tolist(), fam.tolist(), j.tolist(), strict=True)
    ]
    step1 = np.array([k.axes[0].price_step for k in KINDS])[pk]
    step2 = np.array([k.axes[-1].price_step if len(k.axes) > 1 else 1.0 for k in KINDS])[pk]
    price = fam_price[fam] * step1**v1 * step2 ** np.maximum(v2, 0)

    sib = np.full((n, 2), -1, dtype=np.int64)
    key = (fam * 64 + v1) * 64 + (v2 + 1)
    cat_idx = np.nonzero(cat_row >= 0)[0]
    order = np.argsort(key[cat_idx])
    sorted_keys, sorted_rows = key[cat_idx][order], cat_row[cat_idx][order]
    for axis, (cnt, lo, size) in enumerate(((c1, lo1, k1), (c2, lo2, k2))):
        for step in range(1, 6):  # the nearest catalogued value of the same family on this axis
            ok = (step < cnt[fam]) & (sib[:, axis] < 0) & ((axis == 0) | (v2 >= 0))
            if axis == 0:
                alt = (fam * 64 + (lo[fam] + (j // c2[fam] + step) % cnt[fam]) % size[fam]) * 64 + (v2 + 1)
            else:
                alt = (fam * 64 + v1) * 64 + (lo[fam] + (j % c2[fam] + step) % cnt[fam]) % size[fam] + 1
            pos = np.minimum(np.searchsorted(sorted_keys, alt), len(sorted_keys) - 1)
            hit = ok & (sorted_keys[pos] == alt)
            sib[hit, axis] = sorted_rows[pos[hit]]
    return Universe(
        pk, fam, ent, np.stack([v1, v2], axis=1), barcode, article, price, cat_row, ~fam_in[fam], sib
    )
