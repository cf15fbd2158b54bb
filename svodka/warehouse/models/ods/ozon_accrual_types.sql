-- materialized: table
-- engine: MergeTree ORDER BY type_id
-- The accrual-type directory as last fetched: type_id → name.
SELECT assumeNotNull(id) AS type_id, name, description
FROM raw.stg_ozon_accrual_types
WHERE id IS NOT NULL
ORDER BY id, fetched_at DESC, page_id, record_index
LIMIT 1 BY id
