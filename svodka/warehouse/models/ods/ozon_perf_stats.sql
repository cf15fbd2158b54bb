-- materialized: table
-- engine: MergeTree ORDER BY (account, date, campaign_id, sku) PARTITION BY toYYYYMM(date)
-- Ozon Performance statistics per campaign, day and SKU, from the report CSVs (dates
-- DD.MM.YYYY in Moscow time, numbers with a decimal comma). Recent days are re-read:
-- the latest report's rows of a (campaign, day) win as a whole, with the report that first
-- showed those same rows (so a re-read that brings nothing new changes nothing).
WITH rows AS
(
    SELECT account, campaign_id, parseDateTimeOrNull(day, '%d.%m.%Y') AS day_at, sku, product_name, views,
           clicks, spend, orders, revenue, fetched_at, run_id, page_id, record_index
    FROM raw.stg_ozon_perf_stats
    WHERE campaign_id != '' AND day != '' AND day_at IS NOT NULL AND toInt64OrNull(sku) IS NOT NULL
),
reports AS
(
    -- each report's rows of a (campaign, day), as one content hash
    SELECT account, campaign_id, day_at, page_id, any(fetched_at) AS fetched_at,
           groupBitXor(cityHash64(sku, views, clicks, spend, orders, revenue)) AS content
    FROM rows GROUP BY account, campaign_id, day_at, page_id
),
latest AS
(
    SELECT r.account AS account, r.campaign_id AS campaign_id, r.day_at AS day_at,
           argMin(r.page_id, (r.fetched_at, r.page_id)) AS page_id
    FROM reports AS r
    INNER JOIN
    (
        SELECT account, campaign_id, day_at, argMax(content, (fetched_at, page_id)) AS content
        FROM reports GROUP BY account, campaign_id, day_at
    ) AS c ON c.account = r.account AND c.campaign_id = r.campaign_id AND c.day_at = r.day_at
        AND c.content = r.content
    GROUP BY account, campaign_id, day_at
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
    ON l.account = r.account AND l.campaign_id = r.campaign_id AND l.day_at = r.day_at AND l.page_id = r.page_id
