-- materialized: table
-- engine: MergeTree ORDER BY (account, snapshot_date, sku, warehouse)
-- Daily stock snapshots per SKU and warehouse: Ozon's warehouses (FBO, /v1/analytics/stocks:
-- available for sale, in transit, coming back from buyers) and the seller's own (FBS,
-- free to sell). When several syncs ran on one day, the day's last snapshot wins.
WITH
    fbo_latest AS (SELECT account, snapshot_date, max(run_id) AS run_id FROM raw.stg_ozon_stocks_fbo GROUP BY account, snapshot_date),
    fbs_latest AS (SELECT account, snapshot_date, max(run_id) AS run_id FROM raw.stg_ozon_stocks_fbs GROUP BY account, snapshot_date)
SELECT
    s.account AS account,
    toDate(s.snapshot_date) AS snapshot_date,
    'FBO' AS scheme,
    assumeNotNull(s.sku) AS sku,
    s.offer_id AS offer_id,
    s.warehouse_name AS warehouse,
    ifNull(s.warehouse_id, 0) AS warehouse_id,
    s.cluster_name AS cluster,
    l.1 AS location_type,
    l.2 AS quantity,
    s.fetched_at AS fetched_at,
    s.run_id AS run_id
FROM raw.stg_ozon_stocks_fbo AS s
INNER JOIN fbo_latest AS f ON s.account = f.account AND s.snapshot_date = f.snapshot_date AND s.run_id = f.run_id
ARRAY JOIN [('warehouse', ifNull(s.available_stock_count, 0)),
            ('in_way_to_warehouse', ifNull(s.transit_stock_count, 0)),
            ('in_way_from_client', ifNull(s.return_from_customer_stock_count, 0))] AS l
WHERE s.sku IS NOT NULL AND l.2 != 0
UNION ALL
SELECT
    s.account, toDate(s.snapshot_date), 'FBS', assumeNotNull(s.sku), s.offer_id, s.warehouse_name,
    ifNull(s.warehouse_id, 0), '', 'warehouse', ifNull(s.free_stock, 0), s.fetched_at, s.run_id
FROM raw.stg_ozon_stocks_fbs AS s
INNER JOIN fbs_latest AS f ON s.account = f.account AND s.snapshot_date = f.snapshot_date AND s.run_id = f.run_id
WHERE s.sku IS NOT NULL AND ifNull(s.free_stock, 0) != 0
