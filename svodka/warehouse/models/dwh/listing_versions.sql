-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, item_id, size_id, barcode, changed_at)
-- Every observed version of every marketplace listing's attributes, one row per listing
-- (size on WB, product = SKU on Ozon) and barcode per change time the catalog API reported
-- (WB card updatedAt, Ozon updated_at). The SCD2 dimensions are built from here.
SELECT
    'wb' AS marketplace,
    account,
    toString(nm_id) AS item_id,
    toString(chrt_id) AS size_id,
    barcode,
    vendor_code,
    tech_size,
    -- how many sizes the card has: a single-size card's vendor code names the size itself
    uniqExact(chrt_id) OVER (PARTITION BY account, nm_id, updated_at) AS sizes_in_group,
    title,
    brand,
    subject AS category,
    updated_at AS changed_at,
    fetched_at
FROM ods.wb_cards
UNION ALL
SELECT
    'ozon' AS marketplace,
    account,
    toString(sku) AS item_id,
    -- Ozon's own product id: the key prices and stock summaries use
    toString(product_id) AS size_id,
    barcode,
    offer_id AS vendor_code,
    '' AS tech_size,
    toUInt64(1) AS sizes_in_group,
    name AS title,
    '' AS brand,
    toString(category_id) AS category,
    updated_at AS changed_at,
    fetched_at
FROM ods.ozon_products
WHERE sku != 0
UNION ALL
SELECT
    'onec' AS marketplace,
    account,
    ref_key AS item_id,
    '' AS size_id,
    -- the canonical barcode: the item's other barcodes link through dwh.onec_barcode_map
    p.product_id AS barcode,
    article AS vendor_code,
    '' AS tech_size,
    toUInt64(1) AS sizes_in_group,
    name AS title,
    '' AS brand,
    folder AS category,
    -- 1C reports no change time over OData: a change is dated by the fetch that saw it
    fetched_at AS changed_at,
    fetched_at
FROM ods.onec_items AS i
INNER JOIN (SELECT account, ref_key, product_id FROM dwh.onec_products) AS p USING (account, ref_key)
WHERE i.deletion_mark = 0 AND NOT startsWith(p.product_id, 'onec:')
