-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, product_id, warehouse) PARTITION BY toYYYYMM(date)
-- Stock per product, warehouse and snapshot day (Moscow date of the snapshot): WB's
-- warehouses, Ozon's (FBO) and the seller's own shipping to Ozon buyers (FBS).
-- Goods on their way to or from buyers are rows of their own location_type.
SELECT
    'wb' AS marketplace,
    account,
    snapshot_date AS date,
    barcode AS product_id,
    barcode,
    toString(nm_id) AS item_id,
    warehouse,
    location_type,
    quantity
FROM ods.wb_stocks
WHERE location_type != 'total'
UNION ALL
SELECT
    'ozon' AS marketplace,
    s.account AS account,
    s.snapshot_date AS date,
    if(l.product_id != '', l.product_id, concat('ozon:', toString(s.sku))) AS product_id,
    l.barcode AS barcode,
    toString(s.sku) AS item_id,
    s.warehouse AS warehouse,
    s.location_type AS location_type,
    s.quantity AS quantity
FROM ods.ozon_stocks AS s
LEFT JOIN dwh.ozon_listing_map AS l ON l.item_id = toString(s.sku)
