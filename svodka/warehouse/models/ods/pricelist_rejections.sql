-- materialized: table
-- engine: MergeTree ORDER BY (supplier, loaded_at, row_number)
-- The rows a price-list load rejected, with the reason (no_article, price_not_number,
-- price_not_positive, quantity_not_number, quantity_not_positive): kept, never dropped.
SELECT supplier, layout, file, run_id, fetched_at AS loaded_at, sheet, row_number, article, name, price_text,
       ifNull(reason, '') AS reason
FROM raw.stg_pricelist_rows
WHERE rejected
