-- materialized: view
-- 1C OData stock balance at the sync (AccumulationRegister_ТоварыНаСкладах/Balance, or account 41.01 of AccountingRegister_Хозрасчетный/Balance), daily snapshot.
-- Fields as 1C names them (Cyrillic), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'snapshot_date') AS snapshot_date,
    JSONExtractString(meta, 'register') AS register,
    JSONExtractString(meta, 'account_key') AS account_key,
    -- a stock register names item and warehouse; account 41.01 keeps them as субконто 1 and 2
    if(startsWith(register, 'AccountingRegister'), JSONExtractString(payload, 'ExtDimension1'), r.`Номенклатура_Key`)
        AS item_key,
    if(startsWith(register, 'AccountingRegister'), JSONExtractString(payload, 'ExtDimension2'), r.`Склад_Key`)
        AS warehouse_key,
    JSONExtractRaw(payload, if(startsWith(register, 'AccountingRegister'), 'КоличествоBalanceDr', 'КоличествоBalance'))
        AS quantity,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(`Номенклатура_Key` String, `Склад_Key` String)') AS r
    FROM raw.records FINAL WHERE stream = 'onec_stock'
)
