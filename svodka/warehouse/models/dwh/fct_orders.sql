-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, order_date, product_id) PARTITION BY toYYYYMM(order_date)
-- One row per order line in its latest known state: a WB unit (srid), an Ozon posting line
-- (posting number / SKU, with its quantity).
SELECT * FROM
(
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
)
UNION ALL
SELECT
    'ozon' AS marketplace,
    p.account AS account,
    concat(p.posting_number, '/', toString(p.sku)) AS order_id,
    p.in_process_at AS order_at,
    p.order_date AS order_date,
    if(l.product_id != '', l.product_id, concat('ozon:', toString(p.sku))) AS product_id,
    l.barcode AS barcode,
    toString(p.sku) AS item_id,
    p.offer_id AS vendor_code,
    p.warehouse_name AS warehouse,
    p.city AS region,
    toUInt32(p.quantity) AS units,
    toDecimal64(p.quantity * ifNull(p.price, 0), 2) AS amount,
    toDecimal64(0, 2) AS buyer_price,
    toUInt8(p.status = 'cancelled') AS is_cancel,
    CAST(NULL AS Nullable(Date)) AS cancel_date,
    p.fetched_at AS last_change_at
FROM
(
    SELECT * FROM ods.ozon_postings
    ORDER BY account, posting_number, sku, fetched_at DESC
    LIMIT 1 BY account, posting_number, sku
) AS p
LEFT JOIN dwh.ozon_listing_map AS l ON l.item_id = toString(p.sku)
