-- materialized: view
-- api-seller POST /v3/posting/fbo/list: FBO postings with their products and financial data.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.posting_number AS posting_number,
    r.order_id AS order_id,
    r.order_number AS order_number,
    r.status AS status,
    r.substatus AS substatus,
    r.created_at AS created_at,
    r.in_process_at AS in_process_at,
    JSONExtractRaw(payload, 'products') AS products,
    JSONExtractRaw(payload, 'financial_data', 'products') AS financial_products,
    JSONExtractString(payload, 'financial_data', 'cluster_from') AS cluster_from,
    JSONExtractString(payload, 'financial_data', 'cluster_to') AS cluster_to,
    JSONExtract(payload, 'analytics_data', 'warehouse_id', 'Nullable(Int64)') AS warehouse_id,
    JSONExtractString(payload, 'analytics_data', 'warehouse_name') AS warehouse_name,
    JSONExtractString(payload, 'analytics_data', 'city') AS city,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(posting_number String, order_id Nullable(Int64), order_number String, status String, substatus String, created_at String, in_process_at String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_postings_fbo'
)
