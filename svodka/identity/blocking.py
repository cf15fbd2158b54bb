"""Blocking: the few catalogue products worth comparing with one offer, never a scan.

Candidates come from the inverted index of the offer's RAREST tokens (model codes first:
«q10», «a2000» sit on a handful of products, «крем» on a hundred thousand). Keys are taken
rarest first while the products they bring stay within a budget, so the work per offer
depends on how rare the offer's words are, not on the catalogue's size. When every token of
an offer is common, the two rarest blocks are intersected instead (products holding both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.identity.catalog import Catalog

_EMPTY = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True)
class BlockingKnobs:
    """How wide blocking looks."""

    budget: int = 512  # products gathered from the keys, at most (the rarest key always counts)
    max_keys: int = 3  # rarest tokens used as keys
    max_candidates: int = 128  # scored per offer: those sharing the most keys
    intersect_limit: int = 60_000  # common tokens larger than this are not intersected


def candidates(catalog: Catalog, toks: tuple[str, ...], knobs: BlockingKnobs) -> tuple[np.ndarray, list[str]]:
    """Product numbers to score for these offer tokens, and the tokens used as keys."""
    vocab, offsets = catalog.vocab, catalog.offsets
    keys: list[tuple[int, int, str]] = []
    for t in set(toks):
        tid = vocab.get(t)
        if tid is not None:
            keys.append((int(offsets[tid + 1] - offsets[tid]), tid, t))
    if not keys:
        return _EMPTY, []
    keys.sort()
    post = catalog.postings
    first_df, first_tid, first_tok = keys[0]
    if first_df > knobs.budget:
        return _intersect(catalog, keys, knobs)
    parts = [post[offsets[first_tid] : offsets[first_tid + 1]]]
    used = [first_tok]
    total = first_df
    for df, tid, t in keys[1 : knobs.max_keys]:
        if total + df > knobs.budget:
            break
        parts.append(post[offsets[tid] : offsets[tid + 1]])
        used.append(t)
        total += df
    if len(parts) == 1:
        return parts[0], used  # one block: its products are unique already
    uniq, counts = np.unique(np.concatenate(parts), return_counts=True)
    if uniq.size <= knobs.max_candidates:
        return uniq, used
    top = np.argpartition(-counts, knobs.max_candidates - 1)[: knobs.max_candidates]
    # the rarest block stays whole: its products are the likeliest, whatever the counts say
    return np.union1d(uniq[top], parts[0]), used


def _intersect(
    catalog: Catalog, keys: list[tuple[int, int, str]], knobs: BlockingKnobs
) -> tuple[np.ndarray, list[str]]:
    if len(keys) < 2 or keys[1][0] > knobs.intersect_limit:
        return _EMPTY, []
    post, offsets = catalog.postings, catalog.offsets
    (_, a, ta), (_, b, tb) = keys[0], keys[1]
    both = np.intersect1d(
        post[offsets[a] : offsets[a + 1]], post[offsets[b] : offsets[b + 1]], assume_unique=True
    )
    used = [ta, tb]
    for df, tid, t in keys[2:]:
        if both.size <= knobs.max_candidates or df > knobs.intersect_limit:
            break
        both = np.intersect1d(both, post[offsets[tid] : offsets[tid + 1]], assume_unique=True)
        used.append(t)
    return (both if both.size <= knobs.budget else _EMPTY), used
