-- materialized: table
-- engine: MergeTree ORDER BY (account, nm_id, updated_at)
-- Card versions (one per updatedAt) with their sizes and barcodes flattened.
SELECT
    account,
    assumeNotNull(nmID) AS nm_id,
    ifNull(imtID, 0) AS imt_id,
    ifNull(subjectID, 0) AS subject_id,
    subjectName AS subject,
    vendorCode AS vendor_code,
    brand,
    title,
    toDateTime(parseDateTime64BestEffort(updatedAt, 0, 'UTC'), 'UTC') AS updated_at,
    JSONExtract(size, 'chrtID', 'Int64') AS chrt_id,
    JSONExtractString(size, 'techSize') AS tech_size,
    sku AS barcode,
    fetched_at,
    run_id
FROM
(
    SELECT * FROM raw.stg_wb_cards
    WHERE nmID IS NOT NULL
    ORDER BY account, nmID, updatedAt, fetched_at DESC, page_id, record_index
    LIMIT 1 BY account, nmID, updatedAt
)
ARRAY JOIN JSONExtractArrayRaw(sizes) AS size
ARRAY JOIN JSONExtract(size, 'skus', 'Array(String)') AS sku
