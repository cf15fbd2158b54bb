-- materialized: table
-- engine: MergeTree ORDER BY (account, date, campaign_id, sku) PARTITION BY toYYYYMM(date)
-- Ozon Performance statistics per campaign, day and SKU, from the report CSVs (dates
-- DD.MM.YYYY in Moscow time, numbers with a decimal comma). Recent days are re-read:
-- the latest report that covers a (campaign, day) wins as a whole.
WITH rows AS
(
    SELECT account, campaign_id, parseDateTimeOrNull(day, '%d.%m.%Y') AS day_at, sku, product_name, views,
           clicks, spend, orders, revenue, fetched_at, run_id, page_id, record_index
    FROM raw.stg_ozon_perf_stats
    WHERE campaign_id != '' AND day != '' AND day_at IS NOT NULL AND toInt64OrNull(sku) IS NOT NULL
),
latest AS
(
    SELECT account, campaign_id, day_at, max(fetched_at) AS fetched_at
    FROM rows GROUP BY account, campaign_id, day_at
)
SELECT
    r.account AS account,
    r.campaign_id AS campaign_id,
    toDate(assumeNotNull(r.day_at)) AS date,
    toInt64(r.sku) AS sku,
    r.product_name AS product_name,
    toInt64OrNull(replaceRegexpAll(r.views, '\\s', '')) AS views,
    toInt64OrNull(replaceRegexpAll(r.clicks, '\\s', '')) AS clicks,
    toDecimal64OrNull(replaceOne(replaceRegexpAll(r.spend, '\\s', ''), ',', '.'), 2) AS spend,
    toInt64OrNull(replaceRegexpAll(r.orders, '\\s', '')) AS orders,
    toDecimal64OrNull(replaceOne(replaceRegexpAll(r.revenue, '\\s', ''), ',', '.'), 2) AS revenue,
    r.fetched_at AS fetched_at,
    r.run_id AS run_id
FROM rows AS r
INNER JOIN latest AS l
    ON l.account = r.account AND l.campaign_id = r.campaign_id AND l.day_at = r.day_at AND l.fetched_at = r.fetched_at
