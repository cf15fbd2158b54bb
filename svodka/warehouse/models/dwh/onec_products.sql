-- materialized: table
-- engine: MergeTree ORDER BY (account, ref_key)
-- The seller's 1C catalog items, current content, each with the product it is: its
-- canonical barcode — the one a marketplace listing carries when several are registered,
-- else the smallest — or 'onec:<Ref_Key>' for an item without barcodes. Deletion-marked
-- items are left out. 1C is the master catalog: every barcode of an item is that product.
WITH
    items AS
    (
        SELECT * FROM ods.onec_items
        ORDER BY account, ref_key, fetched_at DESC
        LIMIT 1 BY account, ref_key
    ),
    listed AS
    (
        SELECT DISTINCT barcode FROM ods.wb_cards WHERE barcode != ''
        UNION DISTINCT
        SELECT DISTINCT barcode FROM ods.ozon_products WHERE barcode != ''
    )
SELECT
    account,
    ref_key,
    code,
    article,
    name,
    folder,
    barcodes,
    multiIf(
        empty(barcodes), concat('onec:', ref_key),
        notEmpty(arrayFilter(b -> b IN (SELECT barcode FROM listed), barcodes)),
        arrayFilter(b -> b IN (SELECT barcode FROM listed), barcodes)[1],
        barcodes[1]) AS product_id,
    fetched_at
FROM items
WHERE deletion_mark = 0
