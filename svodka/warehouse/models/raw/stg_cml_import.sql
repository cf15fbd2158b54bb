-- materialized: view
-- 1C CommerceML 2 import.xml: one record per Товар (catalog item with barcode and article).
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'generated_at') AS generated_at,
    JSONExtractString(payload, 'Ид') AS id,
    JSONExtractString(payload, 'Штрихкод') AS barcode,
    JSONExtractString(payload, 'Артикул') AS article,
    JSONExtractString(payload, 'Наименование') AS name,
    JSONExtract(payload, 'ГруппыНаименования', 'Array(String)') AS groups,
    JSONExtractString(payload, 'ПометкаУдаления') AS deletion_mark,
    payload
FROM raw.records FINAL WHERE stream = 'cml_import'
