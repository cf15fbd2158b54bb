-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, period, product_id)
-- Money per product and month (by operation date) from the marketplaces' finance, one
-- column per fee type; payout = the sum of them all. With 1C connected: cost of goods
-- (units sold net of returns × the 1C unit cost in force, fct_cogs), margin = payout −
-- cogs, margin_pct = margin / revenue, roi = margin / cogs; NULL while a cost is missing.
WITH
    money AS
    (
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
            toDecimal64(sum(amount), 2) AS payout
        FROM dwh.fct_finance
        GROUP BY marketplace, account, period, product_id
    ),
    cogs AS
    (
        SELECT marketplace, account, toStartOfMonth(op_date) AS period, product_id,
               -- NULL as soon as one day lacks a cost: a partial sum would overstate the margin
               if(countIf(cogs IS NULL) > 0, NULL, sum(cogs)) AS cogs
        FROM dwh.fct_cogs
        GROUP BY marketplace, account, period, product_id
    )
SELECT
    m.*,
    -- nothing sold or returned that month costs nothing, once 1C gives costs at all
    CAST(if(c.product_id = '' AND m.units_sold = 0 AND m.units_returned = 0
            AND (SELECT count() FROM dwh.fct_cost) > 0, 0, c.cogs) AS Nullable(Decimal(18, 2))) AS cogs,
    CAST(m.payout - cogs AS Nullable(Decimal(18, 2))) AS margin,
    round(toFloat64(margin) / nullIf(toFloat64(m.revenue), 0), 4) AS margin_pct,
    round(toFloat64(margin) / nullIf(toFloat64(cogs), 0), 4) AS roi
FROM money AS m
LEFT JOIN cogs AS c ON c.marketplace = m.marketplace AND c.account = m.account AND c.period = m.period
    AND c.product_id = m.product_id
