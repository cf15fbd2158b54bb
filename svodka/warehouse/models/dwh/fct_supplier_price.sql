-- materialized: table
-- engine: MergeTree ORDER BY (supplier, product_id, article)
-- Each supplier's offers from its newest price lists (every file it sent on the day of its
-- newest load; an article in several, the newest row), linked to a product where the row says
-- which: its barcode (through 1C's barcodes when 1C is connected), or a manual link of the
-- item `pricelist:<supplier>:<article>` (`svodka match link`), which always wins, or else by
-- name (`svodka match`, meta.identity_links, status auto). Other rows stay unlinked ('').
WITH
    newest AS
    (
        SELECT supplier, toDate(max(loaded_at), 'Europe/Moscow') AS day FROM ods.pricelist_rows GROUP BY supplier
    ),
    rows AS
    (
        SELECT r.*, concat('pricelist:', r.supplier, ':', r.article) AS item_key
        FROM ods.pricelist_rows AS r
        INNER JOIN newest AS n ON n.supplier = r.supplier AND n.day = toDate(r.loaded_at, 'Europe/Moscow')
        ORDER BY r.supplier, r.article, r.loaded_at DESC, r.row_number
        LIMIT 1 BY r.supplier, r.article
    ),
    products AS (SELECT DISTINCT product_id FROM dwh.dim_product)
SELECT
    r.supplier AS supplier,
    r.loaded_at AS loaded_at,
    r.file AS file,
    r.item_key AS item_key,
    r.article AS article,
    r.name AS name,
    r.barcode AS barcode,
    r.brand AS brand,
    r.price AS price,
    r.quantity AS quantity,
    multiIf(m.item != '', ifNull(m.product_id, ''),
            c.product_id != '', c.product_id,
            r.barcode IN (SELECT product_id FROM products), r.barcode,
            e.item != '', e.product_id, '') AS product_id,
    multiIf(m.item != '', if(m.product_id IS NULL, 'manual_unlink', 'manual'),
            c.product_id != '' OR r.barcode IN (SELECT product_id FROM products), 'barcode',
            e.item != '', e.method, 'none') AS match_method
FROM rows AS r
LEFT JOIN meta.manual_links AS m ON m.item = r.item_key
LEFT JOIN
(
    SELECT item, assumeNotNull(product_id) AS product_id, method
    FROM meta.identity_links WHERE status = 'auto' AND product_id IS NOT NULL
) AS e ON e.item = r.item_key
LEFT JOIN dwh.onec_barcode_map AS c ON c.barcode = r.barcode AND r.barcode != ''
