-- materialized: table
-- engine: MergeTree ORDER BY (account, advert_id)
-- WB advertising campaigns as last seen, with the cards each advertises.
SELECT
    account,
    assumeNotNull(id) AS advert_id,
    name,
    ifNull(status, 0) AS status,
    payment_type,
    bid_type,
    arrayMap(x -> JSONExtract(x, 'nm_id', 'Int64'), JSONExtractArrayRaw(nm_settings)) AS nm_ids,
    toDate(snapshot_date) AS snapshot_date,
    fetched_at,
    run_id
FROM raw.stg_wb_ads_campaigns
WHERE id IS NOT NULL
ORDER BY account, id, fetched_at DESC, page_id, record_index
LIMIT 1 BY account, id
