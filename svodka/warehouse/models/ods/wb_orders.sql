-- materialized: table
-- engine: MergeTree ORDER BY (account, srid, last_change_at) PARTITION BY toYYYYMM(order_date)
-- Every version of every order line (a version per lastChangeDate); the same version read
-- again collapses onto the fetch that first saw it, so re-reads change nothing.
SELECT
    account,
    srid,
    toDateTime(parseDateTime64BestEffort(date, 0, 'Europe/Moscow'), 'UTC')           AS order_at,
    toDate(parseDateTime64BestEffort(date, 0, 'Europe/Moscow'), 'Europe/Moscow')     AS order_date,
    toDateTime(parseDateTime64BestEffort(lastChangeDate, 0, 'Europe/Moscow'), 'UTC') AS last_change_at,
    warehouseName AS warehouse,
    warehouseType AS warehouse_type,
    countryName AS country,
    oblastOkrugName AS oblast,
    regionName AS region,
    supplierArticle AS supplier_article,
    assumeNotNull(nmId) AS nm_id,
    barcode,
    category, subject, brand,
    techSize AS tech_size,
    toDecimal64OrNull(if(totalPrice = '', '0', totalPrice), 2) AS total_price,
    ifNull(discountPercent, 0)               AS discount_percent,
    toDecimal64OrNull(if(spp = '', '0', spp), 2) AS spp,
    toDecimal64OrNull(if(finishedPrice = '', '0', finishedPrice), 2) AS finished_price,
    toDecimal64OrNull(if(priceWithDisc = '', '0', priceWithDisc), 2) AS price_with_disc,
    toUInt8(ifNull(isCancel, false))         AS is_cancel,
    if(cancelDate = '' OR startsWith(cancelDate, '0001'), NULL,
       toDate(parseDateTime64BestEffortOrNull(cancelDate, 0, 'Europe/Moscow'), 'Europe/Moscow')) AS cancel_date,
    gNumber AS g_number,
    fetched_at,
    run_id
FROM raw.stg_wb_orders
WHERE nmId IS NOT NULL
ORDER BY account, srid, last_change_at, fetched_at, page_id, record_index
LIMIT 1 BY account, srid, last_change_at
