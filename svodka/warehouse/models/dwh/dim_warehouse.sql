-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, warehouse)
-- Warehouses seen in orders, sales and stock: WB's with the type WB gives them, Ozon's
-- with the scheme (FBO: Ozon's warehouse, FBS: the seller's) and cluster.
SELECT 'wb' AS marketplace, warehouse, any(warehouse_type) AS warehouse_type, '' AS cluster
FROM
(
    SELECT warehouse, warehouse_type FROM ods.wb_orders
    UNION ALL SELECT warehouse, warehouse_type FROM ods.wb_sales
    UNION ALL SELECT warehouse, '' FROM ods.wb_stocks WHERE location_type = 'warehouse'
)
WHERE warehouse != ''
GROUP BY warehouse
UNION ALL
SELECT 'ozon', warehouse, any(scheme), anyIf(cluster, cluster != '')
FROM
(
    SELECT warehouse_name AS warehouse, scheme, '' AS cluster FROM ods.ozon_postings
    UNION ALL SELECT warehouse, scheme, cluster FROM ods.ozon_stocks
)
WHERE warehouse != ''
GROUP BY warehouse
