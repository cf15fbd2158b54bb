-- materialized: view
-- 1C OData Document_ПоступлениеТоваровУслуг: purchase receipts with their goods (tabular part Товары).
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.`Ref_Key` AS `Ref_Key`,
    r.`Number` AS `Number`,
    r.`Date` AS `Date`,
    r.`Posted` AS `Posted`,
    r.`DeletionMark` AS `DeletionMark`,
    r.`Контрагент_Key` AS `Контрагент_Key`,
    r.`Склад_Key` AS `Склад_Key`,
    JSONExtractRaw(payload, 'Товары') AS goods,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Ref_Key` String, `Number` String, `Date` String, `Posted` Nullable(Bool), `DeletionMark` Nullable(Bool), `Контрагент_Key` String, `Склад_Key` String)') AS r
    FROM raw.records FINAL WHERE stream = 'onec_receipts'
)
