-- materialized: view
-- advert-api GET /adv/v3/fullstats: per campaign, its days, each day per app type and card (nmId).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'date_from') AS date_from,
    JSONExtractString(meta, 'date_to') AS date_to,
    r.advertId AS advertId,
    JSONExtractRaw(payload, 'days') AS days,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(advertId Nullable(Int64))') AS r
    FROM raw.records FINAL WHERE stream = 'wb_ads_stats'
)
