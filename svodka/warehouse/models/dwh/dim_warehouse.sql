-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, warehouse)
-- Warehouses seen in orders, sales and stock, with the type WB gives them.
SELECT 'wb' AS marketplace, warehouse, any(warehouse_type) AS warehouse_type
FROM
(
    SELECT warehouse, warehouse_type FROM ods.wb_orders
    UNION ALL SELECT warehouse, warehouse_type FROM ods.wb_sales
    UNION ALL SELECT warehouse, '' FROM ods.wb_stocks WHERE location_type = 'warehouse'
)
WHERE warehouse != ''
GROUP BY warehouse
