-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, period, product_id)
-- Money per product and month (by operation date) from the realization report, one
-- column per fee type; payout = the sum of them all. Cost of goods arrives with 1C.
SELECT
    marketplace,
    account,
    toStartOfMonth(op_date) AS period,
    product_id,
    any(item_id) AS item_id,
    toInt64(sumIf(quantity, fee_type = 'sale')) AS units_sold,
    toInt64(sumIf(quantity, fee_type = 'return')) AS units_returned,
    toDecimal64(sumIf(amount, fee_type IN ('sale', 'return')), 2) AS revenue,
    toDecimal64(sumIf(amount, fee_type = 'sale'), 2) AS sale,
    toDecimal64(sumIf(amount, fee_type = 'return'), 2) AS return,
    toDecimal64(sumIf(amount, fee_type = 'commission'), 2) AS commission,
    toDecimal64(sumIf(amount, fee_type = 'acquiring'), 2) AS acquiring,
    toDecimal64(sumIf(amount, fee_type = 'logistics'), 2) AS logistics,
    toDecimal64(sumIf(amount, fee_type = 'return_logistics'), 2) AS return_logistics,
    toDecimal64(sumIf(amount, fee_type = 'storage'), 2) AS storage,
    toDecimal64(sumIf(amount, fee_type = 'acceptance'), 2) AS acceptance,
    toDecimal64(sumIf(amount, fee_type = 'penalty'), 2) AS penalty,
    toDecimal64(sumIf(amount, fee_type = 'advertising'), 2) AS advertising,
    toDecimal64(sumIf(amount, fee_type = 'compensation'), 2) AS compensation,
    toDecimal64(sumIf(amount, fee_type = 'other'), 2) AS other,
    toDecimal64(sum(amount), 2) AS payout,
    CAST(NULL AS Nullable(Decimal(18, 2))) AS cogs,
    CAST(NULL AS Nullable(Decimal(18, 2))) AS margin
FROM dwh.fct_finance
GROUP BY marketplace, account, period, product_id
