-- materialized: view
-- discounts-prices-api GET /api/v2/list/goods/filter: prices per card, sizes nested.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.nmID AS nmID,
    r.vendorCode AS vendorCode,
    r.discount AS discount,
    r.currencyIsoCode4217 AS currencyIsoCode4217,
    JSONExtractRaw(payload, 'sizes') AS sizes,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(nmID Nullable(Int64), vendorCode String, discount Nullable(Int64), currencyIsoCode4217 String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_prices'
)
