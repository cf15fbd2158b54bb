"""The generated matching corpus: deterministic, valid barcodes, labelled noise and traps.

The tests hold every label against a small reference normaliser written here from the issue's
words (case, look-alike letters, units and their spellings, punctuation, word order): what the
corpus calls `exact_name` must normalise to the catalogue name, `tokens` to the same words in
another order, and `fuzzy` to something else.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from svodka.sandbox.matching import LABELS, CorpusSpec, MatchingCorpus

SPEC = CorpusSpec(seed=11, products=4_000, offers=12_000)

_LOOK = str.maketrans("авекмнорстухё", "abekmhopctyxе")  # after lower(): Cyrillic look-alikes → Latin
_UNITS_RAW = {
    "мл": ("ml", 1), "ml": ("ml", 1), "л": ("ml", 1000), "l": ("ml", 1000),
    "г": ("g", 1), "гр": ("g", 1), "g": ("g", 1), "кг": ("g", 1000), "kg": ("g", 1000),
    "шт": ("pcs", 1), "pcs": ("pcs", 1), "штук": ("pcs", 1),
    "м": ("cm", 100), "m": ("cm", 100), "см": ("cm", 1), "мм": ("mm", 1), "mm": ("mm", 1),
    "w": ("w", 1), "вт": ("w", 1), "mah": ("mah", 1), "мач": ("mah", 1),
    "gb": ("gb", 1), "гб": ("gb", 1), "tb": ("tb", 1), "тб": ("tb", 1),
}  # fmt: skip
_UNITS = {k.translate(_LOOK): v for k, v in _UNITS_RAW.items()}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")


def norm(name: str) -> tuple[str, ...]:
    """Reference normal form: lower case, «ё» = «е», look-alikes folded, runs of letters and of
    digits, punctuation dropped, quantities converted to one unit per dimension."""
    toks = _TOKEN.findall(name.lower().replace("ё", "е").translate(_LOOK))
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t[0].isdigit():
            t = t.replace(",", ".")
            if i + 1 < len(toks) and toks[i + 1] in _UNITS:
                unit, f = _UNITS[toks[i + 1]]
                out += [f"{float(t) * f:g}", unit]
                i += 2
                continue
        out.append(t)
        i += 1
    return tuple(out)


def ean_ok(code: str) -> bool:
    """A 13-digit code whose check digit fits."""
    if not re.fullmatch(r"\d{13}", code):
        return False
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code[:12]))
    return (10 - s % 10) % 10 == int(code[12])


def norm_article(a: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", a.upper().translate(str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")))


@pytest.fixture(scope="module")
def corpus() -> MatchingCorpus:
    return MatchingCorpus.generate(SPEC)


@pytest.fixture(scope="module")
def names(corpus: MatchingCorpus) -> dict[str, str]:
    return dict(zip(corpus.catalog["product_id"], corpus.catalog["name"], strict=True))


def rows_with(corpus: MatchingCorpus, label: str) -> list[tuple[dict, dict]]:
    t, o = corpus.truth, corpus.offers
    return [(o.row(i), t.row(i)) for i, lab in enumerate(t["label"]) if lab == label]


def test_same_spec_same_corpus_other_seed_other_corpus(corpus: MatchingCorpus) -> None:
    again = MatchingCorpus.generate(SPEC)
    for a, b in ((corpus.catalog, again.catalog), (corpus.offers, again.offers), (corpus.truth, again.truth)):
        assert a.columns == b.columns
    other = MatchingCorpus.generate(CorpusSpec(seed=12, products=4_000, offers=12_000))
    assert other.catalog["name"] != corpus.catalog["name"]


def test_catalogue_rows_are_unique_with_valid_barcodes_and_some_missing(corpus: MatchingCorpus) -> None:
    cat = corpus.catalog
    assert len(cat) == corpus.spec.products == len(set(cat["product_id"]))
    assert cat.names == ["product_id", "name", "brand", "barcode", "article", "category"]
    assert len({norm(n) for n in cat["name"]}) == len(cat), "two catalogue names normalise alike"
    codes = [b for b in cat["barcode"] if b]
    assert all(ean_ok(b) for b in codes) and len(set(codes)) == len(codes)
    assert 0.02 < 1 - len(codes) / len(cat) < 0.1
    arts = [a for a in cat["article"] if a]
    assert len({norm_article(a) for a in arts}) == len(arts)
    assert 0.02 < 1 - len(arts) / len(cat) < 0.1
    assert set(cat["category"]) == {
        "Косметика",
        "Бытовая химия",
        "Электроника",
        "Аксессуары",
        "Одежда",
        "Обувь",
    }


def test_truth_is_consistent(corpus: MatchingCorpus) -> None:
    t, ids = corpus.truth, set(corpus.catalog["product_id"])
    n = corpus.spec.offers
    assert t["offer_id"] == corpus.offers["offer_id"] and len(t) == n
    share = Counter(t["label"])
    assert set(share) == set(LABELS)
    assert 0.08 < share["none"] / n < 0.12 and 0.02 < share["ambiguous"] / n < 0.04
    for lab, pid, exp in zip(t["label"], t["product_id"], t["expected"], strict=True):
        if lab == "none":
            assert pid is None and exp == "none"
        else:
            assert pid in ids and exp == ("review" if lab == "ambiguous" else "link")


def test_barcodes_settle_only_what_they_should(corpus: MatchingCorpus) -> None:
    cat_bc = dict(zip(corpus.catalog["product_id"], corpus.catalog["barcode"], strict=True))
    known = set(cat_bc.values()) - {""}
    broken = 0
    for o, t in zip(corpus.offers.rows(), corpus.truth.rows(), strict=True):
        bc, lab, pid = o[3], t[2], t[1]
        if lab == "barcode":
            assert bc == cat_bc[pid] and ean_ok(bc)
        elif lab == "none":
            assert bc not in known
        elif bc:  # a retyped barcode whose check digit fails: it must not settle anything
            assert not ean_ok(bc)
            broken += 1
    assert broken > 100


def test_articles_settle_article_offers_and_nothing_else(corpus: MatchingCorpus) -> None:
    by_norm = {
        norm_article(a): p
        for p, a in zip(corpus.catalog["product_id"], corpus.catalog["article"], strict=True)
        if a
    }
    retyped = 0
    for o, t in zip(corpus.offers.rows(), corpus.truth.rows(), strict=True):
        art, lab, pid = o[4], t[2], t[1]
        hit = by_norm.get(norm_article(art)) if art else None
        if lab == "article":
            assert hit == pid
            retyped += art != corpus.catalog["article"][int(pid[1:]) - 1]
        else:
            assert hit in (None, pid), f"offer {o[0]}: article {art!r} names another product"
    assert retyped > 50


def test_exact_and_token_names_normalise_to_the_catalogue(corpus: MatchingCorpus, names: dict) -> None:
    for o, t in rows_with(corpus, "exact_name"):
        assert norm(o["name"]) == norm(names[t["product_id"]]), (o["name"], names[t["product_id"]])
    for o, t in rows_with(corpus, "tokens"):
        a, b = norm(o["name"]), norm(names[t["product_id"]])
        assert a != b and sorted(a) == sorted(b), (o["name"], names[t["product_id"]])


def test_fuzzy_names_need_more_than_normalisation(corpus: MatchingCorpus, names: dict) -> None:
    fuzzy = rows_with(corpus, "fuzzy")
    assert len(fuzzy) > 2000
    for o, t in fuzzy:
        assert sorted(norm(o["name"])) != sorted(norm(names[t["product_id"]])), o["name"]


def test_noise_of_every_kind_is_present(corpus: MatchingCorpus) -> None:
    text = corpus.offers["name"]
    mixed = re.compile(r"(?=\w*[А-Яа-я])(?=\w*[A-Za-z])\w+")  # a word mixing scripts
    found = {
        "look-alike letters": sum(bool(mixed.search(n)) for n in text),
        "upper case": sum(n.isupper() for n in text),
        "abbreviations": sum(("д/" in n) or ("р-р" in n) or ("жен." in n) for n in text),
        "unit spellings": sum(bool(re.search(r"\d ?(ml|ML|Гб|ГБ|Вт|мАч)\b", n)) for n in text),
        "unit conversions": sum(bool(re.search(r"\b\d{4} ?мл|\b0[.,]\d+ ?л\b", n)) for n in text),
        "punctuation": sum((", " in n) or (" / " in n) for n in text),
        "supplier words": sum(bool(re.search(r"НОВИНКА|\(акция\)|\[в наличии\]|\bопт\b", n)) for n in text),
    }
    known = {w for n in corpus.catalog["name"] for w in norm(n)}
    fuzzy = [o["name"] for o, _ in rows_with(corpus, "fuzzy")]
    found["typos"] = sum(any(len(w) >= 5 and w not in known for w in norm(n)) for n in fuzzy)
    assert all(v > 20 for v in found.values()), found


def test_near_duplicates_are_present_and_labelled(corpus: MatchingCorpus, names: dict) -> None:
    cat_names = corpus.catalog["name"]
    assert any("NVMe M.2" in n for n in cat_names) and any("SATA III" in n for n in cat_names)
    fam = dict(zip(corpus.catalog_truth["product_id"], corpus.catalog_truth["family"], strict=True))
    var = dict(zip(corpus.catalog_truth["product_id"], corpus.catalog_truth["variant"], strict=True))
    by_family = Counter(corpus.catalog_truth["family"])
    assert sum(1 for c in by_family.values() if c > 1) > 300  # families with catalogued siblings
    traps = [(o, t) for o, t in rows_with(corpus, "none") if t["near_duplicate"]]
    assert len(traps) > 200
    kinds = Counter()
    for _, t in traps:  # the same line, another volume / capacity / size / colour / interface
        near = t["near_duplicate"]
        assert fam[near] == t["family"] and var[near] != t["variant"]
        a, b = t["variant"].split(" / "), var[near].split(" / ")
        assert sum(x != y for x, y in zip(a, b, strict=True)) == 1
        kinds.update(x + "≠" + y for x, y in zip(a, b, strict=True) if x != y)
    assert kinds["SATA III≠NVMe M.2"] + kinds["NVMe M.2≠SATA III"] > 0
    assert any(re.fullmatch(r"\d+ мл≠\d+ мл", k) for k in kinds)


def test_ambiguous_offers_lack_the_deciding_value(corpus: MatchingCorpus, names: dict) -> None:
    amb = rows_with(corpus, "ambiguous")
    var = dict(zip(corpus.catalog_truth["product_id"], corpus.catalog_truth["variant"], strict=True))
    assert len(amb) > 200
    for o, t in amb:
        near = t["near_duplicate"]
        assert near and near != t["product_id"]
        assert not (o["barcode"] and ean_ok(o["barcode"]))  # no valid barcode, no catalogue article
        assert o["article"] == "" or o["article"].isdigit()
        mine, theirs = t["variant"].split(" / "), var[near].split(" / ")
        (value,) = [x for x, y in zip(mine, theirs, strict=True) if x != y]
        (other,) = [y for x, y in zip(mine, theirs, strict=True) if x != y]
        # the name is the true product's without its deciding value, and the sibling's without its own
        got = Counter(norm(o["name"]))
        assert got == Counter(norm(names[t["product_id"]])) - Counter(norm(value)), (o["name"], value)
        assert got == Counter(norm(names[near])) - Counter(norm(other)), (o["name"], other)
