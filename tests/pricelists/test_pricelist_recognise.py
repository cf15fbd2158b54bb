"""Layout recognition: headers by name not position, title blocks, sheets, profiles from config."""

from __future__ import annotations

from pathlib import Path

import pytest
from pl_files import BAD, GOOD, HEADER, csv_bytes, title_block, write_xlsx

from svodka.errors import ConfigError
from svodka.sources.pricelists import UnknownLayout, decode_rows, load_profiles, read_workbook, recognise


def _recognise(path: Path, layouts: dict | None = None, supplier: str | None = None):
    wb = read_workbook(path.read_bytes(), path.name)
    return wb, recognise(wb, load_profiles(layouts), path.name, supplier)


def _meta(wb, rec) -> dict:
    return {"sheets": [s.as_meta() for s in rec.sheets]}


def test_added_and_moved_columns_still_load(tmp_path: Path) -> None:
    # same supplier, later day: price moved to the front, a new «Акция» column, barcode first
    header = ["Штрихкод", "Цена, руб.", "Акция", "Артикул", "Наименование товара", "Бренд", "Остаток", "№"]
    order = [HEADER.index(h) if h in HEADER else None for h in header]
    rows = [[r[i] if i is not None else "-10%" for i in order] for r in GOOD]
    path = write_xlsx(tmp_path / "moved.xlsx", {"Прайс": [header, *rows]})
    wb, rec = _recognise(path)
    assert rec.profile.name == "ru_standard"
    cols = rec.sheets[0].columns
    assert (cols["barcode"], cols["price"], cols["article"], cols["name"], cols["quantity"]) == (
        0,
        1,
        3,
        4,
        6,
    )
    records = decode_rows(wb, _meta(wb, rec))
    assert [r["article"] for r in records] == ["AL-001", "AL-002", "AL-003"]
    assert [r["price_value"] for r in records] == ["1234.50", "990", "349.90"]
    assert records[0]["values"]["Акция"] == "-10%" and records[0]["barcode"] == "4600000000017"


def test_the_header_is_found_below_a_title_block(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {"Прайс": [*title_block(), HEADER, *GOOD]})
    wb, rec = _recognise(path)
    assert rec.sheets[0].header_row == 4
    records = decode_rows(wb, _meta(wb, rec))
    assert [r["row"] for r in records] == [5, 6, 7]


def test_every_data_sheet_is_read_and_other_sheets_are_not(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx",
        {
            "Инструкция": [["Как заказать"], ["Звоните менеджеру"]],
            "Косметика": [HEADER, *GOOD[:2]],
            "Бытовая химия": [*title_block(), HEADER, GOOD[2]],
        },
    )
    wb, rec = _recognise(path)
    assert [s.name for s in rec.sheets] == ["Косметика", "Бытовая химия"]
    records = decode_rows(wb, _meta(wb, rec))
    assert [(r["sheet"], r["row"], r["article"]) for r in records] == [
        ("Косметика", 2, "AL-001"),
        ("Косметика", 3, "AL-002"),
        ("Бытовая химия", 5, "AL-003"),
    ]


def test_bad_rows_are_rejected_with_their_reason(tmp_path: Path) -> None:
    rows = [HEADER, GOOD[0], *[r for r, _ in BAD], GOOD[1]]
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows, ";", "cp1251"))
    wb, rec = _recognise(path)
    records = decode_rows(wb, _meta(wb, rec))
    assert len(records) == 7
    assert [(r["row"], r["reason"]) for r in records if r["rejected"]] == [
        (i + 3, reason) for i, (_, reason) in enumerate(BAD)
    ]
    ok = [r for r in records if not r["rejected"]]
    assert [r["article"] for r in ok] == ["AL-001", "AL-002"] and ok[1]["quantity_value"] == "0"


def test_an_unknown_layout_names_the_headers_it_saw(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "u.xlsx",
        {"Лист1": [["Прайс"], ["Позиция", "Стоимость", "Склад"], ["Крем", 100, "Москва"]]},
    )
    with pytest.raises(UnknownLayout) as e:
        _recognise(path)
    text = str(e.value)
    assert "«Позиция», «Стоимость», «Склад»" in text and "row 2" in text and "NOT loaded" in text
    assert "[pricelists.layouts." in text


def test_a_workspace_profile_teaches_a_new_layout_in_a_few_lines(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "u.xlsx", {"Лист1": [["Позиция", "Код поставщика", "Стоимость"], ["Крем", "K-1", "100"]]}
    )
    layouts = {
        "gamma": {
            "extends": "ru_standard",
            "supplier": "Гамма",
            "match": ["код поставщика"],
            "article": ["Код поставщика"],
            "price": ["Стоимость"],
            "name": ["Позиция"],
        }
    }
    wb, rec = _recognise(path, layouts)
    assert (rec.profile.name, rec.supplier, rec.profile.origin) == ("gamma", "Гамма", "svodka.toml")
    [r] = decode_rows(wb, _meta(wb, rec))
    assert (r["article"], r["name"], r["price_value"]) == ("K-1", "Крем", "100")


def test_a_supplier_profile_needs_its_supplier_identified(tmp_path: Path) -> None:
    layouts = {"alfa": {"extends": "ru_standard", "supplier": "Альфа-Трейд", "price": ["Цена, руб."]}}
    # the title block names the supplier: its profile wins over the generic one
    titled = write_xlsx(tmp_path / "a.xlsx", {"Прайс": [*title_block(), HEADER, *GOOD]})
    assert _recognise(titled, layouts)[1].supplier == "Альфа-Трейд"
    # another supplier's file with the same headers is not taken for Альфа-Трейд's
    plain = write_xlsx(tmp_path / "b.xlsx", {"Прайс": [["ООО «Бета»"], HEADER, *GOOD]})
    assert _recognise(plain, layouts)[1].profile.name == "ru_standard"
    # ... and the user's --supplier rules a profile fixed to another supplier out
    assert _recognise(titled, layouts, supplier="Бета")[1].profile.name == "ru_standard"


def test_sheet_patterns_and_the_1c_layout(tmp_path: Path) -> None:
    onec = ["Номенклатура", "Артикул", "Ед.", "Цена", "Остаток"]
    path = write_xlsx(
        tmp_path / "1c.xlsx",
        {"TDSheet": [["Прайс-лист"], onec, ["Крем 50 мл", "AL-001", "шт", "1 234,50", "5"]]},
    )
    wb, rec = _recognise(path)
    assert rec.profile.name == "onec_price_list"
    [r] = decode_rows(wb, _meta(wb, rec))
    assert (r["name"], r["unit"], r["quantity_value"]) == ("Крем 50 мл", "шт", "5")
    only_price_sheets = {"pr": {"extends": "ru_standard", "sheet": "re:^прайс", "priority": 5}}
    assert _recognise(path, only_price_sheets)[1].profile.name == "onec_price_list"


@pytest.mark.parametrize(
    ("layouts", "message"),
    [
        ({"x": {"article": ["Арт"], "colour": ["Цвет"]}}, "unknown keys"),
        ({"x": {"article": ["Арт"]}}, "required fields"),
        ({"x": {"extends": "nope", "article": ["Арт"], "price": ["Ц"]}}, "unknown profile"),
        ({"x": {"extends": "y"}, "y": {"extends": "x"}}, "circle"),
        ({"x": {"article": "Арт", "price": [3]}}, "list of header names"),
        ({"x": {"article": ["Арт"], "price": ["re:(("]}}, "regular expression"),
    ],
)
def test_a_bad_workspace_profile_names_what_is_wrong(layouts: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_profiles(layouts)
