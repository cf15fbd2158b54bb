"""CommerceML 2.08 files of the 1C sandbox parse with defusedxml (UTF-8 and windows-1251) and
carry the same nomenclature, prices and stock as the truth."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from sandbox_world import NOW

from svodka.sandbox import World
from svodka.sandbox.clock import MSK

NS = "{urn:1C.ru:commerceml_2}"


def _t(el, path: str) -> str:
    found = el.find("/".join(f"{NS}{p}" for p in path.split("/")))
    assert found is not None, path
    return found.text or ""


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1251"])
def test_files_parse_and_match_the_nomenclature(world: World, tmp_path: Path, encoding: str):
    import_path, offers_path = world.onec.write_commerceml(tmp_path, NOW, encoding=encoding)
    assert (import_path.name, offers_path.name) == ("import.xml", "offers.xml")
    head = import_path.read_bytes()[:80].decode("ascii", "replace").lower()
    assert f"encoding='{encoding}'" in head or f'encoding="{encoding}"' in head
    root = DET.parse(import_path).getroot()
    assert root.tag == f"{NS}КоммерческаяИнформация" and root.get("ВерсияСхемы") == "2.08"
    groups = {_t(g, "Ид"): _t(g, "Наименование") for g in root.iter(f"{NS}Группа")}
    truth = world.ground_truth(NOW).onec
    goods = list(root.iter(f"{NS}Товар"))
    served = {_t(t, "Штрихкод"): (_t(t, "Артикул"), _t(t, "Наименование")) for t in goods}
    main = {code: truth.nomenclature[code] for code in served}
    assert served == main and len(goods) == len({v for v in truth.nomenclature.values()})
    assert all(_t(t, "Группы/Ид") in groups for t in goods)
    assert any("×" in name for _, name in served.values())  # survives windows-1251 as a character reference


def test_offers_carry_latest_prices_and_stock(world: World, tmp_path: Path):
    _, offers_path = world.onec.write_commerceml(tmp_path, NOW)
    root = DET.parse(offers_path).getroot()
    pack = root.find(f"{NS}ПакетПредложений")
    types = {_t(t, "Наименование"): _t(t, "Ид") for t in pack.iter(f"{NS}ТипЦены")}
    assert set(types) == {"Закупочная", "Розничная"}
    truth = world.ground_truth(NOW).onec
    cost = truth.cost_on(NOW.astimezone(MSK).date())
    stock: dict[str, int] = {}
    for (_, code), qty in truth.stock_at(NOW).items():
        stock[code] = stock.get(code, 0) + qty
    offers = list(pack.iter(f"{NS}Предложение"))
    assert offers
    for offer in offers:
        code = _t(offer, "Штрихкод")
        prices = {
            p.find(f"{NS}ИдТипаЦены").text: Decimal(_t(p, "ЦенаЗаЕдиницу")) for p in offer.iter(f"{NS}Цена")
        }
        assert prices[types["Закупочная"]] == cost[code]
        assert int(_t(offer, "Количество")) == stock.get(code, 0)
        per_wh = sum(int(s.get("КоличествоНаСкладе")) for s in offer.findall(f"{NS}Склад"))
        assert per_wh == stock.get(code, 0)
