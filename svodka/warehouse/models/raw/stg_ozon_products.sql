-- materialized: view
-- api-seller POST /v3/product/info/list: one row per Ozon product (info answers; daily snapshot).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.id AS id,
    r.sku AS sku,
    r.offer_id AS offer_id,
    r.name AS name,
    r.barcodes AS barcodes,
    r.description_category_id AS description_category_id,
    r.price AS price,
    r.old_price AS old_price,
    r.min_price AS min_price,
    r.currency_code AS currency_code,
    r.is_archived AS is_archived,
    r.created_at AS created_at,
    r.updated_at AS updated_at,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(id Nullable(Int64), sku Nullable(Int64), offer_id String, name String, barcodes Array(String), description_category_id Nullable(Int64), price String, old_price String, min_price String, currency_code String, is_archived Nullable(Bool), created_at String, updated_at String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_products'
)
