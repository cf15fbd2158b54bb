-- materialized: table
-- engine: MergeTree ORDER BY (account, sale_id, last_change_at) PARTITION BY toYYYYMM(sale_date)
-- Every version of every sale (saleID S…) and return (R…) line, first fetch kept. Amounts are kept as
-- positive goods values; `kind` carries the direction whatever sign WB sends.
-- Money is NULL only when WB sent something that is not a number: a check fails on it.
SELECT
    account,
    saleID AS sale_id,
    srid,
    if(startsWith(saleID, 'R'), 'return', 'sale') AS kind,
    toDateTime(parseDateTime64BestEffort(date, 0, 'Europe/Moscow'), 'UTC')           AS sale_at,
    toDate(parseDateTime64BestEffort(date, 0, 'Europe/Moscow'), 'Europe/Moscow')     AS sale_date,
    toDateTime(parseDateTime64BestEffort(lastChangeDate, 0, 'Europe/Moscow'), 'UTC') AS last_change_at,
    warehouseName AS warehouse,
    warehouseType AS warehouse_type,
    regionName AS region,
    supplierArticle AS supplier_article,
    assumeNotNull(nmId) AS nm_id,
    barcode,
    subject, brand,
    techSize AS tech_size,
    abs(toDecimal64OrNull(if(totalPrice = '', '0', totalPrice), 2)) AS total_price,
    abs(toDecimal64OrNull(if(finishedPrice = '', '0', finishedPrice), 2)) AS finished_price,
    abs(toDecimal64OrNull(if(priceWithDisc = '', '0', priceWithDisc), 2)) AS price_with_disc,
    abs(toDecimal64OrNull(if(forPay = '', '0', forPay), 2)) AS for_pay,
    gNumber AS g_number,
    fetched_at,
    run_id
FROM raw.stg_wb_sales
WHERE nmId IS NOT NULL
ORDER BY account, sale_id, last_change_at, fetched_at, page_id, record_index
LIMIT 1 BY account, sale_id, last_change_at
