-- materialized: view
-- seller-analytics-api warehouse_remains download: one row per barcode, warehouses nested.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date')      AS snapshot_date,
    JSONExtract(payload, 'nmId', 'Nullable(Int64)') AS nmId,
    JSONExtractString(payload, 'barcode')         AS barcode,
    JSONExtractString(payload, 'vendorCode')      AS vendorCode,
    JSONExtractString(payload, 'brand')           AS brand,
    JSONExtractString(payload, 'subjectName')     AS subjectName,
    JSONExtractString(payload, 'techSize')        AS techSize,
    JSONExtractRaw(payload, 'warehouses')         AS warehouses,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_stocks'
