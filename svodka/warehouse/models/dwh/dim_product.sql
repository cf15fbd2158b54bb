-- materialized: table
-- engine: MergeTree ORDER BY product_id
-- One row per product. Until 1C arrives the product is its barcode; attributes come from
-- the card when one exists, else from the first operational row that named the barcode.
WITH seen AS
(
    SELECT barcode, vendor_code, title, brand, subject, 1 AS prio FROM
    (
        SELECT barcode, vendor_code, title, brand, subject FROM ods.wb_cards
        WHERE barcode != ''
        ORDER BY barcode, updated_at DESC, fetched_at DESC LIMIT 1 BY barcode
    )
    UNION ALL
    SELECT barcode, supplier_article, '', brand, subject, 2 FROM ods.wb_orders WHERE barcode != ''
    UNION ALL
    SELECT barcode, supplier_article, '', brand, subject, 3 FROM ods.wb_sales WHERE barcode != ''
    UNION ALL
    SELECT barcode, vendor_code, title, '', '', 4 FROM ods.wb_realization WHERE barcode != ''
    UNION ALL
    SELECT barcode, vendor_code, '', '', '', 5 FROM ods.wb_stocks WHERE barcode != ''
)
SELECT
    barcode AS product_id,
    barcode,
    vendor_code,
    title,
    brand,
    subject
FROM seen
ORDER BY barcode, prio, vendor_code, title
LIMIT 1 BY barcode
