"""The cascade on hand-made cases: every method, the traps, ambiguity, manual links, increments."""

from __future__ import annotations

import pytest

from svodka.identity import Catalog, Item, Link, Matcher

PRODUCTS = [
    Item(
        "ssd-980-1tb",
        "SSD накопитель Samsung 980 PRO 1TB NVMe M.2",
        "8806090572210",
        "MZ-V8P1T0BW",
        "Samsung",
    ),
    Item("ssd-980-2tb", "SSD накопитель Samsung 980 PRO 2TB NVMe M.2", "", "MZ-V8P2T0BW", "Samsung"),
    Item("ssd-a2000", "SSD накопитель Kingston A2000 500GB NVMe M.2", "", "SA2000M8/500G", "Kingston"),
    Item("ssd-a400-sata", "SSD накопитель Kingston A400 480GB SATA III", "", "", "Kingston"),
    Item(
        "cream-50", "Крем для лица Natura Lab Aqua Vita Q10 увлажняющий 50 мл", "4601234567893", "KR-001", ""
    ),
    Item("cream-100", "Крем для лица Natura Lab Aqua Vita Q10 увлажняющий 100 мл", "", "KR-002", ""),
    Item("tee-black", "Футболка женская UrbanLine Core Fit M1010 оверсайз черная", "", "", "UrbanLine"),
    Item("tee-white", "Футболка женская UrbanLine Core Fit M1010 оверсайз белая", "", "", "UrbanLine"),
    Item("gel-1l", "Гель для стирки EcoWash Polar X12 концентрат 1 л", "", "HH-77", "EcoWash"),
    Item("case-15pro", "Чехол для смартфона Baseus Onyx C-123 iPhone 15 Pro черный", "", "", "Baseus"),
    Item("case-15promax", "Чехол для смартфона Baseus Onyx C-123 iPhone 15 Pro Max черный", "", "", "Baseus"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog.build(PRODUCTS))


def one(m: Matcher, offer: Item, **kw) -> Link:
    (link,) = m.match([offer], **kw)
    return link


def test_barcode_with_a_valid_check_digit_links_whatever_the_name(matcher: Matcher) -> None:
    link = one(matcher, Item("o1", "что-то совсем другое", "8806090572210"))
    assert (link.product_id, link.method, link.status, link.confidence) == (
        "ssd-980-1tb",
        "barcode",
        "auto",
        1.0,
    )
    assert one(matcher, Item("o1", "x", "08806090572210")).product_id == "ssd-980-1tb"  # GTIN-14 form


def test_a_barcode_with_a_wrong_check_digit_is_ignored(matcher: Matcher) -> None:
    # the same digits with the last one wrong: not evidence; the name decides instead
    link = one(matcher, Item("o2", "Гель для стирки EcoWash Polar X12 концентрат 1 л", "8806090572211"))
    assert (link.product_id, link.method) == ("gel-1l", "exact_name")


def test_normalised_vendor_code(matcher: Matcher) -> None:
    link = one(matcher, Item("o3", "Samsung SSD 2 ТБ", article="mz v8p2t0bw"))
    assert (link.product_id, link.method, link.status) == ("ssd-980-2tb", "article", "auto")


def test_an_article_whose_name_contradicts_is_not_trusted(matcher: Matcher) -> None:
    # the supplier's own article collides with the 50 ml cream's vendor code, the name says 100 ml
    link = one(
        matcher, Item("o4", "Крем для лица Natura Lab Aqua Vita Q10 увлажняющий 100 мл", article="KR-001")
    )
    assert (link.product_id, link.method) == ("cream-100", "exact_name")


def test_exact_normalised_name_despite_case_lookalikes_units_and_punctuation(matcher: Matcher) -> None:
    # Latin «K» and «e» in «Крем», «мл» spelled «ML», quotes and a comma
    link = one(matcher, Item("o5", "KРEM для лица «Natura Lab» Aqua Vita Q10, увлажняющий 50 ML"))
    assert (link.product_id, link.method, link.status) == ("cream-50", "exact_name", "auto")


def test_same_tokens_in_another_order(matcher: Matcher) -> None:
    link = one(matcher, Item("o6", "EcoWash Polar X12 гель для стирки 1000 мл концентрат"))
    assert (link.product_id, link.method, link.status) == ("gel-1l", "tokens", "auto")


def test_fuzzy_with_typo_abbreviation_and_missing_word(matcher: Matcher) -> None:
    link = one(matcher, Item("o7", "Крем д/лица Natura Lab Aqua Vita Q10 увлажн. 50мл"))
    assert (link.product_id, link.method, link.status) == ("cream-50", "fuzzy", "auto")
    link = one(matcher, Item("o8", "Гель для стирки EcoWsah Polar X12 концентарт 1л"))  # two typos
    assert (link.product_id, link.method, link.status) == ("gel-1l", "fuzzy", "auto")
    assert 0.9 <= link.confidence <= 1.0


def test_nvme_is_never_sata(matcher: Matcher) -> None:
    link = one(matcher, Item("o9", "SSD накопитель Kingston A2000 500GB SATA M.2"))
    assert link.product_id is None and link.status == "none"
    link = one(matcher, Item("o9", "SSD накопитель Kingston A400 480GB NVMe"))
    assert link.status == "none"


def test_50_ml_is_never_100_ml(matcher: Matcher) -> None:
    link = one(matcher, Item("o10", "Крем для лица Natura Lab Aqua Vita Q10 увлажн. 75 мл"))
    assert link.status == "none"
    link = one(matcher, Item("o10", "Крем д/лица Natura Lab Aqua Vita Q10 увлажн. 0,1 л"))
    assert (link.product_id, link.status) == ("cream-100", "auto")


def test_1tb_is_never_2tb_and_a_model_is_never_another(matcher: Matcher) -> None:
    link = one(matcher, Item("o11", "Samsung 980 PRO SSD накопитель 4TB NVMe M.2"))
    assert link.status == "none"
    link = one(matcher, Item("o11", "SSD накопитель Samsung 970 PRO 1TB NVMe M.2"))
    assert link.status == "none"
    link = one(matcher, Item("o11", "Samsung 980 PRO SSD накопитель 1 ТБ NVMe"))
    assert (link.product_id, link.status) == ("ssd-980-1tb", "auto")


def test_a_colour_the_offer_does_not_state_goes_to_review(matcher: Matcher) -> None:
    link = one(matcher, Item("o12", "Футболка жен. UrbanLine Core Fit M1010 оверсайз"))
    assert link.status == "review" and link.method == "fuzzy"
    assert set(link.candidates) == {"tee-black", "tee-white"}
    link = one(matcher, Item("o12", "Футболка жен. UrbanLine Core Fit M1010 оверсайз черн."))
    assert (link.product_id, link.status) == ("tee-black", "auto")


def test_an_unstated_extra_word_is_not_ambiguity(matcher: Matcher) -> None:
    link = one(matcher, Item("o13", "Чехол д/смартфона Baseus Onyx C 123 iPhone 15 Pro черный"))
    assert (link.product_id, link.status) == ("case-15pro", "auto")


def test_a_brand_column_that_contradicts_is_not_a_match(matcher: Matcher) -> None:
    link = one(matcher, Item("o14", "Гель для стирки Polar X12 концентрат 1 л", brand="Чистодом"))
    assert link.status == "none"
    link = one(matcher, Item("o14", "Гель для стирки Polar X12 концентрат 1 л", brand="EcoWash"))
    assert (link.product_id, link.status) == ("gel-1l", "auto")


def test_duplicate_keys_in_the_catalogue_go_to_review() -> None:
    m = Matcher(
        Catalog.build([Item("a", "Крем 50 мл", "4601234567893"), Item("b", "Крем 50 мл", "4601234567893")])
    )
    link = one(m, Item("o", "x", "4601234567893"))
    assert (link.method, link.status, set(link.candidates)) == ("barcode", "review", {"a", "b"})


def test_nothing_close_is_none(matcher: Matcher) -> None:
    link = one(matcher, Item("o15", "Велосипед горный Stels Navigator 26"))
    assert (link.product_id, link.method, link.status) == (None, "none", "none")


def test_manual_link_and_unlink_always_win(matcher: Matcher) -> None:
    offers = [
        Item("o1", "x", "8806090572210"),
        Item("o2", "Гель для стирки EcoWash Polar X12 концентрат 1 л"),
    ]
    links = matcher.match(offers, manual={"o1": "cream-100", "o2": None})
    assert [(lk.product_id, lk.method, lk.status) for lk in links] == [
        ("cream-100", "manual", "auto"),
        (None, "manual", "none"),
    ]
    # and they stick on the next run, with the previous links passed as known
    again = matcher.match(
        offers, manual={"o1": "cream-100", "o2": None}, known={lk.offer_id: lk for lk in links}
    )
    assert again == links


def test_known_links_are_not_matched_again_but_a_changed_offer_is(matcher: Matcher) -> None:
    offers = [Item("o1", "Крем д/лица Natura Lab Aqua Vita Q10 50 мл"), Item("o2", "x", "8806090572210")]
    first = matcher.match(offers)
    assert [lk.product_id for lk in first] == ["cream-50", "ssd-980-1tb"]
    # a stored link for o1 pointing elsewhere proves it is reused, not recomputed
    stored = {"o1": Link("o1", "gel-1l", "fuzzy", 0.95, "auto", first[0].fingerprint), "o2": first[1]}
    again = matcher.match(offers, known=stored)
    assert again[0].product_id == "gel-1l" and again[1] == first[1]
    assert matcher.stats[0].settled == 2 and all(s.rows == 0 for s in matcher.stats[1:])
    changed = [Item("o1", "Крем д/лица Natura Lab Aqua Vita Q10 100 мл"), offers[1]]
    relinked = matcher.match(changed, known=stored)
    assert relinked[0].product_id == "cream-100" and relinked[1] == first[1]


def test_explain_names_the_method_the_agreeing_tokens_and_the_score(matcher: Matcher) -> None:
    text = matcher.explain(Item("o", "Крем д/лица Natura Lab Aqua Vita Q10 увлажн. 50мл"))
    assert "fuzzy" in text and "cream-50" in text and "q10" in text and "50ml" in text
    assert "refused — ml: 50 ≠ 100" in text  # the sibling and why it lost
    text = matcher.explain(Item("o", "x", "8806090572210"))
    assert "barcode 8806090572210" in text and "ssd-980-1tb" in text
    text = matcher.explain(Item("o", "Футболка жен. UrbanLine Core Fit M1010 оверсайз"))
    assert "ambiguous" in text and "review" in text
    assert "manual" in matcher.explain(Item("o", "x"), manual={"o": None})
