"""Ozon Seller API in the sandbox, over the same seller world as Wildberries.

`world.ozon` (an `OzonWorld`) holds the Ozon side of the world: the listing (which barcodes are
on Ozon, with product_id, sku, offer_id), Ozon prices, postings, stock, returns and accruals.
The routes serve it under `/ozon/api-seller`; `truth.ozon` is its exact ground truth.
"""

from svodka.sandbox.ozon.listing import Listing, normalise_article
from svodka.sandbox.ozon.world import OzonWorld, build_ozon

__all__ = ["Listing", "OzonWorld", "build_ozon", "normalise_article"]
