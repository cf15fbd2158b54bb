-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, item_id, barcode)
-- Marketplace listings (WB card size) ↔ product, linked by barcode for now.
SELECT
    'wb' AS marketplace,
    account,
    toString(nm_id) AS item_id,
    chrt_id AS size_id,
    barcode,
    barcode AS product_id,
    vendor_code,
    title,
    tech_size,
    'barcode' AS match_method,
    toFloat32(1) AS match_confidence
FROM ods.wb_cards
WHERE barcode != ''
ORDER BY account, nm_id, barcode, updated_at DESC, fetched_at DESC
LIMIT 1 BY account, nm_id, barcode
