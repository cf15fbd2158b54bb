-- materialized: view
-- discounts-prices-api GET /api/v2/list/goods/filter: prices per card, sizes nested.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date')   AS snapshot_date,
    JSONExtract(payload, 'nmID', 'Nullable(Int64)') AS nmID,
    JSONExtractString(payload, 'vendorCode')   AS vendorCode,
    JSONExtract(payload, 'discount', 'Nullable(Int64)') AS discount,
    JSONExtractString(payload, 'currencyIsoCode4217') AS currencyIsoCode4217,
    JSONExtractRaw(payload, 'sizes')           AS sizes,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_prices'
