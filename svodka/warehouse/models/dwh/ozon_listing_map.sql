-- materialized: table
-- engine: MergeTree ORDER BY item_id
-- Ozon SKU → product, from the current listings: the one place Ozon facts get their
-- product_id and product barcode (also for SKUs linked by vendor code, which Ozon lists
-- without a barcode). A SKU no catalog answer has listed yet stays 'ozon:<sku>'.
SELECT
    item_id,
    size_id AS ozon_product_id,
    product_id,
    if(match_method IN ('none', 'manual_unlink'), '', product_id) AS barcode,
    vendor_code
FROM dwh.dim_listing
WHERE marketplace = 'ozon' AND is_current = 1
ORDER BY item_id, account
LIMIT 1 BY item_id
