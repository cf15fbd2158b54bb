-- materialized: table
-- engine: MergeTree ORDER BY barcode
-- Every barcode registered in 1C → the product it belongs to (see onec_products).
SELECT barcode, any(product_id) AS product_id, any(ref_key) AS ref_key
FROM dwh.onec_products
ARRAY JOIN barcodes AS barcode
GROUP BY barcode
