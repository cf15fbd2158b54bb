"""The fields of each WB stream the warehouse relies on (everything else passes through to raw).

Written from the official OpenAPI documents (statistics OrdersItem/SalesItem, finance
SalesReportsDetailedRes/SalesReportListRes, analytics InventoryWbResponse, the 2025-12
schemas for warehouse_remains download, cards list and prices).
"""

from __future__ import annotations

from svodka.sources.validation import BOOL, DECIMAL, DICT, INT, LIST, NUM, STR, RecordContract

ORDERS = RecordContract(
    {
        "srid": STR,
        "date": STR,
        "lastChangeDate": STR,
        "nmId": INT,
        "barcode": STR,
        "priceWithDisc": NUM,
        "finishedPrice": NUM,
        "isCancel": BOOL,
    },
    id_fields=("srid",),
)

SALES = RecordContract(
    {
        "srid": STR,
        "saleID": STR,
        "date": STR,
        "lastChangeDate": STR,
        "nmId": INT,
        "barcode": STR,
        "priceWithDisc": NUM,
        "finishedPrice": NUM,
        "forPay": NUM,
    },
    id_fields=("saleID", "srid"),
)

# Money in finance-api is a decimal string; these are the amounts the fee taxonomy maps.
REALIZATION_MONEY = (
    "retailPrice",
    "retailAmount",
    "retailPriceWithDisc",
    "forPay",
    "ppvzSalesCommission",
    "ppvzReward",
    "acquiringFee",
    "deliveryService",
    "rebillLogisticCost",
    "penalty",
    "additionalPayment",
    "paidStorage",
    "paidAcceptance",
    "deduction",
)
REALIZATION = RecordContract(
    {
        "rrdId": INT,
        "reportId": INT,
        "docTypeName": STR,
        "sellerOperName": STR,
        "rrDate": STR,
        "nmId": INT,
        "srid": STR,
        "quantity": INT,
        **dict.fromkeys(REALIZATION_MONEY, DECIMAL),
    },
    id_fields=("rrdId",),
)

REALIZATION_REPORTS = RecordContract(
    {
        "reportId": INT,
        "dateFrom": STR,
        "dateTo": STR,
        "createDate": STR,
        "currency": STR,
        **dict.fromkeys(
            (
                "retailAmountSum",
                "forPaySum",
                "deliveryServiceSum",
                "paidStorageSum",
                "paidAcceptanceSum",
                "deductionSum",
                "penaltySum",
                "additionalPaymentSum",
                "bankPaymentSum",
            ),
            DECIMAL,
        ),
    },
    id_fields=("reportId",),
)

STOCKS = RecordContract(
    {"barcode": STR, "nmId": INT, "warehouses": LIST},
    id_fields=("barcode",),
    nested={"warehouses": RecordContract({"warehouseName": STR, "quantity": INT})},
)

STOCKS_WB = RecordContract(
    {
        "nmId": INT,
        "chrtId": INT,
        "warehouseId": INT,
        "warehouseName": STR,
        "quantity": INT,
        "inWayToClient": INT,
        "inWayFromClient": INT,
    },
    id_fields=("nmId", "chrtId"),
)

CARDS = RecordContract(
    {"nmID": INT, "imtID": INT, "vendorCode": STR, "updatedAt": STR, "sizes": LIST},
    id_fields=("nmID",),
    nested={"sizes": RecordContract({"chrtID": INT, "skus": LIST})},
)

PRICES = RecordContract(
    {"nmID": INT, "vendorCode": STR, "sizes": LIST},
    id_fields=("nmID",),
    nested={"sizes": RecordContract({"sizeID": INT, "price": NUM, "discountedPrice": NUM})},
)

# --- advertising (promotion.json, advert-api) -------------------------------------------------

ADS_COUNT = RecordContract(
    {"type": INT, "status": INT, "advert_list": LIST},
    nested={"advert_list": RecordContract({"advertId": INT, "changeTime": STR}, id_fields=("advertId",))},
)
"""One group of ``GET /adv/v1/promotion/count`` (campaigns of one type and status)."""

ADS_CAMPAIGNS = RecordContract(
    {"id": INT, "status": INT, "bid_type": STR, "settings": DICT, "timestamps": DICT},
    id_fields=("id",),
    nested={
        "settings": RecordContract({"name": STR, "payment_type": STR}),
        "timestamps": RecordContract({"created": STR, "updated": STR}),
    },
)

ADS_STATS = RecordContract(
    {"advertId": INT, "days": LIST},
    id_fields=("advertId",),
    nested={
        "days": RecordContract(
            {"date": STR, "views": INT, "clicks": INT, "orders": INT, "sum": NUM, "sum_price": NUM}
        )
    },
)
"""fullstats: one campaign with its days; ``sum`` (spend) and ``sum_price`` are roubles as numbers."""

ADS_SPEND = RecordContract(
    {"advertId": INT, "updNum": INT, "updTime": STR, "updSum": NUM, "paymentType": STR},
    id_fields=("advertId", "updNum"),
    nullable=frozenset({"updTime"}),
)
"""upd: one write-off (``updSum`` roubles; ``updTime`` is null for some payment sources)."""
