"""The fields of each 1C stream the warehouse relies on (everything else passes through to raw).

Written from the platform's description of the standard OData interface: catalogs carry
``Ref_Key`` (Edm.Guid, a string in JSON), ``Code``, ``Description``, ``IsFolder``,
``DeletionMark``; documents ``Ref_Key``, ``Number``, ``Date``, ``Posted``, ``DeletionMark``
and tabular parts as arrays of rows; references are ``<Name>_Key``; numbers (Edm.Double,
Edm.Decimal) are JSON numbers; dates are ``2026-03-01T00:00:00`` strings.
Configuration-specific attributes (``Артикул``) are not required: a configuration without
them still loads, and the models treat them as optional.
"""

from __future__ import annotations

from svodka.sources.validation import BOOL, LIST, NUM, STR, RecordContract

NOMENCLATURE = RecordContract(
    {"Ref_Key": STR, "Description": STR, "IsFolder": BOOL, "DeletionMark": BOOL},
    id_fields=("Ref_Key", "Code"),
)
BARCODES = RecordContract({"Штрихкод": STR, "Номенклатура_Key": STR}, id_fields=("Штрихкод",))
PRICE_TYPES = RecordContract({"Ref_Key": STR, "Description": STR}, id_fields=("Ref_Key", "Code"))
WAREHOUSES = RecordContract({"Ref_Key": STR, "Description": STR}, id_fields=("Ref_Key", "Code"))
PRICES = RecordContract(
    {"Period": STR, "Номенклатура_Key": STR, "ВидЦены_Key": STR, "Цена": NUM},
    id_fields=("Номенклатура_Key", "ВидЦены_Key", "Period"),
)
PRICES_CURRENT = RecordContract(
    {"Номенклатура_Key": STR, "ВидЦены_Key": STR, "Цена": NUM},
    id_fields=("Номенклатура_Key", "ВидЦены_Key"),
)
RECEIPT_LINE = RecordContract(
    {"Номенклатура_Key": STR, "Количество": NUM, "Сумма": NUM}, id_fields=("LineNumber",)
)
RECEIPTS = RecordContract(
    {"Ref_Key": STR, "Number": STR, "Date": STR, "Posted": BOOL, "DeletionMark": BOOL, "Товары": LIST},
    id_fields=("Number", "Ref_Key"),
    nested={"Товары": RECEIPT_LINE},
)
STOCK_REGISTER = RecordContract(
    {"Номенклатура_Key": STR, "Склад_Key": STR, "КоличествоBalance": NUM},
    id_fields=("Номенклатура_Key", "Склад_Key"),
)
"""``AccumulationRegister_ТоварыНаСкладах/Balance(…, Dimensions='Номенклатура,Склад')``."""
STOCK_ACCOUNT = RecordContract({"Account_Key": STR}, id_fields=("Account_Key", "ExtDimension1"))
"""``AccountingRegister_Хозрасчетный/Balance(…)``: sub-accounts (``ExtDimension1..3``, their
``_Type``) and the quantity resource (``КоличествоBalance`` / ``…BalanceDr``) vary by
configuration and settings (batch accounting), so only the account is required."""
CHART_OF_ACCOUNTS = RecordContract({"Ref_Key": STR, "Code": STR}, id_fields=("Code",))
