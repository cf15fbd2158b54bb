-- materialized: table
-- engine: MergeTree ORDER BY (account, campaign_id)
-- Ozon Performance campaigns as last seen.
SELECT
    account,
    id AS campaign_id,
    title AS name,
    state,
    advObjectType AS object_type,
    paymentType AS payment_type,
    fromDate AS date_from,
    toDate AS date_to,
    fetched_at,
    run_id
FROM raw.stg_ozon_perf_campaigns
WHERE id != ''
ORDER BY account, id, fetched_at DESC, page_id, record_index
LIMIT 1 BY account, id
