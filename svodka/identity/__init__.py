"""One product across sources: barcodes, articles and names linked to one `product_id`.

`Catalog.build(products)` indexes the reference products once; `Matcher(catalog).match(offers,
manual=…, known=…)` returns a `Link` per offer (method, confidence, status auto/review/none);
`Matcher.explain(offer)` says why. `match_files` does the same for two table files.
Storage-agnostic: manual links, known links and the review queue are passed in as mappings.
"""

from svodka.identity.barcode import is_valid_gtin, normalize_gtin
from svodka.identity.catalog import Catalog
from svodka.identity.engine import Matcher, StageStat
from svodka.identity.files import FilesResult, match_files, parse_columns
from svodka.identity.fuzzy import Thresholds
from svodka.identity.model import AUTO, METHODS, NONE, REVIEW, STATUSES, Item, Link
from svodka.identity.normalize import normalize_article, tokens

__all__ = [
    "AUTO",
    "METHODS",
    "NONE",
    "REVIEW",
    "STATUSES",
    "Catalog",
    "FilesResult",
    "Item",
    "Link",
    "Matcher",
    "StageStat",
    "Thresholds",
    "is_valid_gtin",
    "match_files",
    "normalize_article",
    "normalize_gtin",
    "parse_columns",
    "tokens",
]
