"""`svodka pricelist load / scan / list` as a user runs them (a real subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pl_files import BAD, GOOD, HEADER, csv_bytes, title_block, write_xlsx

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
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.fixture
def home(tmp_path: Path) -> Path:
    run("init", str(tmp_path / "ws"), cwd=tmp_path)
    return tmp_path / "ws"


def test_load_shows_the_counts_and_reasons_then_skips_the_same_file(home: Path, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "alfa.xlsx", {"Прайс": [*title_block(), HEADER, *GOOD, *[r for r, _ in BAD]]}
    )
    out = run("pricelist", "load", str(path), "--supplier", "Альфа-Трейд", cwd=home).stdout
    assert "alfa.xlsx" in out and "Альфа-Трейд" in out and "ru_standard" in out
    assert "│ 8 " in out and "│ 3 " in out and "│ 5 " in out  # rows in file, loaded, rejected
    for _, reason in BAD:
        assert reason in out
    assert "row 8: no_article" in out
    again = run("pricelist", "load", str(path), "--supplier", "Альфа-Трейд", cwd=home).stdout
    assert "already loaded" in again
    listed = run("pricelist", "list", cwd=home).stdout
    assert listed.count("alfa.xlsx") == 1 and "fresh" in listed
    n = run(
        "sql", "SELECT count() FROM raw.records WHERE stream = 'pricelist_rows'", "--format", "csv", cwd=home
    )
    assert n.stdout.splitlines()[1] == "8"


def test_an_unknown_layout_is_a_visible_warning_and_nothing_is_loaded(home: Path, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "odd.xlsx", {"Лист1": [["Позиция", "Стоимость"], ["Крем", 100]]})
    p = run("pricelist", "load", str(path), "--supplier", "Гамма", cwd=home, ok=False)
    assert "Warning" in p.stderr and "not loaded" in p.stderr
    assert "«Позиция», «Стоимость»" in p.stderr and "[pricelists.layouts." in p.stderr
    assert "odd.xlsx" not in run("pricelist", "list", cwd=home).stdout
    n = run("sql", "SELECT count() FROM raw.records", "--format", "csv", cwd=home)
    assert n.stdout.splitlines()[1] == "0"


def test_a_profile_in_svodka_toml_makes_the_unknown_layout_load(home: Path, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "gamma.xlsx", {"Лист1": [["Позиция", "Код", "Стоимость"], ["Крем", "G-1", 100]]}
    )
    run("pricelist", "load", str(path), cwd=home, ok=False)
    with (home / "svodka.toml").open("a", encoding="utf-8") as f:
        f.write(
            "\n[pricelists.layouts.gamma]\n"
            'supplier = "Гамма"\n'
            'match = ["gamma"]\n'
            'article = ["Код"]\n'
            'name = ["Позиция"]\n'
            'price = ["Стоимость"]\n'
        )
    out = run("pricelist", "load", str(path), cwd=home).stdout
    assert "Гамма" in out and "gamma" in out and "│ 1 " in out


def test_scan_loads_a_drop_folder_and_warns_about_what_it_refused(home: Path) -> None:
    drop = home / "pricelists"  # the default [pricelists] drop_folder
    (drop / "Бета").mkdir(parents=True)
    (drop / "Бета" / "beta.csv").write_bytes(csv_bytes([HEADER, *GOOD], ";", "cp1251"))
    (drop / "Альфа").mkdir()
    (drop / "Альфа" / "alfa.csv").write_bytes(csv_bytes([HEADER, *GOOD[:2]], ",", "utf-8-sig"))
    write_xlsx(drop / "odd.xlsx", {"Лист1": [["Позиция", "Стоимость"], ["Крем", 100]]})
    p = run("pricelist", "scan", cwd=home, ok=False)
    assert "2 loaded, 0 already loaded, 1 refused" in p.stdout
    assert "odd.xlsx was not loaded" in p.stderr
    (drop / "odd.xlsx").unlink()
    p = run("pricelist", "scan", str(drop), cwd=home)
    assert "0 loaded, 2 already loaded, 0 refused" in p.stdout
    listed = run("pricelist", "list", cwd=home).stdout
    assert "beta.csv" in listed and "alfa.csv" in listed and "Бета" in listed and "Альфа" in listed
