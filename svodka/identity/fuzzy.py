"""The fuzzy name stage: score the blocked candidates, drop contradictions, judge what is left.

1. blocking gives the candidates (blocking.py);
2. rapidfuzz scores their token bags against the offer's (order-free, typo-tolerant);
3. the best-scored are checked for contradictions — codes, quantities, colour, brand — and a
   candidate that contradicts is not a match, however close the strings (evidence.py);
4. the best remaining one links automatically when its score is at or above `auto` and
   nothing is ambiguous: a runner-up the offer's words cannot tell from it sends the offer to
   review, as does a word the offer states and the product lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from svodka.identity.attributes import attribute_token
from svodka.identity.blocking import BlockingKnobs, candidates
from svodka.identity.catalog import Catalog
from svodka.identity.evidence import Profile, brand_conflict, conflict, coverage, support
from svodka.identity.model import AUTO, REVIEW
from svodka.identity.normalize import bag_key, classify

_PROFILE_CACHE = 400_000  # catalogue products whose profile is kept between offers


@dataclass(frozen=True)
class Thresholds:
    """Knobs of the fuzzy stage (scores are 0–1)."""

    auto: float = 0.90  # at or above: an automatic link, when nothing is ambiguous
    review: float = 0.70  # at or above (and below auto, or ambiguous): the review queue
    margin: float = 0.08  # a runner-up within this of the best, not told apart by the name → review
    top: int = 4  # non-contradicting candidates weighed against each other
    blocking: BlockingKnobs = field(default_factory=BlockingKnobs)


@dataclass(slots=True)
class Scored:
    """A candidate product with its score and profile."""

    product: int
    score: float
    profile: Profile


@dataclass(slots=True)
class Decision:
    """The fuzzy stage's verdict on one offer."""

    product: int
    score: float
    status: str
    rivals: tuple[int, ...] = ()


class FuzzyStage:
    """Fuzzy matching of names against one catalogue."""

    def __init__(self, catalog: Catalog, thresholds: Thresholds) -> None:
        self.catalog = catalog
        self.th = thresholds
        self._profiles: dict[int, Profile] = {}
        self.scored = 0  # candidates scored so far (blocking's width, for benchmarks)

    def profile(self, product: int) -> Profile:
        """The product's profile, computed once and kept (bounded)."""
        prof = self._profiles.get(product)
        if prof is None:
            if len(self._profiles) >= _PROFILE_CACHE:
                self._profiles.clear()
            prof = self._profiles[product] = Profile.of(tuple(self.catalog.bags[product].split()))
        return prof

    def decide(
        self, offer: Profile, brand: tuple[str, ...], trace: list[str] | None = None
    ) -> Decision | None:
        """The best product for the offer and the status it earns, or None when nothing fits."""
        th, cat = self.th, self.catalog
        cand, keys = candidates(cat, offer.toks, th.blocking)
        if trace is not None:
            trace.append(f"fuzzy: blocking on {', '.join(keys) or 'nothing'} → {cand.size} candidates")
        if cand.size == 0:
            return None
        self.scored += cand.size
        scored = process.extract(
            bag_key(offer.toks),
            cat.bags_array[cand],
            scorer=fuzz.ratio,
            limit=th.top * 2,
            score_cutoff=th.review * 100 - 10,
        )
        ok = self._consistent(offer, brand, [(int(cand[pos]), score) for _, score, pos in scored], trace)
        if not ok:
            return None
        ok.sort(key=lambda s: -s.score)
        best = ok[0]
        if trace is not None:
            for s in ok:
                trace.append(_describe(cat.ids[s.product], offer, s))
        if best.score < th.review:
            return None
        rivals = tuple(
            s.product for s in ok[1:] if s.score >= th.review and not self._told_apart(offer, best, s)
        )
        if rivals:
            if trace is not None:
                trace.append(
                    f"ambiguous: the name does not tell {cat.ids[best.product]} from "
                    f"{', '.join(cat.ids[p] for p in rivals)}"
                )
            return Decision(best.product, best.score, REVIEW, rivals)
        return self._judge(offer, best, trace)

    def _consistent(
        self,
        offer: Profile,
        brand: tuple[str, ...],
        scored: Sequence[tuple[int, float]],
        trace: list[str] | None,
    ) -> list[Scored]:
        """The best-scored candidates that contradict nothing the offer says."""
        ok: list[Scored] = []
        brands = self.catalog.brands
        for p, ratio in scored:
            prof = self.profile(p)
            why = conflict(offer, prof)
            if why is None and brand_conflict(brand, brands[p]):
                why = f"brand: {' '.join(brand)} ≠ {' '.join(brands[p])}"
            if why is not None:
                if trace is not None:
                    trace.append(f"  {self.catalog.ids[p]} {ratio / 100:.2f} refused — {why}")
                continue
            score = ratio / 100
            if offer.codes and offer.codes <= prof.codes:
                score = min(1.0, score + 0.03)  # every model code the offer states is there
            ok.append(Scored(p, score, prof))
            if len(ok) >= self.th.top:
                break
        return ok

    def _judge(self, offer: Profile, best: Scored, trace: list[str] | None) -> Decision:
        """Status of the one unambiguous candidate: words can raise or lower what the score says."""
        th = self.th
        missing, _extra = coverage(offer, best.profile)
        named = [t for t in missing if t in self.catalog.vocab]
        if named:
            # the offer names something the catalogue knows and this product lacks («Max»)
            if trace is not None:
                trace.append(f"the offer says {' '.join(named)}, the product does not: review")
            return Decision(best.product, best.score, REVIEW)
        if not missing and offer.codes and best.score < th.auto:
            # every word of the offer is in the product (up to typos and abbreviations), and so
            # is its model code: only words the supplier left out differ
            if trace is not None:
                trace.append("every word and code of the offer is in the product")
            return Decision(best.product, th.auto, AUTO)
        return Decision(best.product, best.score, AUTO if best.score >= th.auto else REVIEW)

    def _told_apart(self, offer: Profile, best: Scored, other: Scored) -> bool:
        """The offer states something that favours `best` over `other`, or the gap is wide."""
        if best.score - other.score >= self.th.margin:
            return True
        only_best = best.profile.tokset - other.profile.tokset
        only_other = other.profile.tokset - best.profile.tokset
        for_best, for_other = support(offer, only_best), support(offer, only_other)
        if for_best != for_other:
            return for_best > for_other
        # neither is named by the offer: the best wins only when it adds no unstated word of its
        # own («iPhone 15 Pro» is not «iPhone 15 Pro Max») and states every code and quantity it
        # has (an offer with no model at all cannot choose between «iPhone 15» and «iPhone 15
        # Pro»); «Galaxy A54» against «iPhone 15», or one unstated colour against another, is a tie
        if only_best or not only_other:
            return False
        _missing, extra = coverage(offer, best.profile)
        return not any(classify(t) is not None or attribute_token(t) for t in extra)


def _describe(pid: str, offer: Profile, s: Scored) -> str:
    missing, extra = coverage(offer, s.profile)
    return (
        f"  {pid} {s.score:.2f}: agreed on {' '.join(sorted(offer.tokset & s.profile.tokset)) or '-'}; "
        f"codes {' '.join(sorted(offer.codes & s.profile.codes)) or '-'}; "
        f"offer only {' '.join(missing) or '-'}; product only {' '.join(extra) or '-'}"
    )
