-- materialized: view
-- advert-api GET /api/advert/v2/adverts: campaigns with their settings and advertised cards (daily snapshot).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.id AS id,
    r.status AS status,
    r.bid_type AS bid_type,
    JSONExtractString(payload, 'settings', 'name') AS name,
    JSONExtractString(payload, 'settings', 'payment_type') AS payment_type,
    JSONExtractRaw(payload, 'nm_settings') AS nm_settings,
    JSONExtractString(payload, 'timestamps', 'created') AS created,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(id Nullable(Int64), status Nullable(Int64), bid_type String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_ads_campaigns'
)
