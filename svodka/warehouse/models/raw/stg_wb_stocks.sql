-- materialized: view
-- seller-analytics-api warehouse_remains download: one row per barcode, warehouses nested.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.nmId AS nmId,
    r.barcode AS barcode,
    r.vendorCode AS vendorCode,
    r.brand AS brand,
    r.subjectName AS subjectName,
    r.techSize AS techSize,
    JSONExtractRaw(payload, 'warehouses') AS warehouses,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(nmId Nullable(Int64), barcode String, vendorCode String, brand String, subjectName String, techSize String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_stocks'
)
