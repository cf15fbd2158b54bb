-- materialized: view
-- api-seller POST /v1/returns/list: returns and cancellations with their product and logistics.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.id AS id,
    r.type AS type,
    r.schema AS schema,
    r.posting_number AS posting_number,
    r.order_number AS order_number,
    r.return_reason_name AS return_reason_name,
    JSONExtract(payload, 'product', 'sku', 'Nullable(Int64)') AS sku,
    JSONExtractString(payload, 'product', 'offer_id') AS offer_id,
    JSONExtract(payload, 'product', 'quantity', 'Nullable(Int64)') AS quantity,
    JSONExtractRaw(payload, 'product', 'price', 'price') AS price,
    JSONExtractString(payload, 'logistic', 'return_date') AS return_date,
    JSONExtractString(payload, 'visual', 'status', 'sys_name') AS status,
    JSONExtractString(payload, 'visual', 'change_moment') AS status_changed_at,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(id Nullable(Int64), type String, schema String, posting_number String, order_number String, return_reason_name String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_returns'
)
