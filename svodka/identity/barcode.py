"""GTIN barcodes: check-digit validation and one canonical form.

A barcode only links two items when its check digit is right: a mistyped or made-up
code (suppliers fill the column with their own numbers) must fall through to the next
method instead of linking two unrelated goods. Codes are compared as GTIN-13 when they
fit in 13 digits (EAN-8 and UPC-A are padded with leading zeros, as GS1 defines), as
GTIN-14 otherwise.
"""

from __future__ import annotations

_DIGITS = frozenset("0123456789")
_VALID_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 check digit of `body` (all digits of the code except the last)."""
    total = 0
    # weights 3,1,3,… from the rightmost digit of the body
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        total += d * 3 if i % 2 == 0 else d
    return (10 - total % 10) % 10


def clean(raw: object) -> str:
    """The digits of a barcode cell: strips spaces, a trailing `.0` from spreadsheets, quotes."""
    if raw is None:
        return ""
    s = str(raw).strip().strip("'\"")
    if s.endswith(".0"):  # a number cell read back as float text: 4601234567890.0
        s = s[:-2]
    return s.replace(" ", "").replace("-", "")


def is_valid_gtin(code: str) -> bool:
    """True for an EAN-8, UPC-A (12), EAN-13 or GTIN-14 with a correct check digit."""
    if len(code) not in _VALID_LENGTHS or not _DIGITS.issuperset(code):
        return False
    if code.strip("0") == "":  # all zeros passes the arithmetic but is no product
        return False
    return check_digit(code[:-1]) == ord(code[-1]) - 48


def normalize_gtin(raw: object) -> str | None:
    """The canonical GTIN (13 digits, or 14 for a GTIN-14 with a non-zero indicator), or None.

    None means: empty, not digits, wrong length or wrong check digit — the barcode is not
    evidence and the caller moves on to the article and the name.
    """
    code = clean(raw)
    if not code:
        return None
    if len(code) > 14 and code.lstrip("0") and len(code.lstrip("0")) <= 14:
        code = code.lstrip("0").zfill(14)  # over-padded export: 0004601234567890
    if not is_valid_gtin(code):
        return None
    if len(code) == 14 and code[0] == "0":
        return code[1:]
    return code.zfill(13) if len(code) < 13 else code
