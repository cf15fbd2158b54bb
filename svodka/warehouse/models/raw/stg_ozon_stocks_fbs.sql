-- materialized: view
-- api-seller POST /v2/product/info/stocks-by-warehouse/fbs: stock in the seller's own warehouses (FBS), daily snapshot.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.sku AS sku,
    r.product_id AS product_id,
    r.offer_id AS offer_id,
    r.warehouse_id AS warehouse_id,
    r.warehouse_name AS warehouse_name,
    r.present AS present,
    r.reserved AS reserved,
    r.free_stock AS free_stock,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(sku Nullable(Int64), product_id Nullable(Int64), offer_id String, warehouse_id Nullable(Int64), warehouse_name String, present Nullable(Int64), reserved Nullable(Int64), free_stock Nullable(Int64))') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_stocks_fbs'
)
