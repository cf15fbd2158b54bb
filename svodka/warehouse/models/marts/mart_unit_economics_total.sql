-- materialized: view
-- mart_unit_economics added up across marketplaces and accounts: one row per product and
-- month, marketplace = 'all' (kept apart so that summing a mart never counts money twice).
SELECT
    'all' AS marketplace,
    '' AS account,
    period,
    product_id,
    '' AS item_id,
    sum(units_sold) AS units_sold,
    sum(units_returned) AS units_returned,
    sum(revenue) AS revenue,
    sum(sale) AS sale,
    sum(return) AS return,
    sum(commission) AS commission,
    sum(acquiring) AS acquiring,
    sum(logistics) AS logistics,
    sum(return_logistics) AS return_logistics,
    sum(storage) AS storage,
    sum(acceptance) AS acceptance,
    sum(penalty) AS penalty,
    sum(advertising) AS advertising,
    sum(compensation) AS compensation,
    sum(other) AS other,
    sum(payout) AS payout,
    -- a cost missing on one marketplace leaves the total unknown, not understated
    if(countIf(cogs IS NULL) > 0, NULL, sum(cogs)) AS cogs,
    if(countIf(margin IS NULL) > 0, NULL, sum(margin)) AS margin,
    round(toFloat64(margin) / nullIf(toFloat64(revenue), 0), 4) AS margin_pct,
    round(toFloat64(margin) / nullIf(toFloat64(cogs), 0), 4) AS roi
FROM marts.mart_unit_economics
GROUP BY period, product_id
