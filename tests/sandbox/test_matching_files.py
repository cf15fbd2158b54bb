"""The corpus's daily reload, its CSV / .xlsx writers, and the full-scale generation time."""

from __future__ import annotations

import ast
import csv
import time
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from svodka.sandbox.matching import CorpusSpec, MatchingCorpus

SPEC = CorpusSpec(seed=21, products=3_000, offers=10_000)


@pytest.fixture(scope="module")
def corpus() -> MatchingCorpus:
    return MatchingCorpus.generate(SPEC)


def test_daily_reload_changes_a_tenth_and_keeps_the_rest_byte_identical(corpus: MatchingCorpus) -> None:
    day1 = corpus.daily_reload(day=1)
    n = len(corpus.offers)
    changed = day1.truth["changed"]
    assert day1.offers["offer_id"] == corpus.offers["offer_id"]
    assert sum(changed) == round(0.10 * n)
    for i in range(n):
        same = corpus.offers.row(i) == day1.offers.row(i)
        assert same != changed[i], f"row {i}: changed={changed[i]}, content unchanged={same}"
        if not changed[i]:
            assert day1.truth.row(i) == {**corpus.truth.row(i), "changed": False}
    labels = Counter(lab for lab, ch in zip(day1.truth["label"], changed, strict=True) if ch)
    assert labels["fuzzy"] == round(0.02 * n)
    assert set(labels) == {"barcode", "article", "exact_name", "fuzzy"}
    assert labels["barcode"] > labels["article"] > 0 and labels["exact_name"] > 0


def test_daily_reload_is_deterministic_and_builds_on_the_day_before(corpus: MatchingCorpus) -> None:
    day1, day2 = corpus.daily_reload(day=1), corpus.daily_reload(day=2)
    assert day1.offers.columns == corpus.daily_reload(day=1).offers.columns
    assert day2.day == 2 and sum(day2.truth["changed"]) == round(0.10 * len(corpus.offers))
    for i, ch in enumerate(day2.truth["changed"]):
        if not ch:
            assert day2.offers.row(i) == day1.offers.row(i)
    assert corpus.daily_reload(day=0).offers.columns == corpus.offers.columns


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1251"), (",", "utf-8-sig"), (";", "utf-8")])
def test_csv_reads_back_with_the_stated_dialect(
    corpus: MatchingCorpus, tmp_path: Path, delimiter, encoding
) -> None:
    for which in ("catalog", "offers"):
        path = corpus.write_csv(
            tmp_path / f"{which}.csv", which=which, delimiter=delimiter, encoding=encoding
        )
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        with path.open(encoding=encoding, newline="") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        table = getattr(corpus, which)
        assert rows[0] == table.names and len(rows) == len(table) + 1
        names = table["name"]
        assert [r[table.names.index("name")] for r in rows[1:]] == names
        if which == "offers":
            price = rows[1][table.names.index("price")]
            assert ("," in price) == (delimiter == ";")


def test_xlsx_reads_back(tmp_path: Path) -> None:
    small = MatchingCorpus.generate(CorpusSpec(seed=3, products=200, offers=400))
    path = small.write_xlsx(tmp_path / "offers.xlsx", which="offers")
    ws = openpyxl.load_workbook(path, read_only=True)["offers"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == small.offers.names and len(rows) == 401
    for got, want in zip(rows[1:], small.offers.rows(), strict=True):
        assert [x if x is not None else "" for x in got] == list(want)  # barcodes stay text


def test_unknown_table_is_refused(corpus: MatchingCorpus, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        corpus.write_csv(tmp_path / "x.csv", which="products")


def test_full_scale_generation_time() -> None:
    """1,000,000 products and 2,500,000 offers: prints the time (a figure, not an assertion)."""
    t0, c0 = time.perf_counter(), time.process_time()
    big = MatchingCorpus.generate(CorpusSpec(seed=1, products=1_000_000, offers=2_500_000))
    t1, c1 = time.perf_counter(), time.process_time()
    day1 = big.daily_reload(day=1)
    t2, c2 = time.perf_counter(), time.process_time()
    print(f"\nmatching corpus: 1,000,000 products + 2,500,000 offers in {t1 - t0:.1f} s", end=" ")
    print(f"({c1 - c0:.1f} s CPU); daily reload {t2 - t1:.1f} s ({c2 - c1:.1f} s CPU)")
    assert len(big.catalog) == 1_000_000 and len(big.offers) == 2_500_000
    assert len(set(big.catalog["product_id"])) == 1_000_000
    assert sum(day1.truth["changed"]) == 250_000


MATCHING = Path(__file__).resolve().parents[2] / "svodka" / "sandbox" / "matching"


@pytest.mark.parametrize("path", sorted(MATCHING.glob("*.py")), ids=lambda p: p.name)
def test_matching_modules_are_small_and_import_only_the_sandbox(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    for node in ast.walk(ast.parse(text)):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "relative import"
            names = [node.module]
        assert not [n for n in names if n.startswith("svodka") and not n.startswith("svodka.sandbox")]
