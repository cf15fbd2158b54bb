"""The entity sets the seller's 1C publishes in its standard OData interface, per configuration.

Names follow the platform's rules: `Catalog_<Имя>`, `Document_<Имя>` (+ `_<ТабличнаяЧасть>` for
tabular-part rows), `InformationRegister_<Имя>`, `AccumulationRegister_<Имя>` (record sets by
Recorder) + `_RecordType` (rows), `ChartOfAccounts_…`, `ChartOfCharacteristicTypes_…`,
`AccountingRegister_<Имя>`. References are `<Имя>_Key` (Edm.Guid); composite values are two
strings, `<Имя>` and `<Имя>_Type`; fractional numbers are Edm.Double; enumerations are strings.
Virtual tables (`Balance`, `Turnovers`, `BalanceAndTurnovers`, `SliceLast`, `SliceFirst`) are
bindable functions of their register, listed as FunctionImports, never as entity sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDM = {
    "G": "Edm.Guid",
    "S": "Edm.String",
    "D": "Edm.DateTime",
    "B": "Edm.Boolean",
    "N": "Edm.Double",
    "I": "Edm.Int64",
    "C": "Edm.String",
}


@dataclass(frozen=True)
class Prop:
    """One property: name, short type code (see EDM; "T" = tabular part) and referenced set."""

    name: str
    code: str
    ref: str | None = None

    @property
    def edm(self) -> str:
        """The Edm type name as $metadata writes it."""
        return EDM.get(self.code, "")

    @property
    def filter_type(self) -> str:
        """The type $filter checks literals against ("composite" takes strings and GUIDs)."""
        return "composite" if self.code == "C" else self.edm


@dataclass(frozen=True)
class EntitySet:
    """An entity set with its key, properties, tabular parts and bindable virtual tables."""

    name: str
    key: tuple[str, ...]
    props: tuple[Prop, ...]
    parts: dict[str, tuple[Prop, ...]] = field(default_factory=dict)  # tabular part → row props
    functions: dict[str, tuple[Prop, ...]] = field(default_factory=dict)  # virtual table → row props

    @property
    def types(self) -> dict[str, str]:
        """Scalar property name → filter type."""
        return {p.name: p.filter_type for p in self.props if p.code != "T"}


def _p(spec: str, refs: dict[str, str] | None = None) -> tuple[Prop, ...]:
    """Props from "Name:Code Name:Code …"; `_Key` props get their target from `refs`."""
    refs = refs or {}
    out = []
    for item in spec.split():
        name, code = item.split(":")
        out.append(Prop(name, code, refs.get(name)))
    return tuple(out)


CATALOG_HEAD = "Ref_Key:G DataVersion:S DeletionMark:B"
CATALOG_TAIL = "Predefined:B PredefinedDataName:S"
ITEM_SET, PARTY_SET, WH_SET = "Catalog_Номенклатура", "Catalog_Контрагенты", "Catalog_Склады"
PRICE_TYPE_SET, CURRENCY_SET, ORG_SET = "Catalog_ВидыЦен", "Catalog_Валюты", "Catalog_Организации"
UNIT_SET = {"ut11": "Catalog_УпаковкиЕдиницыИзмерения", "bp30": "Catalog_КлассификаторЕдиницИзмерения"}
RECEIPT_SET, SALE_SET = "Document_ПоступлениеТоваровУслуг", "Document_РеализацияТоваровУслуг"
BARCODE_SET, PRICE_SET = "InformationRegister_ШтрихкодыНоменклатуры", "InformationRegister_ЦеныНоменклатуры"
STOCK_REG = "AccumulationRegister_ТоварыНаСкладах"
ACCOUNTS_SET = "ChartOfAccounts_Хозрасчетный"
EXT_TYPES_SET = "ChartOfCharacteristicTypes_ВидыСубконтоХозрасчетные"
LEDGER_REG = "AccountingRegister_Хозрасчетный"
OPERATION = {"ut11": "ХозяйственнаяОперация", "bp30": "ВидОперации"}


def entity_sets(config: str) -> dict[str, EntitySet]:
    """Every entity set of the configuration ("ut11" or "bp30"), by name."""
    unit = UNIT_SET[config]
    refs = {
        "Parent_Key": ITEM_SET,
        "ЕдиницаИзмерения_Key": unit,
        "Номенклатура_Key": ITEM_SET,
        "Контрагент_Key": PARTY_SET,
        "Склад_Key": WH_SET,
        "Организация_Key": ORG_SET,
        "Валюта_Key": CURRENCY_SET,
        "ВалютаЦены_Key": CURRENCY_SET,
        "ВидЦены_Key": PRICE_TYPE_SET,
        "Account_Key": ACCOUNTS_SET,
        "AccountDr_Key": ACCOUNTS_SET,
        "AccountCr_Key": ACCOUNTS_SET,
        "СчетУчета_Key": ACCOUNTS_SET,
        "ExtDimensionType_Key": EXT_TYPES_SET,
    }
    sets: list[EntitySet] = []

    def catalog(name: str, middle: str, hierarchical: bool = False) -> None:
        tree = " Parent_Key:G IsFolder:B" if hierarchical else ""
        own = dict(refs, Parent_Key=name)
        sets.append(EntitySet(name, ("Ref_Key",), _p(f"{CATALOG_HEAD}{tree} {middle} {CATALOG_TAIL}", own)))

    catalog(ITEM_SET, "Code:S Description:S Артикул:S НаименованиеПолное:S ЕдиницаИзмерения_Key:G", True)
    catalog(PARTY_SET, "Code:S Description:S НаименованиеПолное:S ИНН:S КПП:S", True)
    catalog(WH_SET, "Code:S Description:S", True)
    catalog(PRICE_TYPE_SET, "Code:S Description:S ВалютаЦены_Key:G ЦенаВключаетНДС:B")
    catalog(CURRENCY_SET, "Code:S Description:S НаименованиеПолное:S")
    catalog(ORG_SET, "Code:S Description:S ИНН:S")
    catalog(unit, "Code:S Description:S НаименованиеПолное:S")

    line = "Ref_Key:G LineNumber:I Номенклатура_Key:G"
    line += " Характеристика_Key:G" if config == "ut11" else " СчетУчета_Key:G"
    line += " Количество:N Цена:N Сумма:N СтавкаНДС:S СуммаНДС:N СуммаСНДС:N"
    head = (
        "Ref_Key:G DataVersion:S DeletionMark:B Number:S Date:D Posted:B Организация_Key:G Контрагент_Key:G"
        f" Склад_Key:G Валюта_Key:G {OPERATION[config]}:S ЦенаВключаетНДС:B СуммаДокумента:N Комментарий:S"
    )
    for name in (RECEIPT_SET, SALE_SET):
        rows = _p(line, refs)
        sets.append(EntitySet(name, ("Ref_Key",), (*_p(head, refs), Prop("Товары", "T")), {"Товары": rows}))
        sets.append(EntitySet(f"{name}_Товары", ("Ref_Key", "LineNumber"), rows))

    sets.append(
        EntitySet(
            BARCODE_SET,
            ("Штрихкод",),
            _p("Штрихкод:S Номенклатура_Key:G Характеристика_Key:G Упаковка_Key:G", refs),
        )
    )
    price = _p("Period:D ВидЦены_Key:G Номенклатура_Key:G Характеристика_Key:G Цена:N Валюта_Key:G", refs)
    slices = {"SliceLast": price, "SliceFirst": price}
    sets.append(
        EntitySet(
            PRICE_SET, ("Period", "ВидЦены_Key", "Номенклатура_Key", "Характеристика_Key"), price, {}, slices
        )
    )

    record = "Recorder:C Recorder_Type:S"
    if config == "ut11":
        dims = "Номенклатура_Key:G Характеристика_Key:G Склад_Key:G"
        rows = _p(f"LineNumber:I Period:D Active:B RecordType:S {dims} Количество:N", refs)
        functions = {
            "Balance": _p(f"{dims} КоличествоBalance:N", refs),
            "Turnovers": _p(f"{dims} КоличествоReceipt:N КоличествоExpense:N КоличествоTurnover:N", refs),
            "BalanceAndTurnovers": _p(
                f"{dims} КоличествоOpeningBalance:N КоличествоReceipt:N КоличествоExpense:N"
                " КоличествоTurnover:N КоличествоClosingBalance:N",
                refs,
            ),
        }
        sets.append(
            EntitySet(
                STOCK_REG,
                ("Recorder", "Recorder_Type"),
                (*_p(record), Prop("RecordSet", "T")),
                {"RecordSet": rows},
                functions,
            )
        )
        sets.append(
            EntitySet(
                f"{STOCK_REG}_RecordType", ("Recorder", "Recorder_Type", "LineNumber"), (*_p(record), *rows)
            )
        )
    else:
        ext = "ExtDimensionType_Key:G TurnoversOnly:B Суммовой:B Количественный:B"
        sets.append(
            EntitySet(
                ACCOUNTS_SET,
                ("Ref_Key",),
                (
                    *_p(
                        f"{CATALOG_HEAD} Parent_Key:G Code:S Description:S Type:S OffBalance:B"
                        f" Количественный:B {CATALOG_TAIL}",
                        dict(refs, Parent_Key=ACCOUNTS_SET),
                    ),
                    Prop("ExtDimensionTypes", "T"),
                ),
                {"ExtDimensionTypes": _p(f"LineNumber:I {ext}", refs)},
            )
        )
        sets.append(
            EntitySet(EXT_TYPES_SET, ("Ref_Key",), _p(f"{CATALOG_HEAD} Code:S Description:S {CATALOG_TAIL}"))
        )
        sides = " ".join(
            f"ExtDimension{s}{i}:C ExtDimension{s}{i}_Type:S" for s in ("Dr", "Cr") for i in (1, 2, 3)
        )
        rows = _p(
            f"LineNumber:I Period:D Active:B AccountDr_Key:G AccountCr_Key:G {sides} Организация_Key:G"
            " Сумма:N КоличествоDr:N КоличествоCr:N Содержание:S",
            refs,
        )
        exts = " ".join(f"ExtDimension{i}:C ExtDimension{i}_Type:S" for i in (1, 2, 3))
        balance = _p(
            f"Account_Key:G {exts} Организация_Key:G СуммаBalance:N СуммаBalanceDr:N СуммаBalanceCr:N"
            " КоличествоBalance:N КоличествоBalanceDr:N КоличествоBalanceCr:N",
            refs,
        )
        sets.append(
            EntitySet(
                LEDGER_REG,
                ("Recorder", "Recorder_Type"),
                (*_p(record), Prop("RecordSet", "T")),
                {"RecordSet": rows},
                {"Balance": balance},
            )
        )
        sets.append(
            EntitySet(
                f"{LEDGER_REG}_RecordType", ("Recorder", "Recorder_Type", "LineNumber"), (*_p(record), *rows)
            )
        )
    return {s.name: s for s in sets}
