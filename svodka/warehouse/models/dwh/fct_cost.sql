-- materialized: table
-- engine: MergeTree ORDER BY (product_id, valid_from)
-- Cost of goods per unit and product over time, from 1C: the price type «Себестоимость»
-- when the infobase keeps one, else «Закупочная» (purchase price), valid from its period
-- (Moscow date) until the next. Facts join the cost in force on their date (ASOF).
WITH kinds AS
(
    SELECT account, if(countIf(price_type = 'Себестоимость') > 0, 'Себестоимость', 'Закупочная') AS cost_type
    FROM ods.onec_prices GROUP BY account
)
SELECT
    p.product_id AS product_id,
    c.period_date AS valid_from,
    argMax(c.price, c.period) AS unit_cost,
    any(c.price_type) AS price_type
FROM ods.onec_prices AS c
INNER JOIN kinds AS k ON k.account = c.account AND k.cost_type = c.price_type
INNER JOIN dwh.onec_products AS p ON p.account = c.account AND p.ref_key = c.ref_key
WHERE c.price IS NOT NULL
GROUP BY product_id, valid_from
