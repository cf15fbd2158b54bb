-- materialized: table
-- engine: MergeTree ORDER BY (supplier, loaded_at, row_number)
-- Every accepted row of every price-list load, typed. A load is one lake run; the same file
-- loaded twice is skipped by the loader, so a load's rows never double.
SELECT
    supplier,
    layout,
    file,
    run_id,
    fetched_at AS loaded_at,
    sheet,
    row_number,
    article,
    name,
    barcode,
    brand,
    unit,
    toDecimal64OrNull(ifNull(price_value, ''), 2) AS price,
    toDecimal64OrNull(ifNull(quantity_value, ''), 3) AS quantity
FROM raw.stg_pricelist_rows
WHERE NOT rejected
