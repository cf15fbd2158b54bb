-- materialized: view
-- api-seller POST /v4/posting/fbs/list: FBS postings (shipped from the seller's warehouse) with products and financial data.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.posting_number AS posting_number,
    r.order_id AS order_id,
    r.order_number AS order_number,
    r.status AS status,
    r.substatus AS substatus,
    r.in_process_at AS in_process_at,
    r.shipment_date AS shipment_date,
    r.delivering_date AS delivering_date,
    JSONExtractRaw(payload, 'products') AS products,
    JSONExtractRaw(payload, 'financial_data', 'products') AS financial_products,
    JSONExtractString(payload, 'financial_data', 'cluster_from') AS cluster_from,
    JSONExtractString(payload, 'financial_data', 'cluster_to') AS cluster_to,
    JSONExtract(payload, 'delivery_method', 'warehouse_id', 'Nullable(Int64)') AS warehouse_id,
    JSONExtractString(payload, 'delivery_method', 'warehouse') AS warehouse_name,
    JSONExtractString(payload, 'analytics_data', 'city') AS city,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(posting_number String, order_id Nullable(Int64), order_number String, status String, substatus String, in_process_at String, shipment_date String, delivering_date String)') AS r
    FROM raw.records FINAL WHERE stream = 'ozon_postings_fbs'
)
