-- materialized: view
-- 1C OData Catalog_Номенклатура: the seller's catalog items and folders (daily snapshot).
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.`Ref_Key` AS `Ref_Key`,
    r.`DataVersion` AS `DataVersion`,
    r.`DeletionMark` AS `DeletionMark`,
    r.`Parent_Key` AS `Parent_Key`,
    r.`IsFolder` AS `IsFolder`,
    r.`Code` AS `Code`,
    r.`Description` AS `Description`,
    r.`Артикул` AS `Артикул`,
    r.`НаименованиеПолное` AS `НаименованиеПолное`,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Ref_Key` String, `DataVersion` String, `DeletionMark` Nullable(Bool), `Parent_Key` String, `IsFolder` Nullable(Bool), `Code` String, `Description` String, `Артикул` String, `НаименованиеПолное` String)') AS r
    FROM raw.records FINAL WHERE stream = 'onec_nomenclature'
)
