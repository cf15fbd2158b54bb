"""GTIN check digits and the canonical form barcodes are compared in."""

from __future__ import annotations

import pytest

from svodka.identity.barcode import check_digit, is_valid_gtin, normalize_gtin


@pytest.mark.parametrize(
    "code",
    [
        "4006381333931",  # EAN-13
        "73513537",  # EAN-8
        "036000291452",  # UPC-A
        "10012345678902",  # GTIN-14
        "4601234567893",
    ],
)
def test_valid_codes_of_every_length(code: str) -> None:
    assert is_valid_gtin(code)


@pytest.mark.parametrize(
    "code",
    [
        "4006381333932",
        "73513536",
        "036000291453",
        "10012345678903",
        "0000000000000",
        "12345",
        "40063813339a1",
    ],
)
def test_a_wrong_check_digit_length_or_character_is_refused(code: str) -> None:
    assert not is_valid_gtin(code)
    assert normalize_gtin(code) is None


def test_check_digit_is_the_gs1_one() -> None:
    assert check_digit("400638133393") == 1
    assert check_digit("3600029145") == check_digit("003600029145")  # leading zeros change nothing


def test_normalisation_pads_to_13_and_strips_spreadsheet_artefacts() -> None:
    assert normalize_gtin("036000291452") == "0036000291452"
    assert normalize_gtin("73513537") == "0000073513537"
    assert normalize_gtin(" 4006381333931 ") == "4006381333931"
    assert normalize_gtin("4006381333931.0") == "4006381333931"
    assert normalize_gtin("04006381333931") == "4006381333931"  # GTIN-14 with indicator 0 is the EAN-13
    assert normalize_gtin("0004006381333931") == "4006381333931"  # over-padded export
    assert normalize_gtin("10012345678902") == "10012345678902"
    assert normalize_gtin("") is None and normalize_gtin(None) is None
