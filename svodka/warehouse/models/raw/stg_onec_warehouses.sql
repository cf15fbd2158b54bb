-- materialized: view
-- 1C OData Catalog_Склады: the seller's own warehouses.
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.`Ref_Key` AS `Ref_Key`,
    r.`Description` AS `Description`,
    r.`IsFolder` AS `IsFolder`,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Ref_Key` String, `Description` String, `IsFolder` Nullable(Bool))') AS r
    FROM raw.records FINAL WHERE stream = 'onec_warehouses'
)
