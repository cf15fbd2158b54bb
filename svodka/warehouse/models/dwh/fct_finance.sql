-- materialized: incremental
-- partition_by: toYYYYMM(op_date)
-- engine: MergeTree ORDER BY (marketplace, account, op_date, product_id, fee_type, line_id, money_field)
-- One row per money line in the one fee taxonomy, signed from the seller's view, so that
-- sum(amount) is what the marketplace pays out.
-- Wildberries: one row per (realization line, money field); sum over a report = its payout.
-- Goods lines (retailAmount ≠ 0): the commission is derived so that sale + commission +
-- acquiring = forPay exactly. Other lines that carry forPay (damage compensation) show it
-- as the `for_pay` field.
-- Ozon: one row per accrual line (ods.ozon_accruals, current content); line_id is the
-- accrual, money_field the line's kind and type; report_id 0 (Ozon pays by accruals).
SELECT * FROM
(
    WITH lines AS
    (
        SELECT
            *,
            if(doc_type = 'Возврат', -1, 1) AS direction,
            [
                if(retail_amount != 0, ('retail_amount', retail_amount), ('for_pay', for_pay)),
                ('commission', if(retail_amount != 0, retail_amount - for_pay - acquiring_fee, toDecimal64(0, 2))),
                ('acquiring_fee', acquiring_fee),
                (if(return_amount > 0, 'delivery_service_return', 'delivery_service'), delivery_service),
                ('rebill_logistic_cost', rebill_logistic_cost),
                ('paid_storage', paid_storage),
                ('paid_acceptance', paid_acceptance),
                ('penalty', penalty),
                (if(positionCaseInsensitiveUTF8(bonus_type, 'Продвижение') > 0, 'deduction_ads', 'deduction'), deduction),
                ('additional_payment', additional_payment),
                ('cashback_amount', cashback_amount),
                ('cashback_discount', cashback_discount),
                ('cashback_commission_change', cashback_commission_change)
            ] AS parts
        FROM ods.wb_realization_current
    )
    SELECT
        'wb' AS marketplace,
        l.account AS account,
        l.report_id AS report_id,
        l.rrd_id AS line_id,
        l.rr_date AS op_date,
        l.barcode AS product_id,
        l.barcode AS barcode,
        toString(l.nm_id) AS item_id,
        l.operation AS operation,
        l.doc_type AS doc_type,
        l.bonus_type AS bonus_type,
        l.srid AS srid,
        l.quantity AS quantity,
        p.1 AS money_field,
        if(m.fee_type = '', 'other', m.fee_type) AS fee_type,
        toUInt8(m.fee_type != '') AS mapped,
        -- ods money is NULL only for values that are not numbers, and a check on ods fails then
        toDecimal64(ifNull(
            if(m.fee_type != '', m.sign * l.direction,
               -- unmapped: the field's natural direction (income fields in, everything else out)
               if(p.1 IN ('retail_amount', 'for_pay', 'additional_payment', 'cashback_discount'), 1, -1)) * p.2,
            0), 2) AS amount
    FROM lines AS l
    ARRAY JOIN arrayFilter(x -> x.2 != 0, parts) AS p
    -- The mapping version in force on the operation's date.
    ASOF LEFT JOIN dwh.fee_map_wb AS m
        ON m.operation = l.operation AND m.money_field = p.1 AND l.rr_date >= m.valid_from
)

UNION ALL
SELECT
    'ozon' AS marketplace,
    a.account AS account,
    toInt64(0) AS report_id,
    a.accrual_id AS line_id,
    a.date AS op_date,
    -- (a join miss gives '': no join_use_nulls)
    multiIf(l.product_id != '', l.product_id, a.sku = 0, '', concat('ozon:', toString(a.sku))) AS product_id,
    l.barcode AS barcode,
    if(a.sku = 0, '', toString(a.sku)) AS item_id,
    a.operation AS operation,
    a.category AS doc_type,
    '' AS bonus_type,
    a.unit_number AS srid,
    a.quantity AS quantity,
    concat(a.kind, if(a.type_id != 0, concat(':', toString(a.type_id)), ''), ':', toString(a.line_index)) AS money_field,
    if(m.fee_type = '', 'other', m.fee_type) AS fee_type,
    toUInt8(m.fee_type != '') AS mapped,
    toDecimal64(ifNull(a.amount, 0), 2) AS amount
FROM
(
    SELECT acc.*,
           multiIf(acc.kind = 'sale_amount', if(acc.amount < 0, 'sale_amount-', 'sale_amount+'),
                   acc.kind = 'commission', 'commission',
                   -- a type missing from the directory keeps its id, so the check can name it
                   ifNull(nullIf(t.name, ''), concat('type ', toString(acc.type_id)))) AS operation
    FROM ods.ozon_accruals AS acc
    LEFT JOIN ods.ozon_accrual_types AS t ON t.type_id = acc.type_id
    WHERE acc.amount != 0
) AS a
LEFT JOIN dwh.ozon_listing_map AS l ON l.item_id = toString(a.sku)
-- The mapping version in force on the accrual's date.
ASOF LEFT JOIN dwh.fee_map_ozon AS m ON m.operation = a.operation AND a.date >= m.valid_from
