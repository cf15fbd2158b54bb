-- materialized: table
-- engine: MergeTree ORDER BY (account, posting_number, sku, fetched_at) PARTITION BY toYYYYMM(order_date)
-- FBO and FBS postings, one row per posting line (SKU) and version: a posting's status
-- changes after the fact (awaiting_packaging → delivering → delivered | cancelled), and
-- each status is kept with the fetch that first saw it; re-reading changes nothing.
-- order_date is the Moscow date processing started (in_process_at), as Ozon counts orders.
WITH postings AS
(
    SELECT account, 'FBO' AS scheme, posting_number, order_number, status, substatus, created_at,
           in_process_at, '' AS delivering_date, products, financial_products, cluster_from, cluster_to,
           warehouse_id, warehouse_name, city, fetched_at, run_id, page_id, record_index
    FROM raw.stg_ozon_postings_fbo
    UNION ALL
    SELECT account, 'FBS', posting_number, order_number, status, substatus, in_process_at,
           in_process_at, delivering_date, products, financial_products, cluster_from, cluster_to,
           warehouse_id, warehouse_name, city, fetched_at, run_id, page_id, record_index
    FROM raw.stg_ozon_postings_fbs
)
SELECT
    account,
    scheme,
    posting_number,
    order_number,
    status,
    substatus,
    toDateTime(parseDateTime64BestEffort(created_at, 0, 'UTC'), 'UTC') AS created_at,
    toDateTime(parseDateTime64BestEffort(in_process_at, 0, 'UTC'), 'UTC') AS in_process_at,
    toDate(in_process_at, 'Europe/Moscow') AS order_date,
    JSONExtract(p.1, 'sku', 'Int64') AS sku,
    JSONExtractString(p.1, 'offer_id') AS offer_id,
    JSONExtractString(p.1, 'name') AS name,
    JSONExtract(p.1, 'quantity', 'Int64') AS quantity,
    toDecimal64OrNull(JSONExtractString(p.1, 'price', 'amount'), 2) AS price,
    toDecimal64OrNull(nullIf(JSONExtractRaw(p.2, 'old_price'), ''), 2) AS old_price,
    toDecimal64OrNull(nullIf(JSONExtractRaw(p.2, 'commission', 'amount'), ''), 2) AS commission_amount,
    toDecimal64OrNull(nullIf(JSONExtractRaw(p.2, 'payout'), ''), 2) AS payout,
    cluster_from,
    cluster_to,
    ifNull(warehouse_id, 0) AS warehouse_id,
    warehouse_name,
    city,
    fetched_at,
    run_id
FROM
(
    SELECT * FROM postings
    ORDER BY account, posting_number, status, substatus, fetched_at, page_id, record_index
    LIMIT 1 BY account, posting_number, status, substatus
)
-- products[i] and financial_data.products[i] describe the same line
ARRAY JOIN arrayZip(
    JSONExtractArrayRaw(products),
    arrayResize(JSONExtractArrayRaw(financial_products), length(JSONExtractArrayRaw(products)), '')
) AS p
WHERE posting_number != ''
