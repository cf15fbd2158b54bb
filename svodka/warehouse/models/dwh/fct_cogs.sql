-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, op_date, product_id) PARTITION BY toYYYYMM(op_date)
-- Cost of goods sold per marketplace account, product and day of the finance lines: the
-- units of sale lines minus the units of return lines (fct_finance, as the marketplace
-- settles them), at the 1C unit cost in force that day. NULL cost: 1C has none for the
-- product (yet) — the margin stays NULL rather than pretending the goods were free.
SELECT
    f.marketplace AS marketplace,
    f.account AS account,
    f.op_date AS op_date,
    f.product_id AS product_id,
    toInt64(sumIf(f.quantity, f.fee_type = 'sale') - sumIf(f.quantity, f.fee_type = 'return')) AS units_net,
    any(c.unit_cost) AS unit_cost,
    if(any(c.product_id) = '', NULL, toDecimal64(units_net * any(c.unit_cost), 2)) AS cogs
FROM (SELECT * FROM dwh.fct_finance WHERE fee_type IN ('sale', 'return') AND product_id != '') AS f
ASOF LEFT JOIN dwh.fct_cost AS c ON c.product_id = f.product_id AND f.op_date >= c.valid_from
GROUP BY marketplace, account, op_date, product_id
