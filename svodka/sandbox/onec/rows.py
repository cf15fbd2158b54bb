"""Rows of every entity set as the 1C OData service renders them at a clock value.

Values are already in their JSON form: GUIDs as lowercase strings (the empty reference is all
zeros), dates as naive Moscow time "YYYY-MM-DDTHH:MM:SS" (1C dates carry no zone), numbers as
JSON numbers, enumerations as their names.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from svodka.sandbox.clock import DAY_S, iso_naive
from svodka.sandbox.onec import ids
from svodka.sandbox.onec import schema as S
from svodka.sandbox.onec.ledger import ACCOUNTS, EXT_TYPES
from svodka.sandbox.onec.master import KIND_DELETED, ORGANIZATION, WAREHOUSES
from svodka.sandbox.onec.world import PRICE_TYPES, OnecWorld

Row = dict[str, Any]
E = ids.EMPTY_REF
SALE_NOTE = ("Поставка на склады Wildberries", "Поставка FBO Ozon")


def money(kop: int) -> float | int:
    """Kopecks as the JSON number 1C sends (no trailing zeros: 1250, 312.45)."""
    return kop // 100 if kop % 100 == 0 else kop / 100


def naive(sec: int) -> str:
    return iso_naive(np.array([sec]))[0]


def _catalog(o: OnecWorld, kind: str, i: int, **fields: Any) -> Row:
    row: Row = {
        "Ref_Key": o.ref(kind, i),
        "DataVersion": ids.data_version(o.seed, kind, i),
        "DeletionMark": False,
    }
    row.update(fields)
    row.setdefault("Predefined", False)
    row.setdefault("PredefinedDataName", "")
    return row


def items(o: OnecWorld, now_s: int) -> list[Row]:
    """Catalog_Номенклатура: folders, then the items that exist at `now_s`."""
    m = o.master
    unit = o.ref("unit", 0)
    out = [
        _catalog(
            o,
            "folder",
            f,
            Parent_Key=E,
            IsFolder=True,
            Code=ids.catalog_code("00", f + 1),
            Description=name,
            Артикул="",
            НаименованиеПолное="",
            ЕдиницаИзмерения_Key=E,
        )
        for f, name in enumerate(m.folder_name)
    ]
    for i in np.nonzero(o.item_created <= now_s)[0].tolist():
        row = _catalog(
            o,
            "item",
            i,
            Parent_Key=o.ref("folder", int(m.item_folder[i])),
            IsFolder=False,
            Code=ids.catalog_code("00", 1000 + i),
            Description=m.item_name[i],
            Артикул=m.item_article[i],
            НаименованиеПолное=m.item_full_name[i],
            ЕдиницаИзмерения_Key=unit,
        )
        row["DeletionMark"] = bool(m.item_kind[i] == KIND_DELETED)
        out.append(row)
    return [{k: r[k] for k in _order(S.ITEM_SET, o.config)} for r in out]


def parties(o: OnecWorld) -> list[Row]:
    """Catalog_Контрагенты: two folders (suppliers, marketplaces) and the counterparties."""
    m = o.master
    out = [
        _catalog(
            o,
            "party_folder",
            f,
            Parent_Key=E,
            IsFolder=True,
            Code=ids.catalog_code("00", f + 1, 6),
            Description=name,
            НаименованиеПолное="",
            ИНН="",
            КПП="",
        )
        for f, name in enumerate(("Поставщики", "Комиссионеры (маркетплейсы)"))
    ]
    for i, name in enumerate(m.party_name):
        inn = m.party_inn[i]
        out.append(
            _catalog(
                o,
                "party",
                i,
                Parent_Key=o.ref("party_folder", 0 if m.party_is_supplier[i] else 1),
                IsFolder=False,
                Code=ids.catalog_code("00", 100 + i, 6),
                Description=name,
                НаименованиеПолное=name,
                ИНН=inn,
                КПП="" if name.startswith("ИП ") else f"{inn[:4]}01001",
            )
        )
    return [{k: r[k] for k in _order(S.PARTY_SET, o.config)} for r in out]


def small_catalogs(o: OnecWorld) -> dict[str, list[Row]]:
    """Warehouses, price types, currency, organization and unit (a handful of rows each)."""
    rub = o.ref("currency", 0)
    return {
        S.WH_SET: [
            _catalog(o, "warehouse", i, Parent_Key=E, IsFolder=False, Code=f"{i + 1:09d}", Description=name)
            for i, name in enumerate(WAREHOUSES)
        ],
        S.PRICE_TYPE_SET: [
            _catalog(
                o,
                "price_type",
                i,
                Code=f"{i + 1:09d}",
                Description=name,
                ВалютаЦены_Key=rub,
                ЦенаВключаетНДС=True,
            )
            for i, name in enumerate(PRICE_TYPES)
        ],
        S.CURRENCY_SET: [
            _catalog(o, "currency", 0, Code="643", Description="руб.", НаименованиеПолное="Российский рубль")
        ],
        S.ORG_SET: [
            _catalog(
                o,
                "org",
                0,
                Code="000000001",
                Description=ORGANIZATION,
                ИНН=ids.inn10(o.seed, "org"),
            )
        ],
        S.UNIT_SET[o.config]: [
            _catalog(o, "unit", 0, Code="796", Description="шт", НаименованиеПолное="Штука")
        ],
    }


def barcodes(o: OnecWorld, now_s: int) -> list[Row]:
    """InformationRegister_ШтрихкодыНоменклатуры of the items that exist at `now_s`."""
    return [
        {"Штрихкод": code, "Номенклатура_Key": o.ref("item", i), "Характеристика_Key": E, "Упаковка_Key": E}
        for i in np.nonzero(o.item_created <= now_s)[0].tolist()
        for code in o.master.item_barcodes[i]
    ]


def prices(o: OnecWorld, now_s: int) -> list[Row]:
    """InformationRegister_ЦеныНоменклатуры records that exist at `now_s`, by Period."""
    p = o.prices
    sel = np.nonzero(p.visible <= now_s)[0]
    periods = iso_naive((o.start_day + p.day[sel]) * DAY_S)
    return [
        {
            "Period": period,
            "ВидЦены_Key": o.ref("price_type", int(p.ptype[k])),
            "Номенклатура_Key": o.ref("item", int(p.item[k])),
            "Характеристика_Key": E,
            "Цена": money(int(p.kop[k])),
            "Валюта_Key": o.ref("currency", 0),
        }
        for k, period in zip(sel.tolist(), periods, strict=True)
    ]


def accounts(o: OnecWorld) -> list[Row]:
    """ChartOfAccounts_Хозрасчетный (the accounts the flows use) with their субконто."""
    kinds = list(EXT_TYPES)
    out = []
    for i, (code, name, atype, qty, predefined, ext) in enumerate(ACCOUNTS):
        parent = E if "." not in code else o.ref("account", i - 1)
        row = _catalog(
            o,
            "account",
            i,
            Parent_Key=parent,
            Code=code,
            Description=name,
            Type=atype,
            OffBalance=False,
            Количественный=qty,
            Predefined=True,
            PredefinedDataName=predefined,
        )
        row["ExtDimensionTypes"] = [
            {
                "LineNumber": n,
                "ExtDimensionType_Key": o.ref("ext_type", kinds.index(k)),
                "TurnoversOnly": False,
                "Суммовой": True,
                "Количественный": qty and k == "item",
            }
            for n, k in enumerate(ext, start=1)
        ]
        out.append(row)
    return out


def ext_types(o: OnecWorld) -> list[Row]:
    """ChartOfCharacteristicTypes_ВидыСубконтоХозрасчетные: the субконто kinds the accounts use."""
    return [
        _catalog(o, "ext_type", j, Code=c, Description=d, Predefined=True, PredefinedDataName=p)
        for j, (c, d, p, _t) in enumerate(EXT_TYPES.values())
    ]


@cache
def _order(name: str, config: str) -> tuple[str, ...]:
    return tuple(p.name for p in S.entity_sets(config)[name].props)
