-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, product_id, warehouse) PARTITION BY toYYYYMM(date)
-- Stock per product, warehouse and snapshot day (Moscow date of the snapshot).
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
