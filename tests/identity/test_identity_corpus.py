"""The engine on the sandbox's generated corpus: quality against ground truth, increments, files.

Quality is behaviour, not timing: precision ≥ 99.5 % on automatic links and recall ≥ 95 %, what the
name cannot settle goes to review, near-duplicates outside the catalogue are not linked.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from svodka.identity import Catalog, Item, Link, Matcher, match_files
from svodka.sandbox.matching import CorpusSpec, MatchingCorpus

COLUMNS = {"id": "product_id", "name": "name", "barcode": "barcode", "article": "article", "brand": "brand"}
OFFER_COLUMNS = {**COLUMNS, "id": "offer_id"}


@pytest.fixture(scope="module")
def corpus() -> MatchingCorpus:
    return MatchingCorpus.generate(CorpusSpec(seed=21, products=3_000, offers=6_000))


def items(table, id_col: str) -> list[Item]:
    return [
        Item(*r)
        for r in zip(
            table[id_col], table["name"], table["barcode"], table["article"], table["brand"], strict=True
        )
    ]


@pytest.fixture(scope="module")
def matched(corpus: MatchingCorpus) -> tuple[Matcher, list[Link]]:
    m = Matcher(Catalog.build(items(corpus.catalog, "product_id")))
    return m, m.match(items(corpus.offers, "offer_id"))


def test_precision_and_recall_of_automatic_links(corpus: MatchingCorpus, matched) -> None:
    _, links = matched
    truth = corpus.truth
    auto = [
        (lk, p, e)
        for lk, p, e in zip(links, truth["product_id"], truth["expected"], strict=True)
        if lk.status == "auto"
    ]
    good = sum(lk.product_id == p and e == "link" for lk, p, e in auto)
    need = sum(e == "link" for e in truth["expected"])
    assert good / len(auto) >= 0.995
    assert good / need >= 0.95


def test_what_the_name_cannot_settle_goes_to_review(corpus: MatchingCorpus, matched) -> None:
    _, links = matched
    outcome = Counter(
        lk.status for lk, lab in zip(links, corpus.truth["label"], strict=True) if lab == "ambiguous"
    )
    assert outcome["review"] >= 0.97 * sum(outcome.values())
    assert outcome["auto"] <= 0.01 * sum(outcome.values())
    # and the review entries name the siblings a person must choose between
    amb = [
        lk
        for lk, lab in zip(links, corpus.truth["label"], strict=True)
        if lab == "ambiguous" and lk.candidates
    ]
    assert amb and all(len(lk.candidates) >= 2 for lk in amb)


def test_goods_outside_the_catalogue_are_not_linked(corpus: MatchingCorpus, matched) -> None:
    _, links = matched
    outcome = Counter(
        lk.status for lk, lab in zip(links, corpus.truth["label"], strict=True) if lab == "none"
    )
    assert outcome["none"] >= 0.97 * sum(outcome.values())
    assert outcome["auto"] <= 0.01 * sum(outcome.values())


def test_each_kind_of_offer_is_settled_by_its_method(corpus: MatchingCorpus, matched) -> None:
    _, links = matched
    by_label: dict[str, Counter] = {}
    for lk, lab in zip(links, corpus.truth["label"], strict=True):
        by_label.setdefault(lab, Counter())[lk.method] += 1
    share = {lab: c.most_common(1)[0] for lab, c in by_label.items()}
    assert share["barcode"][0] == "barcode" and by_label["barcode"]["barcode"] == sum(
        by_label["barcode"].values()
    )
    for lab in ("article", "exact_name", "tokens", "fuzzy"):
        method, n = share[lab]
        assert method == lab and n >= 0.75 * sum(by_label[lab].values()), (lab, by_label[lab])


def test_a_daily_reload_rematches_only_the_changed_rows(corpus: MatchingCorpus, matched) -> None:
    m, links = matched
    known = {lk.offer_id: lk for lk in links}
    day = corpus.daily_reload(day=1)
    again = m.match(items(day.offers, "offer_id"), known=known)
    changed = day.truth["changed"]
    assert m.stats[0].name == "manual+known" and m.stats[1].rows == sum(changed)
    for lk, ch in zip(again, changed, strict=True):
        if not ch:
            assert lk is known[lk.offer_id]  # the stored link itself, not a recomputed one
    fresh = [
        (lk, p, e)
        for lk, p, e, ch in zip(again, day.truth["product_id"], day.truth["expected"], changed, strict=True)
        if ch and lk.status == "auto"
    ]
    assert sum(lk.product_id == p and e == "link" for lk, p, e in fresh) >= 0.995 * len(fresh)


def test_match_files_on_corpus_exports_gives_the_engines_links(
    tmp_path: Path, corpus: MatchingCorpus, matched
) -> None:
    _, links = matched
    cat = corpus.write_csv(tmp_path / "catalog.csv", which="catalog", delimiter=";", encoding="cp1251")
    off = corpus.write_csv(tmp_path / "offers.csv", which="offers", delimiter=",", encoding="utf-8-sig")
    res = match_files(cat, off, tmp_path / "links.csv", COLUMNS, OFFER_COLUMNS)
    assert res.offers_rows == len(corpus.offers) and res.catalog_rows == len(corpus.catalog)
    with (tmp_path / "links.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["offer_id"], r["product_id"] or None, r["method"], r["status"]) for r in rows] == [
        (lk.offer_id, lk.product_id, lk.method, lk.status) for lk in links
    ]


def test_match_files_reads_corpus_spreadsheets(tmp_path: Path) -> None:
    small = MatchingCorpus.generate(CorpusSpec(seed=5, products=300, offers=500))
    cat = small.write_xlsx(tmp_path / "catalog.xlsx", which="catalog")
    off = small.write_xlsx(tmp_path / "offers.xlsx", which="offers")
    res = match_files(cat, off, tmp_path / "links.csv", COLUMNS, OFFER_COLUMNS)
    truth = dict(zip(small.truth["offer_id"], small.truth["product_id"], strict=True))
    auto = [lk for lk in res.links if lk.status == "auto"]
    assert len(res.links) == 500 and len(auto) > 350
    assert sum(lk.product_id == truth[lk.offer_id] for lk in auto) >= 0.99 * len(auto)
