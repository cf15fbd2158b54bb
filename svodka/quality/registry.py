"""The checks Svodka runs after every build, per table."""

from __future__ import annotations

from svodka.quality.checks import Check, Condition, Freshness, NotNull, Query, Unique

# Realization report: WB's header totals must equal the sum of the report's lines, field
# by field, with returns counted against sales. A mismatch means a lost or doubled line.
_RECONCILE = """
SELECT count(), any(toString(tuple(report_id, field, header, lines))) FROM
(
    SELECT h.report_id AS report_id, f.1 AS field, f.2 AS header, f.3 AS lines
    FROM ods.wb_realization_reports AS h
    INNER JOIN
    (
        SELECT account, report_id,
            sum(if(doc_type = 'Возврат', -retail_amount, retail_amount)) AS retail_amount,
            sum(if(doc_type = 'Возврат', -for_pay, for_pay)) AS for_pay,
            -- the header has no rebill total: WB counts it with logistics
            sum(delivery_service + rebill_logistic_cost) AS delivery_service,
            sum(paid_storage) AS paid_storage,
            sum(paid_acceptance) AS paid_acceptance,
            sum(penalty) AS penalty,
            sum(deduction) AS deduction,
            sum(additional_payment) AS additional_payment
        FROM ods.wb_realization_current
        GROUP BY account, report_id
    ) AS l ON l.account = h.account AND l.report_id = h.report_id
    ARRAY JOIN [
        ('retailAmountSum', h.retail_amount_sum, l.retail_amount),
        ('forPaySum', h.for_pay_sum, l.for_pay),
        ('deliveryServiceSum', h.delivery_service_sum, l.delivery_service),
        ('paidStorageSum', h.paid_storage_sum, l.paid_storage),
        ('paidAcceptanceSum', h.paid_acceptance_sum, l.paid_acceptance),
        ('penaltySum', h.penalty_sum, l.penalty),
        ('deductionSum', h.deduction_sum, l.deduction),
        ('additionalPaymentSum', h.additional_payment_sum, l.additional_payment)
    ] AS f
    WHERE f.2 IS NOT NULL AND f.2 != f.3
)
"""

# Payout: the fee-taxonomy lines of a report must add up to what WB pays (bankPaymentSum).
_PAYOUT = """
SELECT count(), any(toString(tuple(report_id, bank_payment_sum, payout))) FROM
(
    SELECT h.report_id AS report_id, h.bank_payment_sum AS bank_payment_sum, f.payout AS payout
    FROM ods.wb_realization_reports AS h
    INNER JOIN (SELECT account, report_id, sum(amount) AS payout FROM dwh.fct_finance
                GROUP BY account, report_id) AS f
        ON f.account = h.account AND f.report_id = h.report_id
    WHERE h.bank_payment_sum IS NOT NULL AND h.bank_payment_sum != f.payout
)
"""

# SCD2: every product and listing has exactly one current version and no overlapping ones.
_ONE_CURRENT = """
SELECT count(), any(toString(key)) FROM
(
    SELECT {key} AS key FROM {table}
    GROUP BY {key}
    HAVING countIf(is_current = 1) != 1 OR countIf(valid_to <= valid_from) > 0
)
"""

# Listings no barcode or vendor code could tie to a product: listed, not dropped.
_UNLINKED = """
SELECT count(),
       arrayStringConcat(groupUniqArray(10)(concat(marketplace, ' ', item_id, ' «', vendor_code, '»')), '; ')
FROM dwh.dim_listing WHERE is_current = 1 AND match_method = 'none'
"""

_UNMAPPED = """
SELECT count(), arrayStringConcat(groupUniqArray(10)(concat(operation, ' / ', money_field)), '; ')
FROM dwh.fct_finance WHERE mapped = 0
"""

CHECKS: list[Check] = [
    # ods: required fields and keys
    NotNull(
        "ods.wb_orders",
        columns=("srid", "barcode", "order_date", "nm_id", "price_with_disc", "finished_price"),
    ),
    Unique("ods.wb_orders", key=("account", "srid", "last_change_at")),
    Condition("ods.wb_orders", name="ods.wb_orders:price_range", condition="price_with_disc >= 0"),
    NotNull(
        "ods.wb_sales", columns=("sale_id", "srid", "barcode", "sale_date", "price_with_disc", "for_pay")
    ),
    Unique("ods.wb_sales", key=("account", "sale_id", "last_change_at")),
    NotNull(
        "ods.wb_realization",
        columns=(
            "rrd_id",
            "report_id",
            "operation",
            "rr_date",
            "retail_amount",
            "for_pay",
            "acquiring_fee",
            "delivery_service",
            "paid_storage",
            "paid_acceptance",
            "penalty",
            "deduction",
            "additional_payment",
        ),
    ),
    Unique("ods.wb_realization", key=("account", "rrd_id", "content_hash")),
    Query("ods.wb_realization", name="ods.wb_realization:reconciles_with_report_totals", query=_RECONCILE),
    NotNull("ods.wb_stocks", columns=("barcode", "warehouse", "snapshot_date")),
    Condition("ods.wb_stocks", name="ods.wb_stocks:quantity_range", condition="quantity >= 0"),
    Unique("ods.wb_stocks", key=("account", "snapshot_date", "barcode", "warehouse")),
    # dwh
    Unique("dwh.dim_product", key=("product_id", "valid_from")),
    Query(
        "dwh.dim_product",
        name="dwh.dim_product:one_current_version",
        query=_ONE_CURRENT.format(key="product_id", table="dwh.dim_product"),
    ),
    Query(
        "dwh.dim_listing",
        name="dwh.dim_listing:one_current_version",
        query=_ONE_CURRENT.format(
            key="(marketplace, account, item_id, size_id, barcode)", table="dwh.dim_listing"
        ),
    ),
    Query("dwh.dim_listing", name="dwh.dim_listing:unlinked", query=_UNLINKED, severity="warn"),
    Unique("dwh.fct_orders", key=("marketplace", "account", "order_id")),
    Unique("dwh.fct_sales", key=("marketplace", "account", "sale_id")),
    Query("dwh.fct_finance", name="dwh.fct_finance:unmapped_operations", query=_UNMAPPED),
    Query("dwh.fct_finance", name="dwh.fct_finance:payout_equals_report", query=_PAYOUT),
    Condition(
        "dwh.fct_finance",
        name="dwh.fct_finance:fee_types",
        condition="fee_type IN ('sale','return','commission','acquiring','logistics','return_logistics',"
        "'storage','acceptance','penalty','advertising','compensation','other')",
    ),
    # freshness of what was synced (warn: stale data is reported, not blocked)
    Freshness(stream="wb_orders", max_age_hours=26),
    Freshness(stream="wb_sales", max_age_hours=26),
    Freshness(stream="wb_stocks", max_age_hours=26),
    Freshness(stream="wb_realization", max_age_hours=24 * 8),
]
