"""Matching corpus and supplier price-list files of the sandbox world (issue 4, item 5).

    from svodka.sandbox.matching import CorpusSpec, MatchingCorpus
    corpus = MatchingCorpus.generate(CorpusSpec(seed=7, products=10_000, offers=20_000))
    truths = write_pricelists(world, directory, day=1)   # supplier files + what a loader must read

The corpus is the oracle of the matching engine (`svodka.identity`), which shares no code with it.
"""

from svodka.sandbox.matching.corpus import CorpusSpec, DayLoad, MatchingCorpus
from svodka.sandbox.matching.offers import LABELS
from svodka.sandbox.matching.pricelist_rows import REASONS
from svodka.sandbox.matching.pricelists import LoadedRow, PriceListTruth, Rejection, write_pricelists
from svodka.sandbox.matching.tables import Table

__all__ = [
    "LABELS",
    "REASONS",
    "CorpusSpec",
    "DayLoad",
    "LoadedRow",
    "MatchingCorpus",
    "PriceListTruth",
    "Rejection",
    "Table",
    "write_pricelists",
]
