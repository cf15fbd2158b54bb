-- materialized: view
-- content-api POST /content/v2/get/cards/list: product cards, sizes and barcodes nested.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtract(payload, 'nmID', 'Nullable(Int64)')  AS nmID,
    JSONExtract(payload, 'imtID', 'Nullable(Int64)') AS imtID,
    JSONExtract(payload, 'subjectID', 'Nullable(Int64)') AS subjectID,
    JSONExtractString(payload, 'subjectName') AS subjectName,
    JSONExtractString(payload, 'vendorCode')  AS vendorCode,
    JSONExtractString(payload, 'brand')       AS brand,
    JSONExtractString(payload, 'title')       AS title,
    JSONExtractString(payload, 'updatedAt')   AS updatedAt,
    JSONExtractRaw(payload, 'sizes')          AS sizes,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_cards'
