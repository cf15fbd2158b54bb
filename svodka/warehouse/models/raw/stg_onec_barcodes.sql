-- materialized: view
-- 1C OData InformationRegister_ШтрихкодыНоменклатуры: barcodes of catalog items (daily snapshot).
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.`Штрихкод` AS `Штрихкод`,
    r.`Номенклатура_Key` AS `Номенклатура_Key`,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Штрихкод` String, `Номенклатура_Key` String)') AS r
    FROM raw.records FINAL WHERE stream = 'onec_barcodes'
)
