-- materialized: view
-- 1C CommerceML 2 offers.xml: one record per Предложение (prices by price type, quantity).
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'generated_at') AS generated_at,
    JSONExtractString(payload, 'Ид') AS id,
    JSONExtractString(payload, 'Штрихкод') AS barcode,
    JSONExtractRaw(payload, 'Цены') AS prices,
    JSONExtractString(payload, 'Количество') AS quantity,
    payload
FROM raw.records FINAL WHERE stream = 'cml_offers'
