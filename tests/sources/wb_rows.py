"""Builders of Wildberries API rows for the connector tests (shared by several test modules)."""

from __future__ import annotations

from typing import Any


def order_row(srid: str, lcd: str, **extra: Any) -> dict[str, Any]:
    """A statistics order row with every field the contract needs."""
    return {
        "date": lcd,
        "lastChangeDate": lcd,
        "warehouseName": "Коледино",
        "supplierArticle": "A-1",
        "nmId": 1001,
        "barcode": "4600000000017",
        "totalPrice": 1000,
        "discountPercent": 10,
        "spp": 5,
        "finishedPrice": 855.0,
        "priceWithDisc": 900,
        "isCancel": False,
        "cancelDate": "0001-01-01T00:00:00",
        "gNumber": "g1",
        "srid": srid,
        **extra,
    }


def sale_row(srid: str, sale_id: str, lcd: str, **extra: Any) -> dict[str, Any]:
    """A statistics sale (``S…``) or return (``R…``) row."""
    return {
        "date": lcd,
        "lastChangeDate": lcd,
        "nmId": 1001,
        "barcode": "4600000000017",
        "totalPrice": 1000,
        "finishedPrice": 855.0,
        "priceWithDisc": 900,
        "forPay": 700.5,
        "saleID": sale_id,
        "srid": srid,
        **extra,
    }


def realization_row(rrd_id: int, rr_date: str, report_id: int = 7, **extra: Any) -> dict[str, Any]:
    """A finance-api detailed row; money as decimal strings."""
    money = (
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
    return {
        "rrdId": rrd_id,
        "reportId": report_id,
        "docTypeName": "Продажа",
        "sellerOperName": "Продажа",
        "rrDate": rr_date,
        "nmId": 1001,
        "srid": f"sr{rrd_id}",
        "quantity": 1,
        **dict.fromkeys(money, "12.50"),
        **extra,
    }


def report_row(report_id: int, date_from: str, date_to: str) -> dict[str, Any]:
    """A sales-reports list row (report header)."""
    sums = (
        "retailAmountSum",
        "forPaySum",
        "deliveryServiceSum",
        "paidStorageSum",
        "paidAcceptanceSum",
        "deductionSum",
        "penaltySum",
        "additionalPaymentSum",
        "bankPaymentSum",
    )
    return {
        "reportId": report_id,
        "dateFrom": date_from,
        "dateTo": date_to,
        "createDate": date_to,
        "currency": "RUB",
        "reportType": 1,
        **dict.fromkeys(sums, "100.00"),
    }
