-- materialized: view
-- content-api POST /content/v2/get/cards/list: product cards, sizes and barcodes nested.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.nmID AS nmID,
    r.imtID AS imtID,
    r.subjectID AS subjectID,
    r.subjectName AS subjectName,
    r.vendorCode AS vendorCode,
    r.brand AS brand,
    r.title AS title,
    r.updatedAt AS updatedAt,
    JSONExtractRaw(payload, 'sizes') AS sizes,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(nmID Nullable(Int64), imtID Nullable(Int64), subjectID Nullable(Int64), subjectName String, vendorCode String, brand String, title String, updatedAt String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_cards'
)
