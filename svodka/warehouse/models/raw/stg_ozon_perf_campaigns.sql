-- materialized: view
-- api-performance GET /api/client/campaign: advertising campaigns (daily snapshot).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.id AS id,
    r.title AS title,
    r.state AS state,
    r.advObjectType AS advObjectType,
    r.paymentType AS paymentType,
    r.fromDate AS fromDate,
    r.toDate AS toDate,
    r.createdAt AS createdAt,
    r.updatedAt AS updatedAt,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(id String, title String, state String, advObjectType String, paymentType String, fromDate String, toDate String, createdAt String, updatedAt String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_perf_campaigns'
)
