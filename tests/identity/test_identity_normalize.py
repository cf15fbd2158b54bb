"""Names brought to one form: case, look-alike letters, units, abbreviations, order."""

from __future__ import annotations

from svodka.identity.attributes import attribute_values
from svodka.identity.normalize import bag_key, codes, fold, normalize_article, quantities, tokens


def test_case_punctuation_and_order_do_not_matter_for_the_bag() -> None:
    a = tokens("SSD Samsung 980 PRO 1TB NVMe M.2")
    b = tokens("samsung, ssd (980 pro) nvme M.2 — 1 TB")
    assert bag_key(a) == bag_key(b)
    assert a != b  # but the exact name keeps the order


def test_lookalike_letters_fold_inside_mixed_tokens_and_russian_words_stay_russian() -> None:
    assert tokens("SАMSUNG") == ("samsung",)  # Cyrillic А
    assert tokens("Kрем") == ("крем",)  # Latin K in a Russian word
    assert tokens("Крем") == ("крем",)
    assert fold("сок") == "сок"  # a Russian word of look-alike letters only is left alone
    assert tokens("А2000") == ("a2000",)  # a code with a Cyrillic А is the Latin model
    assert tokens("Type-С") == ("type", "c")  # Cyrillic С after a hyphen


def test_units_and_their_spellings_become_one_quantity() -> None:
    assert tokens("50 мл") == tokens("50ml") == tokens("50 ML") == ("50ml",)
    assert tokens("1 л") == tokens("1000 мл") == tokens("1L") == ("1000ml",)
    assert tokens("1,5 л") == ("1500ml",)
    assert tokens("1TB") == tokens("1 ТБ") == tokens("1000 GB") == ("1000gb",)
    assert tokens("400 гр") == tokens("400 г") == tokens("0,4 кг") == ("400g",)
    assert tokens("15 шт") == ("15pcs",)
    assert tokens("Кабель 1 м") == ("кабель", "1000mm")
    assert quantities(tokens("Крем 50 мл, 2 шт")) == {"ml": frozenset({"50"}), "pcs": frozenset({"2"})}


def test_filler_words_and_abbreviations() -> None:
    assert tokens("Гель д/стирки 1 л, 1 шт. НОВИНКА [в наличии]") == ("гель", "для", "стирки", "1000ml")
    assert tokens("SSD нак-ль") == ("ssd", "накопитель")
    assert tokens("Футболка р-р М") == ("футболка", "m")  # Cyrillic М after «р-р» is the size


def test_codes_are_tokens_with_digits_and_letter_sizes() -> None:
    toks = tokens("Чехол Baseus C-123 iPhone 15 Pro черный р. XL 50 мл")
    assert codes(toks) == {"c123", "15", "xl"}
    assert tokens("Galaxy A 54") == ("galaxy", "a54")  # a code written apart is glued
    assert tokens("Помада тон 01") == tokens("помада тон 1")
    assert tokens("Смартфон 8/256GB") == tokens("смартфон 8/256 гб") == ("смартфон", "8/256gb")


def test_attribute_words_in_any_form() -> None:
    assert attribute_values(tokens("Футболка черная")) == {"colour": frozenset({"black"})}
    assert attribute_values(tokens("черн. жен.")) == {
        "colour": frozenset({"black"}),
        "audience": frozenset({"women"}),
    }
    assert attribute_values(tokens("SSD NVMe")) == {"interface": frozenset({"nvme"})}


def test_articles_compare_as_letters_and_digits() -> None:
    assert normalize_article("АВ-123/45") == normalize_article("ab 123.45") == normalize_article("AB12345")
    assert normalize_article("12345.0") == "12345"
    assert normalize_article(None) == ""


def test_price_list_punctuation_does_not_glue_or_split_the_wrong_things() -> None:
    # a size followed by a comma, a slash between parts, a Latin «c» as the preposition «с»
    assert tokens("Платье, р.46, Ласка") == ("платье", "46", "ласка")
    assert tokens("ПЛАТЬЕ, P. 48, [В НАЛИЧИИ]") == ("платье", "48")
    assert tokens("A-59 / 128GB / USB 3.2") == ("a59", "128gb", "usb", "3.2")
    assert tokens("Умные часы c GPS") == tokens("Умные часы с GPS") == ("умные", "часы", "gps")
    assert tokens("Кабель USB Type-C 2 м") == ("кабель", "usb", "type", "c", "2000mm")
    assert tokens("0.45л") == tokens("450 мл") and tokens("1,5КГ") == ("1500g",)
    assert tokens("SATA III") == tokens("SATA3") == tokens("sata-3") == ("sata", "3")
    assert tokens("USB3.2") == tokens("USB-3.2") == ("usb", "3.2")
