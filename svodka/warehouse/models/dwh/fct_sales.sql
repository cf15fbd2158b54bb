-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, sale_date, product_id) PARTITION BY toYYYYMM(sale_date)
-- One row per sold or returned unit (returns included, signed: units −1, amounts negative).
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
