-- materialized: view
-- api-seller POST /v1/finance/accrual/types: the directory of accrual types.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.id AS id,
    r.name AS name,
    r.description AS description,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(id Nullable(Int64), name String, description String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_accrual_types'
)
