"""`svodka match files` as a user runs it (a real subprocess, no workspace)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

SVODKA = str(Path(sys.executable).with_name("svodka"))


def run(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [SVODKA, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
    )
    assert (p.returncode == 0) == ok, p.stdout + p.stderr
    return p


def test_match_files_writes_links_and_prints_a_summary(tmp_path: Path) -> None:
    with (tmp_path / "cat.csv").open("w", encoding="cp1251", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Код", "Название", "EAN"])
        w.writerow(["P1", "Крем для лица Natura Lab Aqua Vita Q10 50 мл", "4601234567893"])
        w.writerow(["P2", "Крем для лица Natura Lab Aqua Vita Q10 100 мл", ""])
    with (tmp_path / "offers.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "ean"])
        w.writerow(["a", "крем д/лица Natrua Lab Aqua Vita Q10 0,1 л", ""])
        w.writerow(["b", "x", "4601234567893"])
        w.writerow(["c", "Крем для лица Natura Lab Aqua Vita Q10 75 мл", ""])
    p = run(
        "match",
        "files",
        "--catalog",
        "cat.csv",
        "--offers",
        "offers.csv",
        "--out",
        "links.csv",
        "--catalog-columns",
        "id=Код,name=Название,barcode=EAN",
        "--offers-columns",
        "name=title,barcode=ean",  # id defaults to the column named id
        cwd=tmp_path,
    )
    assert "3 offers against 2 products" in p.stdout and "auto 2, review 0, none 1" in p.stdout
    assert "barcode" in p.stdout and "fuzzy" in p.stdout
    with (tmp_path / "links.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["offer_id"], r["product_id"], r["status"]) for r in rows] == [
        ("a", "P2", "auto"),
        ("b", "P1", "auto"),
        ("c", "", "none"),
    ]


def test_a_wrong_column_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cat.csv").write_text("sku,title\nP1,Крем\n", encoding="utf-8")
    p = run(
        "match",
        "files",
        "--catalog",
        "cat.csv",
        "--offers",
        "cat.csv",
        "--out",
        "links.csv",
        "--catalog-columns",
        "id=sku,name=name",
        "--offers-columns",
        "id=sku,name=title",
        cwd=tmp_path,
        ok=False,
    )
    assert "cat.csv: no column 'name' for name — the header is: sku, title" in p.stderr
    assert not (tmp_path / "links.csv").exists()
