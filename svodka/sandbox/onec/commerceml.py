"""CommerceML 2.08 export of the seller's 1C: `import.xml` (classifier and catalogue) and
`offers.xml` (offer package: price types, warehouses, prices and stock), as the standard
«Обмен с сайтом» writes them at a moment.

import.xml: Классификатор{Ид, Наименование, Владелец, Группы/Группа{Ид, Наименование}} and
Каталог{Ид, ИдКлассификатора, Наименование, Владелец, Товары/Товар{Ид, Штрихкод, Артикул,
Наименование, БазоваяЕдиница, Группы/Ид, ЗначенияРеквизитов}} — items that exist and are not
marked for deletion. offers.xml: ПакетПредложений{Ид, Наименование, ИдКаталога, ИдКлассификатора,
Владелец, ТипыЦен/ТипЦены{Ид, Наименование, Валюта}, Склады/Склад{Ид, Наименование},
Предложения/Предложение{Ид, Штрихкод, Артикул, Наименование, БазоваяЕдиница,
Цены/Цена{Представление, ИдТипаЦены, ЦенаЗаЕдиницу, Валюта, Единица, Коэффициент}, Количество,
Склад[ИдСклада, КоличествоНаСкладе]}} with the latest price of each type (both types are
exported: the exchange node of this seller is its own warehouse system, not a shop window).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from svodka.sandbox.clock import iso_naive
from svodka.sandbox.onec.master import KIND_DELETED, ORGANIZATION, WAREHOUSES
from svodka.sandbox.onec.world import PRICE_TYPES, OnecWorld

NS = "urn:1C.ru:commerceml_2"
VERSION = "2.08"
ENCODINGS = ("utf-8", "windows-1251")


def _number(kop: int) -> str:
    """A dot-decimal amount without trailing zeros: 81151 → "811.51", 125000 → "1250"."""
    rub, k = divmod(kop, 100)
    return str(rub) if k == 0 else f"{rub}.{k:02d}".rstrip("0")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _owner(parent: ET.Element, o: OnecWorld) -> None:
    owner = _sub(parent, "Владелец")
    _sub(owner, "Ид", o.ref("org", 0))
    _sub(owner, "Наименование", ORGANIZATION)
    _sub(owner, "ОфициальноеНаименование", ORGANIZATION)


def _unit(parent: ET.Element) -> None:
    _sub(parent, "БазоваяЕдиница", "шт", Код="796", НаименованиеПолное="Штука", МеждународноеСокращение="PCE")


def _root(now_s: int) -> ET.Element:
    return ET.Element(
        "КоммерческаяИнформация",
        {"xmlns": NS, "ВерсияСхемы": VERSION, "ДатаФормирования": iso_naive(np.array([now_s]))[0]},
    )


def _write(root: ET.Element, path: Path, encoding: str) -> Path:
    ET.indent(root)
    # Characters the code page lacks (×, «…» are in it; some are not) become character references.
    path.write_bytes(ET.tostring(root, encoding=encoding, xml_declaration=True))
    return path


def write_commerceml(o: OnecWorld, directory: Path, now_s: int, encoding: str = "utf-8") -> tuple[Path, Path]:
    """Write import.xml and offers.xml into `directory` (created if missing) as of `now_s`."""
    if encoding.lower() not in ENCODINGS:
        raise ValueError(f"CommerceML encoding must be one of {ENCODINGS}, not {encoding!r}")
    directory.mkdir(parents=True, exist_ok=True)
    m = o.master
    live = np.nonzero((o.item_created <= now_s) & (m.item_kind != KIND_DELETED))[0].tolist()
    classifier_id, catalog_id = o.ref("cml", "classifier"), o.ref("cml", "catalog")

    root = _root(now_s)
    cls = _sub(root, "Классификатор")
    _sub(cls, "Ид", classifier_id)
    _sub(cls, "Наименование", "Классификатор (Основной каталог товаров)")
    _owner(cls, o)
    groups = _sub(cls, "Группы")
    for f, name in enumerate(m.folder_name):
        g = _sub(groups, "Группа")
        _sub(g, "Ид", o.ref("folder", f))
        _sub(g, "Наименование", name)
    cat = _sub(root, "Каталог", СодержитТолькоИзменения="false")
    _sub(cat, "Ид", catalog_id)
    _sub(cat, "ИдКлассификатора", classifier_id)
    _sub(cat, "Наименование", "Основной каталог товаров")
    _owner(cat, o)
    goods = _sub(cat, "Товары")
    for i in live:
        t = _sub(goods, "Товар")
        _sub(t, "Ид", o.ref("item", i))
        _sub(t, "Штрихкод", m.item_barcodes[i][0])
        _sub(t, "Артикул", m.item_article[i])
        _sub(t, "Наименование", m.item_name[i])
        _unit(t)
        _sub(_sub(t, "Группы"), "Ид", o.ref("folder", int(m.item_folder[i])))
        props = _sub(_sub(t, "ЗначенияРеквизитов"), "ЗначениеРеквизита")
        _sub(props, "Наименование", "Полное наименование")
        _sub(props, "Значение", m.item_full_name[i])
    import_path = _write(root, directory / "import.xml", encoding)

    p = o.prices
    latest: dict[tuple[int, int], int] = {}
    for k in np.nonzero(p.visible <= now_s)[0].tolist():  # records are in Period order
        latest[(int(p.item[k]), int(p.ptype[k]))] = int(p.kop[k])
    stock = o.stock_at(now_s)
    root = _root(now_s)
    pack = _sub(root, "ПакетПредложений", СодержитТолькоИзменения="false")
    _sub(pack, "Ид", f"{catalog_id}#")
    _sub(pack, "Наименование", "Пакет предложений (Основной каталог товаров)")
    _sub(pack, "ИдКаталога", catalog_id)
    _sub(pack, "ИдКлассификатора", classifier_id)
    _owner(pack, o)
    types = _sub(pack, "ТипыЦен")
    for t_i, name in enumerate(PRICE_TYPES):
        t = _sub(types, "ТипЦены")
        _sub(t, "Ид", o.ref("price_type", t_i))
        _sub(t, "Наименование", name)
        _sub(t, "Валюта", "RUB")
    stores = _sub(pack, "Склады")
    for w, name in enumerate(WAREHOUSES):
        s = _sub(stores, "Склад")
        _sub(s, "Ид", o.ref("warehouse", w))
        _sub(s, "Наименование", name)
    offers = _sub(pack, "Предложения")
    for i in live:
        offer = _sub(offers, "Предложение")
        _sub(offer, "Ид", o.ref("item", i))
        _sub(offer, "Штрихкод", m.item_barcodes[i][0])
        _sub(offer, "Артикул", m.item_article[i])
        _sub(offer, "Наименование", m.item_name[i])
        _unit(offer)
        prices = _sub(offer, "Цены")
        for t_i in range(len(PRICE_TYPES)):
            if (i, t_i) not in latest:
                continue
            price = _sub(prices, "Цена")
            value = _number(latest[(i, t_i)])
            _sub(price, "Представление", f"{value.replace('.', ',')} RUB за шт")
            _sub(price, "ИдТипаЦены", o.ref("price_type", t_i))
            _sub(price, "ЦенаЗаЕдиницу", value)
            _sub(price, "Валюта", "RUB")
            _sub(price, "Единица", "шт")
            _sub(price, "Коэффициент", "1")
        per_wh = [(w, stock.get((w, i), 0)) for w in range(len(WAREHOUSES))]
        _sub(offer, "Количество", str(sum(q for _, q in per_wh)))
        for w, q in per_wh:
            if q:
                _sub(offer, "Склад", ИдСклада=o.ref("warehouse", w), КоличествоНаСкладе=str(q))
    offers_path = _write(root, directory / "offers.xml", encoding)
    return import_path, offers_path
