"""The generated matching corpus: a reference catalogue, supplier offers and their ground truth.

    corpus = MatchingCorpus.generate(CorpusSpec(seed=7, products=10_000, offers=20_000))
    corpus.catalog["name"][0], corpus.offers["name"][0], corpus.truth["product_id"][0]
    day1 = corpus.daily_reload(day=1)        # the same price lists a day later: 90 % unchanged

Deterministic: the same spec gives the same tables. Vectorised: 1,000,000 products and
2,500,000 offers take well under a minute on one core.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from svodka.sandbox.matching.kinds import KINDS, SUPPLIERS
from svodka.sandbox.matching.offers import (
    FUZZY,
    LABELS,
    NONE,
    OfferRows,
    concat_rows,
    make_offers,
    replace_rows,
    sample_pool,
)
from svodka.sandbox.matching.products import ORDER, build_universe
from svodka.sandbox.matching.tables import Table, write_csv, write_xlsx
from svodka.sandbox.matching.vocab import build_vocab

CHUNK = 500_000  # offers generated per batch (bounds the memory of the (n, 8) work arrays)
EXPECTED = {"none": "none", "ambiguous": "review"}  # any other label: "link"


@dataclass(frozen=True)
class CorpusSpec:
    """Knobs of the corpus. Shares of offers: `not_in_catalog` (truth none), `ambiguous` (truth
    review); the rest split by `label_shares` over barcode, article, exact_name, tokens, fuzzy."""

    seed: int = 7
    products: int = 10_000
    offers: int = 20_000
    suppliers: int = 6
    not_in_catalog: float = 0.10
    ambiguous: float = 0.03
    label_shares: tuple[float, float, float, float, float] = (0.40, 0.12, 0.10, 0.10, 0.28)
    holdout: float = 0.15  # siblings left out of the catalogue (near-duplicate traps)
    catalog_missing_barcode: float = 0.05
    catalog_missing_article: float = 0.05
    reload_changed: float = 0.10  # rows changed per day of `daily_reload`
    reload_fuzzy: float = 0.02  # of all rows: changed rows that need the fuzzy stage

    def __post_init__(self) -> None:
        if self.products < 10 or self.offers < 1:
            raise ValueError("matching corpus: products must be at least 10 and offers at least 1")
        if not 1 <= self.suppliers <= len(SUPPLIERS):
            raise ValueError(f"matching corpus: suppliers must be between 1 and {len(SUPPLIERS)}")
        if self.not_in_catalog < 0 or self.ambiguous < 0 or self.not_in_catalog + self.ambiguous >= 1:
            raise ValueError("matching corpus: not_in_catalog and ambiguous must be ≥ 0 and sum below 1")
        if min(self.label_shares) < 0 or sum(self.label_shares) <= 0:
            raise ValueError("matching corpus: label_shares must be ≥ 0 with a positive sum")
        if not 0 <= self.holdout < 1 or not 0 <= self.reload_fuzzy <= self.reload_changed <= 1:
            raise ValueError(
                "matching corpus: need 0 ≤ holdout < 1 and 0 ≤ reload_fuzzy ≤ reload_changed ≤ 1"
            )


@dataclass
class DayLoad:
    """One day of the supplier price lists: the offers, their truth, and which rows changed."""

    day: int
    offers: Table
    truth: Table


class MatchingCorpus:
    """Catalogue (`catalog`), offers (`offers`) and ground truth (`truth`, row-aligned with offers).

    `truth` columns: offer_id, product_id (None outside the catalogue), label (what settles it:
    LABELS), expected ("link", "review" or "none"), near_duplicate (a catalogued sibling that
    differs by one variant value), family, variant, changed. `catalog_truth`: product_id,
    family, variant, kind — what the catalogue rows really are.
    """

    def __init__(self, spec: CorpusSpec) -> None:
        """Prefer `MatchingCorpus.generate(spec)`; this draws everything but the offers."""
        self.spec = spec
        ss = np.random.SeedSequence(spec.seed)
        rng_u, rng_c, self._rng_o = (np.random.default_rng(s) for s in ss.spawn(3))
        self._va = build_vocab(spec.seed).arrays()
        self.universe = u = build_universe(rng_u, self._va.vocab, spec.products, spec.holdout)
        self._has_bc = (u.cat_row >= 0) & (rng_c.random(len(u.fam)) >= spec.catalog_missing_barcode)
        self._has_art = (u.cat_row >= 0) & (rng_c.random(len(u.fam)) >= spec.catalog_missing_article)
        self._fam_ids: np.ndarray | None = None  # one id string per family, shared by every row
        self._offer_ids: list[str] = []
        self.catalog, self.catalog_truth = self._catalog()
        self._rows: OfferRows | None = None
        self.offers = self.truth = Table({})

    @classmethod
    def generate(cls, spec: CorpusSpec) -> MatchingCorpus:
        """Generate the corpus of `spec` (deterministic)."""
        corpus = cls(spec)
        corpus._rows = corpus._make(corpus._rng_o, corpus._draw_labels(corpus._rng_o, spec.offers))
        corpus.offers, corpus.truth = corpus._tables(corpus._rows, np.zeros(spec.offers, dtype=bool))
        return corpus

    # -- generation ---------------------------------------------------------------------
    def _catalog(self) -> tuple[Table, Table]:
        u, va = self.universe, self._va
        idx = np.empty(self.spec.products, dtype=np.int64)
        inside = np.nonzero(u.cat_row >= 0)[0]
        idx[u.cat_row[inside]] = inside
        base = np.where(u.ent[idx] >= 0, va.canon[np.maximum(u.ent[idx], 0)], -1)
        slots = np.take_along_axis(base, ORDER[u.kind[idx]], axis=1)
        slots = np.take_along_axis(slots, np.argsort(slots < 0, axis=1, kind="stable"), axis=1)
        ids = np.where(slots >= 0, slots * 3, -1)
        seps = np.where(ids >= 0, va.vocab.sep * 3, -1)
        seps[:, 0] = -1
        pieces = np.empty((len(idx), 16), dtype=np.int64)
        pieces[:, 0::2], pieces[:, 1::2] = seps, ids
        texts = va.vocab.texts
        bc, art = self._has_bc[idx].tolist(), self._has_art[idx].tolist()
        cats = [k.category for k in KINDS]
        pid = [f"P{i + 1:07d}" for i in range(len(idx))]
        family, variant = self._family_variant(idx)
        kinds = [KINDS[k].code for k in u.kind[idx].tolist()]
        truth = Table({"product_id": pid, "family": family, "variant": variant, "kind": kinds})
        return Table(
            {
                "product_id": pid,
                "name": va.render(pieces),
                "brand": [texts[b] for b in va.canon[u.ent[idx, 1]].tolist()],
                "barcode": [str(c) if h else "" for c, h in zip(u.barcode[idx].tolist(), bc, strict=True)],
                "article": [u.article[i] if h else "" for i, h in zip(idx.tolist(), art, strict=True)],
                "category": [cats[k] for k in u.kind[idx].tolist()],
            }
        ), truth

    def _family_variant(self, prod: np.ndarray) -> tuple[list[str], list[str]]:
        """Family ids («F0000123») and variants («1TB / NVMe M.2», canonical values) of products."""
        u, va = self.universe, self._va
        if self._fam_ids is None:
            self._fam_ids = np.array([f"F{f:07d}" for f in range(int(u.fam.max()) + 1)], dtype=object)
        x, y = u.ent[prod, 6], u.ent[prod, 7]
        pieces = np.stack(
            [
                va.canon[x] * 3,
                np.where(y >= 0, (va.vocab.sep + 2) * 3, -1),
                np.where(y >= 0, va.canon[y] * 3, -1),
            ],
            axis=1,
        )
        return self._fam_ids[u.fam[prod]].tolist(), va.render(pieces)

    def _draw_labels(self, rng: np.random.Generator, n: int) -> np.ndarray:
        s = self.spec
        rest = 1.0 - s.not_in_catalog - s.ambiguous
        shares = np.array(
            [*(rest * np.array(s.label_shares) / sum(s.label_shares)), s.not_in_catalog, s.ambiguous]
        )
        return rng.choice(len(LABELS), n, p=shares / shares.sum())

    def _pools(self) -> dict[int, np.ndarray]:
        u = self.universe
        cat = u.cat_row >= 0
        held = np.nonzero(~cat & ~u.new_family)[0]
        new = np.nonzero(u.new_family)[0]
        amb = np.nonzero(cat & ((u.sib[:, 0] >= 0) | (u.sib[:, 1] >= 0)))[0]
        pools = {0: np.nonzero(self._has_bc)[0], 1: np.nonzero(self._has_art)[0], 2: np.nonzero(cat)[0]}
        return pools | {5: held, 6: amb, 7: new}  # 5: held-out siblings, 7: new families

    def _make(self, rng: np.random.Generator, labels: np.ndarray) -> OfferRows:
        """Products for the labels (uniform inside each label's pool), then the offers."""
        pools = self._pools()
        prod = np.empty(len(labels), dtype=np.int64)
        for lab in range(len(LABELS)):
            at = np.nonzero(labels == lab)[0]
            if lab == NONE:  # half held-out siblings of catalogued goods, half goods of new families
                held = rng.random(len(at)) < 0.5
                prod[at[held]] = sample_pool(rng, pools[5], int(held.sum()), pools[7])
                prod[at[~held]] = sample_pool(rng, pools[7], int((~held).sum()), pools[5])
                continue
            pool = pools.get(lab, pools[2])
            if len(pool) == 0:  # tiny corpora: no product qualifies, fall back to fuzzy
                labels[at] = FUZZY
                pool = pools[2]
            prod[at] = sample_pool(rng, pool, len(at), pool)
        parts = [
            make_offers(
                self.universe, self._va, prod[a : a + CHUNK], labels[a : a + CHUNK], self.spec.suppliers, rng
            )
            for a in range(0, len(labels), CHUNK)
        ]
        return concat_rows(parts)

    def _tables(self, rows: OfferRows, changed: np.ndarray) -> tuple[Table, Table]:
        u, n = self.universe, len(rows.prod)
        # Object arrays with None last: index -1 (not catalogued / no sibling) gives None.
        pid = np.array([*self.catalog["product_id"], None], dtype=object)
        sib = u.sib[rows.prod]
        near = pid[np.where(sib[:, 0] >= 0, sib[:, 0], sib[:, 1])].tolist()
        labels = np.array(LABELS, dtype=object)[rows.label].tolist()
        expected = np.array([EXPECTED.get(lab, "link") for lab in LABELS], dtype=object)[rows.label].tolist()
        if len(self._offer_ids) != n:
            self._offer_ids = [f"OF{i + 1:08d}" for i in range(n)]
        offer_id = self._offer_ids
        family, variant = self._family_variant(rows.prod)
        offers = Table(
            {
                "offer_id": offer_id,
                "supplier": rows.supplier,
                "name": rows.name,
                "barcode": rows.barcode,
                "article": rows.article,
                "brand": rows.brand,
                "price": rows.price,
            }
        )
        truth = Table(
            {
                "offer_id": offer_id,
                "product_id": pid[u.cat_row[rows.prod]].tolist(),
                "label": labels,
                "expected": expected,
                "near_duplicate": near,
                "family": family,
                "variant": variant,
                "changed": changed.tolist(),
            }
        )
        return offers, truth

    # -- public -----------------------------------------------------------------------
    def daily_reload(self, day: int = 1) -> DayLoad:
        """The offers as the suppliers send them `day` days later. Each day `reload_changed` of the
        rows change (same offer_id, new content): `reload_fuzzy` of all rows get names for the
        fuzzy stage, the others are settled by barcode, article or exact name; the rest stay
        byte-identical to the day before. `truth["changed"]` marks the rows changed that day."""
        if day < 0:
            raise ValueError("matching corpus: day must be 0 or later")
        if self._rows is None:
            raise RuntimeError("matching corpus: build it with MatchingCorpus.generate(spec)")
        rows, changed = self._rows, np.zeros(len(self._rows.prod), dtype=bool)
        n = len(rows.prod)
        for d in range(1, day + 1):
            rng = np.random.default_rng(np.random.SeedSequence(self.spec.seed, spawn_key=(1000 + d,)))
            k = round(self.spec.reload_changed * n)
            at = np.sort(rng.choice(n, k, replace=False))
            n_fuzzy = min(k, round(self.spec.reload_fuzzy * n))
            cheap = np.array(self.spec.label_shares[:3]) + 1e-9  # barcode, article, exact_name
            cheap /= cheap.sum()
            labels = np.concatenate([rng.choice(3, k - n_fuzzy, p=cheap), np.full(n_fuzzy, FUZZY)])
            labels = labels[rng.permutation(k)]
            new = self._make(rng, labels)
            rows = replace_rows(rows, at, new)
            changed = np.zeros(n, dtype=bool)
            changed[at] = True
        offers, truth = self._tables(rows, changed)
        return DayLoad(day, offers, truth)

    def write_csv(
        self, path: str | Path, which: str = "catalog", delimiter: str = ";", encoding: str = "utf-8"
    ) -> Path:
        """Write `catalog`, `offers` or `truth` as CSV (header row; cp1251, utf-8-sig or utf-8)."""
        return write_csv(self._table(which), path, delimiter=delimiter, encoding=encoding)

    def write_xlsx(self, path: str | Path, which: str = "catalog") -> Path:
        """Write one table as .xlsx (for small corpora: a sheet holds at most 1,048,575 rows)."""
        return write_xlsx(self._table(which), path, sheet=which)

    def _table(self, which: str) -> Table:
        tables = {"catalog": self.catalog, "offers": self.offers, "truth": self.truth}
        if which not in tables:
            raise ValueError(f"matching corpus: unknown table {which!r}; use catalog, offers or truth")
        return tables[which]
