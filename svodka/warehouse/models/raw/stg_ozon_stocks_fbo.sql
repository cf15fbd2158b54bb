-- materialized: view
-- api-seller POST /v1/analytics/stocks: stock in Ozon's warehouses (FBO) by cluster and warehouse, daily snapshot.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.sku AS sku,
    r.offer_id AS offer_id,
    r.warehouse_id AS warehouse_id,
    r.warehouse_name AS warehouse_name,
    r.cluster_id AS cluster_id,
    r.cluster_name AS cluster_name,
    r.available_stock_count AS available_stock_count,
    r.valid_stock_count AS valid_stock_count,
    r.transit_stock_count AS transit_stock_count,
    r.requested_stock_count AS requested_stock_count,
    r.return_from_customer_stock_count AS return_from_customer_stock_count,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(sku Nullable(Int64), offer_id String, warehouse_id Nullable(Int64), warehouse_name String, cluster_id Nullable(Int64), cluster_name String, available_stock_count Nullable(Int64), valid_stock_count Nullable(Int64), transit_stock_count Nullable(Int64), requested_stock_count Nullable(Int64), return_from_customer_stock_count Nullable(Int64))') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_stocks_fbo'
)
