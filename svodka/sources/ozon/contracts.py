"""The fields of each Ozon stream the warehouse relies on (everything else passes through to raw).

Written from the official Seller API OpenAPI document (2026-06). Ozon's money is a decimal
string in product info, posting products and accruals (``"1299.99"``) and a JSON number in
prices, posting financial data, realization and transactions; each contract says which.
"""

from __future__ import annotations

from svodka.sources.validation import BOOL, DECIMAL, DICT, INT, LIST, NUM, STR, RecordContract

PRODUCT_LIST = RecordContract({"product_id": INT, "offer_id": STR}, id_fields=("product_id",))
"""/v3/product/list ``result.items``: only walked, to ask for the product info."""

PRODUCTS = RecordContract(
    {
        "id": INT,
        "offer_id": STR,
        "sku": INT,
        "name": STR,
        "barcodes": LIST,
        "price": DECIMAL,
        "currency_code": STR,
        "is_archived": BOOL,
        "created_at": STR,
    },
    id_fields=("id", "offer_id"),
)

PRICES = RecordContract(
    {"product_id": INT, "offer_id": STR, "price": DICT},
    id_fields=("product_id", "offer_id"),
    nested={"price": RecordContract({"price": NUM, "old_price": NUM, "currency_code": STR})},
)

STOCKS = RecordContract(
    {"product_id": INT, "offer_id": STR, "stocks": LIST},
    id_fields=("product_id", "offer_id"),
    nested={"stocks": RecordContract({"sku": INT, "type": STR, "present": INT, "reserved": INT})},
)

STOCKS_FBS = RecordContract(
    {
        "sku": INT,
        "offer_id": STR,
        "warehouse_id": INT,
        "warehouse_name": STR,
        "present": INT,
        "reserved": INT,
    },
    id_fields=("sku", "warehouse_id"),
)

STOCKS_FBO = RecordContract(
    {
        "sku": INT,
        "offer_id": STR,
        "warehouse_id": INT,
        "warehouse_name": STR,
        "cluster_id": INT,
        "cluster_name": STR,
        "available_stock_count": INT,
        "valid_stock_count": INT,
        "transit_stock_count": INT,
        "requested_stock_count": INT,
        "return_from_customer_stock_count": INT,
    },
    id_fields=("sku", "warehouse_id"),
)

_POSTING_PRODUCT = RecordContract(
    {"sku": INT, "offer_id": STR, "quantity": INT, "price": DICT},
    nested={"price": RecordContract({"amount": DECIMAL, "currency": STR})},
)
_FINANCIAL_DATA = RecordContract(
    {"products": LIST},
    nested={"products": RecordContract({"product_id": INT, "price": NUM, "payout": NUM, "commission": DICT})},
)
_POSTING = {
    "posting_number": STR,
    "order_id": INT,
    "order_number": STR,
    "status": STR,
    "in_process_at": STR,
    "products": LIST,
    "financial_data": DICT,
}

# Ozon writes null for an object it has no data for (the docs' own examples: "cancellation": null,
# "legal_info": null); a posting without financial data is possible (cancelled early), so
# `financial_data` must be present but may be null. When it is there, its products are checked.
POSTINGS_FBO = RecordContract(
    {**_POSTING, "created_at": STR},
    id_fields=("posting_number",),
    nested={"products": _POSTING_PRODUCT, "financial_data": _FINANCIAL_DATA},
    nullable=frozenset({"financial_data"}),
)

POSTINGS_FBS = RecordContract(
    _POSTING,
    id_fields=("posting_number",),
    nested={"products": _POSTING_PRODUCT, "financial_data": _FINANCIAL_DATA},
    nullable=frozenset({"financial_data"}),
)

RETURNS = RecordContract(
    {
        "id": INT,
        "type": STR,
        "schema": STR,
        "posting_number": STR,
        "product": DICT,
        "visual": DICT,
    },
    id_fields=("id", "posting_number"),
    nested={
        "product": RecordContract({"sku": INT, "offer_id": STR, "quantity": INT, "price": DICT}),
        "visual": RecordContract({"status": DICT, "change_moment": STR}),
    },
)

ACCRUAL_TYPES = RecordContract({"id": INT, "name": STR}, id_fields=("id",))

ACCRUALS = RecordContract(
    {
        "accrual_id": INT,
        "date": STR,
        "accrued_category": STR,
        "unit_number": STR,
        "total_amount": DICT,
    },
    id_fields=("accrual_id",),
    nested={"total_amount": RecordContract({"amount": DECIMAL, "currency": STR})},
)

REALIZATION = RecordContract(
    {"rowNumber": INT, "item": DICT, "seller_price_per_instance": NUM},
    id_fields=("rowNumber",),
    nested={"item": RecordContract({"sku": INT, "offer_id": STR})},
)

TRANSACTIONS = RecordContract(
    {
        "operation_id": INT,
        "operation_type": STR,
        "operation_date": STR,
        "type": STR,
        "amount": NUM,
        "posting": DICT,
        "items": LIST,
        "services": LIST,
    },
    id_fields=("operation_id",),
)
