"""Matching benchmark: the identity engine on the sandbox's generated corpus, one core, in memory.

    .venv/bin/python bench/matching.py [--quick] [--only quality,fuzzy,first,daily] [--seed 7]

Workloads (issue 4), each against its own target:

- quality — precision and recall of automatic links and the share sent to review, per stage
  rows/s, on a corpus with ground truth (targets: precision ≥ 99.5 %, recall ≥ 95 %);
- fuzzy — the fuzzy name stage alone against catalogues of 100 k, 300 k and 1 M products:
  names/s must stay ≥ 5,000 and flat as the catalogue grows (blocking, never a scan);
- first — a first full match of 2,000,000 offers against 250,000 products (< 10 min);
- daily — a daily reload of 2,500,000 price-list rows against the same catalogue, with the
  previous day's links as `known`: 90 % unchanged, 8 % settled by barcode/article/exact name,
  2 % new names for the fuzzy stage (< 60 s).

`--quick` runs the same workloads ~50 times smaller, in seconds. Prints markdown tables;
the figures go to BENCHMARKS.md ("Matching"). Everything runs in this one process (numpy and
rapidfuzz single-threaded); stage seconds are this process's CPU time (`time.process_time`),
i.e. one core's work, so other jobs on a shared machine do not distort them; the wall time
of the big runs is printed next to them. Corpus generation is not timed.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import resource
import time

from svodka.identity import Catalog, Item, Link, Matcher
from svodka.sandbox.matching import CorpusSpec, MatchingCorpus

FULL = {"quality": (50_000, 100_000), "fuzzy": (100_000, 300_000, 1_000_000), "first": (250_000, 2_000_000),
        "daily": 2_500_000}  # fmt: skip
QUICK = {
    "quality": (5_000, 10_000),
    "fuzzy": (10_000, 30_000, 100_000),
    "first": (10_000, 40_000),
    "daily": 50_000,
}


def items(table, id_col: str, rows: range | None = None) -> list[Item]:
    """Items from a corpus table (catalogue or offers)."""
    cols = [table[id_col], table["name"], table["barcode"], table["article"], table["brand"]]
    if rows is not None:
        cols = [c[rows.start : rows.stop] for c in cols]
    return [Item(*r) for r in zip(*cols, strict=True)]


def rss_mb() -> float:
    """Peak resident memory of this process, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_table(m: Matcher, title: str) -> None:
    """Per-stage rows, settled rows, seconds and rows/s of the matcher's last run."""
    print(f"\n{title}\n")
    print("| stage | rows in | settled | seconds | rows/s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    total = 0.0
    for s in m.stats:
        total += s.seconds
        rate = f"{s.rows / s.seconds:,.0f}" if s.seconds > 0 else "—"
        print(f"| {s.name} | {s.rows:,} | {s.settled:,} | {s.seconds:.2f} | {rate} |")
    print(f"| **all** | {m.stats[0].rows:,} | | **{total:.1f}** | {m.stats[0].rows / total:,.0f} |")


def quality(links: list[Link], truth, label: str) -> dict[str, float]:
    """Precision and recall of automatic links, review share, and the per-label outcome."""
    auto = good = review = 0
    need = 0
    per = collections.defaultdict(collections.Counter)
    for link, pid, lab, exp in zip(
        links, truth["product_id"], truth["label"], truth["expected"], strict=True
    ):
        need += exp == "link"
        if link.status == "auto":
            auto += 1
            ok = exp == "link" and link.product_id == pid
            good += ok
            per[lab]["auto ✓" if ok else "auto ✗"] += 1
        else:
            review += link.status == "review"
            per[lab][link.status] += 1
    p, r, rv = good / max(auto, 1), good / max(need, 1), review / max(len(links), 1)
    print(f"\n{label}: precision **{p:.2%}**, recall **{r:.2%}**, sent to review **{rv:.2%}**\n")
    print("| truth label | offers | auto ✓ | auto ✗ | review | none |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for lab in ("barcode", "article", "exact_name", "tokens", "fuzzy", "ambiguous", "none"):
        c = per.get(lab, collections.Counter())
        n = sum(c.values())
        print(f"| {lab} | {n:,} | {c['auto ✓']:,} | {c['auto ✗']:,} | {c['review']:,} | {c['none']:,} |")
    return {"precision": p, "recall": r, "review": rv}


def build(products: list[Item]) -> tuple[Catalog, float]:
    """The catalogue index and the seconds it took."""
    t = time.perf_counter()
    cat = Catalog.build(products)
    return cat, time.perf_counter() - t


def run_quality(sizes: tuple[int, int], seed: int) -> None:
    """Quality workload: every stage on a mixed corpus."""
    corpus = MatchingCorpus.generate(CorpusSpec(seed=seed, products=sizes[0], offers=sizes[1]))
    cat, secs = build(items(corpus.catalog, "product_id"))
    m = Matcher(cat, clock=time.process_time)
    links = m.match(items(corpus.offers, "offer_id"))
    print(f"\n### Quality: {sizes[1]:,} offers against {sizes[0]:,} products (index built in {secs:.1f} s)")
    stage_table(m, "Per stage:")
    quality(links, corpus.truth, "Automatic links")


def run_fuzzy(sizes: tuple[int, ...], seed: int, names: int) -> None:
    """Fuzzy stage alone: names that need it, against growing catalogues."""
    print("\n### Fuzzy stage alone (names with typos, abbreviations, missing and reordered words)\n")
    print(
        "| catalogue | index build, s | names | fuzzy names/s | candidates scored per name "
        "| precision | recall | review | peak RSS, MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        corpus = MatchingCorpus.generate(CorpusSpec(seed=seed, products=n, offers=names * 3))
        cat, secs = build(items(corpus.catalog, "product_id"))
        pick = [i for i, lab in enumerate(corpus.truth["label"]) if lab == "fuzzy"][:names]
        o = corpus.offers
        # barcode and article dropped: the names alone go through the name stages
        offers = [Item(o["offer_id"][i], o["name"][i], "", "", o["brand"][i]) for i in pick]
        m = Matcher(cat, clock=time.process_time)
        links = m.match(offers)
        fz = next(s for s in m.stats if s.name == "fuzzy")
        sub = {k: [corpus.truth[k][i] for i in pick] for k in ("product_id", "label", "expected")}
        pairs = zip(links, sub["product_id"], strict=True)
        good = sum(lk.status == "auto" and lk.product_id == p for lk, p in pairs)
        auto = sum(lk.status == "auto" for lk in links)
        rv = sum(lk.status == "review" for lk in links) / len(links)
        rate = fz.rows / fz.seconds
        print(
            f"| {n:,} | {secs:.1f} | {fz.rows:,} | **{rate:,.0f}** | {fz.candidates / max(fz.rows, 1):.0f} "
            f"| {good / max(auto, 1):.2%} "
            f"| {good / len(links):.2%} | {rv:.2%} | {rss_mb():,.0f} |"
        )
        del corpus, cat, m, links, offers


def run_first_and_daily(first: tuple[int, int], daily: int, seed: int, do_daily: bool) -> None:
    """First full match of `first[1]` offers, then the daily reload of `daily` rows with known links."""
    products, n_first = first
    total = max(daily, n_first) if do_daily else n_first
    corpus = MatchingCorpus.generate(CorpusSpec(seed=seed, products=products, offers=total))
    cat, secs = build(items(corpus.catalog, "product_id"))
    m = Matcher(cat, clock=time.process_time)
    day0 = items(corpus.offers, "offer_id")
    print(f"\n### First full match: {n_first:,} offers against {products:,} products")
    print(f"\nIndex built in {secs:.1f} s.")
    t = time.perf_counter()
    links = m.match(day0[:n_first])
    wall = time.perf_counter() - t
    stage_table(m, f"Per stage (wall {wall:.1f} s, peak RSS {rss_mb():,.0f} MB):")
    sub = {k: corpus.truth[k][:n_first] for k in ("product_id", "label", "expected")}
    quality(links, sub, "Automatic links")
    if not do_daily:
        return
    if total > n_first:
        links += m.match(day0[n_first:total])
    known = {lk.offer_id: lk for lk in links}
    del links, day0
    day1 = corpus.daily_reload(day=1)
    offers = items(day1.offers, "offer_id", range(0, daily))
    truth = {k: day1.truth[k][:daily] for k in ("product_id", "label", "expected", "changed")}
    changed = sum(truth["changed"])
    print(
        f"\n### Daily reload: {daily:,} price-list rows, {changed:,} changed since yesterday "
        f"({changed / daily:.0%}), against {products:,} products"
    )
    t = time.perf_counter()
    links = m.match(offers, known=known)
    wall = time.perf_counter() - t
    stage_table(m, f"Per stage (wall **{wall:.1f} s**, target < 60 s; peak RSS {rss_mb():,.0f} MB):")
    quality(links, truth, "Automatic links after the reload (all rows)")


def main() -> None:
    """Run the chosen workloads and print their tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="~50× smaller workloads, seconds")
    ap.add_argument("--only", default="quality,fuzzy,first,daily", help="comma-separated workloads")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fuzzy-names", type=int, default=20_000, help="names per catalogue size")
    args = ap.parse_args()
    sizes = QUICK if args.quick else FULL
    only = set(args.only.split(","))
    machine = platform.processor() or platform.machine()
    print(
        f"## Matching ({'quick' if args.quick else 'full'}) — {machine}, {os.cpu_count()} cores visible, "
        f"one used; Python {platform.python_version()}"
    )
    if "quality" in only:
        run_quality(sizes["quality"], args.seed)
    if "fuzzy" in only:
        run_fuzzy(sizes["fuzzy"], args.seed, args.fuzzy_names // (20 if args.quick else 1))
    if "first" in only or "daily" in only:
        run_first_and_daily(sizes["first"], sizes["daily"], args.seed, "daily" in only)


if __name__ == "__main__":
    main()
