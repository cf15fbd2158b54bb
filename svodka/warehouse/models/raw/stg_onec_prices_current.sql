-- materialized: view
-- 1C OData InformationRegister_ЦеныНоменклатуры/SliceLast(Period=now): the prices in force (daily snapshot).
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    r.`Period` AS `Period`,
    r.`ВидЦены_Key` AS `ВидЦены_Key`,
    r.`Номенклатура_Key` AS `Номенклатура_Key`,
    JSONExtractRaw(payload, 'Цена') AS price,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Period` String, `ВидЦены_Key` String, `Номенклатура_Key` String)') AS r
    FROM raw.records FINAL WHERE stream = 'onec_prices_current'
)
