-- materialized: view
-- api-seller POST /v4/product/info/stocks: stock summary per product and type (fbo, fbs), daily snapshot.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.product_id AS product_id,
    r.offer_id AS offer_id,
    JSONExtractRaw(payload, 'stocks') AS stocks,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(product_id Nullable(Int64), offer_id String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_stocks'
)
