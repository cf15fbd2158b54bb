-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, sale_date, product_id) PARTITION BY toYYYYMM(sale_date)
-- One row per sold or returned line (returns included, signed: units negative, amounts
-- negative). WB: a unit of the statistics sales (preliminary, complete within hours).
-- Ozon: a posting line's sale or buyer's return as its accrual shows it (Ozon's postings
-- carry no delivery date; the accrual is dated by the delivery or the return), with
-- for_pay = sale amount + commission of the same accrual.
SELECT * FROM
(
    SELECT
        'wb' AS marketplace,
        account,
        sale_id,
        srid AS order_id,
        kind,
        sale_at,
        sale_date,
        barcode AS product_id,
        barcode,
        toString(nm_id) AS item_id,
        supplier_article AS vendor_code,
        warehouse,
        region,
        toInt32(if(kind = 'return', -1, 1)) AS units,
        toDecimal64(ifNull(if(kind = 'return', -price_with_disc, price_with_disc), 0), 2) AS amount,
        toDecimal64(ifNull(if(kind = 'return', -for_pay, for_pay), 0), 2) AS for_pay,
        last_change_at
    FROM ods.wb_sales
    ORDER BY account, sale_id, last_change_at DESC, fetched_at DESC
    LIMIT 1 BY account, sale_id
)
UNION ALL
SELECT
    'ozon' AS marketplace,
    s.account AS account,
    concat(toString(s.accrual_id), '/', toString(s.sku)) AS sale_id,
    s.unit_number AS order_id,
    if(s.amount < 0, 'return', 'sale') AS kind,
    toDateTime(s.date, 'Europe/Moscow') AS sale_at,
    s.date AS sale_date,
    if(l.product_id != '', l.product_id, concat('ozon:', toString(s.sku))) AS product_id,
    l.barcode AS barcode,
    toString(s.sku) AS item_id,
    l.vendor_code AS vendor_code,
    p.warehouse_name AS warehouse,
    p.city AS region,
    toInt32(if(s.amount < 0, -s.quantity, s.quantity)) AS units,
    toDecimal64(s.amount, 2) AS amount,
    toDecimal64(s.amount + ifNull(c.commission, 0), 2) AS for_pay,
    s.fetched_at AS last_change_at
FROM
(
    SELECT * REPLACE (assumeNotNull(amount) AS amount)
    FROM ods.ozon_accruals WHERE kind = 'sale_amount' AND amount != 0
) AS s
LEFT JOIN
(
    SELECT account, accrual_id, sku, sum(amount) AS commission
    FROM ods.ozon_accruals WHERE kind = 'commission'
    GROUP BY account, accrual_id, sku
) AS c ON c.account = s.account AND c.accrual_id = s.accrual_id AND c.sku = s.sku
LEFT JOIN
(
    SELECT account, posting_number, sku, warehouse_name, city FROM ods.ozon_postings
    ORDER BY account, posting_number, sku, fetched_at DESC
    LIMIT 1 BY account, posting_number, sku
) AS p ON p.account = s.account AND p.posting_number = s.unit_number AND p.sku = s.sku
LEFT JOIN dwh.ozon_listing_map AS l ON l.item_id = toString(s.sku)
