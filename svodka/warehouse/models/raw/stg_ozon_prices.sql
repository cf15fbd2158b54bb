-- materialized: view
-- api-seller POST /v5/product/info/prices: prices per product (daily snapshot); numbers as JSON numbers, kept as text.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.product_id AS product_id,
    r.offer_id AS offer_id,
    JSONExtractRaw(payload, 'price', 'price') AS price,
    JSONExtractRaw(payload, 'price', 'old_price') AS old_price,
    JSONExtractRaw(payload, 'price', 'min_price') AS min_price,
    JSONExtractRaw(payload, 'price', 'marketing_seller_price') AS marketing_seller_price,
    JSONExtractString(payload, 'price', 'currency_code') AS currency_code,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(product_id Nullable(Int64), offer_id String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_prices'
)
