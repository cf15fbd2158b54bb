-- materialized: table
-- engine: MergeTree ORDER BY (account, product_id, updated_at)
-- Ozon product versions (one per updated_at, first fetch kept), typed. One product is one
-- SKU; its first listed barcode links it (ozon lists several only for the same goods).
SELECT
    account,
    assumeNotNull(id) AS product_id,
    ifNull(sku, 0) AS sku,
    offer_id,
    name,
    if(empty(barcodes), '', barcodes[1]) AS barcode,
    barcodes,
    ifNull(description_category_id, 0) AS category_id,
    toDecimal64OrNull(if(price = '', '0', price), 2) AS price,
    toDecimal64OrNull(if(old_price = '', '0', old_price), 2) AS old_price,
    currency_code,
    toUInt8(ifNull(is_archived, false)) AS is_archived,
    toDateTime(parseDateTime64BestEffort(created_at, 0, 'UTC'), 'UTC') AS created_at,
    toDateTime(parseDateTime64BestEffort(updated_at, 0, 'UTC'), 'UTC') AS updated_at,
    fetched_at,
    run_id
FROM
(
    SELECT * FROM raw.stg_ozon_products
    WHERE id IS NOT NULL
    ORDER BY account, id, updated_at, fetched_at, page_id, record_index
    LIMIT 1 BY account, id, updated_at
)
