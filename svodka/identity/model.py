"""The engine's plain data: an item to match, a link it ends in, the methods and statuses.

Storage-agnostic on purpose: the control DB (manual links, review queue) and the warehouse
hand the engine mappings and get `Link`s back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# methods, cheapest and surest first (DESIGN.md "One product across sources")
BARCODE = "barcode"
ARTICLE = "article"
EXACT_NAME = "exact_name"
TOKENS = "tokens"
FUZZY = "fuzzy"
MANUAL = "manual"
NO_METHOD = "none"
METHODS = (MANUAL, BARCODE, ARTICLE, EXACT_NAME, TOKENS, FUZZY, NO_METHOD)

# statuses: linked automatically, waiting for a person, no product
AUTO = "auto"
REVIEW = "review"
NONE = "none"
STATUSES = (AUTO, REVIEW, NONE)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing that names a product: a catalogue product, a listing, a price-list row, a competitor item.

    `id` is unique within its side (catalogue or offers). Empty strings mean "not given".
    """

    id: str
    name: str
    barcode: str = ""
    article: str = ""
    brand: str = ""

    def fingerprint(self) -> str:
        """A stable digest of what matching reads: a changed name, barcode, article or brand changes it."""
        raw = "\x1f".join((self.name, self.barcode, self.article, self.brand)).encode("utf-8", "replace")
        return hashlib.blake2b(raw, digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Link:
    """Where one offer ended: its product (or None), how, how sure, and the status that follows.

    For `review` the product is the best candidate and `candidates` lists every product a
    person should choose between; `fingerprint` is the offer's at matching time, so an
    incremental run knows whether the offer changed since.
    """

    offer_id: str
    product_id: str | None
    method: str
    confidence: float
    status: str
    fingerprint: str = ""
    candidates: tuple[str, ...] = ()
