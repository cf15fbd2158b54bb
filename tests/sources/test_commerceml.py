"""CommerceML 2 files: read verbatim into pages, decoded into records, unsafe files refused.

Hand-written files follow the format as 1C writes it (marketplace_apis.md §5.2); the sandbox's
files are held against the world's 1C nomenclature in test_onec_sandbox.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.sources.commerceml import (
    IMPORT,
    OFFERS,
    CommerceMLError,
    decode_commerceml,
    read_commerceml,
)
from svodka.sources.decoders import decoder_for

IMPORT_XML = """<?xml version="1.0" encoding="{enc}"?>
<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.08"
    ДатаФормирования="2026-03-16T15:00:00">
  <Классификатор>
    <Ид>cls-1</Ид>
    <Наименование>Классификатор (Каталог товаров)</Наименование>
    <Группы>
      <Группа>
        <Ид>g-1</Ид>
        <Наименование>Косметика</Наименование>
        <Группы>
          <Группа><Ид>g-2</Ид><Наименование>Кремы для лица</Наименование></Группа>
        </Группы>
      </Группа>
    </Группы>
  </Классификатор>
  <Каталог СодержитТолькоИзменения="false">
    <Ид>cat-1</Ид>
    <ИдКлассификатора>cls-1</ИдКлассификатора>
    <Наименование>Каталог товаров</Наименование>
    <Товары>
      <Товар>
        <Ид>8d1c1b3e-0000-11ef-8000-000000000001</Ид>
        <Штрихкод>4600000000017</Штрихкод>
        <Артикул>CRM-50</Артикул>
        <Наименование>Крем для лица «Роса» 50 мл</Наименование>
        <БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>
        <Группы><Ид>g-2</Ид></Группы>
        <ЗначенияРеквизитов>
          <ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита>
          <ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>0.08</Значение></ЗначениеРеквизита>
        </ЗначенияРеквизитов>
      </Товар>
      <Товар>
        <Ид>8d1c1b3e-0000-11ef-8000-000000000002</Ид>
        <Артикул>CRM-100</Артикул>
        <Наименование>Крем для лица «Роса» 100 мл</Наименование>
        <Группы><Ид>g-2</Ид></Группы>
      </Товар>
    </Товары>
  </Каталог>
</КоммерческаяИнформация>
"""

OFFERS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.08" ДатаФормирования="2026-03-16T15:00:00">
  <ПакетПредложений СодержитТолькоИзменения="true">
    <Ид>cat-1#</Ид>
    <Наименование>Пакет предложений</Наименование>
    <ИдКаталога>cat-1</ИдКаталога>
    <ТипыЦен>
      <ТипЦены><Ид>pt-retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>
      <ТипЦены><Ид>pt-buy</Ид><Наименование>Закупочная</Наименование><Валюта>RUB</Валюта></ТипЦены>
    </ТипыЦен>
    <Предложения>
      <Предложение>
        <Ид>8d1c1b3e-0000-11ef-8000-000000000001</Ид>
        <Штрихкод>4600000000017</Штрихкод>
        <Артикул>CRM-50</Артикул>
        <Наименование>Крем для лица «Роса» 50 мл</Наименование>
        <Цены>
          <Цена>
            <Представление>499 RUB за шт</Представление>
            <ИдТипаЦены>pt-retail</ИдТипаЦены>
            <ЦенаЗаЕдиницу>499.00</ЦенаЗаЕдиницу>
            <Валюта>RUB</Валюта>
            <Единица>шт</Единица>
            <Коэффициент>1</Коэффициент>
          </Цена>
          <Цена><ИдТипаЦены>pt-buy</ИдТипаЦены><ЦенаЗаЕдиницу>210.50</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>
        </Цены>
        <Количество>12</Количество>
        <Склад ИдСклада="wh-1" КоличествоНаСкладе="10"/>
        <Склад ИдСклада="wh-2" КоличествоНаСкладе="2"/>
      </Предложение>
    </Предложения>
  </ПакетПредложений>
</КоммерческаяИнформация>
"""

REST_XML = """<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.10">
  <ПакетПредложений>
    <Предложения>
      <Предложение>
        <Ид>8d1c1b3e-0000-11ef-8000-000000000002</Ид>
        <Остатки><Остаток><Склад><Ид>wh-1</Ид><Количество>7</Количество></Склад></Остаток></Остатки>
      </Предложение>
    </Предложения>
  </ПакетПредложений>
</КоммерческаяИнформация>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<КоммерческаяИнформация><Каталог><Товары><Товар><Наименование>&lol3;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<КоммерческаяИнформация><Каталог><Товары><Товар><Наименование>&secret;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_file_becomes_one_verbatim_page_of_goods(tmp_path: Path) -> None:
    path = write(tmp_path, "import.xml", IMPORT_XML.format(enc="UTF-8"))
    page = read_commerceml(path)
    assert page.stream == IMPORT
    assert page.body == path.read_bytes()
    assert page.records == 2
    assert page.meta == {
        "kind": "import",
        "file": "import.xml",
        "schema_version": "2.08",
        "generated_at": "2026-03-16T15:00:00",
        "only_changes": False,
    }
    first, second = decoder_for(IMPORT)(page.body, page.meta)
    assert first["Ид"] == "8d1c1b3e-0000-11ef-8000-000000000001"
    assert (first["Штрихкод"], first["Артикул"]) == ("4600000000017", "CRM-50")
    assert first["Наименование"] == "Крем для лица «Роса» 50 мл"
    assert first["Группы"] == ["g-2"] and first["ГруппыНаименования"] == ["Кремы для лица"]
    assert first["БазоваяЕдиница"] == {
        "Код": "796",
        "НаименованиеПолное": "Штука",
        "МеждународноеСокращение": "PCE",
        "Наименование": "шт",
    }
    assert first["ЗначенияРеквизитов"] == [
        {"Наименование": "ВидНоменклатуры", "Значение": "Товар"},
        {"Наименование": "Вес", "Значение": "0.08"},
    ]
    assert second["Штрихкод"] is None and second["БазоваяЕдиница"] is None


def test_windows_1251_file_is_read_by_its_declaration(tmp_path: Path) -> None:
    path = write(tmp_path, "import.xml", IMPORT_XML.format(enc="windows-1251"), "cp1251")
    page = read_commerceml(path)
    names = [r["Наименование"] for r in decode_commerceml(page.body, page.meta)]
    assert names == ["Крем для лица «Роса» 50 мл", "Крем для лица «Роса» 100 мл"]


def test_offers_carry_prices_with_type_names_and_stock_per_warehouse(tmp_path: Path) -> None:
    page = read_commerceml(write(tmp_path, "offers.xml", OFFERS_XML))
    assert (page.stream, page.records, page.meta["only_changes"]) == (OFFERS, 1, True)
    (offer,) = decoder_for(OFFERS)(page.body, page.meta)
    assert offer["Ид"] == "8d1c1b3e-0000-11ef-8000-000000000001"
    assert offer["Количество"] == "12"
    assert [(p["ТипЦены"], p["ЦенаЗаЕдиницу"], p["Валюта"]) for p in offer["Цены"]] == [
        ("Розничная", "499.00", "RUB"),
        ("Закупочная", "210.50", "RUB"),
    ]
    assert offer["Цены"][0]["Коэффициент"] == "1"
    assert offer["Склады"] == [
        {"ИдСклада": "wh-1", "Количество": "10"},
        {"ИдСклада": "wh-2", "Количество": "2"},
    ]


def test_rests_file_reads_as_offers_with_stock(tmp_path: Path) -> None:
    page = read_commerceml(write(tmp_path, "rests.xml", REST_XML))
    (offer,) = decode_commerceml(page.body, page.meta)
    assert page.stream == OFFERS
    assert offer["Склады"] == [{"ИдСклада": "wh-1", "Количество": "7"}] and offer["Цены"] == []


def test_decoding_without_meta_sniffs_the_kind(tmp_path: Path) -> None:
    body = OFFERS_XML.encode()
    assert [r["Артикул"] for r in decode_commerceml(body, {})] == ["CRM-50"]


@pytest.mark.parametrize(("text", "reason"), [(BOMB, "DTDForbidden"), (EXTERNAL, "DTDForbidden")])
def test_entity_tricks_are_refused(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, "import.xml", text)
    with pytest.raises(CommerceMLError, match=reason) as info:
        read_commerceml(path)
    assert "import.xml" in str(info.value) and "unsafe" in str(info.value)
    with pytest.raises(CommerceMLError, match=reason):  # a rebuild from the lake refuses it too
        decode_commerceml(path.read_bytes(), {"kind": "import", "file": "import.xml"})


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, "import.xml", IMPORT_XML.format(enc="UTF-8"))
    with pytest.raises(CommerceMLError, match="over the limit of 1,000"):
        read_commerceml(path, max_bytes=1000)
    with pytest.raises(CommerceMLError, match="over the limit"):
        decode_commerceml(path.read_bytes(), {"kind": "import"}, max_bytes=1000)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<КоммерческаяИнформация><Каталог><Товары>", "not well-formed"),
        ("<Root><Каталог/></Root>", "expected <КоммерческаяИнформация>"),
        ("<КоммерческаяИнформация><Документ/></КоммерческаяИнформация>", "neither <Каталог>"),
    ],
)
def test_files_that_are_not_commerceml_are_refused_with_the_reason(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(CommerceMLError, match=message):
        read_commerceml(write(tmp_path, "x.xml", text))
