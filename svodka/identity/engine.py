"""The matching cascade: every offer to a `product_id`, with the method and how sure.

Order, cheapest and surest first (DESIGN.md "One product across sources"):

1. manual links and unlinks (always win), then known links of unchanged offers (not redone);
2. barcode — a valid GTIN check digit only;
3. normalised vendor code (article), unless the names contradict each other;
4. exact normalised name;
5. the same tokens in any order;
6. fuzzy name: candidates come only from blocks of rare tokens and codes (never a scan of
   the catalogue), are scored with rapidfuzz on their token bags, and a candidate whose
   codes, quantities, colour or brand contradict the offer is dropped.

A fuzzy score at or above `auto` links automatically — unless another candidate is as
good and the offer's words cannot tell the two apart (a colour or volume it does not
state): then, as between `review` and `auto`, the offer goes to the review queue.

Work runs stage by stage over the whole batch, so each stage's throughput is measurable
(`Matcher.stats`) and cheap stages settle most rows before any name is even normalised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from svodka.identity.barcode import normalize_gtin
from svodka.identity.catalog import Catalog, hits, item_tokens
from svodka.identity.evidence import Profile, conflict
from svodka.identity.fuzzy import FuzzyStage, Thresholds
from svodka.identity.gcpause import paused_gc
from svodka.identity.model import (
    ARTICLE,
    AUTO,
    BARCODE,
    EXACT_NAME,
    FUZZY,
    MANUAL,
    NO_METHOD,
    NONE,
    REVIEW,
    TOKENS,
    Item,
    Link,
)
from svodka.identity.normalize import bag_key, brand_tokens, name_key, normalize_article


@dataclass
class StageStat:
    """One stage of one run: rows it saw, rows it settled, seconds it took."""

    name: str
    rows: int = 0
    settled: int = 0
    seconds: float = 0.0
    candidates: int = 0  # fuzzy stage: catalogue products scored, summed over its rows


@dataclass(slots=True)
class _Query:
    idx: int
    item: Item
    fp: str
    toks: tuple[str, ...] = ()
    profile: Profile | None = None
    brand: tuple[str, ...] = ()


_Stage = Callable[[_Query, "list[str] | None"], "Link | None"]


@dataclass
class Matcher:
    """Matches offers against one catalogue. Build once, call `match` for every batch."""

    catalog: Catalog
    thresholds: Thresholds = field(default_factory=Thresholds)
    stats: list[StageStat] = field(default_factory=list)
    # what stage seconds are measured with: wall time by default; a benchmark on a shared
    # machine passes time.process_time (this process's CPU time: one core's work)
    clock: Callable[[], float] = time.perf_counter

    def __post_init__(self) -> None:
        self._fuzzy_stage = FuzzyStage(self.catalog, self.thresholds)

    # --- the batch ---------------------------------------------------------------------------

    def match(
        self,
        offers: Iterable[Item],
        *,
        manual: Mapping[str, str | None] | None = None,
        known: Mapping[str, Link] | None = None,
    ) -> list[Link]:
        """Links for `offers`, in their order.

        `manual` maps an offer id to the product a person chose (None: a person unlinked
        it; it is never linked automatically again). `known` holds the links of an earlier
        run: an offer whose fingerprint is unchanged keeps its link without being matched
        again; a changed offer is matched afresh.
        """
        with paused_gc():
            return self._match(list(offers), manual or {}, known or {})

    def _match(
        self, offers: list[Item], manual: Mapping[str, str | None], known: Mapping[str, Link]
    ) -> list[Link]:
        out: list[Link | None] = [None] * len(offers)
        self.stats = []

        st = self._stat("manual+known", len(offers))
        t0 = self.clock()
        pending: list[_Query] = []
        for i, o in enumerate(offers):
            fp = o.fingerprint()
            if o.id in manual:
                out[i] = _manual(o.id, manual[o.id], fp)
                continue
            k = known.get(o.id)
            if k is not None and k.fingerprint == fp:
                out[i] = k
                continue
            pending.append(_Query(i, o, fp))
        st.settled, st.seconds = len(offers) - len(pending), self.clock() - t0

        pending = self._run("barcode", pending, out, self._barcode)
        pending = self._run("article", pending, out, self._article)
        st = self._stat("normalise", len(pending))
        t0 = self.clock()
        for q in pending:
            self._normalise(q)
        st.seconds = self.clock() - t0
        pending = self._run("exact_name", pending, out, self._exact)
        pending = self._run("tokens", pending, out, self._tokens)
        scored_before = self._fuzzy_stage.scored
        pending = self._run("fuzzy", pending, out, self._fuzzy)
        self.stats[-1].candidates = self._fuzzy_stage.scored - scored_before
        for q in pending:
            out[q.idx] = Link(q.item.id, None, NO_METHOD, 0.0, NONE, q.fp)
        return out  # type: ignore[return-value]

    def explain(
        self,
        offer: Item,
        *,
        manual: Mapping[str, str | None] | None = None,
        known: Mapping[str, Link] | None = None,
    ) -> str:
        """Why the offer links where it does: each stage's verdict, what agreed, the score."""
        lines = [f"offer {offer.id}: {offer.name!r}"]
        fp = offer.fingerprint()
        if manual and offer.id in manual:
            p = manual[offer.id]
            lines.append(f"manual: {'linked to ' + p if p else 'unlinked'} by a person — always wins")
            return "\n".join(lines)
        k = (known or {}).get(offer.id)
        if k is not None and k.fingerprint == fp:
            lines.append(
                f"known: unchanged since the last run, kept: {k.product_id} ({k.method}, {k.status})"
            )
            return "\n".join(lines)
        q = _Query(0, offer, fp)
        for stage in (self._barcode, self._article):
            link = stage(q, lines)
            if link is not None:
                return "\n".join([*lines, _verdict(link)])
        self._normalise(q)
        lines.append(f"normalised: {' '.join(q.toks)!r}")
        for stage in (self._exact, self._tokens, self._fuzzy):
            link = stage(q, lines)
            if link is not None:
                return "\n".join([*lines, _verdict(link)])
        return "\n".join([*lines, "no product: nothing in the catalogue is close enough"])

    def _stat(self, name: str, rows: int) -> StageStat:
        s = StageStat(name, rows)
        self.stats.append(s)
        return s

    def _run(self, name: str, pending: list[_Query], out: list[Link | None], stage: _Stage) -> list[_Query]:
        st = self._stat(name, len(pending))
        t0 = self.clock()
        rest = []
        for q in pending:
            link = stage(q, None)
            if link is None:
                rest.append(q)
            else:
                out[q.idx] = link
        st.settled, st.seconds = len(pending) - len(rest), self.clock() - t0
        return rest

    # --- stages (each returns a Link when it settles the offer, else None) ---------------

    def _barcode(self, q: _Query, trace: list[str] | None) -> Link | None:
        raw = q.item.barcode
        if not raw:
            return None
        gtin = normalize_gtin(raw)
        if gtin is None:
            if trace is not None:
                trace.append(f"barcode {raw!r}: not a valid GTIN (length or check digit) — ignored")
            return None
        found = hits(self.catalog.by_barcode.get(gtin))
        if trace is not None:
            trace.append(f"barcode {gtin}: {len(found)} product(s) in the catalogue")
        return self._settle(q, found, BARCODE, 1.0)

    def _article(self, q: _Query, trace: list[str] | None) -> Link | None:
        art = normalize_article(q.item.article)
        if not art:
            return None
        found = hits(self.catalog.by_article.get(art))
        if trace is not None:
            trace.append(f"article {art!r}: {len(found)} product(s) in the catalogue")
        if len(found) == 1:
            # a supplier's own article can collide with another product's vendor code:
            # an article link stands only when the names do not contradict each other
            mine = Profile.of(self.catalog.repair(item_tokens(q.item)), vocab=self.catalog.vocab)
            theirs = Profile.of(tuple(self.catalog.bags[found[0]].split()))
            why = conflict(mine, theirs)
            if why is not None:
                if trace is not None:
                    trace.append(f"article link refused, the names disagree ({why})")
                return None
        return self._settle(q, found, ARTICLE, 0.97)

    def _normalise(self, q: _Query) -> None:
        q.toks = self.catalog.repair(item_tokens(q.item))
        q.brand = self.catalog.repair(brand_tokens(q.item.brand))

    def _exact(self, q: _Query, trace: list[str] | None) -> Link | None:
        if not q.toks:
            return None
        found = hits(self.catalog.by_name.get(name_key(q.toks)))
        if trace is not None and found:
            trace.append(f"exact normalised name: {len(found)} product(s)")
        return self._settle(q, found, EXACT_NAME, 0.98)

    def _tokens(self, q: _Query, trace: list[str] | None) -> Link | None:
        if not q.toks:
            return None
        found = hits(self.catalog.by_bag.get(bag_key(q.toks)))
        if trace is not None and found:
            trace.append(f"same tokens in another order: {len(found)} product(s)")
        return self._settle(q, found, TOKENS, 0.96)

    def _settle(self, q: _Query, found: tuple[int, ...], method: str, confidence: float) -> Link | None:
        if not found:
            return None
        ids = self.catalog.ids
        if len(found) == 1:
            return Link(q.item.id, ids[found[0]], method, confidence, AUTO, q.fp)
        # one key, several products: a person decides
        cands = tuple(ids[i] for i in found)
        return Link(q.item.id, cands[0], method, confidence / 2, REVIEW, q.fp, cands)

    def _fuzzy(self, q: _Query, trace: list[str] | None) -> Link | None:
        if not q.toks:
            return None
        q.profile = q.profile or Profile.of(q.toks, vocab=self.catalog.vocab)
        d = self._fuzzy_stage.decide(q.profile, q.brand, trace)
        if d is None:
            return None
        ids = self.catalog.ids
        cands = (ids[d.product], *(ids[p] for p in d.rivals)) if d.rivals else ()
        return Link(q.item.id, ids[d.product], FUZZY, round(d.score, 4), d.status, q.fp, cands)


def _manual(offer_id: str, product_id: str | None, fp: str) -> Link:
    if product_id:
        return Link(offer_id, product_id, MANUAL, 1.0, AUTO, fp)
    return Link(offer_id, None, MANUAL, 1.0, NONE, fp)


def _verdict(link: Link) -> str:
    where = link.product_id or "no product"
    extra = f" (candidates: {', '.join(link.candidates)})" if link.candidates else ""
    return f"→ {where} by {link.method}, confidence {link.confidence:.2f}, status {link.status}{extra}"
