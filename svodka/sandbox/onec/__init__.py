"""The seller's 1C:Enterprise infobase: standard OData interface (v3) and CommerceML 2 files.

`world.onec` (an `OnecWorld`, built by `build_onec`) holds the nomenclature, purchase and
retail prices, receipts from suppliers, hand-overs to the marketplaces and the stock movements;
the server publishes it at `srv.onec_base_url` (`/onec/trade/odata/standard.odata/`, HTTP
Basic); `truth.onec` (`OnecTruth`) states what it serves. See docs/sandbox.md, "1C:Enterprise".
"""

from svodka.sandbox.onec.build import build_onec
from svodka.sandbox.onec.truth import OnecTruth
from svodka.sandbox.onec.world import OnecWorld

__all__ = ["OnecTruth", "OnecWorld", "build_onec"]
