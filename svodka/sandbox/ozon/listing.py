"""Which catalog sizes the seller lists on Ozon, and under which identifiers.

One Ozon product per catalog barcode (size). Whole cards are listed or not (a seller lists a
card with all its sizes), so about `spec.ozon_share` of the barcodes are on Ozon. The seller's
article `offer_id` is derived from the WB card's vendorCode (+ "-<size>" for multi-size cards);
a share is typed differently (case, "_" or " " for "-"), and a share of products has no
barcode filled on Ozon, so that linking needs the normalised article (`normalise_article`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from svodka.sandbox.catalog import Catalog
from svodka.sandbox.spec import WorldSpec

# How a variant offer_id is written (0 = canonical). See docs/sandbox.md, "Ozon Seller".
VARIANTS = ("canonical", "lower", "underscore", "space", "lower_underscore")
_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise_article(text: str) -> str:
    """The normalised seller article: lower case, outer spaces stripped, every run of spaces,
    "_" and "-" turned into one "-". Equal for an offer_id and its WB vendorCode (+ size)."""
    return _SEPARATORS.sub("-", text.strip().lower()).strip("-")


def canonical_article(vendor_code: str, tech_size: str, multi_size: bool) -> str:
    """The article a careful seller would use on Ozon: vendorCode, plus "-<size>" for a card
    with several sizes."""
    return f"{vendor_code}-{tech_size}" if multi_size else vendor_code


def _variant(text: str, kind: int) -> str:
    if kind == 1:
        return text.lower()
    if kind == 2:
        return text.replace("-", "_")
    if kind == 3:
        return text.replace("-", " ")
    if kind == 4:
        return text.lower().replace("-", "_")
    return text


@dataclass
class Listing:
    """Columnar Ozon products, ordered by product_id (= order of creation on Ozon)."""

    bar: np.ndarray  # int32 index into catalog.bar_code
    product_id: np.ndarray  # int64
    sku: np.ndarray  # int64 Ozon SKU (one per product: FBO and FBS share it, scheme "SDS")
    offer_id: list[str]
    barcode_listed: list[str]  # "" when the seller did not fill barcodes on Ozon
    variant: np.ndarray  # int8 index into VARIANTS
    created: np.ndarray  # int64 Moscow seconds when the product appeared on Ozon
    by_bar: np.ndarray  # int32 catalog barcode index → product index, -1 when not on Ozon

    def __len__(self) -> int:
        return len(self.bar)


def build_listing(spec: WorldSpec, cat: Catalog, rng: np.random.Generator) -> Listing:
    """Draw the Ozon assortment from the catalog (deterministic for the rng)."""
    on_card = rng.random(cat.n_cards) < spec.ozon_share
    if not on_card.any():
        on_card[0] = True
    bars = np.nonzero(on_card[cat.bar_card])[0].astype(np.int32)
    n = len(bars)
    cards = cat.bar_card[bars]
    # On Ozon a little after the card was created on WB (new cards still before their launch).
    created = cat.card_created[cards] + rng.integers(3600, 48 * 3600, n)
    order = np.lexsort((bars, created))
    bars, cards, created = bars[order], cards[order], created[order]
    product_id = np.sort(rng.choice(900_000_000, n, replace=False).astype(np.int64)) + 100_000_000
    sku = 1_000_000_000 + rng.choice(2_000_000_000, n, replace=False).astype(np.int64)
    sizes = np.bincount(cat.bar_card, minlength=cat.n_cards)
    variant = np.where(
        rng.random(n) < spec.ozon_offer_id_variant_share, rng.integers(1, len(VARIANTS), n), 0
    ).astype(np.int8)
    no_barcode = rng.random(n) < spec.ozon_no_barcode_share
    offer_id = [
        _variant(canonical_article(cat.card_vendor[c], cat.bar_tech[b], sizes[c] > 1), int(v))
        for b, c, v in zip(bars.tolist(), cards.tolist(), variant.tolist(), strict=True)
    ]
    listed = ["" if nb else cat.bar_code[b] for b, nb in zip(bars.tolist(), no_barcode.tolist(), strict=True)]
    by_bar = np.full(cat.n_bars, -1, dtype=np.int32)
    by_bar[bars] = np.arange(n, dtype=np.int32)
    return Listing(bars, product_id, sku, offer_id, listed, variant, created.astype(np.int64), by_bar)
