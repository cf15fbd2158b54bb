-- materialized: view
-- 1C OData Catalog_ВидыЦен: price types (purchase, retail…).
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.`Ref_Key` AS `Ref_Key`,
    r.`Description` AS `Description`,
    r.`DeletionMark` AS `DeletionMark`,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Ref_Key` String, `Description` String, `DeletionMark` Nullable(Bool))') AS r
    FROM raw.records FINAL WHERE stream = 'onec_price_types'
)
