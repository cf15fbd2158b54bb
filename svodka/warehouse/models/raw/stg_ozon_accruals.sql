-- materialized: view
-- api-seller POST /v1/finance/accrual/by-day: accruals of one day; money as strings (kept as text).
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'date') AS page_date,
    r.accrual_id AS accrual_id,
    r.accrued_category AS accrued_category,
    r.date AS date,
    r.unit_number AS unit_number,
    JSONExtractRaw(payload, 'posting') AS posting,
    JSONExtractRaw(payload, 'item_fees') AS item_fees,
    JSONExtractRaw(payload, 'non_item_fee') AS non_item_fee,
    JSONExtractString(payload, 'total_amount', 'amount') AS total_amount,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(accrual_id Nullable(Int64), accrued_category String, date String, unit_number String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_accruals'
)
