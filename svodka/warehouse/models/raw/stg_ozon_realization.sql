-- materialized: view
-- api-seller POST /v2/finance/realization: the monthly realization report's rows (year and month from the request).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'year') AS year,
    JSONExtractString(meta, 'month') AS month,
    r.rowNumber AS rowNumber,
    r.commission_ratio AS commission_ratio,
    JSONExtract(payload, 'item', 'sku', 'Nullable(Int64)') AS sku,
    JSONExtractString(payload, 'item', 'offer_id') AS offer_id,
    JSONExtractString(payload, 'item', 'barcode') AS barcode,
    JSONExtractString(payload, 'item', 'name') AS name,
    JSONExtractRaw(payload, 'seller_price_per_instance') AS seller_price_per_instance,
    JSONExtractRaw(payload, 'delivery_commission') AS delivery_commission,
    JSONExtractRaw(payload, 'return_commission') AS return_commission,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(rowNumber Nullable(Int64), commission_ratio String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_realization'
)
