"""The corpus vocabulary: every name part with its spellings, and a fast renderer of names.

Names are rows of *spelling ids*; rendering gathers the UTF-8 bytes of the spellings with numpy
and decodes a whole chunk of rows at once, so millions of names take seconds, not minutes.
A spelling id is `3 * base + case`, case 0 as written, 1 upper, 2 lower.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from svodka.sandbox.matching.kinds import BRANDS, CATEGORIES, KINDS, SERIES1, SERIES2, codes
from svodka.sandbox.matching.spelling import spellings
from svodka.sandbox.matching.text import EXTRA_WORDS

SEPARATORS = (" ", ", ", " / ", "  ", "; ", " - ")  # SEPARATORS[0] is the canonical one


@dataclass
class Vocab:
    """Entries (name parts) with their canonical, tier-1 and tier-2 spellings, and the byte blob."""

    texts: list[str] = field(default_factory=list)  # base spellings
    canon: list[int] = field(default_factory=list)  # per entry: base spelling id
    t1: list[tuple[int, int]] = field(default_factory=list)  # per entry: (first base id, count)
    t2: list[tuple[int, int]] = field(default_factory=list)
    droppable: list[bool] = field(default_factory=list)  # may go missing without changing the product
    # entry ids by role
    head: list[int] = field(default_factory=list)  # per kind
    brand: dict[str, int] = field(default_factory=dict)  # category → first entry
    series1: int = 0
    series2: int = 0
    code: dict[str, int] = field(default_factory=dict)  # category → first entry
    desc: list[int] = field(default_factory=list)  # per kind: first entry
    axis: list[list[int]] = field(default_factory=list)  # per kind, per axis: first entry
    extra: int = 0  # first extra-word entry
    sep: int = 0  # base id of SEPARATORS[0]
    newline: int = 0  # base id of "\n"

    def add(self, role: str, text: str, rng: random.Random, axis: str = "", droppable: bool = False) -> int:
        """Add one entry with its spellings; returns its id."""
        t1, t2 = spellings(role, text, rng, axis)
        self.canon.append(self._base(text))
        self.t1.append((len(self.texts), len(t1)))
        self.texts += t1
        self.t2.append((len(self.texts), len(t2)))
        self.texts += t2
        self.droppable.append(droppable)
        return len(self.canon) - 1

    def _base(self, text: str) -> int:
        self.texts.append(text)
        return len(self.texts) - 1

    def arrays(self) -> VocabArrays:
        """The numpy view used by the generators."""
        return VocabArrays(self)


def build_vocab(seed: int) -> Vocab:
    """Every name part of every kind, with spellings drawn from `seed` (typos differ by seed)."""
    rng = random.Random(seed)
    v = Vocab()
    v.head = [v.add("H", k.head, rng) for k in KINDS]
    for cat in CATEGORIES:
        v.brand[cat] = len(v.canon)
        for b in BRANDS[cat]:
            v.add("B", b, rng, droppable=True)
    v.series1 = len(v.canon)
    for w in SERIES1:
        v.add("S", w, rng)
    v.series2 = len(v.canon)
    for w in SERIES2:
        v.add("S", w, rng, droppable=True)
    for cat in CATEGORIES:
        v.code[cat] = len(v.canon)
        for c in codes(cat):
            v.add("C", c, rng)
    for k in KINDS:
        v.desc.append(len(v.canon))
        for d in k.descs:
            # A descriptor with digits («Bluetooth 5.3», «3 в 1») is a code-like token that
            # matchers compare, so it never goes missing.
            v.add("D", d, rng, droppable=not any(ch.isdigit() for ch in d))
        starts = []
        for ax in k.axes:
            starts.append(len(v.canon))
            for val in ax.values:
                v.add("X", val, rng, axis=ax.name)
        v.axis.append(starts)
    v.extra = len(v.canon)
    for w in EXTRA_WORDS:
        v.canon.append(v._base(w))
        v.t1.append((0, 0))
        v.t2.append((0, 0))
        v.droppable.append(True)
    v.sep = len(v.texts)
    v.texts += list(SEPARATORS)
    v.newline = v._base("\n")
    return v


class VocabArrays:
    """Vocabulary as arrays, plus the byte blob of every spelling in its three case forms."""

    def __init__(self, v: Vocab) -> None:
        self.vocab = v
        self.canon = np.array(v.canon, dtype=np.int64)
        self.t1s, self.t1n = (np.array(x, dtype=np.int64) for x in zip(*v.t1, strict=True))
        self.t2s, self.t2n = (np.array(x, dtype=np.int64) for x in zip(*v.t2, strict=True))
        self.droppable = np.array(v.droppable, dtype=bool)
        forms = []
        for t in v.texts:
            forms += [t, t.upper(), t.lower()]
        enc = [s.encode("utf-8") for s in forms]
        self.length = np.array([len(b) for b in enc], dtype=np.int64)
        self.start = np.concatenate([[0], np.cumsum(self.length)[:-1]]).astype(np.int64)
        self.blob = np.frombuffer(b"".join(enc), dtype=np.uint8)

    def pick(self, entries: np.ndarray, tier: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Base spelling ids for `entries` at `tier` (0, 1, 2; a missing tier falls back to the
        one below), using uniform draws `u`; also whether tier 2 really applied. -1 stays -1."""
        e = np.maximum(entries, 0)
        out = self.canon[e].copy()
        n1, n2 = self.t1n[e], self.t2n[e]
        use1 = (tier >= 1) & (n1 > 0)
        out[use1] = (self.t1s[e] + (u * n1).astype(np.int64))[use1]
        use2 = (tier == 2) & (n2 > 0)
        out[use2] = (self.t2s[e] + (u * n2).astype(np.int64))[use2]
        out[entries < 0] = -1
        return out, use2 & (entries >= 0)

    def render(self, pieces: np.ndarray, chunk: int = 40_000) -> list[str]:
        """Concatenate the spellings in each row of `pieces` (spelling ids, -1 = nothing)."""
        out: list[str] = []
        nl = np.full((pieces.shape[0], 1), 3 * self.vocab.newline, dtype=np.int64)
        full = np.concatenate([pieces.astype(np.int64), nl], axis=1)
        # Small chunks keep the byte-index arrays in reused heap memory (big ones are page-faulted
        # in afresh on every call, which costs more than the gather itself).
        for a in range(0, len(full), chunk):
            p = full[a : a + chunk].ravel()
            p = p[p >= 0]
            lens = self.length[p]
            pos = np.cumsum(lens) - lens
            src = np.repeat((self.start[p] - pos).astype(np.int32), lens)
            src += np.arange(len(src), dtype=np.int32)
            out += self.blob[src].tobytes().decode("utf-8").split("\n")[:-1]
        return out
