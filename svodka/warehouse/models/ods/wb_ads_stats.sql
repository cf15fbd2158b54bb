-- materialized: table
-- engine: MergeTree ORDER BY (account, date, advert_id, nm_id, app_type) PARTITION BY toYYYYMM(date)
-- WB advertising statistics per campaign, day, app type and card (fullstats days → apps →
-- nms). Recent days are re-read because WB settles them late: the latest content of a
-- (campaign, day) wins as a whole, with the fetch that first saw that content (so a
-- re-read that brings nothing new changes nothing). Money from JSON numbers, exact.
WITH days AS
(
    SELECT account, assumeNotNull(advertId) AS advert_id, d, cityHash64(d) AS content, fetched_at, run_id,
           page_id, record_index, toDate(substring(JSONExtractString(d, 'date'), 1, 10)) AS date
    FROM raw.stg_wb_ads_stats
    ARRAY JOIN JSONExtractArrayRaw(days) AS d
    WHERE advertId IS NOT NULL
),
latest AS
(
    SELECT account, advert_id, date, argMax(content, (fetched_at, page_id, record_index)) AS content
    FROM days GROUP BY account, advert_id, date
)
SELECT
    account,
    advert_id,
    date,
    JSONExtract(app, 'appType', 'Int64') AS app_type,
    JSONExtract(nm, 'nmId', 'Int64') AS nm_id,
    JSONExtractString(nm, 'name') AS nm_name,
    JSONExtract(nm, 'views', 'Int64') AS views,
    JSONExtract(nm, 'clicks', 'Int64') AS clicks,
    toDecimal64OrNull(JSONExtractRaw(nm, 'sum'), 2) AS spend,
    JSONExtract(nm, 'orders', 'Int64') AS orders,
    toDecimal64OrNull(JSONExtractRaw(nm, 'sum_price'), 2) AS revenue,
    JSONExtract(nm, 'atbs', 'Int64') AS add_to_cart,
    fetched_at,
    run_id
FROM
(
    SELECT * FROM days INNER JOIN latest USING (account, advert_id, date, content)
    ORDER BY account, advert_id, date, fetched_at, page_id, record_index
    LIMIT 1 BY account, advert_id, date
)
ARRAY JOIN JSONExtractArrayRaw(d, 'apps') AS app
ARRAY JOIN JSONExtractArrayRaw(app, 'nms') AS nm
