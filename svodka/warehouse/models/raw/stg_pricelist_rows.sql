-- materialized: view
-- Supplier price-list rows as the loader decoded them from the stored file (one record per
-- data row, rejected rows included with their reason), plus the load's supplier and layout.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'supplier') AS supplier,
    JSONExtractString(meta, 'layout') AS layout,
    JSONExtractString(meta, 'file_name') AS file,
    r.sheet AS sheet,
    r.row AS row_number,
    r.article AS article,
    r.name AS name,
    r.barcode AS barcode,
    r.brand AS brand,
    r.unit AS unit,
    r.price AS price_text,
    r.price_value AS price_value,
    r.quantity_value AS quantity_value,
    r.rejected AS rejected,
    r.reason AS reason,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(sheet String, row Int64, article String, name String, barcode String, brand String, unit String, price String, price_value Nullable(String), quantity_value Nullable(String), rejected Bool, reason Nullable(String))') AS r
    FROM raw.records FINAL WHERE stream = 'pricelist_rows'
)
