-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, order_date, product_id) PARTITION BY toYYYYMM(order_date)
-- One row per ordered unit, in its latest known state.
SELECT
    'wb' AS marketplace,
    account,
    srid AS order_id,
    order_at,
    order_date,
    barcode AS product_id,
    barcode,
    toString(nm_id) AS item_id,
    supplier_article AS vendor_code,
    warehouse,
    region,
    toUInt32(1) AS units,
    ifNull(price_with_disc, 0) AS amount,
    ifNull(finished_price, 0) AS buyer_price,
    is_cancel,
    cancel_date,
    last_change_at
FROM ods.wb_orders
ORDER BY account, srid, last_change_at DESC, fetched_at DESC
LIMIT 1 BY account, srid
